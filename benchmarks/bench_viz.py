"""Benchmark of the explorer page on synthetic graphs (default 10,000 and 100,000 entities, three
statements an entity).

For each size: the time of each stage (store -> view_data -> prepare, which cuts a graph too large
for one page to its most linked entities -> layout -> render_html), the page size, what the page
holds and opens on, and the load time in headless Chromium up to the page's ready signal
(window.kgReady: data parsed, network drawn), against a baseline measured in the same run: a page
with the same inlined vis-network and no data. Then the time of a filter change, of showing every
entity and of a redraw, as a responsiveness check; and the ratios of the largest size to the
smallest.

    PYTHONPATH=. python benchmarks/bench_viz.py [--sizes 10000,100000] [--runs 3]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from kg import viz  # noqa: E402
from kg.overview import prepare  # noqa: E402
from test_viz import Builder  # noqa: E402

CLASSES = ["Person", "Country", "City", "Region", "GovernmentBody", "InternationalOrganization",
           "ArmedGroup", "MediaOrganization", "PoliticalParty", "Company", "Event", "Meeting"]
TYPES = ["holdsPosition", "memberOf", "partOf", "leads", "governs", "locatedIn", "participatesIn",
         "visits", "meetsWith", "partnersWith", "signsAgreementWith", "supports", "recognizes",
         "invites", "callsOn", "revokesDesignation", "designatesAsTerrorist", "sanctions",
         "criticizes", "threatens", "fightsAgainst", "withdrawsFrom", "overthrows"]
MODALITIES = ["Asserted"] * 14 + ["Negated", "Planned", "Reported", "Reported", "Hypothetical"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic(n_nodes: int, n_edges: int, seed: int = 1) -> Builder:
    """A news-like graph: preferential attachment (a few hubs, many leaves), 2% isolated
    entities, one article per 10 statements, dates of year/month/day granularity over 25 years."""
    rnd = random.Random(seed)
    b = Builder()
    n_articles = max(1, n_edges // 10)
    for a in range(n_articles):
        b.article(f"art-{a:05d}", title=f"Synthetic article number {a}",
                  issued=f"{2001 + a % 25}-{1 + a % 12:02d}-{1 + a % 28:02d}",
                  url=f"https://example.org/news/{a}", publisher=f"Outlet {a % 40}")
    keys = [f"e{i:05d}" for i in range(n_nodes)]
    for i, key in enumerate(keys):
        b.entity(f"art-{i % n_articles:05d}", key, CLASSES[int(rnd.paretovariate(1.3)) % len(CLASSES)],
                 f"Entity {i} {rnd.choice(['Alpha', 'Beta', 'Gamma', 'Delta', 'Omega'])}",
                 [f"E{i}"] if i % 3 == 0 else [])
    connected = keys[: int(n_nodes * 0.98)]
    targets = [connected[0], connected[1]]
    for j in range(n_edges):
        if j < len(connected):       # every connected entity gets at least one statement
            s = connected[j]
        else:
            s = rnd.choice(connected)
        o = rnd.choice(targets) if rnd.random() < 0.7 else rnd.choice(connected)
        if o == s:
            o = connected[(connected.index(s) + 1) % len(connected)]
        targets += [s, o]
        year = 2001 + rnd.randrange(25)
        kind = rnd.random()
        date = start = end = None
        if kind < 0.35:
            date = str(year)
        elif kind < 0.6:
            date = f"{year}-{1 + rnd.randrange(12):02d}"
        elif kind < 0.8:
            date = f"{year}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}"
        elif kind < 0.85:
            start, end = str(year - 3), str(year)
        b.statement(f"art-{j // 10:05d}", s, rnd.choice(TYPES), o,
                    f"Synthetic sentence {j}: {s} did something to {o}, officials said on the day.",
                    modality=rnd.choice(MODALITIES), date=date, start=start, end=end,
                    date_text="then" if (date or start) else None,
                    speaker=s if j % 7 == 0 else None, confidence=f"0.{50 + j % 50}")
    return b


BASELINE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body,#g{margin:0;
height:100%}</style></head><body><div id="g"></div><script>VIS</script><script>
var n = new vis.Network(document.getElementById("g"), {nodes: [], edges: []}, {});
n.once("afterDrawing", function () { requestAnimationFrame(function () {
window.kgReady = true; document.body.setAttribute("data-ready", "1"); }); });
n.redraw();
</script></body></html>"""


def load_time(browser, path: Path):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    t0 = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")  # then wait for the page's own ready signal
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=300_000)
    elapsed = time.perf_counter() - t0
    return elapsed, errors, requests, page


RESPONSIVENESS = """async () => {
    const kg = window.kg, types = JSON.parse(document.getElementById('kg-data').textContent).types;
    const opening = {nodes: kg.visibleNodeCount(), labels: kg.labels().length, scale: kg.network.getScale()};
    let t = performance.now();
    kg.setTypes(types.slice(0, 5).map(x => x[0])); const filtered = kg.visibleEdgeCount();
    const filter = performance.now() - t;
    t = performance.now(); kg.setTypes(null); const all = performance.now() - t;
    t = performance.now(); kg.setTimeRange('2010', '2012'); const time = performance.now() - t;
    kg.setTimeRange('1900', '2100');
    const redraw = () => new Promise(res => { const t0 = performance.now();
      kg.network.once('afterDrawing', () => res(performance.now() - t0));
      kg.network.moveTo({scale: kg.network.getScale() * 1.5}); });
    const draw = await redraw();
    t = performance.now(); kg.setMinLinks(0); const everyone = performance.now() - t;
    const drawAll = await redraw();
    return {opening, filter, all, time, draw, everyone, drawAll, filtered};
}"""


def measure(browser, n_nodes: int, n_edges: int, runs: int, tmp: Path, keep: str | None) -> dict:
    """Every figure of one size, printed as it comes."""
    t = time.perf_counter()
    store = synthetic(n_nodes, n_edges).store()
    t_store = time.perf_counter() - t
    stages = {}
    t = time.perf_counter()
    view = viz.view_data(store)
    stages["view_data"] = time.perf_counter() - t
    del store
    t = time.perf_counter()
    prepared = prepare(view)
    stages["prepare"] = time.perf_counter() - t
    t = time.perf_counter()
    placed = viz.layout(prepared)
    stages["layout"] = time.perf_counter() - t
    t = time.perf_counter()
    page = viz.render_html(placed, title="kg explorer benchmark")
    stages["render_html"] = time.perf_counter() - t
    size = len(page.encode())
    print(f"\n== {len(view['nodes']):,} entities, {len(view['edges']):,} statements "
          f"(store built in {t_store:.1f} s)")
    print(" | ".join(f"{k} {v:.2f} s" for k, v in stages.items()) + f" | page {size / 1e6:.1f} MB")
    held = (f"the page holds {len(placed['nodes']):,} entities, {len(placed['edges']):,} statements, "
            f"{len(placed['links']):,} links")
    if placed.get("omitted"):
        held += (f" (cut: {placed['omitted']['entities']:,} entities and "
                 f"{placed['omitted']['statements']:,} statements left out)")
    print(held)
    graph = tmp / f"graph-{n_nodes}.html"
    graph.write_text(page, encoding="utf-8")
    if keep:
        Path(keep.replace("{n}", str(n_nodes))).write_text(page, encoding="utf-8")
    del page, view, prepared
    loads = []
    for _ in range(runs):
        g_time, errors, requests, gp = load_time(browser, graph)
        loads.append(g_time)
        if errors or requests != [graph.as_uri()]:
            print("page errors:", errors, "requests:", requests)
        timings = gp.evaluate(RESPONSIVENESS)
        gp.close()
    load = statistics.median(loads)
    o = timings["opening"]
    print(f"opens on {o['nodes']:,} entities with {o['labels']} labels at zoom {o['scale']:.2f}")
    print(f"Chromium load to ready (median of {runs}): {load:.2f} s [{', '.join(f'{x:.2f}' for x in loads)}]")
    print(f"responsiveness: type filter {timings['filter']:.0f} ms ({timings['filtered']:,} statements left), "
          f"clear filter {timings['all']:.0f} ms, time filter {timings['time']:.0f} ms, "
          f"zoom redraw {timings['draw']:.0f} ms; show every entity {timings['everyone']:.0f} ms, "
          f"then zoom redraw {timings['drawAll']:.0f} ms")
    return {"load": load, "size": size, "nodes": n_nodes, **stages, **timings}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="entities of each graph, comma separated")
    ap.add_argument("--edges-per-node", type=float, default=3.0, help="statements per entity")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--keep", help="also write each page here ({n}: the number of entities)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        base = Path(tmp) / "baseline.html"
        base.write_text(BASELINE.replace("VIS", viz.vis_network_js()), encoding="utf-8")
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        bases = []
        for _ in range(args.runs):
            b_time, _, _, bp = load_time(browser, base)
            bp.close()
            bases.append(b_time)
        baseline = statistics.median(bases)
        print(f"baseline (same vis-network, no data), median of {args.runs}: {baseline:.2f} s")
        results = [measure(browser, n, int(n * args.edges_per_node), args.runs, Path(tmp), args.keep) for n in sizes]
        browser.close()
    print("\n== summary (ratios to the baseline page, measured in this run)")
    for r in results:
        print(f"{r['nodes']:>9,} entities: load {r['load']:.2f} s = {r['load'] / baseline:.1f}x baseline, "
              f"page {r['size'] / 1e6:.1f} MB, filter {r['filter']:.0f} ms, redraw {r['draw']:.0f} ms "
              f"-> {'OK' if r['load'] < 5 else 'MISSED'} (target: load < 5 s)")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"{b['nodes'] / a['nodes']:.0f}x the entities: load {b['load'] / a['load']:.2f}x, "
              f"page {b['size'] / a['size']:.2f}x, filter {b['filter'] / max(a['filter'], 1e-9):.2f}x, "
              f"redraw {b['draw'] / max(a['draw'], 1e-9):.2f}x")


if __name__ == "__main__":
    main()

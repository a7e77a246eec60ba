"""Store benchmark at 1M+ quads of synthetic articles, each figure against a baseline of the same run.

- ingest: kg's write path (``kg.build.Writer``: bulk loads into a new store) against the two ways
  of main before issue 18, run here on the same articles: one SPARQL update per article (what this
  benchmark measured), and two N-Quads loads per batch of 32 (what ``kg build`` did);
- consolidation: a full recompute; adding 10 articles (their write and the update of the
  kg:Relations they touch) and removing one, on the large store against an empty one;
- exports of every streamed format: seconds, and peak memory at the full size against a quarter;
- the named queries and the README cookbook on the large store (median of --repeat runs), with
  the 100 ms target for those whose result is small;
- with --rdflib: loading the N-Quads file and the named queries in rdflib (slow).

    PYTHONPATH=. python benchmarks/bench_store.py [--articles 3400]
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pyoxigraph as ox  # noqa: E402
from synthetic import synthetic  # noqa: E402

from kg.build import Writer  # noqa: E402
from kg.consolidate import consolidate, refresh_consolidation, remove_articles, write_articles  # noqa: E402
from kg.pipeline import Done  # noqa: E402
from kg.query import named_queries, run  # noqa: E402
from kg.store import PREFIXES, GraphStore  # noqa: E402

SMALL_RESULT = 1000  # rows: a query returning fewer should answer in 100 ms
EXPORTS = ("nq", "trig", "nt", "ttl")
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows while it works

MEMORY = """
import json, re, sys
from pathlib import Path
from kg.export import export
from kg.store import GraphStore
with GraphStore(sys.argv[1]) as store:
    if sys.argv[3] == "-":  # the baseline: open the store and count it
        len(store)
    else:
        export(store, sys.argv[2], sys.argv[3])
peak = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)  # not inherited, unlike ru_maxrss
print(json.dumps({"peak": int(peak) / 1024}))
"""


class Timeout(Exception):
    pass


def capped(fn, seconds: float):
    """Run ``fn``; stop it with Timeout after ``seconds`` (rdflib is pure Python: a signal stops it)."""
    def alarm(signum, frame):
        raise Timeout

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_time(fn, repeat: int) -> float:
    return statistics.median(timed(fn)[0] for _ in range(repeat))


def done(graph: str, quads) -> Done:
    return Done(graph, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), 0, 0, graph)


def ingest_kg(store: GraphStore, articles: list[Done], batch: int = 32) -> None:
    """What kg build does with the results: kg.build.Writer (bulk loads into a new store), then consolidation."""
    writer = Writer(store, bulk=not store.has_articles())
    for i in range(0, len(articles), batch):
        writer.add(articles[i:i + batch])
    writer.add([], final=True)


def ingest_main_updates(store: GraphStore, articles: list[Done]) -> None:
    """main before issue 18, as this benchmark measured it: one SPARQL update per article."""
    for d in articles:
        store.replace_article(d.graph, ox.parse(input=d.nquads, format=ox.RdfFormat.N_QUADS))


def ingest_main_batches(store: GraphStore, articles: list[Done], batch: int = 32) -> None:
    """main's kg build before issue 18: per batch, the union triples in one load, the graphs in another."""
    for i in range(0, len(articles), batch):
        data = b"".join(d.nquads for d in articles[i:i + batch])
        triples = b"".join(line.rsplit(b" <", 1)[0] + b" .\n" for line in data.splitlines() if line)
        store.raw.load(input=triples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        store.raw.load(input=data, format=ox.RdfFormat.N_QUADS)


def cookbook() -> list[str]:
    """The README's cookbook queries."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## SPARQL cookbook", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", text, re.S)


def on_synthetic(query: str, pair: tuple[str, str]) -> str:
    """A cookbook query with the names of the examples replaced by those of the synthetic articles."""
    return (query.replace('"Russia"', f'"{pair[0]}"').replace('"Taliban"', f'"{pair[1]}"')
            .replace('"sco-summit"', '"syn-000001"'))


def export_memory(store_dir: Path, out: Path, fmt: str) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEMORY, str(store_dir), str(out), fmt], env=env,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3400, help="synthetic articles (3400 give ~1.4M quads)")
    parser.add_argument("--baseline-articles", type=int, default=400,
                        help="articles ingested the ways of main, for the ingest ratios")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each timed step; the median is shown")
    parser.add_argument("--rdflib", action="store_true", help="also load and query in rdflib")
    parser.add_argument("--rdflib-cap", type=float, default=600, help="seconds before an rdflib query is stopped")
    args = parser.parse_args()
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        articles = [done(g, q) for g, q in synthetic(args.articles)]
        extra = [done(g, q) for g, q in synthetic(10, first=args.articles + 1000)]
        sample = articles[:args.baseline_articles]
        rows = []

        # ------------------------------------------------------------ ingest
        def fresh(name: str) -> GraphStore:
            s = GraphStore(tmp / name)
            s.ensure_ontology()
            return s

        def ingest_time(way, name: str) -> float:
            """The median over --repeat runs, interleaved with the other ways, each into a new store."""
            s = fresh(name)
            t, _ = timed(lambda: way(s, sample))
            s.close()
            shutil.rmtree(tmp / name)
            return t

        times: dict[str, list[float]] = {"updates": [], "batches": [], "kg": []}
        ways = {"updates": ingest_main_updates, "batches": ingest_main_batches, "kg": ingest_kg}
        for _ in range(args.repeat):
            for name, way in ways.items():
                times[name].append(ingest_time(way, name))
        t_upd, t_bat, t_kgs = (statistics.median(times[name]) for name in ways)
        store = fresh("large")
        t_ing, _ = timed(lambda: ingest_kg(store, articles))
        t_full, relations = timed(lambda: refresh_consolidation(store))
        total = len(store)
        n = len(sample)
        print(f"{args.articles} articles, {total:,} quads (with ontology and {relations:,} consolidated relations)")
        rate = lambda count, seconds: count / seconds  # noqa: E731
        rows += [
            (f"ingest {n} articles, main: one update per article (median of {args.repeat})", f"{rate(n, t_upd):,.0f} articles/s", "baseline"),
            (f"ingest {n} articles, main: kg build's two loads a batch", f"{rate(n, t_bat):,.0f} articles/s", "baseline"),
            (f"ingest {n} articles, kg", f"{rate(n, t_kgs):,.0f} articles/s",
             f"{t_upd / t_kgs:.1f} x updates, {t_bat / t_kgs:.1f} x batches (target >= 3)"),
            (f"ingest {args.articles} articles, kg", f"{rate(args.articles, t_ing):,.0f} articles/s",
             f"{t_upd / n * args.articles / t_ing:.1f} x updates, {t_bat / n * args.articles / t_ing:.1f} x batches"),
            ("consolidation, full recompute", f"{t_full:.1f} s", ""),
        ]

        # ------------------------------------------------------------ adding 10, removing 1
        empty = fresh("empty")
        refresh_consolidation(empty)

        def add_remove(s: GraphStore) -> tuple[float, float]:
            graphs = {d.graph: d.nquads for d in extra}
            t_add, _ = timed(lambda: (write_articles(s, graphs), consolidate(s)))
            t_rm, _ = timed(lambda: remove_articles(s, [extra[0].graph]))
            remove_articles(s, list(graphs)[1:])
            return t_add, t_rm

        small = [add_remove(empty) for _ in range(args.repeat)]
        large = [add_remove(store) for _ in range(args.repeat)]
        add_e, rm_e = (statistics.median(x) for x in zip(*small))
        add_l, rm_l = (statistics.median(x) for x in zip(*large))
        rows += [
            ("add 10 articles, empty store (baseline)", f"{add_e * 1000:,.0f} ms", ""),
            (f"add 10 articles, {total:,}-quad store", f"{add_l * 1000:,.0f} ms", f"{add_l / add_e:.2f} x (target <= 2)"),
            ("remove 1 article, store of 1 (baseline)", f"{rm_e * 1000:,.0f} ms", ""),
            (f"remove 1 article, {total:,}-quad store", f"{rm_l * 1000:,.0f} ms", f"{rm_l / rm_e:.2f} x"),
        ]
        empty.close()
        assert len(store) == total

        # ------------------------------------------------------------ queries
        pair = next((r["s"].value, r["o"].value) for r in store.query(
            "SELECT ?s ?o WHERE { ?st rdf:predicate kg:recognizes ; rdf:subject/rdfs:label ?s ; "
            "rdf:object/rdfs:label ?o } LIMIT 1"))
        params = {"entity-timeline": {"label": pair[0]}, "article": {"article": "syn-000001"}}
        queries = [(name, nq.render(params.get(name, {}))) for name, nq in named_queries().items()]
        queries += [(f"cookbook {i + 1}", on_synthetic(q, pair)) for i, q in enumerate(cookbook())]
        print(f"\n{'query':18} {'rows':>7} {'ms':>8}  (median of {args.repeat}; target 100 ms when < "
              f"{SMALL_RESULT} rows)")
        slow = []
        for name, text in queries:
            count = len(run(store, text)[2])
            ms = median_time(lambda: run(store, text), args.repeat) * 1000
            mark = "" if count >= SMALL_RESULT else ("  ok" if ms <= 100 else "  OVER 100 ms")
            if mark == "  OVER 100 ms":
                slow.append(name)
            print(f"{name:18} {count:>7} {ms:>8.1f}{mark}")
        store.close()

        # ------------------------------------------------------------ exports
        quarter = fresh("quarter")
        ingest_kg(quarter, articles[: args.articles // 4])
        refresh_consolidation(quarter)
        quarter.close()
        opened = {name: export_memory(tmp / name, tmp / "none", "-")["peak"] for name in ("large", "quarter")}
        print(f"\n{'export':8} {'s':>7} {'MB more':>8} {'quarter':>8}  (peak RSS beyond opening the store: "
              f"{opened['large']:.0f} and {opened['quarter']:.0f} MB)")
        for fmt in EXPORTS:
            big = export_memory(tmp / "large", tmp / f"all.{fmt}", fmt)
            small_m = export_memory(tmp / "quarter", tmp / f"quarter.{fmt}", fmt)
            print(f"{fmt:8} {big['seconds']:>7.1f} {big['peak'] - opened['large']:>8.0f} "
                  f"{small_m['peak'] - opened['quarter']:>8.0f}")
        load.append(os.getloadavg()[0])

        print(f"\n{'measure':<52} {'value':>18}  ratio")
        for name, value, ratio in rows:
            print(f"{name:<52} {value:>18}  {ratio}")
        print("queries over 100 ms with a small result: " + (", ".join(slow) or "none"))
        print("load average (1 min) at start and end: " + ", ".join(f"{x:.1f}" for x in load)
              + f" on {os.cpu_count()} cores")

        if args.rdflib:
            rdflib_comparison(tmp, queries, args.rdflib_cap)


def rdflib_comparison(tmp: Path, queries, cap: float) -> None:
    import rdflib

    t_ox, ox_store = timed(lambda: _bulk(tmp))
    t_rl, dataset = timed(lambda: rdflib.Dataset(default_union=True).parse(tmp / "all.nq", format="nquads"))
    print(f"\nload the N-Quads file: embedded store {t_ox:7.2f} s   rdflib {t_rl:7.2f} s   ratio {t_rl / t_ox:6.1f}x")
    print(f"{'query':18} {'embedded s':>11} {'rdflib s':>10} {'ratio':>8}")
    for name, text in queries:
        t1, _ = timed(lambda: run(ox_store, text))
        try:
            t2, _ = timed(lambda: capped(lambda: list(dataset.query(text, initNs=PREFIXES)), cap))
        except Timeout:
            print(f"{name:18} {t1:>11.3f} {'>' + format(cap, 'g'):>10}  (rdflib stopped)")
            continue
        print(f"{name:18} {t1:>11.3f} {t2:>10.3f} {t2 / max(t1, 1e-9):>7.1f}x")
    ox_store.close()


def _bulk(tmp: Path) -> GraphStore:
    s = GraphStore(tmp / "bulk")
    s.raw.bulk_load(path=str(tmp / "all.nq"), format=ox.RdfFormat.N_QUADS)
    s.refresh_union()
    return s


if __name__ == "__main__":
    main()

"""The explorer in a real headless Chromium (Debian's), driven by Playwright: one browser per module."""
from __future__ import annotations

import io
import os
import shutil
import zlib
from pathlib import Path

import pytest

from kg import viz
from test_viz import HOSTILE_IMG, HOSTILE_SCRIPT, hostile_builder, sample_builder

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM) and not os.environ.get("CI"),
                       reason="headless Chromium (Debian package chromium) is not installed"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A loaded explorer page with everything it logged and requested."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.console, self.errors, self.requests = [], [], []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)

    def js(self, code, arg=None):
        return self.page.evaluate(code, arg)


@pytest.fixture(scope="module")
def sample(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    viz.write_html(sample_builder().store(), path, title="kg explorer test")
    page = Page(browser, path)
    yield page
    page.page.close()


@pytest.fixture(scope="module")
def hostile(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "hostile.html"
    viz.write_html(hostile_builder().store(), path, title=HOSTILE_SCRIPT)
    page = Page(browser, path)
    yield page
    page.page.close()


def _distinct_colours(png: bytes) -> int:
    try:
        from PIL import Image
    except ImportError:   # decode the PNG ourselves: count distinct scanline bytes as a proxy
        chunks, pos = [], 8
        while pos < len(png):
            size = int.from_bytes(png[pos:pos + 4], "big")
            if png[pos + 4:pos + 8] == b"IDAT":
                chunks.append(png[pos + 8:pos + 8 + size])
            pos += 12 + size
        return len(set(zlib.decompress(b"".join(chunks))))
    return len(Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 24))


def test_page_loads_offline_with_no_console_errors_and_no_requests(sample):
    assert sample.errors == []
    assert [m for m in sample.console if m[0] in ("error", "warning")] == []
    assert sample.requests == [sample.url]
    assert sample.js("window.kg.visibleEdgeCount()") == 16
    # TASS is in no statement (it reports one): hidden, and the legend says so
    assert sample.js("window.kg.visibleNodeCount()") == 11
    assert sample.page.locator("#hidden-note").inner_text().startswith("Hidden: 1 entity with no relation")


def test_screenshot_shows_a_drawn_graph(sample):
    png = sample.page.screenshot()
    assert _distinct_colours(png) > 200
    canvas = sample.page.locator("#graph canvas").screenshot()
    assert _distinct_colours(canvas) > 50


def test_filters_change_the_visible_edges(sample):
    js = sample.js
    assert js("window.kg.setTypes(['recognizes'])") == 2
    assert js("window.kg.setTypes(null)") == 16
    # a real click on the legend row of a type hides its edges
    sample.page.locator("#types li", has_text="located in").click()
    assert js("window.kg.visibleEdgeCount()") == 14
    sample.page.locator("#types li", has_text="located in").click()
    assert js("window.kg.visibleEdgeCount()") == 16
    # classes: hiding cities hides the two located-in edges and the planned visit to Dushanbe
    assert js("window.kg.setClasses(['Country', 'Person', 'ArmedGroup', 'GovernmentBody', "
              "'InternationalOrganization', 'MediaOrganization'])") == 13
    assert js("window.kg.setClasses(null)") == 16
    # time: relations dated within 2025 overlap Jan-Dec 2025; the 2012-2024 interval does not
    assert js("window.kg.setUndated(false)") == 9
    assert js("window.kg.setTimeRange('2025', '2025')") == 2
    assert js("window.kg.setTimeRange('2020', '2026-04')") == 5
    js("window.kg.setUndated(true)")
    assert js("window.kg.setTimeRange('1990', '2030')") == 16


def test_clicking_an_edge_shows_its_evidence(sample):
    idx = sample.js("""(() => { const ids = window.kg.visibleEdgeIds();
        return ids.map(window.kg.edgeIndex).find(i => JSON.parse(document.getElementById('kg-data')
          .textContent).edges[i][11].startsWith('Officials in Kabul')); })()""")
    sample.js("window.kg.network.fit()")
    sample.page.wait_for_timeout(100)
    point = sample.js(f"window.kg.edgeMidpoint({idx})")
    box = sample.page.locator("#graph").bounding_box()
    sample.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    text = sample.page.locator("#detail").inner_text()
    assert "Officials in Kabul, the Afghan capital" in text
    assert "located in" in text and "Kabul" in text and "Afghanistan" in text
    # the API path: a reported statement shows speaker, outlet, article link and date text
    call = sample.js("""window.kg.visibleEdgeIds().map(window.kg.edgeIndex).find(i =>
        JSON.parse(document.getElementById('kg-data').textContent).edges[i][11].startsWith('Shoigu urged'))""")
    sample.js(f"window.kg.selectEdge({call})")
    detail = sample.page.locator("#detail")
    text = detail.inner_text()
    for part in ("Shoigu urged the bloc", "Sergei Shoigu", "TASS", "The Moscow Times", "2026-05-14",
                 "Thursday", "0.80", "reported"):
        assert part in text
    link = detail.locator("a", has_text="Security chief urges regional bloc")
    assert link.get_attribute("href") == "https://example.com/news/2026/05/14/security-chief"


def test_node_panel_lists_relations_as_a_timeline(sample):
    sample.js("window.kg.selectNode('Russia')")
    items = sample.page.locator("#detail .timeline li .when").all_inner_texts()
    dated = [t for t in items if t != "undated"]
    assert dated[0].startswith("2003") and dated == sorted(dated)
    assert items[-1] == "undated" and len(items) == 7
    assert "ISO 3166" in sample.page.locator("#detail").inner_text()


def test_search_focuses_the_entity_and_ego_view_shows_neighbours(sample):
    box = sample.page.locator("#search")
    box.fill("shoig")
    assert sample.page.locator("#matches li").first.inner_text().startswith("Sergei Shoigu")
    box.press("Enter")
    assert sample.page.locator("#detail h2").inner_text() == "Sergei Shoigu"
    sample.page.locator("#ego").click()
    assert sample.js("window.kg.visibleNodeCount()") == 5   # Shoigu, Russia, Council, SCO, US
    sample.page.locator("#ego").click()
    assert sample.js("window.kg.visibleNodeCount()") == 11
    sample.page.locator("#physics").check()
    sample.page.wait_for_timeout(200)
    assert sample.js("window.kg.network.physics.options.enabled") is True
    sample.page.locator("#physics").uncheck()
    assert sample.errors == []


def test_hostile_article_runs_no_script(hostile):
    page, js = hostile.page, hostile.js
    assert js("typeof window.pwned") == "undefined"
    evil = js("JSON.parse(document.getElementById('kg-data').textContent).nodes"
              ".findIndex(n => n[0].startsWith('Evil'))")
    js(f"window.kg.selectNode({evil})")
    assert page.locator("#detail h2").inner_text() == f"Evil {HOSTILE_SCRIPT}"   # text, not markup
    assert HOSTILE_IMG in page.locator("#detail").inner_text()
    assert page.locator("#detail img, #detail script").count() == 0
    for i in js("[...Array(window.kg.visibleEdgeCount()).keys()]"):
        js(f"window.kg.selectEdge({i})")
        page.locator("#detail").inner_text()
    assert page.locator("#detail a[href^='javascript']").count() == 0
    assert page.locator("#detail img, #detail script, #tip img, #matches img").count() == 0
    # hover tooltips of the hostile node and edge (the panel, over the graph, closed first)
    page.locator("#close").click()
    js("window.kg.network.fit()")
    page.wait_for_timeout(100)
    box = page.locator("#graph").bounding_box()
    pos = js(f"window.kg.network.canvasToDOM(window.kg.network.getPositions([{evil}])[{evil}])")
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_timeout(300)
    assert HOSTILE_SCRIPT in page.locator("#tip").inner_text()
    edge = js("window.kg.visibleEdgeIds().map(window.kg.edgeIndex).find(i => JSON.parse("
              "document.getElementById('kg-data').textContent).edges[i][11].startsWith('He said'))")
    mid = js(f"window.kg.edgeMidpoint({edge})")
    page.mouse.move(box["x"] + mid["x"], box["y"] + mid["y"])
    page.wait_for_timeout(300)
    page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    page.locator("#search").fill("<img")
    assert page.locator("#matches li").count() >= 1
    page.wait_for_timeout(200)
    assert js("typeof window.pwned") == "undefined"
    assert hostile.errors == [] and hostile.requests == [hostile.url]
    assert [m for m in hostile.console if m[0] in ("error", "warning")] == []   # no CSP refusal either
    assert page.title() == HOSTILE_SCRIPT


def _large_view(n_nodes=2500, n_edges=7000):
    import random

    rnd = random.Random(5)
    nodes = [{"id": f"https://kg.example.org/id/n{i}", "label": f"Node {i}", "cls": ["Person", "Country", "City"][i % 3],
              "aliases": [], "ids": {}, "degree": 0} for i in range(n_nodes)]
    edges = []
    for j in range(n_edges):
        s, o = rnd.randrange(n_nodes), int(rnd.paretovariate(1.1)) % n_nodes
        edges.append({"id": f"https://kg.example.org/statement/s{j}", "source": nodes[s]["id"],
                      "target": nodes[o]["id"], "type": ["meetsWith", "criticizes", "visits"][j % 3],
                      "date": f"{2000 + j % 20}", "modality": "negated" if j % 10 == 0 else "asserted",
                      "sentence": f"Sentence {j}.", "article": {"id": f"a{j // 10}"}})
    return {"nodes": nodes, "edges": edges}


def test_large_graph_draws_edges_itself_and_hands_them_to_vis_on_focus(browser, tmp_path):
    path = tmp_path / "large.html"
    path.write_text(viz.render_html(viz.layout(_large_view())), encoding="utf-8")
    page = Page(browser, path)
    assert page.errors == [] and page.requests == [page.url]
    assert page.js("window.kg.visibleNodeCount()") <= 150   # the opening view: the most linked entities
    assert page.js("window.kg.setMinLinks(0)") == 2500
    assert page.js("window.kg.visibleEdgeCount()") == 7000
    assert page.js("Object.keys(window.kg.network.body.edges).length") < 7000
    assert page.js("window.kg.setTypes(['visits'])") == 2333
    page.js("window.kg.setTypes(null)")
    page.js("window.kg.selectNode('Node 1')")   # the hub of the Pareto targets
    links = page.js("window.kg.network.getConnectedEdges(1).length")
    statements = page.js("JSON.parse(document.getElementById('kg-data').textContent).edges"
                         ".filter(e => e[0] === 1 || e[1] === 1).length")
    assert 0 < links <= statements and page.page.locator("#detail h2").inner_text() == "Node 1"
    assert page.page.locator("#detail .timeline li").count() == statements
    png = page.page.locator("#graph canvas").screenshot()
    assert _distinct_colours(png) > 50
    page.page.close()


def test_empty_graph_page_is_ready_without_errors(browser, tmp_path):
    import pyoxigraph as ox

    path = tmp_path / "empty.html"
    viz.write_html(ox.Store(), path)
    page = Page(browser, path)
    assert page.errors == [] and page.js("window.kg.visibleNodeCount()") == 0
    page.page.close()


# ---------------------------------------------------------------------- a 100-article build
@pytest.fixture(scope="module")
def news100(browser, tmp_path_factory):
    from synthetic import news_store

    path = tmp_path_factory.mktemp("viz") / "graph.html"
    viz.write_html(news_store(100), path, title="100 articles")
    page = Page(browser, path)
    page.data = viz_data(path)
    yield page
    page.page.close()


def viz_data(path: Path) -> dict:
    from test_viz import _embedded

    return _embedded(path.read_text(encoding="utf-8"))


def _records(data, table):
    from test_viz import _records as records

    return records(data, table, table[:-1])


def _dom_positions(page, ids=None):
    return page.js("""ids => { ids = ids || window.kg.visibleNodeIds(); const net = window.kg.network;
        const p = net.getPositions(ids); return ids.map(i => [i, net.canvasToDOM(p[i]), p[i]]); }""", ids)


def test_the_opening_view_of_100_articles_is_labelled_and_whole(news100):
    page, js = news100, news100.js
    assert page.errors == [] and page.requests == [page.url]
    assert [m for m in page.console if m[0] in ("error", "warning")] == []
    nodes = _records(page.data, "nodes")
    least = page.data["view"]["minLinks"]
    assert least >= 2 and js("window.kg.visibleNodeCount()") == sum(1 for n in nodes if n["links"] >= least)
    width, height = js("[document.getElementById('graph').clientWidth, document.getElementById('graph').clientHeight]")
    for _, dom, _ in _dom_positions(page):   # no entity of the opening view outside the viewport
        assert 0 <= dom["x"] <= width and 0 <= dom["y"] <= height
    assert js("window.kg.network.getScale()") >= 0.5
    labels = js("window.kg.labels()")
    assert len(labels) >= 40 and all(len(x["label"]) > 2 and x["size"] >= 12 for x in labels)
    for i, a in enumerate(labels):   # readable: inside the view, none over another
        assert 0 <= a["x0"] and a["x1"] <= width and 0 <= a["y0"] and a["y1"] <= height
        for b in labels[i + 1:]:
            assert a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
    top = {i for i, n in enumerate(nodes) if n["rank"] < 5}
    assert top <= {x["node"] for x in labels}
    # the legend of what is hidden, with the counts of the data
    note = page.page.locator("#hidden-note").inner_text()
    alone, once = sum(1 for n in nodes if n["links"] == 0), sum(1 for n in nodes if n["links"] == 1)
    assert f"{alone} entities with no relation" in note and f"{once} linked to one other" in note


def test_showing_every_entity_moves_none(news100):
    page, js = news100, news100.js
    before = {i: canvas for i, _, canvas in _dom_positions(page)}
    page.page.locator("#hidden-note button", has_text="show all").click()
    assert js("window.kg.visibleNodeCount()") == len(page.data["nodes"]) and js("window.kg.minLinks()") == 0
    assert page.page.locator("#hidden-note").is_hidden()
    after = {i: canvas for i, _, canvas in _dom_positions(page, list(before))}
    assert after == before
    js(f"window.kg.setMinLinks({page.data['view']['minLinks']})")
    js("window.kg.network.fit({nodes: window.kg.visibleNodeIds(), animation: false})")
    page.page.wait_for_timeout(100)


def test_opening_a_link_keeps_the_zoom_highlights_it_and_lists_every_statement(news100):
    page, js = news100, news100.js
    edges, links = _records(page.data, "edges"), _records(page.data, "links")
    visible = set(js("window.kg.visibleNodeIds()"))
    count = {}
    for e in edges:
        count[e["link"]] = count.get(e["link"], 0) + 1
    k = max((k for k in count if {links[k]["source"], links[k]["target"]} <= visible), key=lambda k: (count[k], -k))
    scale = js("window.kg.network.getScale()")
    point = js(f"window.kg.linkMidpoint({k})")
    box = page.page.locator("#graph").bounding_box()
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.page.wait_for_timeout(500)
    assert js("window.kg.network.getScale()") == scale
    ends = [links[k]["source"], links[k]["target"]]
    assert js("window.kg.focused()") == {"nodes": ends, "links": [k]}
    assert sorted(js("window.kg.network.getSelection().nodes")) == sorted(ends)
    panel = page.page.locator("#detail").bounding_box()
    for _, dom, _ in _dom_positions(page, ends):   # the link is not under the panel
        assert 0 <= dom["x"] <= panel["x"] - box["x"]
    cards = page.page.locator("#detail .statement")
    assert count[k] > 10 and cards.count() == count[k]
    assert f"{count[k]} statements" in page.page.locator("#detail .chips").inner_text()
    mine = {e["iri"]: e for e in edges if e["link"] == k}
    articles = _records(page.data, "articles")
    shown = [cards.nth(j).get_attribute("data-statement") for j in range(cards.count())]
    assert sorted(shown) == sorted(mine)
    for j, iri in enumerate(shown):   # each with its date, outlet and evidence
        text, e = cards.nth(j).inner_text(), mine[iri]
        assert e["sentence"] in text and articles[e["article"]]["publisher"] in text
        assert articles[e["article"]]["published"] in text and (e["date"] or "date not stated") in text
    page.page.locator("#close").click()
    assert js("window.kg.focused()") is None and js("window.kg.network.getScale()") == scale


def test_a_page_of_part_of_a_large_graph_says_what_it_holds(browser, tmp_path, monkeypatch):
    from synthetic import news_store

    from kg import overview

    monkeypatch.setattr(overview, "PAGE_MAX_ENTITIES", 60)
    monkeypatch.setattr(overview, "PAGE_MAX_STATEMENTS", 200)
    path = tmp_path / "cut.html"
    viz.write_html(news_store(100), path)
    left = viz_data(path)["omitted"]
    page = Page(browser, path)
    assert page.errors == [] and page.js("window.kg.visibleNodeCount()") <= 60
    text = page.page.locator("#omitted").inner_text()
    held = left["total_statements"] - left["statements"]
    assert f"its {left['total_entities'] - left['entities']} most linked entities (of {left['total_entities']})" in text
    assert f"{held} of its {left['total_statements']} relations" in text
    page.page.close()

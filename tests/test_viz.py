"""The explorer's data, layout and page, without a browser (see test_viz_browser.py for Chromium)."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import graphlayout, ontology, overview, viz

BASE = "https://kg.example.org/"
KG = "https://w3id.org/newskg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
HOSTILE_SCRIPT = "<script>window.pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.pwned=1">'


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value, dtype: str | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + dtype)) if dtype else ox.Literal(str(value))


class Builder:
    """Quads following RDF-CONTRACT.md: one named graph per article."""

    def __init__(self):
        self.quads: list[ox.Quad] = []
        self.count = 0

    def add(self, g, s, p, o):
        self.quads.append(ox.Quad(s, p, o, g))

    def article(self, aid, *, title=None, issued=None, url=None, publisher=None, dateline=None):
        g, a = _n(f"{BASE}graph/{aid}"), _n(f"{BASE}article/{aid}")
        self.add(g, a, RDF_TYPE, _n(KG + "Article"))
        self.add(g, a, _n("http://purl.org/dc/terms/identifier"), _lit(aid))
        for prop, val, dt in (("title", title, None), ("issued", issued, "date"),
                              ("source", url, None), ("publisher", publisher, None)):
            if val is not None:
                obj = _n(val) if prop == "source" else _lit(val, dt)
                self.add(g, a, _n(f"http://purl.org/dc/terms/{prop}"), obj)
        if dateline:
            self.add(g, a, _n(KG + "dateline"), _lit(dateline))
        return aid

    def entity(self, aid, key, cls, label, aliases=(), **ids):
        g, e = _n(f"{BASE}graph/{aid}"), _n(f"{BASE}id/{key}")
        self.add(g, e, RDF_TYPE, _n(KG + cls))
        self.add(g, e, _n("http://www.w3.org/2000/01/rdf-schema#label"), _lit(label))
        for alias in aliases:
            self.add(g, e, _n("http://www.w3.org/2004/02/skos/core#altLabel"), _lit(alias))
        for prop, val in ids.items():
            self.add(g, e, _n(KG + prop), _lit(val))
        self.add(g, _n(f"{BASE}article/{aid}"), _n(KG + "mentions"), e)
        return key

    def statement(self, aid, s, p, o, sentence, *, modality="Asserted", date=None, start=None,
                  end=None, date_text=None, role=None, speaker=None, reported_by=None,
                  confidence="0.85", rule=None):
        self.count += 1
        g = _n(f"{BASE}graph/{aid}")
        st = _n(f"{BASE}statement/{aid}-{self.count:04d}")
        ev = _n(f"{BASE}statement/{aid}-{self.count:04d}-evidence")
        subj, obj, pred = _n(f"{BASE}id/{s}"), _n(f"{BASE}id/{o}"), _n(KG + p)
        if modality != "Negated":
            self.add(g, subj, pred, obj)
        rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        self.add(g, st, RDF_TYPE, _n(KG + "Statement"))
        self.add(g, st, RDF_TYPE, _n(rdf + "Statement"))
        self.add(g, st, _n(rdf + "subject"), subj)
        self.add(g, st, _n(rdf + "predicate"), pred)
        self.add(g, st, _n(rdf + "object"), obj)
        self.add(g, st, _n(KG + "modality"), _n(KG + modality))
        self.add(g, st, _n(KG + "confidence"), _lit(confidence, "decimal"))
        self.add(g, st, _n(KG + "rule"), _lit(rule or f"verb:{p}"))
        self.add(g, st, _n(KG + "evidence"), ev)

        def typed(value):
            kind = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
            return _lit(value, kind)
        for prop, val in (("date", date), ("startDate", start), ("endDate", end)):
            if val:
                self.add(g, st, _n(KG + prop), typed(val))
        for prop, val in (("dateText", date_text), ("role", role)):
            if val:
                self.add(g, st, _n(KG + prop), _lit(val))
        for prop, val in (("speaker", speaker), ("reportedBy", reported_by)):
            if val:
                self.add(g, st, _n(KG + prop), _n(f"{BASE}id/{val}"))
        self.add(g, ev, RDF_TYPE, _n(KG + "Evidence"))
        self.add(g, ev, _n(KG + "sentence"), _lit(sentence))
        self.add(g, ev, _n(KG + "charStart"), _lit(0, "integer"))
        self.add(g, ev, _n(KG + "charEnd"), _lit(len(sentence), "integer"))
        self.add(g, ev, _n("http://www.w3.org/ns/prov#wasDerivedFrom"), _n(f"{BASE}article/{aid}"))
        return st.value

    def store(self) -> ox.Store:
        store = ox.Store()
        store.extend(self.quads)
        return store


def sample_builder() -> Builder:
    """~12 entities and 16 statements in two articles (sentences written for these tests)."""
    b = Builder()
    a1 = b.article("mt-2026-05-14", title="Security chief urges regional bloc to engage Kabul",
                   issued="2026-05-14", url="https://example.com/news/2026/05/14/security-chief",
                   publisher="The Moscow Times")
    a2 = b.article("xh-2026-03-31", title="Tajikistan and Russia deepen ties", issued="2026-03-31",
                   url="https://example.net/xinhua/2026-03-31", publisher="Xinhua",
                   dateline="DUSHANBE, March 31 (Xinhua)")
    for aid in (a1, a2):
        b.entity(aid, "russia", "Country", "Russia", ["Moscow"], iso3166="RU", geonamesId="2017370")
    b.entity(a1, "taliban", "ArmedGroup", "Taliban", ["Islamic Emirate of Afghanistan"])
    b.entity(a1, "afghanistan", "Country", "Afghanistan", iso3166="AF")
    b.entity(a1, "sergei-shoigu", "Person", "Sergei Shoigu", ["Shoigu"])
    b.entity(a1, "security-council", "GovernmentBody", "Security Council of Russia")
    b.entity(a1, "sco", "InternationalOrganization", "Shanghai Cooperation Organization", ["SCO"])
    b.entity(a1, "tass", "MediaOrganization", "TASS")
    b.entity(a1, "united-states", "Country", "United States", ["U.S.", "Washington"], iso3166="US")
    b.entity(a1, "kabul", "City", "Kabul")
    b.entity(a2, "tajikistan", "Country", "Tajikistan", iso3166="TJ")
    b.entity(a2, "dushanbe", "City", "Dushanbe")
    b.entity(a2, "vladimir-putin", "Person", "Vladimir Putin", ["Putin"])
    b.entity(a2, "sco", "InternationalOrganization", "Shanghai Cooperation Organization", ["SCO"])
    s = b.statement
    s(a1, "russia", "recognizes", "taliban", "Moscow became the first capital to recognise the "
      "Taliban government last July.", date="2025-07", date_text="last July")
    s(a1, "russia", "revokesDesignation", "taliban", "Russia took the movement off its list of "
      "banned groups in April 2025.", date="2025-04", date_text="in April 2025")
    s(a1, "russia", "designatesAsTerrorist", "taliban", "The group had been outlawed in Russia "
      "back in 2003.", date="2003", date_text="back in 2003", confidence="0.7")
    s(a1, "sergei-shoigu", "holdsPosition", "russia", "Shoigu was defence minister between 2012 "
      "and 2024.", start="2012", end="2024", date_text="between 2012 and 2024", role="Defence Minister")
    s(a1, "sergei-shoigu", "holdsPosition", "security-council", "Security Council Secretary "
      "Sergei Shoigu spoke to reporters.", role="Secretary")
    s(a1, "sergei-shoigu", "callsOn", "sco", "Shoigu urged the bloc to work with Kabul, TASS "
      "reported on Thursday.", date="2026-05-14", date_text="Thursday", modality="Reported",
      speaker="sergei-shoigu", reported_by="tass", confidence="0.8")
    s(a1, "sergei-shoigu", "criticizes", "united-states", "Shoigu blamed Washington for the "
      "collapse of security in the region, TASS reported.", date="2026-05-14", date_text="Thursday",
      modality="Reported", speaker="sergei-shoigu", reported_by="tass")
    s(a1, "united-states", "recognizes", "taliban", "Washington has not recognised the Taliban "
      "government.", modality="Negated", confidence="0.75")
    s(a1, "taliban", "governs", "afghanistan", "The Taliban returned to power in Afghanistan "
      "in 2021.", date="2021", date_text="in 2021")
    s(a1, "kabul", "locatedIn", "afghanistan", "Officials in Kabul, the Afghan capital, "
      "welcomed the remarks.")
    s(a1, "russia", "memberOf", "sco", "Russia is a founding member of the SCO.")
    s(a2, "tajikistan", "memberOf", "sco", "Tajikistan, an SCO member, hosts the meeting.")
    s(a2, "dushanbe", "locatedIn", "tajikistan", "Talks were held in Dushanbe, the Tajik capital.")
    s(a2, "vladimir-putin", "visits", "dushanbe", "Putin is expected to travel to Dushanbe in June.",
      date="2026-06", date_text="in June", modality="Planned")
    s(a2, "russia", "partnersWith", "tajikistan", "Russia and Tajikistan agreed on March 31 to "
      "expand their security partnership.", date="2026-03-31", date_text="March 31")
    s(a2, "vladimir-putin", "leads", "russia", "President Vladimir Putin leads the Russian "
      "delegation.", role="President")
    return b


def hostile_builder() -> Builder:
    """An article whose names, sentence, title and URL try to run script."""
    b = sample_builder()
    aid = b.article("evil-1", title=f"Breaking {HOSTILE_IMG} news", issued="2026-01-02",
                    url="javascript:window.pwned=1", publisher=HOSTILE_SCRIPT)
    b.entity(aid, "evil-a", "Person", f"Evil {HOSTILE_SCRIPT}", [HOSTILE_IMG, "javascript:window.pwned=1"])
    b.entity(aid, "evil-b", "Organization", f"Bad {HOSTILE_IMG}", geonamesId="javascript:window.pwned=1")
    b.entity(aid, "russia", "Country", "Russia")
    b.statement(aid, "evil-a", "criticizes", "evil-b",
                f"He said {HOSTILE_SCRIPT} and {HOSTILE_IMG} then <a href=\"javascript:window.pwned=1\">x</a>.",
                date="2026-01", date_text=HOSTILE_IMG, role=HOSTILE_SCRIPT, rule=HOSTILE_IMG)
    b.statement(aid, "evil-b", "threatens", "russia", "\u2028</script><script>window.pwned=1</script>",
                date="2026-01-02", date_text="today")
    return b


def _edge(view, subj, pred):
    return next(e for e in view["edges"] if e["source"].endswith("/" + subj) and e["type"] == pred)


@pytest.fixture(scope="module")
def sample_view():
    return viz.view_data(sample_builder().store())


def test_view_nodes_are_the_entities_with_class_label_aliases_and_ids(sample_view):
    nodes = {n["id"].rsplit("/", 1)[1]: n for n in sample_view["nodes"]}
    assert len(nodes) == 12
    assert nodes["russia"]["cls"] == "Country" and nodes["russia"]["label"] == "Russia"
    assert nodes["russia"]["ids"] == {"GeoNames": "2017370", "ISO 3166": "RU"}
    assert nodes["united-states"]["aliases"] == ["U.S.", "Washington"]
    assert nodes["taliban"]["cls"] == "ArmedGroup"
    # degree counts statements, negated ones included
    assert nodes["taliban"]["degree"] == 5 and nodes["tass"]["degree"] == 0
    assert {c["id"] for c in sample_view["classes"]} >= {"Country", "Person", "City", "ArmedGroup"}
    assert next(c for c in sample_view["classes"] if c["id"] == "Country")["count"] == 4


def test_view_edges_one_per_statement_with_dates_modality_and_evidence(sample_view):
    edges = sample_view["edges"]
    assert len(edges) == 16
    neg = _edge(sample_view, "united-states", "recognizes")
    assert neg["modality"] == "negated" and neg["date"] is None and neg["months"] is None
    planned = _edge(sample_view, "vladimir-putin", "visits")
    assert planned["modality"] == "planned" and planned["date"] == "2026-06"
    reported = _edge(sample_view, "sergei-shoigu", "callsOn")
    assert reported["speaker"] == "Sergei Shoigu" and reported["reported_by"] == "TASS"
    assert reported["date"] == "2026-05-14" and reported["date_text"] == "Thursday"
    assert reported["article"] == {
        "id": "mt-2026-05-14", "title": "Security chief urges regional bloc to engage Kabul",
        "url": "https://example.com/news/2026/05/14/security-chief", "published": "2026-05-14",
        "publisher": "The Moscow Times"}
    assert reported["confidence"] == 0.8 and reported["rule"] == "verb:callsOn"
    assert reported["sentence"].startswith("Shoigu urged the bloc")
    interval = next(e for e in edges if e["role"] == "Defence Minister")
    assert (interval["start"], interval["end"], interval["date"]) == ("2012", "2024", None)
    assert interval["months"] == [2012 * 12, 2024 * 12 + 11]
    assert _edge(sample_view, "russia", "designatesAsTerrorist")["months"] == [2003 * 12, 2003 * 12 + 11]
    types = {t["id"]: t for t in sample_view["types"]}
    assert types["recognizes"]["count"] == 2 and types["recognizes"]["group"] == "cooperation"
    assert types["criticizes"]["group"] == "conflict" and types["recognizes"]["label"] == "recognizes"


def test_view_is_deterministic_and_independent_of_insertion_order():
    b = sample_builder()
    one = viz.view_data(b.store())
    store = ox.Store()
    store.extend(list(reversed(b.quads)))
    assert viz.view_data(store) == one


def test_layout_positions_every_node_deterministically(sample_view):
    one, two = viz.layout(sample_view), viz.layout(sample_view)
    assert one == two
    points = [(n["x"], n["y"]) for n in one["nodes"]]
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points)
    assert len(set(points)) == len(points)
    assert sample_view["nodes"][0]["x"] is None, "layout must not mutate its input"


def test_the_spring_layout_is_networkx_s_to_the_last_bit():
    import random

    import networkx as nx
    import numpy as np

    for trial in range(20):
        r = random.Random(trial)
        members = sorted(r.sample(range(500), r.randint(2, 80)))
        pairs = {tuple(sorted(r.sample(members, 2))): r.choice([1, 2, 3]) for _ in range(2 * len(members))}
        g = nx.Graph()
        g.add_nodes_from(members)
        g.add_weighted_edges_from((u, v, 1.0 / d) for (u, v), d in sorted(pairs.items()))
        theirs = nx.spring_layout(g, seed=trial, iterations=100)
        ours = graphlayout._spring(members, pairs, trial, 100)
        assert np.array_equal(ours, np.array([theirs[v] for v in members]))


def test_a_page_of_a_small_graph_does_not_import_networkx(tmp_path):
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, 'tests'); from synthetic import news_store; from kg import viz; "
            "viz.write_html(news_store(20), sys.argv[1], title='news'); print('networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.html")], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    assert out[-1] == "False" and (tmp_path / "p.html").stat().st_size > 0


def test_layout_of_a_large_graph_keeps_nodes_apart_and_the_many_around_the_opening_view():
    import random

    rnd = random.Random(3)
    nodes = [{"id": f"n{i}", "label": f"n{i}", "cls": "Person", "aliases": [], "ids": {}, "degree": 0}
             for i in range(1500)]
    edges = [{"id": f"e{i}", "source": f"n{rnd.randrange(1500)}", "target": f"n{int(rnd.paretovariate(1.2)) % 1500}",
              "type": "meetsWith"} for i in range(3000)]
    out = viz.layout({"nodes": nodes, "edges": edges})
    points = {(n["x"], n["y"]) for n in out["nodes"]}
    assert len(points) == 1500
    # many more entities than the opening view's: a ring around it, clear of it
    least = out["default"]["min_links"]
    inner = [(n["x"], n["y"]) for n in out["nodes"] if n["links"] >= least]
    ring = [(n["x"], n["y"]) for n in out["nodes"] if 0 < n["links"] < least]
    assert len(ring) > graphlayout.HALO_AFTER * len(inner)
    centre = (sum(x for x, _ in inner) / len(inner), sum(y for _, y in inner) / len(inner))
    assert min(math.dist(p, centre) for p in ring) > max(math.dist(p, centre) for p in inner)


def _embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_page_is_self_contained_with_vis_network_and_its_licence(sample_view):
    page = viz.render_html(viz.layout(sample_view), title="Demo")
    assert page.count("</script>") == 3
    ours = page.replace(viz.vis_network_js(), "")
    assert not re.search(r"""<(?:link|img|iframe)\b|\bsrc\s*=|@import|url\((?!["']?data:)""", ours)
    assert "vis.js is dual licensed" in page and "West Health Institute" in page
    assert "default-src 'none'" in page
    data = _embedded(page)
    assert data["title"] == "Demo" and len(data["nodes"]) == 12 and len(data["edges"]) == 16
    assert viz.render_html(viz.layout(sample_view), title="Demo") == page


def test_hostile_strings_are_escaped_in_the_page_and_survive_as_text():
    view = viz.layout(viz.view_data(hostile_builder().store()))
    page = viz.render_html(view, title=HOSTILE_SCRIPT)
    for bad in ("<script>window", "<img src=x", "\u2028", 'onerror="'):
        assert bad not in page
    assert page.count("</script>") == 3
    data = _embedded(page)
    nodes, edges = _records(data, "nodes", "node"), _records(data, "edges", "edge")
    labels = {n["label"] for n in nodes}
    assert f"Evil {HOSTILE_SCRIPT}" in labels and f"Bad {HOSTILE_IMG}" in labels
    assert any(e["sentence"] == "\u2028</script><script>window.pwned=1</script>" for e in edges)


def _records(data: dict, table: str, fields: str) -> list[dict]:
    """The rows of a table of the payload as objects, by the field names it carries."""
    names = data["fields"][fields]
    assert all(len(row) == len(names) for row in data[table])
    return [dict(zip(names, row)) for row in data[table]]


def test_the_payload_names_its_fields_and_carries_the_drawing_data(sample_view):
    data = _embedded(viz.render_html(viz.layout(sample_view), title="Demo"))
    nodes, edges = _records(data, "nodes", "node"), _records(data, "edges", "edge")
    classes, types = _records(data, "classes", "class"), _records(data, "types", "type")
    articles = _records(data, "articles", "article")
    assert {classes[n["cls"]]["id"] for n in nodes} >= {"Country", "Person"}
    assert all(0 <= e["source"] < len(nodes) and 0 <= e["article"] < len(articles) for e in edges)
    assert {t["group"] for t in types} <= set(data["style"]["groups"])
    style = ontology.style()
    assert data["style"]["classColors"] == style["class_colors"]
    assert [m["name"] for m in data["style"]["modalities"]] == [m.lower() for m in (
        "Asserted", "Negated", "Planned", "Reported", "Hypothetical")]
    assert {m["name"] for m in data["style"]["modalities"]} == {m.lower() for m in ontology.load().modalities}


def test_the_explorer_script_holds_no_ontology_data():
    """Class colours, group colours and modalities come with the payload (ontology/explorer.yaml)."""
    script = (Path(viz.__file__).parent / "templates" / "explorer.js").read_text(encoding="utf-8")
    style = ontology.style()
    for colour in [*style["class_colors"].values(), *style["group_colors"].values(), *style["spare_colors"]]:
        assert colour not in script
    for cls in style["class_colors"]:
        assert f"{cls}:" not in script and f'"{cls}"' not in script
    assert not re.search(r"\b[eEn]\[\d+\]", script), "rows are read by field name"


def test_write_html_is_atomic_and_complete(tmp_path: Path):
    out = tmp_path / "graph.html"
    out.write_text("old")
    viz.write_html(sample_builder().store(), out, title="kg")
    assert out.read_text().startswith("<!DOCTYPE html>") and out.read_text().rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_an_empty_store_gives_an_empty_but_valid_page():
    view = viz.view_data(ox.Store())
    assert (view["nodes"], view["edges"], view["classes"], view["types"]) == ([], [], [], [])
    data = _embedded(viz.render_html(view))
    assert data["nodes"] == [] and data["edges"] == [] and data["links"] == []
    assert data["view"] == {"minLinks": 0} and data["omitted"] is None


# ---------------------------------------------------------------------- at corpus scale (kg.overview, kg.graphlayout)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def news_view():
    from synthetic import news_store

    return viz.layout(viz.view_data(news_store(100)))


def test_parallel_statements_are_one_link_and_every_statement_is_in_one(news_view):
    edges, links = news_view["edges"], news_view["links"]
    assert sorted(i for link in links for i in link["statements"]) == list(range(len(edges)))
    for k, link in enumerate(links):
        for i in link["statements"]:
            e = edges[i]
            assert e["link"] == k and e["type"] == link["type"]
            assert {e["source"], e["target"]} == {link["source"], link["target"]}
    assert len({(k["source"], k["type"], k["target"]) for k in links}) == len(links)
    restated = max(links, key=lambda k: len(k["statements"]))   # a leader's office, in article after article
    assert restated["type"] == "holdsPosition" and len(restated["statements"]) > 10


def test_a_symmetric_relation_stated_either_way_is_one_link():
    b = Builder()
    aid = b.article("a-1", title="t", issued="2026-01-01")
    for key in ("x", "y"):
        b.entity(aid, key, "Country", key.upper())
    b.statement(aid, "x", "meetsWith", "y", "X met Y.")
    b.statement(aid, "y", "meetsWith", "x", "Y met X.")
    b.statement(aid, "x", "criticizes", "y", "X criticised Y.")
    b.statement(aid, "y", "criticizes", "x", "Y criticised X.")
    view = overview.prepare(viz.view_data(b.store()))
    got = sorted((k["type"], k["source"].rsplit("/", 1)[1], len(k["statements"])) for k in view["links"])
    assert got == [("criticizes", "x", 1), ("criticizes", "y", 1), ("meetsWith", "x", 2)]
    assert [n["links"] for n in view["nodes"]] == [1, 1]


def test_the_opening_view_hides_the_isolated_and_least_linked_entities(news_view):
    least = news_view["default"]["min_links"]
    shown = [n for n in news_view["nodes"] if n["links"] >= least]
    hidden = [n for n in news_view["nodes"] if n["links"] < least]
    assert least >= 2 and 30 <= len(shown) <= overview.DEFAULT_MAX
    assert sum(1 for n in hidden if n["links"] == 0) > 200   # names in no relation: many, all hidden
    assert max(n["rank"] for n in shown) < min(n["rank"] for n in hidden)
    assert sorted(n["rank"] for n in news_view["nodes"]) == list(range(len(news_view["nodes"])))


def test_the_layout_keeps_the_opening_view_apart_and_the_rest_beside_it(news_view):
    nodes = news_view["nodes"]
    least = news_view["default"]["min_links"]
    points = [(n["x"], n["y"]) for n in nodes]
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points) and len(set(points)) == len(points)
    shown = [n for n in nodes if n["links"] >= least]
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= a["size"] + b["size"] + graphlayout.GAP * 0.8
    by_id = {n["id"]: n for n in nodes}
    near: dict = {}
    for k in news_view["links"]:
        near.setdefault(k["source"], set()).add(k["target"])
        near.setdefault(k["target"], set()).add(k["source"])
    for n in nodes:   # an entity linked into the opening view sits beside one of its neighbours
        if 0 < n["links"] < least and any(by_id[m]["links"] >= least for m in near[n["id"]]):
            assert min(math.dist((n["x"], n["y"]), (by_id[m]["x"], by_id[m]["y"])) for m in near[n["id"]]) < 3 * graphlayout.SPACING
    linked_bottom = max(n["y"] for n in nodes if n["links"])
    assert all(n["y"] > linked_bottom for n in nodes if not n["links"])   # the unlinked: a grid below


def test_two_processes_write_byte_identical_pages(tmp_path):
    """String hashing differs between processes (PYTHONHASHSEED); the page must not."""
    import os
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, 'tests'); from synthetic import news_store; from kg import viz; "
            "viz.write_html(news_store(100), sys.argv[1], title='news')")
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / f"{seed}.html")], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    one, two = (tmp_path / "1.html").read_bytes(), (tmp_path / "2.html").read_bytes()
    assert one == two and len(_embedded(one.decode())["nodes"]) > 400


def test_a_graph_too_large_for_one_page_keeps_its_most_linked_entities(news_view, monkeypatch):
    from synthetic import news_store

    full = viz.view_data(news_store(100))
    cut = overview.reduce(full, max_entities=60, max_statements=200)
    left = cut["omitted"]
    assert len(cut["nodes"]) <= 60 and len(cut["edges"]) <= 200
    assert len(cut["nodes"]) + left["entities"] == left["total_entities"] == len(full["nodes"])
    assert len(cut["edges"]) + left["statements"] == left["total_statements"] == len(full["edges"])
    kept = {e["id"] for e in cut["edges"]}
    key = {e["id"]: (e["source"], e["type"], e["target"]) for e in full["edges"]}
    assert {i for i, k in key.items() if k in {key[j] for j in kept}} == kept   # links whole, never split
    ids = {n["id"] for n in cut["nodes"]}
    assert {n["id"] for n in news_view["nodes"] if n["rank"] < 10} <= ids   # the most linked are all there
    monkeypatch.setattr(overview, "PAGE_MAX_ENTITIES", 60)
    monkeypatch.setattr(overview, "PAGE_MAX_STATEMENTS", 200)
    data = _embedded(viz.render_html(full))
    assert data["omitted"] == left and len(data["nodes"]) == len(cut["nodes"])

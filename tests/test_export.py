"""Export formats: deterministic bytes, round trips, networkx, and interop with Jena and rapper."""
from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from conftest import build, graphs
from rdflib.compare import isomorphic
from synthetic import A, B, C

from kg.errors import FormatError
from kg.export import FORMATS, Format, export, formats, serialize, to_networkx
from kg.resources import ontology_dir
from kg.store import GraphStore

RDF_FORMATS = [f.name for f in formats("rdf")]


def union(store) -> rdflib.Graph:
    g = rdflib.Graph()
    for name, graph in graphs(store).items():
        g += graph
    return g


def load_rdflib(path, fmt: Format):
    rdflib_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml", "trig": "trig", "nq": "nquads"}
    if fmt.is_quads:
        d = rdflib.Dataset()
        d.parse(path, format=rdflib_format[fmt.name])
        return d
    return rdflib.Graph().parse(path, format=rdflib_format[fmt.name])


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_same_graph_gives_byte_identical_files(tmp_path, name):
    one, other = build(GraphStore(), A, B, C), build(GraphStore(), C, A, B)
    export(one, tmp_path / "one", name)
    export(other, tmp_path / "other", name)
    assert (tmp_path / "one").read_bytes() == (tmp_path / "other").read_bytes()


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_round_trip_is_isomorphic_in_rdflib_and_pyoxigraph(tmp_path, abc, name):
    fmt = Format.from_name(name)
    path = tmp_path / f"g{fmt.extensions[0]}"
    export(abc, path)
    expected = union(abc)
    if fmt.is_quads:
        d = load_rdflib(path, fmt)
        got = {str(g.identifier): g for g in d.graphs() if len(g)}
        want = graphs(abc)
        assert sorted(got) == sorted(want)
        assert all(isomorphic(rdflib.Graph() + got[k], want[k]) for k in want)
    else:
        assert isomorphic(load_rdflib(path, fmt), expected)
    back = ox.Store()
    back.load(path=str(path), format=fmt.rdf_format)
    assert len(back) == (len(abc) if fmt.is_quads else len(expected))


def test_turtle_and_jsonld_use_our_prefixes(tmp_path, abc):
    export(abc, tmp_path / "g.ttl")
    head = (tmp_path / "g.ttl").read_text()
    assert "@prefix kg: <https://w3id.org/newskg/ontology#> ." in head and "kg:recognizes" in head
    export(abc, tmp_path / "g.jsonld")
    text = (tmp_path / "g.jsonld").read_text()
    assert '"dcterms": "http://purl.org/dc/terms/"' in text and '"kg:Article"' in text


def test_format_table_and_errors():
    assert [f.name for f in FORMATS] == ["ttl", "trig", "nq", "nt", "jsonld", "rdf", "graphml", "gexf", "html", "csv",
                                        "parquet"]
    assert Format.from_path("x.trig").media_type == "application/trig"
    with pytest.raises(FormatError, match=r"allowed: \.ttl, \.trig"):
        Format.from_path("x.xlsx")
    with pytest.raises(FormatError, match="unknown format 'owl2'; allowed: ttl, trig"):
        Format.from_name("owl2")


def test_export_is_atomic_and_leaves_no_temp_files(tmp_path, abc, monkeypatch):
    target = tmp_path / "g.ttl"
    target.write_text("old")
    import kg.export as ex

    def boom(store, fmt, out):  # fails half-way through the streamed file
        out.write(b"@prefix kg: <https://w3id.org/newskg/ontology#> .\n")
        raise RuntimeError("disk full")

    monkeypatch.setattr(ex, "write_rdf", boom)
    with pytest.raises(RuntimeError):
        export(abc, target)
    monkeypatch.undo()
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_to_networkx(abc):
    g = to_networkx(abc)
    assert isinstance(g, nx.MultiDiGraph)
    russia = "https://kg.example.org/id/russia"
    assert g.nodes[russia]["label"] == "Russia" and g.nodes[russia]["class"] == "Country"
    edges = [d for _, _, d in g.edges(russia, data=True)]
    assert len(g.edges()) == 7  # one edge per statement
    assert sorted((d["type"], d.get("date", ""), d["modality"]) for d in edges) == [
        ("recognizes", "2025", "asserted"), ("recognizes", "2025-07", "asserted"),
        ("recognizes", "2025-07-03", "reported"), ("sanctions", "", "negated"), ("sanctions", "2026-01", "asserted")]
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in data.values())


@pytest.mark.parametrize("name,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_load_in_networkx(tmp_path, abc, name, read):
    path = tmp_path / f"g.{name}"
    export(abc, path)
    g = read(path)
    want = to_networkx(abc)
    assert g.number_of_nodes() == want.number_of_nodes() and g.number_of_edges() == want.number_of_edges()
    labels = {d.get("label") for _, d in g.nodes(data=True)}
    assert {"Russia", "Taliban", "Sergei Shoigu"} <= labels
    export(build(GraphStore(), C, B, A), tmp_path / f"again.{name}")
    assert path.read_bytes() == (tmp_path / f"again.{name}").read_bytes()


def test_python_api_exposes_to_networkx(abc):
    import kg

    assert kg.to_networkx(abc).number_of_edges() == 7


# ---------------------------------------------------------------------- Jena and rapper
@pytest.mark.jena
def test_every_rdf_output_and_the_ontology_load_in_four_tools_with_the_same_counts(tmp_path, abc):
    from rdftools import RAPPER_SYNTAX, rapper_count, require, riot_counts

    require("jena")
    require("rapper")
    files = {}
    for name in RDF_FORMATS:
        fmt = Format.from_name(name)
        files[name] = tmp_path / f"g{fmt.extensions[0]}"
        export(abc, files[name])
    files["ontology"] = ontology_dir() / "kg.ttl"
    riot = riot_counts(tmp_path, [p for n, p in files.items() if n != "jsonld"])
    riot.update(riot_counts(tmp_path, [files["jsonld"]], syntax="jsonld10"))
    for name, path in files.items():
        fmt = Format.from_name("ttl") if name == "ontology" else Format.from_name(name)
        in_rdflib = load_rdflib(path, fmt)
        n_rdflib = len(list(in_rdflib.quads())) if fmt.is_quads else len(in_rdflib)
        oxs = ox.Store()
        oxs.load(path=str(path), format=fmt.rdf_format)
        counts = {"rdflib": n_rdflib, "pyoxigraph": len(oxs), "riot": riot[path.name]}
        if name in RAPPER_SYNTAX or name == "ontology":  # raptor has no JSON-LD parser
            counts["rapper"] = rapper_count(path, RAPPER_SYNTAX.get(name, "turtle"))
        assert len(set(counts.values())) == 1, (name, counts)
    # the round trip through Jena: riot's N-Triples of our Turtle is the same graph
    from rdftools import riot

    done = riot(tmp_path, "--output=ntriples", str(files["ttl"]))
    assert isomorphic(rdflib.Graph().parse(data=done.stdout, format="nt"), union(abc))
    done = riot(tmp_path, "--output=ntriples", str(files["ontology"]))
    assert isomorphic(rdflib.Graph().parse(data=done.stdout, format="nt"), rdflib.Graph().parse(files["ontology"]))


def test_html_export_goes_to_the_explorer(tmp_path, abc):
    export(abc, tmp_path / "g.html")
    page = (tmp_path / "g.html").read_text()
    assert page.startswith("<!") and "Sergei Shoigu" in page


def test_json_ld_keeps_a_named_graph_per_article_with_a_context_from_the_ontology_and_compact_values(tmp_path, abc):
    import json

    from kg import ontology

    export(abc, tmp_path / "g.jsonld")
    doc = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    ctx, graphs_ = doc["@context"], {g["@id"]: g["@graph"] for g in doc["@graph"]}
    onto = ontology.load()
    assert {n for n in ctx if ctx[n] in (f"kg:{n}", {"@id": f"kg:{n}", "@type": "@id"})} >= set(onto.properties)
    assert all(n in ctx for n in onto.literals) and ctx["recognizes"] == {"@id": "kg:recognizes", "@type": "@id"}
    articles = {g for g, nodes in graphs_.items() if any(n.get("@type") == "Article" for n in nodes)}
    assert articles == {f"https://kg.example.org/graph/{a}" for a in ("a-001", "b-002", "c-003")}
    nodes = {n["@id"]: n for n in graphs_["https://kg.example.org/graph/a-001"]}
    article = nodes["https://kg.example.org/article/a-001"]
    assert (article["identifier"], article["issued"], article["publisher"]) == ("a-001", "2026-05-14", "The Moscow Times")
    [st] = [n for n in nodes.values() if n.get("predicate") == "kg:recognizes"]
    assert (st["subject"], st["object"], st["modality"], st["confidence"]) == (
        "https://kg.example.org/id/russia", "https://kg.example.org/id/taliban", "kg:Asserted", "0.85")
    assert st["date"] == {"@value": "2025-07", "@type": "xsd:gYearMonth"} and ctx["confidence"]["@type"] == "xsd:decimal"
    evidence = nodes[st["evidence"]]
    assert (evidence["charStart"], evidence["wasDerivedFrom"]) == (0, "https://kg.example.org/article/a-001")
    back = ox.Dataset(ox.parse(path=str(tmp_path / "g.jsonld"), format=ox.RdfFormat.JSON_LD))
    want = ox.Dataset(ox.parse(serialize(abc, Format.from_name("nq")), format=ox.RdfFormat.N_QUADS))
    back.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    want.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    assert set(back) == set(want)

"""`kg build` end to end on the bundled examples and the seed articles, and its user errors."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    proc = kg("build", "examples", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "4 articles" in proc.stdout and "relations" in proc.stdout and "dated" in proc.stdout
    return out


def test_build_writes_every_format(built):
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "graph.html"):
        assert (built / name).stat().st_size > 1000, name
    assert (built / "store").is_dir()


def test_turtle_parses_in_rdflib_and_pyoxigraph_to_the_same_triples(built):
    g = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    triples = list(ox.parse(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(g) == len(set(triples)) > 300


def test_trig_has_one_named_graph_per_article_and_json_ld_round_trips(built):
    ds = rdflib.Dataset()
    ds.parse(built / "graph.trig", format="trig")
    articles = {str(g.identifier) for g in ds.graphs() if (None, rdflib.RDF.type, rdflib.URIRef(
        "https://w3id.org/newskg/ontology#Article")) in g}
    assert len(articles) == 4
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    ttl = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    assert isomorphic(union, ttl)
    jsonld = rdflib.Dataset()
    jsonld.parse(built / "graph.jsonld", format="json-ld")  # the same named graphs, each the same graph
    named = {str(g.identifier): g for g in jsonld.graphs() if len(g)}
    assert sorted(named) == sorted(str(g.identifier) for g in ds.graphs() if len(g))
    assert all(isomorphic(rdflib.Graph() + named[str(g.identifier)], g) for g in ds.graphs() if len(g))


def test_every_output_validates(built):
    for target in (built, built / "graph.ttl", built / "graph.jsonld"):
        proc = kg("validate", str(target))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert proc.stdout.startswith("valid:")


def test_rebuilding_gives_the_same_files(built, tmp_path):
    proc = kg("build", "examples", "--out", str(tmp_path), "--format", "ttl", "--format", "nq")
    assert proc.returncode == 0, proc.stderr
    for name in ("graph.ttl", "graph.nq"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes()


def test_named_queries_answer_on_the_build(built):
    proc = kg("query", str(built), "--named", "positions", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert "Jens Stoltenberg" in proc.stdout


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_seed_articles_get_the_right_title_and_date(tmp_path):
    from kg.sources import read_documents

    docs = {d.id: d for d in read_documents([CORPUS])}
    first, second = docs["000_5b8e9dd8946ddebc"], docs["001_1b95f6c29074fdd4"]
    assert first.title is None and first.published is None
    assert second.title.startswith("Russia Is Building") and str(second.published) == "2026-05-14"
    assert second.url.startswith("https://www.themoscowtimes.com/")
    assert "Original url" not in second.text and "Related article" not in second.text


@pytest.mark.parametrize("args, message", [
    (("build", "no/such/file.txt"), "no such file or folder"),
    (("build", "examples", "--published", "2026-02-30"), "is not a date"),
    (("build", "examples", "--base-iri", "not an iri"), "expected an absolute http(s) IRI"),
    (("query", "examples/wire.jsonl", "SELECT * {}"), "is neither a kg build folder"),
    (("validate", "nowhere.ttl"), "nowhere.ttl"),
])
def test_user_errors_give_one_line_and_exit_1(args, message, tmp_path):
    proc = kg(*args, "--out", str(tmp_path / "o")) if args[0] == "build" else kg(*args)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_a_bad_article_does_not_lose_the_others(tmp_path):
    (tmp_path / "good.md").write_text("---\ntitle: Good\npublished: 2024-03-01\n---\nFinland joined NATO on Monday.\n")
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    proc = kg("build", str(tmp_path), "--out", str(tmp_path / "out"), "--format", "ttl")
    assert proc.returncode == 3, proc.stderr
    assert "bad.md" in proc.stderr and "1 articles" in proc.stdout
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    assert any("Finland" in str(o) for o in g.objects(None, rdflib.RDFS.label))


def test_explain_shows_entities_relations_rules_and_date_phrases():
    proc = kg("explain", "examples/moscow-kabul-recognition.md")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Taliban  [ArmedGroup]" in out and "mentions:" in out
    assert "-recognizes-> Taliban" in out and "rule verb:recognize/dobj" in out
    assert 'date 2003 (from "2003", clause)' in out


def test_explorer_nodes_are_entities_only(built):
    from kg.store import open_graph
    from kg.viz import view_data

    with open_graph(built) as store:
        view = view_data(store)
    assert {n["cls"] for n in view["nodes"]} <= {"Country", "Person", "GovernmentBody", "InternationalOrganization",
                                                 "Meeting", "ArmedGroup", "Region", "MediaOrganization", "Place",
                                                 "City", "Organization"}
    assert len(view["edges"]) == len({e["id"] for e in view["edges"]}) > 10

"""`kg validate`: the SHACL shapes in ontology/shapes.ttl against a hand-written graph and its breakages."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.validate import Violation, load_graph, validate

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid.trig"

PREFIXES = """
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX id: <https://kg.example.org/id/>
PREFIX st: <https://kg.example.org/statement/>
"""
ST = "https://kg.example.org/statement/"
ID = "https://kg.example.org/id/"


def broken(update: str) -> rdflib.Graph:
    """The valid fixture (union of its graphs) with a SPARQL update applied."""
    graph, _ = load_graph(VALID)
    copy = rdflib.Graph()
    for triple in graph:
        copy.add(triple)
    copy.update(PREFIXES + update)
    return copy


def only(report, focus: str, path: str) -> list[Violation]:
    return [v for v in report.violations if v.focus == focus and v.path == path]


def test_valid_fixture_conforms():
    report = validate(VALID)
    assert report.conforms, report.text()
    assert report.violations == []
    assert (report.statements, report.entities) == (7, 6)
    assert report.text() == "valid: 7 statements, 6 entities"


def test_rdfs_inference_gives_the_same_answer():
    assert validate(VALID, inference="rdfs").conforms


# ---------------------------------------------------------------- one breakage per constraint

CASES = [
    # (name, update, focus, path, words of the message)
    ("missing subject", "DELETE WHERE { st:a1-001 rdf:subject ?s }",
     ST + "a1-001", "rdf:subject", "exactly one rdf:subject"),
    ("two objects", "INSERT DATA { st:a1-001 rdf:object id:russia }",
     ST + "a1-001", "rdf:object", "exactly one rdf:object"),
    ("predicate outside the ontology",
     "DELETE { st:a1-001 rdf:predicate ?p } INSERT { st:a1-001 rdf:predicate rdfs:seeAlso } "
     "WHERE { st:a1-001 rdf:predicate ?p }",
     ST + "a1-001", "rdf:predicate/rdfs:subPropertyOf*", "relation of the ontology"),
    ("untyped date",
     "DELETE { st:a1-001 kg:date ?d } INSERT { st:a1-001 kg:date \"2025-07\" } WHERE { st:a1-001 kg:date ?d }",
     ST + "a1-001", "kg:date", "valid xsd:date, xsd:gYearMonth or xsd:gYear"),
    ("impossible day",
     "DELETE { st:a2-002 kg:date ?d } INSERT { st:a2-002 kg:date \"2026-02-30\"^^xsd:date } "
     "WHERE { st:a2-002 kg:date ?d }",
     ST + "a2-002", "kg:date", "valid xsd:date"),
    ("impossible month",
     "DELETE { st:a1-001 kg:date ?d } INSERT { st:a1-001 kg:date \"2025-13\"^^xsd:gYearMonth } "
     "WHERE { st:a1-001 kg:date ?d }",
     ST + "a1-001", "kg:date", "valid xsd:date"),
    ("two dates", "INSERT DATA { st:a1-001 kg:date \"2025\"^^xsd:gYear }",
     ST + "a1-001", "kg:date", "at most one"),
    ("ill-typed start",
     "DELETE { st:a1-002 kg:startDate ?d } INSERT { st:a1-002 kg:startDate \"twenty-twelve\"^^xsd:gYear } "
     "WHERE { st:a1-002 kg:startDate ?d }",
     ST + "a1-002", "kg:startDate", "valid xsd:date"),
    ("end before start",
     "DELETE { st:a1-002 kg:endDate ?d } INSERT { st:a1-002 kg:endDate \"2011-12-31\"^^xsd:date } "
     "WHERE { st:a1-002 kg:endDate ?d }",
     ST + "a1-002", "kg:endDate", "is before kg:startDate"),
    ("date and interval", "INSERT DATA { st:a2-003 kg:date \"2024\"^^xsd:gYear }",
     ST + "a2-003", "kg:date", "a date or an interval, not both"),
    ("statement without evidence", "DELETE WHERE { st:a1-003 kg:evidence ?e }",
     ST + "a1-003", "kg:evidence", "exactly one kg:evidence"),
    ("evidence offsets reversed",
     "DELETE { st:a1-002-evidence kg:charEnd ?e } INSERT { st:a1-002-evidence kg:charEnd 10 } "
     "WHERE { st:a1-002-evidence kg:charEnd ?e }",
     ST + "a1-002-evidence", "kg:charStart", "not be greater than kg:charEnd"),
    ("evidence without article", "DELETE WHERE { st:a1-001-evidence <http://www.w3.org/ns/prov#wasDerivedFrom> ?a }",
     ST + "a1-001-evidence", "prov:wasDerivedFrom", "exactly one prov:wasDerivedFrom"),
    ("confidence above one",
     "DELETE { st:a1-001 kg:confidence ?c } INSERT { st:a1-001 kg:confidence 1.5 } WHERE { st:a1-001 kg:confidence ?c }",
     ST + "a1-001", "kg:confidence", "from 0 to 1"),
    ("unknown modality",
     "DELETE { st:a1-001 kg:modality ?m } INSERT { st:a1-001 kg:modality kg:Rumoured } WHERE { st:a1-001 kg:modality ?m }",
     ST + "a1-001", "kg:modality", "kg:Asserted, kg:Negated"),
    ("role on another predicate", "INSERT DATA { st:a1-001 kg:role \"Secretary\" }",
     ST + "a1-001", "kg:role", "only kg:holdsPosition statements carry a role"),
    ("negated statement asserted", "INSERT DATA { id:taliban kg:criticizes id:russia }",
     ST + "a1-004", "kg:modality", "its direct triple"),
    ("entity without label", "DELETE WHERE { id:tass rdfs:label ?l }",
     ID + "tass", "rdfs:label", "exactly one rdfs:label"),
    ("entity with two labels", "INSERT DATA { id:russia rdfs:label \"Russian Federation\" }",
     ID + "russia", "rdfs:label", "exactly one rdfs:label"),
    ("entity typed outside the ontology",
     "DELETE WHERE { id:kabul a ?c } ; INSERT DATA { id:kabul a <https://schema.org/Thing> }",
     ID + "kabul", "rdf:type/rdfs:subClassOf*", "entity class of the ontology"),
    ("article with a date-time issued",
     "DELETE { ?a <http://purl.org/dc/terms/issued> ?d } "
     "INSERT { ?a <http://purl.org/dc/terms/issued> \"2026-05-14T10:00:00\"^^xsd:dateTime } "
     "WHERE { ?a <http://purl.org/dc/terms/issued> ?d }",
     "https://kg.example.org/article/a1", "dcterms:issued", "valid xsd:date"),
]


@pytest.mark.parametrize("update,focus,path,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_constraint_reports_its_violation(update, focus, path, words):
    report = validate(broken(update))
    assert not report.conforms
    hits = only(report, focus, path)
    assert hits, report.text()
    assert any(words in v.message for v in hits), report.text()
    assert all(v.severity == "Violation" for v in hits)
    # the breakage is reported where it is, not as noise elsewhere
    assert {v.focus for v in report.violations} == {focus}, report.text()


def test_blank_nodes_are_reported():
    report = validate(broken(
        "DELETE { ?s rdf:object id:kabul } INSERT { ?s rdf:object _:somewhere . _:somewhere a kg:City ; "
        "rdfs:label \"Somewhere\" } WHERE { ?s rdf:object id:kabul }"))
    assert not report.conforms
    (hit,) = [v for v in report.violations if v.focus.startswith("_:")]
    assert hit.path == "" and hit.message == "statements, evidence, entities and articles are IRIs (no blank nodes)"
    (obj,) = only(report, ST + "a2-002", "rdf:object")
    assert obj.message == "a statement needs exactly one rdf:object, an IRI"


def test_negated_statement_backed_by_another_article_is_fine():
    # a2 asserts Russia sanctions Taliban (with its direct triple), a1 denies it: both stand
    assert validate(broken("DELETE WHERE { st:a1-004 ?p ?o }")).conforms
    report = validate(broken("DELETE WHERE { st:a2-001 ?p ?o }"))
    assert [(v.focus, v.path) for v in report.violations] == [(ST + "a1-003", "kg:modality")]


def test_ill_typed_value_is_named_in_the_report():
    report = validate(broken(
        "DELETE { st:a2-002 kg:date ?d } INSERT { st:a2-002 kg:date \"2026-02-30\"^^xsd:date } "
        "WHERE { st:a2-002 kg:date ?d }"))
    (hit,) = only(report, ST + "a2-002", "kg:date")
    assert hit.value == '"2026-02-30"^^xsd:date'
    assert hit.line().startswith(ST + "a2-002  kg:date  kg:date: at most one")


# ---------------------------------------------------------------- inputs


def test_every_rdf_format_and_a_store_give_the_same_answer(tmp_path):
    graph, _ = load_graph(VALID)
    store = pyoxigraph.Store()
    store.load(path=str(VALID), format=pyoxigraph.RdfFormat.TRIG)
    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")):
        out = tmp_path / f"graph{suffix}"
        graph.serialize(out, format=fmt)
        assert validate(out).statements == 7
    from_store, _ = load_graph(store)
    assert from_store.isomorphic(graph)
    assert validate(store).conforms


def test_a_graph_passed_in_is_left_alone():
    graph, _ = load_graph(VALID)
    before = len(graph)
    assert validate(graph).conforms
    assert len(graph) == before  # the ontology was mixed into a copy, not into the caller's graph


def test_build_folder_and_store_folder(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    (build / "graph.nq").write_bytes(_nquads(VALID))
    report = validate(build)
    assert report.conforms and report.source == str(build / "graph.nq")

    stored = tmp_path / "stored"
    stored.mkdir()
    store = pyoxigraph.Store(str(stored / "store"))
    store.load(path=str(VALID), format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    del store
    report = validate(stored)
    assert report.conforms and report.statements == 7 and report.source == str(stored / "store")


def _nquads(path: Path) -> bytes:
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TRIG)
    return store.dump(format=pyoxigraph.RdfFormat.N_QUADS)


@pytest.mark.parametrize("name,words", [
    ("missing.trig", "no such file or folder"),
    ("graph.csv", "unsupported extension '.csv'"),
])
def test_bad_paths_raise_input_error(tmp_path, name, words):
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("a,b\n")
    with pytest.raises(InputError, match=words) as err:
        validate(path)
    assert str(path) in str(err.value) and ".trig" in str(err.value)


def test_empty_folder_and_syntax_error(tmp_path):
    with pytest.raises(InputError, match="no graph.trig, graph.nq or store/"):
        validate(tmp_path)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    with pytest.raises(InputError, match=r"bad\.ttl: not valid Turtle: .*line 1"):
        validate(bad)


# ---------------------------------------------------------------- CLI


def test_cli_valid():
    result = CliRunner().invoke(main, ["validate", str(VALID)])
    assert result.exit_code == 0, result.output
    assert result.output == "valid: 7 statements, 6 entities\n"


def test_cli_invalid_lists_violations(tmp_path):
    out = tmp_path / "bad.ttl"
    broken("DELETE WHERE { st:a1-001 rdf:subject ?s } ; DELETE WHERE { id:tass rdfs:label ?l }").serialize(
        out, format="turtle")
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "invalid: 2 violations"
    assert lines[1].startswith(ID + "tass  rdfs:label  an entity needs exactly one rdfs:label")
    assert lines[2].startswith(ST + "a1-001  rdf:subject  a statement needs exactly one rdf:subject")


@pytest.mark.parametrize("name", ["missing.nq", "graph.xml"])
def test_cli_user_errors_are_one_line(tmp_path, name):
    path = tmp_path / name
    if name == "graph.xml":
        path.write_text("<rdf/>")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith(f"kg: error: {path}:")
    assert "Traceback" not in result.output

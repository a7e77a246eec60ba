"""SPARQL over the store: formats, syntax errors, remote data refused, named queries, the CLI."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import FormatError, QueryError
from kg.query import named_queries, named_query, query, query_text


def test_prefixes_are_prebound_and_default_graph_is_the_union(abc):
    out = json.loads(query(abc, "SELECT (COUNT(DISTINCT ?st) AS ?n) { ?st a kg:Statement }", fmt="json"))
    assert out["results"]["bindings"][0]["n"]["value"] == "7"


def test_from_selects_one_local_graph(abc):
    text = "SELECT (COUNT(DISTINCT ?st) AS ?n) FROM <https://kg.example.org/graph/a-001> { ?st a kg:Statement }"
    assert json.loads(query(abc, text, fmt="json"))["results"]["bindings"][0]["n"]["value"] == "3"
    text = "SELECT * FROM <http://example.org/remote.ttl> { ?s ?p ?o }"
    assert json.loads(query(abc, text, fmt="json"))["results"]["bindings"] == []


@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o . service silent <http://example.org/> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o .SERVICE <http://example.org/> { ?s ?p ?o } }",
    "SELECT * { SERVI\\u0043E <http://example.org/> { ?s ?p ?o } }",
])
def test_service_is_refused(abc, text):
    with pytest.raises(QueryError, match="SERVICE"):
        query(abc, text)


def test_service_word_in_strings_iris_and_variables_is_fine(abc):
    out = query(abc, 'SELECT ?service { BIND("SERVICE" AS ?service) } # SERVICE', fmt="csv")
    assert out.splitlines() == ["service", "SERVICE"]


def test_syntax_error_names_line_and_column(abc):
    with pytest.raises(QueryError) as err:
        query(abc, "SELECT ?s\nWHERE {\n  ?s ?p\n}")
    assert "SPARQL syntax error at line 4, column " in str(err.value)
    assert str(err.value).splitlines()[-2:] == ["  }", "  ^"]


def test_result_formats(abc):
    text = "SELECT DISTINCT ?label WHERE { ?e a kg:Country ; rdfs:label ?label } ORDER BY ?label"
    assert list(csv.reader(io.StringIO(query(abc, text, fmt="csv")))) == [["label"], ["China"], ["Russia"]]
    assert query(abc, text, fmt="tsv").splitlines() == ["?label", '"China"', '"Russia"']
    assert [b["label"]["value"] for b in json.loads(query(abc, text, fmt="json"))["results"]["bindings"]] == [
        "China", "Russia"]
    table = query(abc, text).splitlines()
    assert table[0].split() == ["label"] and table[2:] == ["China", "Russia", "(2 rows)"]
    with pytest.raises(FormatError, match="allowed: table, csv, tsv, json"):
        query(abc, text, fmt="xml")


def test_construct_and_ask(abc):
    rows = query(abc, "CONSTRUCT WHERE { ?e a kg:Country }", fmt="csv").splitlines()
    assert rows[0] == "subject,predicate,object" and len(rows) == 3
    assert query(abc, "ASK { ?e rdfs:label 'Taliban' }") == "true"


def rows(abc, name, **params):
    out = query(abc, named_query(name).render(params), fmt="json")
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(out)["results"]["bindings"]]


def test_named_queries_have_headers():
    queries = named_queries()
    assert set(queries) >= {"entity-timeline", "positions", "article", "facts", "corroborated"}
    for q in queries.values():
        assert q.title and q.description, q.name
    assert [p.name for p in queries["entity-timeline"].params] == ["label"]
    assert queries["corroborated"].params[0].default == "2"


def test_entity_timeline(abc):
    got = [(r["date"], r["relation"], r["object"], r["modality"], r["article"])
           for r in rows(abc, "entity-timeline", label="Russia")]
    assert got == [
        ("2025", "recognizes", "Taliban", "asserted", "b-002"),
        ("2025-07", "recognizes", "Taliban", "asserted", "a-001"),
        ("2025-07-03", "recognizes", "Taliban", "reported", "c-003"),
        ("2026-01", "sanctions", "China", "asserted", "b-002"),
        ("", "sanctions", "China", "negated", "a-001"),
    ]
    assert rows(abc, "entity-timeline", label="RUSSIA") == rows(abc, "entity-timeline", label="Russia")  # altLabel
    assert rows(abc, "entity-timeline", label="russia") == []


def test_positions(abc):
    assert [(r["person"], r["role"], r["organization"], r["date"]) for r in rows(abc, "positions")] == [
        ("Sergei Shoigu", "Secretary", "Security Council", "2024")]


def test_article(abc):
    got = rows(abc, "article", article="a-001")
    assert [(r["subject"], r["relation"], r["object"], r["modality"]) for r in got] == [
        ("Russia", "recognizes", "Taliban", "asserted"),
        ("Sergei Shoigu", "holdsPosition", "Security Council", "asserted"),
        ("Russia", "sanctions", "China", "negated")]


def test_facts_leave_out_negated_and_reported(abc):
    got = {(r["subject"], r["relation"], r["object"], r.get("date", "")) for r in rows(abc, "facts")}
    assert ("Russia", "recognizes", "Taliban", "2025-07-03") not in got  # reported
    assert ("Russia", "sanctions", "China", "") not in got  # negated
    assert ("Russia", "sanctions", "China", "2026-01") in got and len(got) == 5


def test_corroborated(abc):
    got = rows(abc, "corroborated")
    assert [(r["subject"], r["object"], r["outlets"], r["sources"], r["firstReported"]) for r in got] == [
        ("Russia", "Taliban", "2", "3", "2026-03-31")]
    assert got[0]["dates"].split(" | ") == sorted(["2025", "2025-07", "2025-07-03"], reverse=True) or \
        sorted(got[0]["dates"].split(" | ")) == ["2025", "2025-07", "2025-07-03"]
    assert len(rows(abc, "corroborated", min="1")) == 4


def test_parameters_are_checked_and_cannot_inject(abc):
    with pytest.raises(QueryError, match="missing parameter --param label"):
        named_query("entity-timeline").render({})
    with pytest.raises(QueryError, match="unknown parameter x; allowed: label"):
        named_query("entity-timeline").render({"label": "a", "x": "1"})
    with pytest.raises(QueryError, match="expected an integer"):
        named_query("corroborated").render({"min": "2 } ; DROP ALL #"})
    assert rows(abc, "entity-timeline", label='Russia") } UNION { ?st ?p ?o } #') == []
    with pytest.raises(QueryError, match="no named query 'nope'; available: article"):
        named_query("nope")


def test_query_text_sources(tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("ASK {}")
    assert query_text(file=f) == "ASK {}"
    with pytest.raises(QueryError, match="exactly one"):
        query_text(sparql="ASK {}", named="facts")
    with pytest.raises(QueryError, match="NAME=VALUE"):
        query_text(named="entity-timeline", params=["label"])


def test_cli_query_export_remove(folder, tmp_path):
    run = CliRunner().invoke
    out = run(main, ["query", str(folder), "--named", "entity-timeline", "--param", "label=Russia", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert len(out.output.splitlines()) == 6
    out = run(main, ["query", str(folder), "SELECT ?s { ?s ?p }"])
    assert out.exit_code == 1 and "line 1, column 20" in out.output and "Traceback" not in out.output
    out = run(main, ["export", str(folder), "--format", "nt", "-o", str(tmp_path / "g.nt")])
    assert out.exit_code == 0, out.output
    out = run(main, ["query", str(tmp_path / "g.nt"), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--format", "csv"])
    assert out.output.splitlines()[1] == str(len((tmp_path / "g.nt").read_text().splitlines()))
    out = run(main, ["remove", str(folder), "b-002"])
    assert out.exit_code == 0 and "graph/b-002" in out.output
    out = run(main, ["remove", str(folder), "b-002"])
    assert out.exit_code == 1 and "no article 'b-002' (2 articles in the store)" in out.output
    out = run(main, ["query", str(folder), "--named", "corroborated", "--format", "csv"])
    assert out.output.splitlines()[1].split(",")[3:6] == ["2", "2", "2026-04-02"]  # a-001 and c-003 left

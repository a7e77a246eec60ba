"""Data for notebooks: SPARQL results as DataFrames, the statements table (CSV, Parquet), kg stats."""
from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import build
from synthetic import A, B, C, Article, Stmt

from kg.cli import main
from kg.errors import QueryError
from kg.export import export
from kg.stats import stats
from kg.store import GraphStore
from kg.tables import COLUMNS, dataframe, statement_rows, statements_frame


def test_a_select_result_is_a_dataframe_of_plain_values(abc):
    frame = dataframe(abc, """SELECT ?label ?conf ?start ?date WHERE {
        ?st a kg:Statement ; rdf:subject/rdfs:label ?label ; kg:confidence ?conf ; kg:evidence/kg:charStart ?start
        OPTIONAL { ?st kg:date ?date } } ORDER BY ?start ?date""")
    assert list(frame.columns) == ["label", "conf", "start", "date"] and len(frame) == 7
    assert frame["conf"].dtype == float and set(frame["conf"]) == {0.85}
    assert frame["start"].dtype.kind == "i" and sorted(set(frame["start"])) == [0, 100, 200]
    assert frame["date"].isna().sum() == 1 and "2025-07" in set(frame["date"])
    with pytest.raises(QueryError, match="SELECT"):
        dataframe(abc, "ASK { ?s ?p ?o }")


def test_the_statements_table_has_a_row_per_statement_with_its_evidence_and_article(abc):
    rows = statement_rows(abc)
    assert len(rows) == 7 and all(list(r) == [c for c, _ in COLUMNS] for r in rows)
    [negated] = [r for r in rows if r["modality"] == "negated"]
    assert (negated["subject_label"], negated["predicate"], negated["object_label"], negated["date"]) == (
        "Russia", "sanctions", "China", None)
    assert (negated["article_id"], negated["published"], negated["outlet"]) == ("a-001", "2026-05-14", "The Moscow Times")
    [reported] = [r for r in rows if r["predicate"] == "recognizes" and r["article_id"] == "b-002"]
    assert reported["reported_by"] == "https://kg.example.org/id/tass" and reported["url"] == "https://www.example.com/news/b"
    first = next(r for r in rows if r["sentence"] == "Made-up: Russia recognized them last July.")
    assert (first["date"], first["date_text"], first["char_start"], first["char_end"], first["confidence"]) == (
        "2025-07", "in 2025-07", 0, 42, 0.85)
    assert [r["statement"] for r in rows] == sorted(r["statement"] for r in rows)


def test_csv_and_parquet_hold_the_same_table_and_are_deterministic(tmp_path, abc):
    export(abc, tmp_path / "s.csv")
    export(abc, tmp_path / "s.parquet")
    export(build(GraphStore(), C, B, A), tmp_path / "again.csv", "csv")
    export(build(GraphStore(), C, B, A), tmp_path / "again.parquet")
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "again.csv").read_bytes()
    assert (tmp_path / "s.parquet").read_bytes() == (tmp_path / "again.parquet").read_bytes()
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as f:
        lines = list(csv.DictReader(f))
    parquet = pd.read_parquet(tmp_path / "s.parquet")
    want = statements_frame(abc)
    assert len(lines) == len(parquet) == len(want) == 7
    assert list(parquet.columns) == [c for c, _ in COLUMNS]
    assert parquet["char_start"].dtype == "int64" and parquet["confidence"].dtype == "float64"
    assert parquet["statement"].tolist() == [r["statement"] for r in lines] == want["statement"].tolist()
    assert [r["date"] or None for r in lines] == [None if pd.isna(v) else v for v in parquet["date"]]


def test_kg_stats_counts_articles_entities_relations_dates_and_outlets(folder):
    result = CliRunner().invoke(main, ["stats", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["articles"] == 3 and figures["published"] == {"first": "2026-03-31", "last": "2026-05-14"}
    assert figures["outlets"] == {"TASS": 1, "The Moscow Times": 1, "Xinhua": 1}
    assert figures["entities"] == {"total": 7, "by_class": {"Country": 2, "ArmedGroup": 1, "GovernmentBody": 1,
                                                            "InternationalOrganization": 1, "MediaOrganization": 1,
                                                            "Person": 1}}
    rel = figures["relations"]
    assert (rel["total"], rel["dated"], rel["dated_share"]) == (7, 6, round(6 / 7, 4))
    assert rel["by_type"] == {"recognizes": 3, "sanctions": 2, "holdsPosition": 1, "memberOf": 1}
    assert rel["dates"] == {"first": "2001", "last": "2026-01"}
    text = CliRunner().invoke(main, ["stats", str(folder)]).output
    assert "articles               3   published 2026-03-31 to 2026-05-14" in text
    assert "dated 6 (86%), dates 2001 to 2026-01" in text and re.search(r"^  recognizes +3$", text, re.M)


def test_stats_of_an_article_without_publisher_name_the_host_of_its_url():
    store = build(GraphStore(), Article("d-004", [Stmt(("France", "Country"), "supports", ("Chad", "Country"))],
                                        url="https://www.lemonde.example/a"))
    assert stats(store)["outlets"] == {"lemonde.example": 1}

"""Incremental builds through the CLI, on three small made-up articles (not corpus text)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_same_dataset

from kg.cli import main
from kg.store import open_graph

ARTICLES = {
    "alpha.md": """---
title: Made-up report one
published: 2026-02-10
source: Example Wire
---
France recognized Palestine on Monday. Germany sanctioned Iran in 2024.
""",
    "beta.md": """---
title: Made-up report two
published: 2026-02-12
source: Other Daily
---
France recognized Palestine last week, officials said. Japan met with India in January.
""",
    "gamma.md": """---
title: Made-up report three
published: 2026-02-14
source: Third Post
---
Brazil signed an agreement with Argentina in 2025.
""",
}


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return {name.split(".")[0]: folder / name for name in ARTICLES}


def kg(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def build(out: Path, *paths: Path) -> Path:
    kg("build", *paths, "--out", out, "--format", "ttl", "--format", "nq")
    return out


def test_a_then_b_equals_a_and_b(tmp_path, articles):
    build(tmp_path / "inc", articles["alpha"])
    build(tmp_path / "inc", articles["beta"])
    build(tmp_path / "all", articles["alpha"], articles["beta"])
    with open_graph(tmp_path / "inc") as inc, open_graph(tmp_path / "all") as both:
        assert len(inc.articles()) == 2
        assert_same_dataset(inc, both)
    assert (tmp_path / "inc" / "graph.nq").read_bytes() == (tmp_path / "all" / "graph.nq").read_bytes()
    # the relation both articles report is one consolidated relation with both sources
    out = kg("query", tmp_path / "inc", "--named", "corroborated", "--format", "csv").splitlines()
    assert [row.split(",")[:6] for row in out[1:]] == [["France", "recognizes", "Palestine", "2", "2", "2026-02-10"]]


def test_building_a_twice_equals_once(tmp_path, articles):
    build(tmp_path / "twice", articles["alpha"], articles["gamma"])
    build(tmp_path / "twice", articles["alpha"])
    build(tmp_path / "once", articles["alpha"], articles["gamma"])
    with open_graph(tmp_path / "twice") as twice, open_graph(tmp_path / "once") as once:
        assert_same_dataset(twice, once)


def test_removing_b_equals_building_a_alone(tmp_path, articles):
    build(tmp_path / "ab", articles["alpha"], articles["beta"])
    with open_graph(tmp_path / "ab") as store:
        beta = next(g for g in store.articles() if "beta" in g)
    assert "removed" in kg("remove", tmp_path / "ab", beta)
    build(tmp_path / "a", articles["alpha"])
    with open_graph(tmp_path / "ab") as removed, open_graph(tmp_path / "a") as alone:
        assert_same_dataset(removed, alone)
    # the exported files beside the store follow the removal
    assert (tmp_path / "ab" / "graph.ttl").read_bytes() == (tmp_path / "a" / "graph.ttl").read_bytes()


def test_query_runs_on_the_build_folder(tmp_path, articles):
    build(tmp_path / "q", articles["alpha"], articles["beta"])
    out = kg("query", tmp_path / "q", "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?a a kg:Article }", "--format", "csv")
    assert out.splitlines() == ["n", "2"]

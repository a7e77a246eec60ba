"""Builds at scale: streaming, worker processes, Dask, resuming, and interrupted builds."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import assert_same_dataset, graphs
from rdflib.compare import isomorphic

from kg.build import build, count_articles
from kg.freshness import CONTENT_HASH, content_hash
from kg.sources import read_documents
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = {
    "paris": "France recognized Palestine on Monday. President Emmanuel Macron said the decision was final.",
    "moscow": "Russia criticized NATO in March 2024.\n\nSergei Shoigu visited Beijing last week.",
    "berlin": "Germany signed an agreement with Japan on May 3, 2025.",
    "geneva": "The United Nations called on Israel to withdraw from Gaza.",
    "kabul": "Russia recognized the Taliban government in July 2025.",
    "ankara": "Turkey criticized Sweden on Friday. Finland joined NATO in 2023.",
}


def write_corpus(folder: Path, names=tuple(ARTICLES), published="2026-05-14") -> Path:
    """Two articles as Markdown files, the others as lines of one JSONL file."""
    folder.mkdir(parents=True, exist_ok=True)
    names = list(names)
    for name in names[:2]:
        (folder / f"{name}.md").write_text(f"---\npublished: {published}\n---\n{ARTICLES[name]}\n")
    with open(folder / "more.jsonl", "w") as f:
        for name in names[2:]:
            f.write(json.dumps({"id": name, "published": published, "text": ARTICLES[name]}) + "\n")
    return folder


def store_of(out: Path) -> GraphStore:
    return GraphStore(out / "store")


def test_two_workers_build_the_same_graph_as_one(tmp_path):
    src = write_corpus(tmp_path / "in")
    with open(src / "more.jsonl", "a") as f:  # an id given twice: refused, naming both; the first read (more.jsonl) kept
        f.write(json.dumps({"id": "paris", "text": ARTICLES["ankara"]}) + "\n")
    one = build([src], tmp_path / "one", formats=("nq",), workers=1, batch_size=3)
    two = build([src], tmp_path / "two", formats=("nq",), workers=2, batch_size=1)
    assert (one.articles, one.words, one.relations) == (two.articles, two.words, two.relations)
    assert one.articles == len(ARTICLES) and one.relations > 0
    [failure] = one.failures
    assert failure.origin == f"{src}/paris.md" and f"already the id of {src}/more.jsonl:5" in failure.message
    last = [d for d in read_documents([src]) if getattr(d, "id", None) == "paris"][-1]
    with store_of(tmp_path / "one") as a, store_of(tmp_path / "two") as b:
        assert_same_dataset(a, b)
        paris = ox.NamedNode("https://kg.example.org/graph/paris")
        assert [q.object.value for q in a.raw.quads_for_pattern(None, ox.NamedNode(CONTENT_HASH), None, paris)] \
            == [content_hash(last)]
    assert (tmp_path / "one" / "graph.nq").read_bytes() == (tmp_path / "two" / "graph.nq").read_bytes()


def test_dask_local_cluster_builds_the_same_graph_as_a_local_build(tmp_path):
    pytest.importorskip("dask.distributed")
    src = write_corpus(tmp_path / "in", names=list(ARTICLES)[:4])
    local = build([src], tmp_path / "local", formats=("trig",))
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env_path) if p)  # workers import kg
    try:
        dask = build([src], tmp_path / "dask", formats=("trig",), engine="dask", workers=2, batch_size=1)
    finally:
        os.environ["PYTHONPATH"] = env_path
    assert dask.articles == local.articles == 4 and not dask.failures
    with store_of(tmp_path / "local") as a, store_of(tmp_path / "dask") as b:
        assert_same_dataset(a, b)


def test_a_second_build_skips_unchanged_articles_and_redoes_changed_ones(tmp_path):
    src = write_corpus(tmp_path / "in")
    first = build([src], tmp_path / "out", formats=("nq",))
    assert (first.articles, first.skipped) == (len(ARTICLES), 0)
    again = build([src], tmp_path / "out", formats=("nq",))
    assert (again.articles, again.skipped, again.relations) == (0, len(ARTICLES), first.relations)
    (src / "paris.md").write_text("---\npublished: 2026-05-14\n---\nSpain recognized Palestine on Monday.\n")
    changed = build([src], tmp_path / "out", formats=("nq",))
    assert (changed.articles, changed.skipped) == (1, len(ARTICLES) - 1)
    fresh = build([src], tmp_path / "fresh", formats=("nq",))
    with store_of(tmp_path / "out") as a, store_of(tmp_path / "fresh") as b:
        assert_same_dataset(a, b)
    assert fresh.relations == changed.relations


def test_the_content_hash_is_on_the_article_and_other_settings_extract_again(tmp_path, monkeypatch):
    src = write_corpus(tmp_path / "in", names=["paris", "berlin", "geneva"])
    build([src], tmp_path / "out", formats=())
    docs = {d.id: d for d in read_documents([src])}
    with store_of(tmp_path / "out") as store:
        hashes = {q.subject.value.rsplit("/", 1)[-1]: q.object.value
                  for q in store.raw.quads_for_pattern(None, ox.NamedNode(CONTENT_HASH), None)}
    assert hashes == {name: content_hash(doc) for name, doc in docs.items()}
    import kg.freshness

    monkeypatch.setattr(kg.freshness, "fingerprint", lambda model=None: "kg test; model other 1.0")
    rebuilt = build([src], tmp_path / "out", formats=())
    assert (rebuilt.articles, rebuilt.skipped) == (3, 0)


def test_standard_input_and_the_summary_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    data = "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in list(ARTICLES.items())[:3])
    result = CliRunner().invoke(main, ["build", "-", "-o", str(tmp_path / "out"), "--format", "nq", "-j", "1"],
                                input=data)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3 articles, ") and " words in " in result.output and "words/s" in result.output
    assert "\r" not in result.output  # no progress bar when stderr is not a terminal
    again = CliRunner().invoke(main, ["build", "-", "-o", str(tmp_path / "out"), "--format", "nq"], input=data)
    assert "0 articles" in again.output and "3 unchanged, skipped" in again.output


def test_progress_bar_shows_articles_rate_and_total(tmp_path, capsys):
    src = write_corpus(tmp_path / "in", names=["paris", "berlin", "geneva"])
    assert count_articles([src]) == 3
    build([src], tmp_path / "out", formats=(), progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "words/s" in err and "articles" in err


DRIVER = textwrap.dedent("""
    import signal, sys, time
    from kg.build import build
    # Ctrl-C as at a terminal: a suite run as a background job hands its children SIGINT ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    seen = []
    def done(item):
        seen.append(item)
        print("done", flush=True)
        if len(seen) == 2:
            time.sleep(60)  # the work going on when the build is interrupted
    build([sys.argv[1]], sys.argv[2], formats=("nq", "ttl"), workers=int(sys.argv[3]), batch_size=1,
          on_article=done)
""")


def interrupted_build(src: Path, out: Path, sig: int, workers: int) -> subprocess.CompletedProcess:
    """Run a build in a process and send it ``sig`` once two articles are in the store."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(src), str(out), str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen = 0
    while seen < 2:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        seen += line.startswith("done")
    proc.send_signal(sig)
    out_, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out_, err)


@pytest.mark.parametrize("sig,workers", [(signal.SIGKILL, 1), (signal.SIGINT, 2)], ids=["kill", "ctrl-c"])
def test_an_interrupted_build_keeps_earlier_outputs_and_resumes(tmp_path, sig, workers):
    src = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    earlier = write_corpus(tmp_path / "earlier", names=["geneva", "kabul", "ankara"])
    build([earlier], out, formats=("nq", "ttl"))
    before = {p.name: p.read_bytes() for p in out.glob("graph.*")}

    proc = interrupted_build(src, out, sig, workers)
    assert proc.returncode != 0
    if sig == signal.SIGINT:
        assert "KeyboardInterrupt" in proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before  # no half-written file

    reference = build([src], tmp_path / "reference", formats=())
    with store_of(out) as store, store_of(tmp_path / "reference") as ref:
        want, got = graphs(ref), graphs(store)
        articles = {g for g in got if g.split("/")[-1] in ARTICLES}
        hashes = {q.graph_name.value for q in store.raw.quads_for_pattern(None, ox.NamedNode(CONTENT_HASH), None)
                  if isinstance(q.graph_name, ox.NamedNode)}
        assert hashes == articles  # every article graph is whole, with its hash
        assert all(isomorphic(want[g], got[g]) for g in articles)
        new = {g for g in articles if g.split("/")[-1] in ("paris", "moscow", "berlin")}
        assert len(new) == 2  # those done before the signal, and no other

    resumed = build([src], out, formats=("nq", "ttl"))
    assert (resumed.articles, resumed.skipped) == (1, len(ARTICLES) - 1)
    with store_of(out) as store, store_of(tmp_path / "reference") as ref:
        assert_same_dataset(store, ref)
    assert (out / "graph.nq").read_bytes() != before["graph.nq"]


def test_engine_options_are_checked(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    src = write_corpus(tmp_path / "in", names=["paris"])
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 1 and "--scheduler is for --engine dask" in result.output
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "-j", "0"])
    assert result.exit_code == 2 and "--workers" in result.output

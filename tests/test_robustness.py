"""Issue 8: hostile text gives valid RDF, bad input is reported without losing the good articles,
and an interrupted build (SIGKILL) leaves the previous outputs and the store intact and resumable.

Articles here are made up from templates (no corpus text).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import build
from kg.cli import main
from kg.store import GraphStore
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
RDF_FILES = {"graph.ttl": ("turtle", "TURTLE"), "graph.trig": ("trig", "TRIG"),
             "graph.nq": ("nquads", "N_QUADS"), "graph.jsonld": ("json-ld", "JSON_LD")}
FORMATS = ("ttl", "trig", "nq", "jsonld")

# ---------------------------------------------------------------- hostile text

HOSTILE = ['"', "'", "<", ">", "<script>alert(1)</script>", "\\", "\\n", "\n", "\r\n", "\\u0022", "😀",
           "👩\u200d👩\u200d👧", "\u202e", "\u200f", "\u200b", "\u200d", "\ufeff", "مرحبا", "שלום", "&amp;",
           "{", "}", "|", "^", "`", "%20", "#", "@context", "_:b0", '"""', "'''", "]]>", "\t", "\x00", "\x1b",
           "\ud800", "\uffff", "\u2028", "Ω", "ß", "İ"]
FIRST = ["Ivan", "Maria", "Ahmed", "Chen", "Olena", "Jean"]
LAST = ["Petrov", "Okafor", "Haddad", "Lindqvist", "Moreau", "Tanaka"]
COUNTRIES = ["France", "Germany", "Russia", "China", "Japan", "Brazil", "Kenya", "India", "Turkey", "Egypt"]
TEMPLATES = [
    "{c1} recognized {c2} on Monday.",
    "President {p1} of {c1} met {p2} in {c2} on March 3, 2025.",
    "{c1} criticized {c2} last week, {p1} said.",
    "{p1}, the foreign minister of {c1}, visited {c2} in May 2024.",
    "{c2} signed an agreement with {c1} in 2023.",
    "\u201c{q}\u201d said {p1}, the prime minister of {c2}.",
    "{c1} sanctioned {c2} in January.",
]

hostile = st.sampled_from(HOSTILE)
fragment = st.lists(st.one_of(hostile, st.text(min_size=1, max_size=4)), min_size=1, max_size=4).map("".join)


@st.composite
def person(draw) -> str:
    """A person's name, often with hostile characters inside it, sometimes 500 characters long."""
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    kind = draw(st.sampled_from(["plain", "inside", "around", "long"]))
    if kind == "inside":
        return f"{first} {draw(fragment)}{last}"
    if kind == "around":
        return f"{draw(fragment)}{first} {last}{draw(fragment)}"
    if kind == "long":
        return f"{first} " + (last * 100)[:495]
    return f"{first} {last}"


@st.composite
def article(draw) -> dict:
    """A JSONL object: hostile metadata, and a text of template sentences with hostile names and noise."""
    sentences = []
    for _ in range(draw(st.integers(1, 5))):
        c1, c2 = draw(st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=2, unique=True))
        sentences.append(draw(st.sampled_from(TEMPLATES)).format(
            c1=c1, c2=c2, p1=draw(person()), p2=draw(person()), q=draw(fragment)))
        if draw(st.booleans()):
            sentences.append(draw(fragment))
    return {
        "id": draw(st.one_of(st.none(), fragment, st.just("x" * 500))),
        "title": draw(st.one_of(st.none(), fragment)),
        "source": draw(st.one_of(st.none(), fragment)),
        "url": draw(st.one_of(st.none(), st.just("https://example.org/a b\"<>"),
                              fragment.map(lambda f: "https://example.org/" + f))),
        "published": "2026-05-14",
        "text": " ".join(sentences) if draw(st.booleans()) else "\n\n".join(sentences),
    }


def check_outputs(out: Path) -> None:
    """Every RDF file parses in rdflib and pyoxigraph to the same number of triples (quads)."""
    import pyoxigraph as ox
    import rdflib

    for name, (rdflib_format, ox_format) in RDF_FILES.items():
        path = out / name
        quads = list(ox.parse(path=str(path), format=getattr(ox.RdfFormat, ox_format)))
        if ox_format in ("TRIG", "N_QUADS", "JSON_LD"):  # JSON-LD keeps the named graphs too
            ds = rdflib.Dataset()
            ds.parse(str(path), format=rdflib_format)
            count = len(list(ds.quads((None, None, None, None))))
        else:
            count = len(rdflib.Graph().parse(str(path), format=rdflib_format))
        assert count == len(quads) > 0, name


def test_hostile_text_always_gives_valid_rdf(tmp_path):
    seen = {"examples": 0, "with_relations": 0, "hostile_labels": 0}
    odd = set("\"'<>\\{}|^`😀\u202e\u200f\u200b\u200d") | set("مرحباשלום")

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.lists(article(), min_size=1, max_size=3))
    def run(articles):
        n = seen["examples"] = seen["examples"] + 1
        src, out = tmp_path / f"in{n}", tmp_path / f"out{n}"
        src.mkdir()
        (src / "news.jsonl").write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="ascii")
        summary = build([src], out, formats=FORMATS)
        # two drawn articles may share an id (or its slug): the second is refused, never merged
        assert not [f for f in summary.failures if "ids must be unique" not in f.message], summary.failures
        assert summary.articles + len(summary.failures) == len(articles)
        check_outputs(out)
        report = validate(out)
        assert report.conforms, report.text()
        seen["with_relations"] += summary.relations > 0
        with GraphStore(out / "store") as store:
            labels = [r["l"].value for r in store.query("SELECT ?l { ?e rdfs:label ?l }")]
        seen["hostile_labels"] += any(odd & set(label) for label in labels)

    run()
    assert seen["with_relations"] >= seen["examples"] // 2, seen
    assert seen["hostile_labels"] >= 1, seen


# ---------------------------------------------------------------- bad input, one class at a time

GOOD = {"good.txt": "Ministers Meet\n\nFrance recognized Palestine on Monday.\n",
        "talks.md": "---\ntitle: Talks\npublished: 2026-05-14\n---\nGermany criticized Russia on Tuesday.\n"}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
BIG = ("Japan supports Brazil. " * 40 + "\n\n") * 11_500  # about 10.6 MB of text in paragraphs
BAD = {
    "empty": ("empty.txt", b"", "empty.txt: empty file; expected article text"),
    "blank": ("blank.md", b"  \n\n\t\n", "blank.md: empty file"),
    "binary": ("photo.txt", PNG, "photo.txt: binary data (NUL bytes); expected text in UTF-8"),
    "binary-no-nul": ("noise.txt", bytes(range(1, 32)) * 40, "noise.txt: binary data (control characters)"),
    "front-matter": ("bad.md", b"---\ntitle: [unclosed\n---\nSpain supports Ukraine.\n",
                     "bad.md:2: malformed YAML front matter"),
    "front-matter-open": ("open.md", b"---\ntitle: x\nSpain supports Ukraine.\n",
                          "open.md:1: front matter opened with '---' is never closed"),
    "front-matter-list": ("list.md", b"---\n- a\n- b\n---\nSpain supports Ukraine.\n",
                          "list.md: front matter: expected a mapping of fields (id, title, published"),
    "date-line": ("feb.txt", b"Spain Talks\n\nFebruary 30, 2026\n\nSpain supports Ukraine.\n",
                  "feb.txt:3: 'February 30, 2026' is not a valid calendar date (day is out of range for month)"),
    "date-field": ("feb.md", b"---\npublished: 2026-02-30\n---\nSpain supports Ukraine.\n",
                   "feb.md: front matter: field 'published': '2026-02-30' is not a date (day is out of range "
                   "for month); expected YYYY-MM-DD"),
    "extension": ("notes.pdf", b"%PDF-1.4 Spain supports Ukraine.", "notes.pdf: unsupported extension '.pdf'; "
                  "expected one of .txt, .md, .jsonl, .html, .htm, .warc, .warc.gz"),
    "huge": ("huge.txt", BIG.encode(), f"huge.txt: {len(BIG):,} bytes is over the limit of 5,000,000 bytes"),
}


def run_build(folder: Path, *paths: str):
    """`kg build` in this process (the spaCy pipeline is loaded once per test session)."""
    result = CliRunner().invoke(main, ["build", *paths, "-o", str(folder / "out"), "--format", "trig"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def built_ids(out: Path) -> set[str]:
    with GraphStore(out / "store") as store:
        return {r["id"].value for r in store.query("SELECT ?id { ?a a kg:Article ; dcterms:identifier ?id }")}


def write_inputs(folder: Path, name: str, data: bytes) -> list[str]:
    for good, text in GOOD.items():
        (folder / good).write_text(text, encoding="utf-8")
    (folder / name).write_bytes(data)
    return [str(folder / "good.txt"), str(folder / name), str(folder / "talks.md")]


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_is_reported_and_the_good_ones_are_built(tmp_path, case, monkeypatch):
    name, data, message = BAD[case]
    monkeypatch.chdir(tmp_path)
    result = run_build(tmp_path, *write_inputs(tmp_path, name, data))
    assert result.exit_code == 3, result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("kg: failed: ")]
    assert len(failed) == 1 and f"kg: failed: {tmp_path / name}" in failed[0], result.stderr
    assert message in failed[0], failed[0]
    assert "Traceback" not in result.output
    assert built_ids(tmp_path / "out") == {"good", "talks"}
    assert "2 articles" in result.stdout and "1 failed" in result.stdout


def test_a_malformed_jsonl_line_is_reported_and_the_other_lines_are_built(tmp_path):
    lines = [json.dumps({"id": "one", "text": "France recognized Palestine on Monday."}),
             '{"id": "two", "text": "Spain supports Ukraine."',
             json.dumps({"id": "three", "text": "Germany criticized Russia on Tuesday."}),
             json.dumps({"id": "four", "text": "Spain supports Ukraine.", "published": "2026-02-30"}),
             json.dumps({"id": "five", "text": ""}),
             json.dumps({"id": "six", "text": "Japan supports Brazil. " * 60_000})]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(tmp_path, str(path))
    assert result.exit_code == 3
    failed = sorted(line for line in result.stderr.splitlines() if line.startswith("kg: failed: "))
    assert [line.split(": ")[2] for line in failed] == [f"{path}:{n}" for n in (2, 4, 5, 6)]
    assert f"not valid JSON (Expecting ',' delimiter at column {len(lines[1]) + 1}); expected one object a line with 'text'" in failed[0]
    assert "field 'published': '2026-02-30' is not a date (day is out of range for month)" in failed[1]
    assert "expected an object with a non-empty string field 'text'" in failed[2]
    assert "article text of 1,379,999 characters is over the limit of 1,000,000" in failed[3]
    assert built_ids(tmp_path / "out") == {"one", "three"}


def test_text_that_is_not_utf8_is_read_as_cp1252_with_a_warning(tmp_path):
    text = "Caf\u00e9 Talks\n\n\u201cWe agree,\u201d said Fran\u00e7ois Hollande. France recognized Palestine on Monday.\n"
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1252"))
    result = run_build(tmp_path, str(tmp_path / "cp.txt"))
    assert result.exit_code == 0, result.output
    assert f"kg: warning: {tmp_path / 'cp.txt'}: not UTF-8 (byte 3); read as cp1252" in result.stderr
    with GraphStore(tmp_path / "out" / "store") as store:
        title = [r["t"].value for r in store.query("SELECT ?t { ?a a kg:Article ; dcterms:title ?t }")]
        sentences = {r["s"].value for r in store.query("SELECT ?s { ?e kg:sentence ?s }")}
    assert title == ["Caf\u00e9 Talks"]
    assert "France recognized Palestine on Monday." in sentences


def test_html_is_read_without_tags_scripts_or_styles(tmp_path):
    page = """<!doctype html><html><head><title>Summit</title>
    <meta property="article:published_time" content="2026-05-14T09:00:00Z">
    <style>p { content: "Japan sanctioned Brazil." }</style>
    <script>var s = "Japan sanctioned Brazil."; if (a < b && c > d) {}</script></head>
    <body><nav>Home | Egypt | Kenya</nav><article><h1>Summit</h1>
    <p>France <b>recognized</b> Palestine on Monday, and Germany criticized Russia.</p><p>Q&amp;A</p>
    <script type="application/ld+json">{"about": "India"}</script><noscript>Turkey</noscript>
    </article><footer>Copyright China</footer></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    result = run_build(tmp_path, str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    with GraphStore(tmp_path / "out" / "store") as store:
        labels = {r["l"].value for r in store.query("SELECT ?l { ?a kg:mentions ?e . ?e rdfs:label ?l }")}
        sentences = {r["s"].value for r in store.query("SELECT ?s { ?e kg:sentence ?s }")}
        issued = [r["d"].value for r in store.query("SELECT ?d { ?a dcterms:issued ?d }")]
    assert {"France", "Palestine", "Germany", "Russia"} <= labels
    assert not labels & {"Japan", "Brazil", "India", "Turkey", "Egypt", "Kenya", "China"}
    assert all("<" not in s and "{" not in s for s in sentences) and issued == ["2026-05-14"]


def test_only_bad_files_is_exit_code_1_and_writes_nothing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_build(tmp_path, str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert f"kg: failed: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert "kg: error: nothing built: no article in the inputs (2 failed)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_path_writes_nothing(tmp_path):
    result = run_build(tmp_path, str(tmp_path / "missing-path"))
    assert result.exit_code == 1 and "no such file or folder; nothing built" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "out").mkdir()  # an existing folder gets no graph.* files
    assert run_build(tmp_path, str(tmp_path / "missing-path")).exit_code == 1
    assert list((tmp_path / "out").iterdir()) == []


def test_a_folder_of_no_article_is_an_error_naming_each_file(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "report.pdf").write_bytes(b"%PDF-1.4")
    (src / "notes.rst").write_text("Spain supports Ukraine.")
    result = run_build(tmp_path, str(src))
    assert result.exit_code == 1, result.output
    assert (f"kg: error: nothing built: no article in the inputs (2 files skipped, not articles "
            f"(.txt, .md, .jsonl, .html, .htm, .warc, .warc.gz): {src / 'notes.rst'}, {src / 'report.pdf'})") in result.stderr
    assert not (tmp_path / "out").exists()
    (src / "a.txt").write_text("Spain supports Ukraine.")
    result = run_build(tmp_path, str(src))
    assert result.exit_code == 0, result.output
    assert f"kg: skipped 2 files that are not articles (.txt, .md, .jsonl, .html, .htm, .warc, .warc.gz): {src / 'notes.rst'}" \
        in result.stderr


# ---------------------------------------------------------------- interrupted builds

PEOPLE = [f"{f} {last}" for f in FIRST for last in LAST]
NEWS = [
    "{c1} recognized {c2} on {day}.",
    "{p}, the foreign minister of {c1}, visited {c2} in {month} 2025.",
    "{c1} criticized {c2} last week.",
    "{c1} signed an agreement with {c2} on {day}, officials said.",
    "President {p} of {c1} met the leaders of {c2} in {month}.",
    "The talks between {c1} and {c2} lasted three hours and ended without a statement.",
]


def news_article(n: int) -> str:
    """A made-up wire story: a title line, a date line, then paragraphs of template sentences."""
    import random

    rnd = random.Random(n)
    paras = []
    for _ in range(3):
        sents = []
        for _ in range(3):
            c1, c2 = rnd.sample(COUNTRIES, 2)
            sents.append(rnd.choice(NEWS).format(
                c1=c1, c2=c2, p=rnd.choice(PEOPLE), day=rnd.choice(["Monday", "Tuesday", "Friday"]),
                month=rnd.choice(["March", "May", "October"])))
        paras.append(" ".join(sents))
    return f"Story number {n}\n\nMay {1 + n % 28}, 2026\n\n" + "\n\n".join(paras) + "\n"


def kg_build(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def store_graphs(path: Path) -> dict:
    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import graphs

    with GraphStore(path) as store:
        return graphs(store)


def test_a_killed_build_leaves_outputs_and_store_intact_and_a_rerun_resumes(tmp_path):
    from rdflib.compare import isomorphic

    first, more = tmp_path / "first", tmp_path / "more"
    first.mkdir(), more.mkdir()
    for n in range(10):
        (first / f"story-{n:03d}.txt").write_text(news_article(n), encoding="utf-8")
    for n in range(10, 70):
        (more / f"story-{n:03d}.txt").write_text(news_article(n), encoding="utf-8")
    out = tmp_path / "out"
    done = kg_build(str(first), "-o", str(out))
    assert done.wait(timeout=300) == 0, done.stderr.read()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert {"graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "graph.html"} <= set(before)

    # the second build is killed once it has begun writing articles to the store
    wal = lambda: sum(p.stat().st_size for p in (out / "store").glob("*.log"))  # noqa: E731 (RocksDB's WAL)
    proc = kg_build(str(more), str(first), "-o", str(out))  # the new articles come first
    deadline, steps, last = time.monotonic() + 120, [], None
    while len(steps) < 3 and proc.poll() is None and time.monotonic() < deadline:
        size = wal()  # grows by one step per store transaction: the ontology, then articles
        if size != last:
            steps = [*steps, size] if steps and size > steps[-1] else [size] if size else []
            last = size
        time.sleep(0.005)
    time.sleep(0.3)
    assert proc.poll() is None, "the build ended before it could be killed: give it more articles"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # every earlier output byte-identical (temporary files are hidden, not listed)

    # a clean build of everything, for reference
    ref = tmp_path / "ref"
    clean = kg_build(str(first), str(more), "-o", str(ref))
    assert clean.wait(timeout=600) == 0, clean.stderr.read()
    expected = store_graphs(ref / "store")

    # the store opens and answers queries; each article graph in it is whole (written in one transaction)
    killed = store_graphs(out / "store")
    articles = [g for g in killed if "/graph/story-" in g]
    assert 1 <= len(articles) <= 70  # batches are written whole: the kill may fall after the last one
    for g in articles:
        assert isomorphic(killed[g], expected[g]), g

    # running the same build again resumes: the articles already in the store are skipped
    summary = build([first, more], out)
    assert not summary.failures
    resumed = store_graphs(out / "store")
    assert sorted(resumed) == sorted(expected)
    for g in expected:
        assert isomorphic(resumed[g], expected[g]), g
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld"):
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    assert summary.skipped == len(articles), (summary.skipped, len(articles))  # by content hash


def test_names_differing_only_in_punctuation_across_articles_still_validate(tmp_path):
    """Two spellings whose slugs agree ("Ivan Petrov", "Ivan-Petrov") share one IRI: it needs one label."""
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "a1", "text": "President Ivan Petrov of France criticized Kenya."}) + "\n"
        + json.dumps({"id": "a2", "text": "President Ivan-Petrov of France criticized Kenya."}) + "\n")
    summary = build([tmp_path / "a.jsonl"], tmp_path / "out", formats=("trig",))
    assert summary.articles == 2
    report = validate(tmp_path / "out")
    assert report.conforms, report.text()


def test_the_endpoint_never_fetches_a_remote_graph(folder):
    """FROM / FROM NAMED name graphs of the store: nothing is downloaded (the address does not exist)."""
    import threading
    import urllib.parse
    import urllib.request

    from kg.serve import Endpoint

    server = Endpoint(folder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        query = "SELECT * FROM <http://kg-remote.invalid/g.ttl> FROM NAMED <http://kg-remote.invalid/n> { ?s ?p ?o }"
        url = server.url + "/query?" + urllib.parse.urlencode({"query": query})
        with urllib.request.urlopen(url, timeout=20) as resp:
            assert resp.status == 200 and json.loads(resp.read())["results"]["bindings"] == []
    finally:
        server.shutdown()
        server.server_close()


def test_evidence_offsets_find_the_sentence_in_the_body_text_stored_on_the_article(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "scraped.txt").write_text(
        "Moscow and Kabul Agree\n\nMay 14, 2026\n\nMOSCOW, May 13 (Reuters) - Russia **recognized** the "
        "[Taliban](https://x.org/t) government\nin July 2025.\n\nRelated article: something else\n\n"
        "Sergei Shoigu visited Beijing last week. France recognized Palestine on Monday.\n\n"
        "Original url:\n<https://x.org/a>\n", encoding="utf-8")
    (src / "page.html").write_text("<html><body><p>Germany  signed an <b>agreement</b> with Japan on"
                                   " May 3, 2025.</p><p>Turkey criticized Sweden on Friday.</p></body></html>")
    summary = build([src], tmp_path / "out", formats=("ttl",))
    assert summary.articles == 2 and summary.relations >= 3
    with GraphStore(tmp_path / "out" / "store") as store:
        rows = list(store.query("""SELECT ?body ?start ?end ?sentence ?found WHERE {
            ?ev kg:sentence ?sentence ; kg:charStart ?start ; kg:charEnd ?end ; prov:wasDerivedFrom ?a .
            ?a kg:bodyText ?body . BIND(SUBSTR(?body, ?start + 1, ?end - ?start) AS ?found) }"""))
    assert len(rows) >= summary.relations
    for row in rows:
        body, start, end = row["body"].value, int(row["start"].value), int(row["end"].value)
        assert body[start:end] == row["sentence"].value == row["found"].value
    assert validate(tmp_path / "out").conforms

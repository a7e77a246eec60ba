"""Reading the web as it is: news pages (kg.web), languages (kg.language) and web archives (kg.warc),
on pages and archives made here (tests/webpages.py), without spaCy unless a test builds."""
from __future__ import annotations

import datetime as dt
import gzip
from collections import Counter

import pytest
from webpages import BOILERPLATE, STORIES, Record, news_page, write_warc

from kg import iri, sources, warc
from kg.model import Document, Failure

ENGLISH = [s for s in STORIES if s.lang == "en"]
FRENCH = next(s for s in STORIES if s.lang == "fr")


def read(*paths, **kw):
    omitted: Counter = Counter()
    items = list(sources.read_documents(list(paths), omitted=omitted, **kw))
    return [d for d in items if isinstance(d, Document)], [f for f in items if isinstance(f, Failure)], dict(omitted)


@pytest.mark.parametrize("layout", [0, 1, 2])
def test_a_news_page_gives_its_story_without_boilerplate_and_its_metadata(tmp_path, layout):
    story = ENGLISH[layout]
    (tmp_path / "page.html").write_text(news_page(story, site="The Harbour Ledger", layout=layout), encoding="utf-8")
    [doc], failures, omitted = read(tmp_path / "page.html")
    assert not failures and not omitted
    assert doc.text == "\n\n".join(story.paragraphs)  # the story, whole, and nothing else
    assert not [b for b in BOILERPLATE if b in doc.text]
    assert (doc.id, doc.title, doc.published, doc.author, doc.source) == (
        "page", story.title, dt.date.fromisoformat(story.published), story.author, "The Harbour Ledger")
    if layout < 2:  # Open Graph, or the canonical link
        assert doc.url == f"https://news.example/{story.published.replace('-', '/')}/{story.slug}"


def test_the_date_given_wins_over_the_pages_own(tmp_path):
    (tmp_path / "page.html").write_text(news_page(ENGLISH[0]), encoding="utf-8")
    [doc], _, _ = read(tmp_path / "page.html", published=dt.date(2030, 1, 2))
    assert doc.published == dt.date(2030, 1, 2)


def test_an_html_fragment_and_escaped_markup_are_read_as_text(tmp_path):
    (tmp_path / "a.html").write_text("<p>Q&amp;A: &amp;lt;b&amp;gt; stays text.</p><p>Spain supports Ukraine.</p>")
    [doc], _, _ = read(tmp_path / "a.html")
    assert doc.text == "Q&A: &lt;b&gt; stays text.\n\nSpain supports Ukraine."


def test_a_page_of_no_article_text_is_a_failure_naming_the_file(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    _, [failure], _ = read(tmp_path / "menu.html")
    assert failure.message.startswith(f"{tmp_path / 'menu.html'}: no article text in the page")


def test_articles_in_another_language_are_left_out_and_counted(tmp_path):
    (tmp_path / "fr-page.html").write_text(news_page(FRENCH), encoding="utf-8")
    (tmp_path / "fr.txt").write_text("\n\n".join(FRENCH.paragraphs), encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n\n".join(ENGLISH[1].paragraphs), encoding="utf-8")
    (tmp_path / "short.txt").write_text("Spain supports Ukraine.", encoding="utf-8")  # too short to tell: English
    docs, failures, omitted = read(tmp_path)
    assert [d.id for d in docs] == ["en", "short"] and not failures
    assert omitted == {sources.NOT_ENGLISH: 2}
    docs, _, omitted = read(tmp_path, english_only=False)
    assert [d.id for d in docs] == ["en", "fr-page", "fr", "short"] and omitted == {}


def test_plainly_english_text_needs_no_model_and_a_language_close_to_english_is_still_identified():
    from kg import language as lang

    lang._identifier.cache_clear()
    assert lang.language("\n\n".join(ENGLISH[1].paragraphs)) == "en"
    assert lang._identifier.cache_info().currsize == 0  # the model was not loaded
    brief = ("Carmaker Nordwerk announced today it would cut 4,000 jobs in Europe. It could also close two plants "
             "in Saxony, but unions say they have not seen the plans. Shares rose 3% after the news, when markets "
             "opened in Frankfurt on Tuesday morning.")  # a short business item, few "the" and "of"
    assert lang.plainly_english(brief) and lang.language(brief) == "en"
    assert lang._identifier.cache_info().currsize == 0
    dutch = ("De minister van Buitenlandse Zaken was dinsdag in Brussel voor overleg met zijn Duitse collega. Het is "
             "nog niet duidelijk of er een akkoord komt, maar de gesprekken waren constructief.")  # "is", "was", "of"
    assert not lang.plainly_english(dutch) and lang.language(dutch) == "nl"


# ---------------------------------------------------------------------- web archives
def page_uri(story, host="news.example"):
    return f"https://{host}/{story.published.replace('-', '/')}/{story.slug}"


UNDATED = "https://news.example/science/reef"


def mixed_records():
    """Every kind of record a crawl holds, and what kg must make of each."""
    en = ENGLISH
    undated = news_page(en[3], layout=2).replace(f'content="{en[3].published}"', 'content=""')  # and no date in its URI
    return [
        Record(page_uri(en[0]), kind="request"),
        Record(page_uri(en[0]), news_page(en[0], layout=0).encode()),                     # article 1
        Record(page_uri(en[1]), news_page(en[1], layout=1).encode("cp1252", "replace"),
               content_type="text/html; charset=windows-1252"),                            # article 2
        Record("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"),
        Record("https://news.example/missing", news_page(en[2]).encode(), status=404),
        Record("https://news.example/old", b"", status=301),
        Record("https://mirror.example/copy", news_page(en[0], layout=0).encode()),        # same payload
        Record(page_uri(en[1]), news_page(en[2], layout=1).encode()),                      # same URI
        Record(page_uri(FRENCH), news_page(FRENCH).encode()),                              # French
        Record(page_uri(en[2]), news_page(en[2], layout=2).encode()),                      # article 3
        Record("https://news.example/index", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        Record(UNDATED, undated.encode(), date="2026-08-03T23:59:59Z"),                    # article 4, fetch date
        Record(page_uri(en[0]), kind="revisit"),
        Record(page_uri(en[0]), b'{"outlinks": 3}', kind="metadata"),
    ]


EXPECTED_OMITTED = {warc.NOT_RESPONSE: 3, warc.NOT_200: 2, warc.NOT_HTML: 1, warc.DUPLICATE: 3,
                    sources.NOT_ENGLISH: 1, sources.NO_TEXT: 1}  # request, warcinfo, metadata; 404, 301; ...


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_of_mixed_records_gives_the_right_articles_and_counts(tmp_path, name):
    records = mixed_records()
    write_warc(tmp_path / name, records)
    docs, failures, omitted = read(tmp_path / name)
    assert not failures and omitted == EXPECTED_OMITTED
    assert len(docs) + sum(omitted.values()) == len(records) + 1  # every record (and the warcinfo) counted once
    en = ENGLISH
    assert [d.url for d in docs] == [page_uri(s) for s in en[:3]] + [UNDATED]
    assert [d.id for d in docs] == [iri.url_id(u) for u in [page_uri(s) for s in en[:3]] + [UNDATED]]
    assert [d.published for d in docs] == [dt.date.fromisoformat(s.published) for s in en[:3]] + [dt.date(2026, 8, 3)]
    assert [d.text for d in docs] == ["\n\n".join(s.paragraphs) for s in en[:4]]
    assert [d.origin for d in docs] == [f"{tmp_path / name} record {n}" for n in (3, 4, 11, 13)]
    assert docs[0].author == en[0].author and docs[0].source == "The Harbour Ledger"


def test_pages_of_an_archive_are_duplicates_in_the_next_and_ids_stay_the_same(tmp_path):
    write_warc(tmp_path / "a.warc.gz", mixed_records()[:3])
    write_warc(tmp_path / "b.warc.gz", mixed_records()[1:3] + [Record(page_uri(ENGLISH[4]), news_page(ENGLISH[4]).encode())])
    docs, failures, omitted = read(tmp_path / "a.warc.gz", tmp_path / "b.warc.gz")
    assert not failures and [d.url for d in docs] == [page_uri(s) for s in (ENGLISH[0], ENGLISH[1], ENGLISH[4])]
    assert omitted == {warc.NOT_RESPONSE: 3, warc.DUPLICATE: 2}
    again, _, _ = read(tmp_path / "b.warc.gz")
    assert [d.id for d in again] == [d.id for d in docs[:2]] + [docs[2].id]


def test_a_broken_archive_keeps_the_records_before_and_names_the_record(tmp_path):
    write_warc(tmp_path / "ok.warc.gz", mixed_records()[:3])
    data = (tmp_path / "ok.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data + gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:-6])
    (tmp_path / "junk.warc").write_bytes(b"this is no archive\n" * 10)
    docs, failures, _ = read(tmp_path / "cut.warc.gz", tmp_path / "junk.warc")
    assert len(docs) == 2  # warcinfo, request and two pages before the cut
    assert [f.origin for f in failures] == [f"{tmp_path / 'cut.warc.gz'} record 5", f"{tmp_path / 'junk.warc'} record 1"]
    assert all("not a readable WARC record" in f.message and "expected WARC/1.0 or WARC/1.1" in f.message
               for f in failures)


def test_a_page_over_the_size_limit_is_a_failure_and_the_others_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 4000)
    big = Record("https://news.example/big", news_page(ENGLISH[0]).encode() + b" " * 5000)
    write_warc(tmp_path / "c.warc", [big, Record(page_uri(ENGLISH[1]), news_page(ENGLISH[1]).encode())])
    docs, [failure], _ = read(tmp_path / "c.warc")
    assert [d.url for d in docs] == [page_uri(ENGLISH[1])]
    assert failure.message.startswith(f"{tmp_path / 'c.warc'} record 2: https://news.example/big: page of over 4,000")


# ---------------------------------------------------------------------- building an archive
def test_kg_build_of_an_archive_reports_what_it_left_out_and_the_counts_add_up(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.store import GraphStore

    records = mixed_records()
    write_warc(tmp_path / "crawl.warc.gz", records)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "crawl.warc.gz"), "-o", str(tmp_path / "out"),
                                       "--format", "nq", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert ("kg: 11 left out: 2 HTTP status not 200, 3 duplicate page (same payload digest or target URI), "
            "1 no article text, 1 not English, 1 not HTML, 3 not a response record") in result.stderr
    assert result.stdout.startswith("4 articles, ") and "; 11 left out" in result.stdout
    with GraphStore(tmp_path / "out" / "store") as store:
        rows = store.query("SELECT ?id ?url ?issued ?by WHERE { ?a a kg:Article ; dcterms:identifier ?id ; "
                           "dcterms:source ?url ; dcterms:issued ?issued OPTIONAL { ?a dcterms:creator ?by } }")
        got = sorted((r["url"].value, r["issued"].value, r["by"] and r["by"].value) for r in rows)
    en = ENGLISH
    assert got == sorted([(page_uri(s), s.published, s.author) for s in en[:3]] + [(UNDATED, "2026-08-03", en[3].author)])


def test_an_archive_builds_the_same_graph_with_two_workers_and_on_dask(tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    from conftest import assert_same_dataset

    from kg.build import build
    from kg.store import GraphStore

    write_warc(tmp_path / "crawl.warc.gz", mixed_records())
    root = str(sources.Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", root)  # the Dask workers import kg
    summaries = {name: build([tmp_path / "crawl.warc.gz"], tmp_path / name, formats=(), **kw) for name, kw in (
        ("one", {"workers": 1}), ("two", {"workers": 2, "batch_size": 1}),
        ("dask", {"engine": "dask", "workers": 1, "batch_size": 2}))}
    assert {(s.articles, s.relations, sum(s.omitted.values()), len(s.failures)) for s in summaries.values()} == {
        (4, summaries["one"].relations, 11, 0)}
    assert summaries["one"].read == len(mixed_records()) + 1 and summaries["one"].relations > 0
    with GraphStore(tmp_path / "one" / "store") as one:
        for other in ("two", "dask"):
            with GraphStore(tmp_path / other / "store") as store:
                assert_same_dataset(one, store)


def test_a_build_of_only_foreign_articles_says_so_and_all_languages_keeps_them(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    (tmp_path / "fr.txt").write_text("\n\n".join(FRENCH.paragraphs), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "fr.txt"), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert "kg: error: nothing built: no article in the inputs (1 left out: 1 not English)" in result.stderr
    result = CliRunner().invoke(main, ["build", str(tmp_path / "fr.txt"), "-o", str(tmp_path / "out"), "-j", "1",
                                       "--format", "nq", "--all-languages"])
    assert result.exit_code == 0 and result.stdout.startswith("1 articles, "), result.output

"""Reading articles (kg.sources), without spaCy: formats, encodings, limits and messages."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from kg import sources
from kg.errors import InputError
from kg.model import Document, Failure


def read(path):
    return list(sources.read_documents([path]))


def test_markdown_front_matter_with_crlf_and_a_datetime(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"---\r\ntitle: Talks\r\npublished: 2026-05-14T10:30:00Z\r\nurl: https://x.org/a\r\n---\r\n"
                     b"Spain supports Ukraine.\r\n")
    [doc] = read(path)
    assert (doc.title, doc.published, doc.url, doc.text) == ("Talks", dt.date(2026, 5, 14), "https://x.org/a",
                                                             "Spain supports Ukraine.")


def test_html_entities_are_decoded_once_and_an_unclosed_head_keeps_the_body(tmp_path):
    path = tmp_path / "p.html"
    path.write_text("<html><head><title>T</title><body><p>Q&amp;A: &amp;lt;b&amp;gt; stays text.</p>"
                    "<style>x</style><p>Spain supports Ukraine.</p>", encoding="utf-8")
    [doc] = read(path)
    assert doc.text == "Q&A: &lt;b&gt; stays text.\n\nSpain supports Ukraine."


def test_hostile_characters_are_cleaned_from_text_and_metadata(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": "a\\u0000b", "title": "T\\u001b\\ud800", "text": "Spain\\u0007 supports\\u2028Ukraine."}\n')
    [doc] = read(path)
    assert (doc.id, doc.title, doc.text) == ("ab", "T\ufffd", "Spain supports Ukraine.")  # a hard-wrapped line, joined


def test_cp1252_is_warned_once_per_jsonl_file(tmp_path, capsys):
    path = tmp_path / "n.jsonl"
    path.write_bytes('{"text": "Caf\u00e9 one."}\n{"text": "Caf\u00e9 two."}\n'.encode("cp1252"))
    docs = read(path)
    assert [d.text for d in docs] == ["Caf\u00e9 one.", "Caf\u00e9 two."]
    assert capsys.readouterr().err.count("read as cp1252") == 1


def test_an_overlong_jsonl_line_is_refused_unread_and_the_next_line_kept(monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 100)
    data = io.BytesIO(b'{"text": "' + b"x" * 500 + b'"}\n{"text": "Spain supports Ukraine."}\n')
    out = list(sources.read_jsonl(sources.Path("w.jsonl"), sources._file_lines(data)))
    assert isinstance(out[0], Failure) and "w.jsonl:1: 513 bytes is over the limit of 100 bytes" in out[0].message
    assert isinstance(out[1], Document) and out[1].text == "Spain supports Ukraine."


def test_an_empty_jsonl_file_is_one_failure(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text("\n  \n")
    assert read(path) == [Failure(str(path), f"{path}: empty file; expected one JSON object a line with a 'text' field")]


@pytest.mark.parametrize("line", ["February 29, 2025", "31 April 2026", "2026-13-01"])
def test_impossible_date_lines_name_the_line(line):
    with pytest.raises(InputError, match=r"^a\.txt:3: .* is not a valid calendar date"):
        sources.parse_text(f"Title\n\n{line}\n\nSpain supports Ukraine.", origin="a.txt", doc_id="a")


def test_a_date_on_the_first_line_is_the_date_not_the_title():
    doc = sources.parse_text("May 14, 2026\n\nSpain supports Ukraine.", origin="a.txt", doc_id="a")
    assert (doc.title, doc.published) == (None, dt.date(2026, 5, 14))


def test_text_over_the_character_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sources, "MAX_CHARS", 50)
    with pytest.raises(InputError, match="a.txt: article text of 71 characters is over the limit of 50"):
        sources.parse_text("Spain supports Ukraine. " * 3, origin="a.txt", doc_id="a")


def test_unknown_files_inside_folders_are_skipped_but_named_ones_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Spain supports Ukraine.")
    (tmp_path / "b.pdf").write_text("x")
    assert [d.id for d in read(tmp_path)] == ["a"]
    [failure] = read(tmp_path / "b.pdf")
    assert "unsupported extension '.pdf'" in failure.message


def test_files_of_one_name_in_sub_folders_get_ids_that_cannot_collide(tmp_path):
    for sub in ("a", "b", "2026/05/14", "2026/05/15"):
        (tmp_path / sub).mkdir(parents=True)
    (tmp_path / "a" / "story.txt").write_text("Spain supports Ukraine.")
    (tmp_path / "b" / "story.txt").write_text("France supports Ukraine.")
    (tmp_path / "2026/05/14/index.html").write_text("<p>Spain supports Ukraine.</p>")
    (tmp_path / "2026/05/15/index.html").write_text("<p>Spain criticized Morocco.</p>")
    (tmp_path / "top.txt").write_text("Italy supports Ukraine.")
    docs = read(tmp_path)
    assert [d.id for d in docs] == ["2026/05/14/index", "2026/05/15/index", "a/story", "b/story", "top"]
    assert all(isinstance(d, Document) for d in docs)


def test_two_inputs_of_one_id_are_an_error_naming_both(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(f"Spain supports Ukraine ({sub}).")
    doc, failure = sources.read_documents([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt"])
    assert doc.id == "story" and isinstance(failure, Failure)
    assert str(tmp_path / "a" / "story.txt") in failure.message and str(tmp_path / "b" / "story.txt") in failure.message
    (tmp_path / "news.jsonl").write_text('{"id": "x1", "text": "Spain supports Ukraine."}\n'
                                         '{"id": "x2", "text": "Spain supports Ukraine."}\n'
                                         '{"id": "x1", "text": "France supports Ukraine."}\n'
                                         '{"id": "X2", "text": "Italy supports Ukraine."}\n')
    docs = read(tmp_path / "news.jsonl")
    assert [d.id for d in docs if isinstance(d, Document)] == ["x1", "x2"]
    messages = [d.message for d in docs if isinstance(d, Failure)]
    assert len(messages) == 2
    assert messages[0].startswith(f"{tmp_path}/news.jsonl:3: article id 'x1' is already the id of {tmp_path}/news.jsonl:1")
    assert messages[1].startswith(f"{tmp_path}/news.jsonl:4: article id 'X2' is already the id of {tmp_path}/news.jsonl:2")


@pytest.mark.parametrize("body,paragraphs", [
    # a paragraph cut mid-sentence is joined, a caption ending in a name is not
    ("Leaders of the bloc met for a group photo after the summit in Lima\n\nPresident Ana Ruiz spoke first.\n\n"
     "The ministers of the five states said they agreed with the\n\nplan to open the border.\n",
     ["Leaders of the bloc met for a group photo after the summit in Lima", "President Ana Ruiz spoke first.",
      "The ministers of the five states said they agreed with the plan to open the border."]),
    # a byline line stands alone, a line wrapped mid-sentence is joined
    ("The leaders shook hands at the summit. | Photo\nAgency reporter Ana Ruiz\nPresident Lena Vogt met her "
     "counterpart in the capital on Friday,\nrestoring ties for the first time in\ntwelve years.\n",
     ["The leaders shook hands at the summit. | Photo", "Agency reporter Ana Ruiz",
      "President Lena Vogt met her counterpart in the capital on Friday, restoring ties for the first time in "
      "twelve years."]),
])
def test_lines_and_paragraphs_cut_mid_sentence_are_joined_but_captions_and_bylines_are_not(tmp_path, body, paragraphs):
    path = tmp_path / "c.md"
    path.write_text("---\ntitle: T\n---\n" + body, encoding="utf-8")
    [doc] = read(path)
    assert doc.text.split("\n\n") == paragraphs

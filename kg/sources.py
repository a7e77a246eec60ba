"""Reading articles: .txt as scraped from the web, .md with YAML front matter, .jsonl, .html web pages
(kg.web), .warc and .warc.gz web archives (kg.warc).

``read_documents(paths)`` yields a Document per article, or a Failure naming the file (and line, or
archive record) and what went wrong; one bad article never stops the others. What is read but is no
article (records of archives that are no pages, duplicates, pages without text, articles not in
English: kg.language) is counted by reason in ``omitted``.

Limits (documented in ``kg build --help``): an article file (or one JSONL line) of more than
MAX_BYTES (5 MB) is refused unread, and an article whose text is over MAX_CHARS (1,000,000
characters, spaCy's own default ``nlp.max_length``) is refused after reading, so that one article
never takes unbounded memory or time. Text that is not UTF-8 is read as cp1252 (or latin-1) with a
warning; binary files, empty files, impossible dates and malformed front matter or JSON are refused
with a message naming the file (and line) and what is allowed.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from collections import Counter
from dataclasses import replace
from pathlib import Path

from . import iri, warc
from .errors import InputError, NoText
from .iri import document_id, slug
from .jsonl import parse_object
from .language import ENGLISH, language
from .model import Document, Failure
from .temporal import vocabulary
from .warc import Seen, responses
from .web import extract as extract_page

SUFFIXES = (".txt", ".md", ".jsonl", ".html", ".htm", *warc.SUFFIXES)
NO_TEXT = "no article text"  # reasons for leaving a record out (kg.warc has those of archives)
NOT_ENGLISH = "not English"
MAX_BYTES = 5_000_000  # one article file or JSONL line; larger ones are refused unread
MAX_CHARS = 1_000_000  # characters of article text (spaCy's default nlp.max_length)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not tab or line breaks (XML 1.0 allows no others)
SURROGATE = re.compile(r"[\ud800-\udfff]")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+"


@cache
def _date_patterns() -> tuple[re.Pattern, re.Pattern]:
    """DATE_LINE (a line holding only a date) and DATELINE ("PLACE, Month D (Agency) --"), with the month
    names of ontology/temporal.yaml (the one list of them)."""
    names = sorted({m.capitalize() for m in vocabulary()["months"]}, key=lambda m: (-len(m), m))
    month = "(?:" + "|".join(names) + r")\.?"
    date_line = re.compile(
        rf"^\s*(?:{_WEEKDAY})?(?:(?P<m1>{month})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
        rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{month}),?\s+(?P<y2>\d{{4}})"
        rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
        r"(?:[ ,T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2}|Z)?)?\s*$",
        re.IGNORECASE,
    )
    caps = r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*"  # "MOSCOW", "NEW DELHI"
    dateline = re.compile(
        rf"^(?:(?P<place>[A-Z][A-Z.'\- ]{{2,40}}(?:,\s*[A-Z][A-Za-z.'\- ]{{2,30}})?),\s+"
        rf"(?P<date>{month}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{month}(?:\s+\d{{4}})?)"
        r"\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?:[-\u2013\u2014]+|:)?"
        rf"|{caps},\s*[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+)*\s+[-\u2013\u2014]+"  # "MANILA, Philippines –"
        rf"|{caps}\s*\((?P<wire>[^)]{{2,40}})\)\s*[-\u2013\u2014]+)\s*"  # "WASHINGTON (AP) —"
    )
    return date_line, dateline


URL_LINE = re.compile(r"^\s*(?:original\s+url|source\s+url|url|source|link)\s*:\s*<?(?P<url>https?://\S+?)?>?\s*$", re.I)
BARE_URL = re.compile(r"^\s*<?(?P<url>https?://[^\s>]+)>?\s*$")
BOILERPLATE = re.compile(r"^\s*(?:related(?: article| story| stories)?|read more|see also|advertisement)\s*:", re.I)
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_EMPH = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
TERMINAL = tuple(".!?:;\"'”’»)…")


def parse_date(text: str, where: str) -> dt.date:
    """An ISO date (YYYY-MM-DD) given by a user or a metadata field.

    >>> parse_date("2026-05-14", "x"), parse_date("2026-05-14T10:30:00Z", "x")
    (datetime.date(2026, 5, 14), datetime.date(2026, 5, 14))
    >>> parse_date("2026-02-30", "f.md")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: f.md: '2026-02-30' is not a date (day is out of range for month); expected YYYY-MM-DD (for example 2026-05-14)
    """
    text = str(text).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        reason = str(err)
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as err:
        reason = str(err) if "out of range" in str(err) or "must be in" in str(err) else reason
    why = f" ({reason})" if "range" in reason or "must be in" in reason else ""
    raise InputError(f"{where}: {text!r} is not a date{why}; expected YYYY-MM-DD (for example 2026-05-14)")


def date_line(line: str) -> dt.date | None:
    """The date of a line that is only a date ("May 14, 2026", "14 May 2026 10:30 GMT").

    >>> date_line("May 14, 2026")
    datetime.date(2026, 5, 14)
    >>> date_line("Thursday, 14 May 2026") and date_line("The May 14, 2026 summit") is None
    True
    """
    m = _date_patterns()[0].match(line)
    if not m:
        return None
    y, mo, d = (m["y1"] or m["y2"] or m["y3"]), (m["m1"] or m["m2"] or m["m3"]), (m["d1"] or m["d2"] or m["d3"])
    month = int(mo) if mo.isdigit() else vocabulary()["months"][mo.lower().rstrip(".")]
    try:
        return dt.date(int(y), month, int(d))
    except ValueError as err:
        raise InputError(f"{line.strip()!r} is not a valid calendar date ({err}); "
                         "expected a real date such as 'May 14, 2026' or '2026-05-14'") from None


def clean_markdown(text: str) -> str:
    """Markdown that breaks parsing, removed: links keep their text, emphasis its words.

    >>> clean_markdown("Shoigu [said](#) Thursday. **TASS**")
    'Shoigu said Thursday. TASS'
    """
    text = MD_LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), text)
    text = MD_EMPH.sub(lambda m: m.group(2) or m.group(3), text)
    return "\n".join(MD_HEADING.sub("", line) for line in text.split("\n"))


def wrapped(prev: str, line: str) -> bool:
    """Whether ``line`` goes on the sentence ``prev`` ends without punctuation: ``prev`` was cut after a
    lowercase word or a comma, at a wrapping width, or ``line`` starts small; a short line ending in a
    name is a byline or a caption ("AsiaToday reporter Lee Wook-jae") and stands alone.

    >>> wrapped("AsiaToday reporter Lee Wook-jae", "South Korean President Yoon"), wrapped("talks with the", "Iranian side")
    (False, True)
    """
    return cut_off(prev) or line[:1].islower() or len(prev) >= 60


def cut_off(text: str) -> bool:
    """Whether a text stops mid-sentence: after a lowercase word or a comma ("... with the", not "... in Abuja").

    >>> cut_off("talks with the"), cut_off("a summit in Abuja"), cut_off("said on Friday,")
    (True, False, True)
    """
    return text.split()[-1][:1].islower() or text.endswith(",")


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs; a paragraph broken mid-sentence by scraping is joined again."""
    paras: list[str] = []
    block: list[str] = []
    prev = ""  # the line before, as written
    for line in [*lines, ""]:
        line = line.strip()
        if line and block and not block[-1].endswith(TERMINAL) and wrapped(prev, line):
            block[-1] += " " + line  # a hard-wrapped line
        elif line:
            block.append(line)
        elif block:
            paras.extend(block)
            block = []
        prev = line
    joined: list[str] = []
    for para in paras:
        prev = joined[-1] if joined else ""
        if prev and not prev.endswith(TERMINAL) and len(prev.split()) >= 8 and cut_off(prev):  # not a caption
            joined[-1] = prev + " " + para
        else:
            joined.append(para)
    return joined


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 25 and len(line) <= 200 and not line.rstrip().endswith((".", ";", ","))


def parse_text(raw: str, *, origin: str, doc_id: str, published: dt.date | None = None,
               title: str | None = None, url: str | None = None, source: str | None = None,
               author: str | None = None, has_title_line: bool = True) -> Document:
    """A Document from scraped text: title line, date line, dateline and source line taken out of the body.

    >>> d = parse_text("Big News Today\\n\\nMay 14, 2026\\n\\nBERLIN, May 13 (Reuters) - It rained.\\n\\nOriginal url:\\n<https://x.org/a>",
    ...                origin="a.txt", doc_id="a")
    >>> (d.title, str(d.published), d.dateline, d.source, d.url, d.text)
    ('Big News Today', '2026-05-14', 'BERLIN, May 13 (Reuters)', 'Reuters', 'https://x.org/a', 'It rained.')
    >>> [(d.dateline, d.source, d.text) for d in (parse_text(t, origin="a.txt", doc_id="a", has_title_line=False)
    ...  for t in ("MANILA, Philippines – The DFA protested.", "WASHINGTON (AP) — It rained.", "NATO – no dateline."))]
    [('MANILA, Philippines', None, 'The DFA protested.'), ('WASHINGTON (AP)', 'AP', 'It rained.'), (None, None, 'NATO – no dateline.')]
    """
    title, url, source, author = (clean_text(x).strip() or None if x else None for x in (title, url, source, author))
    doc_id = clean_text(doc_id)
    raw = clean_text(raw).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    lines = clean_markdown(raw).split("\n")
    numbered = [(i, line) for i, line in enumerate(lines, 1) if line.strip()]
    drop: set[int] = set()
    found_date: dt.date | None = None
    try:
        first_is_date = bool(numbered) and date_line(numbered[0][1]) is not None
    except InputError as err:
        raise InputError(f"{origin}:{numbered[0][0]}: {err}") from None
    if has_title_line and numbered and title is None and _looks_like_title(numbered[0][1]) and not first_is_date:
        title = numbered[0][1].strip()
        drop.add(numbered[0][0])
    edge = numbered[:6] + numbered[-6:]
    for no, line in edge:
        if no in drop:
            continue
        try:
            when = date_line(line)
        except InputError as err:
            raise InputError(f"{origin}:{no}: {err}") from None
        if when and found_date is None:
            found_date, _ = when, drop.add(no)
            continue
        m = URL_LINE.match(line)
        if m:
            drop.add(no)
            nxt = [x for x in numbered if x[0] > no][:1]
            if not m["url"] and nxt and BARE_URL.match(nxt[0][1]):
                url = url or BARE_URL.match(nxt[0][1])["url"]
                drop.add(nxt[0][0])
            elif m["url"]:
                url = url or m["url"]
    for no, line in numbered:
        if BOILERPLATE.match(line):
            drop.add(no)
    body = _paragraphs([line for i, line in enumerate(lines, 1) if i not in drop])
    dateline = None
    if body:
        m = _date_patterns()[1].match(body[0])
        if m and len(body[0]) > m.end():
            dateline = body[0][: m.end()].rstrip(" -\u2013\u2014:")
            agency = m["agency"] or m["wire"]
            source = source or (agency.strip() if agency else None)
            body[0] = body[0][m.end():]
    text = "\n\n".join(body)
    if not text.strip():
        raise NoText(f"{origin}: no article text (only a title, a date or a source line)")
    if len(text) > MAX_CHARS:
        raise InputError(f"{origin}: article text of {len(text):,} characters is over the limit of {MAX_CHARS:,} "
                         "(kg.sources.MAX_CHARS); split it into several articles")
    return Document(id=doc_id, text=text, title=title, published=published or found_date, url=url,
                    source=source, dateline=dateline, origin=origin, author=author)


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
META_FIELDS = ("id", "title", "published", "url", "source")


def _yaml(text: str):
    """YAML with dates left as strings, so an impossible one ("2026-02-30") gets our message.

    >>> _yaml("published: 2026-02-30")
    {'published': '2026-02-30'}
    """
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return yaml.load(text, Loader=Loader)  # noqa: S506 (a SafeLoader subclass)


def _meta(data: object, where: str) -> dict:
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a mapping of fields ({', '.join(META_FIELDS)})")
    out = {}
    for key in META_FIELDS:
        value = data.get(key)
        if value is None or value == "":
            continue
        if key == "published":
            value = value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else (
                value.date() if isinstance(value, dt.datetime) else parse_date(str(value), f"{where}: field 'published'"))
        elif not isinstance(value, (str, int)):
            raise InputError(f"{where}: field {key!r} must be a string, not {type(value).__name__}")
        else:
            value = str(value)
        out[key] = value
    return out


def read_markdown(path: Path, raw: str, doc_id: str | None = None) -> Document:
    meta: dict = {}
    raw = raw.replace("\r\n", "\n")
    m = FRONT_MATTER.match(raw)
    if raw.startswith("---") and not m:
        raise InputError(f"{path}:1: front matter opened with '---' is never closed by a '---' line")
    if m:
        import yaml

        try:
            meta = _meta(_yaml(m.group(1)) or {}, f"{path}: front matter")
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            raise InputError(f"{path}:{line}: malformed YAML front matter ({getattr(err, 'problem', err)}); "
                             f"expected 'key: value' lines for {', '.join(META_FIELDS)}") from None
        raw = raw[m.end():]
    return parse_text(raw, origin=str(path), doc_id=meta.get("id") or doc_id or path.stem, published=meta.get("published"),
                      title=meta.get("title"), url=meta.get("url"), source=meta.get("source"),
                      has_title_line=False if meta.get("title") else True)


def read_html(path: Path | str, raw: str | bytes, doc_id: str | None = None, *, url: str | None = None) -> Document:
    """The article of a web page (kg.web): main text, title, date, author and site from its metadata."""
    page = extract_page(raw, url=url)
    if page is None:
        raise NoText(f"{path}: no article text in the page (no main content: an index, a form or an empty page?)")
    published = parse_date(page.published, f"{path}: the page's publication date") if page.published else None
    return parse_text(page.text, origin=str(path), doc_id=doc_id or Path(path).stem, published=published,
                      title=page.title, url=url or page.url, source=page.site, author=page.author,
                      has_title_line=False)


def read_warc(path: Path, handle, *, omitted: Counter, seen: Seen) -> Iterator[Document | Failure]:
    """The articles of a web archive: each HTML page fetched with status 200 (kg.warc), its id from its
    target URI, its date its own or else the day it was fetched; pages without article text are
    counted in ``omitted``."""
    warned: list[bool] = []
    for item in responses(handle, str(path), omitted=omitted, seen=seen, max_bytes=MAX_BYTES):
        if isinstance(item, Failure):
            yield item
            continue
        where = f"{path} record {item.number}"
        try:
            raw = _decode_page(where, item, warned)
            doc = read_html(f"{where} ({item.uri})", raw, iri.url_id(item.uri), url=item.uri)
        except NoText:
            omitted[NO_TEXT] += 1
            continue
        except InputError as err:
            yield Failure(where, str(err))
            continue
        yield replace(doc, origin=where, published=doc.published or item.fetched)


def _decode_page(where: str, page, warned: list) -> str:
    """A page's payload as text: in the charset its Content-Type names, else UTF-8 (else cp1252)."""
    if page.charset:
        try:
            return page.payload.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(where, page.payload, warned=warned)


def read_jsonl(path: Path, lines: Iterable[bytes | str]) -> Iterator[Document | Failure]:
    """The articles of a JSONL stream, one object a line; a bad line is a Failure, the others are kept.

    ``lines`` are the lines as read (bytes are decoded like files; a line over MAX_BYTES is refused).

    >>> [type(x).__name__ for x in read_jsonl(Path("n.jsonl"), ['{"text": "It rained."}', '{oops', ''])]
    ['Document', 'Failure']
    """
    seen = False
    warned: list[bool] = []
    for no, line in enumerate(lines, 1):
        where = f"{path}:{no}"
        try:
            if isinstance(line, bytes):
                line = decode(where, line, empty_ok=True, warned=warned)
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            seen = True
            data = parse_object(line, where, "one object a line with 'text' and optional " + ", ".join(META_FIELDS))
            if not isinstance(data.get("text"), str) or not data["text"].strip():
                raise InputError(f"{where}: expected an object with a non-empty string field 'text'")
            meta = _meta(data, where)
            yield parse_text(data["text"], origin=where, doc_id=meta.get("id") or document_id(clean_text(data["text"])),
                             published=meta.get("published"), title=meta.get("title"), url=meta.get("url"),
                             source=meta.get("source"), has_title_line=False)
        except InputError as err:
            seen = True
            yield Failure(where, str(err))
    if not seen:
        yield Failure(str(path), f"{path}: empty file; expected one JSON object a line with a 'text' field")


def _file_lines(handle) -> Iterator[bytes]:
    """The lines of a binary file, each read in bounded memory: a line over MAX_BYTES is skipped
    and stands as an InputError message (bytes are never longer than MAX_BYTES + 1)."""
    while True:
        line = handle.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while True:
                rest = handle.readline(1 << 20)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _Oversize(size)
        else:
            yield line


class _Oversize(bytes):
    """A placeholder for a JSONL line too long to read: decode() refuses it."""

    def __new__(cls, size: int):
        obj = super().__new__(cls, b"")
        obj.size = size
        return obj


def clean_text(text: str) -> str:
    r"""Text safe in every output format: control characters (but tab and line breaks) and the
    non-characters U+FFFE/U+FFFF removed, lone surrogates replaced by U+FFFD.

    >>> clean_text("a\x00b\x1bc\ud800d\uffff\te\n") == "abc\ufffdd\te\n"
    True
    """
    text = CONTROL.sub("", text)
    text = SURROGATE.sub("\ufffd", text)
    return text.replace("\ufffe", "").replace("\uffff", "")


def decode(where: object, data: bytes, *, empty_ok: bool = False, warned: list | None = None) -> str:
    r"""UTF-8 text, or cp1252/latin-1 with a warning on stderr; empty and binary data are refused.

    >>> decode("a.txt", "Caf\u00e9".encode("cp1252"), warned=[True])
    'Café'
    >>> decode("a.txt", bytes(range(256)))
    Traceback (most recent call last):
    ...
    kg.errors.InputError: a.txt: binary data (NUL bytes); expected text in UTF-8 (or cp1252/latin-1)
    """
    if isinstance(data, _Oversize):
        raise InputError(f"{where}: {data.size:,} bytes is over the limit of {MAX_BYTES:,} bytes for one article "
                         "(kg.sources.MAX_BYTES); split it into several articles")
    if not data.strip():
        if empty_ok:
            return ""
        raise InputError(f"{where}: empty file; expected article text ({', '.join(SUFFIXES)})")
    if b"\x00" in data[:65536]:
        raise InputError(f"{where}: binary data (NUL bytes); expected text in UTF-8 (or cp1252/latin-1)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        encoding = "latin-1"
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")  # never fails: every byte is a character
        if warned is None or not warned:
            print(f"kg: warning: {where}: not UTF-8 (byte {err.start}); read as {encoding}", file=sys.stderr)
            if warned is not None:
                warned.append(True)
    sample = text[:65536]
    if len(CONTROL.findall(sample)) > max(8, len(sample) // 20):
        raise InputError(f"{where}: binary data (control characters); expected text in UTF-8 (or cp1252/latin-1)")
    return text


def suffix_of(path: Path) -> str:
    """The suffix that tells what an input holds: one of SUFFIXES, else the file's last suffix.

    >>> suffix_of(Path("crawl/CC-NEWS-1.warc.gz")), suffix_of(Path("a.HTML")), suffix_of(Path("a.tar.gz"))
    ('.warc.gz', '.html', '.gz')
    """
    name = path.name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), path.suffix.lower())


def read_file(path: Path, published: dt.date | None = None, doc_id: str | None = None, *,
              omitted: Counter | None = None, seen: Seen | None = None) -> Iterator[Document | Failure]:
    """The articles of one file (a .jsonl or a web archive holds many), each read in bounded memory (MAX_BYTES).

    ``doc_id`` is the id of an article without one of its own (default: the file name without its
    extension); ids given in the file (front matter, JSONL ``id``) win. Records of web archives that
    are no articles are counted in ``omitted`` by reason; ``seen`` holds the pages of the archives
    read before (a page of one is a duplicate in the next).
    """
    suffix = suffix_of(path)
    try:
        if suffix not in SUFFIXES:
            raise InputError(f"{path}: unsupported extension {suffix or '(none)'!r}; "
                             f"expected one of {', '.join(SUFFIXES)}")
        if suffix in (".jsonl", *warc.SUFFIXES):
            with path.open("rb") as handle:
                docs: Iterable[Document | Failure] = (
                    read_jsonl(path, _file_lines(handle)) if suffix == ".jsonl" else
                    read_warc(path, handle, omitted=Counter() if omitted is None else omitted,
                              seen=seen if seen is not None else Seen()))
                yield from _with_date(docs, published)
            return
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size:,} bytes is over the limit of {MAX_BYTES:,} bytes for one article "
                             "(kg.sources.MAX_BYTES); split it into several articles")
        raw = decode(path, path.read_bytes())
        if suffix == ".md":
            doc = read_markdown(path, raw, doc_id)
        elif suffix in (".html", ".htm"):
            doc = read_html(path, raw, doc_id)
        else:
            doc = parse_text(raw, origin=str(path), doc_id=doc_id or path.stem)
        yield from _with_date([doc], published)
    except InputError as err:
        yield Failure(str(path), str(err))
    except OSError as err:
        yield Failure(str(path), f"{path}: cannot read ({err.strerror or err})")


def _with_date(docs: Iterable[Document | Failure], published: dt.date | None) -> Iterator[Document | Failure]:
    for doc in docs:
        yield replace(doc, published=published) if published and isinstance(doc, Document) else doc


def expand(paths: Iterable[str | Path], skipped: list[Path] | None = None) -> Iterator[Path | Failure]:
    """Files named, and the article files inside folders named (recursively, sorted, hidden ones skipped).

    Files of a folder that are not articles (not one of SUFFIXES) are left out, and added to
    ``skipped`` when it is given.
    """
    for path, _ in _walk(paths, skipped):
        yield path


def _walk(paths: Iterable[str | Path], skipped: list[Path] | None = None) -> Iterator[tuple[Path | Failure, str | None]]:
    """(file, id of its articles without one of their own) for every input: the id of a file inside a
    folder given is its path in that folder without the extension ("2026/05/14/index"), so that two
    files of one name in different sub-folders never share an id; a file named on its own is its name."""
    for item in paths:
        path = Path(item)
        if str(item) == "-":
            yield path, None
        elif path.is_dir():
            for sub in sorted(path.rglob("*")):
                rel = sub.relative_to(path)
                if any(p.startswith(".") for p in rel.parts) or not sub.is_file():
                    continue
                suffix = suffix_of(sub)
                if suffix in SUFFIXES:
                    yield sub, rel.as_posix()[: -len(suffix)]
                elif skipped is not None:
                    skipped.append(sub)
        elif path.exists():
            yield path, None
        else:
            yield Failure(str(path), f"{path}: no such file or folder"), None


def read_documents(paths: Iterable[str | Path], *, published: dt.date | None = None,
                   skipped: list[Path] | None = None, omitted: Counter | None = None,
                   english_only: bool = True) -> Iterator[Document | Failure]:
    """Every article in the files and folders given ("-" reads JSONL from standard input).

    Two articles whose ids give one IRI (the same id, or ids of one slug) would be one article in the
    graph: the second is a Failure naming both (file, or file and line of JSONL). ``skipped`` collects
    the files of folders that are not articles (see :func:`expand`). ``omitted`` counts, by reason,
    the inputs read that are no articles: records of web archives (kg.warc) and, when
    ``english_only``, articles in another language (kg.language), which kg cannot parse.
    """
    omitted = Counter() if omitted is None else omitted
    pages = Seen()  # pages of web archives, across archives
    seen: dict[str, str] = {}
    for path, doc_id in _walk(paths, skipped):
        if isinstance(path, Failure):
            yield path
            continue
        if str(path) == "-":
            docs = _with_date(read_jsonl(Path("<stdin>"), _file_lines(sys.stdin.buffer)), published)
        else:
            docs = read_file(path, published, doc_id, omitted=omitted, seen=pages)
        for doc in docs:
            if isinstance(doc, Document):
                if english_only and language(doc.text) != ENGLISH:
                    omitted[NOT_ENGLISH] += 1
                    continue
                key = slug(doc.id)
                if key in seen:
                    yield Failure(doc.origin, f"{doc.origin}: article id {doc.id!r} is already the id of {seen[key]} "
                                  f"(one IRI, {key!r}); ids must be unique: give one an id of its own "
                                  "('id' in the front matter or the JSONL object) or rename the file")
                    continue
                seen[key] = doc.origin
            yield doc

"""Web archives (WARC 1.0/1.1, plain or gzip-compressed record by record, as Common Crawl writes them).

``responses(handle, where, ...)`` streams an archive one record at a time (memory holds one page,
whatever the archive's size) and yields each HTML page fetched with status 200 as a
:class:`Response`; every other record is counted in ``omitted`` under its reason: not a response
(warcinfo, request, metadata, resource records), HTTP status not 200, not HTML, or a duplicate (the
payload digest or the target URI of an earlier page; a revisit record is one by definition). A page
over ``max_bytes`` is a Failure; so is an archive that cannot be read on (the records before count).

warcio reads the records (and writes the archives of the tests and benchmarks): it is the reference
library of the WARC community, pure Python, and undoes chunked transfer and gzip content encoding;
reading is a small part of the cost of a page (see benchmarks/bench_warc.py), the article extractor
is the rest.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import Failure
from .web import HTML_TYPES

SUFFIXES = (".warc", ".warc.gz")
NOT_RESPONSE = "not a response record"
NOT_200 = "HTTP status not 200"
NOT_HTML = "not HTML"
DUPLICATE = "duplicate page (same payload digest or target URI)"


@dataclass(frozen=True, slots=True)
class Response:
    """One HTML page of an archive: the record's place (from 1), its target URI, the day it was
    fetched (WARC-Date), the payload (HTTP body, transfer and content encodings undone) and the
    charset its Content-Type names."""

    number: int
    uri: str
    fetched: dt.date | None
    payload: bytes
    charset: str | None = None


@dataclass
class Seen:
    """Target URIs and payload digests of the pages read so far (across the archives of one build)."""

    uris: set[str] = field(default_factory=set)
    digests: set[str] = field(default_factory=set)

    def duplicate(self, uri: str, digest: str | None) -> bool:
        """Whether a page was read before; if not, it is remembered."""
        if uri in self.uris or (digest and digest in self.digests):
            return True
        self.uris.add(uri)
        if digest:
            self.digests.add(digest)
        return False


def fetch_date(value: str | None) -> dt.date | None:
    """The day of a WARC-Date (ISO 8601, UTC), None when there is none or it is not a date.

    >>> fetch_date("2026-05-14T10:30:00Z"), fetch_date("2026-05-14T10:30:00.123456Z"), fetch_date("soon")
    (datetime.date(2026, 5, 14), datetime.date(2026, 5, 14), None)
    """
    try:
        return dt.datetime.fromisoformat((value or "").strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """The media type and the charset of a Content-Type header.

    >>> media_type("Text/HTML; charset=\\"ISO-8859-1\\""), media_type(None)
    (('text/html', 'iso-8859-1'), ('', None))
    """
    kind, *params = (content_type or "").split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            charset = value.strip(" \"'").lower()
    return kind.strip().lower(), charset


def responses(handle, where: str, *, omitted: Counter, seen: Seen | None = None,
              max_bytes: int = 5_000_000) -> Iterator[Response | Failure]:
    """The HTML pages of the archive open in binary ``handle`` (``where`` names it in messages)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = seen if seen is not None else Seen()
    number = 0
    records = iter(ArchiveIterator(handle, arc2warc=True))
    while True:
        number += 1
        try:
            record = next(records, None)
            page = None if record is None else _page(record, number, omitted, seen, max_bytes)
        except Exception as err:  # noqa: BLE001 (warcio and zlib raise many kinds on a damaged archive)
            if not isinstance(err, (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError,
                                    IndexError, TypeError)):
                raise
            yield Failure(f"{where} record {number}",
                          f"{where}: record {number}: not a readable WARC record ({_reason(err)}); expected WARC/1.0 "
                          "or WARC/1.1 records, plain or gzip-compressed; the records before it were read")
            return
        if record is None:
            return
        if isinstance(page, str):
            yield Failure(f"{where} record {number}", f"{where} record {number}: {page}")
        elif page is not None:
            yield page


def _page(record, number: int, omitted: Counter, seen: Seen, max_bytes: int) -> Response | str | None:
    """The Response of one record, a message (a page too large), or None (counted in ``omitted``)."""
    headers = record.rec_headers
    if record.rec_type == "revisit":
        omitted[DUPLICATE] += 1
        return None
    if record.rec_type != "response" or record.http_headers is None:
        omitted[NOT_RESPONSE] += 1
        return None
    if record.http_headers.get_statuscode() != "200":
        omitted[NOT_200] += 1
        return None
    kind, charset = media_type(record.http_headers.get_header("Content-Type"))
    if kind not in HTML_TYPES:
        omitted[NOT_HTML] += 1
        return None
    uri = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    if not uri:
        return "a response record without a WARC-Target-URI; expected the URI the page was fetched from"
    digest = headers.get_header("WARC-Payload-Digest")
    if digest and seen.duplicate(uri, digest):
        omitted[DUPLICATE] += 1
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return (f"{uri}: page of over {max_bytes:,} bytes is over the limit for one article "
                "(kg.sources.MAX_BYTES)")
    if not digest and seen.duplicate(uri, "sha1:" + hashlib.sha1(payload).hexdigest()):
        omitted[DUPLICATE] += 1
        return None
    return Response(number, uri, fetch_date(headers.get_header("WARC-Date")), payload, charset)


def _reason(err: Exception) -> str:
    text = " ".join(str(err).split())
    return (text[:120] + "…") if len(text) > 120 else text or type(err).__name__

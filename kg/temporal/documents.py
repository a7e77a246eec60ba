"""``kg dates``: tag every document of a JSONL file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError
from ..formats import write_text_atomic
from ..jsonl import parse_object
from ..model import Timex
from .anchors import anchor_date, find_dateline
from .tagger import tag


def tag_document(text: str, published: dt.date | None) -> list[Timex]:
    """The timexes of one article: anchored on its dateline's date if it starts with one.

    >>> [t.value for t in tag_document("DUSHANBE, March 31 (Xinhua) -- Talks ended Thursday.", dt.date(2026, 4, 1))]
    ['2026-03-31', '2026-03-26']
    """
    return tag(text, anchor_date(published, find_dateline(text)))


def read_documents(path: str):
    """Yield (id, published date or None, text) from a JSONL file; bad lines raise InputError."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    with fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            record = parse_object(line, where, 'one JSON object a line with "id", "published", "text"')
            if not isinstance(record.get("text"), str) or "id" not in record:
                raise InputError(f'{where}: each line must be a JSON object with "id" and a string "text"')
            published = record.get("published")
            if published in (None, ""):
                day = None
            else:
                try:
                    day = dt.date.fromisoformat(str(published)[:10])
                except ValueError:
                    raise InputError(f"{where}: published {published!r} is not a date (YYYY-MM-DD)") from None
            yield record["id"], day, record["text"]


def dates_jsonl(path: str, output: str | None = None, tagger=None) -> int:
    """Tag every document of a JSONL file; write one line a document to ``output`` (atomically) or stdout.

    ``tagger`` takes the list of (id, published, text) and returns the timexes of each (default:
    :func:`tag_document`, no parse; ``kg dates --parse`` passes :func:`kg.nlp.parsed_timexes`).
    Returns the number of documents.
    """
    import json
    import sys

    documents = list(read_documents(path))
    if tagger is not None:
        found = tagger(documents)
    else:
        found = [tag_document(text, published) for _, published, text in documents]
    lines = []
    for (doc_id, _, _), timexes in zip(documents, found):
        timexes = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                   | ({"begin": t.begin, "end_value": t.end_value} if t.begin else {})
                   for t in timexes]
        lines.append(json.dumps({"id": doc_id, "timexes": timexes}, ensure_ascii=False) + "\n")
    if output is None:
        sys.stdout.writelines(lines)
        sys.stdout.flush()
    else:
        write_text_atomic(Path(output), "".join(lines))
    return len(lines)


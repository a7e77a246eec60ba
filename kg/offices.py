"""Who held which national office when: ``ontology/gazetteer/officeholders.tsv``, checked on load.

The text says "Prime Minister Anthony Albanese" and names no state; a reader knows which. kg does the
same from this curated file, the way it links a country to Wikidata: a title that names no state
takes the country of the office its holder held on the article's date. Nothing here makes a relation
by itself: the text must give the title.

>>> day = dt.date(2023, 5, 7)
>>> h = Holder("Fumio Kishida", "Japan", "head_of_government", "Prime Minister", "2021-10", "2024-10", ())
>>> h.held_on(day), h.held_on(dt.date(2025, 1, 1)), h.held_on(None)
(True, False, True)
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import OntologyError

#: The offices the file may name (the keys of rules.yaml's ``offices``, the titles of each).
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
COLUMNS = ("name", "country", "office", "title", "start", "end", "aliases")
META = ("source", "version", "date")
_MONTH = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


@dataclass(frozen=True, slots=True)
class Holder:
    """One person's tenure of one office; ``start``/``end`` as YYYY or YYYY-MM, ``end`` "" if in office."""

    name: str
    country: str
    office: str
    title: str
    start: str
    end: str
    aliases: tuple[str, ...]

    def held_on(self, day: dt.date | None) -> bool:
        """Whether the tenure covers ``day`` at the granularity the file gives (any day if None)."""
        if day is None:
            return True
        month = f"{day.year:04d}-{day.month:02d}"
        return self.start[:len(month)] <= month[:len(self.start)] and (
            not self.end or month[:len(self.end)] <= self.end)


def fold(name: str) -> str:
    """The form names are compared in: case, accents and hyphens do not count.

    >>> fold("Yoon Suk-yeol") == fold("Yoon Suk Yeol"), fold("Erdoğan")
    (True, 'erdogan')
    """
    import unicodedata

    text = unicodedata.normalize("NFKD", name.replace("-", " "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def read_offices(path: Path, country_name: Callable[[str], str | None]) -> dict[str, tuple[Holder, ...]]:
    """Folded name or alias -> the tenures of that person, from ``path``, checked line by line.

    Comment lines start with "#"; the header names its source, version and date; then the column
    line and one tenure a line. The country must name a gazetteer country (``country_name`` gives its
    canonical name), the office one of
    :data:`OFFICES`, the dates YYYY or YYYY-MM with the start not after the end.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise OntologyError(f"{path}: cannot read the officeholders: {err.strerror}") from None
    meta = {m.group(1) for line in lines if (m := re.match(r"#\s*(\w+):", line))}
    missing = [k for k in META if k not in meta]
    if missing:
        raise OntologyError(f"{path}: the header lacks {', '.join(f'# {k}:' for k in missing)} "
                            f"(the file states its {', '.join(META)})")
    found: dict[str, list[Holder]] = {}
    columns = None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if columns is None:
            if tuple(cells) != COLUMNS:
                raise OntologyError(f"{path}:{n}: expected the column line {chr(9).join(COLUMNS)!r} "
                                    f"(tab-separated), got {line!r}")
            columns = cells
            continue
        if len(cells) != len(COLUMNS):
            raise OntologyError(f"{path}:{n}: expected {len(COLUMNS)} tab-separated fields "
                                f"({', '.join(COLUMNS)}), got {len(cells)}: {line!r}")
        name, country, office, title, start, end, aliases = (c.strip() for c in cells)
        if not name or not title:
            raise OntologyError(f"{path}:{n}: the name and the title must not be empty")
        canonical = country_name(country)
        if canonical is None:
            raise OntologyError(f"{path}:{n}: {country!r} is not a gazetteer country; allowed: a name of a "
                                "country entry (ontology/gazetteer/generated.jsonl)")
        if office not in OFFICES:
            raise OntologyError(f"{path}:{n}: office {office!r}; allowed: {', '.join(OFFICES)}")
        for value, what in ((start, "start"), (end, "end")):
            if (value or what == "start") and not _MONTH.fullmatch(value):
                raise OntologyError(f"{path}:{n}: {what} {value!r}; allowed: YYYY or YYYY-MM"
                                    + (" or empty (in office)" if what == "end" else ""))
        if end and end < start[:len(end)]:
            raise OntologyError(f"{path}:{n}: the tenure ends ({end}) before it starts ({start})")
        holder = Holder(name, canonical, office, title, start, end,
                        tuple(a.strip() for a in aliases.split(";") if a.strip()))
        for form in dict.fromkeys(fold(x) for x in (name, *holder.aliases)):
            found.setdefault(form, []).append(holder)
    if columns is None:
        raise OntologyError(f"{path}: no column line {chr(9).join(COLUMNS)!r}")
    return {k: tuple(v) for k, v in found.items()}

"""Plain data passed between the stages: no spaCy and no rdflib objects here.

sources -> Document -> (spaCy, extract) -> Extraction -> (rdf) -> RDF terms.
Every type is a frozen dataclass of plain values that round-trips through ``to_dict``/``from_dict``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One news article as read from a file.

    ``published`` anchors relative dates; ``source`` is the outlet (an agency of the dateline, a
    page's site name); ``dateline`` is the raw dateline text ("DUSHANBE, March 31 (Xinhua)") removed
    from the body, if any; ``author`` the byline of a page; ``origin`` says where it came from
    ("news.jsonl:3", "crawl.warc.gz record 7").
    """

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    dateline: str | None = None
    origin: str = ""
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 temporal expression, character offsets into the document text.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` the TIMEX3 value ("2025-07", "2026-05-14",
    "2013-W11", "P20Y", "PRESENT_REF", "XXXX-XX-XX"). A range ("between 2012 and 2024") has
    ``begin`` and ``end`` values as well.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    begin: str | None = None
    end_value: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text naming an entity (character offsets into the document text)."""

    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing named in a document.

    ``key`` is the document-independent identity (used to mint the IRI), ``cls`` the ontology class
    local name ("Country", "Person", "GovernmentBody"...), ``ids`` authoritative identifiers
    ({"iso3166": "RU", "geonames": "2017370"}).
    """

    key: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    ids: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation between two entities of one document, with its date and its evidence.

    ``subject``/``object`` are entity keys; ``predicate`` an ontology property local name;
    ``date`` a TIMEX3 DATE value at the granularity the text gives ("2025", "2025-07", "2025-07-03")
    or None; ``start``/``end`` an interval; ``date_source`` where the date was read (clause, event,
    speech, dateline); ``sentence`` the evidence text and ``char_start``/
    ``char_end`` its offsets; ``rule`` which rule fired; ``modality`` one of asserted, negated,
    planned, reported, hypothetical; ``role`` the position held (holdsPosition); ``speaker`` who said
    it and ``reported_by`` the outlet that reported it (entity keys).
    """

    subject: str
    predicate: str
    object: str
    sentence: str
    char_start: int
    char_end: int
    rule: str
    confidence: float
    date: str | None = None
    start: str | None = None
    end: str | None = None
    date_text: str | None = None
    date_source: str | None = None
    role: str | None = None
    modality: str = "asserted"
    speaker: str | None = None
    reported_by: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """Background knowledge: a relation the gazetteer states, not the text ("Bishkek locatedIn Kyrgyzstan").

    ``subject``/``object`` are entity keys, ``predicate`` an ontology property local name; ``source``
    is where it was read, a (scheme, value) pair: ("geonames", "1528675"), the GeoNames record, or
    ("gazetteer", "places.yaml"), a hand-made file of kg's gazetteer.
    """

    subject: str
    predicate: str
    object: str
    source: tuple[str, str]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document.

    ``facts`` are the background facts of the gazetteer about its entities (kg.background), and
    ``known`` the entities those facts name that the text does not (a city's country).
    """

    document: Document
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    timexes: tuple[Timex, ...] = ()
    facts: tuple[Fact, ...] = ()
    known: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read or processed, with a message for the user."""

    origin: str
    message: str


@dataclass(slots=True)
class Summary:
    """Counts printed at the end of a build."""

    articles: int = 0
    entities: int = 0
    relations: int = 0
    dated_relations: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0
    not_articles: list = field(default_factory=list)  # files of the folders given that are not articles
    omitted: dict[str, int] = field(default_factory=dict)  # inputs read but not articles, by reason (kg.sources)

    @property
    def read(self) -> int:
        """Every input read: built, unchanged, failed or omitted (the counts add up to it)."""
        return self.articles + self.skipped + len(self.failures) + sum(self.omitted.values())


def to_dict(obj: Any) -> Any:
    """A JSON-ready view of a model object (dates become ISO strings).

    >>> to_dict(Timex(0, 4, "2021", "DATE", "2021"))["value"]
    '2021'
    """
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj

"""Every IRI kg writes is minted here, deterministically from content.

>>> slug("Shanghai Cooperation Organization")
'shanghai-cooperation-organization'
>>> slug("São Tomé & Príncipe")
'sao-tome-principe'
>>> entity_iri("Sergei Shoigu", base="https://example.org/kg/")
'https://example.org/kg/id/sergei-shoigu'
>>> entity_iri("Kassym-Jomart Tokayev") != entity_iri("Kassym Jomart Tokayev")
True
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from .errors import InputError
from .vocab import CONSOLIDATED, GAZETTEER, GEONAMES, KG, WIKIDATA, term

DEFAULT_BASE = "https://kg.example.org/"
ONTOLOGY = KG  # the ontology namespace (kg.vocab.KG), under the name extraction uses
MAX_SLUG = 80
PLAIN = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")  # names whose slug loses nothing but case


def _digest(*parts: object, size: int = 12) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:size]


def slug(text: str) -> str:
    """A readable, IRI-safe lower-case slug; a short hash keeps non-Latin or long names distinct.

    >>> slug("Сергей Шойгу").startswith("x-")
    True
    >>> len(slug("a" * 500)) <= 93
    True
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    letters = sum(ch.isalnum() for ch in text)
    if not out or len(re.sub(r"[^a-z0-9]", "", out)) < letters / 2:
        return "x-" + _digest(text)
    if len(out) > MAX_SLUG:
        return out[:MAX_SLUG].rstrip("-") + "-" + _digest(text)
    return out


def check_base(base: str) -> str:
    """The base IRI, checked: absolute http(s) and ending in / or #.

    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    """
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+[/#]", base):
        raise InputError(f"--base-iri {base!r}: expected an absolute http(s) IRI ending in '/' or '#'")
    return base


def entity_iri(key: str, *, base: str = DEFAULT_BASE) -> str:
    """An entity's IRI: the slug of its canonical name, with a short hash when the slug loses more
    than case, so that "Ivan-Petrov" and "Ivan Petrov" never share an IRI (and its one label)."""
    tail = slug(key)
    if not PLAIN.fullmatch(key) and not tail.startswith("x-") and len(tail) <= MAX_SLUG:
        tail += "-" + _digest(key)[:6]
    return f"{base}id/{tail}"


def article_iri(doc_id: str, *, base: str = DEFAULT_BASE) -> str:
    return f"{base}article/{slug(doc_id)}"


def graph_iri(doc_id: str, *, base: str = DEFAULT_BASE) -> str:
    """The named graph holding everything one article says."""
    return f"{base}graph/{slug(doc_id)}"


def statement_iri(doc_id: str, *parts: object, base: str = DEFAULT_BASE) -> str:
    return f"{base}statement/{slug(doc_id)}-{_digest(*parts)}"


def relation_iri(subject: str, predicate: str, obj: str, *, base: str = DEFAULT_BASE) -> str:
    """The consolidated relation (subject, predicate, object) across articles, stable across builds."""
    return f"{base}relation/{_digest(subject, predicate, obj, size=16)}"


def fact_iri(subject: str, predicate: str, obj: str, *, base: str = DEFAULT_BASE) -> str:
    """A background fact (subject, predicate, object) of the gazetteer: the same in every article naming it."""
    return f"{base}fact/{_digest(subject, predicate, obj, size=16)}"


def wikidata_iri(qid: str) -> str:
    """A Wikidata item.

    >>> wikidata_iri("Q159")
    'http://www.wikidata.org/entity/Q159'
    """
    return WIKIDATA + qid


def geonames_iri(geonames_id: str) -> str:
    """A GeoNames feature (its concept IRI, with the trailing slash GeoNames uses).

    >>> geonames_iri("2017370")
    'https://sws.geonames.org/2017370/'
    """
    return f"{GEONAMES}{geonames_id}/"


def gazetteer_iri(file_name: str) -> str:
    """A data file of kg's own gazetteer, the source of the facts it states by hand.

    >>> gazetteer_iri("places.yaml")
    'https://w3id.org/newskg/gazetteer/places.yaml'
    """
    return GAZETTEER + file_name


def consolidated_graph_iri(*, base: str = DEFAULT_BASE) -> str:
    """The derived named graph of consolidated relations."""
    return base + CONSOLIDATED


def term_iri(local_name: str) -> str:
    """An ontology term: ``term_iri("recognizes")``."""
    return term(local_name)


def url_id(url: str) -> str:
    """The article id of a page fetched from ``url`` (a web archive's record): its host and path,
    readable, and a short digest of the whole URI, so that two URIs never give one id.

    >>> url_id("https://www.example.org/world/2026/05/14/talks.html?ref=rss")
    'example.org/world/2026/05/14/talks.html-9c03d97f'
    >>> url_id("https://www.example.org/world/2026/05/14/talks.html") != url_id("http://example.org/world/2026/05/14/talks.html")
    True
    """
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.I)
    host, _, path = rest.partition("/")
    host = re.sub(r"^www\.", "", host.split("@")[-1].lower())
    path = path.split("#")[0].split("?")[0].strip("/")
    return f"{host}/{path}-{_digest(url)[:8]}" if path else f"{host}-{_digest(url)[:8]}"


def document_id(text: str) -> str:
    """A content-derived id for an article that has none.

    >>> document_id("Some text")
    'doc-02d92c580d4e'
    """
    return "doc-" + _digest(text)

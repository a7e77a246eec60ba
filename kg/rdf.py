"""The RDF stage: an Extraction becomes the quads of its article's named graph (pyoxigraph terms).

The shape is documented in ontology/README.md: the direct triple for simple queries (never for a
negated relation), a kg:Statement node with subject, predicate, object, typed date, modality, rule
and confidence, and a kg:Evidence node with the sentence, its offsets and the article. Background
facts of the gazetteer (kg.background) get their direct triple and a kg:BackgroundFact node whose
prov:wasDerivedFrom is the record they were read from, never a statement: no text states them.
Entities carry owl:sameAs links to their Wikidata item and GeoNames feature when the gazetteer has them.
"""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from . import iri, ontology
from .model import Extraction
from .temporal import xsd_date
from .vocab import DCTERMS, OWL_SAME_AS, PROV, RDF, RDFS, SKOS, XSD

FACTUAL = {"asserted", "reported"}  # modalities whose relation is also written as a direct triple
ID_PROPERTY = {"iso3166": "iso3166", "geonames": "geonamesId"}  # identifier scheme -> its datatype property
SAME_AS = {"wikidata": iri.wikidata_iri, "geonames": iri.geonames_iri}  # schemes linked with owl:sameAs
FACT_SOURCE = {"geonames": iri.geonames_iri, "gazetteer": iri.gazetteer_iri}  # a fact's source -> its IRI


def _n(url: str) -> NamedNode:
    return NamedNode(url)


def _kg(name: str) -> NamedNode:
    return NamedNode(iri.term_iri(name))


def _modality(name: str) -> str:
    """The kg:Modality individual of kg.ttl for an extracted modality: "negated" -> "Negated".

    >>> _modality("hypothetical")
    'Hypothetical'
    """
    for individual in ontology.load().modalities:
        if individual.lower() == name:
            return individual
    raise KeyError(f"modality {name!r} is not a kg:Modality of kg.ttl")


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


def date_literal(value: str) -> Literal | None:
    """A TIMEX3 date value as a literal of the XSD type of its granularity.

    >>> str(date_literal("2025-07"))
    '"2025-07"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    >>> date_literal("P20Y") is None
    True
    """
    typed = xsd_date(value)
    return _typed(*typed) if typed else None


def article_quads(extraction: Extraction, *, base: str = iri.DEFAULT_BASE) -> list[Quad]:
    """Every quad one article contributes, all in its named graph."""
    doc = extraction.document
    graph = _n(iri.graph_iri(doc.id, base=base))
    article = _n(iri.article_iri(doc.id, base=base))
    out: list[Quad] = []

    def add(s, p: str, o) -> None:
        out.append(Quad(s, _n(p), o, graph))

    add(article, RDF + "type", _kg("Article"))
    add(article, DCTERMS + "identifier", Literal(doc.id))
    if doc.title:
        add(article, DCTERMS + "title", Literal(doc.title))
    if doc.published:
        add(article, DCTERMS + "issued", _typed(doc.published.isoformat(), "date"))
    if doc.url:
        add(article, DCTERMS + "source", _url_term(doc.url))
    if doc.source:
        add(article, DCTERMS + "publisher", Literal(doc.source))
    if doc.author:
        add(article, DCTERMS + "creator", Literal(doc.author))
    if doc.dateline:
        add(article, iri.term_iri("dateline"), Literal(doc.dateline))
    add(article, iri.term_iri("bodyText"), Literal(doc.text))  # what evidence offsets count in

    node = {e.key: _n(iri.entity_iri(e.key, base=base)) for e in (*extraction.entities, *extraction.known)}
    for ent in extraction.entities:
        add(article, iri.term_iri("mentions"), node[ent.key])
    for ent in (*extraction.entities, *extraction.known):  # known: named by a background fact only
        n = node[ent.key]
        add(n, RDF + "type", _kg(ent.cls))
        add(n, RDFS + "label", Literal(ent.name))
        for alias in ent.aliases:
            add(n, SKOS + "altLabel", Literal(alias))
        for scheme, value in ent.ids:
            if scheme in ID_PROPERTY:
                add(n, iri.term_iri(ID_PROPERTY[scheme]), Literal(str(value)))
            if scheme in SAME_AS:
                add(n, OWL_SAME_AS, _n(SAME_AS[scheme](str(value))))

    for fact in extraction.facts:
        s, o, p = node[fact.subject], node[fact.object], _kg(fact.predicate)
        f = _n(iri.fact_iri(fact.subject, fact.predicate, fact.object, base=base))
        out.append(Quad(s, p, o, graph))
        add(f, RDF + "type", _kg("BackgroundFact"))
        add(f, iri.term_iri("factSubject"), s)
        add(f, iri.term_iri("factPredicate"), p)
        add(f, iri.term_iri("factObject"), o)
        scheme, value = fact.source
        add(f, PROV + "wasDerivedFrom", _n(FACT_SOURCE[scheme](value)))

    for rel in extraction.relations:
        s, o, p = node[rel.subject], node[rel.object], _kg(rel.predicate)
        st = _n(iri.statement_iri(doc.id, rel.subject, rel.predicate, rel.object, rel.char_start, rel.role,
                                  rel.rule, base=base))
        ev = _n(st.value + "-evidence")
        if rel.modality in FACTUAL:
            out.append(Quad(s, p, o, graph))
        add(st, RDF + "type", _kg("Statement"))
        add(st, RDF + "type", _n(RDF + "Statement"))
        add(st, RDF + "subject", s)
        add(st, RDF + "predicate", p)
        add(st, RDF + "object", o)
        for prop, value in (("date", rel.date), ("startDate", rel.start), ("endDate", rel.end)):
            lit = date_literal(value) if value else None
            if lit is not None:
                add(st, iri.term_iri(prop), lit)
        if rel.date_text and (rel.date or rel.start or rel.end):
            add(st, iri.term_iri("dateText"), Literal(rel.date_text))
        if rel.date_source and (rel.date or rel.start or rel.end):
            add(st, iri.term_iri("dateSource"), Literal(rel.date_source))
        if rel.role:
            add(st, iri.term_iri("role"), Literal(rel.role))
        add(st, iri.term_iri("modality"), _kg(_modality(rel.modality)))
        if rel.speaker and rel.speaker in node:
            add(st, iri.term_iri("speaker"), node[rel.speaker])
        if rel.reported_by and rel.reported_by in node:
            add(st, iri.term_iri("reportedBy"), node[rel.reported_by])
        add(st, iri.term_iri("confidence"), _typed(f"{rel.confidence:.2f}", "decimal"))
        add(st, iri.term_iri("rule"), Literal(rel.rule))
        add(st, iri.term_iri("evidence"), ev)
        add(ev, RDF + "type", _kg("Evidence"))
        add(ev, iri.term_iri("sentence"), Literal(rel.sentence))
        add(ev, iri.term_iri("charStart"), _typed(str(rel.char_start), "integer"))
        add(ev, iri.term_iri("charEnd"), _typed(str(rel.char_end), "integer"))
        add(ev, PROV + "wasDerivedFrom", article)
    return list(dict.fromkeys(out))  # in a fixed order, each quad once


def _url_term(url: str) -> NamedNode | Literal:
    r"""A URL as an IRI when it is a valid one, else as a plain literal (scraped URLs can be anything).

    >>> [type(_url_term(u)).__name__ for u in ("https://x.org/a", "https://x.org/\ue000", "https://x.org/a b")]
    ['NamedNode', 'Literal', 'Literal']
    """
    if _safe_iri(url):
        try:
            return NamedNode(url)
        except ValueError:  # not an IRI for pyoxigraph (RFC 3987), e.g. private-use characters in the path
            pass
    return Literal(url)


def _safe_iri(url: str) -> bool:
    """Whether a URL can stand as an IRI (no spaces, quotes or angle brackets).

    >>> _safe_iri("https://x.org/a?b=1"), _safe_iri("https://x.org/a b")
    (True, False)
    """
    import re

    return bool(re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url))

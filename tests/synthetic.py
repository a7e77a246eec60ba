"""Article graphs written by hand per RDF-CONTRACT.md, for store tests and the store benchmark.

Built here rather than by `kg build`, so the store can be tested on its own; the text is made up.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.iri import DEFAULT_BASE, article_iri, entity_iri, graph_iri, slug

KG = "https://w3id.org/newskg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

N = ox.NamedNode


def L(value, datatype: str | None = None):
    return ox.Literal(str(value), datatype=N(XSD + datatype)) if datatype else ox.Literal(str(value))


def date_literal(value: str):
    kind = {4: "gYear", 7: "gYearMonth"}.get(len(value), "date")
    return L(value, kind)


@dataclass
class Stmt:
    subject: tuple[str, str]  # (name, class)
    predicate: str
    object: tuple[str, str]
    date: str | None = None
    modality: str = "Asserted"
    role: str | None = None
    reported_by: str | None = None  # name of an outlet entity
    sentence: str = "A made-up sentence."


@dataclass
class Article:
    id: str
    statements: list[Stmt] = field(default_factory=list)
    issued: str | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None


def article_quads(a: Article, base: str = DEFAULT_BASE) -> tuple[str, list]:
    """(graph IRI, quads) of one article, as kg build writes them."""
    g = N(graph_iri(a.id, base=base))
    art = N(article_iri(a.id, base=base))
    out = []

    def add(s, p, o):
        out.append(ox.Quad(s, N(p), o, g))

    add(art, RDF + "type", N(KG + "Article"))
    add(art, DCT + "identifier", L(a.id))
    if a.title:
        add(art, DCT + "title", L(a.title))
    if a.issued:
        add(art, DCT + "issued", L(a.issued, "date"))
    if a.url:
        add(art, DCT + "source", N(a.url))
    if a.publisher:
        add(art, DCT + "publisher", L(a.publisher))
    entities: dict[str, str] = {}
    for st in a.statements:
        entities.setdefault(*st.subject)
        entities.setdefault(*st.object)
        if st.reported_by:
            entities.setdefault(st.reported_by, "MediaOrganization")
    for name, cls in sorted(entities.items()):
        e = N(entity_iri(name, base=base))
        add(art, KG + "mentions", e)
        add(e, RDF + "type", N(KG + cls))
        add(e, RDFS + "label", L(name))
        add(e, SKOS + "altLabel", L(name.upper()))
    for i, st in enumerate(a.statements):
        s, o = N(entity_iri(st.subject[0], base=base)), N(entity_iri(st.object[0], base=base))
        digest = hashlib.sha1(f"{st.subject}{st.predicate}{st.object}{i}".encode()).hexdigest()[:12]
        node = N(f"{base}statement/{slug(a.id)}-{digest}")
        ev = N(node.value + "-evidence")
        if st.modality != "Negated":
            add(s, KG + st.predicate, o)
        add(node, RDF + "type", N(KG + "Statement"))
        add(node, RDF + "type", N(RDF + "Statement"))
        add(node, RDF + "subject", s)
        add(node, RDF + "predicate", N(KG + st.predicate))
        add(node, RDF + "object", o)
        if st.date:
            add(node, KG + "date", date_literal(st.date))
            add(node, KG + "dateText", L(f"in {st.date}"))
        if st.role:
            add(node, KG + "role", L(st.role))
        add(node, KG + "modality", N(KG + st.modality))
        if st.reported_by:
            add(node, KG + "reportedBy", N(entity_iri(st.reported_by, base=base)))
        add(node, KG + "confidence", L("0.85", "decimal"))
        add(node, KG + "rule", L(f"verb:{st.predicate}"))
        add(node, KG + "evidence", ev)
        add(ev, RDF + "type", N(KG + "Evidence"))
        add(ev, KG + "sentence", L(st.sentence))
        add(ev, KG + "charStart", L(i * 100, "integer"))
        add(ev, KG + "charEnd", L(i * 100 + len(st.sentence), "integer"))
        add(ev, PROV + "wasDerivedFrom", art)
    return g.value, out


# ---------------------------------------------------------------------- small fixed examples
RUSSIA, TALIBAN, SHOIGU = ("Russia", "Country"), ("Taliban", "ArmedGroup"), ("Sergei Shoigu", "Person")
SECCO, CHINA, SCO = ("Security Council", "GovernmentBody"), ("China", "Country"), ("SCO", "InternationalOrganization")

A = Article(
    "a-001",
    [
        Stmt(RUSSIA, "recognizes", TALIBAN, "2025-07", sentence="Made-up: Russia recognized them last July."),
        Stmt(SHOIGU, "holdsPosition", SECCO, "2024", role="Secretary"),
        Stmt(RUSSIA, "sanctions", CHINA, modality="Negated"),
    ],
    issued="2026-05-14",
    publisher="The Moscow Times",
    title="A made-up article",
)
B = Article(
    "b-002",
    [
        Stmt(RUSSIA, "recognizes", TALIBAN, "2025", reported_by="TASS"),
        Stmt(CHINA, "memberOf", SCO, "2001"),
        Stmt(RUSSIA, "sanctions", CHINA, "2026-01"),
    ],
    issued="2026-03-31",
    publisher="Xinhua",
    url="https://www.example.com/news/b",
)
C = Article(  # same outlet as the TASS report in B: not an independent source
    "c-003",
    [Stmt(RUSSIA, "recognizes", TALIBAN, "2025-07-03", modality="Reported")],
    issued="2026-04-02",
    publisher="TASS",
)


# ---------------------------------------------------------------------- large synthetic corpus
def synthetic(n_articles: int, statements: int = 12, seed: int = 7, base: str = DEFAULT_BASE,
              entities: int | None = None, first: int = 0):
    """Yield (graph IRI, quads) for many random articles over a shared pool of entities.

    ``entities`` is the size of the pool (default: a quarter of the articles, at least 50); the
    articles are numbered from ``first``.
    """
    rng = random.Random(seed)
    classes = ["Country", "Person", "GovernmentBody", "ArmedGroup", "InternationalOrganization", "City"]
    pool = [(f"Entity {i}", classes[i % len(classes)]) for i in range(entities or max(50, n_articles // 4))]
    preds = ["recognizes", "meetsWith", "sanctions", "visits", "holdsPosition", "memberOf", "criticizes", "supports"]
    mods = ["Asserted"] * 6 + ["Reported", "Planned", "Negated"]
    outlets = ["TASS", "Xinhua", "Reuters", "AP", "AFP", "The Moscow Times", "Al Jazeera"]
    for i in range(first, first + n_articles):
        stmts = []
        for _ in range(statements):
            s, o = rng.sample(pool, 2)
            year = rng.randint(1995, 2026)
            date = rng.choice([None, str(year), f"{year}-{rng.randint(1, 12):02d}",
                               f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
            p = rng.choice(preds)
            stmts.append(Stmt(s, p, o, date, rng.choice(mods), role="Minister" if p == "holdsPosition" else None,
                              reported_by=rng.choice([None, None, *outlets[:2]]),
                              sentence=f"Synthetic sentence {i}-{len(stmts)}."))
        yield article_quads(
            Article(f"syn-{i:06d}", stmts, issued=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    publisher=rng.choice(outlets)),
            base,
        )

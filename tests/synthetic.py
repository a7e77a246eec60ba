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
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (name, class): named, in no statement


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
    entities: dict[str, str] = dict(a.mentions)
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


# ---------------------------------------------------------------------- a news-like corpus
SYLLABLES = ["ka", "lo", "ver", "min", "sa", "tor", "el", "ba", "ri", "don", "mar", "vi", "zen", "ul", "ost",
             "pa", "nel", "ko", "tra", "hal", "ir", "gan", "mo", "ste", "ru", "fal", "de", "syl", "quo", "ash"]
FIRST = ["Anna", "Marek", "Leila", "Tomas", "Ines", "Kofi", "Mira", "Ravi", "Sofia", "Yusuf", "Elena", "Jonas",
         "Amara", "Pavel", "Nadia", "Omar", "Lucia", "Kenji", "Ada", "Emil", "Zara", "Hugo", "Nia", "Aron"]
OUTLETS = ["Northern Wire", "The Daily Ledger", "Coastal Herald", "Meridian News", "The Evening Post",
           "Capital Dispatch", "Harbour Times", "Continental Report"]


def _names(rng: random.Random, n: int, make) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        name = make()
        if name not in out:
            out.append(name)
    return out


def news(n_articles: int, seed: int = 17) -> list[Article]:
    """A made-up news world in ``n_articles`` articles, shaped like a real corpus: a few countries in
    most stories (Zipf), their leaders' positions restated in article after article (parallel
    statements), officials named once with one relation, and many names mentioned in no relation.
    Names and sentences are invented here; the same arguments give the same articles."""
    rng = random.Random(seed)

    def word(k: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(k)).capitalize()

    countries = _names(rng, 40, lambda: word(2) + rng.choice(["ia", "and", "istan", "ora", "esh", "ova", "ar"]))
    leaders = _names(rng, 40, lambda: f"{rng.choice(FIRST)} {word(2)}")
    ministers = _names(rng, 40, lambda: f"{rng.choice(FIRST)} {word(3)}")
    capitals = _names(rng, 40, lambda: word(2) + rng.choice(["grad", "ville", " City", "polis", "ton"]))
    blocs = ["Northern Trade Council", "Union of Coastal States", "Highland Security Pact", "Southern Rivers Forum",
             "Council of the Eastern Seas", "Continental Development Bank", "Alliance of Island Nations"]
    groups = ["Red Dawn Front", "Mountain Liberation Army", "Black Sands Movement", "People's Guard of the Plains"]
    companies = [f"{word(2)} {kind}" for kind in ("Energy", "Motors", "Telecom", "Shipping", "Mining", "Bank")]
    weight = [1 / (r + 1) ** 1.15 for r in range(len(countries))]
    role = {}

    def country() -> int:
        return rng.choices(range(len(countries)), weight)[0]

    def person() -> str:
        return f"{rng.choice(FIRST)} {word(rng.choice([2, 3]))}"

    articles = []
    for i in range(n_articles):
        month = i * 18 // n_articles   # the articles span 18 months from January 2025
        published = f"{2025 + month // 12}-{1 + month % 12:02d}-{1 + rng.randrange(28):02d}"
        outlet = rng.choice(OUTLETS)
        a, b = country(), country()
        while b == a:
            b = country()
        A_, B_ = (countries[a], "Country"), (countries[b], "Country")
        la, lb = (leaders[a], "Person"), (leaders[b], "Person")
        day = published if rng.random() < 0.4 else (published[:7] if rng.random() < 0.6 else None)
        story = rng.choice(["meeting", "meeting", "visit", "sanctions", "agreement", "conflict", "summit",
                            "appointment", "business"])
        st: list[Stmt] = []

        def say(s, p, o, text, **kw):
            st.append(Stmt(s, p, o, sentence=text, **kw))

        title = f"{A_[0]} and {B_[0]}: {story}"
        if story in ("meeting", "visit"):
            say(la, "meetsWith", lb, f"{la[0]} met {lb[0]} for talks on trade and security.", date=day)
            if story == "visit":
                say(la, "visits", B_, f"{la[0]} arrived in {B_[0]} on a two-day visit.", date=day)
                say(la, "visits", (capitals[b], "City"), f"{la[0]} was received in {capitals[b]}.", date=day)
        elif story == "sanctions":
            say(A_, "sanctions", B_, f"{A_[0]} imposed new sanctions on {B_[0]}.", date=day)
            c = countries[country()]
            if c not in (A_[0], B_[0]):
                say((c, "Country"), "criticizes", A_, f"{c} said the sanctions by {A_[0]} were unjustified.",
                    modality=rng.choice(["Asserted", "Reported"]), reported_by=outlet if rng.random() < 0.3 else None)
        elif story == "agreement":
            say(A_, "signsAgreementWith", B_, f"{A_[0]} and {B_[0]} signed a cooperation agreement.", date=day)
            bloc = (rng.choice(blocs), "InternationalOrganization")
            say(bloc, "supports", A_, f"The {bloc[0]} welcomed the accord.")
            say(B_, "memberOf", bloc, f"{B_[0]} is a member of the {bloc[0]}.")
        elif story == "conflict":
            g = (rng.choice(groups), "ArmedGroup")
            say(g, "fightsAgainst", A_, f"Fighters of the {g[0]} clashed with {A_[0]}'s army.", date=day)
            say(A_, "designatesAsTerrorist", g, f"{A_[0]} has listed the {g[0]} as a terrorist group.",
                modality=rng.choice(["Asserted", "Asserted", "Planned"]))
            say(B_, "supports", A_, f"{B_[0]} offered {A_[0]} help against the insurgents.")
        elif story == "summit":
            bloc = (rng.choice(blocs), "InternationalOrganization")
            for k in {a, b, country(), country()}:
                say((leaders[k], "Person"), "participatesIn", bloc, f"{leaders[k]} attended the {bloc[0]} summit.",
                    date=day)
                say((countries[k], "Country"), "memberOf", bloc, f"{countries[k]} belongs to the {bloc[0]}.")
        elif story == "appointment":
            new = (ministers[a], "Person")
            role.setdefault(new[0], rng.choice(["Foreign Minister", "Defence Minister", "Finance Minister"]))
            say(new, "holdsPosition", A_, f"{new[0]} was named {role[new[0]].lower()} of {A_[0]}.", date=day,
                role=role[new[0]])
            say(new, "visits", B_, f"{new[0]} will travel to {B_[0]} next month.", modality="Planned")
        else:
            co = (rng.choice(companies), "Company")
            say(co, "partnersWith", A_, f"{co[0]} agreed a joint venture with the government of {A_[0]}.", date=day)
            if rng.random() < 0.3:
                say(B_, "sanctions", co, f"{B_[0]} placed {co[0]} on its sanctions list.", modality="Negated")
        # facts restated in article after article: who leads, where a capital is
        for k in (a, b):
            if rng.random() < 0.6:
                role.setdefault(leaders[k], "President" if k % 3 else "Prime Minister")
                say((leaders[k], "Person"), "holdsPosition", (countries[k], "Country"),
                    f"{role[leaders[k]]} {leaders[k]} of {countries[k]} spoke to reporters.", role=role[leaders[k]])
        if rng.random() < 0.35:
            say((capitals[a], "City"), "locatedIn", A_, f"Officials in {capitals[a]}, the capital, declined to comment.")
        # one official quoted once, and names that take part in no relation
        if rng.random() < 0.5:
            say((person(), "Person"), "criticizes", rng.choice([A_, B_]), "An opposition figure condemned the move.",
                modality="Reported", reported_by=outlet)
        mentions = [(person(), "Person") for _ in range(rng.randint(1, 3))]
        mentions += [(word(2) + rng.choice([" Valley", " Province", " Port"]), "Place") for _ in range(rng.randint(0, 2))]
        if rng.random() < 0.3:
            mentions.append((countries[country()], "Country"))
        articles.append(Article(f"news-{i:04d}", st, issued=published, publisher=outlet, title=title,
                                url=f"https://news.example.org/{i:04d}", mentions=mentions))
    return articles


def news_store(n_articles: int, seed: int = 17) -> ox.Store:
    """The quads of :func:`news` in an in-memory store, one named graph per article."""
    store = ox.Store()
    for a in news(n_articles, seed):
        store.extend(article_quads(a)[1])
    return store

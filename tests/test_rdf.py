"""The RDF stage: a hand-made Extraction gives exactly the golden graph (compared by isomorphism)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.model import Document, Entity, Extraction, Mention, Relation
from kg.rdf import article_quads

GOLDEN = Path(__file__).parent / "golden" / "article.trig"
BASE = "https://kg.example.org/"
SENT = "Freedonia recognized Sylvania in March 2024, its foreign minister said."


def extraction() -> Extraction:
    doc = Document(id="wire-1", text=SENT, title="Recognition", published=dt.date(2024, 4, 2),
                   url="https://news.example.org/a", source="Example Wire", origin="wire.jsonl:1")
    ents = (
        Entity("Freedonia", "Freedonia", "Country", ("Freedonian authorities",), (Mention(0, 9, "Freedonia", 0),),
               (("iso3166", "FD"),)),
        Entity("Sylvania", "Sylvania", "Country", (), (Mention(21, 29, "Sylvania", 0),)),
        Entity("Rufus Firefly", "Rufus Firefly", "Person"),
    )
    rels = (
        Relation("Freedonia", "recognizes", "Sylvania", SENT, 0, len(SENT), "verb:recognize/dobj", 0.8,
                 date="2024-03", date_text="March 2024", modality="reported", speaker="Rufus Firefly"),
        Relation("Rufus Firefly", "holdsPosition", "Freedonia", SENT, 0, len(SENT), "title", 0.85,
                 role="foreign minister"),
        Relation("Sylvania", "recognizes", "Freedonia", SENT, 0, len(SENT), "verb:recognize/dobj", 0.8,
                 start="2012", end="2024-05", date_text="between 2012 and May 2024", modality="negated"),
    )
    return Extraction(doc, ents, rels)


def as_dataset(quads) -> rdflib.Dataset:
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    return ds


def test_article_graph_matches_golden():
    got = as_dataset(article_quads(extraction(), base=BASE))
    want = rdflib.Dataset()
    want.parse(GOLDEN, format="trig")
    names = lambda ds: sorted(str(g.identifier) for g in ds.graphs() if len(g))  # noqa: E731
    assert names(got) == names(want) == [BASE + "graph/wire-1"]
    g1, g2 = got.graph(rdflib.URIRef(BASE + "graph/wire-1")), want.graph(rdflib.URIRef(BASE + "graph/wire-1"))
    if not isomorphic(g1, g2):
        _, only_got, only_want = graph_diff(to_isomorphic(g1), to_isomorphic(g2))
        pytest.fail(f"not isomorphic\nonly in output:\n{only_got.serialize(format='nt')}\n"
                    f"only in golden:\n{only_want.serialize(format='nt')}")


def test_negated_relation_has_no_direct_triple_but_a_statement():
    g = as_dataset(article_quads(extraction(), base=BASE))
    kg = rdflib.Namespace("https://w3id.org/newskg/ontology#")
    fre, syl = rdflib.URIRef(BASE + "id/freedonia"), rdflib.URIRef(BASE + "id/sylvania")
    assert (fre, kg.recognizes, syl) in g  # reported: asserted as a direct triple
    assert (syl, kg.recognizes, fre) not in g  # negated: never
    negated = list(g.subjects(kg.modality, kg.Negated))
    assert len(negated) == 1 and (negated[0], rdflib.RDF.subject, syl) in g


def test_dates_keep_their_granularity_and_the_publication_date_stays_on_the_article():
    g = as_dataset(article_quads(extraction(), base=BASE))
    kg = rdflib.Namespace("https://w3id.org/newskg/ontology#")
    types = {str(o.datatype).rsplit("#", 1)[1] for p in (kg.date, kg.startDate, kg.endDate) for o in g.objects(None, p)}
    assert types == {"gYearMonth", "gYear"}
    issued = list(g.objects(None, rdflib.DCTERMS.issued))
    assert [str(x) for x in issued] == ["2024-04-02"]
    # the article is two hops from a statement: its date is never read as the relation's
    for st in g.subjects(rdflib.RDF.type, kg.Statement):
        for _, o in g.predicate_objects(st):
            assert (o, rdflib.DCTERMS.issued, None) not in g


def test_the_same_extraction_gives_the_same_quads():
    assert article_quads(extraction(), base=BASE) == article_quads(extraction(), base=BASE)
    other = article_quads(extraction(), base="https://other.example/")
    assert all(str(q.subject).startswith(("<https://other.example/", "<https://w3id.org")) for q in other)

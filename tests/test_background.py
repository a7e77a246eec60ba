"""Links to Wikidata and GeoNames, and background knowledge with its provenance (kg.background).

Built once from two short articles written for these tests: Bishkek as a place (a capital), Almaty
(a city that is no capital), Russia, a person and an invented company.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import background
from kg.build import build
from kg.gazetteer import load_gazetteer
from kg.model import Document, Entity, Extraction, Fact, Mention
from kg.rdf import article_quads
from kg.store import open_graph
from kg.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
BASE = "https://kg.example.org/"
KG = "https://w3id.org/newskg/ontology#"
WD, GN = "http://www.wikidata.org/entity/", "https://sws.geonames.org/"

ARTICLES = {
    "visit.md": "---\ntitle: A visit to Bishkek\npublished: 2026-03-02\n---\n"
                "The Turkish foreign minister arrived in Bishkek on Monday for talks on trade. "
                "Ruslan Omurov, a local trader, said the visit was welcome.\n",
    "freight.md": "---\ntitle: Freight deal\npublished: 2026-03-03\n---\n"
                  "Russia and Kazakhstan signed a trade agreement on Tuesday. Managers of Tengri Freight "
                  "Company arrived in Almaty and later travelled to Bishkek.\n",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("build") / "out"
    summary = build([src], out, formats=("trig",))
    assert summary.articles == 2 and not summary.failures
    return out


def rows(out: Path, query: str) -> list[tuple]:
    with open_graph(out) as store:
        return sorted(tuple(None if t is None else t.value for t in r) for r in store.query(query))


def iri(label: str) -> str:
    return f"{BASE}id/{label.lower()}"


def test_russia_carries_owl_same_as_its_wikidata_item_and_geonames_feature(out):
    links = rows(out, f"SELECT ?o WHERE {{ <{iri('Russia')}> owl:sameAs ?o }}")
    assert links == [("http://www.wikidata.org/entity/Q159",), ("https://sws.geonames.org/2017370/",)]


def test_a_person_and_an_unknown_organisation_get_no_link(out):
    found = rows(out, """SELECT ?label ?cls WHERE { ?e rdfs:label ?label ; a ?cls .
                         FILTER(?label IN ("Ruslan Omurov", "Tengri Freight Company")) }""")
    assert [label for label, _ in found] == ["Ruslan Omurov", "Tengri Freight Company"]
    assert (KG + "Person") in {cls for _, cls in found}
    assert rows(out, """SELECT ?e ?o WHERE { ?e rdfs:label ?l ; owl:sameAs ?o .
                        FILTER(?l IN ("Ruslan Omurov", "Tengri Freight Company")) }""") == []
    linked = {label for (label,) in rows(out, "SELECT DISTINCT ?l WHERE { ?e owl:sameAs ?o ; rdfs:label ?l }")}
    assert linked == {"Almaty", "Bishkek", "Kazakhstan", "Kyrgyzstan", "Russia", "Turkey"}
    assert all(load_gazetteer().get(label) is not None for label in linked)


def test_kyrgyzstans_capital_is_located_in_kyrgyzstan_with_gazetteer_provenance(out):
    bishkek, kyrgyzstan = iri("Bishkek"), iri("Kyrgyzstan")
    direct = rows(out, f"SELECT ?p WHERE {{ <{bishkek}> ?p <{kyrgyzstan}> }}")
    assert direct == [(KG + "capitalOf",), (KG + "locatedIn",)]
    facts = rows(out, f"""SELECT ?p ?source WHERE {{ ?f a kg:BackgroundFact ; kg:factSubject <{bishkek}> ;
                          kg:factPredicate ?p ; kg:factObject <{kyrgyzstan}> ; prov:wasDerivedFrom ?source }}""")
    assert facts == [(KG + "capitalOf", GN + "1527747/"),  # the capital: Kyrgyzstan's GeoNames record
                     (KG + "locatedIn", GN + "1528675/")]  # the country: Bishkek's GeoNames record
    # background, not text: no statement, no evidence, one fact node for two articles naming Bishkek
    assert rows(out, f"SELECT ?st WHERE {{ ?st rdf:subject <{bishkek}> }}") == []
    assert rows(out, "SELECT ?f WHERE { ?f a kg:BackgroundFact ; kg:evidence ?e }") == []
    graphs = rows(out, f"""SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?f kg:factSubject <{bishkek}> ;
                           kg:factPredicate kg:locatedIn }} }}""")
    assert len(graphs) == 2 and len({f for _, f in graphs}) == 1


def test_a_city_that_is_no_capital_gets_its_country_only_and_an_unmentioned_country_is_described(out):
    almaty = iri("Almaty")
    assert rows(out, f"SELECT ?p ?o WHERE {{ <{almaty}> ?p ?o . ?p rdfs:subPropertyOf* kg:locatedIn }}") == [
        (KG + "locatedIn", iri("Kazakhstan"))]
    # the first article names Bishkek, not Kyrgyzstan: its graph describes Kyrgyzstan without mentioning it
    visit = rows(out, f"""SELECT ?p ?o WHERE {{ GRAPH ?g {{ ?a dcterms:identifier "visit" .
                          <{iri('Kyrgyzstan')}> ?p ?o }} }}""")
    assert (KG + "iso3166", "KG") in visit and ("http://www.w3.org/2002/07/owl#sameAs", WD + "Q813") in visit
    assert rows(out, f"""SELECT ?a WHERE {{ ?a dcterms:identifier "visit" ; kg:mentions <{iri('Kyrgyzstan')}> }}""") == []


def test_the_cookbook_query_tells_text_statements_from_background_facts(out):
    sys.path.insert(0, str(Path(__file__).parent))
    from test_docs import cookbook

    (query,) = [q for q in cookbook() if "kg:BackgroundFact" in q]
    got = {(kind, subject, p.rsplit("#", 1)[1], obj) for kind, subject, p, obj, _, _ in rows(out, query)}
    assert ("background", "Bishkek", "locatedIn", "Kyrgyzstan") in got
    assert ("background", "Almaty", "locatedIn", "Kazakhstan") in got
    assert ("text", "Russia", "signsAgreementWith", "Kazakhstan") in got
    assert not {g for g in got if g[0] == "text" and g[2] in ("locatedIn", "capitalOf")}


def test_shacl_passes_on_the_build(out):
    report = validate(out)
    assert report.conforms, report.text()


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside the repository")
def test_the_scorer_judges_text_statements_only(out, tmp_path):
    """Gold that names Bishkek and Kyrgyzstan but no relation between them: the background facts are
    no statements, so they are neither judged nor counted (precision stays 1.0)."""
    gold = tmp_path / "gold.yaml"
    gold.write_text("document: visit.md\nentities:\n"
                    "  Bishkek: {type: Place, aliases: [Bishkek]}\n"
                    "  Kyrgyzstan: {type: Country, aliases: [Kyrgyzstan]}\n"
                    "  Russia: {type: Country, aliases: [Russia]}\n"
                    "  Kazakhstan: {type: Country, aliases: [Kazakhstan]}\n"
                    "relations:\n  - {s: Russia, p: signsAgreementWith, o: Kazakhstan}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCORER), "--json", "--verbose", str(out / "graph.trig"), str(gold)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    doc, = result["documents"]
    assert doc["statements_judged"] == doc["statements_correct"] == 1, doc
    assert result["total"]["relation_precision"] == 1.0 and result["total"]["duplicate_entities"] == 0


# ---------------------------------------------------------------------- without the model


def test_facts_come_only_for_places_of_the_gazetteer_and_name_their_source():
    gaz = load_gazetteer()
    ents = (Entity("Crimea", "Crimea", "Region"), Entity("Moscow", "Moscow", "City"),
            Entity("Ruslan Omurov", "Ruslan Omurov", "Person"), Entity("Kazakhstan", "Kazakhstan", "Country"),
            Entity("Bishkek", "Bishkek", "Organization"))  # a key the text typed otherwise gets nothing
    ex = background.attach(Extraction(Document("d", "x"), ents), gaz)
    assert [(f.subject, f.predicate, f.object, f.source) for f in ex.facts] == [
        ("Crimea", "locatedIn", "Ukraine", ("gazetteer", "places.yaml")),
        ("Moscow", "capitalOf", "Russia", ("geonames", "2017370")),
        ("Moscow", "locatedIn", "Russia", ("geonames", "524901")),
    ]
    assert [e.key for e in ex.known] == ["Russia", "Ukraine"]
    assert background.attach(ex, None) is ex


def test_rdf_of_facts_and_links():
    bishkek = Entity("Bishkek", "Bishkek", "City", (), (Mention(3, 10, "Bishkek", 0),),
                     (("geonames", "1528675"), ("wikidata", "Q9361")))
    kyrgyzstan = Entity("Kyrgyzstan", "Kyrgyzstan", "Country", ids=(("iso3166", "KG"), ("wikidata", "Q813")))
    crimea = Entity("Crimea", "Crimea", "Region", (), (Mention(15, 21, "Crimea", 1),))
    ex = Extraction(Document("a1", "In Bishkek. In Crimea."), (bishkek, crimea),
                    facts=(Fact("Bishkek", "locatedIn", "Kyrgyzstan", ("geonames", "1528675")),
                           Fact("Crimea", "locatedIn", "Ukraine", ("gazetteer", "places.yaml"))),
                    known=(kyrgyzstan, Entity("Ukraine", "Ukraine", "Country")))
    quads = article_quads(ex, base=BASE)
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    g = {q.graph_name.value for q in quads}
    assert g == {BASE + "graph/a1"}
    assert (iri("Bishkek"), "http://www.w3.org/2002/07/owl#sameAs", WD + "Q9361") in triples
    assert (iri("Bishkek"), "http://www.w3.org/2002/07/owl#sameAs", GN + "1528675/") in triples
    assert (iri("Bishkek"), KG + "locatedIn", iri("Kyrgyzstan")) in triples
    mentioned = {o for s, p, o in triples if p == KG + "mentions"}
    assert mentioned == {iri("Bishkek"), iri("Crimea")}  # the countries are named by facts only
    sources = {o for s, p, o in triples if p == "http://www.w3.org/ns/prov#wasDerivedFrom"}
    assert sources == {GN + "1528675/", "https://w3id.org/newskg/gazetteer/places.yaml"}
    facts = {s for s, p, o in triples if o == KG + "BackgroundFact"}
    assert len(facts) == 2 and all(f.startswith(BASE + "fact/") for f in facts)
    assert article_quads(ex, base=BASE) == quads
    store = ox.Store()
    store.extend(quads)
    assert validate(store).conforms

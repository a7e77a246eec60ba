"""Background knowledge: what the gazetteer knows about an article's places, as data with its source.

A city or region the article names gets its country (``locatedIn``), and a capital its state as well
(``capitalOf``, a sub-property of locatedIn). Each is a :class:`kg.model.Fact` whose source is the
record it was read from: the GeoNames record for what the packages give (generated.jsonl: the city's
country code, the country's capital), the hand-made gazetteer file otherwise (places.yaml: "Crimea" in
Ukraine). Nothing here reads the text; the RDF stage writes facts apart from the text's statements.

>>> from kg.gazetteer import load_gazetteer
>>> from kg.model import Document, Entity, Extraction
>>> bishkek = Entity("Bishkek", "Bishkek", "City")
>>> ex = attach(Extraction(Document("d", "In Bishkek."), (bishkek,)), load_gazetteer())
>>> [(f.subject, f.predicate, f.object, f.source) for f in ex.facts]
[('Bishkek', 'capitalOf', 'Kyrgyzstan', ('geonames', '1527747')), ('Bishkek', 'locatedIn', 'Kyrgyzstan', ('geonames', '1528675'))]
>>> [(e.key, e.cls) for e in ex.known]
[('Kyrgyzstan', 'Country')]
"""
from __future__ import annotations

from dataclasses import replace

from .gazetteer import GENERATED, Entry, Gazetteer
from .model import Entity, Extraction, Fact

#: the classes whose entities get their country from the gazetteer
PLACES = ("City", "Region")


def attach(extraction: Extraction, gazetteer: Gazetteer | None) -> Extraction:
    """The extraction with the background facts of its places and the entities they name besides.

    An entity is a place of the gazetteer when its key is an entry's name and its class the entry's
    (a key the text typed otherwise gets nothing). A person or organisation never gets a fact.
    """
    if gazetteer is None:
        return extraction
    facts: set[Fact] = set()
    for ent in extraction.entities:
        entry = gazetteer.get(ent.key)
        if entry is None or entry.cls != ent.cls or entry.cls not in PLACES or not entry.country:
            continue
        country = gazetteer.get(entry.country)
        if country is None or country.cls != "Country":
            continue
        facts.add(Fact(ent.key, "locatedIn", country.name, source(entry)))
        if country.capital == entry.name:
            facts.add(Fact(ent.key, "capitalOf", country.name, source(country)))
    mentioned = {e.key for e in extraction.entities}
    known = {f.object: entity(gazetteer.get(f.object)) for f in facts if f.object not in mentioned}
    return replace(extraction, facts=tuple(sorted(facts, key=lambda f: (f.subject, f.predicate, f.object))),
                   known=tuple(known[k] for k in sorted(known)))


def source(entry: Entry) -> tuple[str, str]:
    """Where an entry's country and capital were read: its GeoNames record, or the hand-made file.

    >>> from kg.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> source(g.get("Bishkek")), source(g.get("Crimea"))
    (('geonames', '1528675'), ('gazetteer', 'places.yaml'))
    """
    geonames = dict(entry.ids).get("geonames")
    if entry.origin == GENERATED and geonames:
        return ("geonames", geonames)
    return ("gazetteer", entry.origin)


def entity(entry: Entry) -> Entity:
    """A gazetteer entry as an entity no text mentions: its name, class and identifiers only."""
    return Entity(key=entry.name, name=entry.name, cls=entry.cls, ids=tuple(entry.ids))

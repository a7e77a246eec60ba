"""Extraction: from a parsed spaCy Doc to plain data (a :class:`kg.model.Extraction`).

The only package, with kg.nlp, that touches spaCy objects. The stages run once, in this order, each
taking the values of the ones before:

1. ``entities.collect``  mentions -> the article's :class:`~kg.extraction.table.EntityTable`
2. governments          the ``governs`` rules alone: which organisation governs which country
                         (so that "Kabul" as an actor is the Taliban when the article says so)
3. candidates           ``titles`` first (who holds which office: "the Nepal Prime Minister" then
                         names that person), ``triggers`` (verb, noun, modifier rules), ``places``
4. ``context``          each candidate's date (its clause, the event it belongs to, the speaker's
                         dated statement, the dateline), modality, speaker and outlet
5. assembly             duplicates dropped, entities and relations as plain data, sorted
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, Extraction, Relation, Timex
from ..rules import Rules
from ..temporal import dateline_day, xsd_date
from . import entities, places, titles
from .candidates import Candidate, Maker
from .context import Context, day_of
from .holders import holders
from .resolve import Resolver
from .table import EntityTable
from .triggers import Triggers

__all__ = ["extract"]


def extract(doc, document: Document, rules: Rules, gazetteer=None, timexes: list[Timex] | None = None) -> Extraction:
    """Entities and relations of one parsed article.

    ``timexes`` are its temporal expressions (default: ``doc._.timexes``, set by the kg_timex component).
    """
    if timexes is None:
        timexes = list(getattr(doc._, "timexes", None) or []) if doc.has_extension("timexes") else []
    table = entities.collect(doc, rules, gazetteer)
    table.day = document.published
    res = Resolver(table, rules)
    governments = find_governments(doc, table, res, rules)
    maker = Maker(table, rules, governments)
    held = titles.find(doc, table, res, maker, rules)
    res.officeholders = holders(held, rules)  # "the Nepal Prime Minister" is the one the article named so
    found = Triggers(res, maker, rules).find(doc) + held
    found += places.find(doc, table, res, maker, rules)
    context = Context(doc, res, rules, timexes, dateline_day(document.published, document.dateline))
    dates = context.dates(found)
    relations = [situate(c, context, *date) for c, date in zip(found, dates)]
    move_state_aliases(table, governments)
    return assemble(document, table, relations, timexes)


def find_governments(doc, table: EntityTable, res: Resolver, rules: Rules) -> dict[str, str]:
    """Country key -> the organisation the article says governs it (its first such statement)."""
    governs = rules.grammar_roles.get("governs")
    if governs is None:
        return {}
    ruled: dict[str, tuple[float, str]] = {}  # organisation -> (confidence, the one country it governs)
    for c in Triggers(res, Maker(table, rules, {}), rules, frozenset({governs})).find(doc):
        rel = c.relation
        if table.cls(rel.subject) != "Country" and table.cls(rel.object) == "Country" \
                and rel.confidence > ruled.get(rel.subject, (0.0, ""))[0]:
            ruled[rel.subject] = (rel.confidence, rel.object)  # a name beats "the country"
    governments: dict[str, str] = {}
    for org, (_, country) in ruled.items():
        governments.setdefault(country, org)
    return governments


def situate(candidate: Candidate, context: Context, tx: Timex | None, source: str | None) -> Relation:
    """A candidate with its date (from ``source``), modality, speaker and outlet."""
    rel = candidate.relation
    if candidate.rule.describes:  # "Prime Minister Anwar Ibrahim", "Abuja, Nigeria"
        return replace(rel, modality="asserted")  # describe, they do not report, and hold whatever the date
    mode, speaker, outlet = context.modality(candidate.anchor)
    kw = {}
    if tx is not None:
        if tx.begin or tx.end_value:
            kw = {"start": tx.begin, "end": tx.end_value}
        else:
            kw = {"date": xsd_date(day_of(tx.value))[0]}
        kw["date_text"] = tx.text
        kw["date_source"] = source
    return replace(rel, modality=mode, speaker=speaker if speaker != rel.subject else None,
                   reported_by=outlet, **kw)


def move_state_aliases(table: EntityTable, governments: dict[str, str]) -> None:
    """"Kabul", "the Afghan government" as actors name the Taliban once the article says they govern."""
    for country, org in governments.items():
        if country not in table.ents or org not in table.ents:
            continue
        ent = table.ents[country]
        entry = table.gaz.get(country) if table.gaz else None
        capital = {entry.capital} if entry is not None and entry.capital else set()
        moved = {a for a in ent.aliases if a in capital or a.split()[-1].lower() == "government"}
        ent.aliases -= moved
        table.ents[org].aliases |= moved


def assemble(document: Document, table: EntityTable, relations: list[Relation], timexes: list[Timex]) -> Extraction:
    """The extraction as plain data: a body's relation dropped where its state has the same one,
    duplicates dropped, entities that are mentioned or used, everything sorted."""
    bodies = {(r.predicate, r.object, r.subject.rsplit(" of ", 1)[1]) for r in relations if " of " in r.subject}
    unique: dict[tuple, Relation] = {}
    for rel in relations:
        if (rel.predicate, rel.object, rel.subject) not in bodies:
            unique.setdefault((rel.subject, rel.predicate, rel.object, rel.char_start, rel.role), rel)
    used = {k for r in unique.values() for k in (r.subject, r.object, r.speaker, r.reported_by) if k}
    ents = tuple(e.entity() for e in sorted(table.ents.values(), key=lambda e: e.key) if e.mentions or e.key in used)
    rels = tuple(sorted(unique.values(), key=lambda r: (r.char_start, r.predicate, r.subject, r.object)))
    return Extraction(document=document, entities=ents, relations=rels, timexes=tuple(timexes))

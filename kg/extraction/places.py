"""Where things are: "Samarkand, Uzbekistan" (a place and its country), "the SCO summit in Samarkand"
(an event in a place). The `place_country` and `event_in` rules of rules.yaml."""
from __future__ import annotations

from ..rules import Rules
from .candidates import Candidate, Maker
from .resolve import Resolver
from .table import EntityTable


def find(doc, table: EntityTable, res: Resolver, maker: Maker, rules: Rules) -> list[Candidate]:
    out = []
    for rule in rules.of_kind("event_in"):
        out += events_in(table, res, maker, rule)
    for rule in rules.of_kind("place_country"):
        out += place_country(doc, table, res, maker, rule)
    return out


def events_in(table: EntityTable, res: Resolver, maker: Maker, rule) -> list[Candidate]:
    """"the SCO summit in Samarkand", "the Summit of the Americas in Los Angeles": the meeting is
    located in the place."""
    out = []
    for i, ref in list(table.token_ref.items()):
        if ref.via != "event" and not (ref.via == "name" and table.cls(ref.key) == "Meeting"):
            continue
        tok = table.doc[i]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in rule.prepositions:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    made = maker.make(rule, ref, res.ref(pobj), tok)
                    if made is not None:
                        out.append(made)
    return out


def place_country(doc, table: EntityTable, res: Resolver, maker: Maker, rule) -> list[Candidate]:
    """"Samarkand, Uzbekistan", "Oman's capital, Muscat": a place beside its country is located in it."""
    out = []
    refs = table.token_ref
    for i, ref in refs.items():
        if table.cls(ref.key) == "Country" or not res.is_a(ref.key, "Place"):
            continue
        nxt = i + 1
        while nxt in refs and refs[nxt].key == ref.key:
            nxt += 1
        country = refs[nxt + 1] if nxt + 1 < len(doc) and doc[nxt].text == "," and nxt + 1 in refs else None
        if country is not None:
            end = nxt + 1
            while end in refs and refs[end].key == country.key:
                end += 1
            if any(doc[k].dep_ in ("nsubj", "nsubjpass") for k in range(nxt + 1, end)):
                country = None  # "Across Asia, India is the biggest market": the country starts the next clause
        tok = doc[i]
        if country is None and tok.dep_ == "appos" and tok.head.lower_ in ("capital", "city") and (i == nxt - 1):
            country = next((refs[c.i] for c in tok.head.children if c.dep_ == "poss" and c.i in refs), None)
        if country is not None and table.cls(country.key) == "Country":  # also "Oman's capital, Muscat"
            made = maker.make(rule, ref, country, tok)
            if made is not None:
                out.append(made)
    return out

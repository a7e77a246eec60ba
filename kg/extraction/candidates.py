"""Candidate relations: a typed relation between two resolved arguments, checked against the ontology.

A :class:`Candidate` keeps the token that triggered it (its clause gives the date and modality
later); :class:`Maker` turns two arguments into one, with the state's government acting for it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Relation
from ..rules import Rule, Rules
from .table import WEAK, EntityTable, Ref


@dataclass(frozen=True)
class Candidate:
    """A relation found by a rule, with the token it stands on (spaCy stays in extraction)."""

    relation: Relation
    anchor: object
    rule: Rule


class Maker:
    """Makes candidates; ``governments`` maps a country to the organisation the article says governs it."""

    def __init__(self, table: EntityTable, rules: Rules, governments: dict[str, str]):
        self.table, self.rules, self.governments = table, rules, governments

    def actor(self, ref: Ref) -> str:
        """A state as an actor is its government: Kabul -> the Taliban when the article says they govern."""
        if ref.state and ref.key in self.governments:
            return self.governments[ref.key]
        return ref.key

    def make(self, rule: Rule, subject: Ref | None, obj: Ref | None, anchor, role: str | None = None
             ) -> Candidate | None:
        """The candidate of ``rule`` between two arguments, or None when the ontology does not allow it."""
        if subject is None or obj is None:
            return None
        predicate = rule.predicate
        s_key = self.actor(subject)
        o_key = obj.key if predicate in self.rules.place_objects else self.actor(obj)
        if s_key == o_key:
            return None
        if not self.rules.ontology.admits(predicate, self.table.cls(s_key), self.table.cls(o_key)):
            return None
        penalty = (0.9 if subject.via in WEAK else 1.0) * (
            0.7 if obj.via == "main-country" else 0.9 if obj.via in WEAK else 1.0)
        sent = anchor.sent
        text = sent.text
        rel = Relation(subject=s_key, predicate=predicate, object=o_key, sentence=text.strip(),
                       char_start=sent.start_char + (len(text) - len(text.lstrip())),
                       char_end=sent.start_char + len(text.rstrip()), rule=rule.name,
                       confidence=round(rule.confidence * penalty, 2), role=role)
        return Candidate(rel, anchor, rule)

    def pairs(self, rule: Rule, group: list[Ref], anchor) -> list[Candidate]:
        """A symmetric relation between every two members of a group ("A, B and C signed")."""
        made = (self.make(rule, a, b, anchor) for k, a in enumerate(group) for b in group[k + 1:])
        return [c for c in made if c is not None]

"""The extraction rules, read from ``ontology/rules.yaml`` and checked against ``ontology/kg.ttl``.

Rules are plain data: a relation rule says which lemma triggers which ontology property and where
its object stands. The grammar that applies them lives in ``kg.extract``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import OntologyError
from .ontology import Ontology, load as _ontology
from .resources import ontology_dir

KINDS = ("verb", "noun", "modifier", "event_in")
SLOT = re.compile(r"^(dobj|attr|oprd|none|compound|poss|prep:[a-z]+)$")


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger: ``kind`` verb/noun/modifier, the ``lemma``, the ``object`` slot, the property."""

    predicate: str
    kind: str
    lemma: str = ""
    object: str = "dobj"
    needs: tuple[str, ...] = ()
    particle: str | None = None
    designation: bool = False
    persons_only: bool = False
    confidence: float = 0.8
    subject: str | None = None
    range: tuple[str, ...] = ()
    implicit_object: bool = False
    coordinated: bool = False

    @property
    def name(self) -> str:
        """The rule's name as written into provenance.

        >>> Rule("recognizes", "verb", "recognize").name
        'verb:recognize/dobj'
        """
        return f"{self.kind}:{self.lemma}/{self.object}" if self.lemma else self.kind


@dataclass(frozen=True, slots=True)
class Rules:
    relations: tuple[Rule, ...]
    titles: tuple[str, ...]
    event_heads: frozenset[str]
    state_nouns: frozenset[str]
    government_words: frozenset[str]
    head_of_state_titles: frozenset[str]
    seats_of_power: frozenset[str]
    reporting_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    anterior_words: frozenset[str]
    planning_verbs: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    ontology: Ontology
    by_lemma: dict[tuple[str, str], tuple[Rule, ...]] = field(default_factory=dict)


def _words(data: dict, key: str, where: Path) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise OntologyError(f"{where}: '{key}' must be a list of words")
    return frozenset(x.lower() for x in value)


@cache
def load_rules(folder: Path | None = None) -> Rules:
    """The rules of ``folder`` (default: the packaged ontology), checked against its kg.ttl."""
    import yaml

    folder = Path(folder) if folder else ontology_dir()
    path = folder / "rules.yaml"
    ontology = _ontology(folder / "kg.ttl")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise OntologyError(f"{path}: cannot read the rules ({err})") from None
    rules = []
    for predicate, entries in (data.get("relations") or {}).items():
        if predicate not in ontology.properties:
            raise OntologyError(f"{path}: relation {predicate!r} is not an owl:ObjectProperty of {folder / 'kg.ttl'}")
        for entry in entries:
            kind = next((k for k in KINDS if k in entry), None)
            if kind is None:
                raise OntologyError(f"{path}: rule {entry} of {predicate} needs one of: {', '.join(KINDS)}")
            slot = entry.get("object", "dobj" if kind == "verb" else "none")
            if not SLOT.match(slot):
                raise OntologyError(f"{path}: rule {entry} of {predicate}: object {slot!r} is not dobj, attr, oprd or prep:WORD")
            lemma = entry[kind] if isinstance(entry[kind], str) else ""
            rules.append(Rule(predicate, kind, lemma.lower(), slot, tuple(entry.get("needs", ())),
                              entry.get("particle"), bool(entry.get("designation")),
                              bool(entry.get("persons_only")), float(entry.get("confidence", 0.8)),
                              entry.get("subject"), tuple(entry.get("range", ())),
                              bool(entry.get("implicit_object")), bool(entry.get("coordinated"))))
            unknown = set(rules[-1].range) - set(ontology.ancestors)
            if unknown:
                raise OntologyError(f"{path}: rule {entry} of {predicate}: range {sorted(unknown)} are not classes of kg.ttl")
    by_lemma: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        by_lemma.setdefault((rule.kind, rule.lemma), []).append(rule)
    titles = tuple(sorted({t.lower() for t in data.get("titles", [])}, key=lambda t: (-len(t.split()), t)))
    return Rules(
        relations=tuple(rules), titles=titles,
        event_heads=_words(data.get("events", {}), "heads", path),
        state_nouns=_words(data, "state_nouns", path),
        head_of_state_titles=_words(data, "head_of_state_titles", path),
        seats_of_power=frozenset(data.get("seats_of_power", [])), government_words=_words(data, "government_words", path),
        reporting_verbs=_words(data, "reporting_verbs", path),
        speech_verbs=_words(data, "speech_verbs", path), anterior_words=_words(data, "anterior_words", path), planning_verbs=_words(data, "planning_verbs", path),
        future_modals=_words(data, "future_modals", path), hypothetical_modals=_words(data, "hypothetical_modals", path),
        ontology=ontology, by_lemma={k: tuple(v) for k, v in by_lemma.items()},
    )

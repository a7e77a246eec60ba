"""The extraction rules, read from ``ontology/rules.yaml`` and checked against ``ontology/kg.ttl``.

Rules are plain data: a relation rule says which lemma triggers which ontology property and where
its object stands; the word lists say what the grammar's words mean. The grammar that applies them
lives in ``kg.extraction``. Every key is checked: an unknown one is an error that names the file,
the rule and the keys allowed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import OntologyError
from .offices import OFFICES
from .ontology import Ontology, load as _ontology
from .resources import ontology_dir

#: Rule kinds, each the key that names a rule's trigger ("verb: recognize").
KINDS = ("verb", "noun", "modifier", "title", "event_in", "place_country", "affiliation")
#: Option keys a relation rule may carry besides its kind.
OPTIONS = ("object", "needs", "unless", "particle", "designation", "persons_only", "confidence", "subject", "range",
           "implicit_object", "coordinated", "role", "complement", "inverse")
SLOT = re.compile(r"^(dobj|attr|oprd|none|compound|poss|prep:[a-z]+)$")
#: Provenance names of the rule kinds that have no trigger word.
#: Kinds of rule that read a description, not an event.
DESCRIPTIONS = ("title", "place_country", "affiliation")
KIND_NAMES = {"title": "title", "event_in": "event:in", "place_country": "name:place-country",
              "affiliation": "name:affiliation"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger: its ``kind``, the ``lemma``, the ``object`` slot, the property and its options."""

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
    role: bool = False
    prepositions: tuple[str, ...] = ()
    complement: bool | None = None
    inverse: bool = False
    unless: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The rule's name as written into provenance.

        >>> Rule("recognizes", "verb", "recognize").name
        'verb:recognize/dobj'
        >>> Rule("locatedIn", "event_in", prepositions=("in",)).name
        'event:in'
        """
        return f"{self.kind}:{self.lemma}/{self.object}" if self.lemma else KIND_NAMES.get(self.kind, self.kind)

    @property
    def describes(self) -> bool:
        """Whether the rule reads a description ("Prime Minister X", "Abuja, Nigeria", "X of the Y party"),
        which holds whatever the clause's date or modality."""
        return self.kind in DESCRIPTIONS


@dataclass(frozen=True, slots=True)
class Pronouns:
    """Pronoun classes: which entities each may stand for."""

    person: frozenset[str]
    thing: frozenset[str]
    plural: frozenset[str]
    relative: frozenset[str]


#: The word lists of rules.yaml: key -> field of Rules (each a list of words, lower-cased on load).
WORD_LISTS = ("state_nouns", "government_words", "head_of_state_titles", "reporting_verbs", "speech_verbs",
              "anterior_words", "planning_verbs", "future_modals", "hypothetical_modals", "name_particles",
              "designation_nouns", "plan_nouns", "counterpart_words", "negation_words", "place_objects",
              "honorifics", "honorific_suffixes", "royal_styles", "organization_heads", "place_prepositions", "event_relations", "event_references", "motion_words",
              "legal_suffixes", "alias_markers", "role_modifiers", "organization_titles", "city_titles",
              "state_office_words", "party_verbs", "mediator_verbs", "settling_verbs", "conditional_marks", "negating_verbs", "company_nouns", "place_parts", "party_heads", "timeless",
              "sequence_words")
#: Every top-level key of rules.yaml.
SECTIONS = ("relations", "events", "titles", "seats_of_power", "ner_classes", "descriptors", "pair_nouns", "pronouns", "offices",
            "grammar_roles") + WORD_LISTS
#: The properties the grammar gives a meaning to, beyond their trigger words.
GRAMMAR_ROLES = ("governs", "designates")


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
    name_particles: frozenset[str] = frozenset()
    designation_nouns: frozenset[str] = frozenset()
    plan_nouns: frozenset[str] = frozenset()
    counterpart_words: frozenset[str] = frozenset()
    negation_words: frozenset[str] = frozenset()
    place_objects: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    honorific_suffixes: frozenset[str] = frozenset()
    royal_styles: frozenset[str] = frozenset()
    event_relations: frozenset[str] = frozenset()
    motion_words: frozenset[str] = frozenset()
    legal_suffixes: frozenset[str] = frozenset()
    role_modifiers: frozenset[str] = frozenset()
    alias_markers: frozenset[str] = frozenset()
    event_references: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    organization_heads: frozenset[str] = frozenset()
    organization_titles: frozenset[str] = frozenset()
    city_titles: frozenset[str] = frozenset()
    state_office_words: frozenset[str] = frozenset()
    party_verbs: frozenset[str] = frozenset()
    mediator_verbs: frozenset[str] = frozenset()
    settling_verbs: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    negating_verbs: frozenset[str] = frozenset()
    company_nouns: frozenset[str] = frozenset()
    place_parts: frozenset[str] = frozenset()
    party_heads: frozenset[str] = frozenset()
    timeless: frozenset[str] = frozenset()
    sequence_words: frozenset[str] = frozenset()
    ner_classes: dict[str, str | None] = field(default_factory=dict)
    descriptors: dict[str, str] = field(default_factory=dict)
    pair_nouns: dict[str, str] = field(default_factory=dict)
    offices: dict[str, frozenset[str]] = field(default_factory=dict)
    pronouns: Pronouns = Pronouns(frozenset(), frozenset(), frozenset(), frozenset())
    grammar_roles: dict[str, str] = field(default_factory=dict)
    by_lemma: dict[tuple[str, str], tuple[Rule, ...]] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()
    title_set: frozenset[str] = frozenset()

    def of_kind(self, kind: str) -> tuple[Rule, ...]:
        """The rules of one kind, in file order."""
        return tuple(r for r in self.relations if r.kind == kind)

    def office_of(self, role: str) -> str | None:
        """The national office a role names ("Prime Minister" -> "head_of_government"), or None."""
        title = self.match_title(role.split())
        return next((office for office, titles in self.offices.items() if title in titles), None)

    def match_title(self, words: list[str]) -> str | None:
        """The longest title the words end with ("Deputy Prime Minister" -> "deputy prime minister")."""
        ws = " ".join(words).lower().replace(" - ", "-").split()
        for k in range(len(ws)):
            tail = " ".join(ws[k:])
            if tail in self.title_set:
                return tail
        if ws and "-" in ws[-1]:
            return self.match_title(ws[:-1] + ws[-1].split("-"))
        return None


def _words(data: dict, key: str, where: Path) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise OntologyError(f"{where}: '{key}' must be a list of words")
    return frozenset(x.lower() for x in value)


def _mapping(data: dict, key: str, where: Path, values: set[str] | None = None) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise OntologyError(f"{where}: '{key}' must be a mapping of words")
    bad = sorted(str(v) for v in value.values() if values is not None and v is not None and v not in values)
    if bad:
        raise OntologyError(f"{where}: '{key}' names {bad}, which are not classes of kg.ttl")
    return dict(value)


def _unknown(keys, allowed, where: str) -> None:
    unknown = sorted(set(keys) - set(allowed))
    if unknown:
        raise OntologyError(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                            f"allowed: {', '.join(allowed)}")


def _rule(predicate: str, entry, path: Path, ontology: Ontology) -> Rule:
    """One relation rule of rules.yaml, checked key by key."""
    where = f"{path}: rule {entry} of {predicate}"
    if not isinstance(entry, dict):
        raise OntologyError(f"{where}: a rule is a mapping such as {{verb: LEMMA, object: SLOT}}")
    kinds = [k for k in KINDS if k in entry]
    if len(kinds) != 1:
        raise OntologyError(f"{where} needs exactly one of: {', '.join(KINDS)}")
    kind = kinds[0]
    _unknown(entry, KINDS + OPTIONS, where)
    slot = entry.get("object", "dobj" if kind == "verb" else "none")
    if not SLOT.match(slot):
        raise OntologyError(f"{where}: object {slot!r} is not dobj, attr, oprd, none, compound, poss or prep:WORD")
    trigger = entry[kind]
    lemma, prepositions = "", ()
    if kind in ("verb", "noun", "modifier"):
        if not isinstance(trigger, str) or not trigger:
            raise OntologyError(f"{where}: {kind} must be a word")
        lemma = trigger.lower()
    elif kind in ("event_in", "affiliation"):
        if not isinstance(trigger, list) or not trigger or not all(isinstance(w, str) for w in trigger):
            raise OntologyError(f"{where}: {kind} must be a list of prepositions ([in, at])")
        prepositions = tuple(w.lower() for w in trigger)
    elif trigger is not True:
        raise OntologyError(f"{where}: {kind} must be true")
    for key in ("needs", "unless"):
        if not isinstance(entry.get(key, []), list) or not all(isinstance(w, str) for w in entry.get(key, [])):
            raise OntologyError(f"{where}: {key} must be a list of words ([election, vote])")
    rule = Rule(predicate, kind, lemma, slot, tuple(entry.get("needs", ())), entry.get("particle"),
                bool(entry.get("designation")), bool(entry.get("persons_only")),
                float(entry.get("confidence", 0.8)), entry.get("subject"), tuple(entry.get("range", ())),
                bool(entry.get("implicit_object")), bool(entry.get("coordinated")), bool(entry.get("role")),
                prepositions, entry.get("complement"), bool(entry.get("inverse")), tuple(entry.get("unless", ())))
    if rule.complement not in (None, True, False):
        raise OntologyError(f"{where}: complement must be true or false")
    unknown = set(rule.range) - set(ontology.ancestors)
    if unknown:
        raise OntologyError(f"{where}: range {sorted(unknown)} are not classes of kg.ttl")
    return rule


@cache
def load_rules(folder: Path | None = None) -> Rules:
    """The rules of ``folder`` (default: the packaged ontology), checked against its kg.ttl."""
    import yaml

    folder = Path(folder) if folder else ontology_dir()
    path = folder / "rules.yaml"
    ontology = _ontology(folder / "kg.ttl")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as err:
        raise OntologyError(f"{path}: cannot read the rules ({err})") from None
    if not isinstance(data, dict):
        raise OntologyError(f"{path}: the rules must be a mapping with the sections {', '.join(SECTIONS)}")
    _unknown(data, SECTIONS, str(path))
    rules = []
    for predicate, entries in (data.get("relations") or {}).items():
        if predicate not in ontology.properties:
            raise OntologyError(f"{path}: relation {predicate!r} is not an owl:ObjectProperty of {folder / 'kg.ttl'}")
        rules += [_rule(predicate, entry, path, ontology) for entry in entries or ()]
    by_lemma: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        if rule.lemma:
            by_lemma.setdefault((rule.kind, rule.lemma), []).append(rule)
    offices = data.get("offices") or {}
    _unknown(offices, OFFICES, f"{path}: offices")
    office_titles = {k: _words(offices, k, path) for k in offices}
    titles = tuple(sorted({t.lower() for t in data.get("titles", [])}.union(*office_titles.values()),
                          key=lambda t: (-len(t.split()), t)))  # an office's titles are titles
    events = data.get("events") or {}
    _unknown(events, ("heads",), f"{path}: events")
    pronouns = data.get("pronouns") or {}
    _unknown(pronouns, Pronouns.__slots__, f"{path}: pronouns")
    roles = _mapping(data, "grammar_roles", path)
    _unknown(roles, GRAMMAR_ROLES, f"{path}: grammar_roles")
    bad = sorted(p for p in roles.values() if p not in ontology.properties)
    if bad:
        raise OntologyError(f"{path}: grammar_roles name {bad}, which are not owl:ObjectProperty of kg.ttl")
    words = {key: _words(data, key, path) for key in WORD_LISTS}
    for key in ("place_objects", "event_relations", "timeless"):  # property names, checked against kg.ttl
        bad = sorted(words[key] - {p.lower() for p in ontology.properties})
        if bad:
            raise OntologyError(f"{path}: {key} {bad} are not owl:ObjectProperty of kg.ttl")
        words[key] = frozenset(p for p in ontology.properties if p.lower() in words[key])
    classes = set(ontology.ancestors)
    return Rules(
        relations=tuple(rules), titles=titles, event_heads=_words(events, "heads", path),
        seats_of_power=frozenset(data.get("seats_of_power", [])), ontology=ontology,
        ner_classes=_mapping(data, "ner_classes", path, classes),
        descriptors={k.lower(): v for k, v in _mapping(data, "descriptors", path, classes).items()},
        pair_nouns={k.lower(): v for k, v in _mapping(data, "pair_nouns", path, classes).items()},
        pronouns=Pronouns(**{k: _words(pronouns, k, path) for k in Pronouns.__slots__}),
        offices=office_titles,
        grammar_roles=roles, by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        title_words=frozenset(w for t in titles for w in t.replace("-", " ").split()) - {"of", "the"}, title_set=frozenset(titles),
        **words,
    )

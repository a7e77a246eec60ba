"""The one reader of ``ontology/kg.ttl``: classes with their ancestors, object properties with domain and
range, symmetric properties, labels, relation groups, modalities; and the explorer's drawing data
(``ontology/explorer.yaml``). Rules, the explorer, validation and the store all read kg.ttl here.

>>> onto = load()
>>> onto.is_a("City", "Place"), "recognizes" in onto.properties, onto.groups["recognizes"]
(True, True, 'cooperation')
>>> onto.labels["ArmedGroup"], onto.modalities
('Armed group', ('Asserted', 'Hypothetical', 'Negated', 'Planned', 'Reported'))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any


from .errors import OntologyError
from .resources import ontology_dir
from .vocab import KG, OWL, RDF_TYPE, XSD, sparql_prefixes

#: The top properties of kg.ttl that group the relation types (the explorer colours by group).
GROUPS = ("cooperation", "conflict", "structure", "interaction")
_PREFIXES = sparql_prefixes("kg", "rdf", "rdfs", "owl")


@dataclass(frozen=True, slots=True)
class Ontology:
    """What kg needs from kg.ttl, by local name: classes with their ancestors, properties with domain/range."""

    ancestors: dict[str, frozenset[str]]
    domain: dict[str, str]
    range: dict[str, str]
    symmetric: frozenset[str]
    properties: frozenset[str]
    labels: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)  # a class's first kg superclass
    groups: dict[str, str] = field(default_factory=dict)  # a relation type's group (GROUPS)
    modalities: tuple[str, ...] = ()  # the kg:Modality individuals
    literals: dict[str, str | None] = field(default_factory=dict)  # datatype properties: their XSD range, if one

    def is_a(self, cls: str, ancestor: str) -> bool:
        return ancestor in self.ancestors.get(cls, frozenset({cls}))

    def admits(self, predicate: str, subject_cls: str, object_cls: str) -> bool:
        """Whether the property's domain and range allow these classes."""
        dom, rng = self.domain.get(predicate), self.range.get(predicate)
        return (dom is None or self.is_a(subject_cls, dom)) and (rng is None or self.is_a(object_cls, rng))

    def depth(self, cls: str) -> int:
        """How many kg superclasses are above ``cls`` (along the first parents)."""
        depth = 0
        while cls in self.parents and depth < 10:
            cls, depth = self.parents[cls], depth + 1
        return depth


def _path(path: Path | None) -> Path:
    return Path(path) if path is not None else ontology_dir() / "kg.ttl"


@cache
def _triples(path: Path) -> tuple:
    import pyoxigraph as ox

    try:
        return tuple(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError, ValueError) as err:
        raise OntologyError(f"{path}: cannot read the ontology: {err}") from None


def triples(path: Path | None = None) -> tuple:
    """The triples of kg.ttl (pyoxigraph terms), parsed once."""
    return _triples(_path(path))


def _local(node) -> str | None:
    value = getattr(node, "value", None)
    return value[len(KG):] if isinstance(value, str) and value.startswith(KG) and len(value) > len(KG) else None


@cache
def _load(path: Path) -> Ontology:
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in _triples(path))

    def rows(query: str):
        return store.query(_PREFIXES + query)

    def names(query: str) -> set[str]:
        return {n for r in rows(query) if (n := _local(r[0])) is not None}

    classes = names("SELECT ?c WHERE { ?c a owl:Class }")
    superclasses: dict[str, set[str]] = {}
    parents: dict[str, str] = {}
    for r in rows("SELECT ?c ?p WHERE { ?c rdfs:subClassOf ?p }"):
        child, parent = _local(r["c"]), _local(r["p"])
        if child and parent:
            superclasses.setdefault(child, set()).add(parent)
            parents.setdefault(child, parent)
    ancestors = {}
    for cls in classes:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in superclasses.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        ancestors[cls] = frozenset(seen)
    domain = {p: o for r in rows("SELECT ?p ?o WHERE { ?p rdfs:domain ?o }")
              if (p := _local(r["p"])) and (o := _local(r["o"]))}
    range_ = {p: o for r in rows("SELECT ?p ?o WHERE { ?p rdfs:range ?o }")
              if (p := _local(r["p"])) and (o := _local(r["o"]))}
    labels = {t: r["l"].value for r in rows("SELECT ?t ?l WHERE { ?t rdfs:label ?l }") if (t := _local(r["t"]))}
    groups = {}
    for r in rows("SELECT ?p ?g WHERE { ?p rdfs:subPropertyOf+ ?g }"):
        group = _local(r["g"])
        if group in GROUPS and _local(r["p"]):
            groups[_local(r["p"])] = group
    return Ontology(
        ancestors=ancestors, domain=domain, range=range_,
        symmetric=frozenset(names(f"SELECT ?p WHERE {{ ?p a <{OWL}SymmetricProperty> }}")),
        properties=frozenset(names("SELECT ?p WHERE { ?p a owl:ObjectProperty }")),
        labels=labels, parents=parents, groups=groups,
        modalities=tuple(sorted(names(f"SELECT ?m WHERE {{ ?m <{RDF_TYPE}> kg:Modality }}"))),
        literals=_literal_ranges(rows),
    )


def _literal_ranges(rows) -> dict[str, str | None]:
    """Each datatype property of kg.ttl with the local name of its XSD range (None without one).

    >>> load().literals["charStart"], load().literals["date"]
    ('integer', None)
    """
    out: dict[str, str | None] = {}
    for r in rows("SELECT ?p ?r WHERE { ?p a owl:DatatypeProperty OPTIONAL { ?p rdfs:range ?r } }"):
        name, rng = _local(r["p"]), r["r"]
        if name:
            out[name] = rng.value[len(XSD):] if rng is not None and rng.value.startswith(XSD) else None
    return dict(sorted(out.items()))


def load(path: Path | None = None) -> Ontology:
    """The ontology of ``path`` (default: the packaged kg.ttl), read once."""
    return _load(_path(path))


@cache
def style() -> dict[str, Any]:
    """How the explorer draws the ontology (``ontology/explorer.yaml``): colours of classes and of relation
    groups, and the modalities with their labels and dash patterns, checked against kg.ttl.

    >>> style()["class_colors"]["Country"], [m["name"] for m in style()["modalities"]][:2]
    ('#4e79a7', ['asserted', 'negated'])
    """
    import yaml

    path = ontology_dir() / "explorer.yaml"
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    onto = load()
    declared = {m.lower() for m in onto.modalities}
    named = [m["name"] for m in data["modalities"]]
    if set(named) != declared:
        raise OntologyError(f"{path}: modalities {sorted(named)} are not the kg:Modality individuals of kg.ttl "
                            f"({sorted(declared)})")
    unknown = sorted(set(data["class_colors"]) - set(onto.ancestors))
    if unknown:
        raise OntologyError(f"{path}: class_colors {unknown} are not classes of kg.ttl")
    missing = sorted((set(GROUPS) | {"other"}) - set(data["group_colors"]))
    if missing:
        raise OntologyError(f"{path}: group_colors lacks {missing}")
    return data

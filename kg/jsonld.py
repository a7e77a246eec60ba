"""JSON-LD a web developer can use: the named graphs kept (one per article), a compact ``@context``
with a term for each class, property and individual of ontology/kg.ttl, and values in compact form.

A statement reads ``{"@id": "…/statement/…", "@type": ["Statement", "rdf:Statement"], "subject":
"https://kg.example.org/id/russia", "predicate": "kg:recognizes", "date": {"@value": "2025-07",
"@type": "xsd:gYearMonth"}, "confidence": "0.80", "charStart": 411, …}``: an IRI is a string where
the term says so (``"@type": "@id"``), a string a string, an integer a number, a literal of the
term's own datatype its lexical form; only a value of another type (a date at its granularity)
keeps ``@value`` and ``@type``. Properties of other vocabularies (``label``, ``title``, ``issued``,
``wasDerivedFrom``, …) get terms of their local names, typed as their values are (IRIs, or literals
of one datatype).

>>> ctx = context({"http://www.w3.org/2000/01/rdf-schema#label": None,
...                "http://purl.org/dc/terms/issued": "http://www.w3.org/2001/XMLSchema#date"})
>>> ctx["recognizes"], ctx["charStart"], ctx["confidence"], ctx["label"], ctx["issued"], ctx["Country"]
({'@id': 'kg:recognizes', '@type': '@id'}, 'kg:charStart', {'@id': 'kg:confidence', '@type': 'xsd:decimal'}, 'rdfs:label', {'@id': 'dcterms:issued', '@type': 'xsd:date'}, 'kg:Country')
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import IO, Any

from . import ontology
from .vocab import KG, PREFIXES, RDF_TYPE, XSD, XSD_STRING

NATIVE = {"string", "integer", "boolean"}  # ranges written as JSON strings, numbers, booleans: no coercion
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")


def compact_iri(iri: str) -> str:
    """A prefixed name where one of our prefixes fits, else the IRI.

    >>> compact_iri("https://w3id.org/newskg/ontology#Asserted"), compact_iri("https://kg.example.org/id/x")
    ('kg:Asserted', 'https://kg.example.org/id/x')
    """
    for prefix, ns in PREFIXES.items():
        rest = iri[len(ns):]
        if iri.startswith(ns) and rest and not rest.startswith("//") and re.fullmatch(r"[\w.-]+", rest):
            return f"{prefix}:{rest}"
    return iri


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def context(predicates: dict[str, str | None]) -> dict[str, Any]:
    """The ``@context``: our prefixes, the terms of kg.ttl, and a term for each other property in
    ``predicates`` (IRI -> "@id" when all its values are IRIs, the datatype IRI when all are literals of
    one datatype, else None)."""
    onto = ontology.load()
    ctx: dict[str, Any] = dict(PREFIXES)
    for name in sorted(set(onto.ancestors) | set(onto.modalities)):
        ctx[name] = f"kg:{name}"
    for name in sorted(onto.properties):
        ctx[name] = {"@id": f"kg:{name}", "@type": "@id"}
    for name, rng in onto.literals.items():
        ctx[name] = {"@id": f"kg:{name}", "@type": f"xsd:{rng}"} if rng and rng not in NATIVE else f"kg:{name}"
    declared = {KG + k for k in ctx if k not in PREFIXES}
    for iri, kind in sorted(predicates.items()):
        if iri == RDF_TYPE or iri in declared:
            continue
        name = _local(iri)
        key = name if name and name not in ctx and re.fullmatch(r"[A-Za-z_][\w-]*", name) else compact_iri(iri)
        if kind and (kind == "@id" or (kind.startswith(XSD) and kind[len(XSD):] not in NATIVE)):
            ctx[key] = {"@id": compact_iri(iri), "@type": compact_iri(kind) if kind != "@id" else "@id"}
        else:
            ctx[key] = compact_iri(iri)
    return ctx


class Writer:
    """Nodes into a JSON-LD document on ``out``, graph by graph (memory holds one graph)."""

    def __init__(self, out: IO[str], ctx: dict[str, Any]):
        self.out, self.ctx, self.first = out, ctx, True
        self.terms = {(d["@id"] if isinstance(d, dict) else d): k for k, d in ctx.items() if k not in PREFIXES}
        self.out.write('{"@context": ' + json.dumps(ctx, ensure_ascii=False, indent=1) + ',\n "@graph": [')

    def graph(self, name: str | None, triples: Iterable) -> None:
        """One graph (``name``: its IRI, None for the default graph), its triples sorted by subject."""
        nodes = [self._node(subject, props) for subject, props in _by_subject(triples)]
        if not nodes:
            return
        lines = [json.dumps(n, ensure_ascii=False) for n in nodes]
        if name is None:
            items = lines
        else:
            items = ['{"@id": ' + json.dumps(compact_iri(name)) + ', "@graph": [\n  ' + ",\n  ".join(lines) + "]}"]
        for item in items:
            self.out.write(("\n " if self.first else ",\n ") + item)
            self.first = False

    def close(self) -> None:
        self.out.write("]}\n")

    def _node(self, subject, props: dict[str, list]) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": _id(subject)}
        types = props.pop(RDF_TYPE, [])
        if types:
            names = [self.terms.get(compact_iri(t.value), compact_iri(t.value)) for t in types]
            node["@type"] = names[0] if len(names) == 1 else names
        for predicate in sorted(props, key=lambda p: self.terms.get(compact_iri(p), compact_iri(p))):
            key = self.terms.get(compact_iri(predicate), compact_iri(predicate))
            definition = self.ctx.get(key)
            values = [self._value(v, definition) for v in props[predicate]]
            node[key] = values[0] if len(values) == 1 else values
        return node

    def _value(self, term, definition) -> Any:
        import pyoxigraph as ox

        coerced = definition.get("@type") if isinstance(definition, dict) else None
        if isinstance(term, (ox.NamedNode, ox.BlankNode)):
            return _id(term) if coerced == "@id" else {"@id": _id(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        datatype = compact_iri(term.datatype.value)
        if coerced == datatype:
            return term.value
        if term.datatype.value == XSD_STRING and coerced is None:
            return term.value
        if not coerced and term.datatype.value == XSD + "integer" and _INTEGER.fullmatch(term.value):
            return int(term.value)
        if not coerced and term.datatype.value == XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        return {"@value": term.value, "@type": datatype}


def _id(term) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compact_iri(term.value)


def _by_subject(triples: Iterable) -> list[tuple[Any, dict[str, list]]]:
    """(subject, {predicate IRI: objects}) in the order the triples come (sorted: subjects together)."""
    out: list[tuple[Any, dict[str, list]]] = []
    for t in triples:
        if not out or out[-1][0] != t.subject:
            out.append((t.subject, {}))
        out[-1][1].setdefault(t.predicate.value, []).append(t.object)
    return out

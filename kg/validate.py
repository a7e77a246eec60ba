"""Check a built graph against the SHACL shapes in ontology/shapes.ttl (pySHACL).

``validate(source)`` takes a build folder, a store folder, an RDF file, a pyoxigraph Store or an rdflib
graph, validates the union of its named graphs with the ontology (kg.ttl) loaded as pySHACL's
ont_graph, and returns a plain-data :class:`Report`.

>>> Violation("https://ex.org/s/1", "kg:date", "kg:date: bad").line()
'https://ex.org/s/1  kg:date  kg:date: bad'
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterator

from . import ontology
from .errors import InputError, StoreError
from .formats import RDF_SUFFIXES, rdf_format_of
from .resources import ontology_dir
from .store import find_store
from .vocab import KG, SH, STORE_DIR

#: What a build folder is read from, in this order.
BUILD_FILES = ("graph.trig", "graph.nq")

ENTITY_LINKS = ("speaker", "reportedBy", "mentions")  # besides rdf:subject, rdf:object: as in shapes.ttl
ALLOWED = "a build folder (graph.trig, graph.nq or store/), a pyoxigraph store folder or an RDF file (" + \
    " ".join(RDF_SUFFIXES) + ")"


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node, the property path (prefixed, '' for the node itself), the message."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def line(self) -> str:
        """One line: focus node, path, message (and the offending value, when there is one)."""
        parts = [self.focus, self.path or "-", self.message]
        if self.value:
            parts.append(f"(value: {self.value})")
        return "  ".join(parts)


@dataclass
class Report:
    """The outcome of :func:`validate`: plain data, no RDF objects."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    statements: int = 0
    entities: int = 0
    source: str = ""

    def text(self) -> str:
        """'valid: N statements, M entities', or one line per violation.

        >>> Report(True, [], 3, 2).text()
        'valid: 3 statements, 2 entities'
        >>> print(Report(False, [Violation("x", "kg:rule", "needs a rule")], 1, 0).text())
        invalid: 1 violation
        x  kg:rule  needs a rule
        """
        if self.conforms:
            return f"valid: {self.statements} statements, {self.entities} entities"
        n = len(self.violations)
        head = f"invalid: {n} violation{'s' if n != 1 else ''}"
        return "\n".join([head, *(v.line() for v in self.violations)])


def validate(source, *, inference: str = "none") -> Report:
    """Validate a build folder, store folder, RDF file, pyoxigraph Store or rdflib graph.

    Raises InputError for a path that is missing, of an unknown kind or that does not parse.
    """
    import pyshacl
    import rdflib

    if inference not in ("none", "rdfs"):
        raise InputError(f"inference {inference!r}: allowed are 'none' and 'rdfs'")
    graph, label = load_graph(source)
    statements, entities = _counts(graph)
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference=inference,
        advanced=True,
        allow_warnings=True,
        # the ontology is mixed into the data graph: in place when the graph is ours (saves a copy)
        inplace=not isinstance(source, rdflib.Graph),
    )
    return Report(bool(conforms), _violations(results), statements, entities, label)


# ---------------------------------------------------------------- reading the input


def load_graph(source):
    """The union of all graphs of ``source`` as one rdflib Graph, and a label naming it.

    Files are parsed by pyoxigraph (about four times faster than rdflib's TriG parser) and the terms
    handed to rdflib, which pySHACL works on.
    """
    import rdflib

    if isinstance(source, rdflib.Dataset):
        return _union_of(source), type(source).__name__
    if isinstance(source, rdflib.Graph):
        return source, type(source).__name__
    if _is_oxigraph_store(source):
        return _to_rdflib(source.quads_for_pattern(None, None, None, None)), "store"
    if not isinstance(source, (str, Path)):
        raise InputError(f"cannot validate a {type(source).__name__}: give {ALLOWED}")
    path = Path(source)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder; give {ALLOWED}")
    if path.is_dir():
        for name in BUILD_FILES:
            if (path / name).is_file():
                return _parse(path / name), str(path / name)
        folder = find_store(path)
        if folder is not None:
            return _from_store_dir(folder), str(folder)
        raise InputError(f"{path}: folder has no {', '.join(BUILD_FILES)} or {STORE_DIR}/; give {ALLOWED}")
    return _parse(path), str(path)


def _parse(path: Path):
    import pyoxigraph

    table = rdf_format_of(path)
    if table is None:
        raise InputError(f"{path}: unsupported extension {path.suffix or '(none)'!r}; give {ALLOWED}")
    fmt = table.rdf_format
    try:
        return _to_rdflib(pyoxigraph.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"{path}: not valid {fmt.name}: {_one_line(err)}") from None


def _union_of(dataset):
    import rdflib

    union = rdflib.Graph()
    for ctx in dataset.graphs():
        for triple in ctx:
            union.add(triple)
    return union


def _is_oxigraph_store(obj) -> bool:
    import pyoxigraph

    return isinstance(obj, pyoxigraph.Store)


def _from_store_dir(folder: Path):
    import pyoxigraph

    try:
        store = pyoxigraph.Store.read_only(str(folder))
    except OSError as err:
        raise StoreError(f"{folder}: cannot open the store: {_one_line(err)}") from None
    return _to_rdflib(store.quads_for_pattern(None, None, None, None))


def _to_rdflib(quads):
    """pyoxigraph quads -> one rdflib Graph (their union: the graph names are dropped)."""
    import pyoxigraph
    import rdflib

    memo: dict = {}

    def term(t):
        got = memo.get(t)
        if got is None:
            if isinstance(t, pyoxigraph.NamedNode):
                got = rdflib.URIRef(t.value)
            elif isinstance(t, pyoxigraph.BlankNode):
                got = rdflib.BNode(t.value)
            elif t.language:
                got = rdflib.Literal(t.value, lang=t.language)
            else:
                got = rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))
            memo[t] = got
        return got

    graph = rdflib.Graph()
    with _quiet_literals():
        for q in quads:
            graph.add((term(q.subject), term(q.predicate), term(q.object)))
    return graph


@contextmanager
def _quiet_literals() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal; the shapes report those instead."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


# ---------------------------------------------------------------- shapes, ontology, results


@cache
def _shapes():
    return _read_packaged("shapes.ttl")


@cache
def _ontology():
    return _to_rdflib(ontology.triples())


def _read_packaged(name: str):
    import rdflib

    return rdflib.Graph().parse(ontology_dir() / name, format="turtle")


def _counts(graph) -> tuple[int, int]:
    """Statements (typed kg:Statement) and entities (the nodes the entity shape targets)."""
    import rdflib

    statements = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(KG + "Statement")))
    links = [rdflib.RDF.subject, rdflib.RDF.object] + [rdflib.URIRef(KG + n) for n in ENTITY_LINKS]
    entities = {e for p in links for e in graph.objects(None, p)}
    return len(statements), len(entities)


def _violations(results) -> list[Violation]:
    import rdflib

    sh = rdflib.Namespace(SH)
    nm = _shapes().namespace_manager
    out = set()
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        if (None, sh.detail, result) in results:  # a nested result of sh:node/sh:or: its parent says it
            continue
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        messages = sorted(str(m) for m in results.objects(result, sh.resultMessage))
        source = results.value(result, sh.sourceShape)
        if (source, sh.message, None) not in _shapes():  # pySHACL's default text: say what the details say
            details = results.objects(result, sh.detail)
            messages = sorted({str(m) for d in details for m in results.objects(d, sh.resultMessage)}) or messages
        severity = results.value(result, sh.resultSeverity)
        value = results.value(result, sh.value)
        out.add(
            Violation(
                focus=_term(focus, nm),
                path=_path(results, path, nm) if path is not None else "",
                message=messages[0] if messages else "constraint not met",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                value=_term(value, nm, full=False) if value is not None and value != focus else "",
            )
        )
    return sorted(out)


def _term(term, nm, *, full: bool = True) -> str:
    """IRIs in full for focus nodes (they are the user's own), prefixed for values."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return str(term) if full else term.n3(nm)
    if isinstance(term, rdflib.Literal):
        return term.n3(nm)
    return "_:" + str(term)


def _path(results, path, nm) -> str:
    """A SHACL property path as SPARQL property-path text (kg:date, rdf:predicate/rdfs:subPropertyOf*)."""
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    if isinstance(path, rdflib.URIRef):
        return path.n3(nm)
    first = results.value(path, rdflib.RDF.first)
    if first is not None:
        items = Collection(results, path)
        return "/".join(_path(results, p, nm) for p in items)
    for prop, suffix in ((sh.zeroOrMorePath, "*"), (sh.oneOrMorePath, "+"), (sh.zeroOrOnePath, "?")):
        inner = results.value(path, prop)
        if inner is not None:
            return _path(results, inner, nm) + suffix
    inner = results.value(path, sh.inversePath)
    if inner is not None:
        return "^" + _path(results, inner, nm)
    inner = results.value(path, sh.alternativePath)
    if inner is not None:
        return "(" + "|".join(_path(results, p, nm) for p in Collection(results, inner)) + ")"
    return "_:path"

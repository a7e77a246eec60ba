"""Writing a kg graph to files (formats of the table in kg.formats): deterministic RDF, networkx for graph tools.

Turtle, N-Triples and RDF/XML hold the union of all graphs (duplicates merged); TriG, N-Quads and
JSON-LD (compact, kg.jsonld) keep the named graphs. Triples are sorted, so the same graph always gives the same bytes.
Every format is streamed from the store in bounded memory: each graph is dumped by the store, sorted in
runs of SORT_LINES lines and merged (JSON-LD graph by graph).

>>> from kg.store import GraphStore
>>> serialize(GraphStore(), Format.from_name("nt"))
b''
"""
from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import jsonld, tables
from .errors import FormatError
from .formats import FORMATS, Format, formats, write_atomic  # noqa: F401  (kg.export's public names)
from .statements import read as read_statements
from .store import GraphStore, open_graph
from .viz import write_html
from .vocab import INTERNAL_GRAPHS, PREFIXES


# ---------------------------------------------------------------------- sorted RDF
SORT_LINES = 100_000  # lines sorted in memory at once (about 20 MB); more are merged from sorted runs on disk
SPOOL_BYTES = 8_000_000  # a graph dumped larger than this goes through a temporary file


def sorted_unique(lines: Iterable[bytes], chunk: int = SORT_LINES) -> Iterator[bytes]:
    """``lines`` sorted, each once, holding at most ``chunk`` of them in memory (runs merged from disk).

    >>> list(sorted_unique([b"b", b"a", b"c", b"a", b"b"], chunk=2))
    [b'a', b'b', b'c']
    """
    import heapq
    import tempfile

    runs, buffer = [], []

    def spill() -> None:
        run = tempfile.TemporaryFile()
        run.writelines(line + b"\n" for line in sorted(set(buffer)))
        run.seek(0)
        runs.append(run)
        buffer.clear()

    for line in lines:
        buffer.append(line)
        if len(buffer) >= chunk:
            spill()
    if not runs:
        yield from sorted(set(buffer))
        return
    if buffer:
        spill()
    last = None
    try:
        for line in heapq.merge(*((line[:-1] for line in run) for run in runs)):
            if line != last:
                yield line
                last = line
    finally:
        for run in runs:
            run.close()


_BLANK_OBJECT = re.compile(rb' _:[^\s"<>]+ \.$')


def _dumped(raw, graph) -> Iterator[bytes]:
    """The N-Triples lines of one graph as the store writes them (in Rust), spooled to disk when large."""
    import tempfile

    import pyoxigraph as ox

    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as f:
        raw.dump(f, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        f.seek(0)
        for line in f:
            if line.strip():
                yield line.rstrip(b"\n")


def _canonical(lines: list[bytes]) -> list[bytes]:
    """N-Triples lines with blank nodes, their blank nodes renamed canonically (RDFC-1.0), so that
    their ids do not depend on the store."""
    import pyoxigraph as ox

    if not lines:
        return []
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                         for t in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return ox.serialize([q.triple for q in dataset], format=ox.RdfFormat.N_TRIPLES).splitlines()


def _sorted_graph(raw, graph) -> Iterator[bytes]:
    """The sorted N-Triples lines of one graph, in bounded memory, its blank nodes (the ontology's RDF
    lists: few) canonicalized within the graph."""
    blank: list[bytes] = []

    def lines() -> Iterator[bytes]:
        for line in _dumped(raw, graph):
            if b"_:" in line and (line.startswith(b"_:") or _BLANK_OBJECT.search(line)):
                blank.append(line)
            else:
                yield line
        yield from _canonical(blank)

    return sorted_unique(lines())


def stream_graph_lines(store) -> Iterator[tuple[str, Iterator[bytes]]]:
    """Each graph's triples as sorted canonical N-Triples lines, one graph at a time, by graph ('' for
    the default graph when it is the only one); memory holds at most SORT_LINES lines, not the store.
    kg's bookkeeping graphs (kg.vocab.INTERNAL_GRAPHS) are left out.
    """
    import pyoxigraph as ox

    raw = store.raw
    named = sorted((str(g), g) for g in raw.named_graphs() if g.value not in INTERNAL_GRAPHS)
    # the default graph holds the union of the named ones (kg.store): it is no graph of its own then
    for name, graph in named if named else [("", ox.DefaultGraph())]:
        lines = _sorted_graph(raw, graph)
        first = next(lines, None)
        if first is not None:
            yield name, itertools.chain([first], lines)


def graph_lines(store) -> dict[str, list[bytes]]:
    """stream_graph_lines as a dict of lists (the whole store in memory: for small stores and tests)."""
    return {name: list(lines) for name, lines in stream_graph_lines(store)}


def union_lines(store) -> Iterator[bytes]:
    """The union of all graphs as sorted N-Triples lines, each triple once, in bounded memory."""
    import pyoxigraph as ox

    if store.has_union():  # the default graph is the union (kg.store)
        return _sorted_graph(store.raw, ox.DefaultGraph())
    return sorted_unique(line for _, lines in stream_graph_lines(store) for line in lines)


def _nquads(store) -> Iterator[bytes]:
    for g, lines in stream_graph_lines(store):
        suffix = b" " + g.encode("utf-8") + b" .\n" if g else None
        for line in lines:
            yield line[:-2] + suffix if suffix else line + b"\n"


def _stream_quads(store) -> Iterator:
    import pyoxigraph as ox

    for g, lines in stream_graph_lines(store):
        graph = ox.NamedNode(g[1:-1]) if g else ox.DefaultGraph()
        for block in _blocks(lines):
            for t in ox.parse(block, format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, graph)


def _stream_triples(store) -> Iterator:
    import pyoxigraph as ox

    for block in _blocks(union_lines(store)):
        yield from ox.parse(block, format=ox.RdfFormat.N_TRIPLES)


def _blocks(lines: Iterable[bytes], size: int = 20_000) -> Iterator[bytes]:
    """Lines joined into blocks of ``size`` (parsed at once: one parse a line would be slow)."""
    it = iter(lines)
    while batch := list(itertools.islice(it, size)):
        yield b"\n".join(batch)


def write_rdf(store, fmt: Format, out) -> None:
    """The store in one of the RDF formats of the table into the binary file ``out``, streamed in bounded
    memory (JSON-LD, compacted as a whole, excepted)."""
    import pyoxigraph as ox

    if fmt.rdf is None:
        raise FormatError(f"{fmt.name} is not an RDF format")
    if fmt.name == "nt":
        out.writelines(line + b"\n" for line in union_lines(store))
    elif fmt.name == "nq":
        out.writelines(_nquads(store))
    elif fmt.name == "jsonld":
        text = io.TextIOWrapper(out, encoding="utf-8")
        write_jsonld(store, text)
        text.flush()
        text.detach()
    else:
        data = _stream_quads(store) if fmt.is_quads else _stream_triples(store)
        ox.serialize(data, output=out, format=fmt.rdf_format, prefixes=PREFIXES)


def serialize(store, fmt: Format) -> bytes:
    """The store in one of the RDF formats of the table, as bytes (deterministic)."""
    buffer = io.BytesIO()
    write_rdf(store, fmt, buffer)
    return buffer.getvalue()


# each predicate with the kinds of its values: "@id" (an IRI or blank node), else a literal's datatype
_PREDICATES = """SELECT DISTINCT ?p ?kind WHERE {
  ?s ?p ?o BIND(IF(isLiteral(?o), STR(DATATYPE(?o)), "@id") AS ?kind) }"""


def _predicate_kinds(store) -> dict[str, str | None]:
    """Each predicate: "@id" when all its values are IRIs, the datatype when all are literals of one, else None."""
    kinds: dict[str, set[str]] = {}
    for row in store.raw.query(_PREDICATES):
        kinds.setdefault(row["p"].value, set()).add(row["kind"].value)
    return {p: next(iter(k)) if len(k) == 1 else None for p, k in kinds.items()}


def write_jsonld(store, out) -> None:
    """Compact JSON-LD of the store (kg.jsonld) on the text stream ``out``, graph by graph."""
    import pyoxigraph as ox

    writer = jsonld.Writer(out, jsonld.context(_predicate_kinds(store)))
    for g, lines in stream_graph_lines(store):
        writer.graph(g[1:-1] if g else None, ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES))
    writer.close()


# ---------------------------------------------------------------------- networkx
_NODES = """
SELECT ?e ?label ?class ?alt WHERE {
  { ?st a kg:Statement ; rdf:subject ?e } UNION { ?st a kg:Statement ; rdf:object ?e }
  UNION { ?a a kg:Article ; kg:mentions ?e }
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e a ?class FILTER(STRSTARTS(STR(?class), STR(kg:))) }
  OPTIONAL { ?e skos:altLabel ?alt }
}"""

#: The edge attributes of a statement, in order.
EDGE_FIELDS = ("date", "start", "end", "modality", "confidence", "role", "rule", "article", "sentence")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(store):
    """A ``networkx.MultiDiGraph``: entity nodes (label, class, aliases) and one edge per statement.

    Node ids and edge keys are IRIs; every attribute is a string or a number, so GraphML and GEXF
    writers accept the graph. Edge attributes: type, date, start, end, modality, confidence, role,
    rule, article, sentence (those the statement has).
    """
    import networkx as nx

    store = _as_store(store)
    nodes: dict[str, dict[str, set]] = {}
    for row in store.query(_NODES):
        info = nodes.setdefault(row["e"].value, {"label": set(), "class": set(), "aliases": set()})
        for var, attr in (("label", "label"), ("class", "class"), ("alt", "aliases")):
            if row[var] is not None:
                info[attr].add(_local(row[var].value) if var == "class" else row[var].value)
    edges: dict[str, dict[str, Any]] = {}
    for st, row in read_statements(store.query).items():
        edge = edges[st] = {"s": row["s"], "o": row["o"], "type": _local(row["p"])}
        for var in EDGE_FIELDS:
            value = row[var]
            if value is None:
                continue
            if var == "confidence":
                edge[var] = float(value)
            elif var == "modality":
                edge[var] = _local(value).lower()
            else:
                edge[var] = value
    graph = nx.MultiDiGraph()
    for iri in sorted(nodes):
        info = nodes[iri]
        attrs = {"iri": iri, "label": min(info["label"]) if info["label"] else _local(iri)}
        attrs["class"] = " ".join(sorted(info["class"]))
        if info["aliases"]:
            attrs["aliases"] = "; ".join(sorted(info["aliases"]))
        graph.add_node(iri, **attrs)
    for st in sorted(edges):
        edge = dict(edges[st])
        s, o = edge.pop("s"), edge.pop("o")
        for end in (s, o):
            if end not in graph:
                graph.add_node(end, iri=end, label=_local(end), **{"class": ""})
        graph.add_edge(s, o, key=st, statement=st, **edge)
    return graph


def _as_store(store):
    return store if isinstance(store, GraphStore) else open_graph(Path(store))


# ---------------------------------------------------------------------- the one entry point
def export(store, path: Path, fmt: str | Format | None = None) -> Format:
    """Write ``store`` (a GraphStore, a build folder or an RDF file) to ``path`` atomically.

    ``fmt`` is a format name of the table; without it, the suffix of ``path`` decides.
    """
    path = Path(path)
    f = fmt if isinstance(fmt, Format) else Format.from_name(fmt) if fmt else Format.from_path(path)
    store = _as_store(store)
    if f.rdf is not None:  # streamed: memory does not grow with the store

        def write(tmp: Path) -> None:
            with open(tmp, "wb") as out:
                write_rdf(store, f, out)

        write_atomic(path, write)
    elif f.name in ("csv", "parquet"):
        writer = tables.write_csv if f.name == "csv" else tables.write_parquet
        write_atomic(path, lambda tmp: writer(store, tmp))
    elif f.name in ("graphml", "gexf"):
        import networkx as nx

        graph = to_networkx(store)
        writer = nx.write_graphml if f.name == "graphml" else nx.write_gexf
        write_atomic(path, lambda tmp: writer(graph, str(tmp)))
    else:
        write_atomic(path, lambda tmp: write_html(store, tmp))
    return f


"""Writing a kg graph to files (formats of the table in kg.formats): deterministic RDF, networkx for graph tools.

Turtle, N-Triples, JSON-LD and RDF/XML hold the union of all graphs (duplicates merged); TriG and
N-Quads keep the named graphs. Triples are sorted, so the same graph always gives the same bytes.

>>> from kg.store import GraphStore
>>> serialize(GraphStore(), Format.from_name("nt"))
b''
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import FormatError
from .formats import FORMATS, Format, formats, write_atomic  # noqa: F401  (kg.export's public names)
from .statements import read as read_statements
from .store import GraphStore, open_graph
from .viz import write_html
from .vocab import INTERNAL_GRAPHS, PREFIXES, RDF_TYPE


# ---------------------------------------------------------------------- sorted RDF
def canonical_quads(store) -> list:
    """All quads, blank nodes (the ontology's RDF lists) renamed canonically so that ids are stable.

    Only quads that touch a blank node take part: a blank node's canonical name depends on those alone.
    """
    import pyoxigraph as ox

    plain, blank = [], []
    for q in store.raw:
        (blank if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) else plain).append(q)
    if blank:
        dataset = ox.Dataset(blank)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        plain.extend(dataset)
    return plain


_BLANK_QUADS = """SELECT ?s ?p ?o ?g WHERE {
  { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(isBlank(?s) || isBlank(?o)) }"""


def graph_lines(store) -> dict[str, list[bytes]]:
    """Each graph's triples as sorted canonical N-Triples lines, by graph ('' for the default graph).

    Sorting serialized lines (bytes, compared in C) is several times faster than sorting term tuples.
    """
    return dict(stream_graph_lines(store))


def stream_graph_lines(store) -> Iterator[tuple[str, list[bytes]]]:
    """The items of graph_lines one graph at a time, in order: memory holds one graph, not the store.

    Blank nodes (the ontology's RDF lists) are canonicalized together first, as in canonical_quads.
    """
    import pyoxigraph as ox

    raw = store.raw
    blank: dict[str, list] = {}
    rows = list(raw.query(_BLANK_QUADS))
    if rows:
        dataset = ox.Dataset(ox.Quad(r["s"], r["p"], r["o"], r["g"] or ox.DefaultGraph()) for r in rows)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        for q in dataset:
            blank.setdefault("" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name), []).append(q)
    named = sorted((str(g), g) for g in raw.named_graphs() if g.value not in INTERNAL_GRAPHS)
    # the default graph holds the union of the named ones (kg.store): it is no graph of its own then
    names = named if named else [("", ox.DefaultGraph())]
    for name, graph in names:
        triples = [q.triple for q in raw.quads_for_pattern(None, None, None, graph)
                   if not (isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode))]
        triples += [q.triple for q in blank.pop(name, ())]
        if triples:
            yield name, sorted(set(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines()))


def _stream_quads(store) -> Iterator:
    import pyoxigraph as ox

    for g, lines in stream_graph_lines(store):
        graph = ox.NamedNode(g[1:-1]) if g else ox.DefaultGraph()
        for q in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES):
            yield ox.Quad(q.subject, q.predicate, q.object, graph)


def _nquads(store) -> Iterator[bytes]:
    for g, lines in stream_graph_lines(store):
        suffix = b" " + g.encode("utf-8") + b" .\n" if g else None
        for line in lines:
            yield line[:-2] + suffix if suffix else line + b"\n"


def write_quads(store, fmt: Format, path: Path) -> None:
    """TriG or N-Quads of the store into ``path`` (the bytes of serialize), streamed graph by graph."""
    import pyoxigraph as ox

    if fmt.name == "nq":
        with open(path, "wb") as f:
            for chunk in _nquads(store):
                f.write(chunk)
    else:
        ox.serialize(_stream_quads(store), output=str(path), format=fmt.rdf_format, prefixes=PREFIXES)


def sorted_triples(store) -> list:
    """The union of all graphs, duplicates merged, sorted by their N-Triples form."""
    import pyoxigraph as ox

    lines = sorted({line for group in graph_lines(store).values() for line in group})
    return [q.triple for q in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)]


def sorted_quads(store) -> list:
    """All quads, by graph (default graph first), then sorted like sorted_triples."""

    return list(_stream_quads(store))


def serialize(store, fmt: Format) -> bytes:
    """The store in one of the RDF formats of the table, as bytes (deterministic)."""
    import pyoxigraph as ox

    if fmt.rdf is None:
        raise FormatError(f"{fmt.name} is not an RDF format")
    if fmt.name == "nt":
        lines = sorted({line for group in graph_lines(store).values() for line in group})
        return b"".join(line + b"\n" for line in lines)
    if fmt.name == "nq":
        return b"".join(_nquads(store))
    data = _stream_quads(store) if fmt.is_quads else sorted_triples(store)
    if fmt.name == "jsonld":
        return _compact_jsonld(ox.serialize(data, format=fmt.rdf_format))
    return ox.serialize(data, format=fmt.rdf_format, prefixes=PREFIXES)


def _compact_iri(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _compact_jsonld(expanded: bytes) -> bytes:
    """pyoxigraph's expanded JSON-LD with our prefixes as @context and compact IRIs."""
    nodes = json.loads(expanded)
    out = []
    for node in nodes:
        compacted: dict[str, Any] = {"@id": _compact_iri(node["@id"])}
        for key, values in node.items():
            if key == "@id":
                continue
            if key == RDF_TYPE and all(set(v) == {"@id"} for v in values):
                compacted["@type"] = [_compact_iri(v["@id"]) for v in values]
                continue
            items = []
            for v in values:
                v = dict(v)
                if "@id" in v:
                    v["@id"] = _compact_iri(v["@id"])
                elif "@type" in v:
                    v["@type"] = _compact_iri(v["@type"])
                items.append(v)
            compacted[_compact_iri(key)] = items
        out.append(compacted)
    doc = {"@context": dict(PREFIXES), "@graph": out}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


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
    if f.is_quads:  # streamed graph by graph: memory does not grow with the store
        write_atomic(path, lambda tmp: write_quads(store, f, tmp))
    elif f.rdf is not None:
        data = serialize(store, f)
        write_atomic(path, lambda tmp: tmp.write_bytes(data))
    elif f.name in ("graphml", "gexf"):
        import networkx as nx

        graph = to_networkx(store)
        writer = nx.write_graphml if f.name == "graphml" else nx.write_gexf
        write_atomic(path, lambda tmp: writer(graph, str(tmp)))
    else:
        write_atomic(path, lambda tmp: write_html(store, tmp))
    return f


"""Which kg:Relations an article touches: the (subject, predicate, object) keys of its statements.

Two bookkeeping graphs of the store, written in the same transaction as the article graphs:

- ``<urn:kg:relation-index>`` holds ``<relation node> <urn:kg:statement> <statement>`` for every
  statement of every article, so that a relation is recomputed from its own statements alone;
- ``<urn:kg:consolidation-pending>`` holds the relation nodes (with their three ends) whose
  statements changed since the last consolidation (kg.consolidate empties it).

Neither is in the union default graph, the exports or the graphs listed (kg.vocab.INTERNAL_GRAPHS).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from .iri import relation_iri
from .store import GraphStore
from .vocab import INDEX_GRAPH, KG, PENDING_GRAPH, RDF

Key = tuple[str, str, str, str]  # (base, subject IRI, predicate IRI, object IRI)
ENDS = (KG + "relationSubject", KG + "relationPredicate", KG + "relationObject")
IN_RELATION = "urn:kg:statement"  # relation node -> statement, in INDEX_GRAPH
FULL = f"<{PENDING_GRAPH}> <urn:kg:recompute> \"all\" <{PENDING_GRAPH}> .\n"  # a full recompute under way
_SPO = (RDF + "subject", RDF + "predicate", RDF + "object")
_MARKS = tuple(f"-ns#{p.rpartition('#')[2]}> ".encode() for p in _SPO)  # in the N-Quads lines of _SPO


def base_of(graph_iri: str) -> str:
    """The base IRI of an article graph ``{base}graph/{slug}``.

    >>> base_of("https://kg.example.org/graph/000-abc")
    'https://kg.example.org/'
    """
    head, sep, _ = graph_iri.rpartition("graph/")
    return head if sep else graph_iri


def node(key: Key) -> str:
    """The kg:Relation node of a key."""
    base, s, p, o = key
    return relation_iri(s, p, o, base=base)


def _index(quads) -> dict[Key, set[str]]:
    ends: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    import pyoxigraph as ox

    for q in quads:
        if q.predicate.value in _SPO and isinstance(q.object, ox.NamedNode) and isinstance(q.graph_name, ox.NamedNode):
            ends[(q.graph_name.value, q.subject.value)][q.predicate.value] = q.object.value
    index: dict[Key, set[str]] = defaultdict(set)
    for (g, st), e in ends.items():
        if len(e) == 3:
            index[(base_of(g), *(e[p] for p in _SPO))].add(st)
    return dict(index)


def statement_index(nquads: bytes) -> dict[Key, set[str]]:
    """The statements of N-Quads of article graphs, by key.

    >>> nq = b"".join(b"<https://x.org/statement/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#" + p
    ...               + b"> <https://x.org/id/" + o + b"> <https://x.org/graph/a> .\\n" for p, o in
    ...               ((b"subject", b"s"), (b"predicate", b"p"), (b"object", b"o")))
    >>> statement_index(nq)
    {('https://x.org/', 'https://x.org/id/s', 'https://x.org/id/p', 'https://x.org/id/o'): {'https://x.org/statement/1'}}
    """
    import pyoxigraph as ox

    return _index(ox.parse(input=b"\n".join(_lines_with(nquads, _MARKS)), format=ox.RdfFormat.N_QUADS))


def _lines_with(text: bytes, marks: Iterable[bytes]) -> Iterator[bytes]:
    """The lines of ``text`` holding one of ``marks`` (a line holding two comes twice): found with
    bytes.find, not by testing every line.

    >>> list(_lines_with(b"a x\\nb\\nc y\\n", (b"x", b"y")))
    [b'a x', b'c y']
    """
    for mark in marks:
        i = text.find(mark)
        while i >= 0:
            end = text.find(b"\n", i)
            end = len(text) if end < 0 else end
            yield text[text.rfind(b"\n", 0, i) + 1:end]
            i = text.find(mark, end)


def stored_index(store: GraphStore, graph: str) -> dict[Key, set[str]]:
    """The statements the store holds in one graph, by key."""
    import pyoxigraph as ox

    g = ox.NamedNode(graph)
    return _index(q for p in _SPO for q in store.raw.quads_for_pattern(None, ox.NamedNode(p), None, g))


def bookkeeping(added: Mapping[Key, set[str]]) -> bytes:
    """N-Quads of the index entries of ``added`` and of their keys marked pending."""
    out = []
    for key in sorted(added):
        n = f"<{node(key)}>"
        out += [f"{n} <{prop}> <{end}> <{PENDING_GRAPH}> .\n" for prop, end in zip(ENDS, key[1:])]
        out += [f"{n} <{IN_RELATION}> <{st}> <{INDEX_GRAPH}> .\n" for st in sorted(added[key])]
    return "".join(out).encode("utf-8")


def bookkeeping_update(added: Mapping[Key, set[str]], removed: Mapping[Key, set[str]]) -> str:
    """SPARQL Update: the index entries of ``removed`` out, those of ``added`` in, every key pending."""
    def triples(lines: Iterable[str]) -> str:
        return "".join(line.rsplit(" <", 1)[0] + " .\n" for line in lines)

    gone = [f"<{node(k)}> <{IN_RELATION}> <{st}> <{INDEX_GRAPH}> ." for k in sorted(removed) for st in sorted(removed[k])]
    marks = bookkeeping({k: set() for k in removed}).decode("utf-8").splitlines()
    new = bookkeeping(added).decode("utf-8").splitlines()
    parts = []
    if gone:
        parts.append(f"DELETE DATA {{ GRAPH <{INDEX_GRAPH}> {{\n{triples(gone)}}} }}")
    pend = [line for line in marks + new if line.endswith(f"<{PENDING_GRAPH}> .")]
    index = [line for line in new if line.endswith(f"<{INDEX_GRAPH}> .")]
    if pend or index:
        parts.append(f"INSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{\n{triples(pend)}}} "
                     f"GRAPH <{INDEX_GRAPH}> {{\n{triples(index)}}} }}")
    return " ;\n".join(parts)


def pending(store: GraphStore) -> tuple[set[Key], bool]:
    """The keys waiting for consolidation, and whether a full recompute is waiting."""
    import pyoxigraph as ox

    ends: dict[str, dict[str, str]] = defaultdict(dict)
    full = False
    for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(PENDING_GRAPH)):
        if q.predicate.value in ENDS:
            ends[q.subject.value][q.predicate.value] = q.object.value
        else:
            full = True
    keys = {(n.rpartition("relation/")[0], *(e[p] for p in ENDS)) for n, e in ends.items() if len(e) == 3}
    return keys, full


def indexed_statements(store: GraphStore, key: Key) -> list[str]:
    """The statements of one key, from the index."""
    import pyoxigraph as ox

    return [q.object.value for q in store.raw.quads_for_pattern(
        ox.NamedNode(node(key)), ox.NamedNode(IN_RELATION), None, ox.NamedNode(INDEX_GRAPH))]


def write_articles(store: GraphStore, graphs: Mapping[str, bytes], *, bulk: bool = False) -> set[Key]:
    """Write article graphs (graph IRI -> its N-Quads), their index entries and pending keys.

    Graphs new to the store go in one transaction (or one bulk ingestion with ``bulk``); each graph
    already there is replaced in a transaction of its own. Returns the keys now pending.
    """
    import pyoxigraph as ox

    fresh = [g for g in graphs if not store.raw.contains_named_graph(ox.NamedNode(g))]
    touched: set[Key] = set()
    if fresh:
        data = b"".join(graphs[g] for g in fresh)
        added = statement_index(data)
        store.add_graphs(data, also=bookkeeping(added), bulk=bulk)
        touched |= set(added)
    for g in graphs:
        if g not in fresh:
            old, new = stored_index(store, g), statement_index(graphs[g])
            store.replace_article(g, ox.parse(input=graphs[g], format=ox.RdfFormat.N_QUADS),
                                  also=bookkeeping_update(new, old))
            touched |= set(old) | set(new)
    return touched

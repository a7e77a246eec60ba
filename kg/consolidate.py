"""Consolidation across articles: one kg:Relation per (subject, predicate, object), with all its sources.

The derived named graph ``<{base}graph/consolidated>`` follows the article graphs. For each relation
stated by at least one article (modality other than kg:Negated) it holds::

    <{base}relation/{hash}> a kg:Relation ;
        kg:relationSubject S ; kg:relationPredicate P ; kg:relationObject O ;
        kg:hasStatement <statement 1>, <statement 2> ;   # asserted or reported statements: the sources
        kg:plannedIn <planned statement> ;                # "will recognize": listed, not counted
        kg:hypotheticalIn <hypothetical statement> ;      # "could recognize": listed, not counted
        kg:contradictedBy <negated statement> ;           # statements denying it, if any
        kg:reportedIn <article 1>, <article 2> ;          # the articles of the sources
        kg:sourceCount 2 ; kg:outletCount 1 ;             # articles; independent outlets (sources only)
        kg:firstReported "2026-05-14"^^xsd:date ;         # earliest publication date of those articles
        kg:statedDate "2025-07"^^xsd:gYearMonth, "2025"^^xsd:gYear .   # every date the sources give

Only asserted and reported statements are sources (kg:hasStatement, kg:reportedIn, the counts,
kg:firstReported, kg:statedDate): a plan or a possibility is not evidence that the relation holds.
A relation only planned or hypothesised still has its kg:Relation node, with counts of 0.

An outlet is the agency a statement quotes (kg:reportedBy, by its label), else the article's
publisher, else the host of its URL, else the article itself; names compare case-insensitively.

Updates are incremental: writing or removing an article graph (:func:`write_articles`,
:func:`remove_articles`) records, in the same transaction, the (subject, predicate, object) keys its
statements touch in the graph ``<urn:kg:consolidation-pending>``; :func:`consolidate` then recomputes
only those kg:Relation nodes from the statements of all articles, and empties that graph. A build
killed in between leaves the keys there, and the next build or removal finishes the work. The result
is the same as a full recompute (:func:`refresh_consolidation`, ``kg build --full-consolidation``).

The relation's ends use their own properties, not rdf:subject/rdf:predicate/rdf:object: a
consolidated relation is not one more statement (each article's kg:Statement is), and its report
dates are not the date of the relation.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import product
from pathlib import Path
from urllib.parse import urlsplit

from .errors import FormatError, InputError
from .export import export
from .formats import Format
from .iri import consolidated_graph_iri, relation_iri
from .keys import FULL, Key, base_of, bookkeeping, bookkeeping_update, indexed_statements, node, pending
from .keys import stored_index, write_articles  # noqa: F401  (write_articles: kg.consolidate's API)
from .store import BULK_MAX, GraphStore, is_store, open_graph
from .vocab import CONSOLIDATED, DCTERMS, INDEX_GRAPH, KG, PENDING_GRAPH, PREFIXES, RDF_TYPE, RDFS_LABEL, STORE_DIR
from .vocab import XSD

RDF = PREFIXES["rdf"]
UNCOUNTED = {"Planned": "plannedIn", "Hypothetical": "hypotheticalIn"}  # modality -> property listing it
SMALL = 20_000  # quads of new relations written in one SPARQL update (more: loaded as N-Quads)

# Every statement, for a full recompute (one query is faster than the index walks of _Reader there).
_STATEMENTS = """
SELECT ?g ?st ?s ?p ?o ?modality ?date ?start ?end ?rb ?rbLabel ?article ?issued ?publisher ?source WHERE {
  GRAPH ?g {
    ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?st kg:modality ?modality }
    OPTIONAL { ?st kg:date ?date }
    OPTIONAL { ?st kg:startDate ?start }
    OPTIONAL { ?st kg:endDate ?end }
    OPTIONAL { ?st kg:reportedBy ?rb OPTIONAL { ?rb rdfs:label ?rbLabel } }
    OPTIONAL { ?article a kg:Article .
               OPTIONAL { ?article dcterms:issued ?issued }
               OPTIONAL { ?article dcterms:publisher ?publisher }
               OPTIONAL { ?article dcterms:source ?source } }
  }
}"""

def _outlet(row) -> str:
    if row["rb"] is not None:
        return "name:" + (row["rbLabel"].value if row["rbLabel"] is not None else row["rb"].value).casefold()
    if row["publisher"] is not None:
        return "name:" + row["publisher"].value.casefold()
    if row["source"] is not None:
        host = urlsplit(row["source"].value).hostname or row["source"].value
        return "host:" + host.removeprefix("www.")
    return "article:" + (row["article"].value if row["article"] is not None else row["g"].value)


def remove_articles(store: GraphStore, graphs: Iterable[str]) -> int:
    """Delete article graphs and update the kg:Relations they touched; returns the graphs removed."""
    removed = 0
    for g in graphs:
        removed += store.drop_graph(g, also=bookkeeping_update({}, stored_index(store, g)))
    consolidate(store)
    return removed


# ---------------------------------------------------------------------- consolidating
def _collect(rows, rel: dict[Key, dict], keys: set[Key] | None = None) -> Iterator:
    """Fold statement rows into ``rel`` by key (only ``keys`` when given), yielding each row used;
    rows outside article graphs are skipped."""
    for row in rows:
        g = row["g"].value
        if row["article"] is None or g.endswith(CONSOLIDATED):
            continue  # not an article graph
        key = (base_of(g), row["s"].value, row["p"].value, row["o"].value)
        if keys is not None and key not in keys:
            continue
        yield row
        r = rel.setdefault(key, defaultdict(set))
        modality = row["modality"].value.removeprefix(KG) if row["modality"] is not None else "Asserted"
        if modality == "Negated":
            r["against"].add(row["st"].value)
            continue
        if modality in UNCOUNTED:
            r[UNCOUNTED[modality]].add(row["st"].value)
            continue
        r["statements"].add(row["st"].value)
        r["outlets"].add(_outlet(row))
        r["sources"].add(row["article"].value)
        r["articles"].add(row["article"].value)
        if row["issued"] is not None:
            r["issued"].add(row["issued"])
        for var in ("date", "start", "end"):
            if row[var] is not None:
                r["dates"].add(row[var])


def _relation_quads(key: Key, r: dict) -> list:
    """The quads of one kg:Relation node (none when only denied)."""
    import pyoxigraph as ox

    if not (r["statements"] or r["plannedIn"] or r["hypotheticalIn"]):
        return []  # only denied: nothing to consolidate
    base, s, p, o = key
    N, L = ox.NamedNode, ox.Literal
    g = N(consolidated_graph_iri(base=base))
    subject = N(relation_iri(s, p, o, base=base))
    out = []
    add = lambda pred, obj: out.append(ox.Quad(subject, N(pred), obj, g))  # noqa: E731
    add(RDF_TYPE, N(KG + "Relation"))
    add(KG + "relationSubject", N(s))
    add(KG + "relationPredicate", N(p))
    add(KG + "relationObject", N(o))
    for st in sorted(r["statements"]):
        add(KG + "hasStatement", N(st))
    for prop in ("plannedIn", "hypotheticalIn"):
        for st in sorted(r[prop]):
            add(KG + prop, N(st))
    for st in sorted(r["against"]):
        add(KG + "contradictedBy", N(st))
    for art in sorted(r["articles"]):
        add(KG + "reportedIn", N(art))
    add(KG + "sourceCount", L(str(len(r["sources"])), datatype=N(XSD + "integer")))
    add(KG + "outletCount", L(str(len(r["outlets"])), datatype=N(XSD + "integer")))
    if r["issued"]:
        add(KG + "firstReported", min(r["issued"], key=lambda lit: lit.value))
    for d in sorted(r["dates"], key=str):
        add(KG + "statedDate", d)
    return out


class _Reader:
    """The fields of statements, read through the store's indexes (SPARQL joins here are much slower).

    Each statement gives rows like those of a SPARQL query with one OPTIONAL per field: one row for
    each combination of its values (None where it has none).
    """

    def __init__(self, store: GraphStore):
        import pyoxigraph as ox

        self.ox, self.store, self.raw = ox, store, store.raw
        self.N = ox.NamedNode
        self.articles: dict[str, tuple] = {}

    def values(self, s, p: str, g) -> list:
        return [q.object for q in self.raw.quads_for_pattern(s, self.N(p), None, g)]

    def article(self, g) -> tuple:
        """(article, issued, publisher, source) combinations of the graph ``g`` (cached)."""
        if g.value not in self.articles:
            combos = []
            for q in self.raw.quads_for_pattern(None, self.N(RDF_TYPE), self.N(KG + "Article"), g):
                a = q.subject
                combos += product([a], *(self.values(a, DCTERMS + f, g) or [None]
                                         for f in ("issued", "publisher", "source")))
            self.articles[g.value] = tuple(combos)
        return self.articles[g.value]

    def rows(self, statements: Iterable[tuple]) -> Iterator[dict]:
        """Rows of the statements given as (statement, graph) terms."""
        for st, g in statements:
            fields: dict[str, list] = defaultdict(list)
            for q in self.raw.quads_for_pattern(st, None, None, g):
                fields[q.predicate.value].append(q.object)
            if self.N(KG + "Statement") not in fields[RDF_TYPE]:
                continue
            outlets = [(rb, label) for rb in fields[KG + "reportedBy"]
                       for label in (self.values(rb, RDFS_LABEL, g) or [None])] or [(None, None)]
            singles = [fields[RDF + "subject"], fields[RDF + "predicate"], fields[RDF + "object"]]
            singles += [fields[KG + f] or [None] for f in ("modality", "date", "startDate", "endDate")]
            for s, p, o, modality, date, start, end in product(*singles):
                for (rb, label), (article, issued, publisher, source) in product(outlets, self.article(g) or
                                                                                 [(None,) * 4]):
                    yield {"g": g, "st": st, "s": s, "p": p, "o": o, "modality": modality, "date": date,
                           "start": start, "end": end, "rb": rb, "rbLabel": label, "article": article,
                           "issued": issued, "publisher": publisher, "source": source}

    def statements_of(self, keys: Iterable[Key]) -> Iterator[tuple]:
        """The (statement, graph) of every statement of the keys, from the index of statements."""
        kind = self.N(KG + "Statement")
        for key in sorted(keys):
            for st in indexed_statements(self.store, key):
                for q in self.raw.quads_for_pattern(self.N(st), self.N(RDF_TYPE), kind, None):
                    if not isinstance(q.graph_name, self.ox.DefaultGraph):
                        yield q.subject, q.graph_name


def consolidation_quads(store: GraphStore, keys: set[Key] | None = None) -> dict[str, list]:
    """The quads of each consolidated graph (by graph IRI) computed from the article graphs: every
    relation, or those of ``keys`` only."""
    rel: dict[Key, dict] = {}
    if keys is None:
        rows = store.raw.query(_STATEMENTS, prefixes=PREFIXES)
    else:
        reader = _Reader(store)
        rows = reader.rows(reader.statements_of(keys))
    for _ in _collect(rows, rel, keys):
        pass
    return _graphs(rel)


def _graphs(rel: Mapping[Key, dict]) -> dict[str, list]:
    graphs: dict[str, list] = defaultdict(list)
    for key in sorted(rel):
        quads = _relation_quads(key, rel[key])
        if quads:
            graphs[quads[0].graph_name.value].extend(quads)
    return dict(graphs)


def _nquads(graphs: Mapping[str, list]) -> bytes:
    import pyoxigraph as ox

    return b"".join(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) for quads in graphs.values())


def consolidate(store: GraphStore, *, full: bool = False) -> int:
    """Bring the consolidated graphs up to date: the pending keys, or everything with ``full`` (or when a
    full recompute was interrupted). Returns the number of kg:Relation nodes written."""
    import pyoxigraph as ox

    keys, full_pending = pending(store)
    if not (keys or full or full_pending):
        return 0
    if full or full_pending:
        return refresh_consolidation(store)
    graphs = consolidation_quads(store, keys)
    nodes = " ".join(f"(<{node(k)}> <{consolidated_graph_iri(base=k[0])}>)" for k in keys)
    delete = (f"DELETE {{ GRAPH ?c {{ ?r ?x ?y }} ?r ?x ?y }} WHERE {{ VALUES (?r ?c) {{ {nodes} }} "
              f"GRAPH ?c {{ ?r ?x ?y }} }}")
    done = f"DROP SILENT GRAPH <{PENDING_GRAPH}>"
    size = sum(len(q) for q in graphs.values())
    if size <= SMALL:  # everything in one transaction
        parts = [delete]
        for g, quads in graphs.items():
            body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
            parts.append(f"INSERT DATA {{ GRAPH <{g}> {{\n{body}}}\n{body}}}")
        store.raw.update(" ;\n".join(parts + [done]))
    else:  # the keys stay pending until the end: a kill in between is finished by the next run
        store.raw.update(delete)
        store.add_graphs(_nquads(graphs), bulk=size > BULK_MAX // 4)
        store.raw.update(done)
    for b in {k[0] for k in keys}:
        g = ox.NamedNode(consolidated_graph_iri(base=b))
        if store.raw.contains_named_graph(g) and next(store.raw.quads_for_pattern(None, None, None, g), None) is None:
            store.raw.update(f"DROP SILENT GRAPH {g}")
    return sum(1 for quads in graphs.values() for q in quads if q.predicate.value == RDF_TYPE)


def refresh_consolidation(store: GraphStore) -> int:
    """Recompute every consolidated graph, and the index of statements, from the article graphs;
    returns the number of relations.

    A mark in PENDING_GRAPH, written first and removed last, makes the next :func:`consolidate`
    finish a recompute that was interrupted.
    """
    import pyoxigraph as ox

    store.raw.load(input=FULL.encode(), format=ox.RdfFormat.N_QUADS)
    rel: dict[Key, dict] = {}
    index: dict[Key, set[str]] = defaultdict(set)
    for row in _collect(store.raw.query(_STATEMENTS, prefixes=PREFIXES), rel):
        index[(base_of(row["g"].value), row["s"].value, row["p"].value, row["o"].value)].add(row["st"].value)
    graphs = _graphs(rel)
    for g in store.graphs():
        if g.endswith(CONSOLIDATED):  # its subjects are its relation nodes: no other graph holds its triples
            store.raw.update(f"DELETE {{ ?r ?x ?y }} WHERE {{ GRAPH <{g}> {{ ?r ?x ?y }} }} ; DROP GRAPH <{g}>")
    store.raw.update(f"DROP SILENT GRAPH <{INDEX_GRAPH}>")
    entries = b"".join(line + b"\n" for line in bookkeeping(index).splitlines() if line.endswith(f"<{INDEX_GRAPH}> .".encode()))
    size = sum(len(q) for q in graphs.values())
    store.add_graphs(_nquads(graphs), also=entries, bulk=size > BULK_MAX // 4)
    store.raw.update(f"DROP SILENT GRAPH <{PENDING_GRAPH}>")
    return sum(1 for quads in graphs.values() for q in quads if q.predicate.value == RDF_TYPE)


def remove(folder, article: str) -> str:
    """Delete one article (id, article IRI or graph IRI) from a build folder; returns its graph IRI."""
    folder = Path(folder)
    if not is_store(folder / STORE_DIR):
        raise InputError(f"{folder}: not a kg build folder (no {STORE_DIR}/ inside)")
    with open_graph(folder) as store:
        graph = store.article_graph(article)
        if graph is None:
            raise InputError(f"{folder}: no article {article!r} ({len(store.articles())} articles in the store)")
        remove_articles(store, [graph])
        refresh_exports(store, folder)
    return graph


def refresh_exports(store: GraphStore, folder) -> list:
    """Write again the exported files of a build folder (``graph.*``), so they match the store."""
    written = []
    for path in sorted(Path(folder).glob("graph.*")):
        try:
            fmt = Format.from_path(path)
        except FormatError:
            continue
        export(store, path, fmt)
        written.append(path)
    return written

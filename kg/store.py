"""The embedded store: pyoxigraph on disk (``DIR/store``) or in memory, one named graph per article.

The default graph is kept as the union of the named graphs, each triple once (pyoxigraph's own
union default graph repeats a triple once per graph holding it, which skews counts and joins).

>>> import pyoxigraph as ox
>>> g = "https://kg.example.org/graph/a1"
>>> q = ox.Quad(ox.NamedNode("https://kg.example.org/article/a1"), ox.NamedNode(RDF_TYPE),
...             ox.NamedNode(KG + "Article"), ox.NamedNode(g))
>>> with GraphStore() as store:
...     store.replace_article(g, [q]); store.replace_article(g, [q])
...     print(store.articles(), len(store), len(store.raw))  # the default graph repeats the union
['https://kg.example.org/graph/a1'] 1 2
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import ontology
from .errors import InputError, StoreError
from .formats import RDF_SUFFIXES, Format
from .iri import slug
from .sparql import check_query, has_dataset, syntax_error
from .vocab import CONSOLIDATED, INTERNAL_GRAPHS, KG, ONTOLOGY_GRAPH, PREFIXES, RDF_TYPE, STORE_DIR  # noqa: F401


def _ox():
    import pyoxigraph

    return pyoxigraph


def _term(term: Any) -> str:
    """A pyoxigraph term in SPARQL syntax (N-Triples form is valid SPARQL)."""
    return str(term)


BULK_MAX = 500_000  # quads of one bulk load: pyoxigraph ingests fewer than 1M quads in one step (atomically)


def _forget(graph) -> str:
    """SPARQL removing from the default graph (the union) the triples only ``graph`` holds."""
    g = _term(graph)
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }}")


class GraphStore:
    """A pyoxigraph store holding one named graph per article, the ontology and derived graphs.

    ``GraphStore(path)`` opens (or creates) a store on disk; ``GraphStore()`` is in memory.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False):
        ox = _ox()
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is None:
            self._store = ox.Store()
            return
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except (OSError, RuntimeError) as err:
            if "lock" in str(err).lower():
                raise StoreError(f"{self.path}: the store is in use by another process ({err})") from None
            raise StoreError(f"{self.path}: cannot open the store: {err}") from None

    # ------------------------------------------------------------------ plumbing
    @property
    def raw(self):
        """The underlying ``pyoxigraph.Store``."""
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    def __len__(self) -> int:
        """The number of quads in named graphs (the default graph only repeats them; kg's bookkeeping
        graphs, kg.vocab.INTERNAL_GRAPHS, are not counted)."""
        internal = ", ".join(f"<{g}>" for g in INTERNAL_GRAPHS)
        rows = self.raw.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({internal})) }}")
        return int(next(iter(rows))["n"].value)

    def __iter__(self):
        """The quads of the named graphs (not kg's bookkeeping graphs)."""
        ox = _ox()
        return (q for q in self.raw if not isinstance(q.graph_name, ox.DefaultGraph)
                and q.graph_name.value not in INTERNAL_GRAPHS)

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._store is not None and not self.read_only and self.path is not None:
            self._store.flush()
        self._store = None

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only (another process holds the store)")

    # ------------------------------------------------------------------ writing
    def replace_article(self, graph_iri: str, quads: Iterable[Any], *, also: str = "") -> None:
        """Clear the named graph ``graph_iri`` and add ``quads`` to it, in one transaction.

        Quads in the default graph (or plain triples) go into ``graph_iri``; a quad in another
        named graph is a ValueError. ``also`` is SPARQL Update run in the same transaction.
        """
        self._check_writable()
        ox = _ox()
        graph = ox.NamedNode(graph_iri)
        lines = []
        for q in quads:
            if isinstance(q, ox.Quad):
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != graph:
                    raise ValueError(f"quad {q} is not in the graph <{graph_iri}>")
                t = q.triple
            else:
                t = q
            lines.append(f"{_term(t.subject)} {_term(t.predicate)} {_term(t.object)} .")
        update = _forget(graph) + f" ;\nDROP SILENT GRAPH {_term(graph)}"
        if lines:
            body = "\n".join(lines)
            update += f" ;\nINSERT DATA {{ GRAPH {_term(graph)} {{\n{body}\n}} }} ;\nINSERT DATA {{\n{body}\n}}"
        else:
            update += f" ;\nCREATE SILENT GRAPH {_term(graph)}"
        self.raw.update(update + (f" ;\n{also}" if also else ""))

    def add_graphs(self, nquads: bytes, *, also: bytes = b"", bulk: bool = False) -> None:
        """Add named graphs not yet in the store (N-Quads, each line in a named graph) and their
        triples to the union default graph (each once), with the N-Quads ``also`` (kept out of the union).

        One transaction, or with ``bulk`` one ingestion of sorted files (pyoxigraph's bulk loader,
        faster on large batches, for fewer than BULK_MAX quads: a bulk load of more is several
        ingestions, not one).
        """
        self._check_writable()
        ox = _ox()
        union = b"".join(dict.fromkeys(line.rsplit(b" <", 1)[0] + b" .\n" for line in nquads.splitlines() if line))
        data = union + nquads + also
        if bulk:
            self.raw.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        else:
            self.raw.load(input=data, format=ox.RdfFormat.N_QUADS)

    def drop_graph(self, graph_iri: str, *, also: str = "") -> bool:
        """Remove one named graph; False if there was none. ``also``: SPARQL Update in the same transaction."""
        self._check_writable()
        ox = _ox()
        graph = ox.NamedNode(graph_iri)
        if not self.raw.contains_named_graph(graph):
            return False
        self.raw.update(_forget(graph) + f" ;\nDROP GRAPH {_term(graph)}" + (f" ;\n{also}" if also else ""))
        return True

    def refresh_union(self) -> None:
        """Make the default graph the union of the named graphs (each triple once)."""
        self.raw.update("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def has_union(self) -> bool:
        """Whether the default graph holds the union of the named graphs (kept by every write)."""
        ox = _ox()
        return next(iter(self.raw.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None

    def article_graph(self, article: str) -> str | None:
        """The graph IRI of an article given by id, article IRI or graph IRI; None if absent."""
        ox = _ox()
        graphs = self.articles()
        if article in graphs:
            return article
        if article.startswith(("http://", "https://")):
            match = f"FILTER(?a = {_term(ox.NamedNode(article))})"
        else:
            match = f"?a dcterms:identifier ?id . FILTER(STR(?id) = {_term(ox.Literal(article))})"
        rows = self.raw.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a a kg:Article . {match} }} }} ORDER BY ?g",
            prefixes=PREFIXES,
        )
        found = [r["g"].value for r in rows]
        if found:
            return found[0]
        suffix = "graph/" + slug(article)
        return next((g for g in graphs if g.endswith(suffix)), None)

    def remove_article(self, article: str) -> bool:
        """Delete one article's named graph (by article id, article IRI or graph IRI); False if absent.

        The consolidated graph is not updated here: :func:`kg.consolidate.remove_articles` does both.
        """
        self._check_writable()
        graph = self.article_graph(article)
        return self.drop_graph(graph) if graph else False

    def has_articles(self) -> bool:
        """Whether any named graph besides the ontology's is in the store (a store a build only adds to)."""
        return any(g.value not in (ONTOLOGY_GRAPH, *INTERNAL_GRAPHS) for g in self.raw.named_graphs() if hasattr(g, "value"))

    def ensure_ontology(self) -> None:
        """Load ontology/kg.ttl into the named graph <https://w3id.org/newskg/ontology> (replacing it)."""
        self.replace_article(ONTOLOGY_GRAPH, ontology.triples())  # its RDF lists are blank nodes: exports canonicalize them

    # ------------------------------------------------------------------ reading
    def graphs(self) -> list[str]:
        """All named graph IRIs, sorted (not kg's bookkeeping graphs)."""
        return sorted(g.value for g in self.raw.named_graphs() if hasattr(g, "value") and g.value not in INTERNAL_GRAPHS)

    def articles(self) -> list[str]:
        """Graph IRIs of the articles (named graphs holding a kg:Article), sorted."""
        rows = self.raw.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a kg:Article } }", prefixes=PREFIXES)
        return sorted(r["g"].value for r in rows if not r["g"].value.endswith(CONSOLIDATED))

    def query(self, sparql: str, **kw: Any):
        """A pyoxigraph query with our prefixes pre-bound; the default graph is the union of all graphs.

        A query with its own dataset (FROM / FROM NAMED) keeps it. SERVICE is refused unless
        ``allow_service=True``.
        """
        check_query(sparql, allow_service=kw.pop("allow_service", False))
        kw.setdefault("prefixes", PREFIXES)
        if "default_graph" not in kw and not has_dataset(sparql) and not self.has_union():
            kw.setdefault("use_default_graph_as_union", True)
        try:
            return self.raw.query(sparql, **kw)
        except SyntaxError as err:
            raise syntax_error(sparql, err) from None


def open_graph(path: Path) -> GraphStore:
    """A kg build folder (``DIR/store``), a store folder, or an RDF file loaded into memory.

    A store held by another process (``kg serve``, a running build) is a StoreError: RocksDB allows one
    writer, and a read-only view of a store another process writes to is not reliable.
    """
    path = Path(path)
    store_dir = find_store(path)
    if store_dir is not None:
        try:
            return GraphStore(store_dir)
        except StoreError as err:
            if "in use" in str(err):
                raise StoreError(f"{err}; stop it first, or query its SPARQL endpoint") from None
            raise
    if path.is_file() and path.suffix.lower() in RDF_SUFFIXES:
        fmt = Format.from_path(path)
        store = GraphStore()
        try:
            if fmt.is_quads:
                store.raw.load(path=str(path), format=fmt.rdf_format)
                store.refresh_union()
            else:
                store.raw.load(path=str(path), format=fmt.rdf_format, to_graph=_ox().DefaultGraph())
        except (SyntaxError, ValueError) as err:
            raise InputError(f"{path}: not valid {fmt.name}: {err}") from None
        return store
    what = "does not exist" if not path.exists() else "is neither"
    raise InputError(
        f"{path}: {what} a kg build folder (with {STORE_DIR}/) or an RDF file "
        f"({', '.join(RDF_SUFFIXES)})" if what != "does not exist"
        else f"{path}: does not exist; expected a kg build folder or an RDF file ({', '.join(RDF_SUFFIXES)})"
    )


def is_store(folder: Path) -> bool:
    """Whether ``folder`` is a pyoxigraph (RocksDB) store folder."""
    folder = Path(folder)
    return folder.is_dir() and ((folder / "CURRENT").exists() or any(folder.glob("*.sst")) or (folder / "LOCK").exists())


def find_store(path: Path) -> Path | None:
    """The store folder of a build folder (``DIR/store``) or ``path`` itself if it is one; else None."""
    path = Path(path)
    for folder in (path / STORE_DIR, path):
        if is_store(folder):
            return folder
    return None

"""Consolidation across articles: one kg:Relation per (subject, predicate, object), with all its sources.

The derived named graph ``<{base}graph/consolidated>`` is recomputed from the article graphs after
each build or removal (:func:`refresh_consolidation`). For each relation stated by at least one
article (modality other than kg:Negated) it holds::

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

The relation's ends use their own properties, not rdf:subject/rdf:predicate/rdf:object: a
consolidated relation is not one more statement (each article's kg:Statement is), and its report
dates are not the date of the relation.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from .errors import FormatError, InputError
from .export import export
from .formats import Format
from .iri import consolidated_graph_iri, relation_iri
from .store import GraphStore, is_store, open_graph
from .vocab import CONSOLIDATED, KG, PREFIXES, RDF_TYPE, STORE_DIR, XSD

RDF = PREFIXES["rdf"]
UNCOUNTED = {"Planned": "plannedIn", "Hypothetical": "hypotheticalIn"}  # modality -> property listing it

_STATEMENTS = """
SELECT ?g ?st ?s ?p ?o ?modality ?date ?start ?end ?role ?rb ?rbLabel ?article ?issued ?publisher ?source WHERE {
  GRAPH ?g {
    ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?st kg:modality ?modality }
    OPTIONAL { ?st kg:date ?date }
    OPTIONAL { ?st kg:startDate ?start }
    OPTIONAL { ?st kg:endDate ?end }
    OPTIONAL { ?st kg:role ?role }
    OPTIONAL { ?st kg:reportedBy ?rb OPTIONAL { ?rb rdfs:label ?rbLabel } }
    OPTIONAL { ?article a kg:Article .
               OPTIONAL { ?article dcterms:issued ?issued }
               OPTIONAL { ?article dcterms:publisher ?publisher }
               OPTIONAL { ?article dcterms:source ?source } }
  }
}"""


def base_of(graph_iri: str) -> str:
    """The base IRI of an article graph ``{base}graph/{slug}``.

    >>> base_of("https://kg.example.org/graph/000-abc")
    'https://kg.example.org/'
    """
    head, sep, _ = graph_iri.rpartition("graph/")
    return head if sep else graph_iri



def _outlet(row) -> str:
    if row["rb"] is not None:
        return "name:" + (row["rbLabel"].value if row["rbLabel"] is not None else row["rb"].value).casefold()
    if row["publisher"] is not None:
        return "name:" + row["publisher"].value.casefold()
    if row["source"] is not None:
        host = urlsplit(row["source"].value).hostname or row["source"].value
        return "host:" + host.removeprefix("www.")
    return "article:" + (row["article"].value if row["article"] is not None else row["g"].value)


def consolidation_quads(store: GraphStore) -> dict[str, list]:
    """The quads of each consolidated graph (by graph IRI), computed from the article graphs."""
    import pyoxigraph as ox

    articles = set(store.articles())
    rel: dict[tuple[str, str, str, str], dict] = {}
    for row in store.raw.query(_STATEMENTS, prefixes=PREFIXES):
        g = row["g"].value
        if g not in articles:
            continue
        key = (base_of(g), row["s"].value, row["p"].value, row["o"].value)
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
        r["sources"].add(row["article"].value if row["article"] is not None else g)
        if row["article"] is not None:
            r["articles"].add(row["article"].value)
        if row["issued"] is not None:
            r["issued"].add(row["issued"])
        for var in ("date", "start", "end"):
            if row[var] is not None:
                r["dates"].add(row[var])

    N, L = ox.NamedNode, ox.Literal
    graphs: dict[str, list] = defaultdict(list)
    for (base, s, p, o), r in sorted(rel.items()):
        if not (r["statements"] or r["plannedIn"] or r["hypotheticalIn"]):
            continue  # only denied: nothing to consolidate
        g = N(consolidated_graph_iri(base=base))
        node = N(relation_iri(s, p, o, base=base))
        add = lambda pred, obj: graphs[g.value].append(ox.Quad(node, N(pred), obj, g))  # noqa: E731
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
    return graphs


def refresh_consolidation(store: GraphStore) -> int:
    """Recompute every consolidated graph from the article graphs; returns the number of relations."""
    graphs = consolidation_quads(store)
    for g in store.graphs():
        if g.endswith(CONSOLIDATED) and g not in graphs:
            store.drop_graph(g)
    count = 0
    for g, quads in graphs.items():
        store.replace_article(g, quads)
        count += sum(1 for q in quads if q.predicate.value == RDF_TYPE)
    return count


def remove(folder, article: str) -> str:
    """Delete one article (id, article IRI or graph IRI) from a build folder; returns its graph IRI."""
    folder = Path(folder)
    if not is_store(folder / STORE_DIR):
        raise InputError(f"{folder}: not a kg build folder (no {STORE_DIR}/ inside)")
    with open_graph(folder) as store:
        graph = store.article_graph(article)
        if graph is None:
            raise InputError(f"{folder}: no article {article!r} ({len(store.articles())} articles in the store)")
        store.remove_article(graph)
        refresh_consolidation(store)
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

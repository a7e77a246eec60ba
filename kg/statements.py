"""The one reader of kg:Statement nodes, for the explorer (kg.viz), the networkx export (kg.export) and
the statements table (kg.tables).

Each statement becomes plain data: its subject, predicate and object IRIs and the lexical value of
each field of FIELDS (None when absent); a field read twice keeps the smaller value, as text, so the
result does not depend on the order of the query's rows.

>>> from kg.store import GraphStore
>>> read(GraphStore().query)
{}
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .vocab import sparql_prefixes

#: The fields of a statement, by their kg property (``article`` and ``sentence``: of its evidence).
FIELDS = ("date", "start", "end", "dateText", "dateSource", "role", "modality", "speaker", "reportedBy", "confidence",
          "rule", "sentence", "charStart", "charEnd", "article")

QUERY = sparql_prefixes("kg", "rdf", "prov") + """SELECT ?st ?s ?p ?o ?date ?start ?end ?dateText ?dateSource ?role
    ?modality ?speaker ?reportedBy ?confidence ?rule ?sentence ?charStart ?charEnd ?article WHERE {
  ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?st kg:date ?date } OPTIONAL { ?st kg:startDate ?start } OPTIONAL { ?st kg:endDate ?end }
  OPTIONAL { ?st kg:dateText ?dateText } OPTIONAL { ?st kg:dateSource ?dateSource } OPTIONAL { ?st kg:role ?role }
  OPTIONAL { ?st kg:modality ?modality } OPTIONAL { ?st kg:speaker ?speaker }
  OPTIONAL { ?st kg:reportedBy ?reportedBy } OPTIONAL { ?st kg:confidence ?confidence }
  OPTIONAL { ?st kg:rule ?rule }
  OPTIONAL { ?st kg:evidence ?ev OPTIONAL { ?ev kg:sentence ?sentence }
             OPTIONAL { ?ev kg:charStart ?charStart } OPTIONAL { ?ev kg:charEnd ?charEnd }
             OPTIONAL { ?ev prov:wasDerivedFrom ?article } }
}"""


def pick(old: Any, new: Any) -> Any:
    """Deterministic choice between two values read for one field: the smaller, as text.

    >>> pick(None, "b"), pick("b", "a"), pick("a", None)
    ('b', 'a', 'a')
    """
    if old is None:
        return new
    if new is None:
        return old
    return min(old, new, key=str)


def read(query: Callable[[str], Iterable[Any]]) -> dict[str, dict[str, str | None]]:
    """Every statement by IRI: ``s``, ``p``, ``o`` and each of FIELDS, from ``query(QUERY)``'s rows."""
    statements: dict[str, dict[str, str | None]] = {}
    for row in query(QUERY):
        st = statements.setdefault(row["st"].value, {"s": row["s"].value, "p": row["p"].value, "o": row["o"].value})
        for f in FIELDS:
            term = row[f]
            st[f] = pick(st.get(f), None if term is None else term.value)
    return statements

"""What a graph holds, in numbers: articles, entities by class, relations by type, the dated share,
outlets and date ranges (``kg stats``).

>>> from kg.store import GraphStore
>>> stats(GraphStore())["articles"], stats(GraphStore())["relations"]["dated_share"]
(0, 0.0)
"""
from __future__ import annotations

import json
from typing import Any

from .vocab import KG, sparql_prefixes

_PREFIXES = sparql_prefixes("kg", "rdf", "dcterms")
_ARTICLES = _PREFIXES + """SELECT (COUNT(DISTINCT ?a) AS ?n) (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) WHERE {
  ?a a kg:Article OPTIONAL { ?a dcterms:issued ?d } }"""
_CLASSES = _PREFIXES + """SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?a a kg:Article ; kg:mentions ?e . ?e a ?class FILTER(STRSTARTS(STR(?class), STR(kg:))) }
GROUP BY ?class"""
_ENTITIES = _PREFIXES + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?a a kg:Article ; kg:mentions ?e }"
_TYPES = _PREFIXES + """SELECT ?p (COUNT(DISTINCT ?st) AS ?n) (COUNT(DISTINCT ?dated) AS ?d) WHERE {
  ?st a kg:Statement ; rdf:predicate ?p
  OPTIONAL { ?st kg:date|kg:startDate|kg:endDate ?any BIND(?st AS ?dated) } }
GROUP BY ?p"""
_DATES = _PREFIXES + """SELECT (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last) WHERE {
  ?st a kg:Statement ; kg:date|kg:startDate|kg:endDate ?d }"""
# an article's outlet: its publisher, else the host of its URL (as kg.consolidate counts outlets)
_OUTLETS = _PREFIXES + """SELECT ?outlet (COUNT(DISTINCT ?a) AS ?n) WHERE {
  ?a a kg:Article OPTIONAL { ?a dcterms:publisher ?p } OPTIONAL { ?a dcterms:source ?u }
  BIND(COALESCE(STR(?p), IF(BOUND(?u), REPLACE(STR(?u), "^[a-zA-Z]+://(www[.])?([^/:?#]+).*$", "$2"), "(none)"))
       AS ?outlet) }
GROUP BY ?outlet"""


def _counts(rows, key: str) -> dict[str, int]:
    """{name: count}, the largest first, then by name."""
    found = {(r[key].value[len(KG):] if r[key].value.startswith(KG) else r[key].value): int(r["n"].value) for r in rows}
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def _value(term) -> str | None:
    return None if term is None else term.value


def stats(store) -> dict[str, Any]:
    """The figures of a graph (a GraphStore), as plain data (what ``kg stats --json`` prints)."""
    [articles] = list(store.query(_ARTICLES))
    [entities] = list(store.query(_ENTITIES))
    [dates] = list(store.query(_DATES))
    types = list(store.query(_TYPES))
    total = sum(int(r["n"].value) for r in types)
    dated = sum(int(r["d"].value) for r in types)
    return {
        "articles": int(articles["n"].value),
        "published": {"first": _value(articles["first"]), "last": _value(articles["last"])},
        "outlets": _counts(store.query(_OUTLETS), "outlet") if int(articles["n"].value) else {},
        "entities": {"total": int(entities["n"].value), "by_class": _counts(store.query(_CLASSES), "class")},
        "relations": {"total": total, "dated": dated, "dated_share": round(dated / total, 4) if total else 0.0,
                      "by_type": _counts(types, "p"),
                      "dates": {"first": _value(dates["first"]), "last": _value(dates["last"])}},
    }


def to_json(figures: dict[str, Any]) -> str:
    return json.dumps(figures, ensure_ascii=False, indent=2) + "\n"


def to_text(figures: dict[str, Any]) -> str:
    """The figures as a table for people."""
    rel = figures["relations"]

    def span(d: dict) -> str:
        return f"{d['first']} to {d['last']}" if d["first"] else "-"

    lines = [f"articles        {figures['articles']:>8,}   published {span(figures['published'])}",
             f"outlets         {len(figures['outlets']):>8,}",
             f"entities        {figures['entities']['total']:>8,}",
             f"relations       {rel['total']:>8,}   dated {rel['dated']:,} ({rel['dated_share']:.0%}), "
             f"dates {span(rel['dates'])}"]
    for title, table in (("entities by class", figures["entities"]["by_class"]),
                         ("relations by type", rel["by_type"]), ("articles by outlet", figures["outlets"])):
        if table:
            width = max(len(k) for k in table)
            lines += ["", title] + [f"  {k.ljust(width)}  {n:>8,}" for k, n in table.items()]
    return "\n".join(lines) + "\n"

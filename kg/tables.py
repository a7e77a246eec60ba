"""Tables for data tools: a SPARQL result as a pandas DataFrame, and the statements of a graph as one
table (CSV, Parquet) with their dates, modality, evidence and article.

pandas and pyarrow come with the ``data`` extra (``pip install 'kg[data]'``); CSV needs neither.

>>> [name for name, _ in COLUMNS][:6]
['statement', 'subject', 'subject_label', 'predicate', 'object', 'object_label']
>>> value(None), value(_literal("0.80", "decimal")), value(_literal("12", "integer")), value(_literal("2025-07", "gYearMonth"))
(None, 0.8, 12, '2025-07')
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from .errors import FormatError, QueryError
from .query import run
from .statements import read as read_statements
from .vocab import KG, XSD, sparql_prefixes

#: XSD datatypes read as Python numbers and booleans; every other literal stays its lexical form.
NUMBERS = {"integer": int, "int": int, "long": int, "short": int, "nonNegativeInteger": int,
           "positiveInteger": int, "decimal": float, "double": float, "float": float,
           "boolean": lambda v: v.strip() in ("true", "1")}

#: The statements table: (column, type) in order; type is str, int or float. Dates stay text at the
#: granularity the text gives ("2025", "2025-07", "2025-07-03"); modality and predicate are local names.
COLUMNS: tuple[tuple[str, type], ...] = (
    ("statement", str), ("subject", str), ("subject_label", str), ("predicate", str), ("object", str),
    ("object_label", str), ("modality", str), ("date", str), ("start_date", str), ("end_date", str),
    ("date_text", str), ("date_source", str), ("role", str), ("speaker", str), ("reported_by", str),
    ("confidence", float), ("rule", str), ("sentence", str), ("char_start", int), ("char_end", int),
    ("article", str), ("article_id", str), ("published", str), ("outlet", str), ("url", str),
)
#: Statement fields (kg.statements.FIELDS) behind the columns of other names.
_FROM_FIELD = {"start_date": "start", "end_date": "end", "date_text": "dateText", "date_source": "dateSource",
               "reported_by": "reportedBy", "char_start": "charStart", "char_end": "charEnd"}

_LABELS = sparql_prefixes("rdfs") + "SELECT ?e (MIN(STR(?l)) AS ?label) WHERE { ?e rdfs:label ?l } GROUP BY ?e"
_ARTICLES = sparql_prefixes("kg", "dcterms") + """SELECT ?a (MIN(STR(?i)) AS ?id) (MIN(STR(?d)) AS ?issued)
    (MIN(STR(?p)) AS ?publisher) (MIN(STR(?u)) AS ?url) WHERE {
  ?a a kg:Article OPTIONAL { ?a dcterms:identifier ?i } OPTIONAL { ?a dcterms:issued ?d }
  OPTIONAL { ?a dcterms:publisher ?p } OPTIONAL { ?a dcterms:source ?u }
} GROUP BY ?a"""


def _literal(text: str, datatype: str):
    import pyoxigraph as ox

    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


def value(term) -> Any:
    """A plain Python value of an RDF term: numbers and booleans as such, anything else as text."""
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    if datatype is not None and datatype.value.startswith(XSD):
        convert = NUMBERS.get(datatype.value[len(XSD):])
        if convert is not None:
            try:
                return convert(term.value)
            except ValueError:
                return term.value
    return term.value


def _pandas():
    try:
        import pandas
    except ImportError:
        raise FormatError("DataFrames need pandas: pip install 'kg[data]'") from None
    return pandas


def dataframe(store, sparql: str):
    """The result of a SELECT query on ``store`` (a GraphStore; our prefixes pre-bound) as a pandas
    DataFrame: a column a variable, plain values (see :func:`value`), None where a variable is unbound."""
    kind, variables, rows = run(store, sparql)
    if kind != "select":
        raise QueryError(f"a DataFrame holds the rows of a SELECT query; this query gives {kind} results")
    return _pandas().DataFrame([[value(t) for t in row] for row in rows], columns=variables)


def _local(iri: str | None) -> str | None:
    return iri[len(KG):] if iri and iri.startswith(KG) else iri


def statement_rows(store) -> list[dict[str, Any]]:
    """One row a statement (columns of COLUMNS), sorted by statement IRI."""
    labels = {r["e"].value: r["label"].value for r in store.query(_LABELS) if r["label"] is not None}
    articles = {r["a"].value: {k: None if r[k] is None else r[k].value for k in ("id", "issued", "publisher", "url")}
                for r in store.query(_ARTICLES)}
    types = dict(COLUMNS)
    out = []
    for st, fields in sorted(read_statements(store.query).items()):
        art = articles.get(fields["article"] or "", {})
        row: dict[str, Any] = {
            "statement": st, "subject": fields["s"], "subject_label": labels.get(fields["s"]),
            "predicate": _local(fields["p"]), "object": fields["o"], "object_label": labels.get(fields["o"]),
            "article_id": art.get("id"), "published": art.get("issued"), "outlet": art.get("publisher"),
            "url": art.get("url")}
        for column, kind in COLUMNS:
            if column in row:
                continue
            raw = fields.get(_FROM_FIELD.get(column, column))
            row[column] = None if raw is None else kind(raw) if kind is not str else raw
        row["modality"] = (_local(row["modality"]) or "").lower() or None
        out.append({c: row[c] for c in types})
    return out


def statements_frame(store):
    """The statements table as a pandas DataFrame (integer columns of pandas' nullable Int64)."""
    pd = _pandas()
    frame = pd.DataFrame(statement_rows(store), columns=[c for c, _ in COLUMNS])
    for column, kind in COLUMNS:
        frame[column] = frame[column].astype({int: "Int64", float: "Float64", str: "string"}[kind])
    return frame


def write_csv(store, path: Path) -> None:
    """The statements table as CSV (UTF-8, a header line, empty cells where a value is absent)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([c for c, _ in COLUMNS])
        for row in statement_rows(store):
            writer.writerow(["" if v is None else v for v in row.values()])


def write_parquet(store, path: Path) -> None:
    """The statements table as Parquet, typed (strings, int64, float64), Zstandard-compressed."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise FormatError("Parquet needs pyarrow: pip install 'kg[data]'") from None
    kinds = {str: pa.string(), int: pa.int64(), float: pa.float64()}
    schema = pa.schema([(c, kinds[k]) for c, k in COLUMNS])
    table = pa.Table.from_pylist(statement_rows(store), schema=schema)
    pq.write_table(table, str(path), compression="zstd")

"""SPARQL over a kg graph: our prefixes pre-bound, results as a table, CSV, TSV or JSON, named queries.

Named queries are files ``ontology/queries/NAME.rq`` whose comment header gives a title, a
description and the parameters (``# param: NAME (literal|integer|iri[, default V]) text``);
a parameter ``?NAME`` in the query body is replaced by the value given, as an RDF term
(the SPARQL text helpers are in kg.sparql).
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from .errors import FormatError, InputError, QueryError
from .resources import ontology_dir
from .sparql import Param, param_term, substitute
from .vocab import PREFIXES, XSD_STRING

RESULT_FORMATS = ("table", "csv", "tsv", "json")

# ---------------------------------------------------------------------- named queries
@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    def render(self, values: dict[str, str] | None = None) -> str:
        """The query with its parameters replaced by RDF terms (checked, escaped)."""
        values = dict(values or {})
        allowed = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(allowed))
        if unknown:
            raise QueryError(
                f"{self.name}: unknown parameter {', '.join(unknown)}; allowed: {', '.join(allowed) or 'none'}"
            )
        terms = {}
        for p in self.params:
            value = values.get(p.name, p.default)
            if value is None:
                raise QueryError(f"{self.name}: missing parameter --param {p.name}=... ({p.description})")
            terms[p.name] = param_term(self.name, p, value)
        return substitute(self.text, terms)


_HEADER = re.compile(r"#\s*(title|description|param)\s*:\s*(.*)", re.IGNORECASE)
_PARAM = re.compile(r"(\w+)\s*(?:\((\w+)(?:\s*,\s*default\s+([^)]*))?\))?\s*(.*)")


def parse_named(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its comment header."""
    text = path.read_text(encoding="utf-8")
    info: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            info[m.group(1).lower()].append(m.group(2).strip())
        elif info["description"] and line[1:].strip():
            info["description"][-1] += " " + line[1:].strip()
    params = []
    for spec in info["param"]:
        m = _PARAM.fullmatch(spec)
        kind = (m.group(2) or "literal").lower()
        if kind not in ("literal", "integer", "iri"):
            raise InputError(f"{path}: parameter {m.group(1)}: kind {kind!r}; allowed: literal, integer, iri")
        params.append(Param(m.group(1), kind, m.group(3).strip() if m.group(3) else None, m.group(4)))
    return NamedQuery(path.stem, path, text, " ".join(info["title"]), " ".join(info["description"]), tuple(params))


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries shipped in ontology/queries, by name."""
    if folder is None:
        folder = ontology_dir() / "queries"
    return {p.stem: parse_named(p) for p in sorted(Path(folder).glob("*.rq"))}


def named_query(name: str, folder: Path | None = None) -> NamedQuery:
    queries = named_queries(folder)
    if name not in queries:
        raise QueryError(f"no named query {name!r}; available: {', '.join(queries) or 'none'}")
    return queries[name]


# ---------------------------------------------------------------------- running and formatting
def run(store, sparql: str, *, allow_service: bool = False, limit: int | None = None, **kw: Any
        ) -> tuple[str, Any, Any]:
    """Evaluate a query: ("select", variables, rows) | ("graph", None, triples) | ("ask", None, bool).

    ``limit`` stops after that many rows (a truncated result has ``limit + 1`` rows available).
    """
    import itertools

    import pyoxigraph as ox

    result = store.query(sparql, allow_service=allow_service, **kw)
    cap = (lambda it: list(itertools.islice(it, limit + 1))) if limit is not None else list
    try:
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            return "select", variables, [[s[v] for v in variables] for s in cap(result)]
        if isinstance(result, ox.QueryTriples):
            return "graph", None, cap(result)
        return "ask", None, bool(result)
    except OSError as err:
        raise QueryError(f"query failed: {err}") from None


def query(store, sparql: str, *, fmt: str = "table", allow_service: bool = False) -> str:
    """Run a SPARQL query on a GraphStore and format the result.

    >>> from kg.store import GraphStore
    >>> print(query(GraphStore(), "ASK { ?s ?p ?o }", fmt="json"))
    {"head": {}, "boolean": false}
    """
    if fmt not in RESULT_FORMATS:
        raise FormatError(f"result format {fmt!r}; allowed: {', '.join(RESULT_FORMATS)}")
    kind, variables, rows = run(store, sparql, allow_service=allow_service)
    if kind == "ask":
        return json.dumps({"head": {}, "boolean": rows}) if fmt == "json" else ("true" if rows else "false")
    if kind == "graph":
        variables = ["subject", "predicate", "object"]
        rows = [[t.subject, t.predicate, t.object] for t in rows]
    return FORMATTERS[fmt](variables, rows)


def _json_term(term) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def to_json(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _plain(term) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value if hasattr(term, "value") else str(term)


def to_csv(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """SPARQL 1.1 Query Results CSV (plain values, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_plain(t) for t in row])
    return out.getvalue()


def to_tsv(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle syntax)."""
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row))
    return "\n".join(lines) + "\n"


def to_xml(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f'<variable name="{xml_escape(v)}"/>' for v in variables]
    out += ["</head>", "<results>"]
    for row in rows:
        out.append("<result>")
        for v, t in zip(variables, row):
            if t is None:
                continue
            j = _json_term(t)
            if j["type"] == "uri":
                value = f"<uri>{xml_escape(j['value'])}</uri>"
            elif j["type"] == "bnode":
                value = f"<bnode>{xml_escape(j['value'])}</bnode>"
            else:
                attr = (f' xml:lang="{xml_escape(j["xml:lang"])}"' if "xml:lang" in j else "") + (
                    f' datatype="{xml_escape(j["datatype"])}"' if "datatype" in j else ""
                )
                value = f"<literal{attr}>{xml_escape(j['value'])}</literal>"
            out.append(f'<binding name="{xml_escape(v)}">{value}</binding>')
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def compact(term, width: int = 60) -> str:
    """A short display form: prefixed names for known namespaces, literal values as they are."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and re.fullmatch(r"[\w-]*", term.value[len(ns):]):
                return f"{prefix}:{term.value[len(ns):]}"
        text = term.value
    else:
        text = _plain(term)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An aligned plain-text table, one row per solution, with the row count."""
    cells = [[compact(t) for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(variables), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


FORMATTERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}


def query_text(*, sparql: str | None = None, file: str | Path | None = None, named: str | None = None,
               params: Iterable[str] = ()) -> str:
    """The query to run from exactly one of: its text, a .rq file, a named query (with NAME=VALUE params)."""
    given = [x for x in (sparql, file, named) if x]
    if len(given) != 1:
        raise QueryError("give exactly one of: a SPARQL query, -f FILE.rq, --named NAME")
    values = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise QueryError(f"--param {p!r}: expected NAME=VALUE")
        values[name.strip()] = value
    if values and not named:
        raise QueryError("--param goes with --named")
    if named:
        return named_query(named).render(values)
    if file:
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{file}: cannot read the query: {err}") from None
    return sparql

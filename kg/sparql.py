"""SPARQL text helpers shared by query, store and serve: lexing, SERVICE/dataset checks, syntax errors,
parameters.

>>> tokens = [kind for kind, _ in lex('SELECT ?s # SERVICE\\nWHERE { ?s <http://x/SERVICE> "SERVICE" }')]
>>> tokens.count("comment"), tokens.count("iri"), tokens.count("string")
(1, 1, 1)
>>> uses_service('SELECT * { ?service ?p "SERVICE" }'), uses_service('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }')
(False, True)
>>> has_dataset('SELECT * FROM <http://x/g> { ?s ?p ?o }'), has_dataset('SELECT ?from { ?from ?p ?o }')
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError

_TOKEN = re.compile(
    r"""(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<comment>\#[^\n\r]*)
      |(?P<other>[^'"<\#]+|.)""",
    re.VERBOSE | re.DOTALL,
)


def lex(sparql: str) -> list[tuple[str, str]]:
    """Split a query into strings, IRIs, comments and the rest (enough to find keywords and variables)."""
    return [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(sparql)]


def keyword(sparql: str, word: str) -> bool:
    pattern = re.compile(rf"(?<![\w?$:]){word}(?![\w:])", re.IGNORECASE)
    unescaped = re.sub(
        r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql
    )
    return any(
        kind == "other" and pattern.search(text) for q in {sparql, unescaped} for kind, text in lex(q)
    )


def uses_service(sparql: str) -> bool:
    """Whether the query calls a remote endpoint (SERVICE)."""
    return keyword(sparql, "SERVICE")


def has_dataset(sparql: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED)."""
    return keyword(sparql, "FROM")


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse SERVICE (a remote call) unless allowed."""
    if not allow_service and uses_service(sparql):
        raise QueryError("SERVICE (querying a remote endpoint) is not allowed here; kg never fetches remote graphs")


def syntax_error(sparql: str, err: Exception) -> QueryError:
    """A QueryError naming line and column, with the offending line and a caret.

    >>> print(syntax_error("SELECT *\\nWHERE { ?s ?p }", SyntaxError("error at 2:15: expected [_]")))
    SPARQL syntax error at line 2, column 15: expected [_]
      WHERE { ?s ?p }
                    ^
    """
    message = str(err)
    m = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", message, re.DOTALL)
    if not m:
        return QueryError(f"SPARQL syntax error: {message}")
    line, column, what = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    lines = sparql.splitlines() or [""]
    text = lines[min(line, len(lines)) - 1]
    caret = max(1, min(column, len(text)))  # the parser's column may be just past the end of the line
    return QueryError(f"SPARQL syntax error at line {line}, column {column}: {what}\n  {text}\n  {' ' * (caret - 1)}^")



@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "literal"
    default: str | None = None
    description: str = ""


def param_term(query: str, p: Param, value: str) -> str:
    import pyoxigraph as ox

    if p.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"{query}: parameter {p.name}={value!r}: expected an integer")
        return str(int(value))
    if p.kind == "iri":
        try:
            return str(ox.NamedNode(value.strip().strip("<>")))
        except ValueError:
            raise QueryError(f"{query}: parameter {p.name}={value!r}: expected an absolute IRI") from None
    return str(ox.Literal(value))


def substitute(sparql: str, terms: dict[str, str]) -> str:
    """Replace the variables ``?name``/``$name`` outside strings, IRIs and comments by terms.

    >>> substitute('SELECT ?x { ?x rdfs:label ?label } # ?label', {"label": '"Russia"'})
    'SELECT ?x { ?x rdfs:label "Russia" } # ?label'
    """
    if not terms:
        return sparql
    pattern = re.compile(r"[?$](" + "|".join(map(re.escape, terms)) + r")(?![\w\u00b7-])")
    return "".join(
        pattern.sub(lambda m: terms[m.group(1)], text) if kind == "other" else text for kind, text in lex(sparql)
    )

"""The explorer: one self-contained, offline HTML page to read a graph.

``view_data`` reads the RDF of a store into plain data, kg.overview groups parallel statements into
links, ranks the entities and picks the opening view (and cuts a graph too large for one page),
``layout`` (kg.graphlayout) precomputes node positions, ``render_html`` writes the page:
vis-network (the build pyvis ships) and the explorer's own script and style inlined, the data
embedded as escaped JSON. Nothing on the page loads from the network, and the same graph gives
the same bytes; data strings reach the DOM only through ``textContent``.

>>> view = {"nodes": [{"id": "a", "label": "A", "cls": "Country", "aliases": [], "ids": {},
...                    "degree": 1}, {"id": "b", "label": "B", "cls": "Person", "aliases": [],
...                    "ids": {}, "degree": 1}],
...         "edges": [{"id": "s1", "source": "b", "target": "a", "type": "visits"}]}
>>> positioned = layout(view)
>>> [isinstance(n["x"], float) and isinstance(n["y"], float) for n in positioned["nodes"]]
[True, True]
>>> page = render_html(positioned, title="<b>demo</b>")
>>> "<b>demo</b>" in page, "&lt;b&gt;demo&lt;/b&gt;" in page
(False, True)
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from . import ontology
from .formats import write_text_atomic
from .graphlayout import layout
from .overview import prepare
from .statements import pick as _pick
from .statements import read as read_statements
from .vocab import KG, OWL, SCHEMA, SKOS, sparql_prefixes

TEMPLATES = Path(__file__).parent / "templates"
NOT_ENTITY = {"Article", "Statement", "Evidence", "Modality", "Relation", "BackgroundFact"}  # Relation, BackgroundFact: derived
IDENTIFIERS = {KG + "iso3166": "ISO 3166", KG + "geonamesId": "GeoNames",
               OWL + "sameAs": "same as", SKOS + "exactMatch": "exact match",
               SCHEMA + "sameAs": "same as"}

PREFIXES = sparql_prefixes("kg", "rdf", "rdfs", "skos", "dcterms", "prov")

Q_ENTITIES = PREFIXES + """SELECT ?e ?cls ?label WHERE {
  ?e a ?cls . FILTER(STRSTARTS(STR(?cls), STR(kg:)))
  OPTIONAL { ?e rdfs:label ?label }
}"""
Q_MENTIONS = PREFIXES + "SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a kg:mentions ?e } GROUP BY ?e"
Q_ALIASES = PREFIXES + "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"
Q_IDS = PREFIXES + """SELECT ?e ?p ?v WHERE { VALUES ?p { %s } ?e ?p ?v }""" % " ".join(
    f"<{p}>" for p in IDENTIFIERS)
Q_ARTICLES = PREFIXES + """SELECT ?a ?id ?title ?issued ?url ?publisher WHERE {
  ?a a kg:Article .
  OPTIONAL { ?a dcterms:identifier ?id } OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a dcterms:issued ?issued } OPTIONAL { ?a dcterms:source ?url }
  OPTIONAL { ?a dcterms:publisher ?publisher }
}"""
def _local(iri: str) -> str:
    """The local name of an IRI.

    >>> _local("https://w3id.org/newskg/ontology#meetsWith"), _local("https://x.org/id/russia")
    ('meetsWith', 'russia')
    """
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _humanize(name: str) -> str:
    """A readable label from a camelCase local name.

    >>> _humanize("signsAgreementWith")
    'signs agreement with'
    """
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _months(lexical: str | None) -> tuple[int, int] | None:
    """The first and last month (year * 12 + month - 1) a date literal covers.

    >>> _months("2025"), _months("2025-07"), _months("2025-07-14"), _months("July")
    ((24300, 24311), (24306, 24306), (24306, 24306), None)
    """
    m = re.match(r"^(-?\d{4})(?:-(\d\d))?", lexical or "")
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2):
        month = year * 12 + int(m.group(2)) - 1
        return month, month
    return year * 12, year * 12 + 11


def view_data(store) -> dict:
    """Plain data for the explorer from a pyoxigraph store holding kg RDF (all graphs, as a union).

    Nodes are the entities (``x``/``y`` are None until :func:`layout`; ``mentions``: the articles that
    mention it); one edge per statement, negated ones included; ``classes`` and ``types`` list what
    occurs, with labels and counts.
    """
    onto = ontology.load()

    def rows(query):
        if hasattr(store, "has_union"):  # a kg GraphStore: its default graph is the union
            return store.query(query)
        return store.query(query, use_default_graph_as_union=True)

    def value(term):
        return None if term is None else term.value

    classes: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for row in rows(Q_ENTITIES):
        cls = _local(row["cls"].value)
        if cls in NOT_ENTITY or not row["e"].value:
            continue
        e = row["e"].value
        classes.setdefault(e, set()).add(cls)
        if row["label"] is not None:
            labels[e] = _pick(labels.get(e), row["label"].value)
    mentions = {row["e"].value: int(row["n"].value) for row in rows(Q_MENTIONS)}
    aliases: dict[str, set[str]] = {}
    for row in rows(Q_ALIASES):
        aliases.setdefault(row["e"].value, set()).add(row["alt"].value)
    idents: dict[str, dict[str, str]] = {}
    for row in rows(Q_IDS):
        key = IDENTIFIERS[row["p"].value]
        idents.setdefault(row["e"].value, {})[key] = _pick(
            idents.get(row["e"].value, {}).get(key), row["v"].value)
    articles: dict[str, dict] = {}
    for row in rows(Q_ARTICLES):
        a = row["a"].value
        art = articles.setdefault(a, {"title": None, "url": None, "published": None, "id": None,
                                      "publisher": None})
        for key, var in (("title", "title"), ("url", "url"), ("published", "issued"),
                         ("id", "id"), ("publisher", "publisher")):
            art[key] = _pick(art[key], value(row[var]))

    statements = read_statements(rows)

    def name(iri):
        return labels.get(iri) or _local(iri)

    edges, degree = [], {}
    for sid in sorted(statements):
        st = statements[sid]
        for end in (st["s"], st["o"]):
            classes.setdefault(end, set())
            degree[end] = degree.get(end, 0) + 1
        span = [_months(st["date"]), _months(st["start"]), _months(st["end"])]
        span = [s for s in span if s]
        art = articles.get(st["article"] or "", {"title": None, "url": None, "published": None,
                                                  "id": None, "publisher": None})
        edges.append({
            "id": sid, "source": st["s"], "target": st["o"], "type": _local(st["p"]),
            "date": st["date"], "start": st["start"], "end": st["end"],
            "date_text": st["dateText"],
            "modality": _local(st["modality"]).lower() if st["modality"] else "asserted",
            "role": st["role"],
            "confidence": float(st["confidence"]) if st["confidence"] is not None else None,
            "rule": st["rule"], "sentence": st["sentence"],
            "article": dict(art),
            "speaker": name(st["speaker"]) if st["speaker"] else None,
            "reported_by": name(st["reportedBy"]) if st["reportedBy"] else None,
            "months": [min(s[0] for s in span), max(s[1] for s in span)] if span else None,
        })
    nodes = []
    for e in sorted(classes):
        cls = max(sorted(classes[e]), key=onto.depth) if classes[e] else "Thing"
        label = name(e)
        nodes.append({"id": e, "label": label, "cls": cls,
                      "aliases": sorted(aliases.get(e, set()) - {label}),
                      "ids": dict(sorted(idents.get(e, {}).items())),
                      "degree": degree.get(e, 0), "mentions": mentions.get(e, 0), "x": None, "y": None})
    cls_count: dict[str, int] = {}
    for n in nodes:
        cls_count[n["cls"]] = cls_count.get(n["cls"], 0) + 1
    type_count: dict[str, int] = {}
    for e in edges:
        type_count[e["type"]] = type_count.get(e["type"], 0) + 1
    return {
        "nodes": nodes, "edges": edges,
        "classes": [{"id": c, "label": onto.labels.get(c, _humanize(c)), "count": k,
                     "parent": onto.parents.get(c)} for c, k in sorted(cls_count.items())],
        "types": [{"id": t, "label": onto.labels.get(t, _humanize(t)), "count": k,
                   "group": onto.groups.get(t, "other")} for t, k in sorted(type_count.items())],
    }


# ------------------------------------------------------------------------------------- render

def vis_network_js() -> str:
    """The vis-network build that pyvis ships (its licence header included), found without importing
    pyvis (which imports networkx, jinja2 and IPython helpers: a tenth of a second)."""
    from importlib.util import find_spec

    path = Path(find_spec("pyvis").origin).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


def _json_for_script(data: Any) -> str:
    r"""JSON safe inside a <script> element: no <, >, & or line separators left raw.

    >>> _json_for_script({"s": "</script><b>&\u2028"})
    '{"s":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _script_safe(code: str) -> str:
    if re.search(r"</script|<!--", code, re.I):
        raise ValueError("inline script contains '</script' or '<!--'")
    return code


#: The field names of the rows of the payload, sent with it: the page reads fields by name.
FIELDS = {
    "node": ("label", "cls", "x", "y", "size", "degree", "links", "mentions", "rank", "aliases", "ids", "iri"),
    "edge": ("source", "target", "type", "date", "start", "end", "dateText", "modality", "role", "confidence",
             "rule", "sentence", "article", "speaker", "reportedBy", "months", "link", "iri"),
    "link": ("source", "target", "type"),
    "article": ("id", "title", "url", "published", "publisher"),
    "class": ("id", "label", "parent"),
    "type": ("id", "label", "group", "symmetric"),
}


def _style() -> dict:
    """How the page draws the ontology (ontology/explorer.yaml), with the relation groups in legend order."""
    style = ontology.style()
    return {"classColors": style["class_colors"], "spareColors": style["spare_colors"],
            "groupColors": style["group_colors"], "groups": [*ontology.GROUPS, "other"],
            "modalities": [{"name": m["name"], "label": m["label"], "dashes": m["dashes"]}
                           for m in style["modalities"]]}


def _payload(view: dict, title: str) -> dict:
    """The prepared view in the compact form the page reads: rows of values (indexes into the other
    tables), with their field names in ``fields`` (FIELDS), and the drawing data in ``style``."""
    index = {n["id"]: i for i, n in enumerate(view["nodes"])}
    classes = [c["id"] for c in view.get("classes", [])]
    for n in view["nodes"]:
        if n["cls"] not in classes:
            classes.append(n["cls"])
    types = [t["id"] for t in view.get("types", [])]
    for e in view["edges"]:
        if e["type"] not in types:
            types.append(e["type"])
    onto = ontology.load()
    arts: dict[tuple, int] = {}
    art_rows = []
    edges = []
    for e in view["edges"]:
        a = e.get("article") or {}
        key = (a.get("id"), a.get("title"), a.get("url"), a.get("published"), a.get("publisher"))
        if key not in arts:
            arts[key] = len(art_rows)
            art_rows.append(list(key))
        months = e.get("months")
        if months is None:
            span = [m for m in (_months(e.get("date")), _months(e.get("start")),
                                _months(e.get("end"))) if m]
            months = [min(s[0] for s in span), max(s[1] for s in span)] if span else None
        edges.append([index[e["source"]], index[e["target"]], types.index(e["type"]),
                      e.get("date"), e.get("start"), e.get("end"), e.get("date_text"),
                      e.get("modality") or "asserted", e.get("role"), e.get("confidence"),
                      e.get("rule"), e.get("sentence"), arts[key], e.get("speaker"),
                      e.get("reported_by"), months, e["link"], e["id"]])
    nodes = [[n["label"], classes.index(n["cls"]), n["x"], n["y"], n["size"], n["degree"], n["links"],
              n.get("mentions", 0), n["rank"], n.get("aliases") or [], n.get("ids") or {}, n["id"]]
             for n in view["nodes"]]
    links = [[index[k["source"]], index[k["target"]], types.index(k["type"])] for k in view["links"]]
    return {
        "title": title, "nodes": nodes, "edges": edges, "links": links, "articles": art_rows,
        "classes": [[c, onto.labels.get(c, _humanize(c)), onto.parents.get(c)] for c in classes],
        "types": [[t, onto.labels.get(t, _humanize(t)), onto.groups.get(t, "other"),
                   t in onto.symmetric] for t in types],
        "view": {"minLinks": view["default"]["min_links"]}, "omitted": view.get("omitted"),
        "fields": {k: list(v) for k, v in FIELDS.items()}, "style": _style(),
    }


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def render_html(view: dict, *, title: str = "kg explorer") -> str:
    """The whole explorer page as one string: no external resource, data embedded as JSON.

    A view not yet prepared (kg.overview) or laid out (:func:`layout`) is so first.
    """
    if "links" not in view:
        view = prepare(view)
    if any(n.get("x") is None or "size" not in n for n in view["nodes"]):
        view = layout(view)
    vis = _script_safe(vis_network_js())
    app = _script_safe((TEMPLATES / "explorer.js").read_text(encoding="utf-8"))
    css = (TEMPLATES / "explorer.css").read_text(encoding="utf-8")
    if re.search(r"</style", css, re.I):
        raise ValueError("inline style contains '</style'")
    parts = {
        "TITLE": html.escape(title),
        "CSP": f"default-src 'none'; script-src {_csp_hash(vis)} {_csp_hash(app)}; "
               "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
               "base-uri 'none'; form-action 'none'",
        "CSS": css, "VIS_JS": vis, "APP_JS": app,
        "DATA": _json_for_script(_payload(view, title)),
    }
    template = (TEMPLATES / "explorer.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)


def write_html(store, path, *, title: str = "kg explorer") -> None:
    """View, lay out and render the graph of ``store`` into ``path``, atomically."""
    write_text_atomic(Path(path), render_html(layout(view_data(store)), title=title))

"""What the explorer shows first: parallel statements as links, entity ranks, the default view, and
the part of a very large graph that one page holds. Plain data in, plain data out.

A *link* is every statement of one (subject, predicate, object), the two ends in sorted order for a
symmetric predicate; the page draws it as one edge with a count. An entity's ``links`` is the number
of other entities it is linked to; its ``rank`` orders entities by importance (links, then
statements, then the articles that mention it). The opening view shows the entities of at least
``min_links`` links, chosen so that it holds at most :data:`DEFAULT_MAX` entities.

>>> view = {"nodes": [{"id": i, "label": i.upper(), "degree": 0} for i in "abcd"],
...         "edges": [{"id": "s1", "source": "a", "target": "b", "type": "meetsWith"},
...                   {"id": "s2", "source": "b", "target": "a", "type": "meetsWith"},
...                   {"id": "s3", "source": "a", "target": "c", "type": "visits"}]}
>>> out = prepare(view)
>>> [(l["source"], l["type"], l["target"], l["statements"]) for l in out["links"]]
[('a', 'meetsWith', 'b', [0, 1]), ('a', 'visits', 'c', [2])]
>>> [(n["id"], n["links"], n["rank"]) for n in out["nodes"]], out["default"]
([('a', 2, 0), ('b', 1, 1), ('c', 1, 2), ('d', 0, 3)], {'min_links': 1})
"""
from __future__ import annotations

from . import ontology

#: The opening view holds at most this many entities (the least linked are hidden; a control shows them).
DEFAULT_MAX = 150
#: A page holds at most this many entities and statements (benchmarks/bench_viz.py: usable at this size);
#: a larger graph gets a page of its most linked entities and the statements among them.
PAGE_MAX_ENTITIES = 10_000
PAGE_MAX_STATEMENTS = 30_000


def link_key(source: str, target: str, kind: str, symmetric: bool) -> tuple[str, str, str]:
    """The (subject, predicate, object) a statement is drawn under: a symmetric one in sorted order.

    >>> link_key("b", "a", "meetsWith", True), link_key("b", "a", "visits", False)
    (('a', 'meetsWith', 'b'), ('b', 'visits', 'a'))
    """
    if symmetric and target < source:
        source, target = target, source
    return source, kind, target


def _links(nodes: list[dict], edges: list[dict]) -> list[dict]:
    symmetric = ontology.load().symmetric
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, e in enumerate(edges):
        key = link_key(str(e["source"]), str(e["target"]), e["type"], e["type"] in symmetric)
        groups.setdefault(key, []).append(i)
    ids = {str(n["id"]): n["id"] for n in nodes}
    return [{"source": ids[s], "target": ids[o], "type": t, "statements": st}
            for (s, t, o), st in sorted(groups.items())]


def _neighbours(nodes: list[dict], links: list[dict]) -> dict:
    """How many other entities each entity is linked to."""
    seen: dict = {n["id"]: set() for n in nodes}
    for link in links:
        if link["source"] != link["target"]:
            seen[link["source"]].add(link["target"])
            seen[link["target"]].add(link["source"])
    return {k: len(v) for k, v in seen.items()}


def rank_key(node: dict) -> tuple:
    """Sort key of importance: most linked entities first, then most stated, most mentioned."""
    return (-node.get("links", 0), -node.get("degree", 0), -node.get("mentions", 0), str(node.get("label")),
            str(node["id"]))


def default_min_links(counts: list[int], most: int = DEFAULT_MAX) -> int:
    """The fewest links an entity of the opening view has: the smallest threshold that leaves at most
    ``most`` entities (entities with no link are hidden once any link exists).

    >>> default_min_links([0, 0, 1, 1, 2, 5], most=3), default_min_links([0, 1], most=3), default_min_links([0, 0])
    (2, 1, 0)
    """
    values = sorted(set(counts))
    start = 1 if any(counts) else 0
    for t in values:
        if t >= start and sum(1 for c in counts if c >= t) <= most:
            return t
    return max(values[-1], start) if values else 0


def _measure(nodes: list[dict], edges: list[dict]) -> tuple[list[dict], list[dict]]:
    """The links of a graph, and a copy of its nodes with ``links`` and ``degree`` (statements at either end)."""
    links = _links(nodes, edges)
    count = _neighbours(nodes, links)
    degree = {n["id"]: 0 for n in nodes}
    for e in edges:
        degree[e["source"]] += 1
        degree[e["target"]] += 1
    return links, [dict(n, links=count[n["id"]], degree=degree[n["id"]]) for n in nodes]


def prepare(view: dict) -> dict:
    """A copy of ``view`` with ``links``, each edge's ``link``, each node's ``links``, ``degree`` and
    ``rank``, and ``default`` (the opening view's ``min_links``). Too large a graph is first cut to
    what a page holds (:func:`reduce`)."""
    view = reduce(view)
    links, nodes = _measure(view["nodes"], view["edges"])
    order = sorted(range(len(nodes)), key=lambda i: rank_key(nodes[i]))
    for r, i in enumerate(order):
        nodes[i]["rank"] = r
    of = {i: k for k, link in enumerate(links) for i in link["statements"]}
    out = dict(view, nodes=nodes, links=links, edges=[dict(e, link=of[i]) for i, e in enumerate(view["edges"])])
    out["default"] = {"min_links": default_min_links([n["links"] for n in nodes])}
    return out


def reduce(view: dict, max_entities: int | None = None, max_statements: int | None = None) -> dict:
    """``view`` itself when a page can hold it (PAGE_MAX_ENTITIES, PAGE_MAX_STATEMENTS unless given);
    else the most linked entities and the links among them (whole links, those of the most important
    ends first) up to the limits, with ``omitted`` saying how many entities and statements are left out.

    >>> nodes = [{"id": i, "label": i} for i in "abcde"]
    >>> edges = [{"id": f"s{k}", "source": s, "target": o, "type": "visits"}
    ...          for k, (s, o) in enumerate(["ab", "ac", "ad", "bc", "de"])]
    >>> small = reduce({"nodes": nodes, "edges": edges}, max_entities=3, max_statements=10)
    >>> [n["id"] for n in small["nodes"]], [e["id"] for e in small["edges"]], small["omitted"]["entities"]
    (['a', 'b', 'c'], ['s0', 's1', 's3'], 2)
    """
    nodes, edges = view["nodes"], view["edges"]
    max_entities = PAGE_MAX_ENTITIES if max_entities is None else max_entities
    max_statements = PAGE_MAX_STATEMENTS if max_statements is None else max_statements
    if len(nodes) <= max_entities and len(edges) <= max_statements:
        return view
    links, measured = _measure(nodes, edges)
    ranked = sorted(measured, key=rank_key)
    rank = {n["id"]: r for r, n in enumerate(ranked)}
    order = sorted(links, key=lambda k: (max(rank[k["source"]], rank[k["target"]]),
                                         min(rank[k["source"]], rank[k["target"]]), k["type"]))
    keep_nodes: set = set()
    keep_edges: list[int] = []
    taken = 0
    for link in order:
        ends = {link["source"], link["target"]} - keep_nodes
        if len(keep_nodes) + len(ends) > max_entities or len(keep_edges) + len(link["statements"]) > max_statements:
            break
        keep_nodes |= ends
        keep_edges += link["statements"]
        taken += 1
    for link in order[taken:]:   # then the other links between the entities kept, while they fit
        if link["source"] in keep_nodes and link["target"] in keep_nodes and \
                len(keep_edges) + len(link["statements"]) <= max_statements:
            keep_edges += link["statements"]
    kept = [n for n in nodes if n["id"] in keep_nodes]
    out = dict(view, nodes=kept, edges=[edges[i] for i in sorted(keep_edges)])
    out["omitted"] = {"entities": len(nodes) - len(kept), "statements": len(edges) - len(keep_edges),
                      "total_entities": len(nodes), "total_statements": len(edges)}
    return out

"""Node positions for the explorer, computed once in Python: deterministic (seeded, sorted), the
opening view first.

The entities of the opening view (those of at least ``min_links`` links, see kg.overview) are laid
out on their own, by their distances in the whole graph (1 when linked, 2 when both are linked to
one entity, shown or hidden, and the paths these make): a seeded spring layout, then stress
majorization, then dots pulled apart where two are too close; parts with no such path between them
are packed in rows, largest first. So entities linked through hidden ones still sit together.
Every other entity is then placed without moving them: each less linked one beside the entity that
links it in (or, when they are many times more, spread evenly in a ring around), parts of the graph with no entity of the opening view below, entities with no link in
a grid under everything; showing the hidden entities adds dots and moves none. Positions are pixels
at zoom 1, rounded to 0.1.

>>> view = {"nodes": [{"id": i, "label": i} for i in "abc"],
...         "edges": [{"id": "s1", "source": "a", "target": "b", "type": "meetsWith"}]}
>>> placed = layout(view)
>>> [(n["id"], n["x"], n["y"]) for n in placed["nodes"]] == [(n["id"], n["x"], n["y"]) for n in layout(view)["nodes"]]
True
>>> len({(n["x"], n["y"]) for n in placed["nodes"]})
3
"""
from __future__ import annotations

import math

from .overview import prepare

#: Distance between two linked entities, in pixels at zoom 1; no two dots of one part end closer
#: than GAP, edge to edge (room for a label).
SPACING = 130.0
#: Parts of this many nodes and more are laid out by networkx's sparse spring layout (see _spring).
SPRING_DENSE = 500
GAP = 38.0
#: Parts up to this size are pulled apart pair by pair (quadratic); larger ones keep the spring layout.
SEPARATE_MAX = 700
#: When the entities placed around the opening view outnumber it this many times, they are spread
#: evenly in a ring around it instead (each in its direction from the centre), AREA pixels each.
HALO_AFTER = 4
AREA = 48.0 ** 2
#: Parts up to this size get a stress layout (all pairs: quadratic) from their spring layout.
STRESS_MAX = 400
GOLDEN = 2.399963229728653


def node_size(node: dict) -> float:
    """The radius of an entity's dot, in pixels at zoom 1: grows with its links and statements.

    >>> node_size({"links": 0, "degree": 0}), node_size({"links": 3, "degree": 5}), node_size({"links": 400, "degree": 900})
    (7.0, 17.6, 26.0)
    """
    return round(min(26.0, 7 + 4 * math.log2(1 + node["links"]) + math.log2(1 + node["degree"])), 1)


def _sunflower(k: int, step: float) -> tuple[float, float]:
    """Offset k of a Vogel spiral: evenly filled discs, deterministic."""
    r = step * math.sqrt(k + 0.5)
    return r * math.cos(k * GOLDEN), r * math.sin(k * GOLDEN)


def _separate(xy, radius, rounds: int = 80):
    """Push apart, in place, the dots of ``xy`` (an n x 2 array) of radii ``radius`` until any two are
    GAP apart, edge to edge."""
    import numpy as np

    n = len(xy)
    if n < 2 or n > SEPARATE_MAX:
        return xy
    gap = radius[:, None] + radius[None, :] + GAP
    tie = np.stack([np.cos(np.arange(n) * GOLDEN), np.sin(np.arange(n) * GOLDEN)], axis=1)
    for _ in range(rounds):
        d = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(d[..., 0], d[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = dist < gap
        if not close.any():
            break
        unit = np.where(dist[..., None] > 1e-9, d / np.maximum(dist, 1e-9)[..., None], tie[:, None, :])
        push = np.where(close, (gap - np.minimum(dist, gap)) / 2, 0.0)
        xy += (unit * push[..., None]).sum(axis=1) * 0.6
    return xy


def _stress(hops, xy, rounds: int = 300):
    """Stress majorization (Gansner, Koren and North 2004) from ``xy``: the distance of two entities
    on the page close to ``hops`` (an n x n array of path lengths) times SPACING."""
    import numpy as np

    want = hops * SPACING
    w = np.where(hops > 0, 1.0 / np.maximum(want, 1e-9) ** 2, 0.0)
    total = w.sum(axis=1)[:, None]
    for _ in range(rounds):
        d = xy[:, None, :] - xy[None, :, :]
        dist = np.maximum(np.hypot(d[..., 0], d[..., 1]), 1e-6)
        pull = (w * want / dist)[..., None] * d
        nxt = ((w[..., None] * xy[None, :, :]).sum(axis=1) + pull.sum(axis=1)) / total
        moved = float(np.abs(nxt - xy).max())
        xy = nxt
        if moved < 0.05:
            break
    return xy


def _paths(members: list[int], pairs: dict):
    """Shortest path lengths between members (Floyd-Warshall) over ``pairs``: {(u, v): length}."""
    import numpy as np

    at = {v: k for k, v in enumerate(members)}
    hops = np.full((len(members), len(members)), np.inf)
    np.fill_diagonal(hops, 0.0)
    for (u, v), d in pairs.items():
        hops[at[u], at[v]] = hops[at[v], at[u]] = d
    for k in range(len(members)):
        hops = np.minimum(hops, hops[:, k, None] + hops[None, k, :])
    return hops


def _spring(members: list[int], pairs: dict, seed: int, iterations: int):
    """``networkx.spring_layout`` of the members (sorted: the layout depends on the order, never on
    hashing) with weights 1 / length: its dense Fruchterman-Reingold, the same numbers, written out
    for parts under SPRING_DENSE nodes so that a small graph does not import networkx (a fifth of a
    second); larger parts call networkx itself."""
    import numpy as np

    n = len(members)
    if n >= SPRING_DENSE:
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(members)
        g.add_weighted_edges_from((u, v, 1.0 / d) for (u, v), d in sorted(pairs.items()))
        pos = nx.spring_layout(g, seed=seed, iterations=iterations)
        return np.array([pos[v] for v in members], dtype=float)
    at = {v: k for k, v in enumerate(members)}
    weight = np.zeros((n, n))
    for (u, v), d in pairs.items():
        weight[at[u], at[v]] = weight[at[v], at[u]] = 1.0 / d
    pos = np.random.RandomState(seed).rand(n, 2)
    k = math.sqrt(1.0 / n)
    t = max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])) * 0.1  # the largest step, cooled linearly
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.linalg.norm(delta, axis=-1)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta, (k * k / distance**2 - weight * distance / k))
        length = np.clip(np.linalg.norm(displacement, axis=-1), a_min=0.01, a_max=None)
        step = np.einsum("ij,i->ij", displacement, t / length)
        pos += step
        t -= dt
        if np.linalg.norm(step) / n < 1e-4:
            break
    pos -= pos.mean(axis=0)
    lim = np.abs(pos).max()
    if lim > 0:
        pos *= 1 / lim  # networkx's rescale_layout, then its centre (0, 0) added
    return pos + 0.0


def _part(members: list[int], pairs: dict, radius: list[float], seed: int) -> dict:
    """Positions of one connected part (sorted node indexes; ``pairs``: {(u, v): length} among
    them, u < v, 1 for a link), centred on 0, 0."""
    import numpy as np

    n = len(members)
    if n == 1:
        return {members[0]: (0.0, 0.0)}
    xy = _spring(members, pairs, seed, 100 if n <= 300 else 50)
    pos = dict(zip(members, xy))
    lengths = [math.dist(pos[u], pos[v]) / d for (u, v), d in pairs.items()]
    xy *= SPACING / max(float(np.median(lengths)), 1e-9)
    if n <= STRESS_MAX:
        xy = _stress(_paths(members, pairs), xy)
    xy -= xy.mean(axis=0)
    _separate(xy, np.array([radius[v] for v in members]))
    return {v: (float(x), float(y)) for v, (x, y) in zip(members, xy)}


def _near(members: list[int], adjacency: list[list[int]]) -> dict:
    """{(u, v): 1 or 2} for two members linked, or both linked to one entity (shown or not)."""
    inside = set(members)
    pairs: dict = {}
    for u in members:
        for v in adjacency[u]:
            if v in inside and u < v:
                pairs[u, v] = 1
    for w in range(len(adjacency)):
        ends = sorted(v for v in adjacency[w] if v in inside)
        for i, u in enumerate(ends):
            for v in ends[i + 1:]:
                pairs.setdefault((u, v), 2)
    return pairs


def _links_among(members: list[int], adjacency: list[list[int]]) -> dict:
    inside = set(members)
    return {(u, v): 1 for u in members for v in adjacency[u] if v in inside and u < v}


def _components(members: list[int], pairs: dict) -> list[list[int]]:
    """The connected parts of ``members`` under ``pairs``, each sorted."""
    near: dict = {v: [] for v in members}
    for u, v in pairs:
        near[u].append(v)
        near[v].append(u)
    seen: set[int] = set()
    out = []
    for start in members:
        if start in seen:
            continue
        seen.add(start)
        stack, part = [start], []
        while stack:
            u = stack.pop()
            part.append(u)
            for v in near[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
        out.append(sorted(part))
    return out


def _halo(pos: dict, inner: list[int], outer: list[int]) -> None:
    """Move ``outer`` (in place) to a ring of even density around ``inner``, keeping each one's
    direction from the centre and the order of their distances."""
    import numpy as np

    centre = np.array([pos[v] for v in inner]).mean(axis=0)
    start = max(math.dist(pos[v], centre) for v in inner) + SPACING
    xy = np.array([pos[v] for v in outer]) - centre
    dist = np.hypot(xy[:, 0], xy[:, 1])
    rank = np.empty(len(outer))
    rank[np.lexsort((np.arange(len(outer)), dist))] = np.arange(len(outer))
    angle = np.arctan2(xy[:, 1], xy[:, 0])
    radius = np.sqrt(start ** 2 + (rank + 1) * AREA / math.pi)
    for v, a, r in zip(outer, angle, radius):
        pos[v] = (float(centre[0] + r * math.cos(a)), float(centre[1] + r * math.sin(a)))


def _pack(parts: list[dict], top: float = 0.0, margin: float = SPACING) -> dict:
    """The parts (position dicts) side by side in rows about as wide as the whole is tall, from ``top`` down."""
    boxes = []
    for pos in parts:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    area = sum(b[3] * b[4] for b in boxes)
    width = max([math.sqrt(area * 1.4)] + [b[3] for b in boxes[:1]])
    placed: dict = {}
    x, y, row = 0.0, top, 0.0
    for pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        for v, (px, py) in pos.items():
            placed[v] = (x + px - x0, y + py - y0)
        x += w
        row = max(row, h)
    return placed


def _grid(members: list[int], step: float) -> dict:
    cols = max(1, math.ceil(math.sqrt(len(members) * 1.6)))
    return {v: ((k % cols) * step * 1.6, (k // cols) * step) for k, v in enumerate(members)}


def layout(view: dict, *, seed: int = 7) -> dict:
    """A copy of ``view`` (prepared by kg.overview when it is not yet) with ``x``, ``y`` and ``size``
    (:func:`node_size`) on every node."""
    if "links" not in view:
        view = prepare(view)
    nodes = view["nodes"]
    index = {n["id"]: i for i, n in enumerate(nodes)}
    ends: list[set[int]] = [set() for _ in nodes]
    for link in view["links"]:
        s, t = index[link["source"]], index[link["target"]]
        if s != t:
            ends[s].add(t)
            ends[t].add(s)
    rank = [n["rank"] for n in nodes]
    radius = [node_size(n) for n in nodes]
    adjacency = [sorted(a, key=rank.__getitem__) for a in ends]
    by_rank = sorted(range(len(nodes)), key=rank.__getitem__)
    least = view["default"]["min_links"]
    core = [i for i in by_rank if nodes[i]["links"] >= least]
    near = _near(core, adjacency)

    def parts_of(members, pairs):
        found = _components(sorted(members), pairs)
        return sorted(found, key=lambda p: (-len(p), min(rank[v] for v in p)))

    def laid_out(parts, pairs):   # each part laid out, with the pairs inside it
        home = {v: k for k, p in enumerate(parts) for v in p}
        inside: list[dict] = [{} for _ in parts]
        for (u, v), d in pairs.items():
            if u in home:
                inside[home[u]][u, v] = d
        return [_part(p, inside[k], radius, seed) for k, p in enumerate(parts)]

    parts = parts_of(core, near)
    singles = sorted((p[0] for p in parts if len(p) == 1), key=rank.__getitem__)
    boxes = laid_out([p for p in parts if len(p) > 1], near)
    if singles:
        boxes.append(_grid(singles, SPACING))
    pos = _pack(boxes) if boxes else {}
    # the rest: beside the entity that links them in, breadth first from the opening view
    frontier, children = [v for v in by_rank if v in pos], {}
    while frontier:
        nxt = []
        for parent in frontier:
            px, py = pos[parent]
            for v in adjacency[parent]:
                if v not in pos:
                    k = children[parent] = children.get(parent, 0) + 1
                    dx, dy = _sunflower(k + 3, SPACING * 0.3)
                    pos[v] = (px + dx, py + dy)
                    nxt.append(v)
        frontier = nxt
    around = [v for v in by_rank if v in pos and nodes[v]["links"] < least]
    if len(around) > HALO_AFTER * max(len(core), 1):
        _halo(pos, core, around)
    bottom = max((p[1] for p in pos.values()), default=-SPACING) + SPACING * 1.5
    rest = [v for v in by_rank if v not in pos and adjacency[v]]
    linked = _links_among(rest, adjacency)
    others = parts_of(rest, linked)
    if others:
        pos.update(_pack(laid_out(others, linked), top=bottom))
        bottom = max(p[1] for p in pos.values()) + SPACING * 1.5
    alone = [v for v in by_rank if v not in pos]
    if alone:
        pos.update({v: (x, bottom + y) for v, (x, y) in _grid(alone, SPACING * 0.6).items()})
    out = dict(view)
    out["nodes"] = [dict(n, x=round(pos[i][0], 1) + 0.0, y=round(pos[i][1], 1) + 0.0, size=radius[i])
                    for i, n in enumerate(nodes)]
    return out

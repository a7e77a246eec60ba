from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import A, B, C, article_quads  # noqa: E402

from kg.consolidate import refresh_consolidation  # noqa: E402
from kg.store import GraphStore  # noqa: E402


def build(store: GraphStore, *articles) -> GraphStore:
    """What `kg build` does to the store: ontology, one graph per article, consolidation."""
    store.ensure_ontology()
    for a in articles:
        store.replace_article(*article_quads(a))
    refresh_consolidation(store)
    return store


def graphs(store: GraphStore) -> dict[str, "rdflib.Graph"]:  # noqa: F821
    """Each graph of the store as an rdflib Graph (the default graph under the key '')."""
    import pyoxigraph as ox
    import rdflib

    lines: dict[str, list[str]] = {}
    for q in store:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        lines.setdefault(name, []).append(str(q.triple) + " .")
    return {name: rdflib.Graph().parse(data="\n".join(nt), format="nt") for name, nt in lines.items()}


def assert_same_dataset(left: GraphStore, right: GraphStore) -> None:
    """Same named graphs, each pair isomorphic."""
    from rdflib.compare import isomorphic

    a, b = graphs(left), graphs(right)
    assert sorted(a) == sorted(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


@pytest.fixture
def abc() -> GraphStore:
    return build(GraphStore(), A, B, C)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A build folder holding articles A, B and C."""
    out = tmp_path / "out"
    with GraphStore(out / "store") as store:
        build(store, A, B, C)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

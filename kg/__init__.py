"""kg: deterministic knowledge graphs from news articles.

Read articles, extract entities and dated relations with their evidence, write RDF under the kg
ontology, query it with SPARQL. Heavy libraries (spaCy, rdflib, pyoxigraph) load only when used.
"""
from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name: str):
    """Lazy public API: ``kg.to_networkx``, ``kg.GraphStore``, ``kg.open_graph``, ``kg.dataframe``."""
    if name == "to_networkx":
        from .export import to_networkx

        return to_networkx
    if name == "dataframe":
        from .tables import dataframe

        return dataframe
    if name in ("GraphStore", "open_graph"):
        from . import store

        return getattr(store, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

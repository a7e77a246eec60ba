"""kg: deterministic knowledge graphs from news articles.

Read articles, extract entities and dated relations with their evidence, write RDF under the kg
ontology, query it with SPARQL. Heavy libraries (spaCy, rdflib, pyoxigraph) load only when used.
"""
from __future__ import annotations

__version__ = "0.1.0"

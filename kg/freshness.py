"""Whether an article's graph is up to date: its content hash and the fingerprint of the build settings.

Both are stored with the article (kg:contentHash, kg:extractedWith); building again skips an article
whose stored values equal the new ones.
"""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from . import __version__, iri
from .model import Document
from .nlp import model_name
from .resources import ontology_dir
from .vocab import term

CONTENT_HASH = term("contentHash")
EXTRACTED_WITH = term("extractedWith")
# What the graph of an article depends on besides the article: a change to any of these re-extracts.
EXTRACTION_CODE = ("extraction", "rules.py", "ontology.py", "gazetteer.py", "background.py", "temporal", "nlp.py",
                   "attributes.py", "rdf.py", "iri.py", "vocab.py", "model.py", "pipeline.py", "freshness.py")
EXTRACTION_DATA = ("rules.yaml", "temporal.yaml", "gazetteer")


def content_hash(doc: Document) -> str:
    """SHA-256 of everything read from the article (its graph depends on nothing else of it).

    >>> content_hash(Document("a", "Text.")) == content_hash(Document("a", "Text.", origin="elsewhere.md"))
    True
    >>> content_hash(Document("a", "Text.")) == content_hash(Document("b", "Text."))
    False
    """
    fields = [doc.id, doc.text, doc.title, doc.published.isoformat() if doc.published else None, doc.url,
              doc.source, doc.dateline] + ([doc.author] if doc.author else [])
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


@cache
def fingerprint(model: str | None = None) -> str:
    """The build settings an article's graph depends on, as one string stored with it (kg:extractedWith).

    The kg version, a digest of the extraction code and its rules and gazetteer, and the spaCy model
    with its version; the base IRI is part of every IRI already.
    """
    from importlib import metadata

    digest = hashlib.sha256()
    here = Path(__file__).parent
    files = []
    for name in EXTRACTION_CODE:
        path = here / name
        files.extend(sorted(path.glob("*.py")) if path.is_dir() else [path])
    for name in EXTRACTION_DATA:
        path = ontology_dir() / name
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    for path in files:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    name = model_name(model)
    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"kg {__version__}; extraction {digest.hexdigest()[:16]}; model {name} {version}"


def up_to_date(store, doc: Document, base: str, fingerprint: str) -> bool:
    """Whether the store holds this article's graph made from the same content with the same settings."""
    import pyoxigraph as ox

    graph = ox.NamedNode(iri.graph_iri(doc.id, base=base))
    article = ox.NamedNode(iri.article_iri(doc.id, base=base))
    for prop, value in ((CONTENT_HASH, content_hash(doc)), (EXTRACTED_WITH, fingerprint)):
        if next(store.raw.quads_for_pattern(article, ox.NamedNode(prop), ox.Literal(value), graph), None) is None:
            return False
    return True

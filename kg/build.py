"""The orchestrator: article files -> Documents -> spaCy -> Extractions -> the store -> exported files.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (out / "a.md").write_text("---\\ntitle: T\\npublished: 2026-01-05\\n---\\nFrance recognized Palestine on Monday.\\n")
>>> summary = build([out / "a.md"], out / "kg", formats=("ttl",))
>>> summary.articles, summary.relations, (out / "kg" / "graph.ttl").exists()
(1, 1, True)
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import iri
from .model import Document, Extraction, Failure, Summary

DEFAULT_FORMATS = ("ttl", "trig", "nq", "jsonld", "html")
BATCH = 32  # spaCy batch size: larger batches are slower and take more memory on this model


def extract_documents(items: Iterable[Document | Failure], *, model: str | None = None,
                      batch_size: int = BATCH) -> Iterator[Extraction | Failure]:
    """Parse and extract every Document (Failures pass through in order)."""
    from .extract import extract
    from .gazetteer import load_gazetteer
    from .nlp import load_pipeline
    from .rules import load_rules
    from .temporal import anchor_date

    nlp = load_pipeline(model)
    rules, gazetteer = load_rules(), load_gazetteer()
    pending: list[Failure] = []

    def docs():
        for item in items:
            if isinstance(item, Failure):
                pending.append(item)
                continue
            sdoc = nlp.make_doc(item.text)
            sdoc._.kg_anchor = anchor_date(item.published, item.dateline)
            yield sdoc, item

    for sdoc, document in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        while pending:
            yield pending.pop(0)
        try:
            yield extract(sdoc, document, rules, gazetteer)
        except Exception as err:  # a bug in a rule must not lose the other articles
            yield Failure(document.origin, f"{document.origin}: extraction failed ({type(err).__name__}: {err})")
    yield from pending


def build(paths: Iterable[str | Path], out: str | Path, *, published: dt.date | None = None,
          model: str | None = None, base: str = iri.DEFAULT_BASE, formats: Iterable[str] = DEFAULT_FORMATS,
          on_article: Callable[[Extraction | Failure], None] | None = None) -> Summary:
    """Build (or extend) the graph in folder ``out``: its store, then one file per format.

    Articles already in the store are replaced by their new version; the others stay.
    """
    from .consolidate import refresh_consolidation
    from .export import export
    from .rdf import article_quads
    from .sources import read_documents
    from .store import GraphStore

    started = time.perf_counter()
    base = iri.check_base(base)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    with GraphStore(out / "store") as store:
        store.ensure_ontology()
        for item in extract_documents(read_documents(paths, published=published), model=model):
            if on_article:
                on_article(item)
            if isinstance(item, Failure):
                summary.failures.append(item)
                continue
            store.replace_article(iri.graph_iri(item.document.id, base=base), article_quads(item, base=base))
            summary.articles += 1
            summary.words += len(item.document.text.split())
        refresh_consolidation(store)
        counts = store.query(COUNTS)
        for row in counts:
            summary.entities, summary.relations, summary.dated_relations = (int(row[i].value) for i in range(3))
        for fmt in formats:
            export(store, out / f"graph.{'jsonld' if fmt == 'jsonld' else fmt}", fmt)
    summary.seconds = time.perf_counter() - started
    return summary


COUNTS = """
SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?st) AS ?relations) (COUNT(DISTINCT ?dated) AS ?dated) WHERE {
  { ?a kg:mentions ?e } UNION
  { ?st a kg:Statement OPTIONAL { ?st kg:date|kg:startDate|kg:endDate ?d BIND(?st AS ?dated) } }
}"""

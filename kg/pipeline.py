"""The per-batch work every worker runs: parse, extract and write the RDF of articles.

Plain data in (:class:`Job`, Documents and Failures), plain data out (:class:`Done`, Failures): the
engines of kg.parallel send batches here, in this process, in worker processes or on a Dask cluster;
nothing here knows about the orchestrator (kg.build) or the store.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import background, iri
from .extraction import extract
from .freshness import CONTENT_HASH, EXTRACTED_WITH, content_hash
from .gazetteer import load_gazetteer
from .model import Document, Extraction, Failure
from .nlp import load_pipeline
from .rdf import article_quads
from .rules import load_rules
from .temporal import anchor_date

BATCH = 32  # spaCy batch size: larger batches are slower and take more memory on this model


@dataclass(frozen=True)
class Job:
    """The settings a batch is processed with (plain data, sent to every worker)."""

    model: str | None
    base: str
    fingerprint: str
    batch_size: int = BATCH


@dataclass(frozen=True, slots=True)
class Done:
    """One article processed: its named graph as N-Quads, and counts for the summary."""

    graph: str
    nquads: bytes
    words: int
    relations: int
    origin: str


def extract_documents(items: Iterable[Document | Failure], *, model: str | None = None,
                      batch_size: int = BATCH) -> Iterator[Extraction | Failure]:
    """Parse and extract every Document, with the gazetteer's background facts (Failures pass through in order)."""
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
            yield background.attach(extract(sdoc, document, rules, gazetteer), gazetteer)
        except Exception as err:  # a bug in a rule must not lose the other articles
            yield Failure(document.origin, f"{document.origin}: extraction failed ({type(err).__name__}: {err})")
    yield from pending


def process(items: Iterable[Document | Failure], job: Job) -> Iterator[Done | Failure]:
    """Each article's named graph as N-Quads, with its content hash and the job's fingerprint."""
    import pyoxigraph as ox

    for item in extract_documents(items, model=job.model, batch_size=job.batch_size):
        if isinstance(item, Failure):
            yield item
            continue
        doc = item.document
        quads = article_quads(item, base=job.base)
        graph = ox.NamedNode(iri.graph_iri(doc.id, base=job.base))
        article = ox.NamedNode(iri.article_iri(doc.id, base=job.base))
        quads.append(ox.Quad(article, ox.NamedNode(CONTENT_HASH), ox.Literal(content_hash(doc)), graph))
        quads.append(ox.Quad(article, ox.NamedNode(EXTRACTED_WITH), ox.Literal(job.fingerprint), graph))
        yield Done(graph.value, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), len(doc.text.split()),
                   len(item.relations), doc.origin)


_PIPELINE_LOCK = threading.Lock()  # one pipeline per process: threads of a Dask worker take turns


def process_batch(items: list[Document | Failure], job: Job) -> list[Done | Failure]:
    """Parse, extract and write the RDF of a batch of articles (Failures pass through in place)."""
    with _PIPELINE_LOCK:
        return list(process(items, job))


def process_stream(batches: Iterable[list[Document | Failure]], job: Job) -> Iterator[list[Done | Failure]]:
    """process_batch of each batch, through one spaCy stream (a call of nlp.pipe per batch costs more)."""
    sizes: deque[int] = deque()

    def items():
        for batch in batches:
            if batch:
                sizes.append(len(batch))
                yield from batch

    out: list[Done | Failure] = []
    for result in process(items(), job):
        out.append(result)
        if len(out) == sizes[0]:
            sizes.popleft()
            yield out
            out = []


def warm_up(model: str | None = None) -> None:
    """Load the pipeline, rules and gazetteer in this process (a worker does it once, before any batch)."""
    load_pipeline(model)
    load_rules()
    load_gazetteer()

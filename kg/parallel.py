"""Extraction at scale: batches of articles run in this process, in worker processes or on a Dask cluster.

Each worker loads the spaCy pipeline once, then turns a batch of Documents into plain data: for each
article its graph IRI and N-Quads bytes (:class:`Done`), or a :class:`~kg.model.Failure`. The parent
reads the articles, skips those whose graph is already up to date, and writes the results to the
store in the order of the input, one transaction per batch; at most ``window`` batches are in flight,
so memory does not grow with the corpus. In this process (one worker) the batches go through one
spaCy stream.

>>> [len(b) for b in batched(range(5), 2)]
[2, 2, 1]
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from . import iri
from .model import Document, Failure

CONTENT_HASH = iri.term_iri("contentHash")
EXTRACTED_WITH = iri.term_iri("extractedWith")
ENGINES = ("local", "dask")
# What the graph of an article depends on besides the article: a change to any of these re-extracts.
EXTRACTION_CODE = ("extraction", "rules.py", "gazetteer.py", "temporal.py", "nlp.py", "rdf.py", "iri.py",
                   "model.py", "parallel.py")
EXTRACTION_DATA = ("rules.yaml", "temporal.yaml", "gazetteer")


@dataclass(frozen=True)
class Job:
    """The settings a batch is processed with (plain data, sent to every worker)."""

    model: str | None
    base: str
    fingerprint: str
    batch_size: int = 32


@dataclass(frozen=True, slots=True)
class Done:
    """One article processed: its named graph as N-Quads, and counts for the summary."""

    graph: str
    nquads: bytes
    words: int
    relations: int
    origin: str


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last one shorter)."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def content_hash(doc: Document) -> str:
    """SHA-256 of everything read from the article (its graph depends on nothing else of it).

    >>> content_hash(Document("a", "Text.")) == content_hash(Document("a", "Text.", origin="elsewhere.md"))
    True
    >>> content_hash(Document("a", "Text.")) == content_hash(Document("b", "Text."))
    False
    """
    fields = [doc.id, doc.text, doc.title, doc.published.isoformat() if doc.published else None, doc.url,
              doc.source, doc.dateline]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


@cache
def fingerprint(model: str | None = None) -> str:
    """The build settings an article's graph depends on, as one string stored with it (kg:extractedWith).

    The kg version, a digest of the extraction code and its rules and gazetteer, and the spaCy model
    with its version; the base IRI is part of every IRI already.
    """
    from importlib import metadata
    from pathlib import Path

    from . import __version__
    from .nlp import model_name
    from .resources import ontology_dir

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


def up_to_date(store, doc: Document, job: Job) -> bool:
    """Whether the store holds this article's graph made from the same content with the same settings."""
    import pyoxigraph as ox

    graph = ox.NamedNode(iri.graph_iri(doc.id, base=job.base))
    article = ox.NamedNode(iri.article_iri(doc.id, base=job.base))
    for prop, value in ((CONTENT_HASH, content_hash(doc)), (EXTRACTED_WITH, job.fingerprint)):
        if next(store.raw.quads_for_pattern(article, ox.NamedNode(prop), ox.Literal(value), graph), None) is None:
            return False
    return True


# ---------------------------------------------------------------------- in the worker
_PIPELINE_LOCK = threading.Lock()  # one pipeline per process: threads of a Dask worker take turns


def process_batch(items: list[Document | Failure], job: Job) -> list[Done | Failure]:
    """Parse, extract and write the RDF of a batch of articles (Failures pass through in place)."""
    with _PIPELINE_LOCK:
        return list(_process(items, job))


def process_stream(batches: Iterable[list[Document | Failure]], job: Job) -> Iterator[list[Done | Failure]]:
    """process_batch of each batch, through one spaCy stream (a call of nlp.pipe per batch costs more)."""
    sizes: deque[int] = deque()

    def items():
        for batch in batches:
            if batch:
                sizes.append(len(batch))
                yield from batch

    out: list[Done | Failure] = []
    for result in _process(items(), job):
        out.append(result)
        if len(out) == sizes[0]:
            sizes.popleft()
            yield out
            out = []


def _process(items: Iterable[Document | Failure], job: Job) -> Iterator[Done | Failure]:
    import pyoxigraph as ox

    from .build import extract_documents
    from .rdf import article_quads

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


def warm_up(model: str | None = None) -> None:
    """Load the pipeline, rules and gazetteer in this process (a worker does it once, before any batch)."""
    from .gazetteer import load_gazetteer
    from .nlp import load_pipeline
    from .rules import load_rules

    load_pipeline(model)
    load_rules()
    load_gazetteer()


def _pool_worker(model: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops the pool
    warm_up(model)


# ---------------------------------------------------------------------- engines
class InlineEngine:
    """Everything in this process (one worker): no start-up cost, no copying, one spaCy stream."""

    def __init__(self, job: Job):
        self.job = job

    def map(self, batches: Iterable[list]) -> Iterator[list[Done | Failure]]:
        return process_stream(batches, self.job)

    def close(self, cancel: bool = False) -> None:
        pass


class _Submitting:
    """An engine whose ``submit`` returns futures: at most ``window`` tasks in flight, results in order."""

    window = 2

    def map(self, batches: Iterable[list]) -> Iterator[list[Done | Failure]]:
        pending: deque = deque()
        for batch in batches:
            pending.append(self.submit(batch))
            if len(pending) >= self.window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class PoolEngine(_Submitting):
    """``workers`` processes on this machine, each with its own pipeline."""

    def __init__(self, job: Job, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.job = job
        self.window = 2 * workers
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_pool_worker, initargs=(job.model,))

    def submit(self, batch: list):
        return self.pool.submit(process_batch, batch, self.job)

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


class DaskEngine(_Submitting):
    """A Dask cluster: the scheduler at ``address``, or a local cluster of ``workers`` processes.

    Start the workers with one thread each (``dask worker ADDRESS --nthreads 1 --nworkers N``): a
    worker process holds one pipeline, so its threads would take turns anyway.
    """

    def __init__(self, job: Job, workers: int, address: str | None = None):
        from .errors import InputError

        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--engine dask needs dask.distributed: pip install 'kg[dask]'") from None
        self.job = job
        self.cluster = None
        try:
            if address:
                self.client = Client(address, timeout="30s")
            else:
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as err:
            raise InputError(f"--scheduler {address}: cannot reach the Dask scheduler ({err})") from None
        try:
            self.client.run(warm_up, job.model)  # every worker loads the pipeline now, or says why it cannot
        except Exception as err:
            self.close()
            raise InputError(f"the Dask workers cannot run kg ({type(err).__name__}: {err}); install kg and "
                             "its spaCy model in the workers' Python environment") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.window = 2 * threads

    def submit(self, batch: list):
        return self.client.submit(process_batch, batch, self.job, pure=False)

    def close(self, cancel: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(job: Job, *, engine: str = "local", workers: int = 1, scheduler: str | None = None):
    """The engine for ``--engine``/``--workers``/``--scheduler``."""
    from .errors import InputError

    if engine not in ENGINES:
        raise InputError(f"--engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if workers < 1:
        raise InputError(f"--workers {workers}: expected a number of processes, at least 1")
    if engine == "dask":
        return DaskEngine(job, workers, scheduler)
    if scheduler:
        raise InputError("--scheduler is for --engine dask")
    return InlineEngine(job) if workers == 1 else PoolEngine(job, workers)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1

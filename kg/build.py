"""The orchestrator: article files -> Documents -> spaCy -> Extractions -> the store -> exported files.

Articles stream through in batches (kg/parallel.py runs them here, in worker processes or on a Dask
cluster); each batch is written to the store in one transaction, so an interrupted build leaves every
article either as it was or as it is now, and the files of the previous build in place. Building
again skips the articles whose graph is up to date (same content hash, same settings).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (out / "a.md").write_text("---\\ntitle: T\\npublished: 2026-01-05\\n---\\nFrance recognized Palestine on Monday.\\n")
>>> summary = build([out / "a.md"], out / "kg", formats=("ttl",))
>>> summary.articles, summary.relations, (out / "kg" / "graph.ttl").exists()
(1, 1, True)
>>> build([out / "a.md"], out / "kg", formats=("ttl",)).skipped
1
"""
from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import freshness, iri, warc
from .consolidate import consolidate, write_articles
from .errors import InputError, NothingBuilt
from .export import export
from .model import Document, Failure, Summary
from .parallel import batched, make_engine
from .pipeline import BATCH, Done, Job, extract_documents  # noqa: F401  (extract_documents: kg.build's API)
from .sources import SUFFIXES, expand, read_documents, suffix_of
from .store import GraphStore

DEFAULT_FORMATS = ("ttl", "trig", "nq", "jsonld", "html")
FLUSH_BYTES = 2_000_000  # N-Quads written between flushes of the store (its write buffers grow until flushed)
BULK_BYTES = 8_000_000  # N-Quads gathered into one bulk load when a build fills a new store


def build(paths: Iterable[str | Path], out: str | Path, *, published: dt.date | None = None,
          model: str | None = None, base: str = iri.DEFAULT_BASE, formats: Iterable[str] = DEFAULT_FORMATS,
          on_article: Callable[[object], None] | None = None, workers: int = 1, engine: str = "local",
          scheduler: str | None = None, batch_size: int = BATCH, progress: bool | None = None,
          english_only: bool = True, full_consolidation: bool = False) -> Summary:
    """Build (or extend) the graph in folder ``out``: its store, then one file per format.

    Articles already in the store are replaced by their new version, or skipped when their graph is
    up to date; the others stay. ``workers`` processes (``engine="local"``) or a Dask cluster
    (``engine="dask"``, ``scheduler`` its address, else a local cluster of ``workers`` processes) do
    the extraction. ``on_article`` is called with each :class:`kg.pipeline.Done` or Failure once it is
    in the store. ``progress`` shows a bar on stderr (default: when stderr is a terminal).

    Each batch goes into the store in one transaction; a build that fills a new store gathers
    batches into bulk loads instead (several times faster; a kill loses at most the batches not yet
    loaded, which the next run builds). The kg:Relations the articles touch are updated at the end
    (all of them with ``full_consolidation``).

    A build of no article (every input failed, or a folder of no article file) raises
    :class:`kg.errors.NothingBuilt` and writes nothing: no folder ``out``, no store, no ``graph.*``.
    Files of the folders given that are not articles are listed in ``Summary.not_articles``; inputs
    read that are no articles (records of web archives, articles in another language than English
    unless not ``english_only``) are counted by reason in ``Summary.omitted``.
    """
    started = time.perf_counter()
    base = iri.check_base(base)
    if batch_size < 1:
        raise InputError(f"--batch-size {batch_size}: expected at least 1")
    paths = list(paths)
    out = Path(out)
    summary = Summary()
    omitted: Counter = Counter()
    items = read_documents(paths, published=published, skipped=summary.not_articles, omitted=omitted,
                           english_only=english_only)
    head: list[Document | Failure] = []
    for item in items:  # up to the first article: nothing is created when there is none
        head.append(item)
        if isinstance(item, Document):
            break
    else:
        raise nothing_built(head, summary.not_articles, omitted)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    job = Job(model=model, base=base, fingerprint=freshness.fingerprint(model), batch_size=batch_size)
    bar = Progress(progress, lambda: count_articles(paths))
    with GraphStore(out / "store") as store:
        store.ensure_ontology()

        def todo() -> Iterator[Document | Failure]:
            for item in itertools.chain(head, items):
                if isinstance(item, Document) and freshness.up_to_date(store, item, job.base, job.fingerprint):
                    summary.skipped += 1
                    bar.advance(1, 0)
                    continue
                yield item

        runner = make_engine(job, engine=engine, workers=workers, scheduler=scheduler)
        writer = Writer(store, bulk=not store.has_articles())

        def done(results: list) -> None:
            for item in results:
                if isinstance(item, Failure):
                    summary.failures.append(item)
                else:
                    summary.articles += 1
                    summary.words += item.words
                if on_article:
                    on_article(item)

        try:
            for results in runner.map(batched(todo(), batch_size)):
                done(writer.add(results))
                bar.advance(len(results), sum(getattr(r, "words", 0) for r in results))
            done(writer.add([], final=True))
        except BaseException:
            runner.close(cancel=True)
            bar.close()
            raise
        runner.close()
        bar.close()
        if not summary.articles and not summary.skipped:
            store.close()
            if created:
                shutil.rmtree(out, ignore_errors=True)
            raise nothing_built(summary.failures, summary.not_articles, omitted)
        summary.omitted = dict(sorted(omitted.items()))
        consolidate(store, full=full_consolidation or writer.bulk)  # a new store: every relation is new
        for row in store.query(COUNTS):
            summary.entities, summary.relations, summary.dated_relations = (int(row[i].value) for i in range(3))
        for fmt in formats:
            export(store, out / f"graph.{'jsonld' if fmt == 'jsonld' else fmt}", fmt)
    summary.seconds = time.perf_counter() - started
    return summary


def nothing_built(failures: list, not_articles: list[Path], omitted: dict[str, int] | None = None):
    """The error of a build of no article: what failed, the files that are not articles, and the
    inputs read that are none (by reason)."""
    failures = [f for f in failures if isinstance(f, Failure)]
    parts = [f"{len(failures)} failed"] if failures else []
    if not_articles:
        parts.append(f"{len(not_articles)} files skipped, not articles ({', '.join(SUFFIXES)}): "
                     + ", ".join(map(str, not_articles)))
    if omitted:
        parts.append(omitted_text(omitted))
    if len(failures) == 1 and not not_articles and not omitted:
        message = f"{failures[0].message}; nothing built"
    else:
        message = "nothing built: no article in the inputs" + (f" ({'; '.join(parts)})" if parts else "")
    return NothingBuilt(message, failures, not_articles)


def omitted_text(omitted: dict[str, int]) -> str:
    """The inputs left out, by reason, in words.

    >>> omitted_text({"not HTML": 2, "not English": 1})
    '3 left out: 1 not English, 2 not HTML'
    """
    return f"{sum(omitted.values())} left out: " + ", ".join(f"{n} {why}" for why, n in sorted(omitted.items()))


def write_batch(store, results: Iterable[object], *, bulk: bool = False) -> int:
    """The articles of a batch into the store: new graphs in one transaction (one bulk load with
    ``bulk``), replaced ones one each, the keys of their relations marked for consolidation.

    A graph given twice keeps its last version (as a build one article at a time would). Returns the
    bytes of N-Quads written.
    """
    latest: dict[str, Done] = {}
    for item in results:
        if isinstance(item, Done):
            latest.pop(item.graph, None)
            latest[item.graph] = item
    write_articles(store, {g: d.nquads for g, d in latest.items()}, bulk=bulk)
    return sum(len(d.nquads) for d in latest.values())


class Writer:
    """Batches of results into the store: each batch at once, or with ``bulk`` (a new store) gathered
    up to BULK_BYTES per bulk load. ``add`` returns the results now in the store."""

    def __init__(self, store, *, bulk: bool = False):
        self.store, self.bulk = store, bulk
        self.waiting: list = []
        self.size = self.unflushed = 0

    def add(self, results: list, *, final: bool = False) -> list:
        self.waiting += results
        self.size += sum(len(r.nquads) for r in results if isinstance(r, Done))
        if not (final or not self.bulk or self.size >= BULK_BYTES):
            return []
        out, self.waiting = self.waiting, []
        if self.size:
            self.unflushed += write_batch(self.store, out, bulk=self.bulk)
        self.size = 0
        if self.unflushed > FLUSH_BYTES and not self.bulk:
            self.store.raw.flush()
            self.unflushed = 0
        return out


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many articles the inputs hold (a line of JSONL is one), None when reading standard input
    or a web archive."""
    total = 0
    for path in expand(paths):
        if isinstance(path, Failure):
            total += 1
        elif str(path) == "-" or suffix_of(path) in warc.SUFFIXES:
            return None  # standard input, and archives: counted only by reading them
        elif path.suffix.lower() == ".jsonl":
            try:
                with open(path, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


class Progress:
    """A tqdm bar on stderr with articles/s, words/s and the ETA; silent unless ``enabled`` (None: a TTY)."""

    def __init__(self, enabled: bool | None, total: Callable[[], int | None]):
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.bar = None
        self.words = 0
        self.started = time.perf_counter()
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total(), unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.05)

    def advance(self, articles: int, words: int) -> None:
        if self.bar is None:
            return
        self.words += words
        rate = self.words / max(time.perf_counter() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
        self.bar.update(articles)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


COUNTS = """
SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?st) AS ?relations) (COUNT(DISTINCT ?dated) AS ?dated) WHERE {
  { ?a kg:mentions ?e } UNION
  { ?st a kg:Statement OPTIONAL { ?st kg:date|kg:startDate|kg:endDate ?d BIND(?st AS ?dated) } }
}"""

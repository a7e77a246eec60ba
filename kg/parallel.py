"""Extraction at scale: batches of articles run in this process, in worker processes or on a Dask cluster.

Each worker loads the spaCy pipeline once, then turns a batch of Documents into plain data (kg.pipeline):
for each article its graph IRI and N-Quads bytes (:class:`~kg.pipeline.Done`), or a :class:`~kg.model.Failure`. The parent
reads the articles, skips those whose graph is already up to date, and writes the results to the
store in the order of the input, one transaction per batch; at most ``window`` batches are in flight,
so memory does not grow with the corpus. In this process (one worker) the batches go through one
spaCy stream.

>>> [len(b) for b in batched(range(5), 2)]
[2, 2, 1]
"""
from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator

from .errors import InputError
from .model import Failure
from .pipeline import Done, Job, process_batch, process_stream, warm_up

ENGINES = ("local", "dask")


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

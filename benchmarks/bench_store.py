"""Store benchmark: the embedded pyoxigraph store against rdflib in memory, on >= 1M synthetic triples.

Prints, measured in the same run: ingestion of the articles one named graph at a time, consolidation,
loading the same N-Quads file into each, and the time of every named query on each, with ratios.

    PYTHONPATH=. python benchmarks/bench_store.py [--articles 3400]
"""
from __future__ import annotations

import argparse
import functools
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from synthetic import synthetic  # noqa: E402

from kg.consolidate import refresh_consolidation  # noqa: E402
from kg.export import export  # noqa: E402
from kg.query import named_queries, run  # noqa: E402
from kg.store import PREFIXES, GraphStore  # noqa: E402

PARAMS = {"entity-timeline": {"label": "Entity 3"}, "article": {"article": "syn-000001"}}


print = functools.partial(print, flush=True)  # noqa: A001 - progress shows while rdflib works


class Timeout(Exception):
    pass


def capped(fn, seconds: float):
    """Run ``fn``; stop it with Timeout after ``seconds`` (rdflib is pure Python: a signal stops it)."""
    def alarm(signum, frame):
        raise Timeout

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3400, help="synthetic articles (3400 give ~1.05M quads)")
    parser.add_argument("--rdflib-cap", type=float, default=600, help="seconds before an rdflib query is stopped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        articles = list(synthetic(args.articles))
        quads = sum(len(q) for _, q in articles)

        store = GraphStore(tmp / "incremental")
        t_ingest, _ = timed(lambda: [store.replace_article(g, q) for g, q in articles])
        store.ensure_ontology()
        t_consolidate, relations = timed(lambda: refresh_consolidation(store))
        total = len(store)
        t_export, _ = timed(lambda: export(store, tmp / "all.nq"))
        t_export_ttl, _ = timed(lambda: export(store, tmp / "all.ttl"))
        store.close()
        print(f"{args.articles} articles, {quads:,} article quads, {total:,} quads with ontology and "
              f"{relations:,} consolidated relations")
        print(f"ingest one named graph per article (on disk): {t_ingest:6.2f} s")
        print(f"consolidation:                                {t_consolidate:6.2f} s")
        print(f"export N-Quads / Turtle (sorted):             {t_export:6.2f} s / {t_export_ttl:.2f} s")

        def load_ox():
            s = GraphStore(tmp / "bulk")
            import pyoxigraph as ox

            s.raw.bulk_load(path=str(tmp / "all.nq"), format=ox.RdfFormat.N_QUADS)
            return s

        def load_rdflib():
            import rdflib

            d = rdflib.Dataset(default_union=True)
            d.parse(tmp / "all.nq", format="nquads")
            return d

        t_ox, ox_store = timed(load_ox)
        t_rl, dataset = timed(load_rdflib)
        print(f"\nload {total:,} quads (N-Quads file)  embedded store {t_ox:7.2f} s   rdflib {t_rl:7.2f} s   "
              f"ratio {t_rl / t_ox:6.1f}x")
        print(f"\n{'named query':18} {'rows':>6} {'embedded s':>11} {'rdflib s':>10} {'ratio':>8}")
        for name, nq in named_queries().items():
            text = nq.render(PARAMS.get(name, {}))
            t1, (_, _, rows) = timed(lambda: run(ox_store, text))
            try:
                t2, result = timed(lambda: capped(lambda: list(dataset.query(text, initNs=PREFIXES)), args.rdflib_cap))
            except Timeout:
                print(f"{name:18} {len(rows):>6} {t1:>11.3f} {'>' + format(args.rdflib_cap, 'g'):>10} "
                      f"{'>' + format(args.rdflib_cap / max(t1, 1e-9), '.0f'):>7}x  (rdflib stopped)")
                continue
            same = "" if len(result) == len(rows) else f"  (rdflib: {len(result)} rows)"
            print(f"{name:18} {len(rows):>6} {t1:>11.3f} {t2:>10.3f} {t2 / max(t1, 1e-9):>7.1f}x{same}")
        ox_store.close()


if __name__ == "__main__":
    main()

"""Corpus scale: `kg build` throughput against raw spaCy, the speed-up of workers, and peak memory.

    python benchmarks/bench_scale.py                      # 2,000 articles, and 20,000 for memory (long)
    python benchmarks/bench_scale.py --articles 300 --scale 4   # a quick look

The corpus is made of real texts: the MEANTIME news articles in ../shared/eval/dates/meantime.jsonl
and the articles in ../shared/corpus, repeated under distinct ids up to --articles, written as a
folder of JSONL files (outside the repository). Everything below is measured in the same run:

- raw: ``nlp.pipe`` of the bare spaCy model (batch --batch-size, one process) on the same texts;
- ours, 1 and 2 workers: the whole ``kg build`` in a fresh process (model loading, reading,
  extraction, the store, consolidation and the TriG and N-Quads files), words / seconds of build();
- the other exports (Turtle, JSON-LD, HTML) of the same store, timed apart;
- peak RSS of the one-worker build process for the corpus and for one --scale times larger;
- the latency of `kg build one.txt` (a new folder, and one article more in a folder that holds the
  corpus) against loading the spaCy model alone, each in a fresh process, median of --repeat runs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the repository (a worktree one level deeper looks one level higher)
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))

DRIVER = """
import json, sys
from kg.build import build
s = build([sys.argv[1]], sys.argv[2], formats=("trig", "nq"), workers=int(sys.argv[3]), batch_size=int(sys.argv[4]),
          progress=False)
print(json.dumps({"articles": s.articles, "words": s.words, "relations": s.relations, "seconds": s.seconds,
                  "failures": len(s.failures)}))
"""


def source_texts() -> list[dict]:
    """The real articles the corpus is made of: {"id", "published", "text"}."""
    meantime = SHARED / "eval" / "dates" / "meantime.jsonl"
    if not meantime.exists():
        sys.exit(f"bench_scale: {meantime} is missing; it is the source of the corpus")
    texts = [{k: d[k] for k in ("id", "published", "text")} for d in map(json.loads, meantime.open())]
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        texts.append({"id": path.stem, "text": path.read_text(encoding="utf-8")})
    return texts


def make_corpus(folder: Path, articles: int, per_file: int = 250) -> Path:
    """``articles`` articles from the real texts, with distinct ids, as JSONL files of ``per_file`` lines."""
    texts = source_texts()
    folder.mkdir(parents=True, exist_ok=True)
    f = None
    for n in range(articles):
        if n % per_file == 0:
            if f:
                f.close()
            f = open(folder / f"part-{n // per_file:05d}.jsonl", "w", encoding="utf-8")
        src = texts[n % len(texts)]
        f.write(json.dumps({**src, "id": f"{src['id']}-{n // len(texts):05d}"}, ensure_ascii=False) + "\n")
    if f:
        f.close()
    return folder


def raw_pipe(corpus: Path, model: str | None, batch_size: int) -> tuple[int, float, float]:
    """Words, wall seconds and CPU seconds of the bare model's nlp.pipe over the corpus texts (as the
    build reads them)."""
    from kg.model import Document
    from kg.nlp import load_model
    from kg.sources import read_documents

    texts = [d.text for d in read_documents([corpus]) if isinstance(d, Document)]
    nlp = load_model(model)
    list(nlp.pipe(texts[:batch_size], batch_size=batch_size))  # warm up
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return sum(len(t.split()) for t in texts), time.perf_counter() - started, time.process_time() - cpu


def build_process(corpus: Path, out: Path, workers: int, batch_size: int) -> dict:
    """A whole build in a fresh process: its summary, wall seconds and peak RSS (MB, largest process)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(corpus), str(out), str(workers), str(batch_size)],
                            stdout=subprocess.PIPE, env=env)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench_scale: the build failed (exit {os.waitstatus_to_exitcode(status)})")
    result = json.loads(output.decode().strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    result["cpu"] = usage.ru_utime + usage.ru_stime  # its own and its worker processes'
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


MODEL_LOAD = """
import sys, time
started = time.perf_counter()
from kg.nlp import load_model
load_model(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else None)
print(time.perf_counter() - started)
"""


def wall(argv: list[str], repeat: int, before=None) -> float:
    """The median wall time of a fresh process running ``argv`` (``before()`` runs first, untimed)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    times = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def latency(work: Path, corpus_out: Path, model: str | None, repeat: int) -> dict[str, float]:
    """Seconds of loading the model alone, and of `kg build one.txt` into a new and a built folder."""
    import shutil

    one = work / "one.txt"
    texts = source_texts()
    one.write_text(texts[-1]["text"], encoding="utf-8")
    kg = [sys.executable, "-m", "kg", "build", str(one), "-j", "1"] + (["--model", model] if model else [])
    new = work / "one-new"
    grown = work / "one-grown"

    def fresh_copy() -> None:
        shutil.rmtree(grown, ignore_errors=True)
        shutil.copytree(corpus_out, grown)

    return {"model": wall([sys.executable, "-c", MODEL_LOAD, model or ""], repeat),
            "new": wall(kg + ["--out", str(new)], repeat, lambda: shutil.rmtree(new, ignore_errors=True)),
            "grown": wall(kg + ["--out", str(grown)], repeat, fresh_copy)}


def other_exports(out: Path) -> dict[str, float]:
    from kg.export import export
    from kg.store import GraphStore

    times = {}
    with GraphStore(out / "store") as store:
        for fmt in ("ttl", "jsonld", "html"):
            started = time.perf_counter()
            export(store, out / f"graph.{fmt}", fmt)
            times[fmt] = time.perf_counter() - started
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles in the corpus (default 2000)")
    ap.add_argument("--scale", type=int, default=10, help="the memory corpus is this many times larger (default 10)")
    ap.add_argument("--workers", type=int, default=2, help="workers of the parallel build (default 2)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=None)
    ap.add_argument("--work", type=Path, help="folder for the corpora and builds (default: a temporary one)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each latency measure (the median is shown)")
    args = ap.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-scale-"))
    corpus = make_corpus(work / "corpus", args.articles)
    print(f"corpus: {args.articles:,} articles from {len(source_texts())} real texts in {work}", flush=True)

    load = [os.getloadavg()[0]]
    words, raw_s, raw_cpu = raw_pipe(corpus, args.model, args.batch_size)
    print(f"raw nlp.pipe: {words:,} words in {raw_s:.1f} s ({raw_cpu:.1f} s CPU)", flush=True)
    one = build_process(corpus, work / "out-1", 1, args.batch_size)
    print(f"build, 1 worker: {one}", flush=True)
    _, raw_s2, raw_cpu2 = raw_pipe(corpus, args.model, args.batch_size)  # again: the machine may be shared
    print(f"raw nlp.pipe again: {raw_s2:.1f} s ({raw_cpu2:.1f} s CPU)", flush=True)
    raw_s, raw_cpu = (raw_s + raw_s2) / 2, (raw_cpu + raw_cpu2) / 2
    raw = words / raw_s
    load.append(os.getloadavg()[0])
    many = build_process(corpus, work / f"out-{args.workers}", args.workers, args.batch_size)
    print(f"build, {args.workers} workers: {many}", flush=True)
    exports = other_exports(work / "out-1")
    lat = latency(work, work / "out-1", args.model, args.repeat)
    big_corpus = make_corpus(work / "corpus-large", args.articles * args.scale)
    big = build_process(big_corpus, work / "out-large", 1, args.batch_size)
    print(f"build, 1 worker, {args.scale}x: {big}", flush=True)
    load.append(os.getloadavg()[0])

    assert one["words"] == words == many["words"], "the build and raw spaCy must see the same words"
    r1, rn = one["words"] / one["seconds"], many["words"] / many["seconds"]
    rows = [
        ("raw nlp.pipe, 1 process (baseline)", f"{raw:,.0f} words/s", ""),
        ("kg build, 1 worker", f"{r1:,.0f} words/s", f"{r1 / raw:.2f} x raw (target >= 0.90)"),
        ("  the same in CPU time (words per CPU second)", f"{words / one['cpu']:,.0f} words/s",
         f"{raw_cpu / one['cpu']:.2f} x raw's {words / raw_cpu:,.0f}"),
        (f"kg build, {args.workers} workers", f"{rn:,.0f} words/s", f"{rn / r1:.2f} x 1 worker (target >= 1.60)"),
        (f"peak RSS, {args.articles:,} articles", f"{one['peak_mb']:,.0f} MB", ""),
        (f"peak RSS, {args.articles * args.scale:,} articles", f"{big['peak_mb']:,.0f} MB",
         f"{big['peak_mb'] / one['peak_mb']:.2f} x (target <= 1.20)"),
        (f"kg build {args.scale}x, 1 worker", f"{big['words'] / big['seconds']:,.0f} words/s",
         f"{big['words'] / big['seconds'] / r1:.2f} x the small build"),
    ]
    rows += [(f"export {fmt} of {args.articles:,} articles (not in the builds)", f"{s:.1f} s", "")
             for fmt, s in exports.items()]
    rows += [
        ("load the spaCy model alone, fresh process (baseline)", f"{lat['model']:.2f} s", ""),
        ("kg build one.txt, new folder", f"{lat['new']:.2f} s",
         f"model + {lat['new'] - lat['model']:.2f} s (target <= model + 1 s)"),
        (f"kg build one.txt, folder of {args.articles:,} articles", f"{lat['grown']:.2f} s",
         f"model + {lat['grown'] - lat['model']:.2f} s"),
    ]
    print(f"\n{'measure':<52} {'value':>16}  ratio")
    for name, value, ratio in rows:
        print(f"{name:<52} {value:>16}  {ratio}")
    print("\nload average (1 min) at start, after the 1-worker runs, at the end: "
          + ", ".join(f"{x:.1f}" for x in load) + f" on {os.cpu_count()} cores")
    print(f"{words:,} words; relations {one['relations']:,}; failures {one['failures']}; "
          f"build seconds 1 worker {one['seconds']:.1f} (wall {one['wall']:.1f}), "
          f"{args.workers} workers {many['seconds']:.1f}; raw {raw_s:.1f}")


if __name__ == "__main__":
    main()

"""Web archives: reading a WARC.gz of news pages against reading the same articles as JSONL.

    python benchmarks/bench_warc.py                          # 1,000 pages, 5 runs, a build of 60 pages
    python benchmarks/bench_warc.py --pages 200 --runs 3 --build 0   # a quick look

The articles are real texts (the MEANTIME news articles of ../shared/eval/dates/meantime.jsonl),
repeated under distinct URIs up to --pages, each laid out as a news page (navigation, cookie banner,
related links, comments, footer, Open Graph and JSON-LD metadata: tests/webpages.py) in an archive
with a request record before each response, as crawlers write them; the JSONL file holds the same
articles (text, title, date). Both are written outside the repository. Measured in the same run,
median of --runs:

- reading: ``kg.sources.read_documents`` of the archive (warcio, trafilatura, the language
  identifier, the text reader) and of the JSONL file (the text reader and the language identifier),
  articles/s and the ratio; the archive's time split into warcio alone and the rest;
- building: ``kg.build.build`` (one worker) of the first --build pages from each, the ratio;
- memory: peak RSS of a fresh process reading an archive of --pages and of 4 times as many pages.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

READER = """
import resource, sys
from kg.sources import read_documents
n = sum(1 for d in read_documents([sys.argv[1]]) if hasattr(d, "text"))
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def sources() -> list[dict]:
    path = SHARED / "eval" / "dates" / "meantime.jsonl"
    if not path.exists():
        sys.exit(f"bench_warc: {path} is missing; it is the source of the articles")
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def make_inputs(folder: Path, pages: int, name: str = "crawl") -> tuple[Path, Path]:
    """An archive of ``pages`` news pages and a JSONL file of the same articles."""
    from webpages import Record, Story, news_page, write_warc

    texts = sources()
    records, lines = [], []
    for n in range(pages):
        src = texts[n % len(texts)]
        paras = [p.strip() for p in src["text"].split("\n") if p.strip()]
        title, body = paras[0], paras[2:] if len(paras) > 2 else paras[1:]
        story = Story(f"story-{n}", title, tuple(body), src["published"], f"Reporter {n}")  # no two pages alike
        uri = f"https://news{n % 7}.example/{src['published'].replace('-', '/')}/story-{n}"
        page = news_page(story, site=f"News {n % 7}", url=uri, layout=n % 3).encode("utf-8")
        records += [Record(uri, kind="request"), Record(uri, page)]
        lines.append(json.dumps({"id": f"story-{n}", "title": title, "published": src["published"],
                                 "url": uri, "text": "\n\n".join(body)}))
    warc, jsonl = folder / f"{name}.warc.gz", folder / f"{name}.jsonl"
    write_warc(warc, records)
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return warc, jsonl


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def read_all(path: Path) -> int:
    from kg.sources import read_documents

    return sum(1 for d in read_documents([path]) if hasattr(d, "text"))


def warcio_only(path: Path) -> int:
    from collections import Counter

    from kg.warc import responses

    with open(path, "rb") as f:
        return sum(1 for _ in responses(f, str(path), omitted=Counter()))


def peak_mb(path: Path) -> tuple[int, float]:
    out = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    return int(out[0]), float(out[1])


def build_seconds(path: Path, out: Path) -> float:
    from kg.build import build

    return build([path], out, formats=(), workers=1, progress=False).seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", type=int, default=60, help="pages built from each input (0: no build)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-warc-") as tmp:
        tmp = Path(tmp)
        warc, jsonl = make_inputs(tmp, args.pages)
        print(f"{args.pages} pages: {warc.stat().st_size / 1e6:.1f} MB of WARC.gz, "
              f"{jsonl.stat().st_size / 1e6:.1f} MB of JSONL")
        from kg.sources import read_documents

        same = [a.text == b.text for a, b in zip(read_documents([jsonl]), read_documents([warc]))]  # and warm up
        print(f"the same text from both: {sum(same)} of {len(same)} articles")
        t_jsonl, n_jsonl = timed(lambda: read_all(jsonl), args.runs)
        t_warc, n_warc = timed(lambda: read_all(warc), args.runs)
        t_warcio, n_records = timed(lambda: warcio_only(warc), args.runs)
        assert n_jsonl == n_warc == n_records == args.pages, (n_jsonl, n_warc, n_records)
        print(f"reading, median of {args.runs}: JSONL {n_jsonl / t_jsonl:,.0f} articles/s, "
              f"WARC {n_warc / t_warc:,.0f} articles/s; WARC/JSONL time ratio {t_warc / t_jsonl:.2f}")
        print(f"  of the WARC's {t_warc * 1000 / args.pages:.1f} ms a page: warcio {t_warcio * 1000 / args.pages:.1f} ms, "
              f"extraction (trafilatura), language and text {(t_warc - t_warcio) * 1000 / args.pages:.1f} ms")
        if args.build:
            small_warc, small_jsonl = make_inputs(tmp, args.build, name="small")
            runs = max(1, min(args.runs, 3))
            t_bw, _ = timed(lambda: build_seconds(small_warc, tmp / f"bw{time.perf_counter_ns()}"), runs)
            t_bj, _ = timed(lambda: build_seconds(small_jsonl, tmp / f"bj{time.perf_counter_ns()}"), runs)
            print(f"build of {args.build} articles, one worker, median of {runs}: from JSONL {t_bj:.1f} s, "
                  f"from WARC {t_bw:.1f} s; WARC/JSONL ratio {t_bw / t_bj:.2f}")
        big, _ = make_inputs(tmp, 4 * args.pages, name="big")
        (n1, mb1), (n4, mb4) = peak_mb(warc), peak_mb(big)
        print(f"peak RSS reading {n1:,} pages {mb1:.0f} MB, {n4:,} pages {mb4:.0f} MB; ratio {mb4 / mb1:.2f} "
              f"for {big.stat().st_size / warc.stat().st_size:.1f} times the archive")


if __name__ == "__main__":
    main()

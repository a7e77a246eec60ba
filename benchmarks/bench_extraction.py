"""Extraction quality on the real-news development set: the scorer's TOTAL line.

The gold is in ``benchmarks/news/NN.yaml`` (this repository) and ``../shared/eval/news/NN.yaml``;
the article texts are stored web pages and never in the repository (see benchmarks/news/README.md):
retrieve each page's excerpt into RAW/NN.txt, then

    python benchmarks/bench_extraction.py --raw RAW --corpus /tmp/dev     # rebuild the .md, then score
    python benchmarks/bench_extraction.py --corpus /tmp/dev [--verbose]   # score what is in /tmp/dev/news

Each article found under CORPUS/news/ is built with ``kg build`` and scored by
``../shared/eval/score.py``; gold files whose article is missing are listed and left out. Also
scores the shared seed gold (``../shared/eval/gold``) unless ``--no-seeds``.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD_DIRS = (SHARED / "eval" / "news", ROOT / "benchmarks" / "news")
BUILD = f"{Path(sys.executable).parent / 'kg'} build {{input}} --out {{out}} --format ttl"


def rebuild(raw: Path, corpus: Path) -> None:
    """RAW/NN.txt -> CORPUS/news/NN.md with the shared tool, each against the gold folder holding NN.yaml."""
    tool = SHARED / "eval" / "tools" / "news_to_md.py"
    for gold_dir in GOLD_DIRS:
        with tempfile.TemporaryDirectory() as tmp:
            for txt in sorted(raw.glob("*.txt")):
                if (gold_dir / f"{txt.stem}.yaml").exists():
                    shutil.copy(txt, tmp)
            subprocess.run([sys.executable, str(tool), tmp, str(corpus / "news"), str(gold_dir)], check=True,
                           stdout=subprocess.DEVNULL)


def score(golds: list[Path], corpus: Path, verbose: bool) -> int:
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--build", BUILD, "--corpus-root", str(corpus)]
    return subprocess.run(cmd + (["--verbose"] if verbose else []) + [str(g) for g in golds]).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/dev"), help="folder holding news/NN.md")
    ap.add_argument("--raw", type=Path, help="folder of retrieved excerpts NN.txt to rebuild the articles from")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-seeds", action="store_true", help="skip the shared seed gold")
    ap.add_argument("--only", nargs="*", default=[], help="article numbers to score (default: all found)")
    args = ap.parse_args()
    if args.raw:
        rebuild(args.raw, args.corpus)
    golds, missing = [], []
    for gold_dir in GOLD_DIRS:
        for gold in sorted(gold_dir.glob("*.yaml")):
            if args.only and gold.stem not in args.only:
                continue
            (golds if (args.corpus / "news" / f"{gold.stem}.md").exists() else missing).append(gold)
    if missing:
        print(f"not scored (article not retrieved): {', '.join(g.stem for g in missing)}", file=sys.stderr)
    if not golds:
        print(f"no articles under {args.corpus / 'news'}: see benchmarks/news/README.md", file=sys.stderr)
        return 1
    print(f"development set: {len(golds)} real articles", flush=True)
    code = score(golds, args.corpus, args.verbose)
    if not args.no_seeds:
        print("seed gold:", flush=True)
        code |= score(sorted((SHARED / "eval" / "gold").glob("*.yaml")), SHARED, args.verbose)
    return code


if __name__ == "__main__":
    sys.exit(main())

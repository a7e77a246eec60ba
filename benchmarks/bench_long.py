"""Time of one long article, one line (no paragraph breaks), by size: is any step super-linear?

    PYTHONPATH=. python benchmarks/bench_long.py [--sizes 50000,100000,200000] [--profile]

News-like text is made by repeating the sentences of examples/ in a shuffled order (a fixed seed),
joined by spaces into one line of the size asked. Each stage is timed on its own: reading
(kg.sources.parse_text), spaCy with kg's components (nlp(doc): tagger, parser, NER, gazetteer,
temporal tagger), the extraction (kg.extraction.extract) and the RDF (kg.rdf.article_quads). Prints
seconds per stage and size, and each stage's ratio to linear: (t / t_smallest) / (n / n_smallest),
about 1 when the time grows linearly with the length, 2 when doubling the text quadruples it.
``--profile`` prints the top functions by cumulative time of the largest size (cProfile).
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sentences() -> list[str]:
    """The sentences of the example articles (front matter, titles and date lines left out)."""
    texts = []
    for path in sorted((ROOT / "examples").iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in raw.splitlines() if line.strip()]
        else:
            texts.append(re.sub(r"\A---.*?\n---\n", "", raw, flags=re.S))
    out = []
    for text in texts:
        for line in text.splitlines():
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) >= 6]
    return out


def news_text(chars: int, seed: int = 16) -> str:
    """One line of ``chars`` characters (about) of news sentences."""
    rng = random.Random(seed)
    pool = sentences()
    parts, size = [], 0
    while size < chars:
        s = rng.choice(pool)
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)[:chars].rsplit(" ", 1)[0] + "."


def stages(text: str, nlp, rules, gazetteer) -> dict[str, float]:
    from kg.extraction import extract
    from kg.rdf import article_quads
    from kg.sources import parse_text
    from kg.temporal import anchor_date

    t = {}
    start = time.perf_counter()
    doc = parse_text(text, origin="long.txt", doc_id="long", published=dt.date(2026, 5, 14), has_title_line=False)
    t["read"] = time.perf_counter() - start
    start = time.perf_counter()
    sdoc = nlp.make_doc(doc.text)
    sdoc._.kg_anchor = anchor_date(doc.published, doc.dateline)
    sdoc = nlp(sdoc)
    t["spacy"] = time.perf_counter() - start
    start = time.perf_counter()
    extraction = extract(sdoc, doc, rules, gazetteer)
    t["extract"] = time.perf_counter() - start
    start = time.perf_counter()
    article_quads(extraction)
    t["rdf"] = time.perf_counter() - start
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="50000,100000,200000", help="characters, comma-separated")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest size")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]

    from kg.gazetteer import load_gazetteer
    from kg.nlp import load_pipeline
    from kg.rules import load_rules

    nlp = load_pipeline(None)
    nlp.max_length = max(nlp.max_length, max(sizes) + 1)
    rules, gazetteer = load_rules(), load_gazetteer()
    stages(news_text(5000), nlp, rules, gazetteer)  # warm up
    rows = []
    for n in sizes:
        text = news_text(n)
        t = stages(text, nlp, rules, gazetteer)
        t["total"] = sum(t.values())
        rows.append((len(text), t))
        print(f"{len(text):>9,} chars  " + "  ".join(f"{k} {v:7.2f} s" for k, v in t.items()), flush=True)
    n0, t0 = rows[0]
    print("ratio to linear (1 = linear):")
    for n, t in rows[1:]:
        print(f"{n:>9,} chars  " + "  ".join(
            f"{k} {(t[k] / max(t0[k], 1e-6)) / (n / n0):5.2f}" for k in t))
    if args.profile:
        text = news_text(sizes[-1])
        prof = cProfile.Profile()
        prof.enable()
        stages(text, nlp, rules, gazetteer)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(30)
        print(out.getvalue())


if __name__ == "__main__":
    main()

"""Speed of the temporal tagger against raw spaCy, measured side by side in one run.

    PYTHONPATH=. python benchmarks/bench_temporal.py [GOLD.jsonl] [--repeat N]

Prints words/s of spaCy's nlp.pipe alone, of the same pipeline with ``kg_timex``, of the component alone
on the parsed docs, of ``tag()`` alone, and two ratios to raw spaCy (the build must keep them >= 0.8):
pipeline-with-timex / raw, and raw / (raw + the component alone). The second measures the component's
own time rather than the difference of two long noisy runs, so it is the one to compare across commits.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default="../shared/eval/dates/meantime.jsonl")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    from kg.nlp import add_timex, load_model, register_timex
    from kg.temporal import compiled, tag
    from kg.temporal.component import TimexComponent

    docs = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()] * args.repeat
    texts = [d["text"] for d in docs]
    anchors = [dt.date.fromisoformat(d["published"]) if d.get("published") else None for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    register_timex()
    compiled()

    def made_docs() -> list:
        made = []
        for text, anchor in zip(texts, anchors):
            doc = nlp.make_doc(text)
            doc._.kg_anchor = anchor
            made.append(doc)
        return made

    def run(with_timex: bool) -> float:
        if with_timex:
            add_timex(nlp)
        elif "kg_timex" in nlp.pipe_names:
            nlp.remove_pipe("kg_timex")
        made = made_docs()
        start = time.perf_counter()
        for _ in nlp.pipe(made, batch_size=64):
            pass
        return time.perf_counter() - start

    run(False)  # warm up
    raw, with_timex = float("inf"), float("inf")
    for _ in range(3):  # interleaved, best of three: the machine is shared
        raw = min(raw, run(False))
        with_timex = min(with_timex, run(True))
    component = TimexComponent()
    parsed = list(nlp.pipe(made_docs(), batch_size=64))
    on_parsed = float("inf")
    for _ in range(5):  # best of five: the component alone on parsed docs, as in the pipeline
        start = time.perf_counter()
        for doc in parsed:
            component(doc)
        on_parsed = min(on_parsed, time.perf_counter() - start)
    alone = float("inf")
    for _ in range(5):  # best of five
        start = time.perf_counter()
        for text, anchor in zip(texts, anchors):
            tag(text, anchor)
        alone = min(alone, time.perf_counter() - start)
    if "kg_timex" in nlp.pipe_names:
        nlp.remove_pipe("kg_timex")
    print(f"{len(texts)} documents, {words} words")
    print(f"spaCy nlp.pipe           {words / raw:10,.0f} words/s")
    print(f"spaCy + kg_timex         {words / with_timex:10,.0f} words/s")
    print(f"kg_timex on parsed docs  {words / on_parsed:10,.0f} words/s")
    print(f"tag() alone              {words / alone:10,.0f} words/s")
    print(f"ratio (with / raw)       {raw / with_timex:10.3f}")
    print(f"ratio (raw / (raw + kg_timex on parsed docs)) {raw / (raw + on_parsed):.3f}")


if __name__ == "__main__":
    main()

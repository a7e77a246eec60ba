"""What extraction found in an article and why: the view rule authors live in.

>>> from kg.model import Document, Entity, Extraction, Mention, Relation
>>> ex = Extraction(Document("a", "Chad joined the Union in 2020."),
...                 (Entity("Chad", "Chad", "Country", (), (Mention(0, 4, "Chad", 0),)),
...                  Entity("Union", "Union", "Organization", (), (Mention(16, 21, "Union", 0),))),
...                 (Relation("Chad", "memberOf", "Union", "Chad joined the Union in 2020.", 0, 30,
...                           "verb:join/dobj", 0.8, date="2020", date_text="2020", date_source="clause"),))
>>> print(render(ex))  # doctest: +NORMALIZE_WHITESPACE
== a
entities (2)
  Chad  [Country]  mentions: Chad@0
  Union  [Organization]  mentions: Union@16
relations (1)
  Chad -memberOf-> Union  date 2020 (from "2020", clause)  asserted  confidence 0.80  rule verb:join/dobj
      "Chad joined the Union in 2020." [0:30]
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .model import Extraction, Failure
from .pipeline import extract_documents
from .sources import read_documents


def render(ex: Extraction) -> str:
    """A plain-text account of one extraction."""
    doc = ex.document
    head = [f"== {doc.id}" + (f"  {doc.title!r}" if doc.title else "") + (f"  published {doc.published}" if doc.published else "")]
    if doc.dateline:
        head.append(f"dateline {doc.dateline!r} (anchors relative dates)")
    lines = head + [f"entities ({len(ex.entities)})"]
    for e in ex.entities:
        ids = " ".join(f"{k}:{v}" for k, v in e.ids)
        mentions = ", ".join(f"{m.text}@{m.start}" for m in e.mentions) or "-"
        aka = f"  aka {', '.join(e.aliases)}" if e.aliases else ""
        lines.append(f"  {e.name}  [{e.cls}]{aka}  mentions: {mentions}" + (f"  {ids}" if ids else ""))
    lines.append(f"relations ({len(ex.relations)})")
    for r in ex.relations:
        when = (f"date {r.date}" if r.date else f"from {r.start} to {r.end}" if r.start or r.end else "undated")
        if r.date_text and when != "undated":
            when += f" (from \"{r.date_text}\"" + (f", {r.date_source}" if r.date_source else "") + ")"
        extra = "".join(f"  {k} {v}" for k, v in (("role", r.role), ("speaker", r.speaker),
                                                      ("reported by", r.reported_by)) if v)
        lines.append(f"  {r.subject} -{r.predicate}-> {r.object}  {when}  {r.modality}  "
                     f"confidence {r.confidence:.2f}  rule {r.rule}{extra}")
        lines.append(f"      \"{r.sentence}\" [{r.char_start}:{r.char_end}]")
    return "\n".join(lines)


def explain(paths: Iterable[str | Path], *, model: str | None = None, published=None) -> Iterable[str]:
    """The account of every article in ``paths`` (failures as one line each)."""
    # every article named is explained, whatever its language (kg build leaves non-English ones out)
    for item in extract_documents(read_documents(paths, published=published, english_only=False), model=model):
        yield f"failed: {item.message}" if isinstance(item, Failure) else render(item)

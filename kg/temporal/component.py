"""The spaCy side: clause tenses read from a parse, and the ``kg_timex`` pipeline component."""
from __future__ import annotations

import bisect
from collections.abc import Mapping

from ..model import Timex
from .rules import compiled
from .tagger import tag


def clause_tense(token) -> str | None:
    """The tense of the clause of a spaCy ``token``, read from the parse: its governing verb's tag and
    auxiliaries (will/shall/'ll and "going to" future; VBD or a VBD auxiliary past; has/have + VBN
    past; an infinitive complement "set to begin", a present with one ("is expected to meet") and a
    modal before "be" future; VBZ/VBP present).
    """
    verb = token
    for _ in range(12):
        if verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB") or verb.tag_ == "MD":
            break
        if verb.head is verb:
            return None
        verb = verb.head
    else:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll", "wo"} or ("going" in words and "to" in words):
        return "future"
    if words & {"may", "might", "could", "should", "must", "can"} and verb.tag_ in ("VB", "VBN"):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if verb.tag_ == "VB" and "to" in words:
        return "future"
    if "would" in words:
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am"}:
        if any(c.dep_ == "xcomp" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children)
               for c in verb.children):
            return "future"  # "is expected to meet", "plans to visit": the present of a plan
        return "present"
    return None


class ParseTenses(Mapping):
    """The clause tense at each token start of a parsed spaCy Doc, computed lazily on lookup."""

    def __init__(self, doc):
        self.doc = doc
        self._starts = [t.idx for t in doc]

    def __getitem__(self, offset: int) -> str:
        i = bisect.bisect_right(self._starts, offset) - 1
        tense = clause_tense(self.doc[i]) if i >= 0 else None
        if tense is None:
            raise KeyError(offset)
        return tense

    def __iter__(self):
        return iter(self._starts)

    def __len__(self) -> int:
        return len(self._starts)


class TimexComponent:
    """spaCy component ``kg_timex``: sets ``doc._.timexes`` from ``doc.text``, ``doc._.kg_anchor`` and the parse."""

    def __init__(self, nlp=None, name: str = "kg_timex"):
        self.name = name
        compiled()  # compile the regexes once, at construction

    def __call__(self, doc):
        tenses = ParseTenses(doc) if doc.has_annotation("DEP") else None
        doc._.timexes = tag(doc.text, doc._.kg_anchor, tenses)
        return doc


def tag_doc(doc) -> list[Timex]:
    """The timexes of a parsed spaCy Doc, with the clause tenses from the parse."""
    return tag(doc.text, doc._.kg_anchor, ParseTenses(doc))


"""What resolving one expression may look at: the text, the anchor, clause tenses, the last day named."""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping

from .rules import compiled
from .tense import guess_tense


class Context:
    def __init__(self, text: str, anchor: dt.date | None, tenses: Mapping[int, str] | None):
        self.text = text
        self.anchor = anchor
        self.tenses = tenses
        self.last_day: dt.date | None = None
        self.last_period: str | None = None  # the last day, month, week or quarter mentioned
        self._sentences: list[int] | None = None

    def sentence(self, pos: int) -> tuple[int, int]:
        if self._sentences is None:
            self._sentences = [0] + [m.end() for m in compiled().sentence_end.finditer(self.text)]
        i = bisect.bisect_right(self._sentences, pos) - 1
        end = self._sentences[i + 1] if i + 1 < len(self._sentences) else len(self.text)
        return self._sentences[i], end

    def tense(self, start: int, end: int) -> str | None:
        if self.tenses is not None:
            tense = self.tenses.get(start)
            if tense:
                return tense
        return guess_tense(self.text, start, end, self.sentence(start))


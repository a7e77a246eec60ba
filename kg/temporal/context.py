"""What resolving one expression may look at: the text, the anchor, clause tenses, the last day named."""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping

from .rules import compiled
from .tense import guess_tense
from .vocab import vocabulary, word_key


class Context:
    """One text being tagged: its anchor, clause tenses, and the last day, period and year named so far."""

    def __init__(self, text: str, anchor: dt.date | None, tenses: Mapping[int, str] | None):
        self.text = text
        self.anchor = anchor
        self.tenses = tenses
        self.last_day: dt.date | None = None
        self.last_period: str | None = None  # the last day, month, week or quarter mentioned
        self.last_year: int | None = None  # the year of the last date mentioned
        self.last_date: tuple[int, str] | None = None  # (start, value) of the last calendar date mentioned
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

    def part_of_a_name(self, word: str, end: int) -> bool:
        """Whether the temporal ``word`` ending at ``end`` is part of a compound or a name: the next word
        is one of its ``not_timex_before`` words ("current account"), or both start with a capital
        ("Christmas Island", "Current TV")."""
        after = self.next_word(end)
        if not after:
            return False
        return (word[0].isupper() and after[0].isupper()) or after.lower() in vocabulary()["not_timex_before"].get(word_key(word), ())

    def next_word(self, end: int) -> str:
        """The word after one space at ``end`` ("" if there is none)."""
        nxt = compiled().word.match(self.text, end + 1) if self.text[end:end + 1] == " " else None
        return nxt.group(0) if nxt else ""

"""The tagger: every rule's candidates, the longest kept, each resolved in text order."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping

from ..model import Timex
from . import dates, spans
from .context import Context
from .rules import Rules, compiled
from .values import granularity, range_length

RESOLVERS = dates.RESOLVERS | spans.RESOLVERS


def tag(text: str, anchor: dt.date | None, tenses: Mapping[int, str] | None = None) -> list[Timex]:
    """The temporal expressions of ``text``, normalised against ``anchor``, sorted by start.

    ``tenses`` may map the start offset of an expression to the tense of its clause ("past",
    "present", "future"); without it the tense is guessed from nearby words.

    >>> [(t.text, t.value) for t in tag("Shoigu said Thursday he had served since 2012.", dt.date(2026, 5, 14))]
    [('Thursday', '2026-05-14'), ('2012', '2012')]
    >>> [(t.text, t.type, t.value, t.begin, t.end_value) for t in tag("between 2012 and 2024", None)][0]
    ('between 2012 and 2024', 'DURATION', 'P12Y', '2012', '2024')
    """
    r = compiled()
    candidates = []
    low = lowercase(text)
    words: dict[re.Pattern, list[tuple[int, int]]] = {}  # where each focus of the windows is
    spans: dict[tuple, list[tuple[int, int]]] = {}  # the windows around them, for each margin
    for order, (name, pattern) in enumerate(r.rules):
        trigger = r.triggers.get(name)
        if trigger and not any(map(low.__contains__, trigger)):
            continue
        window = r.windows.get(name)
        if window is None:
            found = pattern.finditer(text)
        else:
            if window not in spans:
                if window[0] not in words:
                    words[window[0]] = focus(window[0], low)
                spans[window] = windows(words[window[0]], *window[1:], len(text))
            found = (m for lo, hi in spans[window] for m in pattern.finditer(text, lo, hi))
        for m in found:
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), order, name, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for cand in candidates:
        s, e = cand[0], cand[1]
        i = bisect.bisect_left(taken, (s, e))
        if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        taken.insert(i, (s, e))
        chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    ctx = Context(text, anchor, tenses)
    out: list[Timex] = []
    for s, e, _, name, m in chosen:
        found = RESOLVERS[name](m, ctx)
        if found is None:
            continue
        kind, value = found
        s, e = _extend(text, s, e, kind, name, r)
        while out and out[-1].start >= s:
            out.pop()  # "Later today": "Later" is now part of the wider span
        if kind == "DATE" and granularity(value) == "D":
            ctx.last_day = dt.date.fromisoformat(value)
        if kind == "DATE" and granularity(value) in ("D", "M", "Q", "W"):
            ctx.last_period = value
        if kind == "DATE" and _YEAR_IN.match(value):
            ctx.last_year = int(value[:4])
        if kind == "DATE" and granularity(value) in ("D", "M", "Y"):
            ctx.last_date = (s, value)
        out.append(Timex(s, e, text[s:e], kind, value))
    out = _times_of_day(out, ctx)
    out, ranges = _ranges(out, text, r)
    return sorted(out + ranges, key=lambda t: (t.start, -t.end))


def lowercase(text: str) -> str:
    """``text`` in lowercase, offset for offset (a letter whose lowercase is longer is kept as it is).

    >>> lowercase("On MONDAY"), len(lowercase("İstanbul")) == len("İstanbul")
    ('on monday', True)
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def focus(pattern: re.Pattern, low: str) -> list[tuple[int, int]]:
    """The spans of ``pattern`` in the lowercased text ``low`` that do not follow a letter.

    >>> focus(re.compile("may(?![a-z])"), "in may, dismay")
    [(3, 6)]
    """
    return [m.span() for m in pattern.finditer(low) if not ("a" <= low[m.start() - 1:m.start()] <= "z")]


def windows(words: list[tuple[int, int]], before: int, after: int, length: int) -> list[tuple[int, int]]:
    """The stretches of a text of ``length`` characters in which to look for the matches of a rule:
    around ``words``, spans of a word every match holds, at most ``before`` characters into the match
    and ``after`` before its end. A rule looked for only there finds what it finds in the whole text.

    >>> windows([(5, 9), (11, 13), (30, 34)], 5, 2, 36)
    [(0, 15), (25, 36)]
    """
    out: list[tuple[int, int]] = []
    for start, end in words:
        lo, hi = max(0, start - before), min(length, end + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _extend(text: str, s: int, e: int, kind: str, name: str, r: Rules) -> tuple[int, int]:
    """Widen a span over a modifier ("early", "the end of") or an approximator ("over", "nearly")."""
    window = text[max(0, s - 40):s]
    if kind in ("DATE", "TIME") and name not in ("the_unit", "duration"):
        m = r.modifier_before.search(window)
        if m:
            return s - (len(window) - m.start()), e
    if kind == "DURATION" and name in ("duration", "vague"):
        m = r.approx_before.search(window)
        if m:
            return s - (len(window) - m.start()), e
    return s, e


TIME_DAY_WINDOW = 100  # characters around a time of day in which to look for its day


def _times_of_day(timexes: list[Timex], ctx: Context) -> list[Timex]:
    """Give times of day written without a day the day named in their sentence, else the anchor."""
    out = []
    for i, t in enumerate(timexes):
        if t.type == "TIME" and t.value.startswith("T"):
            lo, hi = ctx.sentence(t.start)
            lo, hi = max(lo, t.start - TIME_DAY_WINDOW), min(hi, t.end + TIME_DAY_WINDOW)
            days = [x for x in timexes if lo <= x.start < hi and x.type == "DATE" and granularity(x.value) == "D"]
            if days:
                day = min(days, key=lambda x: abs(x.start - t.start)).value
            elif ctx.anchor:
                day = ctx.anchor.isoformat()
            else:
                day = "XXXX-XX-XX"
            t = Timex(t.start, t.end, t.text, t.type, day + t.value)
        out.append(t)
    return out


def _ranges(timexes: list[Timex], text: str, r: Rules) -> tuple[list[Timex], list[Timex]]:
    """Timexes spanning "between A and B", "from A to B" and "A-B" where A and B are DATE timexes.

    Returns the timexes (an end written without its year takes the other end's: "from April to June
    2025") and the ranges.
    """
    out = []
    timexes = list(timexes)
    for i in range(len(timexes) - 1):
        a, b = timexes[i], timexes[i + 1]
        if a.type != "DATE" or b.type != "DATE" or not r.range_middle.fullmatch(text[a.end:b.start]):
            continue
        if granularity(a.value) is None or granularity(b.value) is None:
            continue
        head = r.range_between.search(text[max(0, a.start - 10):a.start])
        joiner = text[a.end:b.start].strip().lower()
        if head:
            if (head["word"].lower() == "between") != (joiner == "and"):
                continue
            start = a.start - (len(text[max(0, a.start - 10):a.start]) - head.start())
        elif joiner in ("-", "–", "—"):
            start = a.start
        else:
            continue
        if (granularity(a.value) in ("M", "D") and granularity(b.value) == granularity(a.value)
                and not _YEAR_IN.search(a.text) and _YEAR_IN.search(b.text)):
            a = timexes[i] = Timex(a.start, a.end, a.text, a.type, b.value[:4] + a.value[4:])
        out.append(Timex(start, b.end, text[start:b.end], "DURATION", range_length(a.value, b.value),
                         begin=a.value, end_value=b.value))
    return timexes, out


_YEAR_IN = re.compile(r"\d{4}")


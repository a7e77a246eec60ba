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
    low = text.lower()
    words: dict[re.Pattern, list[tuple[int, int]]] = {}  # where each focus of the windows is
    for order, (name, pattern) in enumerate(r.rules):
        trigger = r.triggers.get(name)
        if trigger and not any(t in low for t in trigger):
            continue
        window = r.windows.get(name)
        if window is not None and window[0] not in words:
            words[window[0]] = [f.span() for f in window[0].finditer(text)]
        for m in (pattern.finditer(text) if window is None else _in_windows(pattern, text, words[window[0]], *window[1:])):
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


def _in_windows(pattern: re.Pattern, text: str, words: list[tuple[int, int]], before: int, after: int):
    """The matches of ``pattern`` in ``text``, looked for only around ``words`` (spans of a word every
    match holds, at most ``before`` characters into the match and ``after`` before its end): the same
    matches as ``pattern.finditer(text)``, found faster.

    >>> [m.group(0) for m in _in_windows(re.compile(r"\\d+ days"), "in 3 days or 40 days", [(5, 9), (16, 20)], 5, 2)]
    ['3 days', '40 days']
    """
    spans: list[list[int]] = []
    for start, end in words:
        lo, hi = max(0, start - before), min(len(text), end + after)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    for lo, hi in spans:
        yield from pattern.finditer(text, lo, hi)


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


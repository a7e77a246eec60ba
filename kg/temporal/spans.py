"""Resolvers of durations, frequencies (SET), references (PRESENT_REF ...) and times of day.

Each takes a regex match and the :class:`~kg.temporal.context.Context` and gives (type, value), or
None to drop the match.
"""
from __future__ import annotations

import datetime as dt
import re

from .values import duration_value, parse_number, shift_value, weekday_date
from .vocab import vocabulary, word_key


def _r_duration(m, ctx):
    unit = vocabulary()["units"][word_key(m["unit"])]
    amount = parse_number(m["num"])
    if m["half"] and amount is not None:
        amount += 0.5  # "a year and a half"
    if m["long"] and word_key(m["long"]) == "old" and amount is None:
        return None
    if m["ago"] and amount is not None and word_key(m["ago"]) in ("ago", "earlier") and float(amount).is_integer():
        if ctx.anchor is None or unit.startswith("T"):
            return "DATE", "PAST_REF"
        n = int(amount)
        if unit in ("W", "D"):
            return "DATE", (ctx.anchor - dt.timedelta(days=n * (7 if unit == "W" else 1))).isoformat()
        if unit in ("DE", "CE"):
            return "DATE", shift_value(ctx.anchor, "Y", -n * vocabulary()["unit_in_years"][unit])
        return "DATE", shift_value(ctx.anchor, unit, -n)
    if unit == "WE" or (unit in ("TS", "Q") and word_key(m["num"]) in ("a", "an")):
        return None  # "a second consecutive day", "about a quarter of its dealers"
    if (word_key(m["num"]) in ("a", "an") and not (m["rel"] or m["approx"] or m["ago"] or m["long"])
            and ctx.next_word(m.end()).lower() in vocabulary()["relative_clause_words"]):
        return None  # "a day when", "not a day anybody wants": no length of time
    return "DURATION", duration_value(amount, unit)


def _r_num_range(m, ctx):
    unit = vocabulary()["units"][word_key(m["unit"])]
    return "DURATION", duration_value(float(m["num"]), unit)


_VAGUE_BEFORE = re.compile(r"\b(?:in|for|within|just|after) $", re.I)
_VAGUE_AFTER = re.compile(r" (?:after|before)\b")


def _r_vague(m, ctx):
    """ "in years", "for months", "hours later", "days after the vote": an unknown number of units;
    "years ago": some time in the past."""
    direction = word_key(m["dir"] or "")
    if direction == "ago":
        return "DATE", "PAST_REF"
    if not (direction or m.group(0).lower().startswith("over") or _VAGUE_BEFORE.search(ctx.text, max(0, m.start() - 7), m.start())
            or _VAGUE_AFTER.match(ctx.text, m.end())):
        return None
    unit = vocabulary()["units"][word_key(m["unit"])]
    return "DURATION", duration_value(None, unit)


def _r_set(m, ctx):
    if m["weekday"]:
        return "SET", f"XXXX-WXX-{vocabulary()['weekdays'][word_key(m['weekday'])]}"
    unit = vocabulary()["units"][word_key(m["unit"])]
    return "SET", duration_value(1, unit)


def _r_set_word(m, ctx):
    return "SET", vocabulary()["sets"][word_key(m["set"])]


def _r_reference(m, ctx):
    word = m["ref"]
    if word_key(word) in vocabulary()["not_timex_before"] and ctx.part_of_a_name(word, m.end()):
        return None  # "the current account deficit"
    value = vocabulary()["references"][word_key(word)] if word_key(word) in vocabulary()["references"] else \
        vocabulary()["references"][word.lower()]
    return "DATE", value


def _r_trading(m, ctx):
    """ "in morning trading": that part of the day (its day: the one named in the sentence)."""
    return "TIME", "T" + vocabulary()["parts_of_day"][word_key(m["pod"])]


def _r_night(m, ctx):
    """ "overnight": the night before the anchor in a past clause, the anchor's night otherwise."""
    word = m["night"]
    if ctx.part_of_a_name(word, m.end()):
        return None  # "the overnight rate"
    if ctx.anchor is None:
        return "TIME", "XXXX-XX-XXTNI"
    past, other = vocabulary()["night_words"][word_key(word)]
    offset = past if ctx.tense(m.start(), m.end()) == "past" else other
    return "TIME", (ctx.anchor + dt.timedelta(days=offset)).isoformat() + "TNI"


def _clock(h: int, minutes: int, ampm: str | None, tz: str | None) -> str:
    """The time part of a TIME value.

    >>> _clock(6, 40, "p.m.", None), _clock(18, 0, None, "UTC"), _clock(12, 5, "am", None)
    ('T18:40', 'T18:00Z', 'T00:05')
    """
    if ampm:
        pm = ampm.lower().startswith("p")
        h = h % 12 + (12 if pm else 0)
    zone = ""
    if tz and vocabulary()["time_zones"].get(tz.lower()) == 0:
        zone = "Z"
    return f"T{h:02d}:{minutes:02d}{zone}"


def _r_time(m, ctx):
    clock = _clock(int(m["h"]), int(m["m"]), m["ampm"], m["tz"])
    if m["day"]:
        key = word_key(m["day"])
        if ctx.anchor is None:
            return "TIME", "XXXX-XX-XX" + clock
        if key in vocabulary()["day_words"]:
            day = ctx.anchor + dt.timedelta(days=vocabulary()["day_words"][key])
        else:
            day = weekday_date(ctx.anchor, vocabulary()["weekdays"][key], ctx.tense(m.start(), m.end()))
        return "TIME", day.isoformat() + clock
    if not m["ampm"] and not m["tz"] and not re.search(r"\bat\s+$", ctx.text[max(0, m.start() - 4):m.start()]):
        return None  # "3:2", a score or a ratio
    return "TIME", clock


def _r_time_ampm(m, ctx):
    return "TIME", _clock(int(m["h"]), 0, m["ampm"], m["tz"])


def _r_time_hhmm(m, ctx):
    hm = m["hm"]
    return "TIME", _clock(int(hm[:2]), int(hm[2:]), None, m["tz"])


def _r_noon(m, ctx):
    if not re.search(r"\b(?:at|by|until|before|after|around|about)\s+$", ctx.text[max(0, m.start() - 8):m.start()], re.I):
        return None
    return "TIME", "T12:00" if word_key(m["noon"]) in ("noon", "midday") else "T24:00"


def _r_vague_bare(m, ctx):
    """ "decades", "years-long": an unknown number of units; "week-long": one."""
    if m["one"]:
        return "DURATION", duration_value(1, vocabulary()["units"][word_key(m["one"])])
    return "DURATION", duration_value(None, vocabulary()["units"][word_key(m["unit"] or m["unit2"])])


# rule name -> resolver
RESOLVERS = {
    "vague_bare": _r_vague_bare, "duration": _r_duration, "num_range": _r_num_range, "vague": _r_vague,
    "set": _r_set, "set_word": _r_set_word, "reference": _r_reference, "night": _r_night,
    "trading": _r_trading, "time": _r_time, "time_ampm": _r_time_ampm, "time_hhmm": _r_time_hhmm,
    "noon": _r_noon,
}

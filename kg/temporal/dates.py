"""Resolvers of calendar expressions (days, weeks, months, quarters, seasons, years, holidays).

Each takes a regex match and the :class:`~kg.temporal.context.Context` and gives (type, value), or
None to drop the match.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .context import Context
from .values import holiday_date, iso_week, pick_year, shift_months, shift_value, two_digit_year, unknown_value, weekday_date, \
    xsd_date, year_before
from .vocab import vocabulary, word_key


def _month_number(word: str) -> int:
    return vocabulary()["months"][word_key(word)]


def _year_of(m: re.Match, ctx: Context, group: str = "year") -> int | None:
    if m.groupdict().get(group):
        return int(m[group])
    rel = m.groupdict().get("yrel")
    if rel and word_key(rel) == "the":  # "the second half of the year": the last year named
        return ctx.last_year or (ctx.anchor.year if ctx.anchor else None)
    if rel and ctx.anchor:
        return ctx.anchor.year + {"this": 0, "last": -1, "next": 1, "the same": 0, "the previous": -1,
                                  "the following": 1}[word_key(rel)]
    return None


def _day_value(ctx: Context, year: int | None, month: int, day: int, m: re.Match) -> str | None:
    if year is None:
        if ctx.anchor is None:
            return f"XXXX-{month:02d}-{day:02d}"
        year = pick_year(ctx.anchor, (month, day), ctx.tense(m.start(), m.end()))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _r_iso(m, ctx):
    value = f"{m['year']}-{m['month']}-{m['day']}"
    return ("DATE", value) if xsd_date(value) else None


def _r_numeric(m, ctx):
    groups = {k: v for k, v in m.groupdict().items() if v}
    day, month, year = (groups.get(k) or groups.get(k + "2") for k in ("day", "month", "year"))
    year = int(year) if len(year) == 4 else two_digit_year(int(year), ctx.anchor)
    try:
        return "DATE", dt.date(year, int(month), int(day)).isoformat()
    except ValueError:
        return None


def _r_day(m, ctx):
    if m["month"][0].islower() and word_key(m["month"]) in ("may", "march"):
        return None
    value = _day_value(ctx, int(m["year"]) if m["year"] else None, _month_number(m["month"]),
                       int(re.match(r"\d+", m["day"]).group(0)), m)
    return ("DATE", value) if value else None


def _r_month_year(m, ctx):
    if m["month"][0].islower() and word_key(m["month"]) in ("may", "march"):
        return None
    return "DATE", f"{int(m['year']):04d}-{_month_number(m['month']):02d}"


_MONTH_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|till|by|from|to|through|during|before|after|early|late|"
                            r"mid|last|next|this|and|or|between|until|as\s+of|end\s+of|beginning\s+of|"
                            r"start\s+of|middle\s+of)\s*-?\s*)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _full_month_names() -> frozenset[str]:
    months = vocabulary()["months"]
    return frozenset(max((k for k in months if months[k] == n), key=len) for n in set(months.values()))


def _r_month(m, ctx):
    word = m["month"]
    key = word_key(word)
    full = key in _full_month_names()
    if word[0].islower() or (not full and not word.endswith(".") and not m["rel"] and not m["year2"]):
        return None  # "march on", "Jan" alone
    if not m["rel"] and not m["year2"] and not m["yrel"]:
        before = ctx.text[max(0, m.start() - 20):m.start()]
        after = ctx.text[m.end():m.end() + 2]
        if key == "may" and not _MONTH_CONTEXT.search(before):
            return None
        if after[:1] == " " and after[1:2].isupper() and not _MONTH_CONTEXT.search(before):
            return None  # "June Carter", "April Fools"
    month = _month_number(word)
    year = _year_of(m, ctx, "year2")
    if year is None and ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    if year is None:
        rel = word_key(m["rel"]) if m["rel"] else ""
        shift = vocabulary()["relative_determiners"].get(rel, None) if rel else None
        here = ctx.anchor.month
        if shift == -1:
            year = ctx.anchor.year if month < here else ctx.anchor.year - 1
        elif shift == 1:
            year = ctx.anchor.year if month > here else ctx.anchor.year + 1
        elif shift == 0:
            year = ctx.anchor.year
        else:
            year = pick_year(ctx.anchor, (month,), ctx.tense(m.start(), m.end()))
    return "DATE", f"{year:04d}-{month:02d}"


_YEAR_UNITS = re.compile(r"\s*(?:%|percent|per\s+cent|people|jobs|employees|workers|troops|units|cars|"
                         r"vehicles|points|shares|seats|dealers|dealerships|aircraft|planes|votes)\b", re.I)


_NAME_AROUND = re.compile(r"(?<![.!?:\n] )(?<!^)\b[A-Z][A-Za-z]+ $")


def _r_year(m, ctx):
    after = ctx.text[m.end():m.end() + 16]
    if _YEAR_UNITS.match(after):
        return None
    if _NAME_AROUND.search(ctx.text[max(0, m.start() - 20):m.start()]) and re.match(r" [A-Z][a-z]", after):
        return None  # "the Russell 2000 Index", "Windows 2000 Server"
    return "DATE", m["year"]


def _r_year_short(m, ctx):
    if not re.search(r"\b(?:since|in|of|until|from|to|by) $", ctx.text[max(0, m.start() - 7):m.start()], re.I):
        return None
    return "DATE", str(two_digit_year(int(m["yy"]), ctx.anchor))


def _r_decade(m, ctx):
    before = ctx.text[max(0, m.start() - 8):m.start()].lower()
    if re.search(r"\b(?:his|her|their|its|my|your|our|low|high|mid|upper|lower)\s+$", before):
        return None
    digits = m["dec"].lstrip("'")
    if len(digits) == 4:
        return "DATE", digits[:3]
    century = 19
    if ctx.anchor and 2000 + int(digits) <= ctx.anchor.year - ctx.anchor.year % 10 and int(digits) < 30:
        century = 20
    return "DATE", f"{century}{digits[0]}"


def _r_century(m, ctx):
    return "DATE", f"{int(m['n']) - 1:02d}"


_NOT_WEEKDAY = re.compile(r"(?:\b(?:black|cyber|super|good|easter|ash|palm|holy|blue|bloody|manic)\s+)$", re.I)


def _r_weekday(m, ctx):
    if m["weekday"][0].islower() or _NOT_WEEKDAY.search(ctx.text[max(0, m.start() - 10):m.start()]):
        return None
    weekday = vocabulary()["weekdays"][word_key(m["weekday"])]
    pod = ("T" + vocabulary()["parts_of_day"][word_key(m["pod"])]) if m["pod"] else ""
    kind = "TIME" if pod else "DATE"
    if ctx.anchor is None:
        return kind, f"XXXX-WXX-{weekday}" + pod
    rel = word_key(m["rel"]) if m["rel"] else ""
    if rel in ("last", "past"):
        day = weekday_date(ctx.anchor - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "coming"):
        day = weekday_date(ctx.anchor + dt.timedelta(days=1), weekday, "future")
    elif rel == "this":
        day = weekday_date(ctx.anchor, weekday, "present")
    else:
        day = weekday_date(ctx.anchor, weekday, ctx.tense(m.start(), m.end()))
    return kind, day.isoformat() + pod


_TODAYS_NAME = re.compile(r"['’]s [A-Z]")


def _r_dayword(m, ctx):
    word = word_key(m["dw"])
    offset = vocabulary()["day_words"][word]
    pod = ("T" + vocabulary()["parts_of_day"][word_key(m["pod"])]) if m["pod"] else ("TNI" if word == "tonight" else "")
    kind = "TIME" if m["pod"] else "DATE"
    if word == "today" and _TODAYS_NAME.match(ctx.text, m.end()):
        return "DATE", "PRESENT_REF"  # "today's Russia": present-day Russia
    if ctx.anchor is None:
        return kind, ("PRESENT_REF" if offset == 0 and not pod else "XXXX-XX-XX" + pod)
    return kind, (ctx.anchor + dt.timedelta(days=offset)).isoformat() + pod


def _r_pod(m, ctx):
    rel = word_key(m["rel"])
    pod = vocabulary()["parts_of_day"][word_key(m["pod"])]
    offset = {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1 if pod == "NI" else 0}[rel]
    if rel == "last" and pod != "NI":
        return None
    if ctx.anchor is None:
        return "TIME", f"XXXX-XX-XXT{pod}"
    return "TIME", f"{(ctx.anchor + dt.timedelta(days=offset)).isoformat()}T{pod}"


def _quarter_of(ctx: Context, q: int, year: int | None, m: re.Match) -> str:
    if year is None:
        if ctx.anchor is None:
            return f"XXXX-Q{q}"
        here = (ctx.anchor.month - 1) // 3 + 1
        tense = ctx.tense(m.start(), m.end())
        year = ctx.anchor.year
        if tense == "future":
            year += q < here
        elif tense == "past":
            year -= q > here + 1  # the quarter after this one: a plan, as with months
        else:  # the nearest, the past one on a tie
            year = min((year - 1, year, year + 1), key=lambda y: (abs(4 * (y - ctx.anchor.year) + q - here), y))
    return f"{year:04d}-Q{q}"


def _r_quarter(m, ctx):
    year = _year_of(m, ctx)
    if m["rel"]:
        shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}[word_key(m["rel"])]
        if ctx.anchor is None:
            return "DATE", "XXXX-QX"
        return "DATE", shift_value(ctx.anchor, "Q", shift)
    q = vocabulary()["ordinals"][word_key(m["ord"])]
    if q == -1:  # "the last quarter of 2009"
        if year is None:
            return ("DATE", shift_value(ctx.anchor, "Q", -1)) if ctx.anchor else ("DATE", "XXXX-QX")
        q = 4
    if not 1 <= q <= 4:
        return None
    return "DATE", _quarter_of(ctx, q, year, m)


def _r_q(m, ctx):
    year = m.groupdict().get("year")
    year = (int(year) if len(year) == 4 else 2000 + int(year)) if year else None
    return "DATE", _quarter_of(ctx, int(m["q"]), year, m)


def _r_half(m, ctx):
    year = _year_of(m, ctx)
    if year is None:
        if ctx.anchor is None:
            return None
        year = ctx.anchor.year
    return "DATE", f"{year:04d}-H{1 if word_key(m['ord']) == 'first' else 2}"


def _r_fiscal(m, ctx):
    text = word_key(m.group(0))
    if "year" not in text and not m["year"]:
        return None  # "fiscal" alone
    year = m["year"] or m["year1"]
    if year:
        year = _fiscal_end(year, m["end"] or m["end1"])
    elif ctx.anchor:
        shift = vocabulary()["relative_determiners"].get(word_key(m["rel"]), 0) if m["rel"] else 0
        year = ctx.anchor.year + shift
    else:
        return "DATE", "FYXXXX"
    return "DATE", f"FY{year}"


def _r_fy(m, ctx):
    return "DATE", f"FY{_fiscal_end(m['year'], m['end'])}"


def _fiscal_end(year: str, end: str | None) -> int:
    """The year a fiscal year ends in, written "2025", "25", "2023-24" or "1999/00".

    >>> _fiscal_end("2025", None), _fiscal_end("25", None), _fiscal_end("2023", "24"), _fiscal_end("1999", "00")
    (2025, 2025, 2024, 2000)
    """
    start = int(year) if len(year) == 4 else 2000 + int(year)
    if end is None:
        return start
    last = start // 100 * 100 + int(end)
    return last + 100 if last < start else last


_SEASONS_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}


_FALL_CONTEXT = re.compile(r"(?:\b(?:in|this|last|next|the|during|by|until|since|early|late)\s+)$", re.I)


def _r_season(m, ctx):
    season = vocabulary()["seasons"][word_key(m["season"])]
    before = ctx.text[max(0, m.start("season") - 12):m.start("season")]
    if not m["rel"] and not m["year"]:
        word = m["season"]
        after = ctx.text[m.end():m.end() + 8]
        if word_key(word) == "fall":
            if not re.search(r"\b(?:in|during|by|until|since)\s+the\s+$", before, re.I) or re.match(r"\s+of\b", after):
                return None
        elif re.search(r"\b[A-Z][a-z]+ $", before) and not re.search(r"(?:^|[.!?\n]\s*)[A-Z][a-z]+ $", before):
            return None  # "Arab Spring"
        elif re.match(r"[ -](?:camp|school|storm|olympics|games|break|training|roll|onion|water|wheat)", after, re.I):
            return None
    if m["year"]:
        return "DATE", f"{m['year']}-{season}"
    if ctx.anchor is None:
        return "DATE", f"XXXX-{season}"
    here = {12: 4, 1: 4, 2: 4}.get(ctx.anchor.month, (ctx.anchor.month - 3) // 3 + 1)
    year = ctx.anchor.year
    rel = vocabulary()["relative_determiners"].get(word_key(m["rel"])) if m["rel"] else None
    there = _SEASONS_ORDER[season]
    if rel == -1:
        year -= there >= here
    elif rel == 1:
        year += there <= here
    elif rel is None:
        tense = ctx.tense(m.start(), m.end())
        if tense == "past":
            year -= there > here
        elif tense == "future":
            year += there < here
    return "DATE", f"{year:04d}-{season}"


def _r_rel_unit(m, ctx):
    unit = vocabulary()["units"][word_key(m["unit"])]
    rel = word_key(m["rel"])
    shift = vocabulary()["relative_determiners"][rel]
    if unit == "DE" and rel in ("past", "the past", "last", "the last", "the next", "the coming"):
        return "DURATION", "P10Y"  # "over the past decade": the last ten years
    if rel in ("past", "the past") and unit in ("Y", "M", "W"):
        return "DURATION", f"P1{unit}"
    if unit == "Y" and rel in ("previous", "the previous", "following", "the following") and ctx.last_year:
        return "DATE", f"{ctx.last_year + shift:04d}"  # "in 2019, up from the previous year": 2018
    if ctx.anchor is None:
        return "DATE", unknown_value(unit)
    return "DATE", shift_value(ctx.anchor, unit, shift)


_DAY_SHIFTS = {"following": 1, "next": 1, "after": 1, "later": 1, "previous": -1, "before": -1, "earlier": -1}


_BEFORE_AN_EVENT = re.compile(r" (?:after|before) (?:the|his|her|their|its|a)\b", re.I)


def _r_the_day(m, ctx):
    """ "the day", "the same day": the last day named; "the next day", "the day before": one day off it."""
    day = ctx.last_day or ctx.anchor
    if day is None or (not m["same"] and not m["dir"] and _BEFORE_AN_EVENT.match(ctx.text, m.end())):
        return "DATE", "XXXX-XX-XX"  # "the day after the election": a day we do not know
    shift = _DAY_SHIFTS.get(word_key(m["same"] or m["dir"] or ""), 0)
    return "DATE", (day + dt.timedelta(days=shift)).isoformat()


def _r_the_unit(m, ctx):
    unit = vocabulary()["units"][word_key(m["unit"])]
    if ctx.anchor is None:
        return "DATE", unknown_value(unit)
    return "DATE", shift_value(ctx.anchor, unit, 0)


_NAMES_A_DAY = re.compile(r"(?:day|eve|sunday|monday|friday|wednesday)$", re.I)


def _r_holiday(m, ctx):
    word = m["holiday"]
    if not word[0].isupper() or (not m["year"] and ctx.part_of_a_name(word, m.end())):
        return None  # "christmas", "Christmas Island", "Christmas trees"
    rule = vocabulary()["holidays"][word_key(word).replace("’", "'")]
    if (not m["year"] and not _NAMES_A_DAY.search(word)
            and ctx.next_word(m.end()).lower() in vocabulary()["holiday_periods"]):
        return "DURATION", "PXD"  # "Christmas sales", "the Easter holidays": the days around it
    year = int(m["year"]) if m["year"] else None
    if year is None and ctx.anchor is None:
        return "DATE", "XXXX-%02d-%02d" % tuple(rule) if isinstance(rule, list) else "XXXX-XX-XX"
    if year is None:
        this_year = holiday_date(rule, ctx.anchor.year)
        year = pick_year(ctx.anchor, (this_year.month, this_year.day), ctx.tense(m.start(), m.end()))
    return "DATE", holiday_date(rule, year).isoformat()


def _r_week_of_month(m, ctx):
    month = _month_number(m["month"])
    year = int(m["year"]) if m["year"] else (pick_year(ctx.anchor, (month,), ctx.tense(m.start(), m.end()))
                                             if ctx.anchor else None)
    if year is None:
        return "DATE", f"XXXX-{month:02d}"
    n = vocabulary()["ordinals"].get(word_key(m["ord"]), -1)
    if n == -1 or word_key(m["ord"]) == "final":
        last = dt.date(*shift_months(year, month, 1), 1) - dt.timedelta(days=1)
        return "DATE", iso_week(last - dt.timedelta(days=3))
    return "DATE", iso_week(dt.date(year, month, 1) + dt.timedelta(days=3 + 7 * (n - 1)))


def _r_weekend(m, ctx):
    """ "the weekend": in a past clause the last one (this one on a Saturday or Sunday), else the next one."""
    if ctx.anchor is None:
        return "DATE", "XXXX-WXX-WE"
    day = ctx.anchor
    if day.isoweekday() < 6 and ctx.tense(m.start(), m.end()) == "past":
        day -= dt.timedelta(weeks=1)
    return "DATE", iso_week(day) + "-WE"


def _r_whole_year(m, ctx):
    """ "the entire year": the year of the last date named ("the fourth quarter of 2005 and the entire year")."""
    year = ctx.last_year or (ctx.anchor.year if ctx.anchor else None)
    return "DATE", f"{year:04d}" if year else "XXXX"


def _r_in_the_unit(m, ctx):
    """ "the week" of "earlier in the week": the anchor's week (month, year)."""
    unit = vocabulary()["units"][word_key(m["unit"])]
    return "DATE", shift_value(ctx.anchor, unit, 0) if ctx.anchor else unknown_value(unit)


def _r_same_period(m, ctx):
    if ctx.last_period:
        return "DATE", year_before(ctx.last_period)
    return "DATE", shift_value(ctx.anchor, "Y", -1) if ctx.anchor else "XXXX"


def _r_nth_day(m, ctx):
    """ "a third straight day", "a fourth week in a row", "its best week since": the day (week, month ...)
    of the story: the last day named, else the anchor's week, month, quarter or year."""
    groups = m.groupdict()
    word = word_key(groups.get("unit") or groups.get("unit2") or groups.get("unit3"))
    unit = "D" if word == "session" else vocabulary()["units"][word]
    day = (ctx.last_day or ctx.anchor) if unit == "D" else ctx.anchor
    if day is None:
        return "DATE", unknown_value(unit)
    return "DATE", shift_value(day, unit, 0)


def _r_that_time(m, ctx):
    """ "by that time", "at that time": the last date named, in this sentence or the one before."""
    if ctx.last_date is None:
        return None
    start, value = ctx.last_date
    if start < ctx.sentence(ctx.sentence(m.start())[0] - 1)[0]:
        return None
    return "DATE", value


def _r_year_dir(m, ctx):
    """ "the year before", "the year after" ending a clause: one year off the last year named."""
    year = ctx.last_year or (ctx.anchor.year if ctx.anchor else None)
    if year is None:
        return "DATE", "XXXX"
    return "DATE", f"{year + _DAY_SHIFTS[word_key(m['dir'])]:04d}"


# rule name -> resolver
RESOLVERS = {
    "same_period": _r_same_period, "week_of_month": _r_week_of_month, "weekend": _r_weekend,
    "nth_day": _r_nth_day, "best_unit": _r_nth_day, "iso": _r_iso, "numeric": _r_numeric, "numeric_dmy": _r_numeric, "mdy": _r_day,
    "dmy": _r_day, "month_year": _r_month_year, "month": _r_month, "year": _r_year,
    "year_short": _r_year_short, "decade": _r_decade, "century": _r_century, "weekday": _r_weekday,
    "dayword": _r_dayword, "pod": _r_pod, "quarter": _r_quarter, "q": _r_q, "year_q": _r_q, "half": _r_half,
    "fiscal": _r_fiscal, "fy": _r_fy, "season": _r_season, "rel_unit": _r_rel_unit, "the_day": _r_the_day,
    "the_unit": _r_the_unit, "holiday": _r_holiday, "whole_year": _r_whole_year, "year_dir": _r_year_dir,
    "that_time": _r_that_time, "in_the_unit": _r_in_the_unit,
}

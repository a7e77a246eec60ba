"""Temporal expressions: find DATE, TIME, DURATION and SET expressions and give each a TIMEX3 value.

Values are normalised against an anchor date, the article's publication date or its dateline's date
(:func:`anchor_date`). The tagger (:func:`tag`) is pure and regex based; its vocabulary (month and
weekday names, units, modifiers, reference words, tense cues) is data in ``ontology/temporal.yaml``.
The resolution logic is a set of small functions with doctests.

Conventions (TimeML / TempEval-3, as annotated in MEANTIME):

* spans leave out prepositions ("on Monday" -> "Monday", "in 2021" -> "2021") but keep determiners,
  modifiers and approximators ("the fourth quarter", "early 2009", "over a decade", "two years ago");
* values keep the granularity of the text: "2021", "2025-07", "2026-05-14", "2013-W11", "2009-Q3",
  "2008-FA" (season), "199" (decade), "FY2007", "P20Y" (duration), "PXY" (some years),
  "PRESENT_REF"/"PAST_REF"/"FUTURE_REF"; modifiers ("early", "the end of") do not change the value;
* weekdays, months and quarters without a year are resolved with the tense of their clause: a past
  clause takes the last one on or before the anchor, a future clause the next one on or after it,
  a present clause or an unknown tense the nearest one (weekdays: the last one, as in news);
* "the day", "the same day" and times of day refer to the last day mentioned before (times: the
  day named in their sentence);
* without an anchor, relative expressions keep unknown parts as X ("XXXX-07", "XXXX-WXX-4").

Ranges ("between 2012 and 2024", "from 2012 to 2024", "2012-2024"): each end is a DATE timex of its
own, and one more timex spans the whole range, of type DURATION with the length as value ("P12Y";
"PXY" when it cannot be computed), ``begin`` and ``end_value`` set to the values of the ends. This is
how MEANTIME annotates ranges, and the relation stage reads the interval from ``begin``/``end_value``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any


from .errors import InputError
from .jsonl import parse_object
from .formats import write_text_atomic
from .model import Timex
from .resources import ontology_dir

TENSES = ("past", "present", "future")

# --------------------------------------------------------------------------- vocabulary


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The tagger's vocabulary, read once from ``ontology/temporal.yaml``.

    >>> vocabulary()["months"]["july"], vocabulary()["weekdays"]["thursday"]
    (7, 4)
    """
    import yaml

    with open(ontology_dir() / "temporal.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _alt(words) -> str:
    """A regex alternation of ``words``, longest first, any whitespace between words.

    >>> _alt(["a b", "a"])
    '(?:a\\\\s+b|a)'
    """
    parts = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts) + ")"


def _one_line(pattern: str) -> str:
    """``pattern`` with its whitespace classes kept to one line (an expression never spans lines).

    >>> _one_line(r"a\\s+b[\\s-]")
    'a[ \\t\\xa0]+b[ \\t\\xa0-]'
    """
    return pattern.replace(r"[\s-]", "[ \t\xa0-]").replace(r"\s", "[ \t\xa0]")


def _key(text: str) -> str:
    """A vocabulary key for matched text: lowercase, single spaces, no trailing dot."""
    return " ".join(text.lower().replace("-", " ").split()).rstrip(".") if text else ""


# --------------------------------------------------------------------------- resolution helpers


def shift_months(year: int, month: int, n: int) -> tuple[int, int]:
    """The (year, month) ``n`` months after (year, month).

    >>> shift_months(2026, 5, -10), shift_months(2025, 12, 1)
    ((2025, 7), (2026, 1))
    """
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def iso_week(day: dt.date) -> str:
    """The TIMEX3 week value of a day.

    >>> iso_week(dt.date(2013, 3, 14)), iso_week(dt.date(2021, 1, 1))
    ('2013-W11', '2020-W53')
    """
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekday_date(anchor: dt.date, weekday: int, tense: str | None) -> dt.date:
    """The date of an ISO ``weekday`` (Monday 1) named in a clause of ``tense``, seen from ``anchor``.

    Past (and unknown) tense: the last such day on or before the anchor; future: the next one on or
    after it; present: the nearest one.

    >>> thu = dt.date(2026, 5, 14)
    >>> weekday_date(thu, 4, "past"), weekday_date(thu, 1, "future"), weekday_date(thu, 1, "past")
    (datetime.date(2026, 5, 14), datetime.date(2026, 5, 18), datetime.date(2026, 5, 11))
    >>> weekday_date(thu, 5, "present")
    datetime.date(2026, 5, 15)
    """
    back = (anchor.isoweekday() - weekday) % 7
    fwd = (weekday - anchor.isoweekday()) % 7
    if tense == "future" or (tense == "present" and fwd < back):
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back)


PAST_TOLERANCE_DAYS = 30


def pick_year(anchor: dt.date, position: tuple[int, ...], tense: str | None) -> int:
    """The year of a month (and day) ``position`` without a year, seen from ``anchor`` in ``tense``.

    Past: on or before the anchor; future: on or after it; otherwise the nearest.

    >>> a = dt.date(2026, 5, 14)
    >>> pick_year(a, (7,), "past"), pick_year(a, (4,), "future"), pick_year(a, (4,), None)
    (2025, 2027, 2026)
    >>> pick_year(a, (12, 20), None), pick_year(a, (8, 20), "past"), pick_year(a, (5, 20), None)
    (2025, 2025, 2026)
    """
    here = (anchor.month, anchor.day)[: len(position)]
    if tense == "past":
        if position <= here:
            return anchor.year
        try:  # a day a few weeks ahead in a past clause: the tense was misread, or it is a plan
            soon = len(position) == 2 and (dt.date(anchor.year, *position) - anchor).days <= PAST_TOLERANCE_DAYS
        except ValueError:
            soon = False
        if len(position) == 1:  # the month after the anchor's: "by early June" in a May article
            soon = shift_months(anchor.year, anchor.month, 1) == (anchor.year, position[0])
        return anchor.year if soon else anchor.year - 1
    if tense == "future":
        return anchor.year if position >= here else anchor.year + 1

    def distance(year: int) -> int:
        month = position[0]
        day = position[1] if len(position) > 1 else 15
        try:
            return abs((dt.date(year, month, min(day, 28)) - anchor).days)
        except ValueError:
            return 10**6

    return min((anchor.year, anchor.year - 1, anchor.year + 1), key=distance)


def shift_value(anchor: dt.date, unit: str, n: int) -> str:
    """The TIMEX3 value of the calendar ``unit`` (Y, M, W, D, Q, WE, DE, CE) ``n`` units from ``anchor``.

    >>> a = dt.date(2026, 5, 14)
    >>> [shift_value(a, u, -1) for u in ("Y", "M", "W", "D", "Q", "WE", "DE")]
    ['2025', '2026-04', '2026-W19', '2026-05-13', '2026-Q1', '2026-W19-WE', '201']
    >>> shift_value(a, "Q", -2), shift_value(a, "CE", 0)
    ('2025-Q4', '20')
    """
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "M":
        return "%04d-%02d" % shift_months(anchor.year, anchor.month, n)
    if unit in ("W", "WE"):
        return iso_week(anchor + dt.timedelta(weeks=n)) + ("-WE" if unit == "WE" else "")
    if unit == "D":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit == "Q":
        year, month = shift_months(anchor.year, anchor.month, 3 * n)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "DE":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "CE":
        return f"{anchor.year // 100 + n:02d}"
    raise ValueError(unit)


def unknown_value(unit: str) -> str:
    """The TIMEX3 value of a relative expression of ``unit`` when there is no anchor.

    >>> unknown_value("M"), unknown_value("W")
    ('XXXX-XX', 'XXXX-WXX')
    """
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "Q": "XXXX-QX",
            "DE": "XXX", "CE": "XX"}.get(unit, "XXXX-XX-XX")


def duration_value(amount: float | None, unit: str) -> str:
    """The TIMEX3 value of a duration (decades and centuries counted in years, quarters kept).

    >>> duration_value(20, "Y"), duration_value(2, "DE"), duration_value(2.5, "Y"), duration_value(30, "TM")
    ('P20Y', 'P20Y', 'P2.5Y', 'PT30M')
    >>> duration_value(None, "Y"), duration_value(None, "DE"), duration_value(1, "WE")
    ('PXY', 'PXDE', 'P1WE')
    """
    if amount is None:
        return f"PX{unit[-1] if unit.startswith('T') else unit}".replace("PX", "PTX" if unit.startswith("T") else "PX")
    years = vocabulary()["unit_in_years"].get(unit)
    if years:
        amount, unit = amount * years, "Y"
    number = f"{amount:g}"
    return f"PT{number}{unit[1]}" if unit.startswith("T") else f"P{number}{unit}"


def granularity(value: str) -> str | None:
    """The calendar unit of a DATE value: Y, M, D, W, Q or None.

    >>> [granularity(v) for v in ("2021", "2021-07", "2021-07-03", "2021-W11", "PAST_REF")]
    ['Y', 'M', 'D', 'W', None]
    """
    for unit, pattern in _GRANULARITY:
        if pattern.fullmatch(value):
            return unit
    return None


_GRANULARITY = [("Y", re.compile(r"\d{4}")), ("M", re.compile(r"\d{4}-\d\d")),
                ("D", re.compile(r"\d{4}-\d\d-\d\d")), ("W", re.compile(r"\d{4}-W\d\d")),
                ("Q", re.compile(r"\d{4}-Q\d"))]


def range_length(begin: str, end: str) -> str:
    """The DURATION value between two DATE values of the same granularity (``PXY`` if unknown).

    >>> range_length("2012", "2024"), range_length("2026-04", "2026-06"), range_length("2012", "2024-05")
    ('P12Y', 'P2M', 'PXY')
    >>> range_length("2026-05-01", "2026-05-14")
    'P13D'
    """
    unit = granularity(begin)
    if unit is None or unit != granularity(end):
        return "PXY"
    if unit == "Y":
        return f"P{int(end) - int(begin)}Y"
    if unit == "M":
        months = (int(end[:4]) * 12 + int(end[5:7])) - (int(begin[:4]) * 12 + int(begin[5:7]))
        return f"P{months}M"
    if unit == "D":
        return f"P{(dt.date.fromisoformat(end) - dt.date.fromisoformat(begin)).days}D"
    return "PXY"


@lru_cache(maxsize=4096)
def xsd_date(value: str) -> tuple[str, str] | None:
    """A TIMEX3 DATE value as (lexical form, XSD type local name) for RDF, or None.

    >>> xsd_date("2025"), xsd_date("2025-07"), xsd_date("2026-05-14")
    (('2025', 'gYear'), ('2025-07', 'gYearMonth'), ('2026-05-14', 'date'))
    >>> [xsd_date(v) for v in ("2013-W11", "2008-FA", "199", "PRESENT_REF", "XXXX-07", "2026-02-30")]
    [None, None, None, None, None, None]
    """
    unit = granularity(value or "")
    if unit == "Y":
        return value, "gYear"
    if unit == "M":
        return (value, "gYearMonth") if 1 <= int(value[5:]) <= 12 else None
    if unit == "D":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None
        return value, "date"
    return None


def two_digit_year(yy: int, anchor: dt.date | None) -> int:
    """A year written with two digits: in this century unless that is after the anchor.

    >>> two_digit_year(82, dt.date(2008, 10, 27)), two_digit_year(7, dt.date(2008, 10, 27))
    (1982, 2007)
    """
    ref = anchor.year if anchor else 2030
    year = ref // 100 * 100 + yy
    return year - 100 if year > ref + 1 else year


# --------------------------------------------------------------------------- anchors


def anchor_date(published: dt.date | None, dateline: str | None) -> dt.date | None:
    """The date anchoring an article's body: its dateline's date if it has one, else ``published``.

    The dateline's month and day take the publication year, or the year before if that would be
    after the publication date.

    >>> anchor_date(dt.date(2026, 4, 1), "DUSHANBE, March 31 (Xinhua)")
    datetime.date(2026, 3, 31)
    >>> anchor_date(dt.date(2026, 1, 2), "MOSCOW, Dec. 30 (Reuters) -")
    datetime.date(2025, 12, 30)
    >>> anchor_date(dt.date(2026, 5, 14), "WASHINGTON, May 2, 2019"), anchor_date(None, None)
    (datetime.date(2019, 5, 2), None)
    >>> anchor_date(dt.date(2026, 5, 14), "MOSCOW (TASS)")
    datetime.date(2026, 5, 14)
    """
    if dateline:
        match = _rules().dateline_date.search(dateline)
        if match:
            month = vocabulary()["months"][_key(match["month"])]
            day = int(match["day"])
            try:
                if match["year"]:
                    return dt.date(int(match["year"]), month, day)
                if published is None:
                    return None
                found = dt.date(published.year, month, day)
                if found > published:
                    found = dt.date(published.year - 1, month, day)
                return found
            except ValueError:
                pass
    return published


def dateline_day(published: dt.date | None, dateline: str | None) -> dt.date | None:
    """The day a dispatch's dateline gives, or None when it gives none.

    >>> dateline_day(dt.date(2026, 4, 1), "DUSHANBE, March 31 (Xinhua)"), dateline_day(dt.date(2026, 4, 1), "MOSCOW (TASS)")
    (datetime.date(2026, 3, 31), None)
    """
    if not dateline or not _rules().dateline_date.search(dateline):
        return None
    return anchor_date(published, dateline)


def find_dateline(text: str) -> str | None:
    """The dateline at the start of ``text`` ("DUSHANBE, March 31 (Xinhua) --"), if there is one.

    >>> find_dateline("DUSHANBE, March 31 (Xinhua) -- Tajikistan said ...")
    'DUSHANBE, March 31 (Xinhua) --'
    >>> find_dateline("Tajikistan said on March 31 ...") is None
    True
    """
    match = _rules().dateline.match(text)
    return match.group(0).strip() if match else None


# --------------------------------------------------------------------------- the rules


class _Rules:
    """Every regex, compiled once from the vocabulary."""

    def __init__(self, v: dict[str, Any]):
        month = _alt(v["months"]) + r"\.?"
        longest = {n: max((k for k in v["months"] if v["months"][k] == n), key=len) for n in v["months"].values()}
        month_bare = ("(?:" + _alt(longest.values()) + "(?!\\.\\w)|"
                      + _alt(k for k in v["months"] if k not in longest.values()) + r"\.?)")
        weekday = _alt(k for k in v["weekdays"] if len(k) > 4)
        number_word = _alt(k for k in v["numbers"] if " " not in k)
        tens = _alt(k for k, n in v["numbers"].items() if n in (20, 30, 40, 50, 60, 70, 80, 90))
        units9 = _alt(k for k, n in v["numbers"].items() if 1 <= n <= 9 and k not in ("a", "an", "single"))
        number = (rf"(?:\d+(?:\.\d+)?|(?:{tens}-{units9}|{number_word}|a\s+couple\s+of|couple\s+of"
                  rf"|a\s+dozen|a\s+hundred)(?:\s+and\s+a\s+half)?|\d+\s+and\s+a\s+half)")
        vague = _alt(v["vague_numbers"])
        unit = _alt(v["units"])
        approx = _alt(v["approximators"])
        modifier = _alt(v["modifiers"])
        rel = _alt(v["relative_determiners"])
        season = _alt(v["seasons"])
        pod = _alt(v["parts_of_day"])
        tz = _alt(v["time_zones"])
        ordinal = _alt(v["ordinals"])
        year = r"(?:1[6-9]\d\d|20\d\d)"
        day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
        b, e = r"(?<![\w$£€#/.:,-])", r"(?![\w%])"
        flags = re.IGNORECASE
        rx = lambda pattern: re.compile(_one_line(b + pattern + e), flags)  # noqa: E731

        year_of = rf"(?:\s+of\s+|,?\s+)(?:(?P<year>{year})(?![-–/]\d)|(?P<yrel>this|last|next|the\s+same|the\s+previous|the\s+following)\s+year)"
        self.rules: list[tuple[str, re.Pattern]] = [
            ("iso", rx(r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)")),
            ("numeric", rx(r"(?P<month>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)")),
            ("mdy", rx(rf"(?:(?P<weekday>{weekday}),?\s+)?(?P<month>{month})\s+(?P<day>{day})(?:,?\s+(?P<year>{year}))?(?![\d,.]\d)")),
            ("dmy", rx(rf"(?:(?P<weekday>{weekday}),?\s+)?(?:the\s+)?(?P<day>{day})\s+(?:of\s+)?(?P<month>{month})(?:,?\s+(?P<year>{year}))?")),
            ("month_year", rx(rf"(?P<month>{month})(?:\s+of)?,?\s+(?P<year>{year})")),
            ("month", rx(rf"(?:(?P<rel>{rel})\s+)?(?P<month>{month_bare})(?=(?:{year_of.replace('(?P<year>', '(?P<year2>')})?)")),
            ("year", re.compile(_one_line(rf"(?<![\w$£€#/.:,])(?P<year>{year}){e}"), flags)),
            ("year_short", re.compile(r"(?<= )'(?P<yy>\d\d)(?![\w'])")),
            ("decade", rx(r"(?:the\s+)?(?P<dec>(?:1[6-9]|20)\d0|'?\d0)'?s")),
            ("century", rx(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century")),
            ("weekday", rx(rf"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<weekday>{weekday})(?:\s+(?P<pod>{pod}))?")),
            ("dayword", rx(rf"(?P<dw>{_alt(v['day_words'])})(?:\s+(?P<pod>{pod}))?")),
            ("pod", rx(rf"(?P<rel>this|last|yesterday|tomorrow)\s+(?P<pod>{pod})")),
            ("quarter", rx(rf"(?:the\s+)?(?:(?P<rel>this|last|next|current|previous|past|coming)|(?P<ord>{ordinal}))(?:\s+fiscal)?[\s-]+quarter(?:{year_of})?")),
            ("q", rx(r"Q(?P<q>[1-4])(?:\s*'?(?P<year>\d{4}|\d\d))?")),
            ("year_q", rx(r"(?P<year>\d{4})\s*-?\s*Q(?P<q>[1-4])")),
            ("half", rx(rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:{year_of})?")),
            ("fiscal", rx(rf"(?:(?:(?P<rel>{rel})|the)\s+)?(?:(?P<year1>{year})\s+)?(?:fiscal|financial)(?:\s+year)?(?:\s+(?P<year>{year}|\d\d))?")),
            ("fy", re.compile(r"\bFY\s?-?(?P<year>\d{4}|\d\d)\b")),
            ("season", rx(rf"(?:(?P<rel>{rel})\s+)?(?P<season>{season})(?:(?:\s+of)?\s+(?P<year>{year}))?")),
            ("rel_unit", rx(rf"(?P<rel>{rel})\s+(?P<unit>year|month|week|weekend|decade|century)")),
            ("week_of_month", rx(rf"the\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<month>{month_bare})(?:,?\s+(?P<year>{year}))?")),
            ("weekend", rx(r"the\s+weekend")),
            ("same_period", rx(r"the\s+same\s+(?:period|quarter|month|week|time)\s+(?:of\s+)?(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:earlier|ago|before))")),
            ("nth_day", rx(rf"(?:a|the)\s+(?:{ordinal})\s+(?:straight|consecutive|successive)\s+(?:day|session|trading\s+day)")),
            ("vague_bare", rx(r"(?P<unit>decades|years|months)(?P<long>-long)|(?P<unit2>decades)")),
            ("the_day", rx(r"(?:the|that)\s+(?:(?P<same>same|very|following|previous)\s+)?(?P<unit>day)")),
            ("the_unit", rx(rf"(?P<mod>{modifier})\s+(?:the|this)\s+(?P<unit>year|month|week)")),
            ("holiday", rx(rf"(?P<holiday>{_alt(v['holidays'])})(?:\s+(?P<year>{year}))?")),
            ("set", rx(rf"(?:(?P<every>every|each|per)|(?<=\d\s)a|(?<=\d\d\s)a|(?<=\bonce\s)a|(?<=\btwice\s)a|(?<=\btimes\s)a)\s+(?P<unit>year|month|week|day|hour|quarter|(?P<weekday>{weekday}))")),
            ("duration", rx(rf"(?:(?P<approx>{approx})\s+)?(?:(?P<rel>the\s+(?:past|last|next|first|previous|coming|following|final)|over\s+the\s+(?:past|last|next)|(?:past|last|next|first|another))\s+)?"
                            rf"(?P<num>{number}|{vague})(?:\s+(?:straight|consecutive|successive|full|more|long|whole|additional|extra))?[\s-]+(?P<unit>{unit})(?P<long>-long|-old)?(?P<ago>\s+ago|\s+earlier|\s+before|\s+later)?")),
            ("num_range", rx(rf"(?P<num>\d+)(?=\s*(?:and|to|or|-|–)\s*\d+[\s-]+(?P<unit>{unit})\b)")),
            ("vague", re.compile(_one_line(r"(?:(?<= )|(?:over\s+the\s+))(?P<unit>years|months|decades|weeks|days|hours|minutes)\b"), flags)),
            ("set_word", rx(rf"(?P<set>{_alt(v['sets'])})")),
            ("reference", rx(rf"(?P<ref>{_alt(v['references'])})")),
            ("time", rx(rf"(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))(?::\d\d)?(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?(?:\s*\(?(?P<tz>{tz})(?:\s*[+-]\s*\d{{1,2}})?\)?)?(?:\s+(?P<day>today|yesterday|tomorrow|{weekday}))?")),
            ("time_ampm", rx(rf"(?P<h>1[0-2]|0?[1-9])\s*(?P<ampm>[ap]\.?m\b\.?)(?:\s*\(?(?P<tz>{tz})\)?)?")),
            ("time_hhmm", rx(rf"(?P<hm>[01]\d[0-5]\d|2[0-3][0-5]\d)\s*(?P<tz>{tz}|hours|hrs)")),
            ("noon", rx(r"(?P<noon>noon|midday|midnight)")),
        ]
        # a rule runs only on texts holding one of its trigger strings (lowercase)
        self.triggers: dict[str, tuple[str, ...]] = {
            "iso": ("-",), "numeric": ("/",), "year_short": ("'",), "decade": ("0s", "0's"),
            "century": ("centur",), "dayword": tuple(k.split()[-1] for k in v["day_words"]),
            "pod": tuple(v["parts_of_day"]), "quarter": ("quarter",), "q": ("q",), "year_q": ("q",),
            "half": ("half",), "fiscal": ("fiscal", "financial"), "fy": ("fy",),
            "week_of_month": ("week",), "weekend": ("weekend",), "same_period": ("same",), "nth_day": ("straight", "consecutive", "successive"),
            "vague_bare": ("decades", "-long"), "the_day": ("day",), "the_unit": ("the year", "the month", "the week",
                                                                                 "this year", "this month", "this week"),
            "holiday": tuple({k.split()[0] for k in v["holidays"]}), "set": ("every", "each", "per", " a "),
            "set_word": tuple(v["sets"]), "time": (":",), "time_ampm": ("m",), "noon": ("noon", "midday", "midnight"),
            "time_hhmm": tuple(v["time_zones"]) + ("hours", "hrs"), "num_range": ("and", "to", "or", "-", "–"),
        }
        self.modifier_before = re.compile(_one_line(rf"(?<![\w-])(?:the\s+very\s+)?(?:{modifier})\s*-?\s*$"), flags)
        self.approx_before = re.compile(_one_line(rf"(?<![\w-]){approx}\s+$"), flags)
        self.the_before = re.compile(r"(?<![\w-])the\s+$", flags)
        self.range_between = re.compile(r"(?:(?<![\w-])(?P<word>between|from)\s+)$", flags)
        self.range_middle = re.compile(r"\s*(?:and|to|until|till|through|thru|-|–|—)\s*", flags)
        self.dateline_date = re.compile(rf"(?P<month>{month})\s+(?P<day>{day})(?:,?\s+(?P<year>{year}))?", flags)
        self.dateline = re.compile(
            rf"\s*[A-Z][A-Za-z .'-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'-]{{1,30}})?,\s+(?i:{month})\s+{day}(?:,?\s+{year})?"
            r"(?:\s*\([^)\n]{1,40}\))?\s*(?:--|-|–|—|:)")
        self.sentence_end = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
        self.word = re.compile(r"[A-Za-z']+")
        tc = v["tense_cues"]
        self.future_cues = {tuple(c.split()) for c in tc["future"]}
        self.past_cues = {tuple(c.split()) for c in tc["past"]}
        self.present_cues = {tuple(c.split()) for c in tc["present"]}


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules(vocabulary())


# --------------------------------------------------------------------------- tense guessing

_MODALS = {"will", "to", "'ll", "shall", "may", "might", "could", "should", "must", "would", "can", "wo"}
_NOT_PAST = {"need", "feed", "speed", "indeed", "red", "bed", "seed", "united", "based", "proceed", "exceed",
             "succeed", "hundred", "weed", "breed", "greed", "shed", "led", "wed", "embed"}


def guess_tense(text: str, start: int, end: int, bounds: tuple[int, int] | None = None) -> str | None:
    """The tense of the clause around ``text[start:end]``, guessed from the words near it.

    The nearest cue wins (words before the expression first): will/going to/set to are future;
    said, was and -ed forms past; is/are present.

    >>> s = "The company said Thursday it will meet on Monday."
    >>> guess_tense(s, 17, 25), guess_tense(s, 41, 47)
    ('past', 'future')
    >>> guess_tense("Talks are set to begin Monday.", 23, 29), guess_tense("Monday", 0, 6)
    ('future', None)
    """
    r = _rules()
    lo, hi = bounds if bounds else (max(0, start - 120), min(len(text), end + 120))
    before = [m.group(0).lower() for m in r.word.finditer(text, lo, start)][-16:]
    after = [m.group(0).lower() for m in r.word.finditer(text, end, hi)][:8]
    # before: scan backwards, nearest first
    for i in range(len(before) - 1, -1, -1):
        tense = _cue(before, i, r)
        if tense:
            return tense
    for i in range(len(after)):
        tense = _cue(after, i, r)
        if tense:
            return tense
    return None


def _cue(words: list[str], i: int, r: _Rules) -> str | None:
    w = words[i]
    two = tuple(words[i:i + 2])
    prev = tuple(words[max(0, i - 2):i])
    if two in r.future_cues or (w,) in r.future_cues:
        return "future"
    if prev and prev[-1] in ("be", "been") and (w.endswith("ed") or (w,) in r.past_cues):
        # "will be held", "to be announced": look at what comes before "be"
        return "future" if len(prev) > 1 and prev[0] in _MODALS else None
    if (w,) in r.past_cues or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST):
        return "past"
    if (w,) in r.present_cues:
        return "present"
    return None


# --------------------------------------------------------------------------- the tagger


class _Context:
    def __init__(self, text: str, anchor: dt.date | None, tenses: Mapping[int, str] | None):
        self.text = text
        self.anchor = anchor
        self.tenses = tenses
        self.last_day: dt.date | None = None
        self.last_period: str | None = None  # the last day, month, week or quarter mentioned
        self._sentences: list[int] | None = None

    def sentence(self, pos: int) -> tuple[int, int]:
        if self._sentences is None:
            self._sentences = [0] + [m.end() for m in _rules().sentence_end.finditer(self.text)]
        i = bisect.bisect_right(self._sentences, pos) - 1
        end = self._sentences[i + 1] if i + 1 < len(self._sentences) else len(self.text)
        return self._sentences[i], end

    def tense(self, start: int, end: int) -> str | None:
        if self.tenses is not None:
            tense = self.tenses.get(start)
            if tense:
                return tense
        return guess_tense(self.text, start, end, self.sentence(start))


def tag(text: str, anchor: dt.date | None, tenses: Mapping[int, str] | None = None) -> list[Timex]:
    """The temporal expressions of ``text``, normalised against ``anchor``, sorted by start.

    ``tenses`` may map the start offset of an expression to the tense of its clause ("past",
    "present", "future"); without it the tense is guessed from nearby words.

    >>> [(t.text, t.value) for t in tag("Shoigu said Thursday he had served since 2012.", dt.date(2026, 5, 14))]
    [('Thursday', '2026-05-14'), ('2012', '2012')]
    >>> [(t.text, t.type, t.value, t.begin, t.end_value) for t in tag("between 2012 and 2024", None)][0]
    ('between 2012 and 2024', 'DURATION', 'P12Y', '2012', '2024')
    """
    r = _rules()
    candidates = []
    low = text.lower()
    for order, (name, pattern) in enumerate(r.rules):
        trigger = r.triggers.get(name)
        if trigger and not any(t in low for t in trigger):
            continue
        for m in pattern.finditer(text):
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
    ctx = _Context(text, anchor, tenses)
    out: list[Timex] = []
    for s, e, _, name, m in chosen:
        found = _RESOLVERS[name](m, ctx)
        if found is None:
            continue
        kind, value = found
        s, e = _extend(text, s, e, kind, name, r)
        if kind == "DATE" and granularity(value) == "D":
            ctx.last_day = dt.date.fromisoformat(value)
        if kind == "DATE" and granularity(value) in ("D", "M", "Q", "W"):
            ctx.last_period = value
        out.append(Timex(s, e, text[s:e], kind, value))
    out = _times_of_day(out, ctx)
    out, ranges = _ranges(out, text, r)
    return sorted(out + ranges, key=lambda t: (t.start, -t.end))


def _extend(text: str, s: int, e: int, kind: str, name: str, r: _Rules) -> tuple[int, int]:
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


def _times_of_day(timexes: list[Timex], ctx: _Context) -> list[Timex]:
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


def _ranges(timexes: list[Timex], text: str, r: _Rules) -> tuple[list[Timex], list[Timex]]:
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


# --------------------------------------------------------------------------- resolvers
# Each takes a regex match and the context and gives (type, value), or None to drop the match.


def _month_number(word: str) -> int:
    return vocabulary()["months"][_key(word)]


def _year_of(m: re.Match, ctx: _Context, group: str = "year") -> int | None:
    if m.groupdict().get(group):
        return int(m[group])
    rel = m.groupdict().get("yrel")
    if rel and ctx.anchor:
        return ctx.anchor.year + {"this": 0, "last": -1, "next": 1, "the same": 0, "the previous": -1,
                                  "the following": 1}[_key(rel)]
    return None


def _day_value(ctx: _Context, year: int | None, month: int, day: int, m: re.Match) -> str | None:
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
    year = int(m["year"]) if len(m["year"]) == 4 else two_digit_year(int(m["year"]), ctx.anchor)
    try:
        return "DATE", dt.date(year, int(m["month"]), int(m["day"])).isoformat()
    except ValueError:
        return None


def _r_day(m, ctx):
    if m["month"][0].islower() and _key(m["month"]) in ("may", "march"):
        return None
    value = _day_value(ctx, int(m["year"]) if m["year"] else None, _month_number(m["month"]),
                       int(re.match(r"\d+", m["day"]).group(0)), m)
    return ("DATE", value) if value else None


def _r_month_year(m, ctx):
    if m["month"][0].islower() and _key(m["month"]) in ("may", "march"):
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
    key = _key(word)
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
        rel = _key(m["rel"]) if m["rel"] else ""
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
    weekday = vocabulary()["weekdays"][_key(m["weekday"])]
    pod = ("T" + vocabulary()["parts_of_day"][_key(m["pod"])]) if m["pod"] else ""
    kind = "TIME" if pod else "DATE"
    if ctx.anchor is None:
        return kind, f"XXXX-WXX-{weekday}" + pod
    rel = _key(m["rel"]) if m["rel"] else ""
    if rel in ("last", "past"):
        day = weekday_date(ctx.anchor - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "coming"):
        day = weekday_date(ctx.anchor + dt.timedelta(days=1), weekday, "future")
    elif rel == "this":
        day = weekday_date(ctx.anchor, weekday, "present")
    else:
        day = weekday_date(ctx.anchor, weekday, ctx.tense(m.start(), m.end()))
    return kind, day.isoformat() + pod


def _r_dayword(m, ctx):
    word = _key(m["dw"])
    offset = vocabulary()["day_words"][word]
    pod = ("T" + vocabulary()["parts_of_day"][_key(m["pod"])]) if m["pod"] else ("TNI" if word == "tonight" else "")
    kind = "TIME" if m["pod"] else "DATE"
    if ctx.anchor is None:
        return kind, ("PRESENT_REF" if offset == 0 and not pod else "XXXX-XX-XX" + pod)
    return kind, (ctx.anchor + dt.timedelta(days=offset)).isoformat() + pod


def _r_pod(m, ctx):
    rel = _key(m["rel"])
    pod = vocabulary()["parts_of_day"][_key(m["pod"])]
    offset = {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1 if pod == "NI" else 0}[rel]
    if rel == "last" and pod != "NI":
        return None
    if ctx.anchor is None:
        return "TIME", f"XXXX-XX-XXT{pod}"
    return "TIME", f"{(ctx.anchor + dt.timedelta(days=offset)).isoformat()}T{pod}"


def _quarter_of(ctx: _Context, q: int, year: int | None, m: re.Match) -> str:
    if year is None:
        if ctx.anchor is None:
            return f"XXXX-Q{q}"
        here = (ctx.anchor.month - 1) // 3 + 1
        tense = ctx.tense(m.start(), m.end())
        year = ctx.anchor.year
        if tense == "future":
            year += q < here
        else:
            year -= q > here
    return f"{year:04d}-Q{q}"


def _r_quarter(m, ctx):
    year = _year_of(m, ctx)
    if m["rel"]:
        shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}[_key(m["rel"])]
        if ctx.anchor is None:
            return "DATE", "XXXX-QX"
        return "DATE", shift_value(ctx.anchor, "Q", shift)
    q = vocabulary()["ordinals"][_key(m["ord"])]
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
    return "DATE", f"{year:04d}-H{1 if _key(m['ord']) == 'first' else 2}"


def _r_fiscal(m, ctx):
    text = _key(m.group(0))
    if "year" not in text and not m["year"]:
        return None  # "fiscal" alone
    year = m["year"] or m["year1"]
    if year:
        year = int(year) if len(year) == 4 else 2000 + int(year)
    elif ctx.anchor:
        shift = vocabulary()["relative_determiners"].get(_key(m["rel"]), 0) if m["rel"] else 0
        year = ctx.anchor.year + shift
    else:
        return "DATE", "FYXXXX"
    return "DATE", f"FY{year}"


def _r_fy(m, ctx):
    year = m["year"]
    return "DATE", f"FY{year if len(year) == 4 else 2000 + int(year)}"


_SEASONS_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
_FALL_CONTEXT = re.compile(r"(?:\b(?:in|this|last|next|the|during|by|until|since|early|late)\s+)$", re.I)


def _r_season(m, ctx):
    season = vocabulary()["seasons"][_key(m["season"])]
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if not m["rel"] and not m["year"]:
        word = m["season"]
        after = ctx.text[m.end():m.end() + 8]
        if _key(word) == "fall":
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
    rel = vocabulary()["relative_determiners"].get(_key(m["rel"])) if m["rel"] else None
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
    unit = vocabulary()["units"][_key(m["unit"])]
    rel = _key(m["rel"])
    shift = vocabulary()["relative_determiners"][rel]
    if unit == "DE" and rel in ("past", "the past", "last", "the last"):
        return "DURATION", "P10Y"
    if rel in ("past", "the past") and unit in ("Y", "M", "W"):
        return "DURATION", f"P1{unit}"
    if ctx.anchor is None:
        return "DATE", unknown_value(unit)
    return "DATE", shift_value(ctx.anchor, unit, shift)


def _r_the_day(m, ctx):
    if _key(m["same"] or "") in ("following", "previous"):
        if ctx.last_day is None and ctx.anchor is None:
            return "DATE", "XXXX-XX-XX"
        base = ctx.last_day or ctx.anchor
        return "DATE", (base + dt.timedelta(days=1 if _key(m["same"]) == "following" else -1)).isoformat()
    day = ctx.last_day or ctx.anchor
    return "DATE", day.isoformat() if day else "XXXX-XX-XX"


def _r_the_unit(m, ctx):
    unit = vocabulary()["units"][_key(m["unit"])]
    if ctx.anchor is None:
        return "DATE", unknown_value(unit)
    return "DATE", shift_value(ctx.anchor, unit, 0)


def _r_holiday(m, ctx):
    month, day = vocabulary()["holidays"][_key(m["holiday"]).replace("’", "'")]
    if not m["holiday"][0].isupper():
        return None
    value = _day_value(ctx, int(m["year"]) if m["year"] else None, month, day, m)
    return ("DATE", value) if value else None


def parse_number(text: str) -> float | None:
    """The number written in ``text`` ("two and a half", "twenty-five", "18"), None if vague.

    >>> parse_number("two and a half"), parse_number("twenty-five"), parse_number("18"), parse_number("several")
    (2.5, 25.0, 18.0, None)
    """
    key = _key(text)
    half = 0.5 if key.endswith(" and a half") else 0.0
    key = key.removesuffix(" and a half")
    numbers = vocabulary()["numbers"]
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return float(key) + half
    if key in numbers:
        return float(numbers[key]) + half
    parts = key.split()
    if parts and all(p in numbers for p in parts):
        return float(sum(numbers[p] for p in parts)) + half
    return None


def _r_duration(m, ctx):
    unit = vocabulary()["units"][_key(m["unit"])]
    amount = parse_number(m["num"])
    if m["long"] and _key(m["long"]) == "old" and amount is None:
        return None
    if m["ago"] and amount is not None and _key(m["ago"]) in ("ago", "earlier") and float(amount).is_integer():
        if ctx.anchor is None or unit.startswith("T"):
            return "DATE", "PAST_REF"
        n = int(amount)
        if unit in ("W", "D"):
            return "DATE", (ctx.anchor - dt.timedelta(days=n * (7 if unit == "W" else 1))).isoformat()
        if unit in ("DE", "CE"):
            return "DATE", shift_value(ctx.anchor, "Y", -n * vocabulary()["unit_in_years"][unit])
        return "DATE", shift_value(ctx.anchor, unit, -n)
    if unit == "WE" or (unit in ("TS", "Q") and _key(m["num"]) in ("a", "an")):
        return None  # "a second consecutive day", "about a quarter of its dealers"
    if _key(m["num"]) in ("a", "an", "one") and not m["rel"] and not m["approx"]:
        # "a day after": keep; "a year" after a count is a SET (handled by its rule)
        pass
    return "DURATION", duration_value(amount, unit)


def _r_num_range(m, ctx):
    unit = vocabulary()["units"][_key(m["unit"])]
    return "DURATION", duration_value(float(m["num"]), unit)


def _r_vague(m, ctx):
    if not m.group(0).lower().startswith("over") and not re.search(
            r"\b(?:in|for|within|just|after) $", ctx.text[max(0, m.start() - 7):m.start()], re.I):
        return None
    unit = vocabulary()["units"][_key(m["unit"])]
    return "DURATION", duration_value(None, unit)


def _r_set(m, ctx):
    if m["weekday"]:
        return "SET", f"XXXX-WXX-{vocabulary()['weekdays'][_key(m['weekday'])]}"
    unit = vocabulary()["units"][_key(m["unit"])]
    return "SET", duration_value(1, unit)


def _r_set_word(m, ctx):
    return "SET", vocabulary()["sets"][_key(m["set"])]


def _r_reference(m, ctx):
    word = m["ref"]
    value = vocabulary()["references"][_key(word)] if _key(word) in vocabulary()["references"] else \
        vocabulary()["references"][word.lower()]
    return "DATE", value


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
        key = _key(m["day"])
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
    return "TIME", "T12:00" if _key(m["noon"]) in ("noon", "midday") else "T24:00"


def _r_week_of_month(m, ctx):
    month = _month_number(m["month"])
    year = int(m["year"]) if m["year"] else (pick_year(ctx.anchor, (month,), ctx.tense(m.start(), m.end()))
                                             if ctx.anchor else None)
    if year is None:
        return "DATE", f"XXXX-{month:02d}"
    n = vocabulary()["ordinals"].get(_key(m["ord"]), -1)
    if n == -1 or _key(m["ord"]) == "final":
        last = dt.date(*shift_months(year, month, 1), 1) - dt.timedelta(days=1)
        return "DATE", iso_week(last - dt.timedelta(days=3))
    return "DATE", iso_week(dt.date(year, month, 1) + dt.timedelta(days=3 + 7 * (n - 1)))


def _r_weekend(m, ctx):
    return "DATE", (iso_week(ctx.anchor) + "-WE") if ctx.anchor else "XXXX-WXX-WE"


def year_before(value: str) -> str:
    """The same day, week, month or quarter a year before.

    >>> year_before("2010-02"), year_before("2009-Q3"), year_before("2008-02-29")
    ('2009-02', '2008-Q3', '2007-02-28')
    """
    year = int(value[:4]) - 1
    rest = value[4:]
    if rest == "-02-29":
        rest = "-02-28"
    return f"{year:04d}{rest}"


def _r_same_period(m, ctx):
    if ctx.last_period:
        return "DATE", year_before(ctx.last_period)
    return "DATE", shift_value(ctx.anchor, "Y", -1) if ctx.anchor else "XXXX"


def _r_nth_day(m, ctx):
    day = ctx.last_day or ctx.anchor
    return "DATE", day.isoformat() if day else "XXXX-XX-XX"


def _r_vague_bare(m, ctx):
    return "DURATION", duration_value(None, vocabulary()["units"][_key(m["unit"] or m["unit2"])])


_RESOLVERS = {
    "same_period": _r_same_period, "week_of_month": _r_week_of_month, "weekend": _r_weekend, "nth_day": _r_nth_day, "vague_bare": _r_vague_bare,
    "iso": _r_iso, "numeric": _r_numeric, "mdy": _r_day, "dmy": _r_day, "month_year": _r_month_year,
    "month": _r_month, "year": _r_year, "year_short": _r_year_short, "decade": _r_decade,
    "century": _r_century, "weekday": _r_weekday, "dayword": _r_dayword, "pod": _r_pod,
    "quarter": _r_quarter, "q": _r_q, "year_q": _r_q, "half": _r_half, "fiscal": _r_fiscal, "fy": _r_fy,
    "season": _r_season, "rel_unit": _r_rel_unit, "the_day": _r_the_day, "the_unit": _r_the_unit,
    "holiday": _r_holiday, "duration": _r_duration, "num_range": _r_num_range, "vague": _r_vague,
    "set": _r_set, "set_word": _r_set_word, "reference": _r_reference, "time": _r_time,
    "time_ampm": _r_time_ampm, "time_hhmm": _r_time_hhmm, "noon": _r_noon,
}


# --------------------------------------------------------------------------- documents (kg dates)


def tag_document(text: str, published: dt.date | None) -> list[Timex]:
    """The timexes of one article: anchored on its dateline's date if it starts with one.

    >>> [t.value for t in tag_document("DUSHANBE, March 31 (Xinhua) -- Talks ended Thursday.", dt.date(2026, 4, 1))]
    ['2026-03-31', '2026-03-26']
    """
    return tag(text, anchor_date(published, find_dateline(text)))


def read_documents(path: str):
    """Yield (id, published date or None, text) from a JSONL file; bad lines raise InputError."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    with fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            record = parse_object(line, where, 'one JSON object a line with "id", "published", "text"')
            if not isinstance(record.get("text"), str) or "id" not in record:
                raise InputError(f'{where}: each line must be a JSON object with "id" and a string "text"')
            published = record.get("published")
            if published in (None, ""):
                day = None
            else:
                try:
                    day = dt.date.fromisoformat(str(published)[:10])
                except ValueError:
                    raise InputError(f"{where}: published {published!r} is not a date (YYYY-MM-DD)") from None
            yield record["id"], day, record["text"]


def dates_jsonl(path: str, output: str | None = None, tagger=None) -> int:
    """Tag every document of a JSONL file; write one line a document to ``output`` (atomically) or stdout.

    ``tagger`` takes the list of (id, published, text) and returns the timexes of each (default:
    :func:`tag_document`, no parse; ``kg dates --parse`` passes :func:`kg.nlp.parsed_timexes`).
    Returns the number of documents.
    """
    import json
    import sys

    documents = list(read_documents(path))
    if tagger is not None:
        found = tagger(documents)
    else:
        found = [tag_document(text, published) for _, published, text in documents]
    lines = []
    for (doc_id, _, _), timexes in zip(documents, found):
        timexes = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                   | ({"begin": t.begin, "end_value": t.end_value} if t.begin else {})
                   for t in timexes]
        lines.append(json.dumps({"id": doc_id, "timexes": timexes}, ensure_ascii=False) + "\n")
    if output is None:
        sys.stdout.writelines(lines)
        sys.stdout.flush()
    else:
        write_text_atomic(Path(output), "".join(lines))
    return len(lines)


# --------------------------------------------------------------------------- spaCy component


def clause_tense(token) -> str | None:
    """The tense of the clause of a spaCy ``token``, read from the parse: its governing verb's tag and
    auxiliaries (will/shall/'ll and "going to" future; VBD or a VBD auxiliary past; has/have + VBN
    past; an infinitive complement "set to begin" and a modal before "be" future; VBZ/VBP present).
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
        _rules()  # compile the regexes once, at construction

    def __call__(self, doc):
        tenses = ParseTenses(doc) if doc.has_annotation("DEP") else None
        doc._.timexes = tag(doc.text, doc._.kg_anchor, tenses)
        return doc


def tag_doc(doc) -> list[Timex]:
    """The timexes of a parsed spaCy Doc, with the clause tenses from the parse."""
    return tag(doc.text, doc._.kg_anchor, ParseTenses(doc))

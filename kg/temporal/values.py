"""TIMEX3 values: calendar arithmetic on days, weeks, months, quarters, years; durations; XSD dates."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .vocab import vocabulary, word_key


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
    """The TIMEX3 value of a duration (decades and centuries counted in years, some of them too; quarters kept).

    >>> duration_value(20, "Y"), duration_value(2, "DE"), duration_value(2.5, "Y"), duration_value(30, "TM")
    ('P20Y', 'P20Y', 'P2.5Y', 'PT30M')
    >>> duration_value(None, "Y"), duration_value(None, "DE"), duration_value(1, "WE"), duration_value(None, "TH")
    ('PXY', 'PXY', 'P1WE', 'PTXH')
    """
    if amount is None:
        if unit in vocabulary()["unit_in_years"]:
            return "PXY"
        return f"PTX{unit[1]}" if unit.startswith("T") else f"PX{unit}"
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


def parse_number(text: str) -> float | None:
    """The number written in ``text`` ("two and a half", "twenty-five", "18"), None if vague.

    >>> parse_number("two and a half"), parse_number("twenty-five"), parse_number("18"), parse_number("several")
    (2.5, 25.0, 18.0, None)
    """
    key = word_key(text)
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



def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of a Gregorian ``year`` (the anonymous Gregorian computus).

    >>> easter_sunday(2024), easter_sunday(2025), easter_sunday(2038)
    (datetime.date(2024, 3, 31), datetime.date(2025, 4, 20), datetime.date(2038, 4, 25))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * n) // 451
    month, day = divmod(h + n - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule, year: int) -> dt.date:
    """The day of a holiday ``rule`` of ontology/temporal.yaml in ``year``: [month, day], the nth weekday
    of a month ({month, weekday, nth, shift}; nth -1 the last), or days after Easter ({easter}).

    >>> holiday_date([12, 24], 2025), holiday_date({"month": 11, "weekday": 4, "nth": 4}, 2025)
    (datetime.date(2025, 12, 24), datetime.date(2025, 11, 27))
    >>> holiday_date({"month": 5, "weekday": 1, "nth": -1}, 2025), holiday_date({"easter": -2}, 2025)
    (datetime.date(2025, 5, 26), datetime.date(2025, 4, 18))
    """
    if isinstance(rule, list):
        return dt.date(year, rule[0], rule[1])
    if "easter" in rule:
        return easter_sunday(year) + dt.timedelta(days=rule["easter"])
    month, weekday, nth = rule["month"], rule["weekday"], rule["nth"]
    if nth > 0:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = dt.date(*shift_months(year, month, 1), 1) - dt.timedelta(days=1)
        day = last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    return day + dt.timedelta(days=rule.get("shift", 0))

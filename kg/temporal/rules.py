"""Every regex of the tagger, compiled once from the vocabulary."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .vocab import vocabulary


def _alt(words) -> str:
    """A regex alternation of ``words``, longest first, any whitespace between words.

    >>> _alt(["a b", "a"])
    '(?:a\\\\s+b|a)'
    """
    parts = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p).replace("'", "['’]") for p in w.split()) for w in parts) + ")"


def _one_line(pattern: str) -> str:
    """``pattern`` with its whitespace classes kept to one line (an expression never spans lines).

    >>> _one_line(r"a\\s+b[\\s-]")
    'a[ \\t\\xa0]+b[ \\t\\xa0-]'
    """
    return pattern.replace(r"[\s-]", "[ \t\xa0-]").replace(r"\s", "[ \t\xa0]")


class Rules:
    """Every regex, compiled once from the vocabulary."""

    def __init__(self, v: dict[str, Any]):
        month = _alt(v["months"]) + r"\.?"
        longest = {n: max((k for k in v["months"] if v["months"][k] == n), key=len) for n in v["months"].values()}
        month_bare = ("(?:" + _alt(longest.values()) + "(?!\\.\\w)|"
                      + _alt(k for k in v["months"] if k not in longest.values()) + r"\.?)")
        weekday = _alt(k for k in v["weekdays"] if len(k) > 4)
        number_word = _alt(k for k in v["numbers"] if " " not in k and k not in ("a", "an"))
        filler = r"(?:\s+(?:straight|consecutive|successive|full|more|long|whole|additional|extra))?"
        singular = _alt(k for k in v["units"] if not k.endswith("s"))
        one = rf"an?(?={filler}[\s-]+{singular}(?![a-z]))"  # "a year", never "a days-long standoff"
        tens = _alt(k for k, n in v["numbers"].items() if n in (20, 30, 40, 50, 60, 70, 80, 90))
        units9 = _alt(k for k, n in v["numbers"].items() if 1 <= n <= 9 and k not in ("a", "an", "single"))
        number = (rf"(?:\d+(?:\.\d+)?|(?:{tens}-{units9}|{number_word}|{one}|a\s+couple\s+of|couple\s+of"
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
        b, e = r"(?<![\w$£€#/.:,])(?<!(?<!mid)(?<!end)-)", r"(?![\w%])"  # a hyphen only in "mid-July", "end-2025"
        flags = re.IGNORECASE
        rx = lambda pattern: re.compile(_one_line(b + pattern + e), flags)  # noqa: E731

        year_of = rf"(?:\s+of\s+|,?\s+)(?:(?P<year>{year})(?![-–/]\d)|(?P<yrel>this|last|next|the\s+same|the\s+previous|the\s+following|the)\s+year)"
        self.rules: list[tuple[str, re.Pattern]] = [
            ("iso", rx(r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)")),
            ("numeric", rx(r"(?P<month>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)")),
            # day first: "27-06-2024", "27.06.2024", and "27/06/2024" where the day cannot be a month
            ("numeric_dmy", rx(r"(?P<day>[0-3]?\d)(?P<sep>[-.])(?P<month>1[0-2]|0?[1-9])(?P=sep)(?P<year>\d{4})"
                               r"|(?P<day2>1[3-9]|2\d|3[01])/(?P<month2>1[0-2]|0?[1-9])/(?P<year2>\d{4})")),
            ("mdy", rx(rf"(?:(?P<weekday>{weekday}),?\s+)?(?P<month>{month})\s+(?P<day>{day})(?:,?\s+(?P<year>{year}))?(?![\d,.]\d)")),
            ("dmy", rx(rf"(?:(?P<weekday>{weekday}),?\s+)?(?:the\s+)?(?P<day>{day})\s+(?:of\s+)?(?P<month>{month_bare})(?:,?\s+(?P<year>{year}))?")),
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
            ("half", rx(rf"(?:the\s+)?(?P<ord>first|second)[\s-]+half(?:{year_of})?")),
            ("fiscal", rx(rf"(?:(?:(?P<rel>{rel})|the)\s+)?(?:(?P<year1>{year})(?:[-/–](?P<end1>\d\d))?\s+)?(?:fiscal|financial)(?:\s+year)?"
                          rf"(?:\s+(?P<year>{year}|\d\d)(?:[-/–](?P<end>\d\d))?)?")),
            ("fy", re.compile(r"\bFY\s?-?(?P<year>\d{4}|\d\d)(?:[-/](?P<end>\d\d))?\b")),
            ("season", rx(rf"(?:(?P<rel>{rel})\s+|the\s+)?(?P<season>{season})(?:(?:\s+of)?\s+(?P<year>{year}))?")),
            ("rel_unit", rx(rf"(?P<rel>{rel})\s+(?P<unit>year|month|week|weekend|decade|century)")),
            ("week_of_month", rx(rf"the\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<month>{month_bare})(?:,?\s+(?P<year>{year}))?")),
            ("weekend", rx(r"the\s+weekend")),
            ("whole_year", rx(r"the\s+(?:entire|whole|full)\s+year")),
            ("in_the_unit", rx(r"(?:(?<=earlier in )|(?<=later in ))the\s+(?P<unit>week|month|year)")),
            ("night", rx(rf"(?P<night>{_alt(v['night_words'])})")),
            ("same_period", rx(r"the\s+same\s+(?:period|quarter|month|week|time)\s+(?:of\s+)?(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:earlier|ago|before))")),
            ("nth_day", rx(rf"(?:(?:a|the)\s+)?(?:{ordinal})\s+(?:(?:straight|consecutive|successive)\s+(?P<unit>day|session|trading\s+day|week|month|quarter|year)"
                           rf"|(?P<unit2>day|session|week|month|quarter|year)(?=\s+in\s+a\s+row))")),
            ("best_unit", rx("(?:" + "|".join(f"(?<={re.escape(w)} )" for w in v["superlatives"]) + ")"
                             r"(?P<unit3>day|week|month)(?=\s+(?:since|in|on\s+record|ever)\b)")),
            ("that_time", rx(r"(?:(?<=by )|(?<=at )|(?<=since )|(?<=until )|(?<=till ))that\s+time")),
            ("year_dir", rx(r"the\s+year\s+(?P<dir>before|previous|earlier|after|later)(?=\s*[,.;:!?)]|\s*$)")),
            ("trading", rx(r"(?<=in )(?P<pod>morning|afternoon|evening)(?=\s+(?:trading|trade|dealings|deals|session)\b)")),
            ("vague_bare", rx(r"(?P<unit>decades|years|months|weeks|days|hours)-long|(?P<unit2>decades)"
                              r"|(?P<one>decade|year|month|week|day|hour)-long")),
            ("the_day", rx(r"(?:the|that)\s+(?:(?P<same>same|very|following|next|previous)\s+)?(?P<unit>day)"
                           r"(?:\s+(?P<dir>before|after|earlier|later)(?=\s*[,.;:!?)]|\s*$))?")),
            ("the_unit", rx(rf"(?P<mod>{modifier})\s+(?:the|this)\s+(?P<unit>year|month|week)")),
            ("holiday", re.compile(_one_line(b + f"(?=[{''.join(sorted({k[0].upper() for k in v['holidays']}))}])(?i:"  # capitals only
                                             rf"(?P<holiday>{_alt(v['holidays'])})(?:\s+(?P<year>{year}))?)" + e))),
            ("set", rx(rf"(?:(?P<every>every|each|per)|(?<=\d\s)a|(?<=\d\d\s)a|(?<=\bonce\s)a|(?<=\btwice\s)a|(?<=\btimes\s)a)\s+(?P<unit>year|month|week|day|hour|quarter|(?P<weekday>{weekday}))")),
            ("duration", rx(rf"(?:(?P<approx>{approx})\s+)?(?:(?P<rel>the\s+(?:past|last|next|first|previous|coming|following|final)|over\s+the\s+(?:past|last|next)|(?:past|last|next|first|another))\s+)?"
                            rf"(?P<num>{number}|{vague}){filler}[\s-]+(?P<unit>{unit})(?P<half>\s+and\s+a\s+half)?(?P<long>-long|-old)?(?P<ago>\s+ago|\s+earlier|\s+before|\s+later)?")),
            ("num_range", rx(rf"(?P<num>\d+)(?=\s*(?:and|to|or|-|–)\s*\d+[\s-]+(?P<unit>{unit})\b)")),
            ("vague", re.compile(_one_line(r"(?:(?<=[ \n])|^|(?:over\s+the\s+))(?P<unit>years|months|decades|weeks|days|hours|minutes)\b"
                                           r"(?P<dir>\s+(?:later|earlier|ago))?"), flags | re.MULTILINE)),
            ("set_word", rx(rf"(?P<set>{_alt(v['sets'])})")),
            ("reference", rx(rf"(?P<ref>{_alt(v['references'])})(?!-\w)")),
            ("time", rx(rf"(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))(?::\d\d)?(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?(?:\s*\(?(?P<tz>{tz})(?:\s*[+-]\s*\d{{1,2}})?\)?)?(?:\s+(?P<day>today|yesterday|tomorrow|{weekday}))?")),
            ("time_ampm", rx(rf"(?P<h>1[0-2]|0?[1-9])\s*(?P<ampm>[ap]\.?m\b\.?)(?:\s*\(?(?P<tz>{tz})\)?)?")),
            ("time_hhmm", rx(rf"(?P<hm>[01]\d[0-5]\d|2[0-3][0-5]\d)\s*(?P<tz>{tz}|hours|hrs)")),
            ("noon", rx(r"(?P<noon>noon|midday|midnight)")),
        ]
        # rules run only around the words each of their matches holds: (focus, characters of the match
        # before the word at most, after it at most, with some margin)
        # a focus is matched on the lowercased text, case-sensitive and with no lookbehind, so that the
        # regex engine can skip to the first letters of its words (see ``tagger.focus``)
        words = lambda alt: re.compile(_one_line(rf"(?:{alt})(?![a-z])"))  # noqa: E731
        months, units = words(_alt(v["months"])), words(unit)
        calendar_units = words(r"year|month|week|weekend|decade|century")
        self.windows: dict[str, tuple[re.Pattern, int, int]] = {
            "duration": (units, 100, 16), "mdy": (months, 20, 24), "dmy": (months, 32, 16),
            "month_year": (months, 4, 16), "month": (months, 20, 32), "rel_unit": (calendar_units, 20, 4),
            "set": (words(rf"year|month|week|day|hour|quarter|{weekday}"), 12, 4),
            "vague": (words(r"years|months|decades|weeks|days|hours|minutes"), 12, 12),
            "reference": (words(_alt({k.split()[-1] for k in v["references"]})), 24, 4),
            "time_ampm": (words(r"[ap]\.?m\.?"), 6, 12), "weekday": (words(weekday), 16, 16),
        }
        digits = re.compile(r"\d+")  # rules that start at a digit run, or a word or two before it
        self.windows |= {name: (digits, before, after) for name, before, after in (
            ("iso", 0, 8), ("numeric", 0, 12), ("numeric_dmy", 0, 12), ("year", 0, 4), ("decade", 6, 6),
            ("century", 6, 24), ("time", 0, 48), ("time_hhmm", 0, 32), ("num_range", 0, 48))}
        # a rule runs only on texts holding one of its trigger strings (lowercase)
        self.triggers: dict[str, tuple[str, ...]] = {
            "iso": ("-",), "numeric": ("/",), "numeric_dmy": ("-", ".", "/"), "year_short": ("'",), "decade": ("0s", "0's"),
            "century": ("centur",), "dayword": tuple(k.split()[-1] for k in v["day_words"]),
            "pod": tuple(v["parts_of_day"]), "quarter": ("quarter",), "q": ("q",), "year_q": ("q",),
            "half": ("half",), "fiscal": ("fiscal", "financial"), "fy": ("fy",),
            "week_of_month": ("week",), "weekend": ("weekend",), "whole_year": ("entire year", "whole year", "full year"),
            "in_the_unit": ("earlier in the", "later in the"), "season": tuple(v["seasons"]),
            "reference": tuple({k.split()[-1] for k in v["references"]}),
            "night": tuple(v["night_words"]), "same_period": ("same",), "nth_day": ("straight", "consecutive", "successive", "in a row"),
            "best_unit": tuple(f"{u} {w}" for u in ("day", "week", "month") for w in ("since", "in", "on", "ever")),
            "year_dir": ("the year",), "that_time": ("that time",),
            "trading": tuple(f"{p} {w}" for p in ("morning", "afternoon", "evening") for w in ("trad", "deal", "session")),
            "vague_bare": ("decades", "-long"), "the_day": ("day",), "the_unit": ("the year", "the month", "the week",
                                                                                 "this year", "this month", "this week"),
            "holiday": tuple(sorted({(k.split()[0] if len(k.split()[0]) > 5 else k).replace("'", q)
                                     for k in v["holidays"] for q in "'’"})), "set": ("every", "each", "per", " a "),
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
def compiled() -> Rules:
    return Rules(vocabulary())


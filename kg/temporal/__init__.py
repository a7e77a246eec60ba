"""Temporal expressions: find DATE, TIME, DURATION and SET expressions and give each a TIMEX3 value.

Values are normalised against an anchor date, the article's publication date or its dateline's date
(:func:`anchor_date`). The tagger (:func:`tag`) is pure and regex based; its vocabulary (month and
weekday names, units, modifiers, reference words, tense cues) is data in ``ontology/temporal.yaml``.
The resolution logic is a set of small functions with doctests.

Modules: ``vocab`` (the vocabulary, checked on load), ``values`` (calendar arithmetic on TIMEX3
values), ``rules`` (the regexes), ``tense`` (clause tense from nearby words), ``context``, ``dates``
and ``spans`` (the resolvers), ``tagger`` (:func:`tag`), ``anchors`` (datelines), ``documents``
(``kg dates``), ``component`` (spaCy).

Conventions (TimeML / TempEval-3, as annotated in MEANTIME):

* spans leave out prepositions ("on Monday" -> "Monday", "in 2021" -> "2021") but keep determiners,
  modifiers and approximators ("the fourth quarter", "early 2009", "over a decade", "two years ago");
* values keep the granularity of the text: "2021", "2025-07", "2026-05-14", "2013-W11", "2009-Q3",
  "2008-FA" (season), "199" (decade), "FY2007", "P20Y" (duration), "PXY" (some years),
  "PRESENT_REF"/"PAST_REF"/"FUTURE_REF"; modifiers ("early", "the end of") do not change the value;
* weekdays, months and quarters without a year are resolved with the tense of their clause: a past
  clause takes the last one on or before the anchor, a future clause the next one on or after it,
  a present clause or an unknown tense the nearest one (weekdays: the last one, as in news);
  a past clause may name the month or quarter right after the anchor's (a plan: "cuts for the fourth
  quarter" in August); named days are resolved the same way, movable ones computed (Easter,
  Thanksgiving);
* "the day", "the same day", "the next day" and times of day refer to the last day mentioned before
  (times: the day named in their sentence); "the previous year", "the year before" and "the entire
  year" to the last year mentioned;
* weeks are ISO weeks; "the weekend" in a past clause is the last one, otherwise the next one;
  "overnight" is the night before the anchor in a past clause ("2025-07-03TNI"), else its night;
* a holiday's name before "sales", "season", "holidays" names the days around it ("PXD"); "current"
  is PRESENT_REF, "former" no timex (the extraction reads it as a role modifier); decades and
  centuries count in years ("P20Y", "PXY" for "decades");
* without an anchor, relative expressions keep unknown parts as X ("XXXX-07", "XXXX-WXX-4").

Ranges ("between 2012 and 2024", "from 2012 to 2024", "2012-2024"): each end is a DATE timex of its
own, and one more timex spans the whole range, of type DURATION with the length as value ("P12Y";
"PXY" when it cannot be computed), ``begin`` and ``end_value`` set to the values of the ends. This is
how MEANTIME annotates ranges, and the relation stage reads the interval from ``begin``/``end_value``.
"""
from __future__ import annotations

from ..model import Timex
from .anchors import anchor_date, dateline_day, find_dateline
from .component import ParseTenses, TimexComponent, clause_tense, tag_doc
from .documents import dates_jsonl, read_documents, tag_document
from .rules import compiled
from .tagger import tag
from .tense import guess_tense
from .values import duration_value, granularity, iso_week, parse_number, pick_year, range_length, shift_months, \
    shift_value, weekday_date, xsd_date
from .vocab import vocabulary

__all__ = ["Timex", "ParseTenses", "TimexComponent", "anchor_date", "clause_tense", "compiled", "dateline_day",
           "dates_jsonl", "duration_value", "find_dateline", "granularity", "guess_tense", "iso_week",
           "parse_number", "pick_year", "range_length", "read_documents", "shift_months", "shift_value", "tag",
           "tag_doc", "tag_document", "vocabulary", "weekday_date", "xsd_date"]

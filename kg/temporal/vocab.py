"""The tagger's vocabulary: ``ontology/temporal.yaml``, read once and checked on load.

Every section has a shape (:data:`SECTIONS`); a section that is missing, unknown or of the wrong
shape is an :class:`~kg.errors.OntologyError` naming the file, the section, the key and what is allowed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import OntologyError
from ..resources import ontology_dir

UNITS = ("Y", "M", "W", "D", "Q", "WE", "DE", "CE", "TH", "TM", "TS")
HOLIDAY_KEYS = ("month", "day", "weekday", "nth", "shift", "easter")

#: section -> (what its values are, the values allowed: a tuple, an integer range, or a regex)
SECTIONS: dict[str, tuple[str, Any]] = {
    "months": ("int", range(1, 13)),
    "weekdays": ("int", range(1, 8)),
    "units": ("code", UNITS),
    "unit_in_years": ("int", range(1, 1001)),
    "numbers": ("int", range(0, 1001)),
    "vague_numbers": ("words", None),
    "ordinals": ("int", range(-1, 13)),
    "approximators": ("words", None),
    "seasons": ("code", ("SP", "SU", "FA", "WI")),
    "parts_of_day": ("code", ("MO", "AF", "EV", "NI")),
    "night_words": ("pair", range(-1, 2)),
    "holidays": ("holiday", None),
    "references": ("code", ("PRESENT_REF", "PAST_REF", "FUTURE_REF")),
    "not_timex_before": ("word lists", None),
    "superlatives": ("words", None),
    "relative_clause_words": ("words", None),
    "holiday_periods": ("words", None),
    "sets": ("code", re.compile(r"PT?\d+(?:Y|M|W|D|H|S)")),
    "day_words": ("int", range(-2, 3)),
    "relative_determiners": ("int", range(-1, 2)),
    "modifiers": ("code", ("START", "END", "MID")),
    "time_zones": ("int", range(-12, 15)),
    "tense_cues": ("word lists", ("future", "past", "present")),
}


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The tagger's vocabulary, read once from ``ontology/temporal.yaml`` and checked.

    >>> vocabulary()["months"]["july"], vocabulary()["weekdays"]["thursday"]
    (7, 4)
    """
    return load(ontology_dir() / "temporal.yaml")


def load(path: Path) -> dict[str, Any]:
    """The vocabulary in the YAML file ``path``, checked (:func:`check`)."""
    import yaml

    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as err:
        raise OntologyError(f"{path}: cannot read the temporal vocabulary ({err})") from None
    check(data, str(path))
    return data


def check(data: Any, where: str) -> None:
    """Raise OntologyError unless ``data`` has every section of :data:`SECTIONS`, each of its shape.

    >>> check({"months": {"july": 13}}, "t.yaml")
    Traceback (most recent call last):
    ...
    kg.errors.OntologyError: t.yaml: months: 'july' is 13; allowed: an integer from 1 to 12
    """
    if not isinstance(data, dict):
        raise OntologyError(f"{where}: the vocabulary must be a mapping with the sections {', '.join(SECTIONS)}")
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise OntologyError(f"{where}: unknown section {', '.join(map(str, unknown))}; allowed: {', '.join(SECTIONS)}")
    for section, (shape, allowed) in SECTIONS.items():
        if section in data:
            _check_section(data[section], shape, allowed, f"{where}: {section}")
    missing = [s for s in SECTIONS if s not in data]
    if missing:
        raise OntologyError(f"{where}: missing section {', '.join(missing)}")


def _check_section(value: Any, shape: str, allowed: Any, where: str) -> None:
    if shape == "words":
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise OntologyError(f"{where}: must be a list of words")
        return
    if not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
        raise OntologyError(f"{where}: must be a mapping of words")
    for key, item in value.items():
        _check_item(key, item, shape, allowed, where)


def _check_item(key: str, item: Any, shape: str, allowed: Any, where: str) -> None:
    def fail(what: str):
        raise OntologyError(f"{where}: {key!r} is {item!r}; allowed: {what}")

    if shape == "int":
        if not isinstance(item, int) or isinstance(item, bool) or item not in allowed:
            fail(f"an integer from {allowed.start} to {allowed.stop - 1}")
    elif shape == "code":
        ok = isinstance(item, str) and (allowed.fullmatch(item) if isinstance(allowed, re.Pattern) else item in allowed)
        if not ok:
            fail(f"a value matching {allowed.pattern}" if isinstance(allowed, re.Pattern) else ", ".join(allowed))
    elif shape == "pair":
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(n, int) and n in allowed for n in item)):
            fail(f"[offset in a past clause, offset otherwise], each from {allowed.start} to {allowed.stop - 1}")
    elif shape == "word lists":
        if allowed and key not in allowed:
            raise OntologyError(f"{where}: unknown key {key!r}; allowed: {', '.join(allowed)}")
        if not isinstance(item, list) or not all(isinstance(w, str) and w for w in item):
            fail("a list of words")
    elif shape == "holiday":
        _check_holiday(item, fail)


def _check_holiday(item: Any, fail) -> None:
    allowed = "[MONTH, DAY] or a mapping of " + ", ".join(HOLIDAY_KEYS)
    if isinstance(item, list):
        if not (len(item) == 2 and all(isinstance(n, int) for n in item) and 1 <= item[0] <= 12 and 1 <= item[1] <= 31):
            fail(allowed)
    elif isinstance(item, dict):
        if set(item) - set(HOLIDAY_KEYS) or not all(isinstance(n, int) for n in item.values()):
            fail(allowed)
        if "easter" not in item and not ({"month", "weekday", "nth"} <= set(item)):
            fail("a mapping with easter, or with month, weekday and nth (-1: the last)")
    else:
        fail(allowed)


def word_key(text: str) -> str:
    """A vocabulary key for matched text: lowercase, single spaces, no trailing dot."""
    return " ".join(text.lower().replace("-", " ").split()).rstrip(".") if text else ""

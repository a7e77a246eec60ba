"""One JSON object a line: the parsing both JSONL readers share (articles in kg.sources, annotated
documents for ``kg dates`` in kg.temporal), with errors that name the line and say what is expected."""
from __future__ import annotations

import json
from typing import Any

from .errors import InputError


def parse_object(line: str, where: str, expected: str) -> dict[str, Any]:
    """The JSON object of one line, or an InputError naming ``where`` and what is ``expected``.

    >>> parse_object('{"text": "Hi"}', "a.jsonl:1", "an object with 'text'")
    {'text': 'Hi'}
    >>> parse_object('[1]', "a.jsonl:2", "an object with 'text'")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: a.jsonl:2: expected an object with 'text'
    """
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not valid JSON ({err.msg} at column {err.colno}); expected {expected}") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected {expected}")
    return data

"""The tagger's vocabulary: ``ontology/temporal.yaml``, read once and checked on load."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..resources import ontology_dir


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The tagger's vocabulary, read once from ``ontology/temporal.yaml``.

    >>> vocabulary()["months"]["july"], vocabulary()["weekdays"]["thursday"]
    (7, 4)
    """
    import yaml

    with open(ontology_dir() / "temporal.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def word_key(text: str) -> str:
    """A vocabulary key for matched text: lowercase, single spaces, no trailing dot."""
    return " ".join(text.lower().replace("-", " ").split()).rstrip(".") if text else ""

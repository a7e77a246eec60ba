"""Where the packaged data lives: ``ontology/`` beside the package, or inside it once installed."""
from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def ontology_dir() -> Path:
    """The folder holding kg.ttl, shapes.ttl, rules and queries."""
    inside = Path(__file__).parent / "ontology"
    if (inside / "kg.ttl").exists():
        return inside
    return Path(__file__).resolve().parents[1] / "ontology"

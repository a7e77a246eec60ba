"""The one table of file formats kg reads and writes, and the atomic writer every output goes through.

>>> Format.from_name("ttl").media_type
'text/turtle'
>>> Format.from_path(Path("out/graph.nq")).is_quads
True
>>> Format.from_name("xls")
Traceback (most recent call last):
...
kg.errors.FormatError: unknown format 'xls'; allowed: ttl, trig, nq, nt, jsonld, rdf, graphml, gexf, html, csv, parquet
>>> RDF_SUFFIXES
('.ttl', '.trig', '.nq', '.nt', '.jsonld', '.rdf')
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FormatError


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    media_type: str
    rdf: str | None  # name of the pyoxigraph.RdfFormat member; None for non-RDF outputs
    is_quads: bool = False
    description: str = ""

    @property
    def rdf_format(self):
        import pyoxigraph

        return getattr(pyoxigraph.RdfFormat, self.rdf) if self.rdf else None

    @classmethod
    def from_name(cls, name: str) -> Format:
        for f in FORMATS:
            if f.name == name.lower().lstrip("."):
                return f
        raise FormatError(f"unknown format {name!r}; allowed: {', '.join(f.name for f in FORMATS)}")

    @classmethod
    def from_path(cls, path: Path) -> Format:
        suffix = Path(path).suffix.lower()
        for f in FORMATS:
            if suffix in f.extensions:
                return f
        allowed = ", ".join(e for f in FORMATS for e in f.extensions)
        raise FormatError(f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r}; allowed: {allowed}")


FORMATS: tuple[Format, ...] = (
    Format("ttl", (".ttl",), "text/turtle", "TURTLE", False, "Turtle, union of all graphs"),
    Format("trig", (".trig",), "application/trig", "TRIG", True, "TriG, one named graph per article"),
    Format("nq", (".nq",), "application/n-quads", "N_QUADS", True, "N-Quads, one named graph per article"),
    Format("nt", (".nt",), "application/n-triples", "N_TRIPLES", False, "N-Triples, union of all graphs"),
    Format("jsonld", (".jsonld", ".json"), "application/ld+json", "JSON_LD", True,
           "JSON-LD, one named graph per article, compact (kg.jsonld)"),
    Format("rdf", (".rdf", ".owl", ".xml"), "application/rdf+xml", "RDF_XML", False, "RDF/XML, union of all graphs"),
    Format("graphml", (".graphml",), "application/graphml+xml", None, False, "GraphML of entities and statements"),
    Format("gexf", (".gexf",), "application/gexf+xml", None, False, "GEXF (Gephi) of entities and statements"),
    Format("html", (".html", ".htm"), "text/html", None, False, "the explorer page (kg.viz)"),
    Format("csv", (".csv",), "text/csv", None, False, "the statements table (kg.tables), CSV"),
    Format("parquet", (".parquet",), "application/vnd.apache.parquet", None, False,
           "the statements table (kg.tables), Parquet"),
)

#: The main suffix of each RDF format: the RDF files kg reads.
RDF_SUFFIXES = tuple(f.extensions[0] for f in FORMATS if f.rdf is not None)


def formats(kind: str | None = None) -> Iterable[Format]:
    """The formats of the table (``kind="rdf"`` for the RDF ones only)."""
    return [f for f in FORMATS if kind != "rdf" or f.rdf is not None]


def rdf_format_of(path: Path) -> Format | None:
    """The RDF format of a file by its main suffix (RDF_SUFFIXES), else None.

    >>> rdf_format_of(Path("g.trig")).name, rdf_format_of(Path("g.csv"))
    ('trig', None)
    """
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS if f.rdf is not None and f.extensions[0] == suffix), None)


def write_atomic(path: Path, write: Callable[[Path], Any]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomic(target, lambda tmp: tmp.write_text("x")); target.read_text()
    'x'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the result is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """``text`` into ``path`` (UTF-8), atomically."""
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))

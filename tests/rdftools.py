"""Command lines for Apache Jena's riot (Debian libapache-jena-java 4.5.0) and raptor's rapper.

Debian's Jena needs two work-arounds to start (see the measurements notes):
- a class path of the package's dependency jars without the slf4j bridges (keep slf4j-api, slf4j-simple);
- xerces' message ``.properties`` files, which jena-core.jar ships only under
  ``org/apache/jena/ext/xerces/``, extracted as ``xerces/...`` into a folder first on the class path.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest

JAVA_DIR = Path("/usr/share/java")
KEEP_SLF4J = {"slf4j-api.jar", "slf4j-simple.jar"}


def _depends(package: str) -> list[str]:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", package], capture_output=True, text=True)
    names = [re.sub(r"\(.*?\)", "", alt.split("|")[0]).strip() for alt in out.stdout.split(",")]
    return [n.split(":")[0] for n in names if n]


def _jars(package: str) -> list[Path]:
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
    paths = [Path(p) for p in out.stdout.splitlines() if p.startswith(str(JAVA_DIR)) and p.endswith(".jar")]
    # the unversioned name of each jar (Debian ships name.jar -> name-1.2.jar)
    return [p for p in paths if not re.search(r"-\d[\w.]*\.jar$", p.name)] or paths


@cache
def jena_classpath(workdir: str) -> str | None:
    """The class path for riotcmd.riot, or None when Jena is not installed."""
    if not (JAVA_DIR / "jena-core.jar").exists() or not shutil.which("java"):
        return None
    seen, todo, jars = set(), ["libapache-jena-java"], []
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        jars += _jars(pkg)
        todo += [d for d in _depends(pkg) if d.endswith("-java")]
    jars = [j for j in dict.fromkeys(jars) if "slf4j" not in j.name or j.name in KEEP_SLF4J]
    if not any(j.name == "slf4j-simple.jar" for j in jars) and (JAVA_DIR / "slf4j-simple.jar").exists():
        jars.append(JAVA_DIR / "slf4j-simple.jar")
    props = Path(workdir) / "jena-xerces"
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = props / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return os.pathsep.join([str(props), *map(str, jars)])


def require(tool: str) -> None:
    """Skip when a tool is missing, except in CI where it must be there."""
    present = jena_classpath("/tmp") is not None if tool == "jena" else shutil.which(tool) is not None
    if not present:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI (Debian libapache-jena-java, raptor2-utils)")
        pytest.skip(f"{tool} is not installed")


def riot(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    classpath = jena_classpath(str(workdir))
    return subprocess.run(["java", "-cp", classpath, "riotcmd.riot", *args], capture_output=True, text=True,
                          timeout=300)


def riot_counts(workdir: Path, paths: list[Path], syntax: str | None = None) -> dict[str, int]:
    """Triples (or quads) riot counts in each file, by file name; fails on any warning or error.

    Debian's Jena has no jakarta.json implementation for its JSON-LD 1.1 reader, so JSON-LD is read
    with ``syntax="jsonld10"`` (jsonld-java).
    """
    args = ([f"--syntax={syntax}"] if syntax else []) + ["--count", *map(str, paths)]
    done = riot(workdir, *args)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert not re.search(r"\b(WARN|ERROR)\b", out), out
    counts = dict(re.findall(r"/([^/\s]+) : (?:Triples|Quads) = ([\d,]+)", out))
    return {name: int(n.replace(",", "")) for name, n in counts.items()}


RAPPER_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig", "rdf": "rdfxml"}


def rapper_count(path: Path, syntax: str) -> int:
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    m = re.search(r"returned (\d+) (triples|statements)", done.stderr)
    return int(m.group(1))

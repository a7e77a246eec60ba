"""The shape of the code: no import circle among kg modules (imports inside functions count too), no
class over 300 lines, and importing a module does nothing but define things."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
MAX_CLASS_LINES = 300


def _name(path: Path) -> str:
    """A module's dotted name inside kg ("build", "extraction", "extraction.entities"; the package: "__init__")."""
    parts = list(path.relative_to(KG).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


FILES = {_name(p): p for p in sorted(KG.rglob("*.py"))}
MODULES = sorted(FILES)


def _resolve(dotted: str) -> str:
    """The kg module a dotted name inside kg falls in (the longest known prefix; else the package)."""
    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        if ".".join(parts[:k]) in FILES:
            return ".".join(parts[:k])
    return "__init__"


def _package(module: str) -> list[str]:
    """The package a module's relative imports start from."""
    is_package = FILES[module].name == "__init__.py"
    parts = [] if module == "__init__" else module.split(".")
    return parts if is_package else parts[:-1]


def imports() -> dict[str, set[str]]:
    """For each kg module, the kg modules it imports anywhere in its body (functions included)."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for m in MODULES:
        for node in ast.walk(ast.parse(FILES[m].read_text(encoding="utf-8"))):
            found = []
            if isinstance(node, ast.ImportFrom) and node.level:
                base = _package(m)[: len(_package(m)) - (node.level - 1)]
                if node.module:
                    found = [_resolve(".".join(base + node.module.split(".")))]
                else:
                    found = [_resolve(".".join(base + [a.name])) if base or a.name in FILES else "__init__"
                             for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
                rest = node.module.split(".", 1)[1:]
                found = [_resolve(rest[0])] if rest else [_resolve(a.name) for a in node.names]
            elif isinstance(node, ast.Import):
                found = [_resolve(a.name.split(".", 1)[1]) if "." in a.name else "__init__"
                         for a in node.names if a.name.split(".")[0] == "kg"]
            graph[m].update(t for t in found if t and t != m)
    return graph


def test_the_import_graph_sees_subpackages():
    graph = imports()
    assert {"extraction.entities", "extraction.table", "model"} <= graph["extraction"] | graph["extraction.entities"]
    assert "extraction" in graph["pipeline"]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path [a, b, ..., a], or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_the_finder_sees_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_among_kg_modules():
    cycle = find_cycle(imports())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_imports_of_kg_modules_are_at_module_level():
    """Heavy libraries load inside functions; kg's own modules are imported at the top (the package's
    lazy public API in kg/__init__.py aside)."""
    inside = []
    for m in MODULES:
        if m == "__init__":
            continue
        tree = ast.parse(FILES[m].read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("kg")):
                        inside.append(f"kg/{m}.py:{node.lineno}")
    assert not inside, "kg imports inside functions: " + ", ".join(inside)


def test_no_class_over_300_lines():
    long = []
    for m in MODULES:
        for node in ast.walk(ast.parse(FILES[m].read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_CLASS_LINES:
                    long.append(f"kg/{m}.py: {node.name} ({lines} lines)")
    assert not long, "classes over 300 lines: " + ", ".join(long)


def test_module_bodies_only_define():
    """At module level: imports, assignments, definitions, docstrings; no calls run for effect."""
    effects = []
    for m in MODULES:
        if m == "__main__":
            continue
        for node in ast.parse(FILES[m].read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant):
                effects.append(f"kg/{m}.py:{node.lineno}")
            elif isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'":
                continue  # python -m kg.x
            elif isinstance(node, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
                effects.append(f"kg/{m}.py:{node.lineno}")
    assert not effects, "module-level statements run for effect: " + ", ".join(effects)


def _fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_every_module_registers_nothing_with_spacy():
    names = ", ".join(f"kg.{m}" for m in MODULES if m not in ("__init__", "__main__"))
    out = _fresh(f"import spacy, {names}\n"
                 "from spacy.language import Language\nfrom spacy.tokens import Doc\n"
                 "print([Language.has_factory(f) for f in ('kg_timex', 'kg_gazetteer_ruler')],"
                 " [Doc.has_extension(e) for e in ('kg_anchor', 'timexes')])")
    assert out == "[False, False] [False, False]"


@pytest.mark.filterwarnings("ignore")
def test_the_pipeline_set_up_registers_the_temporal_tagger():
    out = _fresh("import kg.temporal\nfrom spacy.language import Language\n"
                 "before = Language.has_factory('kg_timex')\n"
                 "from kg.nlp import load_pipeline\nnlp = load_pipeline()\n"
                 "print(before, Language.has_factory('kg_timex'), 'kg_timex' in nlp.pipe_names)")
    assert out == "False True True"

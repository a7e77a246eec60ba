"""notebooks/explore.ipynb is committed without outputs and runs top to bottom on a fresh clone.

The kernel is the interpreter running the tests (a kernelspec written to a temporary JUPYTER_PATH),
so the notebook sees exactly the packages of the test environment.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "kg-tests"


def test_the_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert len(code) >= 8
    dirty = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert dirty == [], f"cells {dirty} have outputs: clear them before committing (Jupyter: Edit > Clear Outputs of All Cells)"


@pytest.fixture
def kernel(tmp_path, monkeypatch) -> str:
    """A kernelspec for this interpreter, found through a temporary JUPYTER_PATH."""
    spec = tmp_path / "kernels" / KERNEL
    spec.mkdir(parents=True)
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg tests", "language": "python",
        "env": {"PYTHONPATH": pythonpath, "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    return KERNEL


def test_the_notebook_runs_top_to_bottom(kernel):
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=300, allow_errors=False,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    kinds = [mime for o in outputs for mime in o.get("data", {})]
    assert kinds.count("image/png") >= 2, "the ego graph and the timeline were not drawn"
    assert kinds.count("text/html") >= 4, "DataFrames and the explorer should render as HTML"
    explorer = [o["data"]["text/html"] for o in outputs if "srcdoc=" in o.get("data", {}).get("text/html", "")]
    assert len(explorer) == 1 and len(explorer[0]) > 100_000, "the explorer page is not shown inline"
    printed = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
    assert "articles" in printed and "community 1:" in printed
    assert not [o for o in outputs if o.get("name") == "stderr"], "a cell wrote to stderr (a warning?)"

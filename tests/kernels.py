"""Running notebooks in a kernel of another Python environment, for the tests of the learners'
environment (.venv-binder: test_binder.py) and of a notebook opened without the course
(test_standalone_notebook.py)."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from support import ROOT

LEAN = ROOT / ".venv-binder"
LEAN_PYTHON = LEAN / "bin" / "python"


def _stamp() -> str:
    """The hash the Makefile writes into .venv-binder/.installed: of its BINDER_FILES, in order."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    files = re.search(r"^BINDER_FILES := (.+)$", makefile, re.M).group(1).split()
    return hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in files)).hexdigest()


def learners_python() -> Path:
    """The learners' environment's Python, once it is there and made from the current files."""
    stamp = LEAN / ".installed"
    if not LEAN_PYTHON.is_file() or not stamp.is_file():
        pytest.fail(f"the learners' environment {LEAN} is missing: 'make test' makes it (make .venv-binder/.installed)")
    if stamp.read_text(encoding="utf-8").strip() != _stamp():
        pytest.fail(
            f"{LEAN} was made from other versions of binder/requirements.txt, tests/binder-requirements.txt "
            "or pyproject.toml: 'make test' makes it again (make .venv-binder/.installed)"
        )
    return LEAN_PYTHON


def _kernel(tmp_path: Path, python: Path) -> KernelManager:
    """A kernel manager for a kernel run by `python`, from a kernel spec of its own."""
    spec = tmp_path / "kernels" / "learners"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (learners)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return KernelManager(kernel_name="learners", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec.parent)]))


def kernel_environment() -> dict[str, str]:
    """This process's environment without what would let the kernel import from elsewhere
    (PYTHONPATH) or change how the course runs (WELCOME_COURSE_ROOT, …); progress still goes to
    the tests' own file (WELCOME_COURSE_PROGRESS, set in conftest.py)."""
    return {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV")
        and (not k.startswith("WELCOME_COURSE_") or k == "WELCOME_COURSE_PROGRESS")
    }


def run_notebook(
    notebook: nbformat.NotebookNode, python: Path, folder: Path, tmp_path: Path, stop_on_error: bool = False
) -> nbformat.NotebookNode:
    """Run the cells of `notebook` in a new kernel of `python`, with `folder` as working folder, as
    JupyterLab does. Errors become error outputs, which the caller looks for; with `stop_on_error`,
    the cells after the first error do not run, as with JupyterLab's Run All."""
    km = _kernel(tmp_path, python)
    client = NotebookClient(
        notebook, km=km, timeout=180, allow_errors=not stop_on_error, resources={"metadata": {"path": str(folder)}}
    )
    try:
        client.execute(env=kernel_environment())
    except CellExecutionError:
        if not stop_on_error:
            raise
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    return notebook


def problems_in(cells) -> list[str]:
    """Every error output and every text written to stderr by these cells."""
    found = []
    for cell in cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append(f"{output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                found.append(f"stderr: {output.text.strip()}")
    return found

"""A notebook page's outputs, rendered from the content files at build time, without a kernel.

The chapters' notebooks are thin: markdown cells, and code cells that call the course's package
(`chapter.quiz()`, `figures.trend_chart()`, ...). What those calls show in the book is a pure
function of the content files. So the book does not start a kernel per notebook and does not
use the outputs stored in the notebook (which, since a notebook opened before it runs must give
no answer away, only say "run this notebook"): when Sphinx reads a notebook page, its code
cells are evaluated in the build's own Python, in static mode, and each cell's stored outputs
are replaced by what its last line displays. myst-nb then renders the page as usual, with
execution off.

- An edited question reaches its page without running any kernel, and only the pages that
  depend on the edited file are read again (site/extension.py notes the dependencies).
- A notebook whose code does anything but call the course's package (an import of another
  package, say) is left to myst-nb, which runs it in a kernel as before: see `renders_in_process`.
- A cell that fails stops the build with the notebook, the cell and the error, as a kernel
  failure would (`execute.allow_errors: false` in _config.yml), and the page gets no output for it.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import warnings
from pathlib import Path

PACKAGE = "welcome_course"
MYSTNB_KEY = "mystnb"  # myst-nb's notebook-level settings (nb_config.metadata_key)


class CellError(Exception):
    """A code cell that could not be evaluated; the message names the notebook and the cell."""


def renders_in_process(notebook: dict) -> bool:
    """True when every code cell only imports the course's package or from it (and uses plain names,
    calls and literals): such a notebook's outputs depend on the content files alone."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_source(cell))
        except SyntaxError:
            return False
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(alias.name.split(".")[0] != PACKAGE for alias in node.names):
                return False
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] != PACKAGE:
                return False
    return True


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def mime_bundle(value) -> dict[str, str]:
    """What Jupyter would display for `value`: its _repr_mimebundle_, or its _repr_html_ and repr."""
    if hasattr(value, "_repr_mimebundle_"):
        bundle = value._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        return dict(bundle)
    bundle = {"text/plain": repr(value)}
    for method, mime in (
        ("_repr_html_", "text/html"),
        ("_repr_svg_", "image/svg+xml"),
        ("_repr_markdown_", "text/markdown"),
    ):
        if hasattr(value, method):
            shown = getattr(value, method)()
            if shown is not None:
                bundle[mime] = shown
    return bundle


def _evaluate(source: str, namespace: dict, where: str):
    """Run a cell's code; return the value of its last line when that line is an expression."""
    tree = ast.parse(source, filename=where)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, where, "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), where, "eval"), namespace)


def rendered(text: str, path: Path) -> str:
    """The notebook `text` (JSON) with every code cell's outputs made afresh in this process;
    unchanged when the notebook must run in a kernel. Raises CellError naming the cell."""
    notebook = json.loads(text)
    if not renders_in_process(notebook):
        notebook.setdefault("metadata", {}).setdefault(MYSTNB_KEY, {})["execution_mode"] = "force"
        return json.dumps(notebook)
    namespace: dict = {"__name__": "__main__"}
    here = os.getcwd()
    os.chdir(path.parent)  # as a kernel would: relative paths start from the notebook's folder
    try:
        number = 0
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            number += 1
            source = _source(cell)
            where = f"{path.name}, code cell {number}"
            printed = io.StringIO()
            try:
                with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(printed):
                    warnings.simplefilter("always")
                    value = _evaluate(source, namespace, where)
                    bundle = None if value is None else mime_bundle(value)
            except Exception as err:
                cell["outputs"] = []
                raise CellError(
                    f"{where} ({source.strip().splitlines()[-1] if source.strip() else ''}) "
                    f"failed: {type(err).__name__}: {err}"
                ) from err
            if caught:
                cell["outputs"] = []
                raise CellError(f"{where} printed a warning: {caught[0].message}")
            outputs = []
            if printed.getvalue():
                outputs.append({"output_type": "stream", "name": "stdout", "text": printed.getvalue()})
            if bundle is not None:
                outputs.append({"output_type": "display_data", "data": bundle, "metadata": {}})
            cell["outputs"] = outputs
            cell["execution_count"] = number
    finally:
        os.chdir(here)
    notebook.setdefault("metadata", {}).setdefault(MYSTNB_KEY, {})["execution_mode"] = "off"
    return json.dumps(notebook)

"""Running chapter notebooks and storing their outputs cleanly.

Before it runs, a notebook gets its first cells as standalone.py writes them (how to install the
course when the notebook is opened on its own). The stored outputs are what nbval compares against in the tests, and what a
reader sees when opening a notebook before running it. The notebook runs as a
learner's would (live widgets), and what is stored is that output without the
widget view: under each activity, only the words saying to run the notebook
(activities/display.py). So a stored notebook gives no answer away, shows no
button that cannot work, and does not change when a question is edited. They
are deterministic: no widget ids or state, no timing metadata, no details of
the machine that ran them. The book does not use them: it renders the
activities from the content files (site/notebook_outputs.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from ..content.course import RENDER_ENV, ROOT_ENV, find_root, load_course
from ..progress.store import PROGRESS_ENV
from ..site.publishing import publication
from .standalone import with_install_cells

CLEAN_NOTEBOOK_METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
}


def execute_notebook(path: Path, timeout: int = 120) -> None:
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    root = find_root(path.parent)
    language = notebook.metadata.get("welcome_course", {}).get("language")  # a translation (i18n/notebooks.py)
    # the note and the guarded import that say how to install the course (standalone.py), as they are now
    if with_install_cells(notebook, load_course(root, language), publication(root)):
        notebook = nbformat.from_dict(notebook)
    saved = {k: os.environ.get(k) for k in (RENDER_ENV, ROOT_ENV, PROGRESS_ENV)}
    os.environ.pop(RENDER_ENV, None)  # live, as a learner runs it (the kernel inherits this)
    os.environ[ROOT_ENV] = str(root)
    with tempfile.TemporaryDirectory(prefix="welcome-course-execute-") as scratch:
        os.environ[PROGRESS_ENV] = str(Path(scratch) / "progress.json")  # never the author's own progress
        try:
            client = NotebookClient(
                notebook,
                timeout=timeout,
                kernel_name="python3",
                record_timing=False,
                store_widget_state=False,
                resources={"metadata": {"path": str(path.parent)}},
            )
            # the kernel process's own messages (ipykernel warns about TCP at every start) go to a log,
            # shown only if the kernel dies; what a cell prints still goes into its outputs
            with (Path(scratch) / "kernel.log").open("w+", encoding="utf-8") as log:
                try:
                    client.execute(stderr=log)
                except DeadKernelError:
                    log.seek(0)
                    print(log.read()[-2000:], file=sys.stderr)
                    raise
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    clean(notebook)
    nbformat.write(notebook, path)


def clean(notebook) -> None:
    """Drop everything that depends on who ran the notebook, where, or when."""
    notebook.metadata = nbformat.from_dict(
        {
            **{k: v for k, v in notebook.metadata.items() if k not in ("widgets", "language_info", "kernelspec")},
            **CLEAN_NOTEBOOK_METADATA,
        }
    )
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)

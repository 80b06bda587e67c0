"""A notebook opened on its own, as in Colab or after downloading only that file: copied alone into an
empty folder and run in a Python where the course is not installed.

It must stop at its first code cell with the words of data/interface.yml: while the course does not
say where it is published, to open it from a copy of the whole course; once it does, the one command
that installs the course. No traceback, no ModuleNotFoundError, and, as with JupyterLab's Run All,
no further cell runs. Then that command, run in the notebook, installs the course, and after a
kernel restart the notebook runs from its empty folder without an error.

The Python without the course is a Colab-like one: a new virtual environment that sees the
packages of the learners' environment (.venv-binder: a kernel, pandas, ipywidgets, …, through a
.pth file) but not the course itself, whose editable install there is never activated (a .pth file
in a folder named by a .pth file is not read). So pip installs the course alone, from a local Git
repository standing in for the published one, in a few seconds and without the network.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from kernels import kernel_environment, learners_python, problems_in, run_notebook

from support import REAL_URL, ROOT, copy_course, rewrite_install_cells, set_config
from welcome_course.authoring.standalone import CHECK_ID, message
from welcome_course.content.course import load_course
from welcome_course.site.publishing import publication

pytestmark = pytest.mark.build  # notebooks run in kernels

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def python_without_the_course(folder: Path) -> Path:
    """A new environment with the learners' packages (read through a .pth file) but not the course."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    learners = subprocess.run(
        [str(learners_python()), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    own = subprocess.run(
        [str(folder / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(own) / "learners-packages.pth").write_text(learners + "\n", encoding="utf-8")
    python = folder / "bin" / "python"
    found = subprocess.run(
        [str(python), "-c", "import ipykernel, pandas, ipywidgets; import welcome_course"],
        capture_output=True,
        text=True,
        cwd=folder,
        env=kernel_environment(),
    )
    assert "No module named 'welcome_course'" in found.stderr, found.stderr
    return python


def alone(source: Path, folder: Path) -> nbformat.NotebookNode:
    """The notebook `source`, as if downloaded on its own into the empty folder `folder`; its stored
    outputs taken out, so that a cell that has not run shows nothing."""
    folder.mkdir(parents=True)
    (folder / source.name).write_bytes(source.read_bytes())
    return without_outputs(nbformat.read(folder / source.name, as_version=4))


def without_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def shown(output) -> str:
    """What Jupyter shows for an error output: its traceback lines, without colour codes."""
    return ANSI.sub("", "\n".join(output.traceback))


def assert_stops_with(notebook: nbformat.NotebookNode, words: str) -> None:
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    first = code[0].outputs
    assert len(first) == 1 and first[0].output_type == "error", first
    assert shown(first[0]) == words
    assert "Traceback" not in shown(first[0]) and "ModuleNotFoundError" not in shown(first[0])
    assert [cell.outputs for cell in code[1:]] == [[] for _ in code[1:]], "cells after the first one ran"


def test_every_notebook_opened_alone_says_to_open_it_from_the_whole_course(tmp_path):
    """While _config.yml holds the placeholder: the words to open the notebook from a copy of the course.
    To stay quick, one kernel runs the first code cell of every notebook, each in its own empty folder's
    place (the kernel's working folder is empty too)."""
    words = message(load_course(ROOT), publication(ROOT))
    assert "Open it from a copy of the whole course" in words and "%pip" not in words
    empty = tmp_path / "download"
    empty.mkdir()
    firsts = nbformat.v4.new_notebook()
    names = []
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        code = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
        firsts.cells.append(nbformat.v4.new_code_cell(code[0].source))
        names.append(path.name)
    run_notebook(firsts, python_without_the_course(tmp_path / "python"), empty, tmp_path)
    for name, cell in zip(names, firsts.cells, strict=True):
        assert [shown(output) for output in cell.outputs] == [words], name


def test_a_chapter_opened_alone_stops_at_its_first_code_cell_with_what_to_do(tmp_path):
    notebook = alone(ROOT / "book" / "step-01.ipynb", tmp_path / "download")
    run_notebook(
        notebook, python_without_the_course(tmp_path / "python"), tmp_path / "download", tmp_path, stop_on_error=True
    )
    assert_stops_with(notebook, message(load_course(ROOT), publication(ROOT)))


@pytest.fixture
def published_course(tmp_path) -> Path:
    """A copy of the course that names a real repository, its notebooks rewritten as `make notebooks`
    does, committed to a Git repository of its own (the published one, here on this machine)."""
    root = copy_course(tmp_path / "published")
    set_config(root, url=REAL_URL)
    rewrite_install_cells(root)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "The course"]):
        subprocess.run(git + command, cwd=root, check=True, capture_output=True)
    return root


def test_the_printed_command_installs_the_course_and_the_chapter_then_runs(tmp_path, published_course):
    python = python_without_the_course(tmp_path / "colab")
    notebook = alone(published_course / "book" / "step-01.ipynb", tmp_path / "download")
    run_notebook(notebook, python, tmp_path / "download", tmp_path, stop_on_error=True)
    words = message(load_course(published_course), publication(published_course))
    assert_stops_with(notebook, words)
    command = next(line.strip() for line in words.splitlines() if line.strip().startswith("%pip"))
    assert command == f'%pip install -q -e "git+{REAL_URL}@main#egg=welcome-course"'

    # the learner runs the command in a cell (here from the repository standing in for the published one)
    install = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(command.replace(REAL_URL, published_course.as_uri()))]
    )
    run_notebook(install, python, tmp_path / "download", tmp_path)
    assert problems_in(install.cells) == [], install.cells[0].outputs

    # restarts the kernel and runs the notebook again, still from the folder it was downloaded to
    again = without_outputs(nbformat.read(tmp_path / "download" / "step-01.ipynb", as_version=4))
    again.cells.append(nbformat.v4.new_code_cell("import welcome_course\nprint(welcome_course.__file__)"))
    run_notebook(again, python, tmp_path / "download", tmp_path)
    code = [cell for cell in again.cells if cell.cell_type == "code"]
    assert problems_in(code) == []
    assert code[0].id == CHECK_ID and code[0].outputs == [], "the check says nothing where the course is installed"
    assert all(cell.outputs for cell in code[1:]), "a cell showed nothing"
    # the course pip checked out for this environment (with its files), not the learners' environment's
    assert Path(code[-1].outputs[0].text.strip()).is_relative_to(tmp_path / "colab" / "src"), code[-1].outputs
    assert sorted(p.name for p in (tmp_path / "download").iterdir()) == ["step-01.ipynb"]
    # the learners' environment still has its own course (pip installed into the new environment only)
    still = subprocess.run(
        [str(learners_python()), "-c", "import welcome_course; print(welcome_course.__file__)"],
        capture_output=True,
        text=True,
        cwd="/",
        env=kernel_environment(),
    )
    assert still.stdout.strip() == str(ROOT / "welcome_course" / "__init__.py"), still.stderr

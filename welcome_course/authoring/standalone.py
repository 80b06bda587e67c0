"""A notebook opened on its own (in Colab, or after downloading only that file) says how to install the course.

The course's notebooks run with the course's package and its files (data/). On Binder, a
JupyterHub or in the course's folder both are there; a notebook opened anywhere else would stop
with a ModuleNotFoundError. So every notebook of book/ that uses the package carries two cells,
written here (the book shows neither: tag remove-cell):

- its first cell, a note (markdown) saying how to install the course when the notebook is opened
  on its own;
- just before its first code cell, a check: `import welcome_course` inside `try:`. Where the
  package is missing, it stops there with the same words instead of an error: the one command
  that installs the course from where it is published (site/publishing.py),
  `%pip install -q -e "git+URL@BRANCH#egg=welcome-course"`; or, while _config.yml does not say
  where that is, that the notebook must be opened from a copy of the whole course. Jupyter shows
  the message alone, without a traceback, and runs no further cell. An editable install is the
  honest one: the package finds the course's files in the folder pip checks the repository out
  into (content/course.py, find_root), and the kernel must restart to see it, which the message says.

The words are data/interface.yml's standalone_… strings. `python -m welcome_course execute`
(make notebooks) and `new-chapter` write both cells (authoring/notebooks.py); `check` warns about a
notebook whose cells differ from what they would write now, e.g. after the address changed.

The check is five lines of plain Python that only import the course's package, so the book still
renders the notebook in-process (site/notebook_outputs.py), where it shows nothing; its `except`
branch never runs where the package is installed, and the notebook's other cells and stored
outputs stay as they are.
"""

from __future__ import annotations

import json
import re

from ..content.course import Course
from ..content.interface import ui_text
from ..content.problems import Problem
from ..site.publishing import Publication

NOTE_ID = "course-install"  # the note, the notebook's first cell
CHECK_ID = "course-install-check"  # the check, just before the first code cell
TAGS = ["remove-cell"]  # the book's readers need no installing
PACKAGE = "welcome_course"
# Characters Markdown may read as markup inside a sentence; a backslash before each makes it plain text.
MARKDOWN_MARKUP = re.compile(r"([\\`*_\[\]<>#!|~&])")


def _words(course: Course, publication: Publication, escape=lambda text: text) -> str:
    """How to install the course (data/interface.yml: standalone_install, or standalone_unpublished
    while the course does not say where it is published), with the command on a line of its own,
    indented (plain text, and code in Markdown). `escape` applies to the words, not to the command."""
    command = publication.install_command()
    if command is None:
        return escape(course.interface["standalone_unpublished"]).format(course=escape(course.title))
    return escape(course.interface["standalone_install"]).format(course=escape(course.title), command="    " + command)


def message(course: Course, publication: Publication) -> str:
    """What the check says where the course's package is missing (plain text)."""
    return ui_text(course, "standalone_missing") + " " + _words(course, publication)


def note(course: Course, publication: Publication) -> str:
    """The first cell's Markdown: the same words, every text from the data escaped, the command as code."""
    escape = lambda text: MARKDOWN_MARKUP.sub(r"\\\1", text)  # noqa: E731
    return f"**{escape(ui_text(course, 'standalone_note'))}** {_words(course, publication, escape)}"


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def check_source(said: str) -> str:
    """The check: the course's package imported, or, where it is missing, `said` shown alone."""
    return (
        "try:  # opened on its own (Colab, a download)? Then this cell says how to install the course\n"
        f"    import {PACKAGE}\n"
        "except ModuleNotFoundError:\n"
        "    class CourseNotInstalled(Exception): _render_traceback_ = lambda self: [str(self)]  # no traceback\n"
        f"    raise CourseNotInstalled({said!r}) from None"
    )


def _uses_the_package(cells: list) -> bool:
    return any(
        cell.get("cell_type") == "code" and cell.get("id") != CHECK_ID and PACKAGE in _source(cell) for cell in cells
    )


def _fingerprint(cell: dict) -> tuple:
    return cell.get("id"), cell.get("cell_type"), _source(cell), cell.get("metadata", {}).get("tags")


def with_install_cells(notebook: dict, course: Course, publication: Publication) -> bool:
    """Give `notebook` (a notebook's JSON, or nbformat's node) its note and its check as they are
    now; True when it changed. A notebook that does not use the course's package is left alone."""
    cells = notebook.setdefault("cells", [])
    if not _uses_the_package(cells):
        return False
    old = {cell.get("id"): cell for cell in cells if cell.get("id") in (NOTE_ID, CHECK_ID)}
    rest = [cell for cell in cells if cell.get("id") not in (NOTE_ID, CHECK_ID)]
    note_cell = {
        **old.get(NOTE_ID, {}),
        "cell_type": "markdown",
        "id": NOTE_ID,
        "metadata": {**old.get(NOTE_ID, {}).get("metadata", {}), "tags": list(TAGS)},
        "source": note(course, publication),
    }
    check_cell = {
        **old.get(CHECK_ID, {}),
        "cell_type": "code",
        "id": CHECK_ID,
        "metadata": {**old.get(CHECK_ID, {}).get("metadata", {}), "tags": list(TAGS)},
        "source": check_source(message(course, publication)),
    }
    check_cell.setdefault("execution_count", None)
    check_cell.setdefault("outputs", [])
    first_code = next(n for n, cell in enumerate(rest) if cell.get("cell_type") == "code")
    wanted = [note_cell, *rest[:first_code], check_cell, *rest[first_code:]]
    if [_fingerprint(cell) for cell in wanted] == [_fingerprint(cell) for cell in cells]:
        return False
    cells[:] = wanted
    return True


def install_cell_warnings(course: Course, publication: Publication) -> list[Problem]:
    """A warning for each notebook of book/ whose install cells are not what `execute` would write now."""
    found = []
    for path in sorted((course.root / "book").glob("*.ipynb")):
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # reported by the standards' checks
        if not isinstance(notebook, dict):
            continue
        if with_install_cells(notebook, course, publication):
            shown = path.relative_to(course.root).as_posix()
            found.append(
                Problem(
                    shown,
                    "notebook",
                    "first cells",
                    "say how to install the course with other words or another address than "
                    "_config.yml and data/interface.yml now give: run "
                    f"'python -m welcome_course execute {shown}' (make notebooks for all)",
                )
            )
    return found

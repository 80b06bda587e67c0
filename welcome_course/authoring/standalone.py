"""A notebook opened on its own (in Colab, or after downloading only that file) says how to install the course.

The course's notebooks run with the course's package and its files (data/). On Binder, a
JupyterHub or in the course's folder both are there; a notebook opened anywhere else would stop
with a ModuleNotFoundError. So every notebook of book/ carries two cells, written here:

- its first cell, a note (markdown; the book leaves it out: tag remove-cell) saying what to do
  when the notebook is opened on its own;
- its first code cell imports the package inside `try:`. Where the package is missing, it stops
  there with the same words instead of an error: the one command that installs the course from
  where it is published (site/publishing.py), `%pip install -q -e "git+URL@BRANCH#egg=welcome-course"`;
  or, while _config.yml does not say where that is, that the chapter must be opened from a copy
  of the whole course. Jupyter shows the message alone, without a traceback, and runs no further
  cell. An editable install is the honest one: the package finds the course's files in the folder
  pip checks the repository out into (content/course.py, find_root), and the kernel must restart
  to see it, which the message says.

The words are data/interface.yml's standalone_… strings. `python -m welcome_course execute`
(make notebooks) and `new-chapter` write both cells (authoring/notebooks.py); `check` warns about a
notebook whose cells differ from what they would write now, e.g. after the address changed.

The guard is plain Python that only imports from the course's package, so the book still renders
the notebook in-process (site/notebook_outputs.py); its `except` branch never runs where the
package is installed, and the notebook's stored outputs do not change.
"""

from __future__ import annotations

import json
import re

from ..content.course import Course
from ..content.interface import ui_text
from ..content.problems import Problem
from ..site.publishing import Publication

NOTE_ID = "course-install"  # the id of the note cell, which is the notebook's first cell
NOTE_TAGS = ["remove-cell"]  # the book's readers need no installing
PACKAGE = "welcome_course"
GUARD_OPENING = "try:\n"
GUARD_EXCEPT = "except ModuleNotFoundError:"
IMPORT_LINE = re.compile(rf"(from {PACKAGE}(\.\w+)* import .+|import {PACKAGE}(\.\w+)*)")
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
    """What the first code cell says where the course's package is missing (plain text)."""
    return ui_text(course, "standalone_missing") + " " + _words(course, publication)


def note(course: Course, publication: Publication) -> str:
    """The first cell's Markdown: the same words, every text from the data escaped, the command as code."""
    escape = lambda text: MARKDOWN_MARKUP.sub(r"\\\1", text)  # noqa: E731
    return f"**{escape(ui_text(course, 'standalone_note'))}** {_words(course, publication, escape)}"


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _split_first_code(source: str) -> tuple[list[str], str] | None:
    """The package's import lines of a first code cell, and the code after them (after the guard,
    when the cell has one already); None when the cell does not start by importing the package."""
    lines = source.split("\n")
    if source.startswith(GUARD_OPENING):
        body = lines[1:]
        ends = [n for n, line in enumerate(body) if line.startswith(GUARD_EXCEPT)]
        if not ends:
            return None
        imports = [line.strip() for line in body[:ends[0]]]
        closing = [n for n, line in enumerate(body) if n > ends[0] and line.strip() == ") from None"]
        rest = body[closing[0] + 1:] if closing else []
    else:
        count = 0
        while count < len(lines) and IMPORT_LINE.fullmatch(lines[count].strip()):
            count += 1
        imports, rest = [line.strip() for line in lines[:count]], lines[count:]
    if not imports or not all(IMPORT_LINE.fullmatch(line) for line in imports):
        return None
    while rest and not rest[0].strip():
        rest = rest[1:]
    return imports, "\n".join(rest)


def guarded(imports: list[str], said: str, rest: str) -> str:
    """The first code cell: the imports, and in their place the message where the package is missing."""
    literal = "\n".join(f"        {line!r}" for line in said.splitlines(keepends=True))
    guard = (GUARD_OPENING + "".join(f"    {line}\n" for line in imports)
             + f"{GUARD_EXCEPT}  # opened without the course (Colab, a download): say how to install it\n"
             + "    class CourseNotInstalled(Exception):\n"
             + "        _render_traceback_ = lambda self: [str(self)]  # Jupyter shows the message alone\n"
             + "    raise CourseNotInstalled(\n" + literal + "\n    ) from None\n")
    return guard + ("\n" + rest if rest else "")


def with_install_cells(notebook: dict, course: Course, publication: Publication) -> bool:
    """Give `notebook` (a notebook's JSON, or nbformat's node) its note and its guarded first code cell,
    as they are now; True when it changed. A notebook whose first code cell does not start by
    importing the course's package is left alone."""
    cells = notebook.setdefault("cells", [])
    code = next((cell for cell in cells if cell.get("cell_type") == "code"), None)
    parts = _split_first_code(_source(code)) if code is not None else None
    if parts is None:
        return False
    imports, rest = parts
    changed = False
    source = guarded(imports, message(course, publication), rest)
    if _source(code) != source:
        code["source"] = source
        changed = True
    wanted = note(course, publication)
    first = cells[0]
    if first.get("id") == NOTE_ID and first.get("cell_type") == "markdown":
        if _source(first) != wanted or first.get("metadata", {}).get("tags") != NOTE_TAGS:
            first["source"] = wanted
            first.setdefault("metadata", {})["tags"] = list(NOTE_TAGS)
            changed = True
    else:
        cells[:] = [cell for cell in cells if cell.get("id") != NOTE_ID]
        cells.insert(0, {"cell_type": "markdown", "id": NOTE_ID, "metadata": {"tags": list(NOTE_TAGS)},
                         "source": wanted})
        changed = True
    return changed


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
            found.append(Problem(shown, "notebook", "first cells",
                                 "say how to install the course with other words or another address than "
                                 "_config.yml and data/interface.yml now give: run "
                                 f"'python -m welcome_course execute {shown}' (make notebooks for all)"))
    return found


"""What `python -m welcome_course check` adds to loading the content and the course standards.

- Problems in _toc.yml (an entry without its file) are reported even when a content file is
  broken, so one run lists everything to fix.
- A chapter file that no notebook loads is a problem: its quiz and scenario are in no page, so
  an instructor editing it would see nothing change and nothing say why.
- Warnings, which do not stop the book: a page in book/ that _toc.yml leaves out (a draft can be
  kept out of the book on purpose), and placeholder text still to write ("TO WRITE", left by
  `new-chapter`; the book builds, so that a new chapter can be seen while it is written).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..authoring.new_chapter import PLACEHOLDER
from ..content.course import Course
from ..content.fields import is_web_address
from ..content.problems import ContentError, Problem, display_path
from ..content.toc import toc_files, toc_links
from ..content.yaml_reader import read_yaml
from .standards import LOAD_CALL

PAGE_SUFFIXES = (".ipynb", ".md")


def toc_problems(root: Path) -> list[Problem]:
    """_toc.yml entries whose file does not exist (needs no loaded course)."""
    try:
        entries = toc_files(root)
    except ContentError as err:
        return err.problems
    return [
        Problem("_toc.yml", f"entry '{entry}'", "file", f"no {entry}.ipynb or {entry}.md exists")
        for entry in entries
        if not any((root / f"{entry}{suffix}").is_file() for suffix in PAGE_SUFFIXES)
    ]


def toc_link_problems(root: Path) -> list[Problem]:
    """_toc.yml entries linking outside the book (`- url: …`) must link to a web address: the menu
    of every page shows them, and a javascript: link would run when clicked."""
    try:
        links = toc_links(root)
    except ContentError:
        return []  # reported by toc_problems or the standards
    return [
        Problem(
            "_toc.yml",
            f"entry '{url}'",
            "url",
            "is not a web address; expected one starting with https:// or http://",
            line,
        )
        for url, line in links
        if not is_web_address(url)
    ]


def _notebook_code(path: Path) -> str:
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")


def _notebooks(root: Path) -> list[Path]:
    book = root / "book"
    notebooks = sorted(book.rglob("*.ipynb")) if book.is_dir() else []
    return [p for p in notebooks if ".ipynb_checkpoints" not in p.parts]


def unloaded_chapter_problems(course: Course) -> list[Problem]:
    """A chapter file that no notebook in book/ loads: its activities are in no page of the book."""
    loaded = {cid for path in _notebooks(course.root) for cid in LOAD_CALL.findall(_notebook_code(path))}
    return [
        Problem(
            chapter.file,
            "chapter",
            "",
            f'no notebook loads it (expected load_chapter("{chapter_id}") '
            f"in book/{chapter_id}.ipynb), so it is in no page of the book: add that notebook "
            "(copy another chapter's), or move the file out of data/chapters/",
        )
        for chapter_id, chapter in course.chapters.items()
        if chapter_id not in loaded
    ]


def course_warnings(course: Course) -> list[Problem]:
    root = course.root
    warnings: list[Problem] = []
    book = root / "book"
    notebooks = _notebooks(root)
    try:
        listed = set(toc_files(root))
    except ContentError:
        listed = None  # reported as a problem already
    if listed is not None and book.is_dir():
        from ..i18n.catalogues import language_folders

        translated = {book / code for code in language_folders(root)}  # book/fr/: the notebooks in French
        for page in sorted(
            p
            for p in book.rglob("*")
            if p.suffix in PAGE_SUFFIXES and ".ipynb_checkpoints" not in p.parts and p.parent not in translated
        ):
            entry = page.relative_to(root).with_suffix("").as_posix()
            if entry not in listed:
                warnings.append(
                    Problem(
                        display_path(page, root),
                        "page",
                        "",
                        f"is not listed in _toc.yml, so the book leaves it out (add '- file: {entry}')",
                    )
                )
    for chapter in course.chapters.values():
        warnings.extend(placeholder_warnings(root / chapter.file, chapter.file))
    for path in notebooks:
        warnings.extend(notebook_placeholder_warnings(path, display_path(path, root)))
    return warnings


def placeholder_warnings(path: Path, shown: str) -> list[Problem]:
    """One warning per item (question, node, …) whose fields still hold placeholder text."""
    try:
        raw = read_yaml(path, shown)
    except ContentError:
        return []
    fields: dict[str, list[str]] = defaultdict(list)
    lines: dict[str, int | None] = {}
    for item, field, line in _placeholders(raw):
        fields[item].append(field)
        lines.setdefault(item, line)
    return [
        Problem(
            shown,
            item,
            ", ".join(names),
            f"still placeholder text (starting with '{PLACEHOLDER}'); write the real text",
            lines[item],
        )
        for item, names in fields.items()
    ]


def _placeholders(raw):
    """(item, field, line) of every text holding the placeholder, named as content problems are."""
    if not isinstance(raw, dict):
        return
    for key, value in raw.items():
        if key == "quiz" and isinstance(value, list):
            for number, question in enumerate(value, start=1):
                qid = question.get("id") if isinstance(question, dict) else None
                item = f"quiz question '{qid}'" if qid else f"question {number}"
                yield from _walk(question, item, "", None)
        elif key == "scenario" and isinstance(value, dict):
            for skey, svalue in value.items():
                if skey == "nodes" and isinstance(svalue, dict):
                    for node_id, node in svalue.items():
                        yield from _walk(node, f"scenario node '{node_id}'", "", svalue.line_of(node_id))
                else:
                    yield from _walk(svalue, "scenario", skey, value.line_of(skey))
        elif key in ("reflections", "resources") and isinstance(value, list):
            for number, entry in enumerate(value, start=1):
                yield from _walk(entry, f"{key[:-1]} {number}", "", None)
        else:
            yield from _walk(value, "chapter", key, raw.line_of(key))


def _walk(value, item: str, field: str, line):
    if isinstance(value, str):
        if PLACEHOLDER in value:
            yield item, field, line
    elif isinstance(value, dict):
        for key, sub in value.items():
            name = f"{field}.{key}" if field else str(key)
            yield from _walk(sub, item, name, value.line_of(key) if hasattr(value, "line_of") else line)
    elif isinstance(value, list):
        for index, sub in enumerate(value, start=1):
            yield from _walk(sub, item, f"{field}[{index}]", line)


def notebook_placeholder_warnings(path: Path, shown: str) -> list[Problem]:
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    numbers = [
        str(n)
        for n, cell in enumerate(cells, start=1)
        if cell.get("cell_type") == "markdown" and PLACEHOLDER in "".join(cell.get("source", ""))
    ]
    if not numbers:
        return []
    return [
        Problem(
            shown,
            "notebook",
            f"cell{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}",
            f"still placeholder text (starting with '{PLACEHOLDER}'); write the chapter's text",
        )
    ]

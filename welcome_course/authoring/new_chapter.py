"""`python -m welcome_course new-chapter ID`: a new chapter, ready to fill in.

It writes three things, each the way the existing chapters are written:
- data/chapters/ID.yml, whose every text is a placeholder starting with "TO WRITE", and which
  already meets the course's minimums (checks/standards.py), so the book builds at once;
- book/ID.ipynb, the chapter's notebook, run once so that its stored outputs pass strict nbval;
- an entry `- file: book/ID` in _toc.yml, added to the last part holding a chapter (or --part),
  as one inserted line: the file's comments and layout stay as they are.
`python -m welcome_course check` lists the placeholders still to write, as warnings.
If any step fails, everything written so far is removed again.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..checks.standards import course_problems
from ..content.course import load_course
from ..content.fields import ID_EXPECTED, ID_PATTERN
from ..content.problems import ContentError
from ..content.toc import toc_files

PLACEHOLDER = "TO WRITE"


class ScaffoldError(Exception):
    """The chapter cannot be created; the message says why and what to do."""


def _q(text: str) -> str:
    """Text as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def chapter_yaml(chapter_id: str, title: str, minutes: int) -> str:
    t = PLACEHOLDER
    return f"""\
# Chapter {chapter_id}: {title.replace(chr(10), " ")}
# Made by `python -m welcome_course new-chapter`. Replace every text that starts
# with "{t}"; `python -m welcome_course check` lists those still left.
# The text of the chapter is in book/{chapter_id}.ipynb; this file holds its
# quiz, case scenario, reflection prompts and resources.
# How to edit this file: data/README.md

id: {chapter_id}
title: {_q(title)}
# guideline_step: 1          # the step of the teachers' guideline (1 to 10), if the chapter follows one
source: course               # guideline, partial or course (see data/README.md)
source_note: "{t}: say what this chapter is based on and what is the course's own."
minutes: {minutes}
goals:
  - "{t}: a first thing the reader will be able to do"
  - "{t}: a second thing the reader will be able to do"

# At least 5 questions of at least 3 types. Question ids are where learners'
# answers are stored: choose real ids now, and do not rename them later.
# Vary which option is right, how long it is and how many are right (data/README.md, "No answer given away").
quiz:
  - id: question-1
    type: single_choice
    prompt: "{t}: a question with exactly one right answer."
    options:
      - text: "{t}: the right answer"
        correct: true
        feedback: "{t}: why this answer is right."
      - text: "{t}: a wrong answer"
        feedback: "{t}: why this answer is not right."
      - text: "{t}: another wrong answer"
        feedback: "{t}: why this answer is not right."

  - id: question-2
    type: multiple_choice
    prompt: "{t}: a question where several answers can be right."
    options:
      - text: "{t}: a right answer"
        correct: true
        feedback: "{t}: why this answer is right."
      - text: "{t}: another right answer"
        correct: true
        feedback: "{t}: why this answer is right."
      - text: "{t}: a wrong answer"
        feedback: "{t}: why this answer is not right."

  - id: question-3
    type: true_false
    prompt: "{t}: a statement the reader judges true or false."
    answer: true
    feedback_true: "{t}: shown when the reader answers True."
    feedback_false: "{t}: shown when the reader answers False."

  - id: question-4
    type: single_choice
    prompt: "{t}: another question with exactly one right answer."
    options:
      - text: "{t}: a wrong answer, a mistake a teacher might really make"
        feedback: "{t}: why this answer is not right."
      - text: "{t}: the right answer"
        correct: true
        feedback: "{t}: why this answer is right."

  - id: question-5
    type: multiple_choice
    prompt: "{t}: another question where several answers can be right."
    options:
      - text: "{t}: a right answer"
        correct: true
        feedback: "{t}: why this answer is right."
      - text: "{t}: a wrong answer"
        feedback: "{t}: why this answer is not right."
      - text: "{t}: another right answer"
        correct: true
        feedback: "{t}: why this answer is right."
      - text: "{t}: another wrong answer"
        feedback: "{t}: why this answer is not right."

# A story with at least 3 decision points (nodes with two or more choices)
# and at least 2 endings. Rename the nodes as you like; every `next` must name a node.
scenario:
  title: "{t}: the title of the story"
  setting: "{t}: the situation, told before the first choice."
  start: first-decision
  nodes:
    first-decision:
      text: "{t}: what the reader faces first, and the question."
      choices:
        - label: "{t}: one thing the reader can decide"
          consequence: "{t}: what happens because of it."
          next: second-decision
        - label: "{t}: another thing the reader can decide"
          consequence: "{t}: what happens because of it."
          next: third-decision
    second-decision:
      text: "{t}: the next situation, and the question."
      choices:
        - label: "{t}: a choice"
          consequence: "{t}: what happens because of it."
          next: good-ending
        - label: "{t}: another choice"
          consequence: "{t}: what happens because of it."
          next: third-decision
    third-decision:
      text: "{t}: the last situation, and the question."
      choices:
        - label: "{t}: a choice"
          consequence: "{t}: what happens because of it."
          next: good-ending
        - label: "{t}: another choice"
          consequence: "{t}: what happens because of it."
          next: difficult-ending
    good-ending:
      outcome: good
      title: "{t}: the title of a good ending"
      text: "{t}: how the story ends."
      debrief: "{t}: what this path shows."
    difficult-ending:
      outcome: difficult
      title: "{t}: the title of a difficult ending"
      text: "{t}: how the story ends."
      debrief: "{t}: what this path shows, and what would have helped."

reflections:
  - id: reflection-1
    prompt: "{t}: a question the reader writes about."
  - id: reflection-2
    prompt: "{t}: another question the reader writes about."

resources:
  - title: "{t}: the title of a source, as published"
    kind: "{t}: what it is and who published it"
    note: "{t}: why it is worth reading. Add its web address as url: https://…"
"""


def chapter_notebook(chapter_id: str, title: str):
    import nbformat  # here: `check` (which imports this module for PLACEHOLDER) runs without it, e.g. on Binder

    def md(number: int, text: str):
        return nbformat.v4.new_markdown_cell(text, id=f"cell-{number:02d}")

    def code(number: int, source: str):
        return nbformat.v4.new_code_cell(source, id=f"cell-{number:02d}", metadata={"tags": ["remove-input"]})

    t = PLACEHOLDER
    cells = [
        md(1, f"# {title}"),
        code(
            2, f'from welcome_course import load_chapter\n\nchapter = load_chapter("{chapter_id}")\nchapter.overview()'
        ),
        md(
            3,
            f"## {t}: a first section\n\n{t}: the chapter's text, with a real classroom situation. "
            f"The quiz, the scenario and the reflection prompts are in data/chapters/{chapter_id}.yml.",
        ),
        md(
            4,
            "## Check your understanding\n\nChoose your answers, then check them. Each answer comes with a short\n"
            "explanation, and you can try again as often as you like.",
        ),
        code(5, "chapter.quiz()"),
        md(6, f"## Case scenario\n\n{t}: introduce the story in a sentence or two."),
        code(7, "chapter.scenario()"),
        md(
            8,
            "## Reflect\n\nThese questions are for you alone. In a workshop, they make a good start for\n"
            "a conversation in pairs.",
        ),
        code(9, "chapter.reflections()"),
        md(10, "## Resources and further reading"),
        code(11, "chapter.resources()"),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return notebook


# --- _toc.yml ------------------------------------------------------------------


def _get(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _last_scalar(node):
    while not isinstance(node, yaml.ScalarNode):
        if not node.value:
            return None
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    return node


def _chapter_entries(root: Path) -> set[str]:
    return {f"book/{p.stem}" for p in (root / "data" / "chapters").glob("*.yml")}


def toc_with_entry(root: Path, text: str, entry: str, part: str | None) -> tuple[str, str]:
    """The text of _toc.yml with `- file: ENTRY` inserted; and where it went (for the message)."""
    try:
        doc = yaml.compose(text)
    except yaml.YAMLError as err:
        raise ScaffoldError(f"_toc.yml is not valid YAML ({err}); fix it first") from None
    parts = _get(doc, "parts")
    if isinstance(parts, yaml.SequenceNode) and parts.value:
        captions = [
            (_get(p, "caption").value if isinstance(_get(p, "caption"), yaml.ScalarNode) else "") for p in parts.value
        ]
        if part is not None:
            if part not in captions:
                raise ScaffoldError(
                    f"_toc.yml has no part '{part}'; its parts are: {', '.join(repr(c) for c in captions)}"
                )
            index = captions.index(part)
        else:
            chapters = _chapter_entries(root)
            holding = [
                i
                for i, p in enumerate(parts.value)
                if any(
                    isinstance(_get(e, "file"), yaml.ScalarNode) and _get(e, "file").value in chapters
                    for e in getattr(_get(p, "chapters"), "value", []) or []
                )
            ]
            index = holding[-1] if holding else len(parts.value) - 1
        sequence = _get(parts.value[index], "chapters")
        where = f"part '{captions[index]}'"
    else:
        if part is not None:
            raise ScaffoldError("_toc.yml has no parts (captions); leave out --part")
        sequence = _get(doc, "chapters")
        where = "chapters"
    manual = f"add the line '- file: {entry}' to _toc.yml yourself, then run the command again"
    if not isinstance(sequence, yaml.SequenceNode) or not sequence.value or sequence.flow_style:
        raise ScaffoldError(f"cannot find where to add the chapter in _toc.yml ({where}); {manual}")
    last_item = sequence.value[-1]
    last = _last_scalar(last_item)
    if last is None:
        raise ScaffoldError(f"cannot find where to add the chapter in _toc.yml ({where}); {manual}")
    lines = text.splitlines(keepends=True)
    item_line = lines[last_item.start_mark.line]
    dash = item_line.rfind("-", 0, last_item.start_mark.column)
    if dash < 0 or item_line[:dash].strip():
        raise ScaffoldError(f"cannot read the layout of _toc.yml ({where}); {manual}")
    after = last.end_mark.line if last.end_mark.column == 0 else last.end_mark.line + 1
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(after, f"{item_line[:dash]}- file: {entry}\n")
    return "".join(lines), where


# --- the command -----------------------------------------------------------------


def new_chapter(
    root: Path, chapter_id: str, title: str, minutes: int = 45, part: str | None = None, say=print
) -> list[Path]:
    """Create the chapter; return the files created. Raises ScaffoldError (nothing is left behind)."""
    if not ID_PATTERN.match(chapter_id):
        raise ScaffoldError(f"'{chapter_id}' is not a valid chapter id; {ID_EXPECTED}")
    entry = f"book/{chapter_id}"
    data_file = root / "data" / "chapters" / f"{chapter_id}.yml"
    notebook = root / "book" / f"{chapter_id}.ipynb"
    for existing in (data_file, notebook, root / "book" / f"{chapter_id}.md"):
        if existing.exists():
            raise ScaffoldError(
                f"a chapter '{chapter_id}' already exists: {existing.relative_to(root).as_posix()}; choose another id"
            )
    toc_path = root / "_toc.yml"
    try:
        toc_text = toc_path.read_text(encoding="utf-8")
    except OSError as err:
        raise ScaffoldError(f"cannot read _toc.yml ({err.strerror})") from None
    try:
        listed = toc_files(root)
    except ContentError as err:
        raise ScaffoldError(f"{err}\nFix _toc.yml first.") from None
    if entry in listed:
        raise ScaffoldError(f"_toc.yml already lists '{entry}'; choose another id or remove that entry")
    if not title.strip():
        raise ScaffoldError("the title is empty; give one with --title")
    if not 1 <= minutes <= 600:
        raise ScaffoldError(f"--minutes must be from 1 to 600, got {minutes}")
    try:
        load_course(root)
    except ContentError as err:
        raise ScaffoldError(f"{err}\nFix these first: the new chapter's notebook loads the whole course.") from None
    new_toc, where = toc_with_entry(root, toc_text, entry, part)

    created: list[Path] = []
    try:
        data_file.write_text(chapter_yaml(chapter_id, title.strip(), minutes), encoding="utf-8")
        created.append(data_file)
        say(f"Created {data_file.relative_to(root).as_posix()} (placeholders marked {PLACEHOLDER})")
        from nbformat import write as write_notebook

        write_notebook(chapter_notebook(chapter_id, title.strip()), notebook)
        created.append(notebook)
        say(f"Created {notebook.relative_to(root).as_posix()}")
        toc_path.write_text(new_toc, encoding="utf-8")
        say(f"Added '- file: {entry}' to _toc.yml ({where})")
        if entry not in toc_files(root):
            raise ScaffoldError(f"_toc.yml does not list '{entry}' after the edit; add it yourself")
        say("Running the notebook once to store its outputs (a few seconds) …")
        from .notebooks import execute_notebook  # imported here: starting Jupyter is slow

        execute_notebook(notebook)
        problems = [
            p
            for p in course_problems(load_course(root))
            if p.file in (data_file.relative_to(root).as_posix(), notebook.relative_to(root).as_posix())
        ]
        if problems:
            raise ScaffoldError("the new chapter does not pass the checks:\n" + "\n".join(f"  - {p}" for p in problems))
    except BaseException as err:
        for path in created:
            path.unlink(missing_ok=True)
        toc_path.write_text(toc_text, encoding="utf-8")
        if isinstance(err, (ScaffoldError, KeyboardInterrupt)):
            raise
        raise ScaffoldError(f"creating the chapter failed ({type(err).__name__}: {err}); nothing was changed") from err
    return created

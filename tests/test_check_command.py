"""`check` reports every problem in one run, as file, line, item and field with what was expected,
and exits with 1; warnings (a chapter in no page, a page left out of the book, placeholder text)
are listed without failing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from support import make_course, run_main, valid_chapter
from welcome_course.authoring.new_chapter import chapter_yaml

FULL_CODE = [
    'from welcome_course import load_chapter\nchapter = load_chapter("{id}")\nchapter.overview()',
    "chapter.quiz()",
    "chapter.scenario()",
    "chapter.reflections()",
    "chapter.resources()",
]


def write_notebook(path: Path, code: list[str], markdown: str = "# A chapter") -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": markdown}]
    cells += [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c} for c in code]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")


def course_folder(tmp_path: Path, chapters: dict, toc: str) -> Path:
    root = make_course(tmp_path / "course", chapters)
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    for chapter_id in chapters:
        write_notebook(root / "book" / f"{chapter_id}.ipynb", [c.replace("{id}", chapter_id) for c in FULL_CODE])
    return root


class Done:
    def __init__(self, code, out, err):
        self.returncode, self.stdout, self.stderr = code, out, err


@pytest.fixture
def check(monkeypatch, capsys):
    """Run `check` in a course folder (in this process; test_course_standards runs the real command)."""
    return lambda root: Done(*run_main(monkeypatch, capsys, root, "check"))


def test_a_broken_file_and_a_missing_page_are_both_reported(tmp_path, check):
    chapter = valid_chapter()
    chapter["quiz"][0]["type"] = "singlechoice"
    root = course_folder(
        tmp_path, {"step-99": chapter}, "format: jb-book\nroot: book/step-99\nchapters:\n  - file: book/step-42\n"
    )
    done = check(root)
    assert done.returncode == 1
    assert "data/chapters/step-99.yml, line" in done.stderr
    assert (
        "quiz question 'pick-one': type: 'singlechoice' is not allowed; did you mean single_choice? expected one of"
        in done.stderr
    )
    assert "_toc.yml: entry 'book/step-42': file: no book/step-42.ipynb or book/step-42.md exists" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_broken_toc_file(tmp_path, check):
    root = course_folder(
        tmp_path,
        {"step-99": chapter_yaml("step-99", "A chapter", 30)},
        "format: jb-book\nroot: book/step-99\nparts:\n  - caption: [oops\n",
    )
    done = check(root)
    assert done.returncode == 1
    assert "_toc.yml, line" in done.stderr and "is not valid YAML" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_notebook_and_a_notebook_loading_a_missing_chapter(tmp_path, check):
    root = course_folder(
        tmp_path,
        {"step-99": chapter_yaml("step-99", "A chapter", 30)},
        "format: jb-book\nroot: book/step-99\nchapters:\n  - file: book/step-98\n  - file: book/broken\n",
    )
    write_notebook(root / "book" / "step-98.ipynb", [c.replace("{id}", "step-97") for c in FULL_CODE])
    (root / "book" / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    done = check(root)
    assert done.returncode == 1
    assert (
        "book/step-98.ipynb: notebook: loads chapter 'step-97', but data/chapters/step-97.yml does not exist"
        in done.stderr
    )
    assert "book/broken.ipynb: notebook: is not a readable notebook (line 1)" in done.stderr
    assert "Traceback" not in done.stderr


def test_warnings_do_not_fail_the_check(tmp_path, check):
    chapters = {"step-99": chapter_yaml("step-99", "A chapter", 30), "step-98": chapter_yaml("step-98", "Another", 30)}
    root = course_folder(tmp_path, chapters, "format: jb-book\nroot: book/step-99\n")  # step-98: a draft
    (root / "book" / "notes.md").write_text("# Notes\n", encoding="utf-8")  # a page the toc leaves out
    done = check(root)
    assert done.returncode == 0, done.stderr
    questions = sum(len(yaml.safe_load(text)["quiz"]) for text in chapters.values())
    assert f"All content is valid: {len(chapters)} chapters, {questions} quiz questions." in done.stdout
    assert "book/step-98.ipynb: page: is not listed in _toc.yml" in done.stdout
    assert (
        "book/notes.md: page: is not listed in _toc.yml, so the book leaves it out (add '- file: book/notes')"
        in done.stdout
    )
    assert (
        "data/chapters/step-99.yml, line 12: chapter: source_note, goals[1], goals[2]: still placeholder text "
        "(starting with 'TO WRITE'); write the real text"
    ) in done.stdout
    assert "scenario node 'first-decision': text, choices[1].label" in done.stdout


def test_a_chapter_file_no_notebook_loads_is_a_problem(tmp_path, check):
    # its quiz and scenario would be in no page: an instructor editing it would see nothing change
    chapters = {"step-99": chapter_yaml("step-99", "A chapter", 30), "step-98": chapter_yaml("step-98", "Another", 30)}
    root = course_folder(tmp_path, chapters, "format: jb-book\nroot: book/step-99\n")
    (root / "book" / "step-98.ipynb").unlink()
    done = check(root)
    assert done.returncode == 1
    assert (
        'data/chapters/step-98.yml: chapter: no notebook loads it (expected load_chapter("step-98") '
        "in book/step-98.ipynb), so it is in no page of the book"
    ) in done.stderr

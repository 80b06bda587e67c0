"""Every chapter listed in _toc.yml has its quiz, scenario and reflections, and meets the
course's minimums; `python -m welcome_course check` reports any that does not."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support import ROOT, copy_course, make_course, valid_chapter
from welcome_course.checks.standards import LOAD_CALL, MIN_DECISION_POINTS, MIN_ENDINGS, MIN_QUESTIONS, course_problems
from welcome_course.content.course import load_course
from welcome_course.content.toc import toc_files


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_real_course_meets_its_standards():
    course = load_course(ROOT)
    assert course_problems(course) == []
    steps = set()
    for entry in toc_files(ROOT):
        notebook = ROOT / f"{entry}.ipynb"
        if notebook.exists():
            for chapter_id in LOAD_CALL.findall(notebook.read_text(encoding="utf-8").replace('\\"', '"')):
                steps.add(course.chapter(chapter_id).guideline_step)
    assert set(range(1, 11)) <= steps, "all ten steps of the guideline are chapters in the table of contents"


def _course_with_notebook(tmp_path, chapter: dict, code: list[str]):
    root = make_course(tmp_path, {"step-99": chapter})
    (root / "book").mkdir()
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": line} for line in code
    ]
    (root / "book" / "step-99.ipynb").write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/step-99\n")
    return root


FULL = [
    'chapter = load_chapter("step-99")',
    "chapter.overview()",
    "chapter.quiz()",
    "chapter.scenario()",
    "chapter.reflections()",
    "chapter.resources()",
]


def _messages(root):
    return [str(p) for p in course_problems(load_course(root))]


def test_a_thin_chapter_is_reported(tmp_path):
    chapter = valid_chapter()  # fewer questions, decision points and reflections than a chapter needs
    questions = len(chapter["quiz"])
    decisions = sum(len(node.get("choices", ())) >= 2 for node in chapter["scenario"]["nodes"].values())
    assert 0 < questions < MIN_QUESTIONS and 0 < decisions < MIN_DECISION_POINTS
    messages = _messages(_course_with_notebook(tmp_path, chapter, FULL))
    assert (
        f"data/chapters/step-99.yml: chapter: quiz: has {questions} questions; a chapter needs at least {MIN_QUESTIONS}"
    ) in messages
    assert (
        f"data/chapters/step-99.yml: chapter: scenario: has {decisions} decision points (nodes with two or more "
        f"choices); a chapter needs at least {MIN_DECISION_POINTS}"
    ) in messages
    assert any(f"reflections: has {len(chapter['reflections'])} prompt(s)" in m for m in messages)


def test_a_story_with_one_ending_is_reported(tmp_path):
    chapter = valid_chapter()
    nodes = chapter["scenario"]["nodes"]
    for node in ("begin", "middle"):
        for choice in nodes[node]["choices"]:
            choice["next"] = "good-end" if choice["next"] == "bad-end" else choice["next"]
    del nodes["bad-end"]
    messages = _messages(_course_with_notebook(tmp_path, chapter, FULL))
    assert any(f"scenario: has 1 ending(s); a chapter needs at least {MIN_ENDINGS}" in m for m in messages)


def test_a_chapter_notebook_without_its_scenario_is_reported(tmp_path):
    code = [line for line in FULL if "scenario" not in line]
    messages = _messages(_course_with_notebook(tmp_path, valid_chapter(), code))
    assert (
        "book/step-99.ipynb: notebook: never shows the chapter's scenario (expected a cell calling chapter.scenario())"
        in messages
    )


def test_a_toc_entry_without_its_file_is_reported(tmp_path):
    root = _course_with_notebook(tmp_path, valid_chapter(), FULL)
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/step-99\nchapters:\n  - file: book/step-42\n")
    assert "_toc.yml: entry 'book/step-42': file: no book/step-42.ipynb or book/step-42.md exists" in _messages(root)


@pytest.mark.slow  # copies the course and starts the real command line, twice
@pytest.mark.parametrize("broken", [False, True])
def test_check_command_exit_code_and_message(tmp_path, broken):
    root = copy_course(tmp_path / "course")
    if broken:
        path = root / "data" / "chapters" / "step-02.yml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("type: true_false", "type: truefalse", 1), encoding="utf-8"
        )
    done = subprocess.run([sys.executable, "-m", "welcome_course", "check"], cwd=root, capture_output=True, text=True)
    if broken:
        assert done.returncode == 1
        assert "data/chapters/step-02.yml, line" in done.stderr and "type: 'truefalse' is not allowed" in done.stderr
        assert "Traceback" not in done.stderr
    else:
        assert done.returncode == 0 and done.stdout.startswith("All content is valid: ")

"""What a notebook shows when it is opened before it runs (Binder, a JupyterHub, a download):
no answer, no button that cannot work, and the plain instruction to run it. Because these
stored outputs never depend on the content, editing a question never makes them stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import ROOT
from welcome_course.content.course import load_course

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def answers(course):
    return _answer_texts(course)


def _stored_texts(notebook: Path) -> list[str]:
    """Every text a notebook's stored outputs hold, whatever the output type and format."""
    texts = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            for value in [output.get("text", ""), *list(output.get("data", {}).values())]:
                texts.append(
                    "".join(value)
                    if isinstance(value, list)
                    else json.dumps(value)
                    if not isinstance(value, str)
                    else value
                )
    return texts


def _answer_texts(course) -> list[str]:
    """Every text that would give an answer away: each option's feedback, each scenario
    consequence and ending, each question's explanation where there is one."""
    found = []
    for chapter in course.chapters.values():
        for question in chapter.questions:
            found += [option.feedback for option in question.options]
            found += [
                getattr(question, name)
                for name in ("explanation", "feedback_true", "feedback_false")
                if getattr(question, name, "")
            ]
        for node in chapter.scenario.nodes.values():
            found += [choice.consequence for choice in node.choices]
            if node.outcome:
                found += [node.text, node.debrief]
    return [text for text in found if text and len(text) > 20]


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_there_are_notebooks_and_answers_to_look_for(course, answers):
    assert len(NOTEBOOKS) >= len(course.chapters)
    questions = sum(len(chapter.questions) for chapter in course.chapters.values())
    assert len(answers) >= questions  # at least one feedback text for every question


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_answer_is_stored_in_a_notebook(notebook, answers):
    stored = "\n".join(_stored_texts(notebook))
    shown = [text for text in answers if text in stored]
    assert shown == [], f"{notebook.name} gives away {len(shown)} answers before it runs, e.g. {shown[:1]}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_before_it_runs_a_notebook_says_how_to_run_it_and_shows_no_buttons(notebook, course):
    interface = course.interface
    outputs = [
        output
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for output in cell.get("outputs", [])
    ]
    assert outputs, f"{notebook.name} stores no output"
    for output in outputs:
        data = output.get("data", {})
        assert set(data) == {"text/plain"}, f"{notebook.name} stores {sorted(data)}: only words, never HTML or widgets"
        assert "".join(data["text/plain"]) in (interface["before_run_first"], interface["before_run"])
    first = "".join(outputs[0]["data"]["text/plain"])
    if notebook.stem in course.chapters:
        assert first == interface["before_run_first"], "a chapter's first activity says how to run the notebook"
        assert "Run All Cells" in first

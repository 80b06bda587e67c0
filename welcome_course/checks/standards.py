"""The course's own standards for a chapter, beyond a file being well-formed.

A chapter file can be valid and still too thin to teach from. A notebook listed
in _toc.yml is a chapter when it calls load_chapter() or has a data file of the
same name (book/step-01.ipynb and data/chapters/step-01.yml): it must show its
chapter's quiz, scenario and reflections, and the chapter must meet the
minimums below. Other notebooks (e.g. "My progress") are pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..content.course import Course
from ..content.model import Chapter
from ..content.problems import Problem, display_path
from ..content.toc import toc_files
from .cue_rules import cue_problems

MIN_QUESTIONS = 5
MIN_QUESTION_TYPES = 3
MIN_DECISION_POINTS = 3
MIN_ENDINGS = 2
MIN_REFLECTIONS = 2
MIN_RESOURCES = 1

ACTIVITIES = ("overview", "quiz", "scenario", "reflections", "resources")
LOAD_CALL = re.compile(r"""load_chapter\(\s*["']([^"']+)["']\s*\)""")


def chapter_problems(chapter: Chapter) -> list[Problem]:
    found = []

    def short(field: str, what: str) -> None:
        found.append(Problem(chapter.file, "chapter", field, what))

    kinds = {q.kind for q in chapter.questions}
    if len(chapter.questions) < MIN_QUESTIONS:
        short("quiz", f"has {len(chapter.questions)} questions; a chapter needs at least {MIN_QUESTIONS}")
    if len(kinds) < MIN_QUESTION_TYPES:
        short(
            "quiz",
            f"uses {len(kinds)} question type(s); a chapter needs at least {MIN_QUESTION_TYPES} "
            "(single_choice, multiple_choice, true_false)",
        )
    scenario = chapter.scenario
    if scenario is not None:
        if len(scenario.decision_points) < MIN_DECISION_POINTS:
            short(
                "scenario",
                f"has {len(scenario.decision_points)} decision points (nodes with two or more choices); "
                f"a chapter needs at least {MIN_DECISION_POINTS}",
            )
        if len(scenario.endings) < MIN_ENDINGS:
            short("scenario", f"has {len(scenario.endings)} ending(s); a chapter needs at least {MIN_ENDINGS}")
    if len(chapter.reflections) < MIN_REFLECTIONS:
        short("reflections", f"has {len(chapter.reflections)} prompt(s); a chapter needs at least {MIN_REFLECTIONS}")
    if len(chapter.resources) < MIN_RESOURCES:
        short("resources", f"has none; a chapter needs at least {MIN_RESOURCES}")
    return found


def notebook_problems(course: Course, notebook: Path) -> list[Problem]:
    """A chapter notebook loads an existing chapter and shows each of its activities."""
    shown = display_path(notebook, course.root)
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (ValueError, KeyError, TypeError) as err:
        where = f" (line {err.lineno})" if isinstance(err, json.JSONDecodeError) else ""
        return [
            Problem(
                shown,
                "notebook",
                "",
                f"is not a readable notebook{where}; open it in Jupyter to repair it, "
                "or restore it from the repository",
            )
        ]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    ids = LOAD_CALL.findall(code)
    if not ids and notebook.stem not in course.chapters:
        return []  # a page that is not a chapter (e.g. "My progress")
    if not ids:
        return [
            Problem(
                shown, "notebook", "", 'never calls load_chapter("…"), so it shows no quiz, scenario or reflections'
            )
        ]
    found = []
    for chapter_id in ids:
        if chapter_id not in course.chapters:
            found.append(
                Problem(
                    shown,
                    "notebook",
                    "",
                    f"loads chapter '{chapter_id}', but data/chapters/{chapter_id}.yml does not exist",
                )
            )
    for activity in ACTIVITIES:
        if not re.search(rf"\.{activity}\(\)", code):
            found.append(
                Problem(
                    shown,
                    "notebook",
                    "",
                    f"never shows the chapter's {activity} (expected a cell calling chapter.{activity}())",
                )
            )
    for chapter_id in ids:
        if chapter_id in course.chapters:
            found.extend(chapter_problems(course.chapters[chapter_id]))
    return found


def course_problems(course: Course) -> list[Problem]:
    found = []
    for entry in toc_files(course.root):
        candidates = [course.root / f"{entry}{suffix}" for suffix in (".ipynb", ".md")]
        existing = [p for p in candidates if p.is_file()]
        if not existing:
            found.append(Problem("_toc.yml", f"entry '{entry}'", "file", f"no {entry}.ipynb or {entry}.md exists"))
        elif existing[0].suffix == ".ipynb":
            found.extend(notebook_problems(course, existing[0]))
    found.extend(cue_problems(course))  # no answer may be given away by its length or count
    return found

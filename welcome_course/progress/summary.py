"""Per-chapter figures derived from a progress record.

The static progress page computes the same figures in the browser
(static/welcome-course-progress.js, its `figures`): tests/cases/progress-figures.json
and progress-percent.json hold cases that both run, and the browser tests compare
the two on the course itself.

A chapter's progress counts: each question whose latest answer is right, one
item for reaching any ending of its scenario, and each reflection written (a
text with something other than the blank characters of the record's rules).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..content.course import Course
from ..content.model import Chapter
from .record import BLANK


@dataclass(frozen=True)
class ChapterSummary:
    chapter: Chapter
    right: int  # questions whose latest answer is right
    answered: int
    questions: int
    endings: tuple[str, ...]  # ids of the endings reached, in scenario order
    written: int
    reflections: int
    done: int  # right + one for reaching any ending + written
    total: int  # questions + one for a scenario + reflections

    @property
    def percent(self) -> int:
        return percent_of(self.done, self.total)


def chapter_figures(
    record: dict, chapter: str, questions: list[str], endings: list[str], reflections: list[str]
) -> dict:
    """One chapter's figures in a record, given the ids of its questions, its scenario's endings
    (in scenario order) and its reflections: right, answered, endings (those reached), written,
    done, total and percent. The page script's `figures` follows the same rules."""
    latest = [record["answers"].get(f"{chapter}/{q}") for q in questions]
    right = sum(1 for attempts in latest if attempts and attempts[-1]["correct"])
    reached = [e for e in endings if f"{chapter}/{e}" in record["endings"]]
    written = sum(
        1 for r in reflections if record["reflections"].get(f"{chapter}/{r}", {}).get("text", "").strip(BLANK)
    )
    done = right + (1 if reached else 0) + written
    total = len(questions) + (1 if endings else 0) + len(reflections)
    return {
        "right": right,
        "answered": sum(1 for attempts in latest if attempts),
        "endings": reached,
        "written": written,
        "done": done,
        "total": total,
        "percent": percent_of(done, total),
    }


def summarise(course: Course, record: dict) -> list[ChapterSummary]:
    out = []
    for chapter in ordered_chapters(course):
        questions = [q.id for q in chapter.questions]
        reflections = [r.id for r in chapter.reflections]
        endings = [node.id for node in (chapter.scenario.endings if chapter.scenario else [])]
        figures = chapter_figures(record, chapter.id, questions, endings, reflections)
        out.append(
            ChapterSummary(
                chapter=chapter,
                right=figures["right"],
                answered=figures["answered"],
                questions=len(questions),
                endings=tuple(figures["endings"]),
                written=figures["written"],
                reflections=len(reflections),
                done=figures["done"],
                total=figures["total"],
            )
        )
    return out


def ordered_chapters(course: Course) -> list[Chapter]:
    """Guideline steps in order, then any other chapters by id."""
    return sorted(course.chapters.values(), key=lambda c: (c.guideline_step is None, c.guideline_step or 0, c.id))


def percent_of(done: int, total: int) -> int:
    """Rounded half up, exactly as the page script's Math.floor(x + 0.5) (Python's round() rounds half to even)."""
    return math.floor(100 * done / total + 0.5) if total else 0


def overall_percent(summaries: list[ChapterSummary]) -> int:
    return percent_of(sum(s.done for s in summaries), sum(s.total for s in summaries))

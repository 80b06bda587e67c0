"""Per-chapter figures derived from a progress record.

The static progress page computes the same figures in the browser
(static/welcome-course-progress.js); the browser tests compare both.

A chapter's progress counts: each question whose latest answer is right, one
item for reaching any ending of its scenario, and each reflection written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..content.course import Course
from ..content.model import Chapter


@dataclass(frozen=True)
class ChapterSummary:
    chapter: Chapter
    right: int  # questions whose latest answer is right
    answered: int
    questions: int
    endings: tuple[str, ...]  # ids of the endings reached, in scenario order
    written: int
    reflections: int

    @property
    def done(self) -> int:
        return self.right + (1 if self.endings else 0) + self.written

    @property
    def total(self) -> int:
        return self.questions + (1 if self.chapter.scenario else 0) + self.reflections

    @property
    def percent(self) -> int:
        return percent_of(self.done, self.total)


def summarise(course: Course, record: dict) -> list[ChapterSummary]:
    out = []
    for chapter in ordered_chapters(course):
        latest = [record["answers"].get(f"{chapter.id}/{q.id}") for q in chapter.questions]
        endings = tuple(
            node.id for node in (chapter.scenario.endings if chapter.scenario else [])
            if f"{chapter.id}/{node.id}" in record["endings"]
        )
        written = sum(
            1 for r in chapter.reflections
            if record["reflections"].get(f"{chapter.id}/{r.id}", {}).get("text", "").strip()
        )
        out.append(ChapterSummary(
            chapter=chapter,
            right=sum(1 for attempts in latest if attempts and attempts[-1]["correct"]),
            answered=sum(1 for attempts in latest if attempts),
            questions=len(chapter.questions),
            endings=endings,
            written=written,
            reflections=len(chapter.reflections),
        ))
    return out


def ordered_chapters(course: Course) -> list[Chapter]:
    """Guideline steps in order, then any other chapters by id."""
    return sorted(course.chapters.values(), key=lambda c: (c.guideline_step is None, c.guideline_step or 0, c.id))


def percent_of(done: int, total: int) -> int:
    """Rounded half up, exactly as the page script's Math.floor(x + 0.5) (Python's round() rounds half to even)."""
    return math.floor(100 * done / total + 0.5) if total else 0


def overall_percent(summaries: list[ChapterSummary]) -> int:
    return percent_of(sum(s.done for s in summaries), sum(s.total for s in summaries))

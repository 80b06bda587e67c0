"""Grading quiz answers: a pure function of the question and the answer.

The live widgets call this directly; the static page's script implements the
same rules (grade() in static/welcome-course.js): tests/cases/grading.json holds
cases that pytest runs here and Node runs there, and the browser tests check
that both agree on every question of the course.

Rules:
- an answer is right when the set of chosen options equals the set of correct options;
- while an answer is wrong, the learner sees the feedback of the options they chose
  (and, for select-all questions, a hint when a right option is still missing);
- once it is right, the learner sees the feedback of every option, so they learn
  why the other options were wrong too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..content.model import Question


@dataclass(frozen=True)
class Result:
    question_id: str
    correct: bool
    chosen: frozenset[str]
    shown_feedback: tuple[str, ...]  # option ids whose feedback the learner now sees, in option order
    missing_some: bool  # a right option was left out (select-all questions only)


class AnswerError(ValueError):
    """The answer does not fit the question (no option chosen, an unknown option…)."""


def grade(question: Question, chosen: Iterable[str]) -> Result:
    chosen = frozenset(chosen)
    known = {o.id for o in question.options}
    if not chosen:
        raise AnswerError(f"question '{question.id}': no option chosen")
    unknown = chosen - known
    if unknown:
        raise AnswerError(f"question '{question.id}': no option {', '.join(sorted(unknown))}")
    if question.kind != "multiple_choice" and len(chosen) != 1:
        raise AnswerError(f"question '{question.id}': choose exactly one option")
    correct = chosen == question.correct_ids
    shown = tuple(o.id for o in question.options if correct or o.id in chosen)
    missing = question.kind == "multiple_choice" and not correct and bool(question.correct_ids - chosen)
    return Result(question.id, correct, chosen, shown, missing)


def score(results: Mapping[str, Result], total: int) -> tuple[int, int]:
    """(questions answered right, questions in the quiz)."""
    return sum(1 for r in results.values() if r.correct), total

"""What a chapter's activities show again from a progress record: the learner's last answers, their
feedback and the score, and the scenario's path to the ending last reached.

The live widgets (activities/widgets.py) show this when they are made, after a kernel restart as
much as in a new session; the page script (static/welcome-course-progress.js, its `restored`)
follows the same rules in the hosted book. tests/cases/progress-restore.json holds cases that
both run.

Rules:
- A question shows its latest attempt, graded again against the question as it is now, so the
  verdict, the feedback and the score always fit the options on screen. An attempt that no longer
  fits (it names an option that is gone, which is what rewording an option does since an option's
  id comes from its text, or it has several options for a question that now takes one) is not
  shown: the question is listed in `outdated`, and the learner is told to answer it again.
- Answers to questions that are no longer in the chapter are ignored.
- The score counts the answers shown that are right.
- The scenario shows the ending reached last (the latest time; at equal times the greater key,
  then the later entry), with the choices that led there. The path is followed from the start
  while each choice still exists and still leads where it led; it stops at the last node it
  reaches that way, with `changed` set, and the learner goes on from there. An ending recorded
  without a path is shown on its own if it is still an ending. Nothing reached: `scenario` is None.
- "clear" (record.py's clear event) removes a chapter's answers and endings; its reflections stay.
"""

from __future__ import annotations

from ..activities.grading import AnswerError, grade
from ..content.model import Chapter, Scenario


def restored(record: dict, chapter: Chapter) -> dict:
    """What the chapter's quiz and scenario show from `record` (already checked):
    {"answers": {question id: {"chosen", "correct", "shown", "missing_some"}}, "outdated": [question ids],
     "right": n, "total": n, "scenario": None or {"steps": [{"node", "choice"}], "at": node id, "changed": bool}}."""
    answers: dict[str, dict] = {}
    outdated: list[str] = []
    for question in chapter.questions:
        attempts = record["answers"].get(f"{chapter.id}/{question.id}")
        if not attempts:
            continue
        try:
            result = grade(question, attempts[-1]["chosen"])
        except AnswerError:
            outdated.append(question.id)
            continue
        answers[question.id] = {
            "chosen": sorted(result.chosen),
            "correct": result.correct,
            "shown": list(result.shown_feedback),
            "missing_some": result.missing_some,
        }
    return {
        "answers": answers,
        "outdated": outdated,
        "right": sum(1 for a in answers.values() if a["correct"]),
        "total": len(chapter.questions),
        "scenario": restored_path(record, chapter.id, chapter.scenario) if chapter.scenario else None,
    }


def _last_ending(record: dict, chapter_id: str) -> tuple[str, dict] | None:
    prefix = f"{chapter_id}/"
    best = None
    for key, entries in record["endings"].items():
        if not key.startswith(prefix):
            continue
        for entry in entries:
            rank = (entry.get("at") or "", key)
            if best is None or rank >= best[0]:
                best = (rank, key[len(prefix) :], entry)
    return None if best is None else (best[1], best[2])


def restored_path(record: dict, chapter_id: str, scenario: Scenario) -> dict | None:
    last = _last_ending(record, chapter_id)
    if last is None:
        return None
    ending, entry = last
    nodes = scenario.nodes
    if "path" not in entry:
        if ending in nodes and nodes[ending].is_ending:
            return {"steps": [], "at": ending, "changed": False}
        return {"steps": [], "at": scenario.start, "changed": True}
    path = entry["path"]
    current, steps = scenario.start, []
    for n, step in enumerate(path):
        target = path[n + 1]["node"] if n + 1 < len(path) else ending
        node = nodes.get(current)
        if (
            step["node"] != current
            or node is None
            or not 1 <= step["choice"] <= len(node.choices)
            or node.choices[step["choice"] - 1].next != target
            or target not in nodes
        ):
            return {"steps": steps, "at": current, "changed": True}
        steps.append({"node": current, "choice": step["choice"]})
        current = target
    return {"steps": steps, "at": current, "changed": not nodes[current].is_ending}

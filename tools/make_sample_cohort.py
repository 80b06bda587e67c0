"""Writes data/sample-cohort/: invented learners' progress files for the cohort report's example.

The learners are invented; their answers are drawn at random (with a fixed
seed, so the files are the same every time) from the real questions, with a
bias towards the right answer on later attempts. Two files are broken on
purpose, to show how the report lists and skips them; and one learner's file
(EDITED) shows what the report does with a file that no longer matches the
course: one wrong answer is marked right by hand, and one answer is to a
question that has since been removed (the report grades every answer again,
and lists the other as not counted).

Run from the course folder:  python tools/make_sample_cohort.py
"""

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from welcome_course.activities.grading import grade
from welcome_course.content.course import load_course
from welcome_course.progress.record import apply_event, new_record
from welcome_course.progress.self_assessment import load_statements

EDITED = 2  # the index of the learner whose file no longer matches the course (see above)
REMOVED_QUESTION = "a-question-since-removed"
LEARNERS = ["Teacher A", "Teacher B", "Teacher C", "Teacher D", "Teacher E", "Teacher F", "Teacher G"]
REFLECTIONS = [
    "We have a new pupil from abroad almost every month; I want to prepare a welcome pack.",
    "I realised I often talk to the interpreter instead of the parent.",
    "Next week I will ask our mediator to join the parents' evening.",
]


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    course = load_course(root)
    folder = root / "data" / "sample-cohort"
    folder.mkdir(exist_ok=True)
    rng = random.Random(2026)
    ratings_rng = random.Random(16)  # a generator of its own: the answers above stay as they were
    statements = load_statements(course)
    chapters = [c for c in sorted(course.chapters.values(), key=lambda c: c.id) if c.guideline_step]
    for index, name in enumerate(LEARNERS):
        record = new_record(name)
        reach = rng.randint(3, len(chapters))  # how far this learner got
        before = _rate_themselves(record, statements, ratings_rng, index, "before")
        minute = 0
        for chapter in chapters[:reach]:
            for question in chapter.questions:
                ids = [o.id for o in question.options]
                for attempt in range(3):
                    if rng.random() < 0.55 + 0.2 * attempt:
                        chosen = sorted(question.correct_ids)
                    elif question.kind == "multiple_choice":
                        chosen = sorted(rng.sample(ids, rng.randint(1, len(ids))))
                    else:
                        chosen = [rng.choice(ids)]
                    result = grade(question, chosen)
                    minute += 1
                    apply_event(
                        record,
                        {
                            "type": "answer",
                            "chapter": chapter.id,
                            "question": question.id,
                            "chosen": chosen,
                            "correct": result.correct,
                        },
                        at=_time(index, minute),
                    )
                    if result.correct:
                        break
            if chapter.scenario and rng.random() < 0.8:
                ending = rng.choice(chapter.scenario.endings)
                minute += 1
                apply_event(
                    record,
                    {"type": "ending", "chapter": chapter.id, "ending": ending.id, "outcome": ending.outcome},
                    at=_time(index, minute),
                )
            if chapter.reflections and rng.random() < 0.5:
                minute += 1
                apply_event(
                    record,
                    {
                        "type": "reflection",
                        "chapter": chapter.id,
                        "reflection": chapter.reflections[0].id,
                        "text": rng.choice(REFLECTIONS),
                    },
                    at=_time(index, minute),
                )
        if reach == len(chapters):
            _rate_themselves(record, statements, ratings_rng, index, "after", before)
        if index == EDITED:
            _no_longer_matching(record, chapters)
        path = folder / f"learner-{index + 1}.json"
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # A file cut off in the middle (as when a download is interrupted) and a file of another kind.
    (folder / "learner-8-interrupted.json").write_text(
        '{"format": "welcome-course-progress", "version": 2, "answ', encoding="utf-8"
    )
    (folder / "shopping-list.json").write_text('{"items": ["paper", "markers"]}\n', encoding="utf-8")
    print(f"Wrote {len(LEARNERS) + 2} files to {folder}")


def _rate_themselves(
    record: dict, statements, rng: random.Random, learner: int, moment: str, before: dict | None = None
) -> dict:
    """The self-assessment: every learner before the course (1 to 3), and those who finished it after
    (their rating before, raised by 0 to 2). Returns the ratings given."""
    given = {}
    for number, statement in enumerate(statements):
        given[statement.id] = rng.randint(1, 3) if before is None else min(5, before[statement.id] + rng.randint(0, 2))
        minute = (
            number - len(statements) if moment == "before" else 900 + number
        )  # before the chapters, or after them all
        apply_event(
            record,
            {"type": "rating", "moment": moment, "statement": statement.id, "rating": given[statement.id]},
            at=_time(learner, minute),
        )
    return given


def _no_longer_matching(record: dict, chapters) -> None:
    """Mark the learner's first wrong attempt right, as if edited by hand, and add an answer to a
    question that is not in the course (as if answered before the question was removed)."""
    wrong = next(a for attempts in record["answers"].values() for a in attempts if not a["correct"])
    wrong["correct"] = True
    first = chapters[0]
    record["answers"][f"{first.id}/{REMOVED_QUESTION}"] = [
        {"chosen": [first.questions[0].options[0].id], "correct": True, "at": record["updated"]}
    ]


def _time(learner: int, minute: int) -> str:
    return f"2026-11-{10 + learner:02d}T{9 + minute // 60:02d}:{minute % 60:02d}:00Z"


if __name__ == "__main__":
    main()

"""No answer is given away by its form: `check` reports a course where the right option is too often
the longest, where the choice closest to a good ending too often has the longest label, or where
too many multiple-choice questions have the same count of right options, and names the questions
and decisions that add to the cue, file by file."""

from __future__ import annotations

import pytest

from support import ROOT, make_course, valid_chapter
from welcome_course.checks.cue_rules import (
    MAX_LONGEST_BEST_CHOICE_PERCENT,
    MAX_LONGEST_RIGHT_OPTION_PERCENT,
    MAX_SAME_PATTERN_PERCENT,
    MIN_ITEMS,
    best_choice_index,
    cue_problems,
)
from welcome_course.checks.standards import course_problems
from welcome_course.content.course import load_course

SHORT, LONG = "Ask a colleague", "Ask the colleague who knows the family well"
TRUE_FALSE = {
    "id": "judge",
    "type": "true_false",
    "prompt": "True?",
    "answer": True,
    "feedback_true": "Yes.",
    "feedback_false": "It is.",
}


def single(qid: str, right_is_longest: bool) -> dict:
    right, wrong = (LONG, SHORT) if right_is_longest else (SHORT, LONG)
    return {
        "id": qid,
        "type": "single_choice",
        "prompt": "What do you do?",
        "options": [
            {"text": wrong, "feedback": "Not this."},
            {"text": right, "correct": True, "feedback": "This."},
            {"text": "Wait and see", "feedback": "Not this."},
        ],
    }


def multiple(qid: str, right: int, options: int = 4) -> dict:
    return {
        "id": qid,
        "type": "multiple_choice",
        "prompt": "Which apply?",
        "options": [
            {"text": f"Option {n}", "correct": n <= right, "feedback": "Because."} for n in range(1, options + 1)
        ],
    }


def chain(decisions: int, best_is_longest: int) -> dict:
    """A story of `decisions` decisions in a row: going on leads to the good ending, stopping to a
    difficult one; in the first `best_is_longest` decisions, going on has the longer label."""
    nodes = {}
    for n in range(1, decisions + 1):
        on = "good-end" if n == decisions else f"decision-{n + 1}"
        go, stop = ("Go on with the plan", "Stop") if n <= best_is_longest else ("Go on", "Stop and think again")
        nodes[f"decision-{n}"] = {
            "text": "Now?",
            "choices": [
                {"label": stop, "consequence": "You stop.", "next": "bad-end"},
                {"label": go, "consequence": "You go on.", "next": on},
            ],
        }
    nodes["good-end"] = {"outcome": "good", "title": "Good", "text": "Well.", "debrief": "Because."}
    nodes["bad-end"] = {"outcome": "difficult", "title": "Bad", "text": "Badly.", "debrief": "Because not."}
    return {"title": "A story", "setting": "Once.", "start": "decision-1", "nodes": nodes}


def chapter(chapter_id: str, quiz: list[dict] | None = None, scenario: dict | None = None) -> dict:
    data = valid_chapter()
    data["id"] = chapter_id
    data["quiz"] = (quiz or []) + [TRUE_FALSE]
    data["scenario"] = scenario or chain(2, 0)
    return data


def messages(tmp_path, chapters: dict) -> list[str]:
    return [str(p) for p in cue_problems(load_course(make_course(tmp_path, chapters)))]


def test_right_options_that_are_longest_too_often_are_named(tmp_path):
    quiz = [single(f"q{n}", right_is_longest=n <= 4) for n in range(1, 11)]  # 4 of 10: 40 %
    found = messages(tmp_path, {"step-99": chapter("step-99", quiz)})
    assert len(found) == 1
    assert found[0].startswith(
        "data/chapters/step-99.yml: quiz questions 'q1', 'q2', 'q3' and 'q4': options: "
        "the right option is longer than every wrong one."
    )
    assert f"4 of 10 single-choice questions (40 %); at most {MAX_LONGEST_RIGHT_OPTION_PERCENT} % may be" in found[0]
    assert "in at least 1 of the questions named" in found[0]


def test_right_options_within_the_limit_pass(tmp_path):
    quiz = [single(f"q{n}", right_is_longest=n <= 3) for n in range(1, 11)]  # 3 of 10: 30 %
    assert messages(tmp_path, {"step-99": chapter("step-99", quiz)}) == []


def test_a_right_option_as_long_as_a_wrong_one_is_no_cue(tmp_path):
    quiz = [single(f"q{n}", right_is_longest=True) for n in range(1, 11)]
    for question in quiz[:7]:  # a wrong option exactly as long as the right one
        question["options"][2]["text"] = LONG.upper()
    assert messages(tmp_path, {"step-99": chapter("step-99", quiz)}) == []  # 3 of 10 counted, not 10
    quiz[6]["options"][2]["text"] = "Wait"
    found = messages(tmp_path / "one-more", {"step-99": chapter("step-99", quiz)})
    assert len(found) == 1 and "quiz questions 'q7', 'q8', 'q9' and 'q10'" in found[0]
    assert "in 4 of 10 single-choice questions (40 %)" in found[0]


def test_the_problems_are_given_file_by_file(tmp_path):
    first = [single(f"a{n}", right_is_longest=n <= 3) for n in range(1, 6)]
    second = [single(f"b{n}", right_is_longest=n <= 2) for n in range(1, 6)]  # 5 of 10 in all
    found = messages(tmp_path, {"step-98": chapter("step-98", first), "step-99": chapter("step-99", second)})
    assert [m.split(": options:")[0] for m in found] == [
        "data/chapters/step-98.yml: quiz questions 'a1', 'a2' and 'a3'",
        "data/chapters/step-99.yml: quiz questions 'b1' and 'b2'",
    ]
    assert all(
        "in 5 of 10 single-choice questions (50 %)" in m and "in at least 2 of the questions" in m for m in found
    )


def test_best_choices_with_the_longest_label_too_often_are_named(tmp_path):
    found = messages(tmp_path, {"step-99": chapter("step-99", scenario=chain(10, 5))})  # 5 of 10: 50 %
    assert found == [
        "data/chapters/step-99.yml: scenario nodes 'decision-1', 'decision-2', 'decision-3', 'decision-4' and "
        "'decision-5': choices: the choice that leads closest to a good ending has the longest label. Across the "
        "course this is so in 5 of 10 decisions that have one such choice (50 %); at most "
        f"{MAX_LONGEST_BEST_CHOICE_PERCENT} % may be, or a reader reaches the good ending by always picking the "
        "longest label. Give another choice a label at least as long, or shorten the best one, in at least 1 of "
        "the decisions named in this and other files."
    ]
    assert messages(tmp_path / "within", {"step-99": chapter("step-99", scenario=chain(10, 4))}) == []


def test_a_decision_between_two_good_endings_is_not_counted(tmp_path):
    story = chain(11, 5)
    story["nodes"]["other-good-end"] = {"outcome": "good", "title": "Also good", "text": "Well.", "debrief": "Also."}
    # the last decision: both ways end well, one step away each
    story["nodes"]["decision-11"]["choices"][0]["next"] = "other-good-end"
    course = load_course(make_course(tmp_path, {"step-99": chapter("step-99", scenario=story)}))
    scenario = course.chapter("step-99").scenario
    assert best_choice_index(scenario, "decision-11") is None
    assert best_choice_index(scenario, "decision-10") == 1  # going on is one step closer
    assert ["in 5 of 10 decisions that have one such choice (50 %)" in str(p) for p in cue_problems(course)] == [True]


def test_a_choice_that_loops_back_is_farther_from_the_good_ending(tmp_path):
    story = chain(10, 4)
    # the first decision gets a third way, back to itself, with the longest label of all
    story["nodes"]["decision-1"]["choices"].append(
        {"label": "Talk it over once more before deciding anything", "consequence": "Again.", "next": "decision-1"}
    )
    course = load_course(make_course(tmp_path, {"step-99": chapter("step-99", scenario=story)}))
    assert best_choice_index(course.chapter("step-99").scenario, "decision-1") == 1
    assert cue_problems(course) == []  # the loop is not the best choice, and 3 of 10 is within the limit


def test_one_count_of_right_options_in_too_many_questions_is_named(tmp_path):
    quiz = [multiple(f"m{n}", right=3 if n <= 7 else 2) for n in range(1, 11)]  # 7 of 10 have 3 of 4
    found = messages(tmp_path, {"step-99": chapter("step-99", quiz)})
    assert len(found) == 1
    assert found[0].startswith(
        "data/chapters/step-99.yml: quiz questions 'm1', 'm2', 'm3', 'm4', 'm5', 'm6' and 'm7': "
        "options: 3 of the 4 options are right."
    )
    assert (
        f"7 of 10 multiple-choice questions (70 %) have 3 right out of 4; at most {MAX_SAME_PATTERN_PERCENT} %"
        in found[0]
    )
    assert "in at least 1 of the questions named" in found[0]


def test_counts_of_right_options_within_the_limit_pass(tmp_path):
    quiz = [multiple(f"m{n}", right=3 if n <= 6 else 2) for n in range(1, 11)]  # 6 of 10: exactly 60 %
    assert messages(tmp_path, {"step-99": chapter("step-99", quiz)}) == []
    # the same count of right options out of a different number of options is another pattern
    quiz = [multiple(f"m{n}", right=3, options=4 if n <= 6 else 5) for n in range(1, 11)]
    assert messages(tmp_path / "five", {"step-99": chapter("step-99", quiz)}) == []


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_share_of_fewer_items_than_the_minimum_is_not_judged(tmp_path):
    few = MIN_ITEMS - 1
    quiz = [single(f"q{n}", right_is_longest=True) for n in range(few)]
    quiz += [multiple(f"m{n}", right=3) for n in range(few)]
    assert messages(tmp_path, {"step-99": chapter("step-99", quiz, chain(few, few))}) == []
    quiz.append(single("one-more", right_is_longest=True))
    found = messages(tmp_path / "enough", {"step-99": chapter("step-99", quiz, chain(few, few))})
    assert len(found) == 1 and f"{MIN_ITEMS} of {MIN_ITEMS} single-choice questions (100 %)" in found[0]


def test_check_reports_the_cue_with_the_course_standards(tmp_path):
    root = make_course(tmp_path, {"step-99": chapter("step-99", [multiple(f"m{n}", right=2) for n in range(10)])})
    (root / "book").mkdir()
    (root / "book" / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    found = [str(p) for p in course_problems(load_course(root))]
    assert any(
        m.startswith("data/chapters/step-99.yml: quiz questions 'm0', 'm1'") and "2 of the 4 options are right" in m
        for m in found
    )


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_real_course_gives_no_answer_away():
    assert [str(p) for p in cue_problems(load_course(ROOT))] == []

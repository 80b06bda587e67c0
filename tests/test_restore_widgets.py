"""Answers come back in a notebook: widgets made again from the same progress file (what a kernel
restart and a re-run do) show the last answers, their feedback, the score and the scenario's path;
"Try again" still works; a learner can clear a chapter's answers after confirming; answers that no
longer fit a changed chapter are dropped with a notice, and nothing breaks."""

from __future__ import annotations

import html
import json
import re

import pytest

from support import first_path, make_course, valid_chapter
from welcome_course.activities.widgets import QuizWidget, ReflectionsWidget, ScenarioWidget
from welcome_course.content.course import load_course
from welcome_course.progress.live import LiveProgress
from welcome_course.progress.record import RecordError, checked
from welcome_course.progress.store import ProgressStore


@pytest.fixture
def course(tmp_path):
    return load_course(make_course(tmp_path / "course", {"step-99": valid_chapter()}))


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "learner" / "progress.json")


def session(course, store):
    """What a chapter notebook makes when it runs: one LiveProgress, then the quiz, scenario and reflections."""
    progress = LiveProgress(course, ProgressStore(store.path))
    chapter = course.chapter("step-99")
    return (
        QuizWidget(course, chapter, progress),
        ScenarioWidget(course, chapter, progress),
        ReflectionsWidget(course, chapter, progress),
    )


def options(course, question_id):
    question = course.chapter("step-99").question(question_id)
    right = [o for o in question.options if o.correct]
    wrong = [o for o in question.options if not o.correct]
    return question, right, wrong


def label(course, question, option):
    return course.interface[option.id] if question.kind == "true_false" else option.text


def play_first_path(story):
    taken, ending = first_path(story.scenario)
    for _ in taken:
        story.choose(0)
    assert story.current == ending.id
    return taken, ending


def answer_two_questions(course, quiz):
    """pick-one: wrong, then right; judge: right at once."""
    _question, [right], [wrong] = options(course, "pick-one")
    one = quiz.question("pick-one")
    one.selector.value = wrong.id
    one.check_button.click()
    one.selector.value = right.id
    one.check_button.click()
    _judge, [judge_right], _ = options(course, "judge")
    quiz.question("judge").selector.value = judge_right.id
    quiz.question("judge").check_button.click()


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_after_a_restart_the_answers_feedback_score_and_ending_are_shown_again(course, store):
    ui = course.interface
    quiz, story, _ = session(course, store)
    answer_two_questions(course, quiz)
    taken, ending = play_first_path(story)
    total = len(course.chapter("step-99").questions)
    score = ui["score"].format(correct=2, total=total)
    assert score in quiz.score.value

    quiz, story, _ = session(course, store)  # the kernel restarted; the notebook runs again
    question, [right], [wrong] = options(course, "pick-one")
    one = quiz.question("pick-one")
    assert one.selector.value == right.id
    assert f"\u2713 {ui['correct']}" in one.feedback.value
    for option in question.options:  # right: every option's feedback
        assert option.feedback in one.feedback.value
    _judge, [judge_right], [_judge_wrong] = options(course, "judge")
    assert quiz.question("judge").selector.value == judge_right.id
    assert judge_right.feedback in quiz.question("judge").feedback.value
    untouched = quiz.question("pick-all")
    assert untouched.feedback.value == "" and not any(box.value for box in untouched.boxes)
    assert score in quiz.score.value
    assert story.current == ending.id
    assert ending.title in story.situation.value and ending.debrief in story.situation.value
    for _node, choice in taken:
        assert choice.label in story.trail.value and choice.consequence in story.trail.value
    assert story.notice.value == "" and quiz.notice.value == ""

    # "Try again" still works on a restored answer, and the new answer is kept
    one.retry_button.click()
    assert one.selector.value is None and one.feedback.value == ""
    assert ui["score"].format(correct=1, total=total) in quiz.score.value
    one.selector.value = wrong.id
    one.check_button.click()
    assert ui["not_quite"] in one.feedback.value
    quiz, story, _ = session(course, store)
    assert quiz.question("pick-one").selector.value == wrong.id
    assert ui["score"].format(correct=1, total=total) in quiz.score.value
    assert [a["correct"] for a in store.load()["answers"]["step-99/pick-one"]] == [False, True, False]


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_select_all_answer_comes_back_with_its_boxes_ticked(course, store):
    quiz, _, _ = session(course, store)
    question, right, _wrong = options(course, "pick-all")
    many = quiz.question("pick-all")
    many.boxes[[o.id for o in question.options].index(right[0].id)].value = True
    many.check_button.click()
    quiz, _, _ = session(course, store)
    many = quiz.question("pick-all")
    assert [box.value for box in many.boxes] == [o.id == right[0].id for o in question.options]
    assert course.interface["missing_some"] in many.feedback.value
    assert many.retry_button.layout.display is None  # Try again is offered


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_clearing_asks_first_then_clears_answers_and_ending_but_not_reflections(course, store):
    ui = course.interface
    quiz, story, reflections = session(course, store)
    answer_two_questions(course, quiz)
    play_first_path(story)
    reflections.areas["think"].value = "Ask the family first."

    quiz.clear_button.click()
    assert quiz.clear_confirm.layout.display is None and quiz.clear_button.layout.display == "none"
    assert ui["clear_answers_confirm"] in quiz.clear_confirm.children[0].value
    quiz.clear_no.click()  # changed their mind: nothing cleared
    assert quiz.clear_confirm.layout.display == "none" and quiz.clear_button.layout.display is None
    assert "step-99/pick-one" in store.load()["answers"]

    quiz.clear_button.click()
    quiz.clear_yes.click()
    assert ui["clear_answers_done"] in quiz.clear_status.value
    total = len(course.chapter("step-99").questions)
    assert ui["score"].format(correct=0, total=total) in quiz.score.value
    assert all(q.feedback.value == "" for q in quiz.questions)
    assert quiz.question("pick-one").selector.value is None
    assert story.current == story.scenario.start and story.trail.value == ""  # the scenario shown starts again too
    record = store.load()
    assert record["answers"] == {} and record["endings"] == {}
    assert record["reflections"]["step-99/think"]["text"] == "Ask the family first."

    quiz, story, reflections = session(course, store)  # and they stay cleared
    assert all(q.feedback.value == "" for q in quiz.questions)
    assert ui["score"].format(correct=0, total=total) in quiz.score.value
    assert story.current == story.scenario.start and story.trail.value == ""
    assert reflections.areas["think"].value == "Ask the family first."


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_answers_that_no_longer_fit_a_changed_chapter_are_dropped_with_a_notice(tmp_path, store):
    """Recorded on the chapter as it was; then an option is reworded (a new option id), a question is
    removed and a node of the scenario is removed."""
    before = load_course(make_course(tmp_path / "before", {"step-99": valid_chapter()}))
    quiz, story, _ = session(before, store)
    answer_two_questions(before, quiz)  # pick-one (its right option) and judge
    many = quiz.question("pick-all")
    many.boxes[0].value = True
    many.boxes[1].value = True
    many.check_button.click()
    story.choose(0)  # begin -> middle
    story.choose(0)  # middle -> good-end

    changed = valid_chapter()
    right = next(o for o in changed["quiz"][0]["options"] if o.get("correct"))
    right["text"] += " (reworded)"  # pick-one's right option is now another option
    changed["quiz"] = [q for q in changed["quiz"] if q["id"] != "judge"]  # judge removed
    nodes = changed["scenario"]["nodes"]
    del nodes["middle"]  # the path walked went through it
    nodes["begin"]["choices"][0]["next"] = "good-end"
    after = load_course(make_course(tmp_path / "after", {"step-99": changed}))
    ui = after.interface

    quiz, story, _ = session(after, store)
    one = quiz.question("pick-one")
    assert ui["answer_outdated"] in one.outdated.value
    assert one.selector.value is None and one.feedback.value == ""
    many = quiz.question("pick-all")  # unchanged: shown as it was
    assert many.outdated.value == "" and ui["correct"] in many.feedback.value
    assert ui["score"].format(correct=1, total=2) in quiz.score.value
    assert story.current == "begin" and story.trail.value == ""  # the path stops where it no longer fits
    assert ui["scenario_changed"] in story.notice.value

    # answering again clears the notice; the record keeps every attempt
    one.selector.value = next(o for o in after.chapter("step-99").question("pick-one").options if o.correct).id
    one.check_button.click()
    assert one.outdated.value == "" and ui["correct"] in one.feedback.value
    assert ui["score"].format(correct=2, total=2) in quiz.score.value


def test_a_progress_file_of_another_course_is_set_aside_and_reported(course, store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"format": "someone-elses-app", "version": 1}), encoding="utf-8")
    quiz, story, _ = session(course, store)
    [aside] = [p for p in store.path.parent.iterdir() if ".unreadable-" in p.name]
    assert json.loads(aside.read_text(encoding="utf-8"))["format"] == "someone-elses-app"
    with pytest.raises(RecordError) as refused:
        checked(json.loads(aside.read_text(encoding="utf-8")))
    told = course.interface["file_set_aside"].format(path=store.path, reason=refused.value.args[0], aside=aside)
    assert html.unescape(re.sub(r"<[^>]+>", "", quiz.notice.value)) == told
    assert all(q.feedback.value == "" for q in quiz.questions) and story.current == story.scenario.start

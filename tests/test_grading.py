"""Grading rules, as a learner meets them."""

import pytest

from support import make_course, valid_chapter
from welcome_course.activities.grading import AnswerError, grade
from welcome_course.content.course import load_course


def ids(question):
    """The ids of a question's options, in order (a, b, c… below)."""
    return [o.id for o in question.options]


@pytest.fixture
def chapter(tmp_path):
    return load_course(make_course(tmp_path, {"step-99": valid_chapter()})).chapter("step-99")


def test_single_choice_right_answer_shows_every_explanation(chapter):
    a, b = ids(chapter.question("pick-one"))
    result = grade(chapter.question("pick-one"), [a])
    assert result.correct
    assert result.shown_feedback == (a, b)


def test_single_choice_wrong_answer_shows_only_the_chosen_explanation(chapter):
    _a, b = ids(chapter.question("pick-one"))
    result = grade(chapter.question("pick-one"), [b])
    assert not result.correct
    assert result.shown_feedback == (b,)
    assert not result.missing_some


def test_select_all_needs_exactly_the_right_set(chapter):
    question = chapter.question("pick-all")
    a, b, c = ids(question)
    assert grade(question, [a, b]).correct
    assert not grade(question, [a, b, c]).correct
    partial = grade(question, [a])
    assert not partial.correct and partial.missing_some and partial.shown_feedback == (a,)


def test_select_all_with_a_wrong_option_but_none_missing(chapter):
    a, b, c = ids(chapter.question("pick-all"))
    result = grade(chapter.question("pick-all"), [a, b, c])
    assert not result.missing_some
    assert result.shown_feedback == (a, b, c)


def test_option_ids_follow_the_text_not_the_position(tmp_path):
    from support import valid_chapter

    chapter = valid_chapter()
    chapter["quiz"][0]["options"].reverse()
    reordered = load_course(make_course(tmp_path / "other", {"step-99": chapter})).chapter("step-99")
    original = load_course(make_course(tmp_path / "first", {"step-99": valid_chapter()})).chapter("step-99")
    assert reordered.question("pick-one").correct_ids == original.question("pick-one").correct_ids


def test_true_false(chapter):
    question = chapter.question("judge")
    assert grade(question, ["true"]).correct
    assert not grade(question, ["false"]).correct


@pytest.mark.parametrize("answer", [[], ["nonsense"], "both"])
def test_answers_that_do_not_fit_are_refused(chapter, answer):
    question = chapter.question("pick-one")
    with pytest.raises(AnswerError):
        grade(question, ids(question) if answer == "both" else answer)

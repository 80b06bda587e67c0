"""Answers come back in the hosted book, in Chromium: after a reload each quiz shows the last answer,
its feedback and the score, and the scenario the path to the ending reached; "Try again" still works;
"Clear my answers in this chapter" asks first, then clears answers and ending (not reflections) for
good; a stored answer that no longer fits the chapter is dropped with a notice, by the same rules as
Python (progress/restore.py). Texts and ids come from the course's data."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from support import ROOT, first_path
from welcome_course.activities.static_html import question_dom_id
from welcome_course.content.course import load_course
from welcome_course.progress.record import apply_event, checked, new_record
from welcome_course.progress.restore import restored

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book

COURSE = load_course(ROOT)
UI = COURSE.interface
CHAPTER = COURSE.chapter("step-01")
KEY = "welcome-course:progress"


def _label(question, option):
    return UI[option.id] if question.kind == "true_false" else option.text


def _questions():
    """The chapter's first question (single choice) and its first true/false question."""
    first = CHAPTER.questions[0]
    assert first.kind == "single_choice", "this test picks one option: the first question must be single choice"
    judge = next(q for q in CHAPTER.questions if q.kind == "true_false")
    return first, judge


def _score(right):
    return UI["score"].format(correct=right, total=len(CHAPTER.questions))


def _check(page, question, option):
    box = page.locator(f"#{question_dom_id(CHAPTER, question)}")
    box.get_by_label(_label(question, option), exact=True).check()
    box.get_by_role("button", name=UI["check"]).click()
    return box


def _expect_answer_shown(page, question, option):
    """The option ticked, the verdict, and the feedback the learner saw when they checked it."""
    box = page.locator(f"#{question_dom_id(CHAPTER, question)}")
    for other in question.options:
        expect(box.get_by_label(_label(question, other), exact=True)).to_be_checked(checked=other.id == option.id)
    expect(box.locator(".wc-verdict")).to_have_text(UI["correct"] if option.correct else UI["not_quite"])
    for other in question.options:
        item = box.locator(f'.wc-option-feedback li[data-option="{other.id}"]')
        if option.correct or other.id == option.id:
            expect(item).to_be_visible()
            expect(item).to_contain_text(other.feedback)
        else:
            expect(item).to_be_hidden()
    expect(box.get_by_role("button", name=UI["try_again"])).to_be_visible()
    expect(box.locator(".wc-outdated")).to_be_hidden()


def _expect_unanswered(page, question):
    box = page.locator(f"#{question_dom_id(CHAPTER, question)}")
    for option in question.options:
        expect(box.get_by_label(_label(question, option), exact=True)).not_to_be_checked()
    expect(box.locator(".wc-verdict")).to_have_text("")
    expect(box.locator(".wc-option-feedback li:visible")).to_have_count(0)


def test_answers_and_ending_come_back_after_a_reload_and_can_be_cleared(open_page, book_site):
    page = open_page(book_site.url + "book/step-01.html")
    first, judge = _questions()
    wrong = next(o for o in first.options if not o.correct)
    right = next(o for o in first.options if o.correct)
    judge_right = next(o for o in judge.options if o.correct)
    _check(page, first, wrong)
    _check(page, first, right)
    _check(page, judge, judge_right)
    story = page.locator("#wc-step-01-scenario")
    taken, ending = first_path(CHAPTER.scenario)
    for _, choice in taken:
        story.get_by_role("button", name=choice.label, exact=True).click()
    reflection = page.locator(f"#wc-step-01-r-{CHAPTER.reflections[0].id}")
    reflection.fill("I will learn to pronounce every name.")
    expect(page.locator(".wc-score")).to_have_text(_score(2))

    page.reload()
    _expect_answer_shown(page, first, right)
    _expect_answer_shown(page, judge, judge_right)
    for question in CHAPTER.questions:
        if question not in (first, judge):
            _expect_unanswered(page, question)
    expect(page.locator(".wc-score")).to_have_text(_score(2))
    shown = story.locator(f'.wc-node[data-node="{ending.id}"]')
    expect(shown).to_be_visible()
    expect(shown).to_contain_text(ending.title)
    expect(shown).to_contain_text(ending.debrief)
    expect(story.locator(".wc-node:visible")).to_have_count(1)
    steps = story.locator(".wc-trail-steps li")
    expect(steps).to_have_count(len(taken))
    for n, (_, choice) in enumerate(taken):
        expect(steps.nth(n).locator(".wc-trail-choice")).to_have_text(choice.label)
        expect(steps.nth(n)).to_contain_text(choice.consequence)
    expect(story.locator(".wc-scenario-changed")).to_be_hidden()

    # "Try again" on an answer shown again, then a new answer: it is kept
    box = page.locator(f"#{question_dom_id(CHAPTER, first)}")
    box.get_by_role("button", name=UI["try_again"]).click()
    _expect_unanswered(page, first)
    expect(page.locator(".wc-score")).to_have_text(_score(1))
    _check(page, first, wrong)
    page.reload()
    _expect_answer_shown(page, first, wrong)
    expect(page.locator(".wc-score")).to_have_text(_score(1))

    # Clearing asks first; "No" keeps everything
    quiz = page.locator("#wc-step-01-quiz")
    quiz.get_by_role("button", name=UI["clear_answers"]).click()
    expect(quiz.locator(".wc-clear-confirm")).to_contain_text(UI["clear_answers_confirm"])
    quiz.get_by_role("button", name=UI["clear_answers_no"]).click()
    expect(quiz.locator(".wc-clear-confirm")).to_be_hidden()
    _expect_answer_shown(page, first, wrong)
    quiz.get_by_role("button", name=UI["clear_answers"]).click()
    quiz.get_by_role("button", name=UI["clear_answers_yes"]).click()
    expect(quiz.locator(".wc-clear-done")).to_have_text(UI["clear_answers_done"])
    for question in CHAPTER.questions:
        _expect_unanswered(page, question)
    expect(page.locator(".wc-score")).to_have_text(_score(0))
    expect(story.locator(f'.wc-node[data-node="{CHAPTER.scenario.start}"]')).to_be_visible()
    expect(story.locator(".wc-trail")).to_be_hidden()

    page.reload()  # they stay cleared; the reflection stays
    for question in CHAPTER.questions:
        _expect_unanswered(page, question)
    expect(page.locator(".wc-score")).to_have_text(_score(0))
    expect(story.locator(f'.wc-node[data-node="{CHAPTER.scenario.start}"]')).to_be_visible()
    expect(story.locator(".wc-trail")).to_be_hidden()
    expect(reflection).to_have_value("I will learn to pronounce every name.")
    record = checked(json.loads(page.evaluate(f"localStorage.getItem('{KEY}')")))
    assert not [k for k in list(record["answers"]) + list(record["endings"]) if k.startswith("step-01/")]
    assert (
        record["reflections"][f"step-01/{CHAPTER.reflections[0].id}"]["text"] == "I will learn to pronounce every name."
    )


GONE_OPTION, GONE_QUESTION, GONE_NODE = "o000000", "a-removed-question", "a-removed-node"


def _record_of_an_older_chapter():
    """A record holding an answer naming an option the first question no longer has (as after its
    rewording), an answer to a question no longer in the chapter, a right answer that still fits, and
    a path to an ending through a node that is gone. Returns it and the path."""
    first, judge = _questions()
    judge_right = next(o for o in judge.options if o.correct)
    taken, ending = first_path(CHAPTER.scenario)
    assert len(taken) >= 2, "the path must have a step that still fits before the one that does not"
    assert GONE_OPTION not in {o.id for o in first.options}
    assert GONE_QUESTION not in {q.id for q in CHAPTER.questions}
    assert GONE_NODE not in CHAPTER.scenario.nodes
    record = new_record()
    for question_id, chosen in (
        (first.id, [GONE_OPTION]),
        (GONE_QUESTION, [first.options[0].id]),
        (judge.id, [judge_right.id]),
    ):
        apply_event(
            record, {"type": "answer", "chapter": "step-01", "question": question_id, "chosen": chosen, "correct": True}
        )
    (start, first_choice), (second, _) = taken[0], taken[1]
    path = [
        {"node": start.id, "choice": start.choices.index(first_choice) + 1},
        {"node": second.id, "choice": 1},
        {"node": GONE_NODE, "choice": 1},
    ]
    apply_event(
        record, {"type": "ending", "chapter": "step-01", "ending": ending.id, "outcome": ending.outcome, "path": path}
    )
    return checked(record), path


def _open_with(open_page, book_site, record):
    page = open_page(book_site.url + "book/intro.html")
    page.evaluate("record => localStorage.setItem('welcome-course:progress', record)", json.dumps(record))
    page.goto(book_site.url + "book/step-01.html")
    return page


def test_a_stored_answer_that_no_longer_fits_is_dropped_with_a_notice(open_page, book_site):
    """The page shows what Python's restored() says of a record made on an older version of the chapter."""
    first, judge = _questions()
    judge_right = next(o for o in judge.options if o.correct)
    taken, ending = first_path(CHAPTER.scenario)
    (_, first_choice), (second, _) = taken[0], taken[1]
    record, path = _record_of_an_older_chapter()
    state = restored(record, CHAPTER)
    assert state["outdated"] == [first.id] and list(state["answers"]) == [judge.id]
    assert state["scenario"] == {"steps": path[:1], "at": second.id, "changed": True}

    page = _open_with(open_page, book_site, record)

    box = page.locator(f"#{question_dom_id(CHAPTER, first)}")
    expect(box.locator(".wc-outdated")).to_be_visible()
    expect(box.locator(".wc-outdated")).to_have_text(UI["answer_outdated"])
    _expect_unanswered(page, first)
    _expect_answer_shown(page, judge, judge_right)
    expect(page.locator(".wc-outdated:visible")).to_have_count(len(state["outdated"]))
    expect(page.locator(".wc-score")).to_have_text(_score(state["right"]))
    story = page.locator("#wc-step-01-scenario")
    expect(story.locator(f'.wc-node[data-node="{state["scenario"]["at"]}"]')).to_be_visible()
    expect(story.locator(".wc-node:visible")).to_have_count(1)
    expect(story.locator(".wc-trail-steps li")).to_have_count(len(state["scenario"]["steps"]))
    expect(story.locator(".wc-trail-choice")).to_have_text([first_choice.label])
    expect(story.locator(".wc-scenario-changed")).to_have_text(UI["scenario_changed"])

    # answering again clears the notice; going on from where the path stopped reaches an ending
    right = next(o for o in first.options if o.correct)
    _check(page, first, right)
    expect(box.locator(".wc-outdated")).to_be_hidden()
    expect(page.locator(".wc-score")).to_have_text(_score(state["right"] + 1))
    for _, choice in taken[1:]:
        story.get_by_role("button", name=choice.label, exact=True).click()
    expect(story.locator(f'.wc-node[data-node="{ending.id}"]')).to_be_visible()
    expect(story.locator(".wc-scenario-changed")).to_be_hidden()
    # nothing in the record is lost: the old entries stay beside the new ones
    stored = checked(json.loads(page.evaluate(f"localStorage.getItem('{KEY}')")))
    assert f"step-01/{GONE_QUESTION}" in stored["answers"]
    assert [a["chosen"] for a in stored["answers"][f"step-01/{first.id}"]] == [[GONE_OPTION], [right.id]]


def test_the_notices_and_the_confirmation_pass_axe(open_page, book_site):
    """What appears only when answers come back, or when clearing them is asked for, in both colour modes."""
    from test_quality import AXE_EXCEPTIONS, run_axe, to_dark

    record, _ = _record_of_an_older_chapter()
    page = _open_with(open_page, book_site, record)
    expect(page.locator(".wc-outdated:visible")).to_have_count(1)
    expect(page.locator(".wc-scenario-changed")).to_be_visible()
    page.locator("#wc-step-01-quiz").get_by_role("button", name=UI["clear_answers"]).click()
    expect(page.locator(".wc-clear-confirm")).to_be_visible()
    violations = [v for v in run_axe(page) if v["id"] not in AXE_EXCEPTIONS]
    to_dark(page)
    violations += [v for v in run_axe(page, ["color-contrast"]) if v["id"] not in AXE_EXCEPTIONS]
    assert not violations, json.dumps(violations, indent=1)

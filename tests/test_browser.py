"""The hosted book in a real headless Chromium, as a teacher uses it.

The `open_page` fixture fails a test when any request leaves 127.0.0.1 or any
console error is logged.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from support import ROOT
from welcome_course.activities.grading import grade
from welcome_course.content.course import load_course

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book


@pytest.fixture
def chapter_one(open_page, book_site):
    page = open_page(book_site.url + "book/step-01.html")
    page.wait_for_selector(".wc-quiz")
    return page


def test_quiz_answer_shows_that_options_feedback_and_the_score(chapter_one):
    page = chapter_one
    total = len(load_course(ROOT).chapter("step-01").questions)
    question = page.locator("#wc-step-01-q-first-contact")
    assert question.locator(".wc-noscript").count() == 0
    assert not page.locator(".wc-noscript").first.is_visible()

    question.get_by_label("A classmate who speaks her language, to interpret for you").check()
    question.get_by_role("button", name="Check my answer").click()
    feedback = question.locator(".wc-feedback")
    assert "Not quite yet." in feedback.inner_text()
    assert "a child should not interpret anything that matters" in feedback.inner_text()
    liaison = question.locator("li", has_text="A liaison coordinator already knows the families")
    assert not liaison.is_visible()
    assert page.locator(".wc-score").inner_text() == f"Score: 0 of {total} answered correctly"

    question.get_by_label("The colleague who links home, school and community").check()
    question.get_by_role("button", name="Check my answer").click()
    assert "Correct!" in feedback.inner_text()
    assert liaison.is_visible()
    assert page.locator(".wc-score").inner_text() == f"Score: 1 of {total} answered correctly"

    question.get_by_role("button", name="Try again").click()
    assert feedback.inner_text().strip() == ""
    assert page.locator(".wc-score").inner_text() == f"Score: 0 of {total} answered correctly"


def test_quiz_works_with_the_keyboard_alone(chapter_one):
    page = chapter_one
    question = page.locator("#wc-step-01-q-own-habits")
    question.locator("input").first.focus()
    page.keyboard.press("Space")  # selects "True"
    page.keyboard.press("Tab")  # to the check button
    page.keyboard.press("Enter")
    assert "Correct!" in question.locator(".wc-verdict").inner_text()
    assert question.locator(".wc-feedback").get_attribute("aria-live") == "polite"


def test_select_all_question_tells_when_answers_are_missing(chapter_one):
    question = chapter_one.locator("#wc-step-01-q-barriers")
    question.get_by_label("Adults at school expecting little of them").check()
    question.get_by_role("button", name="Check my answer").click()
    assert "At least one right answer is still missing." in question.locator(".wc-verdict").inner_text()


def test_scenario_walked_to_an_ending_shows_the_debrief(chapter_one):
    page = chapter_one
    story = page.locator("#wc-step-01-scenario")
    start = story.locator('[data-node="first-morning"]')
    assert start.is_visible()
    story.get_by_role("button", name="Start the lesson, then spend your free period").click()
    assert story.locator('[data-node="resource-map"]').is_visible() and not start.is_visible()
    assert "Within an hour you have a page of notes." in story.locator(".wc-trail").inner_text()
    story.get_by_role("button", name="Keep Lucas in your class").click()
    story.get_by_role("button", name="Say that you will find out how recognition works").click()
    assert "with Ms Osei and a phone interpreter" in story.locator(".wc-trail").inner_text()
    story.get_by_role("button", name="Advise staying in your class").click()
    ending = story.locator('[data-node="good-start"]')
    assert ending.is_visible()
    assert "Looking back" in ending.inner_text() and "You got information before acting" in ending.inner_text()
    assert page.evaluate("document.activeElement.dataset.node") == "good-start"  # focus follows the story
    ending.get_by_role("button", name="Start the story again").click()
    assert start.is_visible() and not story.locator(".wc-trail").is_visible()


def test_a_difficult_ending_is_reachable_too(chapter_one):
    story = chapter_one.locator("#wc-step-01-scenario")
    story.get_by_role("button", name="Give him a seat next to a friendly pupil").click()
    story.get_by_role("button", name="Agree with your colleague").click()
    assert "A lost term" in story.locator('[data-node="lost-term"]').inner_text()


def test_reflections_survive_a_reload(chapter_one):
    page = chapter_one
    area = page.locator("#wc-step-01-r-one-habit")
    area.fill("I will learn to pronounce every name.")
    page.reload()
    assert page.locator("#wc-step-01-r-one-habit").input_value() == "I will learn to pronounce every name."


def test_the_page_script_grades_exactly_like_python(open_page, book_site):
    """Every question of every chapter, every possible answer: same verdict, same feedback shown."""
    course = load_course(ROOT)
    cases, expected = [], []
    for chapter in course.chapters.values():
        for question in chapter.questions:
            ids = [o.id for o in question.options]
            sizes = range(1, len(ids) + 1) if question.kind == "multiple_choice" else [1]
            for size in sizes:
                for chosen in combinations(ids, size):
                    result = grade(question, chosen)
                    cases.append([question.kind, sorted(question.correct_ids), ids, list(chosen)])
                    expected.append([result.correct, list(result.shown_feedback), result.missing_some])
    page = open_page(book_site.url + "book/step-01.html")
    got = page.evaluate(
        "cases => cases.map(c => { const r = window.welcomeCourse.grade(c[0], c[1], c[2], c[3]);"
        " return [r.correct, r.shown, r.missingSome]; })",
        cases,
    )
    assert len(cases) > 50
    assert got == expected


def test_introduction_page_opens_without_errors(open_page, book_site):
    page = open_page(book_site.url)
    heading = page.locator("article h1")
    assert "Welcoming immigrant students" in heading.inner_text()
    assert "School Safety Net" in page.content()

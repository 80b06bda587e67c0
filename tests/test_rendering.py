"""Both renderings of one definition: the static HTML and the live widgets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from support import make_course, valid_chapter
from welcome_course.activities.display import RENDER_ENV, WIDGET_MIME, ChapterActivities
from welcome_course.activities.static_html import quiz_html, scenario_html
from welcome_course.activities.widgets import QuizWidget, ReflectionsWidget, ScenarioWidget
from welcome_course.content.course import load_course
from welcome_course.progress.live import LiveProgress
from welcome_course.progress.store import ProgressStore


@pytest.fixture
def course(tmp_path):
    return load_course(make_course(tmp_path, {"step-99": valid_chapter()}))


@pytest.fixture
def chapter(course):
    return course.chapter("step-99")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []
        self.labels_for = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "label":
            self.labels_for.append(attrs.get("for"))


def test_static_quiz_is_the_same_every_time_and_ids_are_unique(course, chapter):
    first, second = quiz_html(course, chapter), quiz_html(course, chapter)
    assert first == second
    parser = _Ids()
    parser.feed(first)
    assert len(parser.ids) == len(set(parser.ids))
    # every option is labelled, so screen readers read its text
    options = sum(len(q.options) for q in chapter.questions)
    assert set(parser.labels_for) <= set(parser.ids) and len(parser.labels_for) == options


def test_static_quiz_is_accessible_markup(course, chapter):
    html = quiz_html(course, chapter)
    questions = len(chapter.questions)
    assert html.count("<fieldset") == questions and html.count("<legend>") == questions
    assert html.count('aria-live="polite"') == questions + 1  # each question's feedback and the score
    assert 'type="radio"' in html and 'type="checkbox"' in html
    assert f"Score: 0 of {questions} answered correctly" in html


def test_static_scenario_has_every_node_and_choice(course, chapter):
    html = scenario_html(course, chapter, chapter.scenario)
    for node in chapter.scenario.nodes:
        assert f'data-node="{node}"' in html
    assert html.count('class="wc-choice"') == sum(len(node.choices) for node in chapter.scenario.nodes.values())
    assert 'data-start="begin"' in html


def test_display_is_a_live_widget_in_jupyter_and_static_html_in_the_book(course, chapter, monkeypatch):
    """In Jupyter: the widget, and words saying to run the notebook (what stays stored once the
    widget view is dropped); no answer in any text. In the book: the static HTML."""
    monkeypatch.delenv(RENDER_ENV, raising=False)
    activities = ChapterActivities(course, chapter)
    for activity in (
        activities.overview(),
        activities.quiz(),
        activities.scenario(),
        activities.reflections(),
        activities.resources(),
    ):
        bundle = activity._repr_mimebundle_()
        assert set(bundle) == {"text/plain", WIDGET_MIME}
        assert bundle["text/plain"] in (course.interface["before_run_first"], course.interface["before_run"])
    assert activities.overview()._repr_mimebundle_()["text/plain"] == course.interface["before_run_first"]
    monkeypatch.setenv(RENDER_ENV, "static")
    bundle = ChapterActivities(course, chapter).quiz()._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"} and 'class="wc-quiz"' in bundle["text/html"]


def test_live_quiz_grades_scores_and_records_progress(course, chapter, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    quiz = QuizWidget(course, chapter, LiveProgress(course, store))
    one = quiz.question("pick-one")
    right, wrong = (o.id for o in chapter.question("pick-one").options)
    one.selector.value = wrong
    one.check_button.click()
    assert "Not quite yet." in one.feedback.value and "No, because." in one.feedback.value
    assert "Yes, because." not in one.feedback.value
    assert f"Score: 0 of {len(chapter.questions)}" in quiz.score.value
    one.selector.value = right
    one.check_button.click()
    assert "Correct!" in one.feedback.value and "No, because." in one.feedback.value
    assert f"Score: 1 of {len(chapter.questions)}" in quiz.score.value
    attempts = store.load()["answers"]["step-99/pick-one"]
    assert [(a["chosen"], a["correct"]) for a in attempts] == [([wrong], False), ([right], True)]


def test_live_select_all_and_try_again(course, chapter):
    quiz = QuizWidget(course, chapter)
    many = quiz.question("pick-all")
    many.boxes[0].value = True
    many.check_button.click()
    assert "At least one right answer is still missing." in many.feedback.value
    assert many.retry_button.layout.display is None  # visible
    many.retry_button.click()
    assert not any(box.value for box in many.boxes) and many.feedback.value == ""
    many.check_button.click()
    assert "Choose an answer first." in many.feedback.value


def test_live_scenario_walks_to_an_ending_and_restarts(course, chapter, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    story = ScenarioWidget(course, chapter, LiveProgress(course, store))
    assert [b.description for b in story.choices.children] == ["Go on", "Stop"]
    story.choices.children[0].click()
    assert "You go on." in story.trail.value and "And now?" in story.situation.value
    story.choices.children[0].click()
    assert "It ended well." in story.situation.value and "Looking back" in story.situation.value
    assert story.choices.children == ()
    assert store.load()["endings"]["step-99/good-end"][0]["outcome"] == "good"
    story.restart_button.click()
    assert story.current == "begin" and story.trail.value == ""


def test_live_reflections_are_kept_and_shown_again(course, chapter, tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    first = ReflectionsWidget(course, chapter, LiveProgress(course, store))
    first.areas["think"].value = "Ask the family first."
    again = ReflectionsWidget(course, chapter, LiveProgress(course, store))
    assert again.areas["think"].value == "Ask the family first."


def test_text_plain_is_readable(course, chapter):
    activities = ChapterActivities(course, chapter)
    assert activities.quiz().plain == f"Check your understanding: {len(chapter.questions)} questions."
    assert "About 30 minutes" in activities.overview().plain
    assert re.search(r"https://example.org/page", activities.resources().plain)

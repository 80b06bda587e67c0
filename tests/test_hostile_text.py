"""Text from content files is shown as text and never runs, in both renderings."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT, Site, make_course, valid_chapter
from welcome_course.activities.static_html import (
    overview_html,
    quiz_html,
    reflections_html,
    resources_html,
    scenario_html,
)
from welcome_course.activities.widgets import QuizWidget, ReflectionsWidget, ScenarioWidget
from welcome_course.content.course import load_course

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMAGE = "<img src=x onerror=\"window.__pwned = 'img'\">"
LINK = "<a href=\"javascript:window.__pwned = 'link'\">click me</a>"
HOSTILE = f"{SCRIPT} {IMAGE} {LINK}"


def hostile_chapter() -> dict:
    chapter = valid_chapter()
    chapter["title"] = HOSTILE
    chapter["goals"] = [HOSTILE]
    question = chapter["quiz"][0]
    question["prompt"] = HOSTILE
    question["options"][0]["text"] = "Right " + IMAGE
    question["options"][0]["feedback"] = "Feedback " + SCRIPT
    question["options"][1]["text"] = "Wrong " + LINK
    question["options"][1]["feedback"] = "Wrong feedback " + IMAGE
    scenario = chapter["scenario"]
    scenario["title"] = "Story " + SCRIPT
    scenario["setting"] = HOSTILE
    scenario["credit"] = HOSTILE
    begin = scenario["nodes"]["begin"]
    begin["text"] = "Begin " + HOSTILE
    begin["choices"][0]["label"] = "Go on " + IMAGE
    begin["choices"][0]["consequence"] = "Consequence " + HOSTILE
    middle = scenario["nodes"]["middle"]
    middle["choices"][0]["label"] = "Finish " + LINK
    good = scenario["nodes"]["good-end"]
    good["title"] = "End " + SCRIPT
    good["debrief"] = "Debrief " + HOSTILE
    chapter["reflections"][0]["prompt"] = HOSTILE
    chapter["resources"][0]["title"] = HOSTILE
    chapter["resources"][0]["note"] = HOSTILE
    return chapter


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return load_course(make_course(tmp_path_factory.mktemp("hostile"), {"step-99": hostile_chapter()}))


def test_static_rendering_escapes_everything(course):
    chapter = course.chapter("step-99")
    html = "".join(
        [
            overview_html(course, chapter),
            quiz_html(course, chapter),
            scenario_html(course, chapter, chapter.scenario),
            reflections_html(course, chapter),
            resources_html(course, chapter),
        ]
    )
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.replace("&quot;javascript:", "")
    assert "&lt;script&gt;window.__pwned = &#x27;script&#x27;&lt;/script&gt;" in html


@pytest.mark.browser
def test_static_rendering_in_the_browser_shows_text_and_runs_nothing(course, tmp_path, open_page):
    chapter = course.chapter("step-99")
    static = ROOT / "welcome_course" / "static"
    for name in ("welcome-course.js", "welcome-course.css"):
        shutil.copy(static / name, tmp_path / name)
    body = "".join(
        [
            quiz_html(course, chapter),
            scenario_html(course, chapter, chapter.scenario),
            reflections_html(course, chapter),
            resources_html(course, chapter),
        ]
    )
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title>'
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="welcome-course.css">'
        f'<script defer src="welcome-course.js"></script></head><body><main>{body}</main></body></html>',
        encoding="utf-8",
    )
    site = Site(tmp_path)
    try:
        page = open_page(site.url)
        question = page.locator(".wc-question").first
        assert SCRIPT in question.locator("legend").inner_text()
        question.locator("input").first.check()
        question.get_by_role("button", name="Check my answer").click()
        assert "Feedback " + SCRIPT in question.locator(".wc-feedback").inner_text()

        story = page.locator(".wc-scenario")
        assert "Story " + SCRIPT == story.locator("h3").inner_text()
        story.get_by_role("button", name="Go on " + IMAGE).click()
        assert "Consequence " + HOSTILE in story.locator(".wc-trail").inner_text()
        story.get_by_role("button", name="Finish " + LINK).click()
        assert "Debrief " + HOSTILE in story.locator('[data-node="good-end"]').inner_text()

        assert page.evaluate("window.__pwned") is None
        assert page.locator("main img").count() == 0
        assert page.locator("main a[href^='javascript']").count() == 0
    finally:
        site.close()


def test_live_rendering_escapes_everything(course):
    chapter = course.chapter("step-99")
    quiz = QuizWidget(course, chapter)
    first = quiz.question("pick-one")
    first.selector.value = chapter.question("pick-one").options[0].id
    first.check_button.click()
    story = ScenarioWidget(course, chapter)
    story.choose(0)
    story.choose(0)
    reflections = ReflectionsWidget(course, chapter)
    html_values = [first.prompt.value, first.feedback.value, story.trail.value, story.situation.value]
    html_values += [
        child.value for child in story.box.children if hasattr(child, "value") and isinstance(child.value, str)
    ]
    html_values += [child.value for child in reflections.box.children if child.__class__.__name__ == "HTML"]
    for value in html_values:
        assert "<script>window" not in value and "<img src=x" not in value and '<a href="javascript' not in value
    assert "&lt;script&gt;" in first.prompt.value
    # labels of buttons and options are plain text in ipywidgets: the raw text, never parsed
    assert first.selector.options[0][0] == "Right " + IMAGE

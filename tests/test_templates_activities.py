"""HTML from templates: text that looks like HTML or like a template comes out as text.

Every fragment is rendered from a course whose texts (content files and interface words)
hold a script, both kinds of quotes, an ampersand and Jinja syntax; each must come out
escaped, never as markup and never evaluated.
"""

from __future__ import annotations

import pytest

from support import make_course, set_interface_word, valid_chapter
from welcome_course.activities.static_html import (
    overview_html,
    question_html,
    quiz_html,
    reflections_html,
    resources_html,
    scenario_html,
)
from welcome_course.activities.widgets import QuizWidget, ReflectionsWidget, ScenarioWidget
from welcome_course.content.course import load_course
from welcome_course.progress.live import LiveProgress
from welcome_course.progress.store import ProgressStore

HOSTILE = "<script>alert('x')</script> \"quoted\" & {{ 7 * 7 }} {% if true %}"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;quoted&quot; &amp; {{ 7 * 7 }} {% if true %}"
URL = 'https://example.org/?q="><script>&x={{y}}'  # no space: check refuses an address with one
# interface words may hold only their own {placeholders}
WORD = "<script>alert('x')</script> \"quoted\" &"
WORD_ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;quoted&quot; &amp;"


def assert_escaped(html: str) -> None:
    assert ESCAPED in html
    assert "<script" not in html and '"quoted"' not in html and "& " not in html and "49" not in html


# --- activities/static_html.py ------------------------------------------------


def hostile_chapter() -> dict:
    chapter = valid_chapter()
    chapter["goals"] = [HOSTILE]
    chapter["source_note"] = HOSTILE
    for question in chapter["quiz"]:
        question["prompt"] = HOSTILE
        for n, option in enumerate(question.get("options", [])):
            option["text"] = f"{n} {HOSTILE}"
            option["feedback"] = HOSTILE
    scenario = chapter["scenario"]
    scenario["title"] = scenario["setting"] = scenario["credit"] = HOSTILE
    for node in scenario["nodes"].values():
        node["text"] = HOSTILE
        for n, choice in enumerate(node.get("choices", [])):
            choice["label"] = f"{n} {HOSTILE}"
            choice["consequence"] = HOSTILE
        if "outcome" in node:
            node["title"] = node["debrief"] = HOSTILE
    chapter["reflections"][0]["prompt"] = HOSTILE
    resource = chapter["resources"][0]
    resource["title"] = resource["kind"] = resource["note"] = HOSTILE
    resource["url"] = URL
    return chapter


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = make_course(tmp_path_factory.mktemp("templates"), {"step-99": hostile_chapter()})
    set_interface_word(root, "reflection_placeholder", WORD)  # shown in an attribute
    set_interface_word(root, "quiz_label", WORD)  # shown in an attribute
    return load_course(root)


def fragments(course) -> dict[str, str]:
    chapter = course.chapter("step-99")
    return {
        "overview": overview_html(course, chapter),
        "question": question_html(course, chapter, chapter.questions[0], 1, 3),
        "quiz": quiz_html(course, chapter),
        "scenario": scenario_html(course, chapter, chapter.scenario),
        "reflections": reflections_html(course, chapter),
        "resources": resources_html(course, chapter),
    }


@pytest.mark.parametrize("name", ["overview", "question", "quiz", "scenario", "reflections", "resources"])
def test_static_fragments_escape_text(course, name):
    assert_escaped(fragments(course)[name])


def test_static_fragments_escape_text_in_attributes(course):
    html = fragments(course)
    assert f'placeholder="{WORD_ESCAPED}"' in html["reflections"]
    assert f'aria-label="{WORD_ESCAPED}"' in html["quiz"]
    assert '<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;&amp;x={{y}}">' in html["resources"]


def test_static_fragments_show_every_hostile_text_escaped(course):
    chapter = course.chapter("step-99")
    html = fragments(course)
    assert html["overview"].count(ESCAPED) == len(chapter.goals) + 1  # and the source note
    shown = [q.prompt for q in chapter.questions]
    for question in chapter.questions:
        for option in question.options:
            label = course.interface[option.id] if question.kind == "true_false" else option.text
            shown += [label, label, option.feedback]  # the label is shown again beside the option's feedback
    assert html["quiz"].count(ESCAPED) == sum(HOSTILE in text for text in shown) > 0
    scenario = chapter.scenario
    shown = [scenario.title, scenario.setting, scenario.credit]
    for node in scenario.nodes.values():
        shown += [node.text, node.title, node.debrief] + [t for c in node.choices for t in (c.label, c.consequence)]
    assert html["scenario"].count(ESCAPED) == sum(HOSTILE in text for text in shown) > 0
    assert f'<span class="wc-resource-details">{ESCAPED} {ESCAPED}</span>' in html["resources"]  # kind and note


# --- activities/widgets.py and progress/live.py -------------------------------


def test_live_quiz_escapes_text(course):
    chapter = course.chapter("step-99")
    quiz = QuizWidget(course, chapter)
    first = quiz.question("pick-one")
    assert_escaped(first.prompt.value)
    first.selector.value = chapter.question("pick-one").options[0].id
    first.check_button.click()
    assert_escaped(first.feedback.value)
    assert f"<li><b>0 {ESCAPED}:</b> {ESCAPED}</li>" in first.feedback.value


def test_live_scenario_escapes_text(course):
    story = ScenarioWidget(course, course.chapter("step-99"))
    assert_escaped(story.box.children[0].value)  # title, setting and credit
    assert story.box.children[0].value.count(ESCAPED) == 3
    assert_escaped(story.situation.value)
    story.choose(0)
    assert_escaped(story.trail.value)
    story.choose(0)
    assert story.node.is_ending
    assert story.situation.value.count(ESCAPED) == 3  # title, text and debrief of the ending


def test_live_reflections_escape_text(course):
    reflections = ReflectionsWidget(course, course.chapter("step-99"))
    prompts = [child.value for child in reflections.box.children if child.__class__.__name__ == "HTML" and child.value]
    assert len(prompts) == 1
    assert_escaped(prompts[0])


def test_live_progress_escapes_the_path_in_a_failed_save(course, tmp_path):
    blocked = tmp_path / HOSTILE.replace("/", "|")  # a file where the store wants a folder
    blocked.write_text("not a folder")
    progress = LiveProgress(course, ProgressStore(blocked / "progress.json"))
    message = progress.record({"type": "reflection", "chapter": "step-99", "reflection": "think", "text": "hello"})
    assert message.startswith("<p><b>") and message.endswith("</b></p>")
    assert ESCAPED.replace("/", "|") in message
    assert "<script" not in message and '"quoted"' not in message

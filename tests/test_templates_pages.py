"""HTML from templates: hostile text in every fragment and page comes out as text.

Each test puts text with a script tag, both kinds of quotes, an ampersand and Jinja's own
delimiters into the content, the interface words or a learner's file, renders the room's HTML
and checks that the text is there escaped (as Jinja escapes it), and never as markup.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser

import pytest
import yaml

from support import make_course, set_interface_word, valid_chapter
from welcome_course.content.course import load_course
from welcome_course.progress.record import apply_event, new_record

HOSTILE = "<script>alert(\"x\")</script> & 'it' {{ 7 * 7 }} {% if %}"
ESCAPED = html.escape(HOSTILE, quote=True)
WORD = "none <b>yet</b> & 'so' \"far\""  # an interface word (no braces: they are placeholders there)


class Tags(HTMLParser):
    """The start tags of a page, and every attribute value."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags: list[str] = []
        self.attribute_values: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attribute_values += [value or "" for _, value in attrs]


def assert_escaped(page: str, times: int = 1) -> None:
    assert ESCAPED.startswith("&lt;script&gt;alert(&quot;x&quot;)") and "&#x27;it&#x27;" in ESCAPED
    assert page.count(ESCAPED) >= times, "the hostile text is missing or not escaped"
    assert "<script" not in page and "{{ 7 * 7 }}" in page
    assert "script" not in Tags(page).tags


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course whose title, chapter, scenario, reflections and resources all carry the hostile text."""
    chapter = valid_chapter()
    chapter["title"] = "Title " + HOSTILE
    chapter["goals"] = ["Goal " + HOSTILE]
    chapter["quiz"][0]["prompt"] = "Prompt " + HOSTILE
    chapter["quiz"][0]["options"][1]["text"] = "Option " + HOSTILE
    chapter["quiz"][0]["options"][1]["feedback"] = "Feedback " + HOSTILE
    scenario = chapter["scenario"]
    scenario["title"] = "Story " + HOSTILE
    scenario["nodes"]["begin"]["text"] = "Begin " + HOSTILE
    scenario["nodes"]["begin"]["choices"][0]["label"] = "Choice " + HOSTILE
    scenario["nodes"]["good-end"]["title"] = "Ending " + HOSTILE
    chapter["reflections"][0]["prompt"] = "Reflect " + HOSTILE
    chapter["resources"][0]["title"] = "Resource " + HOSTILE
    root = make_course(tmp_path_factory.mktemp("templates"), {"step-99": chapter})
    course_file = root / "data" / "course.yml"
    data = yaml.safe_load(course_file.read_text(encoding="utf-8"))
    data["title"] = "Course " + HOSTILE
    course_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    set_interface_word(root, "progress_none", WORD)
    return load_course(root)


def _record(course, learner: str = "Learner " + HOSTILE) -> dict:
    record = new_record(learner)
    chapter = course.chapter("step-99")
    question = chapter.question("pick-one")
    wrong = next(o for o in question.options if not o.correct)
    apply_event(
        record,
        {"type": "answer", "chapter": "step-99", "question": "pick-one", "chosen": [wrong.id], "correct": False},
        at="2026-11-01T10:00:00Z",
    )
    apply_event(
        record,
        {"type": "ending", "chapter": "step-99", "ending": "good-end", "outcome": "good"},
        at="2026-11-01T10:01:00Z",
    )
    apply_event(
        record,
        {"type": "reflection", "chapter": "step-99", "reflection": "think", "text": "Mine " + HOSTILE},
        at="2026-11-01T10:02:00Z",
    )
    return record


def test_worksheet_and_answer_key_escape_the_content(course):
    from welcome_course.export.worksheets import answer_key_html, worksheet_html

    chapter = course.chapter("step-99")
    worksheet = worksheet_html(course, chapter)
    # course, chapter title (in <title> and <h1>), goal, prompt, option, story, node, choice,
    # ending, reflection, resource
    assert_escaped(worksheet, times=12)
    key = answer_key_html(course, chapter)
    assert_escaped(key, times=12)  # the same, with the feedback and the ending twice (map and paths)
    assert f"Feedback {ESCAPED}" in key
    for page in (worksheet, key):  # the inlined style sheet is the page's own, not escaped
        assert page.count("<style>") == 1 and "&quot;\\2713" not in page and '"\\2713  "' in page


def test_my_progress_page_escapes_content_words_and_the_learners_text(course, tmp_path):
    from welcome_course.progress.page import ProgressPageWidget, notices_html, progress_html, transfer_html
    from welcome_course.progress.store import ProgressStore

    static = progress_html(course)
    # course (in an attribute), chapter (row, aria-label, journal), ending, reflection
    assert_escaped(static, times=6)
    assert f'<span class="wc-no-ending">{html.escape(WORD, quote=True)}</span>' in static
    assert f'aria-label="Title {ESCAPED}"' in static  # attribute values quoted and escaped
    assert f'data-portfolio-title="My portfolio: Course {ESCAPED}"' in static
    live = progress_html(course, _record(course))
    assert f">Mine {ESCAPED}</p>" in live and f">Ending {ESCAPED}</span>" in live
    assert "<script" not in transfer_html(course)

    store = ProgressStore(tmp_path / "progress.json")
    store.notices.append({"path": "/home/" + HOSTILE, "reason": HOSTILE, "aside": "aside.json"})
    assert_escaped(notices_html(course, store), times=2)
    page = ProgressPageWidget(course, store, folder=tmp_path)
    assert not page.load_bytes(json.dumps({"format": HOSTILE}).encode())
    assert "<b>" in page.status.value and "<script" not in page.status.value


def test_portfolio_escapes_content_and_the_learners_text(course):
    from welcome_course.progress.portfolio import portfolio_html

    page = portfolio_html(course, _record(course))
    assert_escaped(page, times=7)  # <title>, <h1>, learner, chapter, ending, prompt, reflection
    assert f"<p>Learner {ESCAPED}</p>" in page and f'<p class="text">Mine {ESCAPED}</p>' in page
    assert page.startswith('<!doctype html><html lang="en"><head><meta charset="utf-8">')
    assert f"Scenario ending: {html.escape(WORD, quote=True)}." in portfolio_html(course, new_record())


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_cohort_report_escapes_names_file_names_and_content(course, tmp_path):
    from welcome_course.progress.cohort import CohortReport

    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "one.json").write_text(json.dumps(_record(course)), encoding="utf-8")
    (folder / "two.json").write_text(json.dumps(_record(course, learner="Two")), encoding="utf-8")
    (folder / "<img src=x onerror=alert(1)> & 'x'.json").write_text("{", encoding="utf-8")
    report = CohortReport.from_folder(folder, course)
    files = report.files_html()
    assert "<code>&lt;img src=x onerror=alert(1)&gt; &amp; &#x27;x&#x27;.json</code>" in files
    completion = report.completion_html()
    assert f"<th>Learner {ESCAPED}</th>" in completion
    questions = report.questions_html()
    assert f"<td>Title {ESCAPED}</td>" in questions
    assert f"<td>Option {ESCAPED}</td>" in report.wrong_options_html()
    assert f"<td>Ending {ESCAPED}</td>" in report.endings_html()
    page = report.document()
    assert_escaped(page, times=8)
    assert "<img" not in page and "img" not in Tags(page).tags

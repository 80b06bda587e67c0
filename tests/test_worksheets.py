"""`worksheets`: a printable worksheet and a separate answer key per chapter, as HTML (print
styles) and PDF; every text escaped; progress shown; clear messages on bad input."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from test_hostile_text import HOSTILE, SCRIPT, hostile_chapter

from support import ROOT, Site, make_course, run_main, set_interface_word, valid_chapter
from welcome_course.checks.standards import MIN_DECISION_POINTS
from welcome_course.content.course import load_course
from welcome_course.export.worksheets import Progress, answer_key_html, story_order, worksheet_html


class Page(HTMLParser):
    """Elements by class, every id, every tag, every attribute, and the text."""

    def __init__(self, markup: str):
        super().__init__()
        self.classes: dict[str, int] = {}
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.append((name, value or ""))
            if name == "class":
                for cls in (value or "").split():
                    self.classes[cls] = self.classes.get(cls, 0) + 1
            if name == "id":
                self.ids.add(value)

    def handle_data(self, data):
        self.text.append(data)

    @property
    def plain(self) -> str:
        return "".join(self.text)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "welcome_course", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.slow  # over a second: make test runs it, make test-fast does not
def test_every_chapter_has_a_complete_worksheet_and_answer_key():
    course = load_course(ROOT)
    for chapter in course.chapters.values():
        sheet = Page(worksheet_html(course, chapter))
        key = Page(answer_key_html(course, chapter))
        scenario = chapter.scenario
        assert sheet.classes["ws-question"] == len(chapter.questions)
        assert sheet.classes["ws-node"] == len(scenario.nodes)
        assert sheet.classes["ws-decision"] == len(scenario.decision_points) >= MIN_DECISION_POINTS
        assert sheet.classes["ws-outcome"] == sum(len(n.choices) for n in scenario.nodes.values())
        assert sheet.classes["ws-reflection"] == len(chapter.reflections)
        assert sheet.classes.get("ws-lines", 0) >= len(chapter.reflections) + len(scenario.decision_points)
        # every "go on to section N" leads to a section of the story
        targets = {int(n) for n in re.findall(r"Go on to section (\d+)\.", sheet.plain)}
        assert targets and all(f"section-{n}" in sheet.ids for n in targets)
        assert {f"section-{n}" for n in range(1, len(scenario.nodes) + 1)} <= sheet.ids
        # the worksheet gives no answers away; the key has them all, with every feedback
        assert "ws-right" not in sheet.classes
        assert key.classes["ws-right"] == sum(o.correct for q in chapter.questions for o in q.options)
        for question in chapter.questions:
            assert words(question.prompt) in words(sheet.plain) and words(question.prompt) in words(key.plain)
            for option in question.options:
                assert words(option.feedback) in words(key.plain)
                assert words(option.feedback) not in words(sheet.plain)
        for ending in scenario.endings:
            assert words(ending.debrief) in words(key.plain)


def test_the_worksheets_words_come_from_the_interface_file(tmp_path):
    root = make_course(tmp_path, {"step-99": valid_chapter()})
    set_interface_word(root, "worksheet_section", "Abschnitt {number}")
    set_interface_word(root, "worksheet_how_to_play", "So spielen Sie auf Papier.")
    set_interface_word(root, "worksheet_answer_key", "Lösungsschlüssel")
    course = load_course(root)
    chapter = course.chapter("step-99")
    sheet = Page(worksheet_html(course, chapter)).plain
    assert "Abschnitt 1" in sheet and "So spielen Sie auf Papier." in sheet
    assert "Section 1" not in sheet and "How to play on paper" not in sheet
    key = Page(answer_key_html(course, chapter)).plain
    assert "Lösungsschlüssel" in key and "Answer key" not in key


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_story_order_puts_the_start_first_and_the_endings_last():
    course = load_course(ROOT)
    scenario = course.chapter("step-01").scenario
    order = story_order(scenario)
    assert order[0].id == scenario.start
    assert [n.is_ending for n in order] == sorted(n.is_ending for n in order)
    assert len(order) == len(scenario.nodes)


@pytest.mark.browser
def test_one_chapter_as_pdf_with_progress(tmp_path):
    from pypdf import PdfReader  # imported here, not at the top: `make test-fast` collects this file too

    done = run_cli("worksheets", "step-01", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if line.startswith("[")] == [
        "[1/4] step-01: step-01-worksheet.html",
        "[2/4] step-01: step-01-worksheet.pdf",
        "[3/4] step-01: step-01-answer-key.html",
        "[4/4] step-01: step-01-answer-key.pdf",
    ]
    course = load_course(ROOT)
    chapter = course.chapter("step-01")
    sheet = PdfReader(tmp_path / "step-01-worksheet.pdf")
    key = PdfReader(tmp_path / "step-01-answer-key.pdf")
    assert len(sheet.pages) >= 3 and len(key.pages) >= 2
    box = sheet.pages[0].mediabox  # A4: 595 x 842 points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    sheet_text = words(" ".join(p.extract_text() for p in sheet.pages))
    key_text = words(" ".join(p.extract_text() for p in key.pages))
    assert "Get information on the problem" in sheet_text and "WORKSHEET" in sheet_text
    assert "ANSWER KEY" in key_text
    first_words = " ".join(chapter.questions[0].prompt.split()[:8])
    assert first_words in sheet_text and first_words in key_text
    assert "Go on to section" in sheet_text and "Why:" in sheet_text
    feedback = " ".join(chapter.questions[0].options[1].feedback.split()[:6])
    assert feedback in key_text and feedback not in sheet_text


@pytest.mark.browser
def test_hostile_text_is_shown_as_text_and_runs_nothing(tmp_path, open_page):
    course = load_course(make_course(tmp_path / "course", {"step-99": hostile_chapter()}))
    chapter = course.chapter("step-99")
    folder = tmp_path / "sheets"
    folder.mkdir()
    for name, markup in (("worksheet", worksheet_html(course, chapter)), ("key", answer_key_html(course, chapter))):
        page = Page(markup)
        assert page.tags <= {
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "header",
            "footer",
            "section",
            "article",
            "h1",
            "h2",
            "h3",
            "h4",
            "p",
            "ul",
            "ol",
            "li",
            "span",
            "div",
            "strong",
            "br",
            "dl",
            "dt",
            "dd",
            "table",
            "tbody",
            "tr",
            "th",
            "td",
        }
        assert not [a for a in page.attributes if a[0].startswith("on") or "javascript:" in a[1]]
        assert HOSTILE in page.plain and SCRIPT in page.plain
        (folder / f"{name}.html").write_text(markup, encoding="utf-8")
    site = Site(folder)
    try:
        for name in ("worksheet", "key"):
            browser_page = open_page(f"{site.url}{name}.html")
            assert browser_page.evaluate("window.__pwned") is None
            assert browser_page.locator("script, img, a").count() == 0
            assert HOSTILE in browser_page.locator("body").inner_text()
    finally:
        site.close()


def test_progress_shows_a_bar_on_a_terminal_and_lines_elsewhere():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    lines = io.StringIO()
    progress = Progress(2, lines)
    progress.step("one")
    progress.step("two")
    assert lines.getvalue() == "[1/2] one\n[2/2] two\n"
    screen = Terminal()
    bar = Progress(4, screen, width=8)
    for label in "abcd":
        bar.step(label)
    assert "\r[##------] 1/4 a" in screen.getvalue() and "\r[########] 4/4 d" in screen.getvalue()
    assert screen.getvalue().endswith("\n")


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--out", "{blocker}/sheets", "--no-pdf"],
            "Cannot write the worksheets folder {blocker}/sheets: {blocker} is a file, not a folder",
        ),
        (["--chromium", "/no/such/chromium"], "Cannot make the worksheets: no browser at /no/such/chromium"),
        (["step-42", "--no-pdf"], "Cannot make the worksheets: no chapter 'step-42'; chapters are: "),
    ],
)
def test_bad_input_gets_a_clear_message(tmp_path, monkeypatch, capsys, args, message):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    args = [a.replace("{blocker}", str(blocker)) for a in args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "out")]
    code, _, err = run_main(monkeypatch, capsys, ROOT, "worksheets", *args)
    assert code == 1
    assert message.replace("{blocker}", str(blocker)) in err
    assert not (tmp_path / "out").exists()


def test_a_broken_content_file_stops_the_worksheets(tmp_path, monkeypatch, capsys):
    root = make_course(tmp_path / "course", {"step-99": "id: step-99\nquiz: [oops\n"})
    code, _, err = run_main(monkeypatch, capsys, root, "worksheets", "--no-pdf", "--out", tmp_path / "out")
    assert code == 1
    assert "data/chapters/step-99.yml, line" in err and "is not valid YAML" in err
    assert not (tmp_path / "out").exists()


def test_html_only_needs_no_browser(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium to be found
    code, out, _ = run_main(
        monkeypatch, capsys, ROOT, "worksheets", "step-02", "step-03", "--no-pdf", "--out", tmp_path / "out"
    )
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "step-02-answer-key.html",
        "step-02-worksheet.html",
        "step-03-answer-key.html",
        "step-03-worksheet.html",
    ]
    assert "[4/4] step-03: step-03-answer-key.html" in out

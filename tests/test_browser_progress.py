"""Progress in the hosted book, in Chromium: kept across reloads, shown on "My progress",
exported and imported on another browser with nothing lost, and safe without storage."""

from __future__ import annotations

import html
import json
import shutil

import pytest
from playwright.sync_api import expect

from support import ROOT, Site, first_path
from welcome_course.content.course import load_course
from welcome_course.progress.page import progress_html, transfer_html
from welcome_course.progress.record import RULES as PROGRESS_RULES
from welcome_course.progress.record import apply_event, checked, new_record
from welcome_course.progress.summary import summarise

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book

BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The user denied storage", "SecurityError"); }
});
"""


CHAPTER = load_course(ROOT).chapter("step-01")


def _true_false(chapter):
    """The chapter's first true/false question, and the label of its right answer."""
    question = next(q for q in chapter.questions if q.kind == "true_false")
    right = next(o for o in question.options if o.correct)
    return question, load_course(ROOT).interface[right.id]


def _work_through_chapter_one(page):
    """One wrong answer then the right one to the first question, the scenario played by always
    taking the first choice, and one reflection written. Returns the ending reached."""
    question = CHAPTER.questions[0]
    assert question.kind == "single_choice", (
        "this walk-through picks one option: the first question must be single choice"
    )
    wrong = next(o for o in question.options if not o.correct)
    right = next(o for o in question.options if o.correct)
    quiz = page.locator(f"#wc-step-01-q-{question.id}")
    quiz.get_by_label(wrong.text, exact=True).check()
    quiz.get_by_role("button", name="Check my answer").click()
    quiz.get_by_label(right.text, exact=True).check()
    quiz.get_by_role("button", name="Check my answer").click()
    story = page.locator("#wc-step-01-scenario")
    taken, ending = first_path(CHAPTER.scenario)
    for _node, choice in taken:
        story.get_by_role("button", name=choice.label, exact=True).click()
    page.locator(f"#wc-step-01-r-{CHAPTER.reflections[0].id}").fill("I will learn to pronounce every name.")
    return ending


def _download(page, button_name):
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    return info.value.path().read_text(encoding="utf-8")


def _row(page, chapter):
    return page.locator(f'tr[data-chapter="{chapter}"]')


def _quiz_cell(right: int) -> str:
    """What the quiz column shows for chapter 1 with `right` questions right."""
    return f"{right} of {len(load_course(ROOT).chapter('step-01').questions)} right"


def test_progress_page_shows_what_was_done_and_matches_python(open_page, book_site):
    page = open_page(book_site.url + "book/step-01.html")
    ending = _work_through_chapter_one(page)
    page.goto(book_site.url + "book/my-progress.html")
    row = _row(page, "step-01")
    reflections = len(CHAPTER.reflections)
    assert row.locator(".wc-quiz-cell").inner_text() == _quiz_cell(1)
    assert row.locator(".wc-ending-cell").inner_text().strip() == ending.title
    assert row.locator(".wc-reflection-cell").inner_text() == f"1 of {reflections} written"
    assert "I will learn to pronounce every name." in page.locator(".wc-journal").inner_text()

    record = checked(json.loads(_download(page, "Download my progress file")))
    course = load_course(ROOT)
    for summary in summarise(course, record):
        shown = _row(page, summary.chapter.id).locator(".wc-percent").inner_text()
        assert shown == f"{summary.percent} %", summary.chapter.id
    assert [a["correct"] for a in record["answers"][f"step-01/{CHAPTER.questions[0].id}"]] == [False, True]
    assert list(record["endings"]) == [f"step-01/{ending.id}"]

    page.reload()
    assert _row(page, "step-01").locator(".wc-quiz-cell").inner_text() == _quiz_cell(1)


def test_export_then_import_on_another_browser_gives_the_same_record(open_page, book_site, tmp_path):
    from playwright.sync_api import expect  # imported here, not at the top: `make test-fast` collects this file too

    page = open_page(book_site.url + "book/step-01.html")
    _work_through_chapter_one(page)
    page.goto(book_site.url + "book/my-progress.html")
    exported = _download(page, "Download my progress file")
    file = tmp_path / "my-progress.json"
    file.write_text(exported, encoding="utf-8")

    other = open_page(book_site.url + "book/my-progress.html", another_profile=True)
    assert _row(other, "step-01").locator(".wc-quiz-cell").inner_text() == _quiz_cell(0)
    other.locator(".wc-import-file").set_input_files(str(file))
    expect(other.locator(".wc-import-status")).to_contain_text("was loaded")
    assert _row(other, "step-01").locator(".wc-quiz-cell").inner_text() == _quiz_cell(1)
    again = json.loads(_download(other, "Download my progress file"))
    first = json.loads(exported)
    for section in ("answers", "endings", "reflections"):
        assert again[section] == first[section]


def test_importing_a_bad_file_says_why_and_changes_nothing(open_page, book_site, tmp_path):
    from playwright.sync_api import expect  # imported here, not at the top: `make test-fast` collects this file too

    page = open_page(book_site.url + "book/my-progress.html")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "welcome-course-progress", "version": 2, "answers": {"x": []}}')
    page.locator(".wc-import-file").set_input_files(str(bad))
    expect(page.locator(".wc-import-status")).to_have_text(
        "This file could not be loaded: the file answers['x']: expected a key like 'step-01/first-contact'"
    )
    assert page.evaluate("localStorage.getItem('welcome-course:progress')") is None


def test_portfolio_is_a_printable_page_with_the_reflections(open_page, book_site):
    page = open_page(book_site.url + "book/step-01.html")
    page.locator(f"#wc-step-01-r-{CHAPTER.reflections[0].id}").fill("<b>not bold</b> but my own words")
    page.goto(book_site.url + "book/my-progress.html")
    portfolio = _download(page, "Download my portfolio (a page to print or keep)")
    assert portfolio.startswith("<!doctype html>")
    assert "My portfolio: Welcoming immigrant students" in portfolio
    assert "&lt;b&gt;not bold&lt;/b&gt; but my own words" in portfolio
    assert "<script" not in portfolio


def test_without_storage_the_pages_still_work_and_say_so(open_page, book_site):
    page = open_page(book_site.url + "book/step-01.html", init_script=BLOCK_STORAGE)
    assert page.locator(".wc-overview .wc-storage-notice").is_visible()
    true_false, right = _true_false(CHAPTER)
    question = page.locator(f"#wc-step-01-q-{true_false.id}")
    question.get_by_label(right).check()
    question.get_by_role("button", name="Check my answer").click()
    assert "Correct!" in question.locator(".wc-verdict").inner_text()
    page.goto(book_site.url + "book/my-progress.html")
    assert page.locator(".wc-progress .wc-storage-notice").is_visible()
    # The theme's own script (pydata-sphinx-theme, for the light/dark setting) reads storage
    # without guarding against this, then logs that it resets the mode: those two named
    # upstream errors are the only ones allowed.
    for tab in open_page.tabs:
        upstream = [
            e
            for e in tab.errors
            if "welcome-course" not in e
            and (
                e.startswith("The user denied storage") or e == "Got invalid theme mode: undefined. Resetting to auto."
            )
        ]
        assert upstream, "expected the theme's storage error"
        tab.errors = [e for e in tab.errors if e not in upstream]


def test_an_unreadable_stored_record_is_kept_aside_not_overwritten(open_page, book_site):
    page = open_page(book_site.url + "book/intro.html")
    page.evaluate("localStorage.setItem('welcome-course:progress', '{broken')")
    page.goto(book_site.url + "book/step-01.html")
    true_false, right = _true_false(CHAPTER)
    question = page.locator(f"#wc-step-01-q-{true_false.id}")
    question.get_by_label(right).check()
    question.get_by_role("button", name="Check my answer").click()
    kept = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('welcome-course:progress:unreadable:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert kept == ["{broken"]
    record = json.loads(page.evaluate("localStorage.getItem('welcome-course:progress')"))
    assert list(record["answers"]) == [f"step-01/{true_false.id}"]


def test_reflections_saved_by_the_first_release_are_carried_over(open_page, book_site):
    reflection = CHAPTER.reflections[0].id
    page = open_page(book_site.url + "book/intro.html")
    page.evaluate(f"localStorage.setItem('welcome-course:reflection:step-01:{reflection}', 'Written last year')")
    page.goto(book_site.url + "book/step-01.html")
    assert page.locator(f"#wc-step-01-r-{reflection}").input_value() == "Written last year"
    assert page.evaluate(f"localStorage.getItem('welcome-course:reflection:step-01:{reflection}')") is None


def test_the_downloaded_portfolio_says_it_is_utf8_so_accents_survive_any_server(open_page, tmp_path):
    """Issue 12: a portfolio served without a charset (as by a plain web server or a file share)
    showed its accented text as mojibake. The My progress page here is the one the book shows
    (progress.html and transfer.html with the page script), so the book need not be built."""
    course = load_course(ROOT)
    words = "Élodie a trouvé ça très utile — même l'œuvre de Gödel"
    record = new_record()
    apply_event(record, {"type": "reflection", "chapter": "step-01", "reflection": "one-habit", "text": words})
    site_folder = tmp_path / "site"
    site_folder.mkdir()
    shutil.copy(ROOT / "welcome_course" / "static" / "welcome-course-progress.js", site_folder)
    (site_folder / "my-progress.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My progress</title></head><body>'
        f"{progress_html(course)}{transfer_html(course)}"
        f'<script src="welcome-course-progress.js" data-rules="{html.escape(json.dumps(PROGRESS_RULES))}"></script>'
        "</body></html>",
        encoding="utf-8",
    )
    site = Site(site_folder)
    try:
        seed = f"localStorage.setItem('welcome-course:progress', {json.dumps(json.dumps(record))});"
        page = open_page(site.url + "my-progress.html", init_script=seed)
        expect(page.locator(".wc-journal")).to_contain_text(words)
        portfolio = _download(page, "Download my portfolio (a page to print or keep)")
        (site_folder / "my-portfolio.html").write_text(portfolio, encoding="utf-8")
        assert '<meta charset="utf-8">' in portfolio
        page.goto(site.url + "my-portfolio.html")  # served as text/html with no charset
        assert words in page.locator("body").inner_text()
    finally:
        site.close()

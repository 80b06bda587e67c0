"""In a real headless Chromium: the cohort report on a 390 px phone (the standalone page and the
book's page), and a chapter printed from the browser (its PDF read back with pypdf)."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from support import ROOT, Site
from welcome_course.content.course import load_course
from welcome_course.content.interface import ui_text
from welcome_course.progress.cohort import CohortReport

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book and a report page

PHONE = {"width": 390, "height": 844}
COURSE = load_course(ROOT)
# the sample cohort's report: its tables, each in a box of its own (completion, questions, wrong
# options, endings, self-assessment), and its two charts
SAMPLE_REPORT = CohortReport.from_folder(ROOT / "data" / "sample-cohort", COURSE).document()


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def _fits(page) -> dict:
    """What a reader on the phone sees: the page's width, each table box's own width and scrolling
    width, and the right edge of each chart."""
    return page.evaluate("""() => ({
        page: document.documentElement.scrollWidth,
        boxes: [...document.querySelectorAll('.wc-table-scroll')].map(b => [b.clientWidth, b.scrollWidth]),
        charts: [...document.querySelectorAll('.wc-plot svg')].map(s => s.getBoundingClientRect().right),
        chartText: [...document.querySelectorAll('.wc-plot svg text')].map(t => t.getBoundingClientRect().height),
    })""")


def _assert_fits(seen):
    assert seen["page"] <= PHONE["width"], f"the page is {seen['page']} px wide on a {PHONE['width']} px screen"
    assert len(seen["boxes"]) == SAMPLE_REPORT.count('class="wc-table-scroll"') == 5 and len(seen["charts"]) == 2
    assert all(width <= PHONE["width"] for width, _ in seen["boxes"])
    assert any(scrolled > width for width, scrolled in seen["boxes"])  # the wide table scrolls in its box
    assert all(right <= PHONE["width"] for right in seen["charts"])
    assert min(seen["chartText"]) >= 9  # the charts' text, scaled down, is still readable (px)


def test_the_standalone_report_fits_a_phone(phone, tmp_path):
    (tmp_path / "report.html").write_text(SAMPLE_REPORT, encoding="utf-8")
    site = Site(tmp_path)
    try:
        phone.goto(site.url + "report.html")
        _assert_fits(_fits(phone))
    finally:
        site.close()


def test_the_books_cohort_report_fits_a_phone(phone, book_site):
    phone.goto(book_site.url + "book/cohort-report.html")
    phone.wait_for_selector(".wc-table-scroll")
    _assert_fits(_fits(phone))


def _text(pdf: bytes) -> str:
    """The PDF's text on one line: ligatures (ﬁ) as letters, every run of spaces and breaks as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_a_printed_chapter_is_a_clean_worksheet(open_page, book_site):
    chapter = COURSE.chapter("step-01")
    page = open_page(book_site.url + "book/step-01.html")
    page.wait_for_selector(".wc-quiz")
    line = ui_text(COURSE, "print_worksheets")
    worksheets = page.locator(".wc-print-only")
    assert worksheets.count() == 1 and not worksheets.is_visible()  # on screen, the line is not shown
    # a reader answered a question and walked the story on screen before printing
    first = chapter.questions[0]
    page.locator(f"#wc-step-01-q-{first.id} input").first.check()
    page.locator(f"#wc-step-01-q-{first.id} .wc-check").click()
    page.locator("#wc-step-01-scenario .wc-choice:visible").first.click()

    printed = _text(page.pdf(format="A4"))
    for screen_only in (
        ui_text(COURSE, "check"),
        ui_text(COURSE, "try_again"),
        "Score:",
        ui_text(COURSE, "correct"),
        ui_text(COURSE, "not_quite"),
        ui_text(COURSE, "start_again"),
    ):
        assert screen_only not in printed
    for option in first.options:  # the worksheet holds every option, but no feedback
        assert " ".join(option.text.split()) in printed
        assert " ".join(option.feedback.split())[:60] not in printed
    assert " ".join(first.prompt.split()) in printed
    assert line in printed

    scenario = chapter.scenario
    start = scenario.nodes[scenario.start]
    assert " ".join(scenario.setting.split())[:120] in printed
    assert " ".join(start.text.split()) in printed
    for choice in start.choices:
        assert " ".join(choice.label.split()) in printed
        assert " ".join(choice.consequence.split())[:60] not in printed
    for node in scenario.nodes.values():  # later decisions and endings are left to the worksheets
        if node.id != scenario.start:
            assert " ".join(node.text.split())[:60] not in printed
    # no navigation: the book's other chapters (listed in the sidebar) and the page's contents list
    for other in ("step-02", "step-10"):
        assert COURSE.chapter(other).title not in printed
    assert "Contents" not in printed

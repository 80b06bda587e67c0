"""The end of the course in Chromium, against the built book: the self-assessment before (intro) and
after (the closing page) kept across reloads and shown side by side on My progress; the certificate's
list of what is still missing; the whole course completed by driving its pages (answers and paths
taken from the content files), then the certificate: its code the same as Python's, printed to a
one-page PDF on A4 and Letter, accepted by `verify` with the exported file, and refused once one
answer in the file is changed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from collections import deque

import pypdf
import pytest
from playwright.sync_api import expect

from support import ROOT
from welcome_course.content.course import load_course
from welcome_course.progress import action_plan, certificate, self_assessment
from welcome_course.progress.record import checked
from welcome_course.progress.summary import ordered_chapters

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book

COURSE = load_course(ROOT)
CHAPTERS = ordered_chapters(COURSE)
STATEMENTS = self_assessment.load_statements(COURSE)
NAME = "Ana Łukasiewicz-Silva"
# window.print() would open the browser's print dialog: here it only notes that it was called,
# and the test prints the page with page.pdf(), which applies the same print style sheet
NO_PRINT_DIALOG = "window.printCalls = 0; window.print = function () { window.printCalls += 1; };"


def _label(chapter) -> str:
    return f"{chapter.guideline_step}. {chapter.title}" if chapter.guideline_step else chapter.title


def _shortest_path(scenario) -> list[str]:
    """The labels of the choices along a shortest path from the start to an ending."""
    paths = {scenario.start: []}
    queue = deque([scenario.start])
    while queue:
        node = scenario.nodes[queue.popleft()]
        if node.is_ending:
            return paths[node.id]
        for choice in node.choices:
            if choice.next not in paths:
                paths[choice.next] = paths[node.id] + [choice.label]
                queue.append(choice.next)
    raise AssertionError(f"{scenario.title}: no ending can be reached")


def _answer_every_question_right(page, chapter) -> None:
    for question in chapter.questions:
        box = page.locator(f"#wc-{chapter.id}-q-{question.id}")
        for option in question.options:
            if option.correct:
                label = COURSE.interface[option.id] if question.kind == "true_false" else option.text
                box.get_by_label(label, exact=True).check()
        box.get_by_role("button", name=COURSE.interface["check"]).click()
        expect(box.locator(".wc-verdict")).to_have_text(COURSE.interface["correct"])


def _play_to_an_ending(page, chapter) -> None:
    story = page.locator(f"#wc-{chapter.id}-scenario")
    for label in _shortest_path(chapter.scenario):
        story.get_by_role("button", name=label, exact=True).click()
    expect(story.locator(".wc-debrief:visible")).to_have_count(1)


def _missing(page) -> dict[str, str]:
    """The certificate's list of what is still to do, as shown: chapter label -> what it misses."""
    items = page.locator(".wc-cert-missing li:visible")
    return dict(item.inner_text().split(": ", 1) for item in items.all())


def _download(page, button_name: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    return info.value.path().read_text(encoding="utf-8")


def _printed(page, paper: str) -> pypdf.PdfReader:
    page.get_by_role("button", name=COURSE.interface["certificate_print"]).click()
    return pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))


def _words(text: str) -> str:
    """Text on one line, with the ligatures a PDF keeps ('ﬀ' in 'diﬀerent') as letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _verify(root, file, code) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "welcome_course", "verify", str(file), code], cwd=root, capture_output=True, text=True
    )


def test_self_assessment_before_and_after_survives_a_reload(open_page, book_site):
    ratings = {s.id: (1 + n % 3, 2 + n % 4) for n, s in enumerate(STATEMENTS)}  # before, after
    page = open_page(book_site.url + "book/intro.html")
    form = page.locator('.wc-self-assessment[data-moment="before"]')
    for statement in STATEMENTS:
        form.locator(f'[data-statement="{statement.id}"]').get_by_label(
            COURSE.interface[f"self_rating_{ratings[statement.id][0]}"], exact=True
        ).check()
    page.reload()
    for statement in STATEMENTS:
        checked_ = form.locator(f'[data-statement="{statement.id}"] input:checked')
        expect(checked_).to_have_value(str(ratings[statement.id][0]))

    page.goto(book_site.url + "book/action-plan.html")
    after = page.locator('.wc-self-assessment[data-moment="after"]')
    for statement in STATEMENTS:
        before, later = ratings[statement.id]
        fieldset = after.locator(f'[data-statement="{statement.id}"]')
        expect(fieldset.locator(".wc-rated-before")).to_have_text(
            f"At the start of the course you chose {COURSE.interface[f'self_rating_{before}']}."
        )
        fieldset.get_by_label(COURSE.interface[f"self_rating_{later}"], exact=True).check()
    plan = action_plan.load_plan(COURSE)
    first_action = plan.sections[1].fields[0]
    page.get_by_label(first_action.label, exact=True).fill("Meet the <b>mediator</b> on Monday")
    page.reload()
    for statement in STATEMENTS:
        expect(after.locator(f'[data-statement="{statement.id}"] input:checked')).to_have_value(
            str(ratings[statement.id][1])
        )
    expect(page.get_by_label(first_action.label, exact=True)).to_have_value("Meet the <b>mediator</b> on Monday")

    page.goto(book_site.url + "book/my-progress.html")
    for statement in STATEMENTS:
        before, later = ratings[statement.id]
        row = page.locator(f'.wc-self-table tr[data-statement="{statement.id}"]')
        change = "0" if later == before else f"{later - before:+d}"
        expect(row.locator("td")).to_have_text([str(before), str(later), change])
    plan_view = page.locator(".wc-plan-view")
    expect(plan_view.locator(".wc-plan-empty")).to_be_hidden()
    expect(plan_view.locator(".wc-journal-entry:visible")).to_have_count(1)
    expect(plan_view.locator(".wc-journal-entry:visible")).to_contain_text("Meet the <b>mediator</b> on Monday")
    portfolio = _download(page, COURSE.interface["export_portfolio"])
    first = STATEMENTS[0]
    assert f'<tr data-statement="{first.id}">' in portfolio
    assert "Meet the &lt;b&gt;mediator&lt;/b&gt; on Monday" in portfolio


def test_completing_the_course_gives_a_one_page_certificate_that_verify_accepts(
    open_page, book_site, built_book, tmp_path
):
    page = open_page(book_site.url + "book/my-progress.html", init_script=NO_PRINT_DIALOG)
    expect(page.locator(".wc-cert-ready")).to_be_hidden()
    quiz_and_ending = {
        _label(c): f"quiz: {len(c.questions)} of {len(c.questions)} questions not yet answered right; "
        "case scenario: no ending reached yet"
        for c in CHAPTERS
    }
    assert _missing(page) == quiz_and_ending

    *first_chapters, last = CHAPTERS
    for chapter in first_chapters:
        page.goto(book_site.url + f"book/{chapter.id}.html")
        _answer_every_question_right(page, chapter)
        _play_to_an_ending(page, chapter)
    page.goto(book_site.url + f"book/{last.id}.html")
    _answer_every_question_right(page, last)
    page.goto(book_site.url + "book/my-progress.html")
    assert _missing(page) == {_label(last): "case scenario: no ending reached yet"}
    expect(page.locator(".wc-cert-ready")).to_be_hidden()

    page.goto(book_site.url + f"book/{last.id}.html")
    _play_to_an_ending(page, last)
    page.goto(book_site.url + "book/my-progress.html")
    expect(page.locator(".wc-cert-missing")).to_be_hidden()
    ready = page.locator(".wc-cert-ready")
    expect(ready).to_be_visible()
    print_button = page.get_by_role("button", name=COURSE.interface["certificate_print"])
    expect(print_button).to_be_disabled()  # a name first
    page.get_by_label(COURSE.interface["certificate_name_label"]).fill(NAME)
    expect(print_button).to_be_enabled()
    shown = page.locator(".wc-certificate")
    expect(shown.locator(".wc-cert-name")).to_have_text(NAME)

    record = checked(json.loads(_download(page, COURSE.interface["export_data"])))
    assert record["learner"] == NAME
    found = certificate.status(record, certificate.course_facts(COURSE))  # Python, on what the page recorded
    assert found["complete"]
    code = certificate.shown_code(found["code"])
    expect(shown.locator(".wc-cert-code")).to_have_text(f"Verification code: {code}")
    expect(shown.locator(".wc-cert-date")).to_have_text(f"Completed on {found['date']}")
    rows = shown.locator("tbody tr")
    expect(rows).to_have_count(len(CHAPTERS))
    for row, chapter in zip(rows.all(), CHAPTERS, strict=True):
        expect(row.locator("td")).to_have_text(
            [_label(chapter), f"{certificate.hours(chapter.minutes)} h ({chapter.minutes} min)"]
        )

    for paper in ("A4", "Letter"):
        pdf = _printed(page, paper)
        assert len(pdf.pages) == 1, f"{paper}: {len(pdf.pages)} pages"
        text = _words(pdf.pages[0].extract_text())
        assert NAME in text and code in text and "not proof against forgery" in text
        for chapter in CHAPTERS:
            assert _words(_label(chapter)) in text, chapter.title
        assert "Check my answer" not in text and COURSE.interface["certificate_print"] not in text
    assert page.evaluate("window.printCalls") == 2

    standalone = _download(page, COURSE.interface["certificate_download"])
    assert standalone.startswith("<!doctype html>") and '<meta charset="utf-8">' in standalone
    assert "<script" not in standalone
    other = open_page("about:blank")
    other.set_content(standalone)
    pdf = pypdf.PdfReader(io.BytesIO(other.pdf(format="A4")))
    assert len(pdf.pages) == 1 and NAME in _words(pdf.pages[0].extract_text())

    course_root = built_book.parents[1]  # the built copy of the course, where verify reads the content
    exported = tmp_path / "my-progress.json"
    exported.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    done = _verify(course_root, exported, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"The code {code} matches this file: {NAME} completed the course")

    chapter = CHAPTERS[3]
    question = chapter.questions[0]
    wrong = next(o.id for o in question.options if not o.correct)
    record["answers"][f"{chapter.id}/{question.id}"][-1]["chosen"] = [wrong]
    changed = tmp_path / "one-answer-changed.json"
    changed.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    done = _verify(course_root, changed, code)
    assert done.returncode == 1
    assert done.stderr.startswith("The file does not show a completed course")
    assert f"{_label(chapter)}: quiz: 1 of {len(chapter.questions)} questions not yet answered right" in done.stderr

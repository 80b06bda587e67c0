"""Every output in the language asked for, with `lang` set: worksheets and answer keys, the question
banks, the cohort report and the portfolio (`--language`, or WELCOME_COURSE_LANGUAGE); a
translation's files go into a folder of their own, so that they never overwrite the English ones."""

from __future__ import annotations

import html
import re

import pytest

from support import ROOT, run_main
from welcome_course.content.course import load_course
from welcome_course.content.translation import LANGUAGE_ENV
from welcome_course.i18n.languages import configured_languages
from welcome_course.progress.portfolio import portfolio_html
from welcome_course.progress.record import new_record

pytestmark = pytest.mark.slow  # reads the course in a language and writes files
TRANSLATIONS = configured_languages(ROOT)[1:]


def lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch):
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_worksheets_in_a_language_have_its_words_and_lang_in_a_folder_of_their_own(
    tmp_path, language, monkeypatch, capsys
):
    out = tmp_path / "sheets"
    code, _, err = run_main(
        monkeypatch, capsys, ROOT, "worksheets", "step-02", "--no-pdf", "--language", language, "--out", out
    )
    assert code == 0, err
    course = load_course(ROOT, language)
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 2  # the worksheet and its answer key
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert lang(text) == language
        assert html.escape(course.chapter("step-02").title) in text
        assert html.escape(load_course(ROOT, "en").chapter("step-02").title) not in text


def test_a_translations_default_folder_is_its_own(monkeypatch):
    from welcome_course.cli import _language_folder

    monkeypatch.setenv(LANGUAGE_ENV, "fr")
    assert _language_folder(ROOT / "_build" / "export") == ROOT / "_build" / "export" / "fr"
    monkeypatch.delenv(LANGUAGE_ENV)
    assert _language_folder(ROOT / "_build" / "export") == ROOT / "_build" / "export"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_cohort_report_is_written_in_the_language(tmp_path, language, monkeypatch, capsys):
    report = tmp_path / "report.html"
    code, _, err = run_main(
        monkeypatch, capsys, ROOT, "cohort", ROOT / "data/sample-cohort", "--language", language, "--output", report
    )
    assert code == 0, err
    text = report.read_text(encoding="utf-8")
    course = load_course(ROOT, language)
    assert lang(text) == language
    assert html.escape(course.interface["cohort_title"].format(course=course.title)) in text


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_portfolio_is_in_the_language(language):
    course = load_course(ROOT, language)
    record = new_record("Ana")
    text = portfolio_html(course, record)
    assert lang(text) == language
    assert html.escape(course.interface["portfolio_title"].format(course=course.title)) in text


def test_an_unknown_language_is_refused_with_a_clear_message(tmp_path, monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, ROOT, "export", "--language", "xx", "--out", tmp_path)
    assert code == 2
    assert "xx" in err and "Traceback" not in err

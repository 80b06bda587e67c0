"""Every share the course states in its text is a published figure: the right value for the group,
country and year the sentence names, and cited. The check covers every page in book/ (the
introduction's Eurostat figures included) and every chapter file."""

from __future__ import annotations

import pytest

from support import ROOT
from welcome_course.checks.quotes import markdown_quotes, match_quote, quote_matches, quote_problems
from welcome_course.figures.data import Figure, load_figures

EUROSTAT = "https://ec.europa.eu/eurostat/statistics-explained/index.php?oldid=644590&title=Migrant_integration_statistics_-_education"


@pytest.fixture(scope="module")
def figures():
    return load_figures(ROOT)


@pytest.fixture(scope="module")
def matches(figures):
    return quote_matches(ROOT, figures)


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_every_share_stated_in_the_course_is_a_published_figure(figures):
    assert quote_problems(ROOT, figures) == []


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_introductions_figures_are_checked(matches):
    intro = [(m.quote.text, m.row.key) for m in matches if m.quote.file == "book/intro.md"]
    assert intro == [
        ("25.3 %", ("early_leavers_18_24", "non_EU_citizens", "EU27", "2023")),
        ("22.8 %", ("early_leavers_18_24", "other_EU_citizens", "EU27", "2023")),
        ("8.2 %", ("early_leavers_18_24", "nationals", "EU27", "2023")),
    ]


def test_the_figures_chapter_links_the_source_of_every_figure_it_quotes(matches, figures):
    chapter = [m for m in matches if m.quote.file == "book/figures.ipynb"]
    assert len(chapter) >= 30
    for match in chapter:
        row = match.row
        url = row.source_url if isinstance(row, Figure) else row.source
        assert set(figures.schema.source(url).urls) & match.quote.section_links, (match.quote.where, match.quote.text)
    quoted = {m.row.key for m in chapter if isinstance(m.row, Figure)}
    assert ("early_leavers_18_24", "non_EU_citizens", "EU27", "2023") in quoted
    assert {"eu-2030", "eu-2020"} <= {m.row.id for m in chapter if not isinstance(m.row, Figure)}


def test_the_chapter_file_quotes_are_checked_too(matches):
    quiz = [m for m in matches if m.quote.file == "data/chapters/figures.yml"]
    assert len(quiz) >= 10 and all(m.row is not None for m in quiz)


def _problem(text: str, figures) -> str:
    quotes = markdown_quotes(f"## Test\n\n{text} ([Eurostat]({EUROSTAT}))\n", "test.md")
    assert len(quotes) == 1, quotes
    return match_quote(quotes[0], figures).problem


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, 25.3 % of young non-EU citizens in the EU were early leavers.",
        "In 2023 the share among nationals was 8.2 %, against 25.3% among non-EU citizens.".replace(
            "25.3%", "twenty-five"
        ),
        "In 2023, young citizens of another EU country left early in 22.8 per cent of cases.",
    ],
)
def test_a_right_quote_passes(text, figures):
    assert _problem(text, figures) == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In 2023, 8.2 % of young non-EU citizens were early leavers.",
            "its clause names Non-EU citizens, but the value 8.2 in that year belongs to: early_leavers_18_24, Nationals, EU27, 2023",
        ),
        (
            "In 2023, 25.4 % of young non-EU citizens were early leavers.",
            "no row of data/education-figures.csv has the value 25.4",
        ),
        (
            "In 2022, 25.3 % of young non-EU citizens were early leavers.",
            "the rows with the value 25.3 are for 2023, but the paragraph names none of these years",
        ),
        ("In 2023 the gap was 17.1 percentage points.", "a difference between two figures is no published figure"),
        ("In 2010, 10 % of young people were early leavers.", "matches several rows"),
    ],
)
def test_a_wrong_quote_is_reported(text, expected, figures):
    assert expected in _problem(text, figures)


def test_an_uncited_figure_is_reported(figures):
    quotes = markdown_quotes("## Test\n\nIn 2023, 25.3 % of young non-EU citizens left school early.\n", "test.md")
    assert "is not cited: link https://ec.europa.eu/eurostat" in match_quote(quotes[0], figures).problem
    named = markdown_quotes(
        "## Test\n\nAccording to Eurostat, in 2023, 25.3 % of young non-EU citizens left early.\n", "t.md"
    )
    assert match_quote(named[0], figures).problem == ""


def test_a_problem_names_the_file_section_and_line(tmp_path, figures):
    quotes = markdown_quotes(
        "# Page\n\nIntro.\n\n## Why\n\nText.\n\nIn 2023, 9.3 % of nationals left.\n", "book/page.md"
    )
    assert [(q.where, q.line, q.text) for q in quotes] == [("section 'Why'", 9, "9.3 %")]

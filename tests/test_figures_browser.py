"""The figures chapter in the built book, in Chromium: the explorer answers the chapter's questions
and keeps exactly the rows Python would; the own-figures form gives Python's messages and bars.

The `open_page` fixture fails a test when any request leaves 127.0.0.1 or any console error is logged.
"""

from __future__ import annotations

from itertools import product
from urllib.request import urlopen

import pytest
from test_my_figures import CASES, GOOD

from support import ROOT, figure_rows
from welcome_course.figures.chapter import figures_chapter
from welcome_course.figures.data import check_own_figures

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book


@pytest.fixture(scope="module")
def chapter():
    return figures_chapter(ROOT)


@pytest.fixture
def page(open_page, book_site):
    page = open_page(book_site.url + "book/figures.html")
    page.wait_for_selector(".wc-explorer-controls:not([hidden])")
    return page


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "#wc-explorer-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.row)"
    )


def shown(rows: list) -> str:
    return f"{len(rows)} of {len(figure_rows())} published figures match your choices."


def test_the_explorer_answers_the_chapters_questions(page):
    explorer = page.locator("#wc-explorer")
    count = explorer.locator(".wc-explorer-count")
    early_leavers = figure_rows(indicator="early_leavers_18_24")  # what it shows first
    assert count.inner_text() == shown(early_leavers)
    assert explorer.locator('.wc-explorer-chart[data-indicator="early_leavers_18_24"]').is_visible()
    assert not explorer.locator('.wc-explorer-chart[data-indicator="tertiary_attainment_25_34"]').is_visible()

    # 1. In 2023, which group had the highest share of early leavers in the EU27?
    explorer.get_by_label("Country or area").select_option("EU27")
    table = explorer.locator("#wc-explorer-table")
    rows_2023 = [r for r in table.locator("tbody tr:visible").all_inner_texts() if "\t2023\t" in r]
    assert len(rows_2023) == len(figure_rows(indicator="early_leavers_18_24", geo="EU27", year="2023"))
    assert any("Non-EU citizens" in r and "25.3 %" in r for r in rows_2023)
    chart = explorer.locator('.wc-explorer-chart[data-indicator="early_leavers_18_24"]')
    outside_eu27 = [r for r in early_leavers if r["geo"] != "EU27"]
    assert outside_eu27 and chart.locator(".wc-dim").count() == len(outside_eu27)  # the chart pales them

    # 2. Which figures does the course have for Greece, and for which groups?
    explorer.get_by_label("What was measured").select_option("")
    explorer.get_by_label("Country or area").select_option("EL")
    greece = table.locator("tbody tr:visible").all_inner_texts()
    assert len(greece) == len(figure_rows(geo="EL")) and count.inner_text() == shown(greece)
    assert {("Born abroad" in r, "Foreign citizens" in r, "Everyone" in r) for r in greece} == {
        (True, False, False),
        (False, True, False),
        (False, False, True),
    }
    assert explorer.locator(".wc-explorer-chart:visible").count() == 0

    # 3. Which figures come from the OECD, and for which years?
    explorer.get_by_label("Country or area").select_option("OECD_average")
    assert all("2012" in r and "OECD" in r for r in table.locator("tbody tr:visible").all_inner_texts())

    explorer.get_by_label("What was measured").select_option("tertiary_attainment_25_34")
    assert count.inner_text() == shown([])
    assert explorer.locator(".wc-explorer-empty").is_visible()


def test_the_explorer_keeps_exactly_the_rows_python_selects(page, chapter):
    figures = chapter.figures
    combos = list(
        product(["", *figures.values("indicator")], ["", *figures.values("group")], ["", *figures.values("geo")])
    )
    got = page.evaluate(
        """combos => {
             const section = document.querySelector('#wc-explorer');
             const select = name => section.querySelector(`select[data-filter="${name}"]`);
             return combos.map(([indicator, group, geo]) => {
               for (const [name, value] of [['indicator', indicator], ['group', group], ['geo', geo]]) {
                 select(name).value = value;
                 select(name).dispatchEvent(new Event('change'));
               }
               return [...section.querySelectorAll('tbody tr')].filter(r => !r.hidden).map(r => r.dataset.row);
             });
           }""",
        [list(c) for c in combos],
    )
    expected = [[r.dom_id for r in figures.select(*(v or None for v in combo))] for combo in combos]
    assert len(combos) > 500
    assert got == expected


def test_own_figures_drawn_in_the_page(page, chapter):
    own = page.locator("#wc-own")
    area = own.get_by_label("Your table (CSV: one row per line, values separated by commas)")
    assert area.input_value().startswith("place,year,group,value,source")
    own.get_by_role("button", name="Check and draw").click()
    result = own.locator(".wc-own-result")
    assert "row 1: value: is empty" in result.inner_text()

    area.fill(GOOD)
    own.get_by_role("button", name="Check and draw").click()
    assert result.inner_text() == "Your table is correct: 3 figures drawn."
    labels = own.locator(".wc-own-label").all_text_contents()  # SVG text: no inner_text
    values = own.locator(".wc-own-value").all_text_contents()
    bars, _ = chapter.own_bars(check_own_figures(GOOD)[0])
    assert list(zip(labels, values, strict=True)) == [(b.label, b.text) for b in bars]
    svg = own.locator("svg")
    assert svg.get_attribute("role") == "img" and "Greenfield School" in svg.get_attribute("aria-label")
    assert "EU target for 2030: below 9 %" in own.inner_text() and "Eurostat" in own.inner_text()

    own.get_by_role("button", name="Start again from the template").click()
    assert area.input_value().startswith("place,year,group,value,source") and result.inner_text() == ""
    assert not own.locator("figure").is_visible()


def test_the_page_checks_a_table_exactly_like_python(page):
    tables = [table for table, _ in CASES]
    got = page.evaluate(
        """tables => {
             const config = JSON.parse(document.querySelector('#wc-own').dataset.config);
             return tables.map(t => window.welcomeCourseFigures.checkTable(t, config, 'my-figures.csv').problems);
           }""",
        tables,
    )
    assert got == [expected for _, expected in CASES]
    assert got == [[str(p) for p in check_own_figures(t)[1]] for t in tables]


def test_hostile_text_in_a_table_is_shown_as_text(page):
    own = page.locator("#wc-own")
    hostile = '<img src=x onerror="window.__pwned = 1">'
    quoted = '"' + hostile.replace('"', '""') + '"'  # as a spreadsheet writes it
    own.locator("textarea").fill(
        f"place,year,group,value,source\n{quoted},2024,nationals,5,office\n"
        f"x,2024,<script>window.__pwned=2</script>,5,y\n"
    )
    own.get_by_role("button", name="Check and draw").click()
    assert "<script>window.__pwned=2</script>" in own.locator(".wc-own-result").inner_text()
    own.locator("textarea").fill(f"place,year,group,value,source\n{quoted},2024,nationals,5,office\n")
    own.get_by_role("button", name="Check and draw").click()
    assert hostile in own.locator(".wc-own-label").first.text_content()
    assert own.locator("img").count() == 0 and own.locator("script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_the_template_can_be_downloaded(page, book_site):
    link = page.get_by_role("link", name="my-figures.csv")
    href = link.get_attribute("href")
    with urlopen(book_site.url + "book/" + href) as answer:
        assert answer.read().decode("utf-8") == (ROOT / "data" / "templates" / "my-figures.csv").read_text(
            encoding="utf-8"
        )

"""The figures chapter's charts, explorer and notebook: deterministic SVG with titles, labelled
axes, units, a source caption and alternative text; a thin notebook; live widgets that filter."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from support import ROOT, figure_rows, make_course, set_interface_word
from welcome_course.activities.display import RENDER_ENV, WIDGET_MIME
from welcome_course.authoring.standalone import CHECK_ID
from welcome_course.charts import Bar, ReferenceLine, bar_chart
from welcome_course.figures.chapter import FigureActivities, figures_chapter
from welcome_course.figures.data import FIGURES_FILE, SCHEMA_FILE, check_own_figures, load_figures
from welcome_course.figures.static_html import explorer_html, own_config
from welcome_course.figures.widgets import ExplorerWidget


@pytest.fixture(scope="module")
def chapter():
    return figures_chapter(ROOT)


def svg_texts(svg: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>.*?</text>", svg, re.S))


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.svgs, self.figcaptions, self.depth_caption, self.caption = [], [], [], 0, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "svg":
            self.svgs.append(attrs)
        if tag == "figcaption":
            self.depth_caption += 1

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.depth_caption -= 1
            self.figcaptions.append(self.caption)
            self.caption = ""

    def handle_data(self, data):
        if self.depth_caption:
            self.caption += data


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_chart_is_the_same_bytes_every_time_and_its_ids_are_its_own():
    bars = [Bar("One", 10, "10 %"), Bar("Two", 20, "20 %")]
    first = bar_chart("wc-a", bars, "Title", "Axis (%)", (ReferenceLine(9, "Target"),))
    assert first == bar_chart("wc-a", bars, "Title", "Axis (%)", (ReferenceLine(9, "Target"),))
    assert first.startswith("<svg") and "<?xml" not in first and "<metadata" not in first and "<dc:date" not in first
    ids = re.findall(r'id="([^"]+)"', first)
    assert ids and all(i.startswith("wc-a-") for i in ids)
    assert all(ref.startswith("wc-a-") for ref in re.findall(r"url\(#([^)]+)\)", first))
    other = bar_chart("wc-b", bars, "Title", "Axis (%)")
    assert not set(ids) & set(re.findall(r'id="([^"]+)"', other))


@pytest.mark.parametrize(
    "name, values",
    [
        ("citizenship_chart", ["8.2 %", "22.8 %", "25.3 %"]),
        ("trend_chart", ["12.6 %", "10.2 %", "9.9 %", "9.7 %", "14 %"]),
        ("countries_chart", ["44 %", "10 %", "47 %", "26 %", "30 %"]),
    ],
)
@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_each_chart_has_title_axis_units_caption_and_alt_text(chapter, name, values):
    activity = getattr(chapter, name)()
    page = _Page()
    page.feed(activity.html)
    assert len(page.svgs) == 1
    svg = page.svgs[0]
    assert svg["role"] == "img" and svg["aria-label"] == activity.plain
    texts = svg_texts(activity.html)
    assert "Early leavers from education and training" in texts  # the title
    assert "Early leavers (% of 18–24-year-olds)" in texts  # the axis, with its unit
    for value in values:
        assert value in texts and value in activity.plain  # written on the chart and in the alt text
    caption = page.figcaptions[0]
    assert caption.startswith(("Source: ", "Sources: ")) and "figures for 2" in caption
    assert 'href="https://' in activity.html.split("<figcaption>")[1]
    assert "The figures in this chart" in activity.html
    assert len(page.ids) == len(set(page.ids))


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_target_is_drawn_and_named(chapter):
    activity = chapter.citizenship_chart()
    assert "EU target for 2030: below 9 %" in svg_texts(activity.html)
    assert "A dashed line marks the EU target for 2030: below 9 %." in activity.plain


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_explorer_has_a_chart_per_indicator_and_every_row(chapter):
    html = chapter.explorer().html
    figures = chapter.figures
    assert html.count('class="wc-explorer-chart"') == len(figures.values("indicator"))
    assert html.count("<tr data-row=") == len(figures.rows)
    for row in figures.rows:
        assert f'-wcbar-{row.dom_id}"' in html  # each bar can be paled by the page script
    page = _Page()
    page.feed(html)
    assert len(page.ids) == len(set(page.ids))
    assert 'data-filter="indicator"' in html and 'data-filter="group"' in html and 'data-filter="geo"' in html


def test_the_sources_list_every_source_with_its_link(chapter):
    activity = chapter.sources()
    for source in chapter.schema.sources.values():
        assert source.url.replace("&", "&amp;") in activity.html
    assert (
        "https://doi.org/10.1787/5jrxqs8mv327-en" in activity.html
    )  # PISA in Focus 53 is cited by its DOI, the OECD's own address


def test_the_chapter_overview_says_it_is_an_addition(chapter):
    from welcome_course import load_course
    from welcome_course.activities.static_html import overview_html

    course = load_course(ROOT)
    html = overview_html(course, course.chapter("figures"))
    assert "own addition: it is not one of the steps" in html and "could not be recovered" not in html


def test_the_notebook_is_thin():
    notebook = json.loads((ROOT / "book" / "figures.ipynb").read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert len(code) >= 10
    for cell in code:
        # the book shows no code: each cell's code is hidden, and the check that says how to install
        # the course when the notebook is opened on its own (authoring/standalone.py) is left out whole
        assert cell["metadata"].get("tags") == (["remove-cell"] if cell.get("id") == CHECK_ID else ["remove-input"])
        assert len([line for line in "".join(cell["source"]).splitlines() if line.strip()]) <= 5
    for cell in code:
        for output in cell["outputs"]:
            assert WIDGET_MIME not in output.get("data", {})


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_explorer_shows_a_widget_in_jupyter(chapter, monkeypatch):
    monkeypatch.delenv(RENDER_ENV, raising=False)
    assert WIDGET_MIME in chapter.explorer()._repr_mimebundle_()
    monkeypatch.setenv(RENDER_ENV, "static")
    assert set(chapter.explorer()._repr_mimebundle_()) == {"text/plain", "text/html"}


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_live_explorer_filters_with_pandas(chapter):
    explorer = ExplorerWidget(chapter)
    assert explorer.indicator.value == "early_leavers_18_24"
    assert "<svg" in explorer.chart.value
    explorer.group.value = "non_EU_citizens"
    assert [r.key for r in explorer.rows()] == [("early_leavers_18_24", "non_EU_citizens", "EU27", "2023")]
    assert f"1 of {len(figure_rows())} published figures" in explorer.count.value
    assert explorer.table.value.count("<tr data-row") == 1
    explorer.indicator.value = ""
    explorer.group.value = ""
    explorer.geo.value = "EL"
    assert len(explorer.rows()) == len(figure_rows(geo="EL")) > 0 and explorer.chart.value == ""
    explorer.indicator.value = "tertiary_attainment_25_34"
    assert explorer.rows() == [] and "No published figure matches" in explorer.count.value


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_chapters_words_come_from_the_interface_file(tmp_path):
    root = make_course(tmp_path)
    for name in (FIGURES_FILE, SCHEMA_FILE):
        shutil.copy(ROOT / name, root / name)
    set_interface_word(root, "figures_every_geo", "Alle Länder & Gebiete")
    set_interface_word(root, "figures_count", "{shown} von {total} Zahlen")
    set_interface_word(root, "figures_own_done", "Fertig: {count} Zahlen")
    set_interface_word(root, "figures_own_trend_title", "Ihre Zahlen über die Jahre")
    figures = load_figures(root)
    html = explorer_html(figures, {}, "early_leavers_18_24")  # (no charts: drawing them is not the point here)
    assert '<option value="">Alle Länder &amp; Gebiete</option>' in html and "Every country and area" not in html
    assert 'data-count-text="{shown} von {total} Zahlen"' in html  # filled in by the page script
    assert own_config(figures)["done"] == "Fertig: {count} Zahlen"
    rows, problems = check_own_figures(
        "place,year,group,value,source\nSchool,2023,nationals,5,office\nSchool,2024,nationals,4,office\n"
    )
    assert not problems
    charts = FigureActivities(figures).own_charts(rows)
    assert "Ihre Zahlen über die Jahre" in charts and "Your figures over the years" not in charts

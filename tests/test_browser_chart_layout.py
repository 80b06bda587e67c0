"""The data chapter's charts as Chromium draws them in the page's own font, in English and in French
(longer words, '25,3 %'): every text lies inside its chart's box, and no two values written next to
bars or points overlap. charts.py cannot measure text, only estimate it on
the generous side; this is where the estimate meets a real font.

The `open_page` fixture fails a test when any request leaves 127.0.0.1 or any console error is logged.
"""

from __future__ import annotations

import pytest

from support import ROOT
from welcome_course.figures.chapter import figures_chapter

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book

# Every chart of the page, the explorer's hidden ones shown first: for each, its viewBox, the box
# of each text (in the chart's own units) and the boxes of the values written next to bars and points.
MEASURE = """() => {
  document.querySelectorAll('.wc-explorer-chart').forEach(chart => { chart.hidden = false; });
  return [...document.querySelectorAll('svg.wc-svg-chart')].map(svg => {
    const box = b => ({x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height});
    const view = svg.viewBox.baseVal;
    return {
      id: svg.querySelector('[id]').id,
      view: {x: view.x, y: view.y, right: view.x + view.width, bottom: view.y + view.height},
      texts: [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, ...box(t.getBBox())})),
      values: [...svg.querySelectorAll('text.wc-svg-value')].map(t => ({text: t.textContent, ...box(t.getBBox())})),
    };
  });
}"""


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["right"] and b["x"] < a["right"] and a["y"] < b["bottom"] and b["y"] < a["bottom"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_chart_text_lies_inside_its_chart_and_no_two_values_overlap(open_page, book_site, language):
    page = open_page(book_site.url + ("book/figures.html" if language == "en" else "fr/book/figures.html"))
    page.wait_for_selector(".wc-explorer-controls:not([hidden])")
    charts = page.evaluate(MEASURE)
    indicators = len(figures_chapter(ROOT).figures.values("indicator"))
    assert len(charts) == 3 + indicators  # citizenship, trend, countries, and one per indicator in the explorer
    for chart in charts:
        view = chart["view"]
        assert len(chart["texts"]) > 5 and chart["values"], chart["id"]
        for text in chart["texts"]:
            assert text["right"] > text["x"], (chart["id"], text)  # drawn, with a width
            inside = (
                text["x"] >= view["x"]
                and text["y"] >= view["y"]
                and text["right"] <= view["right"]
                and text["bottom"] <= view["bottom"]
            )
            assert inside, f"{chart['id']}: {text['text']!r} at {text} leaves the chart's box {view}"
        values = chart["values"]
        for i, one in enumerate(values):
            for other in values[i + 1 :]:
                assert not overlap(one, other), f"{chart['id']}: {one['text']!r} overlaps {other['text']!r}"
    if language == "fr":  # the French page's values, with their decimal comma
        assert any(v["text"].endswith(" %") and "," in v["text"] for chart in charts for v in chart["values"])


def test_a_chart_without_the_books_style_sheet_keeps_its_natural_size(chromium, tmp_path):
    """In JupyterLab, Colab or a chart saved on its own, no style sheet of the course sizes the SVG: it is
    drawn at its natural size (text about as large as the notebook's), not stretched to the output's
    full width; the book's style sheet still scales it with the page (the test above, test_small_screens)."""
    from welcome_course.charts import NATURAL, WIDTH, Bar, bar_chart

    svg = bar_chart("k", [Bar("Nationals", 8.2, "8.2 %"), Bar("Non-EU citizens", 25.3, "25.3 %")], "Title", "Axis (%)")
    page = tmp_path / "output.html"
    page.write_text(f"<!doctype html><meta charset=utf-8><div style='width: 1000px'>{svg}</div>", encoding="utf-8")
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(page.as_uri())
        box = tab.locator("svg.wc-svg-chart").bounding_box()
        label = tab.locator("svg.wc-svg-chart text.wc-svg-label").first.bounding_box()
    finally:
        context.close()
    assert box["width"] == pytest.approx(WIDTH * NATURAL, abs=1)
    assert 12 <= label["height"] <= 22  # about the size of a notebook's text, not 2.5 times it

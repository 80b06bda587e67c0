"""Text that reaches a chart is drawn as written: the browser draws it in the page's font, so `$5`, a
backslash, an emoji, Chinese, French's narrow no-break space before ':' and '%' all reach the SVG as
they are, escaped; hostile text stays text; a control character or a noncharacter (a teacher's own
table may hold one) becomes U+FFFD, so the SVG is always well-formed XML. Each chart's ids start with
its key and are unique on a page; a chart is the same bytes every time. The texts come from the
chapters, the interface words, the figures schema and a teacher's own table.

tests/test_browser_chart_layout.py checks in Chromium that every text lies inside its chart.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from support import ROOT, make_course, valid_chapter
from welcome_course import charts
from welcome_course.checks.pipeline import course_report
from welcome_course.content.course import load_course
from welcome_course.figures.chapter import FigureActivities, figures_chapter
from welcome_course.figures.data import check_own_figures, load_figures
from welcome_course.progress.cohort import CohortReport, read_folder

SVG = "{http://www.w3.org/2000/svg}"
MATH = r"costs $5 or $10, $\frac12$ and $\x$"  # mathtext would have eaten the dollars and failed on \x
CAP = "\U0001f393"  # 🎓: not in DejaVu Sans, the font matplotlib drew in
CJK = "中文的标题"  # Chinese, without spaces
FRENCH = "Élèves\u202f: 25,3\u202f%"  # a narrow no-break space before ':' and '%'
WRITTEN = f"{MATH} {CAP} {CJK} {FRENCH}"
HOSTILE = "</text></svg> <script>alert('x')</script> <text>&amp; \"quoted\" {{ 7*7 }}"  # words a line can hold
REPLACEMENT = "\ufffd"
SAMPLE_COHORT = ROOT / "data" / "sample-cohort"


def svgs(markup) -> list[ET.Element]:
    """Each <svg> of some HTML, parsed as XML: a chart that is not well-formed fails here."""
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", str(markup), re.S)]


def texts(svg: ET.Element) -> list[str]:
    """The texts a chart draws, each text element's lines joined by a space (a label wrapped on two
    lines is one text again)."""
    found = []
    for text in svg.iter(f"{SVG}text"):
        lines = [t.text or "" for t in text.iter(f"{SVG}tspan")] or [text.text or ""]
        found.append(" ".join(lines))
    return found


def drawn(markup) -> list[str]:
    return [t for svg in svgs(markup) for t in texts(svg)]


def every_chart(text: str, value: str = "5 %") -> dict[str, str]:
    """Each kind of chart with `text` in every place a chart writes text."""
    line = (charts.ReferenceLine(3, text),)
    return {
        "bars": charts.bar_chart("k1", [charts.Bar(text, 5, value)], text, text, line),
        "trend": charts.trend_chart(
            "k2", [charts.Series(text, ((2020, 1, value), (2022, 2, value)))], text, text, line
        ),
        "cohort": charts.svg_figure(charts.horizontal_bars([text], [5], text, text), "k3", alt="alt"),
    }


# --- the charts draw text as written ---------------------------------------------------


@pytest.mark.parametrize("text", [MATH, CAP, CJK, FRENCH, WRITTEN, "_" + MATH])
def test_every_chart_draws_each_text_as_written(text):
    """Title, axis title, label and legend: each as written, once. A label starting with '_' keeps
    its place in the legend (matplotlib used to leave it out)."""
    found = {kind: drawn(markup) for kind, markup in every_chart(text).items()}
    assert found["bars"].count(text) == 4  # title, axis, the bar's label, the line's legend
    assert found["trend"].count(text) == 4  # title, axis, the series' and the line's legend
    assert found["cohort"].count(text) == 3  # title, axis, the bar's label


def test_every_chart_writes_each_value_as_written():
    found = {kind: drawn(markup) for kind, markup in every_chart("t", value=FRENCH).items()}
    assert found["bars"].count(FRENCH) == 1 and found["trend"].count(FRENCH) == 2
    assert "5" in found["cohort"]  # the cohort's values are whole numbers, written by the chart


def test_hostile_text_stays_text_and_every_chart_stays_well_formed():
    for kind, markup in every_chart(HOSTILE, value=HOSTILE).items():
        assert "<script" not in markup and "</svg><script>" not in markup, kind
        (svg,) = svgs(markup)  # one chart, well-formed XML: nothing broke out of a text or an attribute
        assert not [
            e
            for e in svg.iter()
            if e.tag not in {f"{SVG}{n}" for n in ("svg", "g", "text", "tspan", "line", "rect", "circle")}
        ]
        assert HOSTILE in texts(svg), kind


def test_control_characters_and_noncharacters_become_the_replacement_character():
    text = "School\x07 bell\x1b[31m \ufffe\uffff\ufdd0 \U0010fffe tab\there\nnew line \x85end"
    expected = (
        f"School{REPLACEMENT} bell{REPLACEMENT}[31m {REPLACEMENT * 3} {REPLACEMENT} tab here new line {REPLACEMENT}end"
    )
    for kind, markup in every_chart(text).items():
        assert drawn(markup).count(expected) >= 3, kind  # title, axis, label
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ufdd0]", markup)


def test_a_long_label_is_wrapped_where_every_line_fits_and_a_cohort_label_keeps_two_lines():
    long = " ".join(["Citizens of another EU country"] * 6)
    svg = svgs(charts.bar_chart("k", [charts.Bar(long, 5, "5 %")], CJK * 12, "axis"))[0]
    label = next(t for t in svg.iter(f"{SVG}text") if t.get("class") == "wc-svg-label")
    lines = [t.text for t in label.iter(f"{SVG}tspan")]
    assert len(lines) > 1 and " ".join(lines) == long
    width = charts.WIDTH - 2 * charts.MARGIN
    assert all(charts.text_width(line, charts.FONT) <= width for line in lines)
    title = next(t for t in svg.iter(f"{SVG}text") if t.get("class") == "wc-svg-title")
    title_lines = [t.text for t in title.iter(f"{SVG}tspan")]
    assert len(title_lines) > 1 and "".join(title_lines) == CJK * 12  # Chinese has no spaces: cut anywhere
    assert all(charts.text_width(line, charts.TITLE, bold=True) <= width for line in title_lines)
    cohort = drawn(charts.svg_figure(charts.horizontal_bars([long], [5], "t", "a"), "k", "alt"))
    assert any(t.endswith("…") and t[:-1].rstrip() in long and len(t) < len(long) for t in cohort)


def test_wide_letters_count_more_than_narrow_ones():
    size = charts.FONT
    assert charts.text_width("WWWW", size) > charts.text_width("nnnn", size) > charts.text_width("iiii", size)
    assert charts.text_width(CJK, size) > charts.text_width("nnnnn", size)
    assert charts.text_width("n", size, bold=True) > charts.text_width("n", size)
    assert charts.text_width("e\u0301", size) == charts.text_width("e", size)  # a combining accent takes no room


# --- ids and bytes ----------------------------------------------------------------------------


def ids(markup) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', str(markup))


def test_a_chart_is_the_same_bytes_every_time():
    for kind, markup in every_chart(WRITTEN).items():
        assert markup == every_chart(WRITTEN)[kind]


def test_every_id_starts_with_the_charts_key_and_no_two_charts_on_a_page_share_one():
    chapter = figures_chapter(ROOT)
    rows, _ = check_own_figures(
        "place,year,group,value,source\nGreenfield,2023,nationals,4.5,office\nGreenfield,2024,nationals,5,office\n"
    )
    page = "".join(
        str(markup)
        for markup in (
            chapter.citizenship_chart().html,
            chapter.trend_chart().html,
            chapter.countries_chart().html,
            chapter.explorer().html,
            chapter.own_charts(rows),
        )
    )
    keys = re.findall(r'<figure class="wc-figure" id="wc-figure-([^"]+)">\s*<svg', page)
    assert len(keys) == 3 + len(chapter.figures.values("indicator")) + 2
    every = ids(page)
    assert len(every) == len(set(every))  # unique on the page
    for svg in re.findall(r"<svg\b.*?</svg>", page, re.S):
        in_svg = ids(svg)
        key = in_svg[0].rsplit("-", 1)[0]
        assert in_svg and all(i.startswith(key + "-") for i in in_svg)
    assert any(i.startswith("wc-x-") and "-wcbar-" in i for i in every)  # the bars the page script pales
    report = CohortReport.from_folder(SAMPLE_COHORT, load_course(ROOT))
    cohort = report.completion_html() + report.questions_html()
    assert {i.split("-")[1] for i in ids(cohort)} == {"completion", "questions"} and len(set(ids(cohort))) == len(
        ids(cohort)
    )


# --- each source of chart text: drawn as written ------------------------------------------


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_chapter_title_and_a_prompt_in_the_cohort_charts():
    course = load_course(ROOT)
    chapters = {
        key: dataclasses.replace(
            chapter,
            title=f"T{n} {CJK}{CAP}",
            questions=tuple(dataclasses.replace(q, prompt=f"Q{n}.{m} {MATH}") for m, q in enumerate(chapter.questions)),
        )
        for n, (key, chapter) in enumerate(course.chapters.items())
    }
    report = CohortReport(dataclasses.replace(course, chapters=chapters), read_folder(SAMPLE_COHORT))
    titles = [t for t in drawn(report.completion_html()) if CJK in t]
    assert len(titles) == len(chapters)
    assert all(re.fullmatch(rf"(Step [0-9]+: )?T[0-9]+ {CJK}{CAP}", t) for t in titles), titles
    prompts = " ".join(drawn(report.questions_html()))
    assert re.search(rf"Q[0-9]+\.[0-9]+ {re.escape(MATH[:20])}", prompts)  # shortened by the report, not redrawn


@pytest.fixture
def activities():
    """The data chapter over a fresh copy of the figures, whose words and schema a test may change."""
    return load_figures(ROOT)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_an_interface_word_in_the_data_chapters_charts(activities):
    activities.interface = {
        **activities.interface,
        "figures_citizenship_title": WRITTEN + " {indicator}",
        "figures_trend_eu27": WRITTEN,
    }
    chapter = FigureActivities(activities)
    assert any(t.startswith(WRITTEN) for t in drawn(chapter.citizenship_chart().html))
    assert WRITTEN in drawn(chapter.trend_chart().html)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_schema_label_in_the_data_chapters_charts(activities):
    schema = activities.schema
    early = dataclasses.replace(schema.indicators["early_leavers_18_24"], label=WRITTEN, axis=HOSTILE)
    activities.schema = dataclasses.replace(schema, indicators={**schema.indicators, "early_leavers_18_24": early})
    chapter = FigureActivities(activities)
    assert WRITTEN in drawn(chapter.explorer().html) and HOSTILE in drawn(chapter.explorer().html)
    assert HOSTILE in drawn(chapter.countries_chart().html)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_teachers_table_is_drawn_as_written_but_for_control_characters(activities):
    place = rf"$\x$ \frac $5 {CAP}{CJK}"
    rows, problems = check_own_figures(
        f'place,year,group,value,source\n"{place}\x07",2023,nationals,4.5,office\n"{place}\x07",2024,nationals,5,office\n'
    )
    assert problems == []
    found = drawn(FigureActivities(activities).own_charts(rows))
    shown = f"{place}{REPLACEMENT}"
    assert f"{activities.schema.groups['nationals'].label}: {shown}, 2024" in found  # a bar
    assert f"{activities.schema.groups['nationals'].label}: {shown}" in found  # the trend chart's legend


# --- check: what the browser draws is accepted; an invisible character written as an escape is not ------


def test_check_accepts_any_character_a_browser_draws_in_a_chart_text(tmp_path):
    chapter = valid_chapter()
    chapter["title"] = f"Welcome {CAP} {CJK} {FRENCH}"
    chapter["quiz"][1]["prompt"] = f"Which {CAP} {MATH}?"
    root = make_course(tmp_path, {"step-99": chapter})
    found = [str(p) for p in course_report(root).problems if "step-99.yml" in str(p)]
    assert not [p for p in found if "title" in p or "prompt" in p or "character" in p], found


def test_check_refuses_a_control_character_written_as_an_escape(tmp_path):
    chapter = valid_chapter()
    chapter["title"] = "Bell\x07 here"  # written to the file as "Bell\a here": YAML reads the escape
    root = make_course(tmp_path, {"step-99": chapter})
    assert '"Bell\\a here"' in (root / "data/chapters/step-99.yml").read_text(encoding="utf-8")
    found = [str(p) for p in course_report(root).problems if "step-99.yml" in str(p)]
    assert found == [
        "data/chapters/step-99.yml, line 2: holds the invisible character U+0007, written as an escape in quotes, "
        "which a page shows as nothing or as '\ufffd': delete the escape"
    ]

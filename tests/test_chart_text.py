"""Text that reaches a chart is drawn as written, and a character the charts' font cannot draw is
refused by `check` (course files) or replaced (a teacher's own table), never a warning or an error.

matplotlib reads `$…$` as mathtext (`costs $5 or $10` lost its dollar signs, `\\x` raised ValueError)
and warns about a glyph its font lacks (the build stops on a warning). The texts come from the
chapters, the interface words, the figures schema and a teacher's own table.
"""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import sys
import warnings

import pytest

from support import ROOT, copy_course, make_course, valid_chapter
from welcome_course import charts
from welcome_course.chart_font import REPLACEMENT, charmap, undrawable
from welcome_course.checks.chart_text import CHART_FIELDS, CHART_WORDS
from welcome_course.checks.pipeline import course_report
from welcome_course.content.course import load_course
from welcome_course.figures.chapter import FigureActivities
from welcome_course.figures.data import check_own_figures, load_figures
from welcome_course.progress.cohort import CohortReport, read_folder

MATH = r"costs $5 or $10, $\frac12$ and $\x$"  # mathtext would eat the dollars and fail on \x
CAP = "\U0001f393"  # 🎓: not in DejaVu Sans (some emoji, such as 😀, are)
NONCHAR = "\ufffe"
HOSTILE = f"{MATH} {CAP} {NONCHAR}"
SAMPLE_COHORT = ROOT / "data" / "sample-cohort"


def drawn_texts(markup: str) -> list[str]:
    """The texts drawn in the SVG charts of some HTML (not the alternative text or the tables)."""
    texts = []
    for svg in re.findall(r"<svg\b.*?</svg>", str(markup), re.S):
        for text in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S):
            texts.append(html.unescape(re.sub(r"<[^>]+>", "", text)))
    return texts


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():  # as in the book's build (site/notebook_outputs.py)
        warnings.simplefilter("error")
        yield


# --- the charts draw text as written ---------------------------------------------------


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_every_chart_draws_dollars_and_backslashes_as_written():
    lines = (charts.ReferenceLine(3, "_" + MATH),)  # a label starting with '_' stays in the legend
    svg = charts.bar_chart("k1", [charts.Bar(MATH, 5, "5 %")], MATH, MATH, lines)
    assert drawn_texts(svg).count(MATH) == 3 and "_" + MATH in drawn_texts(svg)
    svg = charts.trend_chart("k2", [charts.Series("_" + MATH, ((2020, 1, "1 %"), (2021, 2, MATH)))], MATH, MATH, lines)
    assert drawn_texts(svg).count(MATH) == 3 and drawn_texts(svg).count("_" + MATH) == 2
    figure = charts.svg_figure(charts.horizontal_bars([MATH], [5], MATH, MATH), "k3", alt="alt")
    assert drawn_texts(figure).count(MATH) == 3


def test_a_matplotlibrc_asking_for_latex_changes_nothing():
    import matplotlib

    with matplotlib.rc_context({"text.usetex": True, "text.parse_math": True}):
        svg = charts.bar_chart("k", [charts.Bar(MATH, 5, "5 %")], MATH, "axis")
    assert drawn_texts(svg).count(MATH) == 2


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_character_the_font_cannot_draw_is_replaced_in_every_chart():
    text = f"School {CAP} {NONCHAR} bell\x07 tab\tend \U0001f600"
    expected = f"School {REPLACEMENT} {REPLACEMENT} bell{REPLACEMENT} tab end \U0001f600"
    svg = charts.bar_chart("k", [charts.Bar(text, 5, "5 %")], text, text, (charts.ReferenceLine(3, text),))
    assert drawn_texts(svg).count(expected) == 4
    svg = charts.trend_chart("k", [charts.Series(text, ((2020, 1, "1 %"),))], text, "axis")
    assert drawn_texts(svg).count(expected) == 2
    assert (
        drawn_texts(charts.svg_figure(charts.horizontal_bars([text], [5], text, text), "k", "alt")).count(expected) == 3
    )


def test_the_font_has_every_printable_latin1_character_the_check_skips():
    latin1 = [c for c in map(chr, range(0x20, 0x100)) if c.isprintable()]
    assert all(ord(c) in charmap() for c in latin1)
    assert undrawable("Élèves – “quoted” … 😀 € ŉ") == ""
    assert undrawable(f"a {CAP} b {NONCHAR} {CAP}\x07\n\t") == f"{CAP}{NONCHAR}\x07"


# --- each source of chart text: drawn as written ------------------------------------------


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_chapter_title_and_a_prompt_in_the_cohort_charts():
    course = load_course(ROOT)
    chapters = {
        key: dataclasses.replace(
            chapter,
            title=f"T{n} {MATH[:30]}",
            questions=tuple(dataclasses.replace(q, prompt=f"Q{n}.{m} {MATH}") for m, q in enumerate(chapter.questions)),
        )
        for n, (key, chapter) in enumerate(course.chapters.items())
    }
    report = CohortReport(dataclasses.replace(course, chapters=chapters), read_folder(SAMPLE_COHORT))
    titles = [t for t in drawn_texts(report.completion_html()) if MATH[:30] in t]
    assert len(titles) == len(chapters)
    assert all(re.fullmatch(rf"(Step [0-9]+: )?T[0-9]+ {re.escape(MATH[:30])}", t) for t in titles), titles
    # a long label is drawn on two lines: joined again at the line break, each prompt is whole
    drawn = " ".join(drawn_texts(report.questions_html()))
    prompts = re.findall(rf"Q[0-9]+\.[0-9]+ {re.escape(MATH)}", drawn)
    assert prompts and len(prompts) == drawn.count(MATH)


@pytest.fixture
def activities():
    """The data chapter over a fresh copy of the figures, whose words and schema a test may change."""
    return load_figures(ROOT)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_an_interface_word_in_the_data_chapters_charts(activities):
    activities.interface = {
        **activities.interface,
        "figures_citizenship_title": MATH + " {indicator}",
        "figures_trend_eu27": MATH,
    }
    chapter = FigureActivities(activities)
    assert any(t.startswith(MATH) for t in drawn_texts(chapter.citizenship_chart().html))
    assert MATH in drawn_texts(chapter.trend_chart().html)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_schema_label_in_the_data_chapters_charts(activities):
    schema = activities.schema
    early = dataclasses.replace(schema.indicators["early_leavers_18_24"], label=MATH, axis=MATH)
    activities.schema = dataclasses.replace(schema, indicators={**schema.indicators, "early_leavers_18_24": early})
    chapter = FigureActivities(activities)
    assert drawn_texts(chapter.explorer().html).count(MATH) >= 2
    assert MATH in drawn_texts(chapter.countries_chart().html)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_teachers_table_is_drawn_as_written_but_for_what_the_font_cannot_draw(activities):
    place = rf"$\x$ \frac $5 {CAP}{NONCHAR}"  # short enough for a bar's label on one line
    rows, problems = check_own_figures(
        f"place,year,group,value,source\n{place},2023,nationals,4.5,office\n{place},2024,nationals,5,office\n"
    )
    assert problems == []
    drawn = drawn_texts(FigureActivities(activities).own_charts(rows))
    shown = rf"$\x$ \frac $5 {REPLACEMENT}{REPLACEMENT}"
    assert f"{activities.schema.groups['nationals'].label}: {shown}, 2024" in drawn  # a bar
    assert f"{activities.schema.groups['nationals'].label}: {shown}" in drawn  # the trend chart's legend


# --- check refuses what the font cannot draw, naming the file, item, field and line -------------


def yaml_quoted(text: str) -> str:
    """`text` as a double-quoted YAML string, with what YAML does not allow raw written as an escape."""
    body = "".join(
        "\\\\" if c == "\\" else '\\"' if c == '"' else c if c.isprintable() else f"\\u{ord(c):04X}" for c in text
    )
    return f'"{body}"'


def test_check_refuses_a_chapter_title_and_a_prompt_the_charts_cannot_draw(tmp_path):
    chapter = valid_chapter()
    chapter["title"] = HOSTILE
    chapter["quiz"][1]["prompt"] = f"Which {CAP}?"
    chapter["goals"] = [f"Goals are not drawn {CAP}"]
    root = make_course(tmp_path, {"step-99": chapter})
    text = (root / "data/chapters/step-99.yml").read_text(encoding="utf-8")
    title_line = 1 + text.split("\n").index(next(line for line in text.split("\n") if line.startswith("title:")))
    prompt_line = 1 + text.split("\n").index(next(line for line in text.split("\n") if f"Which {CAP}" in line))
    found = [str(p) for p in course_report(root).problems if "cannot be drawn" in str(p)]
    assert found == [
        f"data/chapters/step-99.yml, line {title_line}: chapter: title: '{CAP}' (U+1F393), '\\ufffe' (U+FFFE) cannot "
        "be drawn in a chart, and this text is drawn in one: the charts' font, DejaVu Sans, has no such characters; "
        "remove them or write the text another way",
        f"data/chapters/step-99.yml, line {prompt_line}: quiz question 'pick-all': prompt: '{CAP}' (U+1F393) cannot "
        "be drawn in a chart, and this text is drawn in one: the charts' font, DejaVu Sans, has no such character; "
        "remove it or write the text another way",
    ]


@pytest.fixture
def course_copy(tmp_path):
    return copy_course(tmp_path / "course")


def replace_line(path, start: str, new: str) -> int:
    """Replace the first line that starts with `start`; return its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_refuses_an_interface_word_drawn_in_a_chart(course_copy):
    interface = course_copy / "data/interface.yml"
    line = replace_line(interface, "cohort_completion_title:", f"cohort_completion_title: {yaml_quoted(HOSTILE)}")
    replace_line(interface, "figures_source:", f"figures_source: {yaml_quoted('Not drawn ' + CAP)}")  # HTML only
    found = [str(p) for p in course_report(course_copy).problems]
    assert found == [
        f"data/interface.yml, line {line}: interface strings: cohort_completion_title: '{CAP}' (U+1F393), "
        "'\\ufffe' (U+FFFE) cannot be drawn in a chart, and this text is drawn in one: the charts' font, "
        "DejaVu Sans, has no such characters; remove them or write the text another way"
    ]


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_refuses_a_schema_label_drawn_in_a_chart(course_copy):
    schema = course_copy / "data/education-figures.schema.yml"
    text = schema.read_text(encoding="utf-8")
    start = text.index("groups:")
    label = text.index("label:", start)
    end = text.index("\n", label)
    line = text[:label].count("\n") + 1
    schema.write_text(text[:label] + f"label: {yaml_quoted(HOSTILE)}" + text[end:], encoding="utf-8")
    found = [str(p) for p in course_report(course_copy).problems]
    group = re.search(r"^  (\w+):", text[start:], re.M).group(1)
    assert found == [
        f"data/education-figures.schema.yml, line {line}: group '{group}': label: '{CAP}' (U+1F393), "
        "'\\ufffe' (U+FFFE) cannot be drawn in a chart, and this text is drawn in one: the charts' font, "
        "DejaVu Sans, has no such characters; remove them or write the text another way"
    ]


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_check_command_prints_the_problem(tmp_path):
    chapter = valid_chapter()
    chapter["title"] = f"Welcome {CAP}"
    root = make_course(tmp_path, {"step-99": chapter})
    done = subprocess.run([sys.executable, "-m", "welcome_course", "check"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert (
        f"data/chapters/step-99.yml, line 2: chapter: title: '{CAP}' (U+1F393) cannot be drawn in a chart"
        in done.stdout + done.stderr
    )


# --- the list of what check looks at is the list of what the charts draw ---------------------

KEY_FIELDS = {"id", "kind", "next", "start", "outcome", "url", "source", "file", "unit", "indicator", "year"}


class Marks:
    """Gives every text a marker at its start, and tells which text a marker found in a chart came from."""

    def __init__(self):
        self.origin: dict[str, tuple[str, str]] = {}

    def mark(self, text: str, kind: str, name: str) -> str:
        marker = f"QQ{len(self.origin):04d}QQ"
        self.origin[marker] = (kind, name)
        return f"{marker} {text}"

    def thing(self, value):
        """A copy of a dataclass of the model or the schema with every text field marked (ids and keys kept)."""
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            if f.name in KEY_FIELDS:
                continue
            if isinstance(old, str) and old:
                changes[f.name] = self.mark(old, type(value).__name__, f.name)
            elif isinstance(old, tuple) and old and dataclasses.is_dataclass(old[0]):
                changes[f.name] = tuple(self.thing(v) for v in old)
            elif isinstance(old, dict) and old and dataclasses.is_dataclass(next(iter(old.values()))):
                changes[f.name] = {k: self.thing(v) for k, v in old.items()}
            elif dataclasses.is_dataclass(old):
                changes[f.name] = self.thing(old)
        return dataclasses.replace(value, **changes)

    def words(self, interface: dict[str, str]) -> dict[str, str]:
        return {key: self.mark(value, "interface", key) for key, value in interface.items()}

    def found(self, markup) -> set[tuple[str, str]]:
        return {self.origin[m] for text in drawn_texts(markup) for m in re.findall(r"QQ\d{4}QQ", text)}


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_looks_at_exactly_the_texts_the_charts_draw():
    marks = Marks()
    course = load_course(ROOT)
    course = dataclasses.replace(
        course,
        title=marks.mark(course.title, "Course", "title"),
        interface=marks.words(course.interface),
        chapters={k: marks.thing(c) for k, c in course.chapters.items()},
    )
    figures = load_figures(ROOT)
    figures.interface = marks.words(figures.interface)
    figures.schema = marks.thing(figures.schema)
    chapter = FigureActivities(figures)
    rows, _ = check_own_figures(
        "place,year,group,value,source\nGreenfield,2023,nationals,4.5,office\n"
        "Greenfield,2024,nationals,5,office\nGreenfield,2024,non_EU_citizens,12,office\n"
    )
    report = CohortReport(course, read_folder(SAMPLE_COHORT))
    drawn = set()
    for markup in (
        chapter.citizenship_chart().html,
        chapter.trend_chart().html,
        chapter.countries_chart().html,
        chapter.explorer().html,
        chapter.own_charts(rows),
        report.completion_html(),
        report.questions_html(),
    ):
        drawn |= marks.found(markup)
    checked = {("interface", key) for key in CHART_WORDS} | {
        (kind, name) for kind, names in CHART_FIELDS.items() for name in names
    }
    assert drawn == checked

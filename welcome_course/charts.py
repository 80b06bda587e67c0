"""Charts as inline SVG: published (or a teacher's own) figures, and the cohort report's bars.

Python lays a chart out here (numbers only: positions and sizes, and each text's lines); the
template templates/charts/chart.svg writes the elements, with Jinja's autoescaping, so every text
(a chapter's title, a teacher's place name) reaches the page as text. Nothing here builds markup.

- Every text is real SVG <text>, drawn by the browser in the page's own font (font-family is
  inherited), so any character a translation writes is drawn as written: `costs $5`, a backslash,
  an emoji, French's narrow no-break space before '%'. A control character or a noncharacter (a
  teacher's own table may hold one) becomes U+FFFD, so the SVG is always well-formed (`clean`).
- The layout cannot measure text: widths are estimated on the generous side (`text_width`: wide
  letters, CJK and emoji count more), titles and labels are wrapped at a width they cannot
  overflow, and room is kept after the longest bar for its value.
- A bar's label is written above it, across the chart's whole width, and its value after it:
  no reading depends on colour, and the chart stays readable scaled to a phone (the viewBox is
  WIDTH units wide; the book's style sheet scales it with the page. Where no style sheet of the
  course applies (JupyterLab, Colab, a chart saved on its own), its width and height attributes
  give it its natural size, NATURAL times the viewBox: text about as large as the notebook's).
- Text and axes are drawn in the page's text colour (currentColor), so they follow dark mode;
  bars and reference lines keep their colours (static/welcome-course.css adjusts the lines in
  dark mode and draws a halo of the page's background behind text that crosses a line).
- The same chart is the same bytes on every run (numbers rounded to 0.1), and every id in it
  starts with the chart's key, so several charts (some hidden) share one page.

Titles, labels and numbers come from the caller (figures/chapter.py builds them from the data
rows; figures/static_html.py adds the source caption and alternative text; progress/cohort.py
the cohort report's). The <figure> around a cohort chart is templates/charts/svg_figure.html.
"""

from __future__ import annotations

import itertools
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field, replace

from .templating import Markup, render

COLOURS = ("#0a6b6b", "#b35900", "#4b3c8c", "#7a7a7a", "#1e7e34", "#a3195b")
# Reference lines (e.g. an EU target), in this order: a dashed line, then a dotted one
TARGET_STYLES = ({"dash": "6 4", "colour": "#b30000"}, {"dash": "2 3", "colour": "#555555"})

WIDTH = 400  # the viewBox's width: at a phone's 342 px, FONT is drawn about 10 px high
NATURAL = 1.2  # pixels per unit where no style sheet sizes the chart: FONT is then about 14 px
MARGIN = 8
FONT = 12  # labels, legends, axis titles
SMALL = 11  # values and ticks
TITLE = 14  # bold
LEADING = 1.25  # line height, in font sizes
BAR = 14  # a bar's thickness
ROW_GAP = 9  # below each bar
# The layers of a chart, bottom to top (series-0, series-1… in the place of "series"): text last,
# over the lines, where the page draws a halo behind it (static/welcome-course.css)
LAYERS = ("grid", "bars", "series", "references", "axis", "labels", "values", "title", "legend")


# --- the model the callers use -----------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as it is written next to the bar, e.g. "25.3 %"
    gid: str = ""  # an id for the bar in the SVG (the static explorer highlights bars by it)
    colour: int = 0  # index into COLOURS, e.g. one colour per group


@dataclass(frozen=True)
class ReferenceLine:
    value: float
    label: str


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[int, float, str], ...]  # (year, value, text)


# --- text: what is drawn, and how wide it may be ---------------------------------------------------

_NOT_DRAWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef]")
_SPACES = re.compile("[\t\n\u2028\u2029]")
REPLACEMENT = "\ufffd"


def clean(text) -> str:
    """`text` as a chart draws it: as written, but a control character, a surrogate or a
    noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) is U+FFFD and a tab or line break a space."""
    text = _SPACES.sub(" ", str(text))
    text = _NOT_DRAWN.sub(REPLACEMENT, text)
    return "".join(REPLACEMENT if (ord(c) & 0xFFFE) == 0xFFFE else c for c in text)


_NARROW = set(" il.,:;'!|jIft()[]{}\u00a0\u2009\u202f\u200a\u2019\u2018")
_WIDE = set("mwMW%@\u2014\u2026")


def _char_width(char: str) -> float:
    """A character's width in ems, never less than in the wide fonts a page may use (DejaVu Sans,
    Verdana): one size for most letters and digits, more for wide letters, CJK and emoji."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.3 if ord(char) >= 0x1F000 or unicodedata.category(char) == "So" else 1.05
    if ord(char) >= 0x1F000 or 0x2600 <= ord(char) <= 0x27BF:
        return 1.3  # an emoji drawn from a colour font
    if char in _NARROW:
        return 0.42
    if char in _WIDE:
        return 1.05
    if char.isupper():
        return 0.8
    return 0.64


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width `text` may take at font size `size` (in the chart's units), on the generous side."""
    return sum(_char_width(c) for c in text) * size * (1.12 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False, most: int | None = None) -> tuple[str, ...]:
    """`text` (cleaned) in lines that fit `width` at `size`, at most `most` of them, the last cut with '…':
    wrapped by textwrap at the most characters per line with which every line fits."""
    text = clean(text)
    chars = max(1, int(width / (size * 0.4)))  # as if every character were narrow: then fewer, until all fit
    while True:
        lines = textwrap.wrap(text, chars)
        if chars == 1 or all(text_width(line, size, bold) <= width for line in lines):
            break
        chars -= 1
    if most and len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return tuple(lines)


# --- what the template draws -------------------------------------------------------------------------


def _n(value: float) -> float | int:
    """A coordinate as written in the SVG: 0.1 unit is finer than any screen shows."""
    value = round(value, 1)
    return int(value) if value == int(value) else value


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline of the first line
    lines: tuple[str, ...]
    role: str  # title, label, value, tick, axis, legend: its class is wc-svg-<role>
    size: int = FONT
    anchor: str = "start"
    bold: bool = False

    @property
    def baselines(self) -> list[tuple[str, float | int]]:
        return [(line, _n(self.y + i * self.size * LEADING)) for i, line in enumerate(self.lines)]


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    role: str  # grid, axis, ref-0, ref-1 (a reference line), series
    colour: str = "currentColor"
    width: float = 1
    dash: str = ""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    id: str = ""  # the part after the chart's key


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    colour: str
    r: float = 3.5


@dataclass
class Drawing:
    """A chart laid out: its size and its layers, each a <g id="KEY-NAME"> of items, drawn in order."""

    height: float = 0
    layers: dict[str, list] = field(default_factory=dict)

    def add(self, layer: str, *items) -> None:
        self.layers.setdefault(layer, []).extend(items)

    def text(self, layer: str, x: float, y: float, lines: tuple[str, ...], role: str, **options) -> float:
        """Add a text whose first line's top is at `y`; return the y below its last line."""
        if not lines:
            return y
        size = options.get("size", FONT)
        self.add(layer, Text(x, y + size * 0.95, lines, role, **options))
        return y + len(lines) * size * LEADING

    def svg(self, key: str) -> Markup:
        order = sorted(self.layers, key=lambda name: LAYERS.index(name.split("-")[0]))
        items = {name: [_rounded(item) for item in self.layers[name]] for name in order}
        # Safe: the template escapes every text and attribute it writes (autoescape), and
        # everything else in it is numbers computed here.
        return Markup(
            render(
                "charts/chart.svg",
                key=key,
                width=WIDTH,
                height=_n(self.height),
                natural=(_n(WIDTH * NATURAL), _n(self.height * NATURAL)),
                font=FONT,
                layers=items,
            )
        )


def _rounded(item):
    """The item with its coordinates as written in the SVG."""
    kind = type(item).__name__.lower()
    values = {f: getattr(item, f) for f in item.__dataclass_fields__}
    for name, value in values.items():
        if isinstance(value, float):
            values[name] = _n(value)
    values["kind"] = kind
    if kind == "text":
        values["baselines"] = item.baselines
    return values


def _legend(drawing: Drawing, y: float, entries: list[tuple[str, Line]]) -> float:
    """A legend from `y` down, one entry per (label, line), its swatch drawn as the chart draws that
    line (a series' line with its dot); return the y below it."""
    swatch = 28
    for label, line in entries:
        middle = y + FONT * 0.6
        drawing.add("legend", replace(line, x1=MARGIN, y1=middle, x2=MARGIN + swatch, y2=middle))
        if line.role == "series":
            drawing.add("legend", Dot(MARGIN + swatch / 2, middle, line.colour))
        lines = wrap(label, WIDTH - 2 * MARGIN - swatch - 6, FONT)
        y = drawing.text("legend", MARGIN + swatch + 6, y, lines, "legend") + 3
    return y


def _references(lines: tuple[ReferenceLine, ...]) -> list[tuple[ReferenceLine, Line]]:
    """Each reference line with its style, at most as many as there are styles (its position is set
    where it is drawn)."""
    return [
        (line, Line(0, 0, 0, 0, f"ref-{index}", style["colour"], 1.5, style["dash"]))
        for index, (line, style) in enumerate(zip(lines, TARGET_STYLES, strict=False))
    ]


def _legend_of_references(lines: tuple[ReferenceLine, ...]) -> list[tuple[str, Line]]:
    return [(line.label, style) for line, style in _references(lines)]


def _steps(top: float, most: int) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50… with which at most `most` steps reach `top`."""
    for power in itertools.count():
        for factor in (1, 2, 5):
            step = factor * 10**power
            if step * most >= top:
                return step
    raise AssertionError  # unreachable


def _tick_text(value: float) -> str:
    return str(int(value))  # steps are whole numbers: the same in every language


# --- horizontal bars -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, top to bottom in the order given: each bar's label above it, its value after
    it; reference lines across the bars (e.g. an EU target) with a legend below the axis."""

    bars: tuple[Bar, ...]
    title: str
    axis: str
    lines: tuple[ReferenceLine, ...] = ()
    limit: float | None = None  # the axis's end (e.g. 100 for shares); by default the bars' own
    label_lines: int | None = None  # at most so many lines per label, the last cut with '…'

    def drawing(self) -> Drawing:
        d = Drawing()
        full = WIDTH - 2 * MARGIN
        y = d.text("title", MARGIN, MARGIN, wrap(self.title, full, TITLE, bold=True), "title", size=TITLE, bold=True)
        y += 8
        values = [max(0.0, b.value) for b in self.bars]
        texts = [clean(b.text) for b in self.bars]
        highest = max([*values, *(max(0.0, ln.value) for ln in self.lines), 1])
        # the room after the plot: the longest value written after a full bar, or half the last tick's label
        reserve = max([text_width(t, SMALL) + 8 for t in texts] + [text_width(_tick_text(self.limit or 100), SMALL)])
        x0, x1 = MARGIN + 2, WIDTH - MARGIN - reserve
        step = _steps(self.limit or highest, max(1, min(6, int((x1 - x0) / (text_width("000", SMALL) + 12)))))
        top = self.limit or math.ceil(highest / step) * step

        def x(value: float) -> float:
            return x0 + (x1 - x0) * min(max(value, 0.0), top) / top

        plot_top = y
        for bar, value, text in zip(self.bars, values, texts, strict=True):
            y = d.text("labels", x0, y, wrap(bar.label, full - 2, FONT, most=self.label_lines), "label") + 2
            d.add("bars", Rect(x0, y, x(value) - x0, BAR, COLOURS[bar.colour % len(COLOURS)], bar.gid))
            if text:
                d.add("values", Text(x(value) + 4, y + BAR / 2 + SMALL * 0.36, (text,), "value", size=SMALL))
            y += BAR + ROW_GAP
        bottom = y - ROW_GAP + 5
        ticks = [step * i for i in range(int(top // step) + 1)]
        for tick in ticks:
            d.add("grid", Line(x(tick), plot_top, x(tick), bottom, "grid"))
        for line, style in _references(self.lines):
            at = x(line.value)
            d.add("references", replace(style, x1=at, y1=plot_top, x2=at, y2=bottom))
        d.add("axis", Line(x0, bottom, x(top), bottom, "axis"))
        for tick in ticks:
            d.add("axis", Line(x(tick), bottom, x(tick), bottom + 4, "axis"))
            d.add("axis", Text(x(tick), bottom + 5 + SMALL, (_tick_text(tick),), "tick", size=SMALL, anchor="middle"))
        y = bottom + 8 + SMALL * LEADING
        middle = (x0 + x(top)) / 2
        axis_width = 2 * min(middle - MARGIN, WIDTH - MARGIN - middle)
        y = d.text("axis", middle, y, wrap(self.axis, axis_width, FONT), "axis", anchor="middle")
        if self.lines:
            y = _legend(d, y + 10, _legend_of_references(self.lines))
        d.height = y + MARGIN
        return d

    def svg(self, key: str) -> Markup:
        return self.drawing().svg(key)


def bar_chart(
    key: str, bars: list[Bar], title: str, axis: str, lines: tuple[ReferenceLine, ...] = (), limit: float | None = None
) -> Markup:
    """Horizontal bars, top to bottom in the order given, with reference lines (e.g. an EU target)."""
    return BarChart(tuple(bars), title, axis, tuple(lines), limit).svg(key)


def horizontal_bars(labels: list[str], values: list[float], title: str, xlabel: str, limit: float = 100) -> BarChart:
    """The cohort report's bars (shares of 0–100), each value written after its bar as a whole number,
    each label on at most two lines; draw it with svg_figure."""
    bars = tuple(Bar(label, value, f"{value:.0f}") for label, value in zip(labels, values, strict=True))
    return BarChart(bars, title, xlabel, limit=limit, label_lines=2)


# --- values over the years -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendChart:
    """Values over the years, one line per series, each point with its value written next to it.
    Where years are missing between two points, the connecting line is dotted: the chart must not
    suggest figures the data do not have."""

    series: tuple[Series, ...]
    title: str
    axis: str
    lines: tuple[ReferenceLine, ...] = ()
    years: tuple[int, int] | None = None

    def drawing(self) -> Drawing:
        d = Drawing()
        full = WIDTH - 2 * MARGIN
        y = d.text("title", MARGIN, MARGIN, wrap(self.title, full, TITLE, bold=True), "title", size=TITLE, bold=True)
        y = d.text("axis", MARGIN, y + 6, wrap(self.axis, full, FONT), "axis") + 10
        points = [sorted(s.points) for s in self.series]
        every = [p for one in points for p in one]
        highest = max([1.0, *(p[1] for p in every), *(ln.value for ln in self.lines)])
        step = _steps(highest * 1.1, 8)
        top = math.ceil(highest * 1.1 / step) * step
        ticks = [step * i for i in range(int(top // step) + 1)]
        years = [p[0] for p in every] + list(self.years or ())
        first, last = min(years), max(years)
        value_texts = [clean(p[2]) for p in every]
        x0 = MARGIN + max(text_width(_tick_text(t), SMALL) for t in ticks) + 6
        x1 = WIDTH - MARGIN - max([0.0, *(text_width(t, SMALL) / 2 for t in value_texts)])
        plot_top, bottom = y + 4, y + 4 + 200

        def x(year: float) -> float:
            return x0 + (x1 - x0) * (year - first + 0.5) / (last - first + 1)

        def v(value: float) -> float:
            return bottom - (bottom - plot_top) * max(0.0, value) / top

        for tick in ticks:
            d.add("grid", Line(x0, v(tick), x1, v(tick), "grid"))
            d.add("axis", Text(x0 - 5, v(tick) + SMALL * 0.36, (_tick_text(tick),), "tick", size=SMALL, anchor="end"))
        for line, style in _references(self.lines):
            d.add("references", replace(style, x1=x0, y1=v(line.value), x2=x1, y2=v(line.value)))
        d.add("axis", Line(x0, plot_top, x0, bottom, "axis"), Line(x0, bottom, x1, bottom, "axis"))
        year_width = text_width("0000", SMALL) + 10
        year_step = _steps(last - first + 1, max(1, int((x1 - x0) / year_width)))
        for year in range(first, last + 1):
            if year % year_step == 0:
                d.add("axis", Line(x(year), bottom, x(year), bottom + 4, "axis"))
                d.add("axis", Text(x(year), bottom + 5 + SMALL, (str(year),), "tick", size=SMALL, anchor="middle"))
        placed: list[tuple[float, float, float, float]] = [
            (x(p[0]) - 4, v(p[1]) - 4, x(p[0]) + 4, v(p[1]) + 4) for p in every
        ]  # the dots, then each value's box: no value is written over another or over a dot
        for index, one in enumerate(points):
            colour = COLOURS[index % len(COLOURS)]
            layer = f"series-{index}"
            for (x_a, y_a, _), (x_b, y_b, _) in itertools.pairwise(one):
                joined = x_b - x_a == 1
                d.add(
                    layer,
                    Line(
                        x(x_a), v(y_a), x(x_b), v(y_b), "series", colour, 2 if joined else 1.5, "" if joined else "2 3"
                    ),
                )
            d.add(layer, *(Dot(x(p[0]), v(p[1]), colour) for p in one))
        for year, value, text in sorted((p for p in every), key=lambda p: (p[0], -p[1])):
            text = clean(text)
            if text:
                d.add("values", self._value(x(year), v(value), text, placed))
        y = bottom + 8 + SMALL * LEADING + 10
        entries = [
            (s.label, Line(0, 0, 0, 0, "series", COLOURS[i % len(COLOURS)], 2)) for i, s in enumerate(self.series)
        ]
        y = _legend(d, y, entries + _legend_of_references(self.lines))
        d.height = y + MARGIN
        return d

    @staticmethod
    def _value(cx: float, cy: float, text: str, placed: list) -> Text:
        """A point's value, above it if there is room, else below it, or further up or down."""
        width, height = text_width(text, SMALL), SMALL * 1.2
        left = min(max(cx - width / 2, MARGIN), WIDTH - MARGIN - width)
        for baseline in (cy - 7, cy + 7 + SMALL, cy - 7 - height, cy + 7 + SMALL + height, cy - 7 - 2 * height):
            box = (left, baseline - SMALL, left + width, baseline - SMALL + height)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        return Text(left + width / 2, baseline, (text,), "value", size=SMALL, anchor="middle")

    def svg(self, key: str) -> Markup:
        return self.drawing().svg(key)


def trend_chart(
    key: str,
    series: list[Series],
    title: str,
    axis: str,
    lines: tuple[ReferenceLine, ...] = (),
    years: tuple[int, int] | None = None,
) -> Markup:
    """Values over the years, one line per series. Where years are missing between two points, the
    connecting line is dotted: the chart must not suggest figures the data do not have."""
    return TrendChart(tuple(series), title, axis, tuple(lines), years).svg(key)


# --- the cohort report's charts (progress/cohort.py) ------------------------------------------------------


def svg_figure(chart: BarChart, key: str, alt: str, caption: str = "") -> str:
    """A chart as <figure> HTML with inline SVG, alternative text and a caption
    (templates/charts/svg_figure.html, which escapes `alt` and `caption`; `alt`, in the <svg> tag, is
    cleaned as the chart's own text is).

    `key` must be unique on the page: it prefixes the SVG's ids. Returned as a plain str, since the
    cohort report appends pandas' HTML tables to it; wrap it in Markup to hand it to a template."""
    return render("charts/svg_figure.html", svg=chart.svg(key), alt=clean(alt), caption=caption)

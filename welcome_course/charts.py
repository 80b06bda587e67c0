"""Charts as inline SVG text: published (or a teacher's own) figures, and the cohort report's bars.

Each chart is drawn with matplotlib and saved as SVG that is the same bytes on
every run, so notebook outputs stay comparable by nbval:
- no date or software version in the file;
- matplotlib's ids are derived from a salt, here the chart's own key, and every
  id is then prefixed with that key, so several charts (some hidden) can share
  one page without their ids clashing;
- text stays text (svg.fonttype "none"): smaller files, and sharp at any size.

Only the drawing is here: titles, labels and numbers come from the caller
(figures/chapter.py builds them from the data rows; figures/static_html.py adds the source
caption and alternative text). Every bar and point carries its value written next to it,
so no reading depends on colour. matplotlib escapes every text it writes into the SVG, so
to_svg returns it as Markup, ready for a template; the <figure> around a cohort chart is
templates/charts/svg_figure.html.

Every text is drawn as written (STYLE, `_text`): never read as mathtext (`costs $5 or $10`
keeps its dollar signs, and a backslash is a backslash) or LaTeX, whatever the user's
matplotlibrc says; a legend shows every label, even one starting with '_'; and a character
the font cannot draw is replaced (chart_font.drawable), since matplotlib's warning would stop
the build: `check` refuses such characters in the course's own texts (checks/chart_text.py).
"""

from __future__ import annotations

import io
import itertools
import re
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

from .chart_font import FAMILY, drawable
from .figures.static_html import render_html
from .templating import Markup

COLOURS = ("#0a6b6b", "#b35900", "#4b3c8c", "#7a7a7a", "#1e7e34", "#a3195b")
TARGET_STYLES = ({"linestyle": "--", "color": "#b30000"}, {"linestyle": ":", "color": "#555555"})
FONT = 10
# Text as written, for every chart from its first artist to the saved SVG (a text artist reads these when it is made)
STYLE = {"text.parse_math": False, "text.usetex": False}


@contextmanager
def _drawing(**settings):
    with matplotlib.rc_context({**STYLE, **settings}):
        yield


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


def _text(text) -> str:
    """A text as the chart draws it: as written, but for characters the font cannot draw."""
    return drawable(str(text))


def _wrap(text: str, width: int = 60) -> str:
    text = _text(text)
    return "\n".join(textwrap.wrap(text, width)) or text


def _legend(ax, **options) -> None:
    """A legend of every labelled artist, with the label as written (matplotlib leaves out, when it
    collects them itself, an artist whose label starts with '_')."""
    handles = [a for a in ax.get_children() if getattr(a, "legend_label", None) is not None]
    ax.legend(handles, [h.legend_label for h in handles], **options)


def _labelled(artist, label: str):
    artist.legend_label = _text(label)
    return artist


def bar_chart(
    key: str, bars: list[Bar], title: str, axis: str, lines: tuple[ReferenceLine, ...] = (), limit: float | None = None
) -> str:
    """Horizontal bars, top to bottom in the order given, with reference lines (e.g. an EU target)."""
    with _drawing():
        return _bar_chart(key, bars, title, axis, lines, limit)


def _bar_chart(key, bars, title, axis, lines, limit) -> str:
    fig = Figure(figsize=(7.2, 0.42 * len(bars) + 1.9))
    ax = fig.add_subplot()
    positions = list(range(len(bars)))
    drawn = ax.barh(
        positions, [b.value for b in bars], color=[COLOURS[b.colour % len(COLOURS)] for b in bars], height=0.62
    )
    for patch, bar in zip(drawn.patches, bars, strict=True):
        if bar.gid:
            patch.set_gid(bar.gid)
    top = limit or max([b.value for b in bars] + [ln.value for ln in lines] + [1]) * 1.18
    ax.set_xlim(0, top)
    ax.set_yticks(positions, [_wrap(b.label, 38) for b in bars], fontsize=FONT)
    ax.invert_yaxis()
    for y, bar in zip(positions, bars, strict=True):
        ax.text(
            bar.value + top * 0.01,
            y,
            _text(bar.text),
            va="center",
            fontsize=FONT - 1,
            zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
        )
    for line, style in zip(lines, TARGET_STYLES, strict=False):  # at most as many lines as styles
        _labelled(ax.axvline(line.value, linewidth=1.5, **style), line.label)
    _finish(fig, ax, title, axis, x_is_value=True, legend=bool(lines))
    return to_svg(fig, key)


def trend_chart(
    key: str,
    series: list[Series],
    title: str,
    axis: str,
    lines: tuple[ReferenceLine, ...] = (),
    years: tuple[int, int] | None = None,
) -> str:
    """Values over the years, one line per series. Where years are missing between two points, the
    connecting line is dotted: the chart must not suggest figures the data do not have."""
    with _drawing():
        return _trend_chart(key, series, title, axis, lines, years)


def _trend_chart(key, series, title, axis, lines, years) -> str:
    fig = Figure(figsize=(7.2, 4.2))
    ax = fig.add_subplot()
    highest = 1.0
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = sorted(one.points)
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        _labelled(ax.plot(xs, ys, linestyle="none", marker="o", color=colour)[0], one.label)
        for (x0, y0, _), (x1, y1, _) in itertools.pairwise(points):
            ax.plot(
                [x0, x1],
                [y0, y1],
                color=colour,
                linewidth=2 if x1 - x0 == 1 else 1,
                linestyle="-" if x1 - x0 == 1 else ":",
            )
        for x, y, text in points:
            ax.annotate(
                _text(text),
                (x, y),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=FONT - 1,
                zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
            )
        highest = max([highest, *ys])
    for line, style in zip(lines, TARGET_STYLES, strict=False):  # at most as many lines as styles
        _labelled(ax.axhline(line.value, linewidth=1.5, **style), line.label)
        highest = max(highest, line.value)
    ax.set_ylim(0, highest * 1.25)
    if years:
        ax.set_xlim(years[0] - 0.5, years[1] + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _finish(fig, ax, title, axis, x_is_value=False, legend=True)
    return to_svg(fig, key)


def _finish(fig: Figure, ax, title: str, axis: str, x_is_value: bool, legend: bool) -> None:
    ax.set_title(_wrap(title, 70), loc="left", fontsize=FONT + 2, fontweight="bold")
    if x_is_value:
        ax.set_xlabel(_text(axis), fontsize=FONT)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    else:
        ax.set_ylabel(_wrap(axis, 40), fontsize=FONT)
        ax.set_xlabel("Year", fontsize=FONT)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=FONT - 1)
    ax.spines[["top", "right"]].set_visible(False)
    if legend:  # below the axis title, at the same distance whatever the chart's height
        below = offset_copy(ax.transAxes, fig=fig, y=-38, units="points")
        _legend(
            ax, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below, frameon=False, fontsize=FONT - 1, ncols=1
        )


def to_svg(fig: Figure, key: str) -> Markup:
    """The figure as an <svg> element for inline HTML: no prolog, no metadata, ids unique to `key`."""
    buffer = io.StringIO()
    with _drawing(**{"svg.hashsalt": key, "svg.fonttype": "none", "font.family": FAMILY}):
        fig.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            pad_inches=0.15,
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # the XML prolog and doctype do not belong inside HTML
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s(width|height)="[^"]*pt"', "", svg, count=2)  # scale with the page (the viewBox keeps the shape)
    prefix = escape(key, quote=True)  # a chart's key may hold an indicator's name from the schema
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    # Safe: matplotlib's SVG writer escapes every text and attribute it writes (titles, labels, ids),
    # and the rewriting above only prefixes ids with the escaped key.
    return Markup(svg.strip())


# The cohort report's charts (progress/cohort.py), with the same SVG writer as the data chapter.
def svg_figure(fig, key: str, alt: str, caption: str = "") -> str:
    """A figure as <figure> HTML with inline SVG, alternative text and a caption
    (templates/charts/svg_figure.html, which escapes `alt` and `caption`).

    `key` must be unique on the page: it prefixes the SVG's ids. Returned as a plain str, since the
    cohort report appends pandas' HTML tables to it; wrap it in Markup to hand it to a template."""
    return str(render_html("charts/svg_figure.html", svg=to_svg(fig, key), alt=alt, caption=caption))


def horizontal_bars(labels: list[str], values: list[float], title: str, xlabel: str, limit: float = 100):
    """A horizontal bar chart with its values written on the bars (so colour is never needed).

    Each bar's label is written above it, across the chart's whole width: the chart is drawn
    narrow (4.2 inches), so that scaled to a phone's width (390 px) its text keeps about the
    size of the page's small print."""
    wrapped = [_wrap_lines(_text(label), 52, 2) for label in labels]
    line = 0.16  # inches per line of text (9 points, with its spacing): the unit of the y axis
    tops, y = [], 0.0
    for label in wrapped:  # per row: the label, then the bar below it, then a gap
        tops.append(y)
        y += label.count("\n") + 1 + 1.6
    with _drawing():
        fig = Figure(figsize=(4.2, line * y + 1.1))  # not pyplot: no global state, no backend to choose
        ax = fig.subplots()
        centres = [top + label.count("\n") + 1 + 0.55 for top, label in zip(tops, wrapped, strict=True)]
        ax.barh(centres, values, height=0.9, color="#0a6b6b")
        for top, label, centre, value in zip(tops, wrapped, centres, values, strict=True):
            ax.text(0, top + 0.1, label, va="top", ha="left", fontsize=FONT - 1, linespacing=1.2)
            ax.text(value + limit * 0.01, centre, f"{value:.0f}", va="center", fontsize=FONT - 1)
        ax.set_ylim(y - 0.3, -0.2)  # the first bar on top
        ax.set_yticks([])
        ax.set_xlim(0, limit * 1.1)  # room for the value written after a full bar
        ax.set_xlabel(_wrap(_text(xlabel), 60), fontsize=FONT - 1)
        ax.set_title(_wrap(_text(title), 55), loc="left", fontsize=FONT)
        ax.tick_params(labelsize=FONT - 1)
        ax.spines[["top", "right", "left"]].set_visible(False)
    return fig


def _wrap_lines(text: str, width: int, most: int) -> str:
    """`text` wrapped at `width` characters on at most `most` lines, the last cut with '…' if need be."""
    lines = textwrap.wrap(text, width) or [text]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return "\n".join(lines)

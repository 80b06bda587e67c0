"""What the figures chapter's code cells display: charts, the explorer, the own-figures tool, sources.

The notebook book/figures.ipynb calls one method per cell:

    from welcome_course.figure_display import figures_chapter
    figures = figures_chapter()
    figures.citizenship_chart()

Each call returns a display.Activity: static HTML for the book (charts as
inline SVG with a source caption and alternative text), a live ipywidgets view
in Jupyter where there is something to choose, and the alternative text as
text/plain. Which rows each chart shows, and the sentences around them, are
decided here; the rows themselves come from data/education-figures.csv only.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from . import figure_plots as plots
from .content.problems import ContentError
from .display import Activity
from .figure_html import (
    WORDS,
    caption_html,
    explorer_html,
    figure_html,
    own_tool_html,
    problems_html,
    sources_html,
)
from .figures import TEMPLATE_FILE, Figure, Figures, OwnFigure, Target, load_figures, read_own_figures

EARLY = "early_leavers_18_24"
CITIZENSHIP = ("nationals", "other_EU_citizens", "non_EU_citizens")


def figures_chapter(root: Path | None = None) -> "FigureActivities":
    return FigureActivities(load_figures(root))


def _listing(items: list[tuple[str, str]]) -> str:
    return " ".join(f"{label}: {value}." for label, value in items)


def _lower_first(text: str) -> str:
    """'Earlier EU benchmark' -> 'earlier EU benchmark', but 'EU target' stays."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _lines(targets: tuple[Target, ...]) -> tuple[plots.ReferenceLine, ...]:
    return tuple(plots.ReferenceLine(t.value, t.label) for t in targets)


class FigureActivities:
    def __init__(self, figures: Figures):
        self.figures = figures
        self.schema = figures.schema

    # --- labels -------------------------------------------------------------
    def group(self, row_or_id) -> str:
        return self.schema.groups[row_or_id if isinstance(row_or_id, str) else row_or_id.group].label

    def place(self, row: Figure) -> str:
        return self.schema.geos[row.geo].short

    def _chart(self, key: str, svg: str, alt: str, rows: list[Figure], table: list[tuple[str, str]],
               extra_caption: str = "") -> Activity:
        html = figure_html(key, svg, alt, caption_html(self.figures, rows, extra_caption), table)
        return Activity(html, alt)

    # --- the chapter's charts ---------------------------------------------------
    def citizenship_chart(self) -> Activity:
        """Early leavers in the EU27 in 2023, by citizenship, with the EU's 2030 target."""
        rows = [self.figures.get(EARLY, g, "EU27", 2023) for g in CITIZENSHIP]
        targets = tuple(t for t in self.schema.targets_for(EARLY) if t.year >= 2023)
        indicator = self.figures.indicator(EARLY)
        title = f"{indicator.label} by citizenship, EU27, 2023"
        bars = [plots.Bar(self.group(r), r.value, r.text) for r in rows]
        svg = plots.bar_chart("wc-citizenship", bars, title, indicator.axis, _lines(targets))
        table = [(self.group(r), r.text) for r in rows] + [(t.label, "") for t in targets]
        alt = (f"Bar chart: {_lower_first(indicator.label)} in the EU27 in 2023, by citizenship. "
               + _listing([(self.group(r), r.text) for r in rows])
               + " " + " ".join(f"A dashed line marks the {_lower_first(t.label)}." for t in targets))
        return self._chart("citizenship", svg, alt, rows, table)

    def trend_chart(self) -> Activity:
        """Early leavers among all young people, EU27, over the years; Cedefop's 2010 EU figure apart."""
        indicator = self.figures.indicator(EARLY)
        eu27 = sorted((r for r in self.figures.select(EARLY, "all", "EU27")), key=lambda r: r.reference_year)
        eu2010 = self.figures.select(EARLY, "all", "EU")
        targets = self.schema.targets_for(EARLY)
        series = [plots.Series("Everyone, EU27 (Eurostat and European Commission)",
                               tuple((r.reference_year, r.value, r.text) for r in eu27))]
        if eu2010:
            series.append(plots.Series("Everyone, EU as it was in 2010 (Cedefop, rounded)",
                                       tuple((r.reference_year, r.value, r.text) for r in eu2010)))
        first, last = eu27[0].reference_year, eu27[-1].reference_year
        title = f"{indicator.label}, all young people, EU, {min([first] + [r.reference_year for r in eu2010])}–{last}"
        svg = plots.trend_chart("wc-trend", series, title, indicator.axis, _lines(targets),
                                years=(min([first] + [r.reference_year for r in eu2010]), last))
        rows = eu2010 + eu27
        table = [(f"{self.place(r)}, {r.year}", r.text) for r in rows] + [(t.label, "") for t in targets]
        alt = (f"Line chart: {_lower_first(indicator.label)} among all 18–24-year-olds. "
               + _listing([(f"EU27, {r.year}", r.text) for r in eu27])
               + (" " + _listing([(f"EU in {r.year} (Cedefop, rounded)", r.text) for r in eu2010]) if eu2010 else "")
               + f" The course has no figures for {first + 1} to {eu27[1].reference_year - 1}; a dotted line joins the points."
               + " Horizontal lines mark the " + " and the ".join(_lower_first(t.label) for t in targets) + ".")
        return self._chart("trend", svg, alt, rows, table)

    def countries_chart(self) -> Activity:
        """2010: the EU average and the highest and lowest country, for young people born abroad and foreign citizens."""
        indicator = self.figures.indicator(EARLY)
        rows: list[Figure] = []
        bars = []
        for colour, group in enumerate(("foreign_born", "foreign_citizens")):
            ones = [r for r in self.figures.select(EARLY, group) if r.year == "2010"]
            ones.sort(key=lambda r: -r.value)
            for row in ones:
                rows.append(row)
                bars.append(plots.Bar(f"{self.group(row)}: {self.place(row)}", row.value, row.text, colour=colour))
        everyone = self.figures.get(EARLY, "all", "EU", 2010)
        line = plots.ReferenceLine(everyone.value, f"Everyone, EU, 2010: {everyone.text}")
        title = f"{indicator.label}, 2010: the EU and the highest and lowest country"
        svg = plots.bar_chart("wc-countries", bars, title, indicator.axis, (line,))
        table = [(f"{self.group(r)}, {self.place(r)}", r.text) for r in rows] + [("Everyone, EU", everyone.text)]
        alt = (f"Bar chart: {_lower_first(indicator.label)} in 2010. " + _listing(table)
               + " A dashed line marks the figure for everyone in the EU.")
        return self._chart("countries", svg, alt, rows + [everyone], table,
                           "The highest and lowest among the countries with figures; rounded.")

    # --- the explorer -------------------------------------------------------------
    def indicator_chart(self, indicator: str, rows: list[Figure], key: str, with_ids: bool) -> tuple[str, str]:
        """Every given row of one indicator as a bar (ordered by year, place and group), and its alt text."""
        info = self.figures.indicator(indicator)
        geo_order = list(self.schema.geos)
        group_order = list(self.schema.groups)
        rows = sorted(rows, key=lambda r: (r.reference_year, geo_order.index(r.geo), group_order.index(r.group)))
        colours = [g for g in group_order if any(r.group == g for r in rows)]  # one colour per group shown
        bars = [plots.Bar(f"{self.group(r)}, {self.schema.geos[r.geo].short}, {r.year}", r.value, r.text,
                          gid=f"wcbar-{r.dom_id}" if with_ids else "", colour=colours.index(r.group))
                for r in rows]
        targets = self.schema.targets_for(indicator)
        svg = plots.bar_chart(key, bars, info.label, info.axis, _lines(targets), limit=100 if info.is_share and
                              max(r.value for r in rows) > 60 else None)
        alt = f"Bar chart: {_lower_first(info.label)}. " + _listing([(b.label, b.text) for b in bars])
        if targets:
            alt += " Lines mark the " + " and the ".join(_lower_first(t.label) for t in targets) + "."
        return svg, alt

    @cached_property
    def _explorer_html(self) -> str:
        charts = {}
        for indicator in self.figures.values("indicator"):
            rows = self.figures.select(indicator)
            key = f"wc-x-{indicator}"
            svg, alt = self.indicator_chart(indicator, rows, key, with_ids=True)
            charts[indicator] = figure_html(key, svg, alt, caption_html(self.figures, rows))
        return explorer_html(self.figures, charts, EARLY)

    def explorer(self) -> Activity:
        """Choose an indicator, a group and a country: live in Jupyter, a filter in the book."""
        html = self._explorer_html
        plain = f"Explore the {len(self.figures.rows)} published figures by indicator, group and country."

        def make_widget():
            from .figure_widgets import ExplorerWidget
            return ExplorerWidget(self)

        return Activity(html, plain, make_widget)

    def sources(self) -> Activity:
        plain = "\n".join(f"- {s.publisher}, {s.title} <{s.url}>" for s in self.schema.sources.values())
        return Activity(sources_html(self.figures), plain)

    # --- a teacher's own figures ---------------------------------------------------
    def own_bars(self, rows: list[OwnFigure]) -> tuple[list[plots.Bar], list[Figure]]:
        """A teacher's figures as bars, group by group, each group followed by the EU27's figure for 2023
        (the page script draws the same bars: see the browser tests)."""
        eu = {r.group: r for r in self.figures.rows if r.indicator == EARLY and r.geo == "EU27" and r.year == "2023"}
        bars, used_eu = [], []
        for group in self.schema.groups:
            ones = sorted((r for r in rows if r.group == group), key=lambda r: (r.place, r.year))
            bars += [plots.Bar(f"{self.group(group)}: {r.place}, {r.year}", r.value, r.text) for r in ones]
            if ones and group in eu:
                used_eu.append(eu[group])
                bars.append(plots.Bar(WORDS["own_eu_label"].format(group=self.group(group)), eu[group].value,
                                      eu[group].text, colour=3))
        return bars, used_eu

    def own_charts(self, rows: list[OwnFigure]) -> str:
        """A teacher's figures drawn like the chapter's: by group next to the EU's, and over time."""
        target = next(t for t in self.schema.targets_for(EARLY) if t.year == 2030)
        bars, used_eu = self.own_bars(rows)
        svg = plots.bar_chart("wc-own-bars", bars, WORDS["own_title"], WORDS["own_axis"], _lines((target,)))
        alt = "Bar chart: " + _listing([(b.label, b.text) for b in bars])
        caption = (caption_html(self.figures, used_eu, WORDS["own_note"]) if used_eu else "")
        html = figure_html("own-bars", svg, alt, caption, [(b.label, b.text) for b in bars])
        years = sorted({r.year for r in rows})
        if len(years) > 1:
            series = []
            for place in sorted({r.place for r in rows}):
                for group in self.schema.groups:
                    points = tuple((r.year, r.value, r.text) for r in rows if r.place == place and r.group == group)
                    if points:
                        series.append(plots.Series(f"{self.group(group)}: {place}", points))
            svg = plots.trend_chart("wc-own-trend", series, "Your figures over the years", WORDS["own_axis"],
                                    _lines((target,)), years=(years[0], years[-1]))
            alt = "Line chart: " + " ".join(f"{s.label}: " + ", ".join(f"{y} {t}" for y, _, t in s.points) + "." for s in series)
            html += figure_html("own-trend", svg, alt, "", None)
        return html

    def my_figures(self, path: str | Path | None = None) -> Activity:
        """Without a path: the exercise (a form in the book, a form in Jupyter). With the path of a
        filled-in copy of the template: its charts, or the list of what to correct."""
        if path is None:
            template = (self.figures.root / TEMPLATE_FILE).read_text(encoding="utf-8")

            def make_widget():
                from .figure_widgets import OwnFiguresWidget
                return OwnFiguresWidget(self, template)

            return Activity(own_tool_html(self.figures, template),
                            "Your own figures: fill in the template and draw them.", make_widget)
        try:
            rows = read_own_figures(path)
        except ContentError as err:
            return Activity(problems_html(err.problems), str(err))
        return Activity(self.own_charts(rows), f"Your figures: {len(rows)} rows drawn.")


"""What the figures chapter's code cells display: charts, the explorer, the own-figures tool, sources.

The notebook book/figures.ipynb calls one method per cell:

    from welcome_course.figures.chapter import figures_chapter
    figures = figures_chapter()
    figures.citizenship_chart()

Each call returns a display.Activity: static HTML for the book (charts as
inline SVG with a source caption and alternative text, from the templates of
figures/static_html.py), a live ipywidgets view
in Jupyter where there is something to choose, and the alternative text as
text/plain. Which rows each chart shows, and the sentences around them, are
decided here; the rows themselves come from data/education-figures.csv only.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .. import charts as plots
from ..activities.display import Activity
from ..content.interface import ui_text
from ..content.problems import ContentError
from ..templating import Markup
from .data import TEMPLATE_FILE, Figure, Figures, OwnFigure, Target, load_figures, read_own_figures
from .static_html import (
    caption_html,
    explorer_html,
    figure_html,
    own_tool_html,
    problems_html,
    sources_html,
)

EARLY = "early_leavers_18_24"
CITIZENSHIP = ("nationals", "other_EU_citizens", "non_EU_citizens")


def figures_chapter(root: Path | None = None) -> FigureActivities:
    return FigureActivities(load_figures(root))


def _lower_first(text: str) -> str:
    """'Earlier EU benchmark' -> 'earlier EU benchmark', but 'EU target' stays."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _and(figures: Figures, items: list[str]) -> str:
    """'a', 'a and the b', 'a and the b and the c': the course's way of naming reference lines."""
    text = items[0] if items else ""
    for item in items[1:]:
        text = ui_text(figures, "figures_and", first=text, second=item)
    return text


def _lines(targets: tuple[Target, ...]) -> tuple[plots.ReferenceLine, ...]:
    return tuple(plots.ReferenceLine(t.value, t.label) for t in targets)


class FigureActivities:
    def __init__(self, figures: Figures):
        self.figures = figures
        self.schema = figures.schema

    # --- labels -------------------------------------------------------------
    def words(self, key: str, /, **fill) -> str:
        """A word of the chapter from data/interface.yml, with its {placeholders} filled in."""
        return ui_text(self.figures, key, **fill)

    def pair(self, label: str, value: str) -> str:
        """A label and its value or detail, e.g. a bar's 'Non-EU citizens: France' (interface word
        label_value, which a translation punctuates its own way: 'Nationaux : 8,2 %')."""
        return self.words("label_value", label=label, value=value)

    def listing(self, items: list[tuple[str, str]]) -> str:
        """Figures read out in a sentence: 'Nationals: 8.2 %. Non-EU citizens: 25.3 %.'"""
        return " ".join(self.pair(label, value) + "." for label, value in items)

    def group(self, row_or_id) -> str:
        return self.schema.groups[row_or_id if isinstance(row_or_id, str) else row_or_id.group].label

    def place(self, row: Figure) -> str:
        return self.schema.geos[row.geo].short

    def _chart(
        self, key: str, svg: str, alt: str, rows: list[Figure], table: list[tuple[str, str]], extra_caption: str = ""
    ) -> Activity:
        html = figure_html(self.figures, key, svg, alt, caption_html(self.figures, rows, extra_caption), table)
        return Activity(html, alt)

    # --- the chapter's charts ---------------------------------------------------
    def citizenship_chart(self) -> Activity:
        """Early leavers in the EU27 in 2023, by citizenship, with the EU's 2030 target."""
        rows = [self.figures.get(EARLY, g, "EU27", 2023) for g in CITIZENSHIP]
        targets = tuple(t for t in self.schema.targets_for(EARLY) if t.year >= 2023)
        indicator = self.figures.indicator(EARLY)
        title = self.words("figures_citizenship_title", indicator=indicator.label)
        bars = [plots.Bar(self.group(r), r.value, r.text) for r in rows]
        svg = plots.bar_chart("wc-citizenship", bars, title, indicator.axis, _lines(targets))
        table = [(self.group(r), r.text) for r in rows] + [(t.label, "") for t in targets]
        alt = (
            self.words(
                "figures_citizenship_alt",
                indicator=_lower_first(indicator.label),
                figures=self.listing([(self.group(r), r.text) for r in rows]),
            )
            + " "
            + " ".join(self.words("figures_citizenship_line", target=_lower_first(t.label)) for t in targets)
        )
        return self._chart("citizenship", svg, alt, rows, table)

    def trend_chart(self) -> Activity:
        """Early leavers among all young people, EU27, over the years; Cedefop's 2010 EU figure apart."""
        indicator = self.figures.indicator(EARLY)
        eu27 = sorted((r for r in self.figures.select(EARLY, "all", "EU27")), key=lambda r: r.reference_year)
        eu2010 = self.figures.select(EARLY, "all", "EU")
        targets = self.schema.targets_for(EARLY)
        series = [
            plots.Series(self.words("figures_trend_eu27"), tuple((r.reference_year, r.value, r.text) for r in eu27))
        ]
        if eu2010:
            series.append(
                plots.Series(
                    self.words("figures_trend_eu2010"), tuple((r.reference_year, r.value, r.text) for r in eu2010)
                )
            )
        first, last = eu27[0].reference_year, eu27[-1].reference_year
        start = min([first] + [r.reference_year for r in eu2010])
        title = self.words("figures_trend_title", indicator=indicator.label, first=start, last=last)
        svg = plots.trend_chart("wc-trend", series, title, indicator.axis, _lines(targets), years=(start, last))
        rows = eu2010 + eu27
        table = [(f"{self.place(r)}, {r.year}", r.text) for r in rows] + [(t.label, "") for t in targets]
        alt = (
            self.words(
                "figures_trend_alt",
                indicator=_lower_first(indicator.label),
                figures=self.listing([(self.words("figures_trend_eu27_year", year=r.year), r.text) for r in eu27]),
            )
            + (
                " " + self.listing([(self.words("figures_trend_eu2010_year", year=r.year), r.text) for r in eu2010])
                if eu2010
                else ""
            )
            + " "
            + self.words("figures_trend_gap", first=first + 1, last=eu27[1].reference_year - 1)
            + " "
            + self.words("figures_trend_lines", targets=_and(self.figures, [_lower_first(t.label) for t in targets]))
        )
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
                bars.append(plots.Bar(self.pair(self.group(row), self.place(row)), row.value, row.text, colour=colour))
        everyone = self.figures.get(EARLY, "all", "EU", 2010)
        line = plots.ReferenceLine(everyone.value, self.words("figures_countries_line", value=everyone.text))
        title = self.words("figures_countries_title", indicator=indicator.label)
        svg = plots.bar_chart("wc-countries", bars, title, indicator.axis, (line,))
        table = [(f"{self.group(r)}, {self.place(r)}", r.text) for r in rows] + [
            (self.words("figures_countries_everyone"), everyone.text)
        ]
        alt = self.words("figures_countries_alt", indicator=_lower_first(indicator.label), figures=self.listing(table))
        return self._chart("countries", svg, alt, [*rows, everyone], table, self.words("figures_countries_note"))

    # --- the explorer -------------------------------------------------------------
    def indicator_chart(self, indicator: str, rows: list[Figure], key: str, with_ids: bool) -> tuple[Markup, str]:
        """Every given row of one indicator as a bar (ordered by year, place and group), and its alt text."""
        info = self.figures.indicator(indicator)
        geo_order = list(self.schema.geos)
        group_order = list(self.schema.groups)
        rows = sorted(rows, key=lambda r: (r.reference_year, geo_order.index(r.geo), group_order.index(r.group)))
        colours = [g for g in group_order if any(r.group == g for r in rows)]  # one colour per group shown
        bars = [
            plots.Bar(
                f"{self.group(r)}, {self.schema.geos[r.geo].short}, {r.year}",
                r.value,
                r.text,
                gid=f"wcbar-{r.dom_id}" if with_ids else "",
                colour=colours.index(r.group),
            )
            for r in rows
        ]
        targets = self.schema.targets_for(indicator)
        svg = plots.bar_chart(
            key,
            bars,
            info.label,
            info.axis,
            _lines(targets),
            limit=100 if info.is_share and max(r.value for r in rows) > 60 else None,
        )
        alt = self.words(
            "figures_explorer_alt",
            indicator=_lower_first(info.label),
            figures=self.listing([(b.label, b.text) for b in bars]),
        )
        if targets:
            alt += " " + self.words(
                "figures_explorer_lines", targets=_and(self.figures, [_lower_first(t.label) for t in targets])
            )
        return svg, alt

    @cached_property
    def _explorer_html(self) -> Markup:
        charts = {}
        for indicator in self.figures.values("indicator"):
            rows = self.figures.select(indicator)
            key = f"wc-x-{indicator}"
            svg, alt = self.indicator_chart(indicator, rows, key, with_ids=True)
            charts[indicator] = figure_html(self.figures, key, svg, alt, caption_html(self.figures, rows))
        return explorer_html(self.figures, charts, EARLY)

    def explorer(self) -> Activity:
        """Choose an indicator, a group and a country: live in Jupyter, a filter in the book."""
        html = self._explorer_html
        plain = self.words("figures_explorer_plain", count=len(self.figures.rows))

        def make_widget():
            from .widgets import ExplorerWidget

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
            bars += [plots.Bar(self.pair(self.group(group), f"{r.place}, {r.year}"), r.value, r.text) for r in ones]
            if ones and group in eu:
                used_eu.append(eu[group])
                bars.append(
                    plots.Bar(
                        self.words("figures_own_eu_label", group=self.group(group)),
                        eu[group].value,
                        eu[group].text,
                        colour=3,
                    )
                )
        return bars, used_eu

    def own_charts(self, rows: list[OwnFigure]) -> Markup:
        """A teacher's figures drawn like the chapter's: by group next to the EU's, and over time."""
        target = next(t for t in self.schema.targets_for(EARLY) if t.year == 2030)
        bars, used_eu = self.own_bars(rows)
        axis = self.words("figures_own_axis")
        svg = plots.bar_chart("wc-own-bars", bars, self.words("figures_own_title"), axis, _lines((target,)))
        alt = self.words("figures_own_bars_alt", figures=self.listing([(b.label, b.text) for b in bars]))
        caption = caption_html(self.figures, used_eu, self.words("figures_own_note")) if used_eu else ""
        html = figure_html(self.figures, "own-bars", svg, alt, caption, [(b.label, b.text) for b in bars])
        years = sorted({r.year for r in rows})
        if len(years) > 1:
            series = []
            for place in sorted({r.place for r in rows}):
                for group in self.schema.groups:
                    points = tuple((r.year, r.value, r.text) for r in rows if r.place == place and r.group == group)
                    if points:
                        series.append(plots.Series(self.pair(self.group(group), place), points))
            svg = plots.trend_chart(
                "wc-own-trend",
                series,
                self.words("figures_own_trend_title"),
                axis,
                _lines((target,)),
                years=(years[0], years[-1]),
            )
            alt = self.words(
                "figures_own_trend_alt",
                figures=" ".join(f"{s.label}: " + ", ".join(f"{y} {t}" for y, _, t in s.points) + "." for s in series),
            )
            html += figure_html(self.figures, "own-trend", svg, alt, "", None)  # Markup + Markup: nothing escaped twice
        return html

    def my_figures(self, path: str | Path | None = None) -> Activity:
        """Without a path: the exercise (a form in the book, a form in Jupyter). With the path of a
        filled-in copy of the template: its charts, or the list of what to correct."""
        if path is None:
            template = (self.figures.root / TEMPLATE_FILE).read_text(encoding="utf-8")

            def make_widget():
                from .widgets import OwnFiguresWidget

                return OwnFiguresWidget(self, template)

            return Activity(own_tool_html(self.figures, template), self.words("figures_own_plain"), make_widget)
        try:
            rows = read_own_figures(path)
        except ContentError as err:
            return Activity(problems_html(self.figures, err.problems), str(err))
        return Activity(self.own_charts(rows), self.words("figures_own_drawn", count=len(rows)))

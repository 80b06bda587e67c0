"""The static rendering of the figures chapter: charts with captions, the explorer, the own-figures tool.

The markup is in templates/figures/ (and templates/charts/ for the image of a chart), rendered by
templating.py with autoescaping on: every piece of text from the data, the schema, the interface
words or a teacher's table is escaped by Jinja there. The only values a template takes as HTML
are Markup made here: another template's output, and the SVG of charts.py (written by
templates/charts/chart.svg, which escapes every text). The page script (static/welcome-course-figures.js) never builds markup from text: it shows and hides elements
rendered here, and writes text with textContent. The chapter's fixed words are in
data/interface.yml (the figures_… keys), read with the figures (Figures.interface) and fetched
with content/interface.ui_text (the templates call it as `words`).

Nothing here depends on the time or on chance: ids derive from chart keys and
from the rows' line numbers, so stored notebook outputs are the same every run.
"""

from __future__ import annotations

import json
from functools import partial

from ..charts import clean
from ..content.interface import ui_text
from ..content.problems import Problem
from ..templating import Markup, render
from .data import (
    OWN_COLUMNS,
    OWN_GROUPS,
    OWN_MESSAGES,
    OWN_WHAT,
    OWN_YEARS,
    Figure,
    Figures,
    Source,
)


def render_html(name: str, /, **context) -> Markup:
    """The template `name` rendered, as Markup: our own HTML, ready to go into another template."""
    return Markup(render(name, **context))  # safe: a template of ours, every text in it escaped by Jinja


def _words(figures: Figures):
    """`words("figures_…", **fill)` for the templates: the chapter's words from data/interface.yml."""
    return partial(ui_text, figures)


def source_citation_html(figures: Figures, source: Source) -> Markup:
    """'Eurostat, <a>Title</a> (kind)', with the publisher's own page when the figures were read from a copy."""
    return render_html("figures/citation.html", source=source, words=_words(figures))


def caption_html(figures: Figures, rows: list[Figure], extra: str = "") -> Markup:
    """The source line of a chart: every source of its rows, with the years of the figures used."""
    by_source: dict[str, list[str]] = {}
    for row in rows:
        years = by_source.setdefault(row.source_url, [])
        if row.year not in years:
            years.append(row.year)
    parts = [
        (figures.schema.source(url), ui_text(figures, "figures_years", years=", ".join(sorted(years))))
        for url, years in by_source.items()
    ]
    return render_html("figures/caption.html", parts=parts, extra=extra, words=_words(figures))


def figure_html(
    figures: Figures, key: str, svg: Markup, alt: str, caption: Markup | str, table: list[tuple[str, str]] | None = None
) -> Markup:
    """A chart: the SVG (an image with its alternative text, in its <svg> tag and so cleaned as the
    chart's own text is; Markup from charts.py), a source caption (Markup from caption_html, or ""),
    and the chart's figures as a small table for readers who cannot see it."""
    return render_html(
        "figures/figure.html", key=key, svg=svg, alt=clean(alt), caption=caption, table=table, words=_words(figures)
    )


# --- the explorer ---------------------------------------------------------------


def table_html(figures: Figures, rows: list[Figure], table_id: str = "") -> Markup:
    """The given figures as a table, each with its source."""
    return render_html("figures/table.html", figures=figures, rows=rows, table_id=table_id, words=_words(figures))


def explorer_html(figures: Figures, charts: dict[str, Markup], selected_indicator: str) -> Markup:
    """Choose an indicator, a group and a country: the table keeps the matching figures, the
    indicator's chart is shown with the other figures pale. Without JavaScript, every chart and
    every figure stays visible. `charts`: each indicator's chart, from figure_html."""
    schema = figures.schema
    options = {
        "indicator": [(k, schema.indicators[k].label) for k in figures.values("indicator")],
        "group": [(k, schema.groups[k].label) for k in figures.values("group")],
        "geo": [(k, schema.geos[k].name) for k in figures.values("geo")],
    }
    return render_html(
        "figures/explorer.html",
        figures=figures,
        charts=charts,
        options=options,
        selected_indicator=selected_indicator,
        words=_words(figures),
    )


# --- sources ------------------------------------------------------------------------


def sources_html(figures: Figures) -> Markup:
    """Every source of the course's figures, with how many figures come from it and which years."""
    items = []
    for url, source in figures.schema.sources.items():
        rows = [r for r in figures.rows if r.source_url == url]
        targets = [t for t in figures.schema.targets if t.source == url]
        years = sorted({r.year for r in rows})
        what = []
        if rows:
            what.append(
                ui_text(
                    figures,
                    "figures_source_one" if len(rows) == 1 else "figures_source_many",
                    count=len(rows),
                    years=", ".join(years),
                )
            )
        what += [t.label for t in targets]
        items.append((source, "; ".join(what)))
    return render_html("figures/sources.html", items=items, words=_words(figures))


# --- a teacher's own figures --------------------------------------------------------


def problems_html(figures: Figures, problems: list[Problem]) -> Markup:
    return render_html("figures/problems.html", problems=problems, words=_words(figures))


def own_config(figures: Figures) -> dict:
    """What the page script needs to check and draw a teacher's table exactly as Python does."""
    schema = figures.schema
    eu = {}
    for group in OWN_GROUPS:
        try:
            row = figures.get("early_leavers_18_24", group, "EU27", 2023)
        except KeyError:
            continue
        eu[group] = {
            "value": row.value,
            "text": row.text,
            "label": ui_text(figures, "figures_own_eu_label", group=schema.groups[group].label),
        }
    target = next(t for t in schema.targets_for("early_leavers_18_24") if t.year == 2030)
    return {
        "columns": list(OWN_COLUMNS),
        "groups": {g: group.label for g, group in schema.groups.items() if g in OWN_GROUPS},  # in the schema's order
        "group_ids": list(OWN_GROUPS),
        "years": list(OWN_YEARS),
        "messages": OWN_MESSAGES,
        "what": OWN_WHAT,
        "eu": eu,
        "target": {"value": target.value, "label": target.label},
        "title": ui_text(figures, "figures_own_title"),
        "axis": ui_text(figures, "figures_own_axis"),
        "problems": ui_text(figures, "figures_own_problems"),
        "done": ui_text(figures, "figures_own_done"),  # {count} is filled in by the page script
    }


def own_tool_html(figures: Figures, template: str) -> Markup:
    """Paste or type a table in the page, check it, and see it drawn next to the EU's figures."""
    eu_rows = [
        figures.get("early_leavers_18_24", g, "EU27", 2023)
        for g in OWN_GROUPS
        if ("early_leavers_18_24", g, "EU27", "2023") in {r.key for r in figures.rows}
    ]
    return render_html(
        "figures/own_tool.html",
        config=json.dumps(own_config(figures), ensure_ascii=False),  # escaped by the template, like any text
        template=template,
        source=figures.source(eu_rows[0]),
        caption_parts=ui_text(figures, "figures_own_caption").split("{citation}"),
        words=_words(figures),
    )

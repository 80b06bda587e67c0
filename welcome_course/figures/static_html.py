"""The static rendering of the figures chapter: charts with captions, the explorer, the own-figures tool.

As in activities/static_html.py, every piece of text goes through `esc` (imported from
there: escaping happens in one function), and the page script
(static/welcome-course-figures.js) never builds markup from text: it shows and
hides elements rendered here, and writes text with textContent. The chapter's
fixed words are in data/interface.yml (the figures_… keys), read with the
figures (Figures.interface) and fetched with content/interface.ui_text.

Nothing here depends on the time or on chance: ids derive from chart keys and
from the rows' line numbers, so stored notebook outputs are the same every run.
"""

from __future__ import annotations

import json

from ..content.problems import Problem
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
from ..activities.static_html import attrs, esc
from ..content.interface import ui_text

PREFIX = "wc"

def source_citation_html(figures: Figures, source: Source) -> str:
    """'Eurostat, <a>Title</a> (kind)', with the publisher's own page when the figures were read from a copy."""
    html = f'{esc(source.publisher)}, <a href="{esc(source.url)}">{esc(source.title)}</a>'
    if source.kind:
        html += f" ({esc(source.kind)})"
    if source.publisher_url:
        html += f'; <a href="{esc(source.publisher_url)}">{esc(ui_text(figures, "figures_publisher_page"))}</a>'
    return html


def caption_html(figures: Figures, rows: list[Figure], extra: str = "") -> str:
    """The source line of a chart: every source of its rows, with the years of the figures used."""
    by_source: dict[str, list[str]] = {}
    for row in rows:
        years = by_source.setdefault(row.source_url, [])
        if row.year not in years:
            years.append(row.year)
    parts = []
    for url, years in by_source.items():
        years_text = ui_text(figures, "figures_years", years=", ".join(sorted(years)))
        parts.append(f"{source_citation_html(figures, figures.schema.source(url))}, {esc(years_text)}")
    label = ui_text(figures, "figures_source" if len(parts) == 1 else "figures_sources")
    extra_html = f" {esc(extra)}" if extra else ""
    return f'{esc(label)} {"; ".join(parts)}.{extra_html}'


def figure_html(figures: Figures, key: str, svg: str, alt: str, caption: str, table: list[tuple[str, str]] | None = None) -> str:
    """A chart: the SVG (an image with its alternative text), a source caption (already HTML),
    and the chart's figures as a small table for readers who cannot see it."""
    svg = svg.replace("<svg ", f'<svg role="img"{attrs(aria_label=alt)} ', 1)
    details = ""
    if table:
        body = "".join(f"<tr><td>{esc(label)}</td><td>{esc(value)}</td></tr>" for label, value in table)
        details = (f'<details class="{PREFIX}-figure-data"><summary>{esc(ui_text(figures, "figures_in_this_chart"))}</summary>'
                   f"<table><tbody>{body}</tbody></table></details>")
    return (f'<div class="{PREFIX}-chart"><figure class="{PREFIX}-figure" id="{PREFIX}-figure-{esc(key)}">{svg}'
            f"<figcaption>{caption}</figcaption></figure>{details}</div>")


# --- the explorer ---------------------------------------------------------------

def row_cells(figures: Figures, row: Figure) -> list[str]:
    indicator = figures.indicator(row)
    note = f'<br><span class="{PREFIX}-row-note">{esc(row.note)}</span>' if row.note else ""
    source = figures.source(row)
    return [
        esc(indicator.label),
        esc(figures.schema.groups[row.group].label),
        esc(figures.schema.geos[row.geo].name),
        esc(row.year),
        f'<span class="{PREFIX}-value">{esc(row.text)}</span>{note}',
        f'<a href="{esc(source.url)}">{esc(source.publisher)}</a>',
    ]


def table_html(figures: Figures, rows: list[Figure], table_id: str = "") -> str:
    heads = "".join(f'<th scope="col">{esc(ui_text(figures, "figures_" + k))}</th>'
                    for k in ("what", "group", "geo", "year", "value", "source_column"))
    body = "".join(
        f'<tr{attrs(data_row=row.dom_id, data_indicator=row.indicator, data_group=row.group, data_geo=row.geo)}>'
        + "".join(f"<td>{cell}</td>" for cell in row_cells(figures, row)) + "</tr>"
        for row in rows
    )
    ident = f' id="{esc(table_id)}"' if table_id else ""
    return (f'<table class="{PREFIX}-figures-table"{ident}><caption>{esc(ui_text(figures, "figures_table_caption"))}</caption>'
            f"<thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>")


def _select(xid: str, name: str, label: str, every: str, options: list[tuple[str, str]], selected: str = "") -> str:
    items = [f'<option value="">{esc(every)}</option>'] + [
        f'<option value="{esc(value)}"{" selected" if value == selected else ""}>{esc(text)}</option>'
        for value, text in options
    ]
    return (f'<div class="{PREFIX}-explorer-choice"><label for="{xid}-{name}">{esc(label)}</label>'
            f'<select id="{xid}-{name}" data-filter="{name}">{"".join(items)}</select></div>')


def explorer_html(figures: Figures, charts: dict[str, str], selected_indicator: str) -> str:
    """Choose an indicator, a group and a country: the table keeps the matching figures, the
    indicator's chart is shown with the other figures pale. Without JavaScript, every chart and
    every figure stays visible."""
    xid = f"{PREFIX}-explorer"
    schema = figures.schema
    selects = "".join([
        _select(xid, "indicator", ui_text(figures, "figures_what"), ui_text(figures, "figures_every_indicator"),
                [(k, schema.indicators[k].label) for k in figures.values("indicator")], selected_indicator),
        _select(xid, "group", ui_text(figures, "figures_group"), ui_text(figures, "figures_every_group"),
                [(k, schema.groups[k].label) for k in figures.values("group")]),
        _select(xid, "geo", ui_text(figures, "figures_geo"), ui_text(figures, "figures_every_geo"),
                [(k, schema.geos[k].name) for k in figures.values("geo")]),
    ])
    chart_blocks = "".join(
        f'<div class="{PREFIX}-explorer-chart"{attrs(data_indicator=indicator)}>{html}</div>'
        for indicator, html in charts.items()
    )
    return (
        f'<section class="{PREFIX}-explorer" id="{xid}"'
        f'{attrs(aria_label=ui_text(figures, "figures_explorer_label"), data_count_text=ui_text(figures, "figures_count"))}>'
        f'<div class="{PREFIX}-explorer-controls" hidden>{selects}</div>'
        f'<p class="{PREFIX}-explorer-count" role="status" aria-live="polite"></p>'
        f'<p class="{PREFIX}-explorer-empty" hidden>{esc(ui_text(figures, "figures_none_match"))}</p>'
        f'<p class="{PREFIX}-explorer-hint">{esc(ui_text(figures, "figures_chart_hint"))}</p>'
        f'<div class="{PREFIX}-explorer-charts">{chart_blocks}</div>'
        f"{table_html(figures, list(figures.rows), xid + '-table')}"
        "</section>"
    )


# --- sources ------------------------------------------------------------------------

def sources_html(figures: Figures) -> str:
    """Every source of the course's figures, with how many figures come from it and which years."""
    items = []
    for url, source in figures.schema.sources.items():
        rows = [r for r in figures.rows if r.source_url == url]
        targets = [t for t in figures.schema.targets if t.source == url]
        years = sorted({r.year for r in rows})
        what = []
        if rows:
            what.append(ui_text(figures, "figures_source_one" if len(rows) == 1 else "figures_source_many",
                                count=len(rows), years=", ".join(years)))
        what += [t.label for t in targets]
        items.append(f"<li>{source_citation_html(figures, source)}<br>"
                     f'<span class="{PREFIX}-resource-details">{esc("; ".join(what))}</span></li>')
    return f'<ul class="{PREFIX}-figure-sources">{"".join(items)}</ul>'


# --- a teacher's own figures --------------------------------------------------------

def problems_html(figures: Figures, problems: list[Problem]) -> str:
    items = "".join(f"<li>{esc(str(p))}</li>" for p in problems)
    return (f'<div class="{PREFIX}-own-problems" role="alert"><p>{esc(ui_text(figures, "figures_own_problems"))}</p>'
            f"<ul>{items}</ul></div>")


def own_config(figures: Figures) -> dict:
    """What the page script needs to check and draw a teacher's table exactly as Python does."""
    schema = figures.schema
    eu = {}
    for group in OWN_GROUPS:
        try:
            row = figures.get("early_leavers_18_24", group, "EU27", 2023)
        except KeyError:
            continue
        eu[group] = {"value": row.value, "text": row.text,
                     "label": ui_text(figures, "figures_own_eu_label", group=schema.groups[group].label)}
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


def own_tool_html(figures: Figures, template: str) -> str:
    """Paste or type a table in the page, check it, and see it drawn next to the EU's figures."""
    tid = f"{PREFIX}-own"
    eu_rows = [figures.get("early_leavers_18_24", g, "EU27", 2023) for g in OWN_GROUPS
               if ("early_leavers_18_24", g, "EU27", "2023") in {r.key for r in figures.rows}]
    caption = esc(ui_text(figures, "figures_own_caption")).replace(
        "{citation}", source_citation_html(figures, figures.source(eu_rows[0])))
    return (
        f'<section class="{PREFIX}-own" id="{tid}"'
        f'{attrs(aria_label=ui_text(figures, "figures_own_label"), data_config=json.dumps(own_config(figures), ensure_ascii=False), data_template=template)}>'
        f'<p class="{PREFIX}-own-noscript">{esc(ui_text(figures, "figures_own_needs_js"))}</p>'
        f'<div class="{PREFIX}-own-form" hidden>'
        f'<label for="{tid}-table">{esc(ui_text(figures, "figures_own_textarea"))}</label>'
        f'<textarea id="{tid}-table" rows="7" spellcheck="false">{esc(template)}</textarea>'
        f'<div class="{PREFIX}-own-actions"><button type="button" class="{PREFIX}-own-check">{esc(ui_text(figures, "figures_own_check"))}</button> '
        f'<button type="button" class="{PREFIX}-own-reset">{esc(ui_text(figures, "figures_own_reset"))}</button></div></div>'
        f'<div class="{PREFIX}-own-result" role="status" aria-live="polite"></div>'
        f'<figure class="{PREFIX}-figure {PREFIX}-own-figure" hidden><div class="{PREFIX}-own-chart"></div>'
        f"<figcaption>{caption} {esc(ui_text(figures, 'figures_own_note'))}</figcaption></figure>"
        "</section>"
    )

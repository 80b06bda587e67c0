"""The live rendering of the figures chapter: ipywidgets for Jupyter, Binder and JupyterHub.

The explorer filters the published figures in Python (pandas) and draws the
chart of the chosen figures afresh; the own-figures form checks a teacher's
table with the same function as a file (figures.check_own_figures) and draws
it with the same charts. All HTML comes from the templates of figures/static_html.py
(templates/figures/), where Jinja escapes every text.
"""

from __future__ import annotations

import ipywidgets as w

from ..content.interface import ui_text
from .data import check_own_figures
from .static_html import caption_html, figure_html, problems_html, render_html, table_html


class ExplorerWidget:
    """Three drop-downs (indicator, group, country); the matching figures as a chart and a table."""

    def __init__(self, activities):
        self.activities = activities
        figures = activities.figures
        schema = figures.schema
        self.figures = figures

        def dropdown(description, every, options, value=""):
            return w.Dropdown(
                options=[(every, ""), *options],
                value=value,
                description=description,
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )

        self.indicator = dropdown(
            ui_text(figures, "figures_what"),
            ui_text(figures, "figures_every_indicator"),
            [(schema.indicators[k].label, k) for k in figures.values("indicator")],
            "early_leavers_18_24",
        )
        self.group = dropdown(
            ui_text(figures, "figures_group"),
            ui_text(figures, "figures_every_group"),
            [(schema.groups[k].label, k) for k in figures.values("group")],
        )
        self.geo = dropdown(
            ui_text(figures, "figures_geo"),
            ui_text(figures, "figures_every_geo"),
            [(schema.geos[k].name, k) for k in figures.values("geo")],
        )
        self.count = w.HTML()
        self.chart = w.HTML()
        self.table = w.HTML()
        for control in (self.indicator, self.group, self.geo):
            control.observe(lambda _: self.update(), names="value")
        self.box = w.VBox([w.VBox([self.indicator, self.group, self.geo]), self.count, self.chart, self.table])
        self.update()

    def rows(self):
        return self.figures.select(self.indicator.value or None, self.group.value or None, self.geo.value or None)

    def update(self) -> None:
        rows = self.rows()
        figures = self.figures
        message = (
            ui_text(figures, "figures_count", shown=len(rows), total=len(figures.rows))
            if rows
            else ui_text(figures, "figures_none_match")
        )
        self.count.value = render_html("figures/live_message.html", message=message)
        self.table.value = table_html(self.figures, rows) if rows else ""
        indicator = self.indicator.value
        if indicator and rows:
            svg, alt = self.activities.indicator_chart(indicator, rows, "wc-live-explorer", with_ids=False)
            self.chart.value = figure_html(figures, "live-explorer", svg, alt, caption_html(figures, rows))
        else:
            self.chart.value = ""


class OwnFiguresWidget:
    """A text area holding the template; 'Check and draw' shows what to correct, or the charts."""

    def __init__(self, activities, template: str):
        self.activities = activities
        self.figures = figures = activities.figures
        self.template = template
        self.text = w.Textarea(value=template, description="", layout=w.Layout(width="100%", height="10em"))
        self.check_button = w.Button(description=ui_text(figures, "figures_own_check"), button_style="primary")
        self.reset_button = w.Button(description=ui_text(figures, "figures_own_reset"))
        self.result = w.HTML()
        self.check_button.on_click(lambda _: self.check())
        self.reset_button.on_click(lambda _: self.reset())
        label = render_html("figures/live_message.html", message=ui_text(figures, "figures_own_textarea"))
        self.box = w.VBox([w.HTML(label), self.text, w.HBox([self.check_button, self.reset_button]), self.result])

    def check(self):
        rows, problems = check_own_figures(self.text.value)
        if problems:
            self.result.value = problems_html(self.figures, problems)
        else:
            self.result.value = render_html(
                "figures/live_message.html",
                charts=self.activities.own_charts(rows),
                message=ui_text(self.figures, "figures_own_done", count=len(rows)),
            )
        return rows, problems

    def reset(self) -> None:
        self.text.value = self.template
        self.result.value = ""

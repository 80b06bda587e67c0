"""Plots of the cohort report as inline SVG figures with alternative text.

The SVG itself comes from figure_plots.to_svg (no metadata, ids unique to
each chart, the same bytes every run), which the data chapter uses too.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from .figure_plots import to_svg
from .render_html import esc


def svg_figure(fig, key: str, alt: str, caption: str = "") -> str:
    """A figure as <figure> HTML with inline SVG, alternative text and a caption.

    `key` must be unique on the page: it prefixes the SVG's ids."""
    svg = to_svg(fig, key)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(alt)}" ', 1)
    figcaption = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="wc-plot">{svg}{figcaption}</figure>'


def horizontal_bars(labels: list[str], values: list[float], title: str, xlabel: str, limit: float = 100):
    """A horizontal bar chart with its values written on the bars (so colour is never needed)."""
    height = 0.45 * len(labels) + 1.2
    fig = Figure(figsize=(7, height))  # not pyplot: no global state, no backend to choose
    ax = fig.subplots()
    positions = range(len(labels))
    ax.barh(list(positions), values, color="#0a6b6b")
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, limit * 1.08)  # room for the value written after a full bar
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    for y, value in zip(positions, values):
        ax.text(value + limit * 0.01, y, f"{value:.0f}", va="center", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return fig

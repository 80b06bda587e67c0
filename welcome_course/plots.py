"""Plots as inline SVG: readable at any size, printable, and the same bytes every run.

Stored notebook outputs are compared by nbval, so a plot must not change
between runs: matplotlib's random SVG ids are seeded and the date left out.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no screen needed, in notebooks or on a server
import matplotlib.pyplot as plt  # noqa: E402

from .render_html import esc  # noqa: E402


def svg_figure(fig, alt: str, caption: str = "") -> str:
    """A figure as <figure> HTML with inline SVG, alternative text and a caption; closes the figure."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "welcome-course", "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: the SVG sits inside HTML
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(alt)}" ', 1)
    figcaption = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="wc-plot">{svg}{figcaption}</figure>'


def horizontal_bars(labels: list[str], values: list[float], title: str, xlabel: str, limit: float = 100):
    """A horizontal bar chart with its values written on the bars (so colour is never needed)."""
    height = 0.45 * len(labels) + 1.2
    fig, ax = plt.subplots(figsize=(7, height))
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

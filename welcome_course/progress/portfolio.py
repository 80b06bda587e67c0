"""The learner's portfolio: a printable page of results and reflections."""

from __future__ import annotations

from ..content.course import Course
from ..activities.static_html import esc
from .record import now
from .summary import summarise

PRINT_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #999; }
.meta { color: #444; } .prompt { font-weight: 600; margin-bottom: 0.2rem; }
.text { white-space: pre-wrap; border-left: 3px solid #0a6b6b; padding-left: 0.75rem; margin-top: 0; }
@media print { body { margin: 0; } h2 { break-after: avoid; } .entry { break-inside: avoid; } }
"""


def portfolio_html(course: Course, record: dict) -> str:
    ui = course.interface
    title = ui["portfolio_title"].format(course=course.title)
    parts = []
    for s in summarise(course, record):
        ch = s.chapter
        endings = ", ".join(n.title for n in ch.scenario.endings if n.id in s.endings) if ch.scenario else ""
        entries = []
        for r in ch.reflections:
            text = record["reflections"].get(f"{ch.id}/{r.id}", {}).get("text", "").strip()
            if text:
                entries.append(f'<div class="entry"><p class="prompt">{esc(r.prompt)}</p><p class="text">{esc(text)}</p></div>')
        parts.append(
            f"<section><h2>{esc(ch.title)}</h2>"
            f'<p class="meta">{esc(ui["progress_quiz"])}: {esc(ui["progress_quiz_value"].format(right=s.right, total=s.questions))}. '
            f'{esc(ui["progress_scenario"])}: {esc(endings or ui["progress_none"])}.</p>'
            f'{"".join(entries) or "<p>" + esc(ui["journal_empty"]) + "</p>"}</section>'
        )
    learner = f"<p>{esc(record.get('learner', ''))}</p>" if record.get("learner") else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{PRINT_STYLE}</style></head><body><h1>{esc(title)}</h1>{learner}"
        f'<p class="meta">{esc(now()[:10])}</p>{"".join(parts)}</body></html>'
    )

"""The learner's portfolio: a printable page of results and reflections.

The page comes from templates/progress/portfolio.html, where Jinja escapes every text; its
style sheet, templates/progress/portfolio.css, is inlined so that the saved file stands alone.
"""

from __future__ import annotations

from functools import partial

from ..content.course import Course
from ..content.interface import ui_text
from ..templating import TEMPLATES, Markup, render
from .completion import parts_html
from .record import now
from .summary import summarise


def portfolio_html(course: Course, record: dict) -> str:
    chapters = []
    for s in summarise(course, record):
        ch = s.chapter
        texts = (
            (r.prompt, record["reflections"].get(f"{ch.id}/{r.id}", {}).get("text", "").strip()) for r in ch.reflections
        )
        chapters.append(
            {
                "title": ch.title,
                "right": s.right,
                "questions": s.questions,
                "endings": ", ".join(n.title for n in ch.scenario.endings if n.id in s.endings) if ch.scenario else "",
                "entries": [(prompt, text) for prompt, text in texts if text],
            }
        )
    return render(
        "progress/portfolio.html",
        title=ui_text(course, "portfolio_title", course=course.title),
        language=course.language,
        learner=record.get("learner"),
        date=now()[:10],
        chapters=chapters,
        words=partial(ui_text, course),
        # the self-assessment before and after, and the action plan: our own templates, every text escaped there
        completion=Markup(parts_html(course, record)),
        # the package's own style sheet, no data in it: inlined so that the page stands alone
        style_sheet=Markup((TEMPLATES / "progress" / "portfolio.css").read_text(encoding="utf-8").strip()),
    )

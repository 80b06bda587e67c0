"""What a chapter's code cells display: one output carrying every rendering.

Each activity is shown as one output holding
- `text/html`: the static rendering, which the hosted book shows;
- the ipywidgets view, which Jupyter shows when a kernel runs;
- `text/plain`: a short description for consoles.

When the book is built, the Sphinx extension sets WELCOME_COURSE_RENDER=static
so no widgets are created: the pages need none, and the outputs stay
free of random widget ids.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from . import static_html

from . import widgets
from ..content.course import RENDER_ENV, Course
from ..content.model import Chapter

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def static_only() -> bool:
    return os.environ.get(RENDER_ENV, "") == "static"


class Activity:
    """A displayable activity: static HTML always, a live widget when a kernel can run it."""

    def __init__(self, html: str, plain: str, make_widget: Callable[[], object] | None = None):
        self.html = html
        self.plain = plain
        self.make_widget = make_widget
        self.widget = None

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self.plain, "text/html": self.html}
        if self.make_widget is not None and not static_only():
            self.widget = self.make_widget()
            view = self.widget.box._repr_mimebundle_() or {}
            if WIDGET_MIME in view:
                bundle[WIDGET_MIME] = view[WIDGET_MIME]
        return bundle

    def __repr__(self) -> str:
        return self.plain


class ChapterActivities:
    """The one-line calls a chapter notebook makes: overview, quiz, scenario, reflections, resources."""

    def __init__(self, course: Course, chapter: Chapter, progress=None):
        self.course = course
        self.chapter = chapter
        self.progress = progress  # a progress.live.LiveProgress, or None to record nothing

    def overview(self) -> Activity:
        c, ch = self.course, self.chapter
        goals = "\n".join(f"- {goal}" for goal in ch.goals)
        plain = (f"{c.interface['minutes'].format(minutes=ch.minutes)}\n{c.interface['goals_heading']}:\n"
                 f"{goals}\n{static_html.source_notice(c, ch)}")
        return Activity(static_html.overview_html(c, ch), plain)

    def quiz(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = f"{c.interface['quiz_label']}: {len(ch.questions)} questions."
        return Activity(static_html.quiz_html(c, ch), plain, lambda: widgets.QuizWidget(c, ch, self.progress))

    def scenario(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = f"{c.interface['scenario_label']}: {ch.scenario.title}"
        return Activity(static_html.scenario_html(c, ch, ch.scenario), plain,
                        lambda: widgets.ScenarioWidget(c, ch, self.progress))

    def reflections(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = "\n".join(f"- {r.prompt}" for r in ch.reflections)
        return Activity(static_html.reflections_html(c, ch), plain, lambda: widgets.ReflectionsWidget(c, ch, self.progress))

    def resources(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = "\n".join(f"- {r.title}" + (f" <{r.url}>" if r.url else "") for r in ch.resources)
        return Activity(static_html.resources_html(c, ch), plain)

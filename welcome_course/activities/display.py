"""What a chapter's code cells display: one output, the rendering that fits where it is shown.

- In the hosted book (WELCOME_COURSE_RENDER=static, set by the Sphinx extension, which
  renders the cells at build time: site/notebook_outputs.py), an activity is its static HTML
  (`text/html`), graded by the page's script; no widget is made.
- In Jupyter, Binder or a JupyterHub, it is an ipywidgets view, graded in Python; activities
  with nothing to answer (the overview, resources, charts) are shown in an HTML widget too.
- In both, `text/plain` says to run the notebook. That is what a notebook opened before it runs
  shows, once the widget view is dropped from the stored outputs (authoring/notebooks.py): no
  answer, no button that does nothing. It never depends on the content, so editing a question
  never makes the stored outputs stale (strict nbval compares them).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..content import translation
from ..content.course import RENDER_ENV, Course, find_root, read_interface
from ..content.model import Chapter
from . import static_html

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def static_only() -> bool:
    return os.environ.get(RENDER_ENV, "") == "static"


def _widgets():
    from . import widgets  # ipywidgets: imported only where a kernel runs, never in the book's build

    return widgets


@cache
def _before_run_words(root: Path, language: str) -> tuple[str, str]:
    with translation.using(root, language):  # in the notebook's language (use_language)
        interface = read_interface(root, [])
    return interface.get("before_run_first", ""), interface.get("before_run", "")


def before_run_text(first: bool) -> str:
    """What an activity's cell shows before the notebook runs (data/interface.yml: before_run_first
    under a chapter's first activity, before_run under the others)."""
    first_words, other_words = _before_run_words(find_root(), translation.resolve_language())
    return first_words if first else other_words


class Activity:
    """A displayable activity: static HTML in the book, a live widget when a kernel runs it.

    `plain` describes the activity in words for consoles (repr); `first` marks a chapter's first
    activity, whose text before Run says how to run the notebook."""

    def __init__(self, html: str, plain: str, make_widget: Callable[[], object] | None = None, *, first: bool = False):
        self.html = html
        self.plain = plain
        self.make_widget = make_widget
        self.first = first
        self.widget = None

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": before_run_text(self.first)}
        if static_only():
            bundle["text/html"] = self.html
            return bundle
        if self.make_widget is not None:
            self.widget = self.make_widget()
            view = self.widget.box._repr_mimebundle_() or {}
        else:
            import ipywidgets  # only in a live kernel: the book's build never needs it

            self.widget = ipywidgets.HTML(self.html)
            view = self.widget._repr_mimebundle_() or {}
        if WIDGET_MIME in view:
            bundle[WIDGET_MIME] = view[WIDGET_MIME]
        else:  # no widget front end (a console): the static HTML is the best there is
            bundle["text/html"] = self.html
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
        plain = (
            f"{c.interface['minutes'].format(minutes=ch.minutes)}\n{c.interface['goals_heading']}:\n"
            f"{goals}\n{static_html.source_notice(c, ch)}"
        )
        return Activity(static_html.overview_html(c, ch), plain, first=True)

    def quiz(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = f"{c.interface['quiz_label']}: {len(ch.questions)} questions."
        return Activity(static_html.quiz_html(c, ch), plain, lambda: _widgets().QuizWidget(c, ch, self.progress))

    def scenario(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = f"{c.interface['scenario_label']}: {ch.scenario.title}"
        return Activity(
            static_html.scenario_html(c, ch, ch.scenario),
            plain,
            lambda: _widgets().ScenarioWidget(c, ch, self.progress),
        )

    def reflections(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = "\n".join(f"- {r.prompt}" for r in ch.reflections)
        return Activity(
            static_html.reflections_html(c, ch), plain, lambda: _widgets().ReflectionsWidget(c, ch, self.progress)
        )

    def resources(self) -> Activity:
        c, ch = self.course, self.chapter
        plain = "\n".join(f"- {r.title}" + (f" <{r.url}>" if r.url else "") for r in ch.resources)
        return Activity(static_html.resources_html(c, ch), plain)

"""The static rendering: self-contained HTML for the hosted book.

The HTML comes from templates/activities/*.html, rendered with autoescaping on: every text
from the content files and every interface word is escaped by Jinja there, never by hand.
The page script (static/welcome-course.js) never builds markup from text: it only shows,
hides and copies elements rendered here.

Element ids are derived from chapter, question and node ids, never random,
so a notebook's stored output is the same every time it runs.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ..content.course import Course
from ..content.interface import ui_text
from ..content.model import Chapter, Question, Scenario
from ..templating import Markup, render

if TYPE_CHECKING:
    from ..figures.data import Figures

# Prefix of the classes and ids, written out in the templates, the style sheet and the page script.
PREFIX = "wc"


def render_activity(name: str, course: Course | Figures, /, **context) -> str:
    """The template activities/NAME.html, given `ui` (ui("key", **fill): an interface word of `course`)."""
    return render(f"activities/{name}.html", ui=partial(ui_text, course), **context)


# --- chapter overview -------------------------------------------------------


def source_notice(course: Course, chapter: Chapter) -> str:
    guideline = course.guideline.title
    if chapter.source == "guideline":
        return ui_text(course, "source_guideline", step=chapter.guideline_step, guideline=guideline)
    if chapter.source == "partial":
        return ui_text(course, "source_partial", step=chapter.guideline_step, guideline=guideline)
    if chapter.guideline_step is None:  # an extra chapter, such as the figures chapter
        return ui_text(course, "source_extra", guideline=guideline)
    return ui_text(course, "source_course", guideline=guideline)


def overview_html(course: Course, chapter: Chapter) -> str:
    address = ""
    if chapter.source != "course" and chapter.guideline_step:
        address = course.guideline.step_address(chapter.guideline_step)
    return render_activity("overview", course, chapter=chapter, notice=source_notice(course, chapter), address=address)


# --- quiz ---------------------------------------------------------------------


def question_dom_id(chapter: Chapter, question: Question) -> str:
    return f"{PREFIX}-{chapter.id}-q-{question.id}"


def _option_label(course: Course, question: Question, option) -> str:
    if question.kind == "true_false":
        return ui_text(course, option.id)
    return option.text


def question_html(course: Course, chapter: Chapter, question: Question, number: int, total: int) -> str:
    multiple = question.kind == "multiple_choice"
    return render_activity(
        "question",
        course,
        question=question,
        number=number,
        total=total,
        qid=question_dom_id(chapter, question),
        input_type="checkbox" if multiple else "radio",
        hint=ui_text(course, "choose_all" if multiple else "choose_one"),
        options=[(option, _option_label(course, question, option)) for option in question.options],
        correct=" ".join(sorted(question.correct_ids)),
    )


def quiz_html(course: Course, chapter: Chapter) -> str:
    total = len(chapter.questions)
    # Markup: each is question.html, rendered (and escaped) just above
    questions = [Markup(question_html(course, chapter, q, n, total)) for n, q in enumerate(chapter.questions, start=1)]
    return render_activity("quiz", course, chapter=chapter, questions=questions)


# --- case scenario ------------------------------------------------------------


def scenario_html(course: Course, chapter: Chapter, scenario: Scenario) -> str:
    return render_activity(
        "scenario", course, chapter=chapter, scenario=scenario, sid=f"{PREFIX}-{chapter.id}-scenario"
    )


# --- reflections and resources -------------------------------------------------


def reflections_html(course: Course, chapter: Chapter) -> str:
    return render_activity("reflections", course, chapter=chapter)


def resources_html(course: Course, chapter: Chapter) -> str:
    return render_activity("resources", course, chapter=chapter, guideline=course.guideline)

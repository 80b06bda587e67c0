"""The static rendering: self-contained HTML for the hosted book.

All text from the content files passes through `esc` here, and the page
script (static/welcome-course.js) never builds markup from text: it only
shows, hides and copies elements rendered here. So escaping happens in
exactly one place.

Element ids are derived from chapter, question and node ids, never random,
so a notebook's stored output is the same every time it runs.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ..content.course import Course
from ..content.interface import ui_text
from ..content.model import Chapter, Question, Scenario

if TYPE_CHECKING:
    from ..figures.data import Figures

PREFIX = "wc"


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def attrs(**values: str) -> str:
    """HTML attributes, escaped; names use '_' for '-' (data_wc_x -> data-wc-x)."""
    return "".join(f' {name.replace("_", "-")}="{esc(value)}"' for name, value in values.items())


def _noscript(course: Course) -> str:
    # Shown until the page script starts; the script hides it.
    return f'<p class="{PREFIX}-noscript">{esc(ui_text(course, "needs_javascript"))}</p>'


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
    goals = "".join(f"<li>{esc(goal)}</li>" for goal in chapter.goals)
    note = f"<p>{esc(chapter.source_note)}</p>" if chapter.source_note else ""
    link = ""
    if chapter.source != "course" and chapter.guideline_step:
        address = course.guideline.step_address(chapter.guideline_step)
        link = f' <a href="{esc(address)}">{esc(address)}</a>'
    return (
        f'<div class="{PREFIX}-overview" data-chapter="{esc(chapter.id)}">'
        f'<p class="{PREFIX}-time">{esc(ui_text(course, "minutes", minutes=chapter.minutes))}</p>'
        f'<p class="{PREFIX}-storage-notice" role="alert" hidden>{esc(ui_text(course, "storage_unavailable"))}</p>'
        f'<p class="{PREFIX}-goals-heading">{esc(ui_text(course, "goals_heading"))}</p>'
        f"<ul>{goals}</ul>"
        f'<div class="{PREFIX}-source {PREFIX}-source-{esc(chapter.source)}">'
        f"<p>{esc(source_notice(course, chapter))}{link}</p>{note}</div>"
        "</div>"
    )


# --- quiz ---------------------------------------------------------------------

def question_dom_id(chapter: Chapter, question: Question) -> str:
    return f"{PREFIX}-{chapter.id}-q-{question.id}"


def _option_label(course: Course, question: Question, option) -> str:
    if question.kind == "true_false":
        return ui_text(course, option.id)
    return option.text


def question_html(course: Course, chapter: Chapter, question: Question, number: int, total: int) -> str:
    qid = question_dom_id(chapter, question)
    multiple = question.kind == "multiple_choice"
    input_type = "checkbox" if multiple else "radio"
    hint = ui_text(course, "choose_all" if multiple else "choose_one")
    options = []
    feedback = []
    for option in question.options:
        oid = f"{qid}-{option.id}"
        label = _option_label(course, question, option)
        options.append(
            f'<div class="{PREFIX}-option">'
            f'<input type="{input_type}" id="{oid}" name="{qid}" value="{esc(option.id)}">'
            f'<label for="{oid}">{esc(label)}</label></div>'
        )
        feedback.append(
            f'<li data-option="{esc(option.id)}" hidden>'
            f'<span class="{PREFIX}-feedback-option">{esc(label)}</span> {esc(option.feedback)}</li>'
        )
    correct = " ".join(sorted(question.correct_ids))
    return (
        f'<fieldset class="{PREFIX}-question" id="{qid}"'
        f'{attrs(data_question=question.id, data_kind=question.kind, data_correct=correct)}>'
        f'<legend><span class="{PREFIX}-qnumber">{number}/{total}</span> {esc(question.prompt)}</legend>'
        f'<p class="{PREFIX}-hint" id="{qid}-hint">{esc(hint)}</p>'
        f'<div class="{PREFIX}-options" aria-describedby="{qid}-hint">{"".join(options)}</div>'
        f'<div class="{PREFIX}-actions">'
        f'<button type="button" class="{PREFIX}-check">{esc(ui_text(course, "check"))}</button> '
        f'<button type="button" class="{PREFIX}-retry" hidden>{esc(ui_text(course, "try_again"))}</button></div>'
        f'<div class="{PREFIX}-feedback" role="status" aria-live="polite">'
        f'<p class="{PREFIX}-verdict"></p>'
        f'<ul class="{PREFIX}-option-feedback">{"".join(feedback)}</ul></div>'
        "</fieldset>"
    )


def quiz_html(course: Course, chapter: Chapter) -> str:
    total = len(chapter.questions)
    questions = "".join(
        question_html(course, chapter, q, n, total) for n, q in enumerate(chapter.questions, start=1)
    )
    strings = attrs(
        data_correct_text=ui_text(course, "correct"),
        data_not_quite_text=ui_text(course, "not_quite"),
        data_choose_first_text=ui_text(course, "choose_first"),
        data_missing_some_text=ui_text(course, "missing_some"),
        data_score_text=ui_text(course, "score"),
    )
    score = ui_text(course, "score", correct=0, total=total)
    return (
        f'<section class="{PREFIX}-quiz" id="{PREFIX}-{esc(chapter.id)}-quiz"'
        f'{attrs(data_chapter=chapter.id, aria_label=ui_text(course, "quiz_label"))}{strings}>'
        f"{_noscript(course)}{questions}"
        f'<p class="{PREFIX}-score" role="status" aria-live="polite">{esc(score)}</p>'
        "</section>"
    )


# --- case scenario ------------------------------------------------------------

def scenario_html(course: Course, chapter: Chapter, scenario: Scenario) -> str:
    sid = f"{PREFIX}-{chapter.id}-scenario"
    credit = f'<p class="{PREFIX}-credit">{esc(scenario.credit)}</p>' if scenario.credit else ""
    nodes = "".join(_node_html(course, sid, node) for node in scenario.nodes.values())
    return (
        f'<section class="{PREFIX}-scenario" id="{sid}"'
        f'{attrs(data_chapter=chapter.id, data_start=scenario.start, aria_labelledby=sid + "-title")}>'
        f'<p class="{PREFIX}-scenario-label">{esc(ui_text(course, "scenario_label"))}</p>'
        f'<h3 class="{PREFIX}-scenario-title" id="{sid}-title">{esc(scenario.title)}</h3>'
        f'<p class="{PREFIX}-setting">{esc(scenario.setting)}</p>{credit}'
        f"{_noscript(course)}"
        f'<div class="{PREFIX}-trail" hidden><p class="{PREFIX}-trail-heading">{esc(ui_text(course, "your_path"))}</p>'
        f'<ol class="{PREFIX}-trail-steps"></ol></div>'
        f'<div class="{PREFIX}-live" role="status" aria-live="polite"></div>'
        f"{nodes}</section>"
    )


def _node_html(course: Course, sid: str, node) -> str:
    nid = f"{sid}-{node.id}"
    if node.is_ending:
        return (
            f'<div class="{PREFIX}-node {PREFIX}-ending {PREFIX}-outcome-{esc(node.outcome)}" id="{nid}"'
            f'{attrs(data_node=node.id, data_outcome=node.outcome)} tabindex="-1" hidden>'
            f'<p class="{PREFIX}-outcome">{esc(ui_text(course, "outcome_" + node.outcome))}</p>'
            f'<h4 class="{PREFIX}-ending-title">{esc(node.title)}</h4>'
            f'<p class="{PREFIX}-node-text">{esc(node.text)}</p>'
            f'<div class="{PREFIX}-debrief"><h4>{esc(ui_text(course, "debrief"))}</h4><p>{esc(node.debrief)}</p></div>'
            f'<button type="button" class="{PREFIX}-restart">{esc(ui_text(course, "start_again"))}</button>'
            "</div>"
        )
    choices = "".join(
        f'<li><button type="button" class="{PREFIX}-choice"{attrs(data_next=choice.next, data_choice=str(i))}>'
        f"{esc(choice.label)}</button>"
        f'<p class="{PREFIX}-consequence" data-choice="{i}" hidden>{esc(choice.consequence)}</p></li>'
        for i, choice in enumerate(node.choices, start=1)
    )
    return (
        f'<div class="{PREFIX}-node" id="{nid}"{attrs(data_node=node.id)} tabindex="-1" hidden>'
        f'<p class="{PREFIX}-node-text">{esc(node.text)}</p>'
        f'<ul class="{PREFIX}-choices">{choices}</ul></div>'
    )


# --- reflections and resources -------------------------------------------------

def reflections_html(course: Course, chapter: Chapter) -> str:
    items = []
    for reflection in chapter.reflections:
        rid = f"{PREFIX}-{chapter.id}-r-{reflection.id}"
        items.append(
            f'<div class="{PREFIX}-reflection">'
            f'<label for="{rid}">{esc(reflection.prompt)}</label>'
            f'<textarea id="{rid}" rows="4"{attrs(data_reflection=reflection.id, placeholder=ui_text(course, "reflection_placeholder"))}></textarea>'
            "</div>"
        )
    return (
        f'<section class="{PREFIX}-reflections"'
        f'{attrs(data_chapter=chapter.id, aria_label=ui_text(course, "reflections_label"))}>{"".join(items)}</section>'
    )


def resources_html(course: Course, chapter: Chapter) -> str:
    items = []
    for resource in chapter.resources:
        title = esc(resource.title)
        if resource.url:
            title = f'<a href="{esc(resource.url)}">{title}</a>'
        details = " ".join(esc(part) for part in (resource.kind, resource.note) if part)
        details = f'<br><span class="{PREFIX}-resource-details">{details}</span>' if details else ""
        items.append(f"<li>{title}{details}</li>")
    guideline = course.guideline
    credit = ui_text(course, "resources_credit", guideline=guideline.title, project=guideline.project, programme=guideline.programme)
    return (
        f'<div class="{PREFIX}-resources"><ul>{"".join(items)}</ul>'
        f'<p class="{PREFIX}-credit">{esc(credit)}</p></div>'
    )

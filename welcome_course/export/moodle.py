"""A chapter's quiz as a Moodle XML question bank (Moodle: Question bank > Import > Moodle XML format).

The layout follows what Moodle itself writes when exporting (question/format/xml): one
<question type="category"> naming where the questions go, then one <question> per quiz question.
ElementTree does the XML escaping; the text inside is HTML escaped by question_bank.as_html.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..content.course import Course
from ..content.model import Chapter, Question
from .question_bank import as_html, category_path, clean, fractions, percent, question_name


def moodle_xml(course: Course, chapters: list[Chapter]) -> bytes:
    quiz = ET.Element("quiz")
    for chapter in chapters:
        quiz.append(_category(course, chapter))
        for question in chapter.questions:
            quiz.append(_question(course, chapter, question))
    ET.indent(quiz)
    body = ET.tostring(quiz, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


def _text(parent: ET.Element, value: str) -> ET.Element:
    ET.SubElement(parent, "text").text = value
    return parent


def _html_field(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    field = ET.SubElement(parent, tag, {"format": "html", **attrs})
    return _text(field, as_html(text) if text else "")


def _category(course: Course, chapter: Chapter) -> ET.Element:
    element = ET.Element("question", type="category")
    _text(ET.SubElement(element, "category"), category_path(course, chapter))
    _html_field(element, "info", chapter.title)
    ET.SubElement(element, "idnumber")
    return element


def _question(course: Course, chapter: Chapter, question: Question) -> ET.Element:
    kind = "truefalse" if question.kind == "true_false" else "multichoice"
    element = ET.Element("question", type=kind)
    _text(ET.SubElement(element, "name"), clean(question_name(chapter, question)))
    _html_field(element, "questiontext", question.prompt)
    _html_field(element, "generalfeedback", "")
    ET.SubElement(element, "defaultgrade").text = "1"
    # The course lets learners try again as often as they like, at no cost.
    ET.SubElement(element, "penalty").text = "0"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = f"{chapter.id}-{question.id}"
    grades = fractions(chapter, question)
    if kind == "truefalse":
        for option, grade in zip(question.options, grades, strict=True):
            answer = ET.SubElement(element, "answer", fraction=percent(grade), format="moodle_auto_format")
            _text(answer, option.id)  # Moodle matches the literal words "true" and "false"
            _html_field(answer, "feedback", option.feedback)
        return element
    ui = course.interface
    ET.SubElement(element, "single").text = "true" if question.kind == "single_choice" else "false"
    ET.SubElement(element, "shuffleanswers").text = "false"  # keep the author's order, as the course does
    ET.SubElement(element, "answernumbering").text = "abc"
    ET.SubElement(element, "showstandardinstruction").text = "1"
    _html_field(element, "correctfeedback", ui.get("correct", ""))
    _html_field(element, "partiallycorrectfeedback", ui.get("not_quite", ""))
    _html_field(element, "incorrectfeedback", ui.get("not_quite", ""))
    ET.SubElement(element, "shownumcorrect")
    for option, grade in zip(question.options, grades, strict=True):
        answer = ET.SubElement(element, "answer", fraction=percent(grade), format="html")
        _text(answer, as_html(option.text))
        _html_field(answer, "feedback", option.feedback)
    return element

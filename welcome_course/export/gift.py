"""A chapter's quiz in GIFT, Moodle's plain-text question format (Question bank > Import > GIFT format).

Every text is HTML escaped first (question_bank.as_html; the questions are marked [html]), then
the characters GIFT gives a meaning to are escaped with a backslash: \\ ~ = # { } :
Moodle reads true/false feedback as {TRUE#feedback for a wrong answer#feedback for a right answer}
(qformat_gift::split_truefalse_comment), so each true/false question keeps both its feedbacks.
"""

from __future__ import annotations

from ..content.course import Course
from ..content.model import Chapter, Question
from .question_bank import as_html, category_path, clean, fractions, percent, question_name

GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    return "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in text)


def _html(text: str) -> str:
    return gift_escape(as_html(text))


def _comment(text: str) -> str:
    return "// " + clean(text).replace("\n", " ")


def gift_text(course: Course, chapters: list[Chapter]) -> str:
    lines = [
        _comment(f"{course.title}: quiz questions in GIFT format, for Moodle (Question bank > Import > GIFT format)."),
        "",
    ]
    for chapter in chapters:
        # Moodle reads the rest of the $CATEGORY line after reading GIFT's escapes, but without turning
        # them back into characters (qformat_gift::readquestion): so only a backslash is escaped, written
        # twice, which Moodle reads as one. category_path has no line breaks.
        category = category_path(course, chapter).replace("\\", "\\\\")
        lines += [
            _comment(f"{chapter.id}: {chapter.title} ({len(chapter.questions)} questions)"),
            f"$CATEGORY: {category}",
            "",
        ]
        for question in chapter.questions:
            lines += [_question(chapter, question), ""]
    return "\n".join(lines)


def _question(chapter: Chapter, question: Question) -> str:
    head = f"::{gift_escape(question_name(chapter, question))}::[html]{_html(question.prompt)}"
    if question.kind == "true_false":
        right = next(o for o in question.options if o.correct)
        wrong = next(o for o in question.options if not o.correct)
        answer = "TRUE" if right.id == "true" else "FALSE"
        return f"{head}{{{answer}#{_html(wrong.feedback)}#{_html(right.feedback)}}}"
    grades = fractions(chapter, question)
    answers = []
    for option, grade in zip(question.options, grades, strict=True):
        if question.kind == "single_choice":
            # '=' marks the one right answer, and makes Moodle allow only one answer.
            mark = "=" if option.correct else "~"
        else:
            # No '=' at all: Moodle then allows several answers, each with its own weight.
            mark = f"~%{percent(grade)}%"
        answers.append(f"\t{mark}{_html(option.text)}#{_html(option.feedback)}")
    return head + "{\n" + "\n".join(answers) + "\n}"

"""What the Moodle XML and GIFT exports share: categories, text as HTML, grade fractions.

A question of the course becomes a Moodle question as follows:
- single_choice  -> multichoice, one answer allowed; the right option 100 %, the others 0 %;
- multiple_choice -> multichoice, several answers allowed; each right option 100/n %, each wrong
  option -100/n % (n = number of right options), so that, as in the course, full marks need exactly
  the right options: choosing every option never scores 100 %;
- true_false -> truefalse; each answer keeps its own feedback.
Every option keeps its feedback. Text is written as HTML with every character that HTML could
interpret escaped, so Moodle shows it exactly as written (as the course does: `<b>` stays `<b>`).

Names (the category path's names, question names) are plain text in Moodle: on import it strips
their tags (clean_param PARAM_TEXT, question/format.php's split_category_path and
clean_question_name), and it shows them through format_string, which reads entities. So a name is
written by `moodle_name`: `<` and `>` as `&lt;` and `&gt;`, and `&` as `&amp;` where Moodle would
otherwise read an entity; Moodle then keeps every character and shows the name as written, in
both formats (gift.py adds GIFT's own escaping of the category line).
"""

from __future__ import annotations

import re

from ..content.course import Course
from ..content.model import Chapter, Question
from ..templating import render

# Moodle accepts only these grade fractions when importing (question_bank::fraction_options_full,
# matched within 0.00001 by match_grade_options): p/q for q <= 6, p/10, 1/q for q <= 10, and 1/20.
MOODLE_FRACTIONS = (
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
    0.0,
)

# Characters that XML 1.0 does not allow at all; they are invisible, so dropping them loses nothing.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class ExportError(Exception):
    """Something in the content cannot be expressed in a question bank format."""


def clean(text: str) -> str:
    return _NOT_IN_XML.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


def as_html(text: str) -> str:
    """One paragraph of HTML showing `text` literally (line breaks kept as <br>), from
    templates/export/paragraph.html."""
    return render("export/paragraph.html", lines=clean(text).split("\n"))


# An '&' that format_string leaves as the start of an entity (replace_ampersands_not_followed_by_entity)
_ENTITY_START = re.compile(r"&(?=[a-zA-Z0-9#]{1,8};)")


def moodle_name(text: str) -> str:
    """A name as Moodle keeps and shows it as written: on one line, no tag to strip, no entity read."""
    text = clean(text).replace("\n", " ")
    return _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def course_category(course: Course) -> str:
    return _category_name(course.title or "Course")


def chapter_label(chapter: Chapter) -> str:
    return f"{chapter.guideline_step}. {chapter.title}" if chapter.guideline_step else chapter.title


def category_path(course: Course, chapter: Chapter) -> str:
    """Where the chapter's questions go in Moodle's question bank: the course's own category."""
    return f"$course$/top/{course_category(course)}/{_category_name(chapter_label(chapter))}"


def _category_name(name: str) -> str:
    # Moodle splits category paths at '/'; a '/' inside a name is written '//', and a space keeps a
    # name's first or last '/' apart from the separator (qformat_default::assemble_category_path).
    name = moodle_name(name).strip().replace("/", "//")
    return (" " if name.startswith("/") else "") + name + (" " if name.endswith("/") else "")


def question_name(chapter: Chapter, question: Question) -> str:
    return moodle_name(f"{chapter.id} {question.id}")


def percent(value: float) -> str:
    """A grade in percent as Moodle writes it (7 significant digits: 33.33333, 12.5, -50)."""
    text = format(value, ".7g")
    return "0" if text in ("-0", "0") else text


def fractions(chapter: Chapter, question: Question) -> list[float]:
    """The grade of each option in percent, in option order (see the module docstring)."""
    if question.kind != "multiple_choice":
        return [100.0 if o.correct else 0.0 for o in question.options]
    right = sum(o.correct for o in question.options)
    share = 100.0 / right
    if not any(abs(share / 100 - allowed) < 0.00001 for allowed in MOODLE_FRACTIONS):
        raise ExportError(
            f"{chapter.file}: quiz question '{question.id}': options: has {right} right options; "
            "Moodle can only share the grade equally among 1 to 10, or 20, right options"
        )
    return [share if o.correct else -share for o in question.options]


def selected_chapters(course: Course, ids: list[str]) -> list[Chapter]:
    """The chapters named (all, in file order, when none is named); ExportError for an unknown id."""
    if not ids:
        return list(course.chapters.values())
    unknown = [i for i in ids if i not in course.chapters]
    if unknown:
        raise ExportError(
            f"no chapter {', '.join(repr(u) for u in unknown)}; chapters are: {', '.join(course.chapters)}"
        )
    return [course.chapters[i] for i in dict.fromkeys(ids)]

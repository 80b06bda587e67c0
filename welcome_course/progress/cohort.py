"""The trainer's cohort report: a folder of learners' exported progress files, read with pandas.

A file that cannot be used is listed with the reason and skipped: one broken
file never stops the report. Every answer is graded again against the course's
current content (activities/grading.py): the `correct` flag saved in a file is
never trusted, since a question may have changed after the learner answered,
and a learner can edit their own file. An answer to a question or scenario
ending that is no longer in the course, or naming an option that the question
no longer has, is listed in plain words and not counted.

Every word the report shows is in data/interface.yml (the cohort_… keys): its
headings, its sentences, and the reason each skipped file was set aside (one
sentence per kind of problem, never the program's own diagnostics).

The HTML comes from templates/progress/ (cohort-files.html, cohort-table.html,
cohort-report.html, message.html), where Jinja escapes every text: learners' names and
file names are untrusted. A table cell shows a line break or a tab as a space.
Each table scrolls inside its own box, so the report fits a phone's screen.

`answers` is the per-learner, per-question table that `write_csv` writes for
spreadsheets (the `cohort --csv FILE` command).
"""

from __future__ import annotations

import copy
import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..activities.grading import grade
from ..charts import horizontal_bars, svg_figure
from ..content.course import Course
from ..content.interface import ui_text
from ..content.model import Chapter, Option, Question
from ..content.problems import ContentError
from ..templating import TEMPLATES, Markup, render
from .record import RecordError, checked
from .summary import ordered_chapters, summarise

# "Hardest questions" ranks only questions answered by at least this many learners: with fewer,
# one learner's slip would make a question look hard. The report says so (cohort_questions_rule).
MIN_LEARNERS_FOR_HARDEST = 3
HARDEST_SHOWN = 10

# Why a file was skipped: the interface key of the sentence the report shows, per RecordError.kind
RECORD_REASONS = {
    "not_a_record": "cohort_reason_other_file",
    "newer": "cohort_reason_newer",
    "damaged": "cohort_reason_damaged",
}

# The columns of the CSV table (write_csv), in order: names for spreadsheets and scripts, not translated
CSV_COLUMNS = (
    "learner",
    "chapter",
    "chapter_title",
    "question",
    "prompt",
    "attempts",
    "chosen",
    "correct",
    "right_first_time",
)


@dataclass(frozen=True)
class NotCounted:
    """An answer or ending in a learner's file that does not fit the current course, told in a sentence."""

    learner: str
    key: str  # the interface key of the sentence (cohort_not_counted_…)
    fill: tuple[tuple[str, str], ...]  # its placeholders

    def sentence(self, course: Course) -> str:
        return ui_text(course, self.key, learner=self.learner, **dict(self.fill))


@dataclass(eq=False)
class Cohort:
    records: dict[str, dict] = field(default_factory=dict)  # learner name -> record
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, interface key of the reason)
    # Set by regrade(): the course the answers were graded against, what was left out, and how many
    # saved attempts the learners' files marked otherwise
    graded_for: Course | None = None
    not_counted: list[NotCounted] = field(default_factory=list)
    changed: int = 0


def read_folder(folder: Path) -> Cohort:
    """Every learner's file in `folder`, checked as a progress record (not yet graded: see regrade)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    cohort = Cohort()
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        reason, record = _read(path)
        if reason:
            cohort.rejected.append((path.name, reason))
            continue
        name = record.get("learner") or path.stem
        if name in cohort.records:
            name = f"{name} ({path.name})"
        cohort.records[name] = record
    return cohort


def _read(path: Path) -> tuple[str, dict | None]:
    """(the interface key of the reason the file cannot be used, or "", the record)."""
    if path.suffix.lower() != ".json":
        return "cohort_reason_not_json_name", None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "cohort_reason_not_text", None
    except OSError:
        return "cohort_reason_unreadable", None
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):  # cut short, not JSON, a number too long, nested too deep
        return "cohort_reason_cut_short", None
    try:
        return "", checked(raw)
    except RecordError as err:
        return RECORD_REASONS.get(err.kind, "cohort_reason_damaged"), None
    except RecursionError:
        return "cohort_reason_damaged", None


def _find_question(course: Course, key: str) -> Question | None:
    chapter_id, _, question_id = key.partition("/")
    chapter = course.chapters.get(chapter_id)
    return next((q for q in chapter.questions if q.id == question_id), None) if chapter else None


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def regrade(course: Course, cohort: Cohort) -> Cohort:
    """The cohort with every answer graded again against `course`; answers and endings that no longer
    fit the course are left out and listed (`not_counted`). Returns `cohort` itself if already done."""
    if cohort.graded_for is course:
        return cohort
    graded = Cohort(rejected=list(cohort.rejected), graded_for=course)
    for name, original in cohort.records.items():
        record = copy.deepcopy(original)
        answers = {}
        for key, attempts in original["answers"].items():
            question = _find_question(course, key)
            if question is None:
                graded.not_counted.append(NotCounted(name, "cohort_not_counted_question", (("question", key),)))
                continue
            known = {o.id for o in question.options}
            chosen = [set(a["chosen"]) for a in attempts]
            if any(c - known for c in chosen) or (
                question.kind != "multiple_choice" and any(len(c) != 1 for c in chosen)
            ):
                sentence = (
                    "cohort_not_counted_option" if any(c - known for c in chosen) else "cohort_not_counted_one_option"
                )
                graded.not_counted.append(NotCounted(name, sentence, (("question", _short(question.prompt)),)))
                continue
            answers[key] = [{**a, "correct": grade(question, a["chosen"]).correct} for a in attempts]
            graded.changed += sum(
                1 for old, new in zip(attempts, answers[key], strict=True) if old["correct"] != new["correct"]
            )
        record["answers"] = answers
        endings = {}
        for key, reached in original["endings"].items():
            chapter_id, _, ending_id = key.partition("/")
            chapter = course.chapters.get(chapter_id)
            if chapter and chapter.scenario and any(node.id == ending_id for node in chapter.scenario.endings):
                endings[key] = reached
            else:
                graded.not_counted.append(NotCounted(name, "cohort_not_counted_ending", (("ending", key),)))
        record["endings"] = endings
        graded.records[name] = record
    return graded


def chapter_column(course: Course, chapter) -> str:
    """A short column name: the guideline step ('Step 3'), or the chapter's title."""
    if chapter.guideline_step:
        return ui_text(course, "cohort_column_step", step=chapter.guideline_step)
    return _short(chapter.title, 24)


def chapter_label(course: Course, chapter: Chapter) -> str:
    """A chart's name for a chapter: 'Step 3: its title', or its title alone when it is not a step."""
    title = _short(chapter.title, 80)
    if chapter.guideline_step:
        return ui_text(course, "cohort_chart_chapter", step=chapter.guideline_step, title=title)
    return title


def option_label(course: Course, question: Question, option: Option) -> str:
    """An option as the learner saw it: its text, or True / False (data/interface.yml)."""
    return ui_text(course, option.id) if question.kind == "true_false" else option.text


def _columns(course: Course, *names: str) -> list[str]:
    """The headings of a table's columns, from data/interface.yml (cohort_column_...)."""
    return [ui_text(course, f"cohort_column_{name}") for name in names]


# Tabs and line breaks, with the spaces around them: a table cell shows them as one space
LINE_BREAKS = re.compile(r"[ \t]*[\t\n\r\v\f][ \t\n\r\v\f]*")


def _cell(value) -> str:
    """The text of a table cell, on one line."""
    return LINE_BREAKS.sub(" ", str(value)).strip()


def _table_html(
    frame: pd.DataFrame,
    label: str,
    index: bool = False,
    figure: Markup | None = None,
    na_rep: str = "NaN",
    note: str = "",
) -> str:
    """A table of the report (templates/progress/cohort-table.html), after its chart if it has one.

    Cells show numbers as pandas prints them, a missing value as `na_rep`, and text on one line.
    The table scrolls in its own box, named `label` for screen readers."""
    cells = frame.astype(str).where(frame.notna(), na_rep)
    rows = [
        (_cell(head), [_cell(value) for value in values])
        for head, values in zip(frame.index, cells.values.tolist(), strict=True)
    ]
    return render(
        "progress/cohort-table.html",
        figure=figure,
        note=note,
        label=label,
        columns=[_cell(c) for c in frame.columns],
        rows=rows,
        index_name=_cell(frame.index.name) if index else None,
    )


def completion(course: Course, cohort: Cohort) -> pd.DataFrame:
    """Percent of each chapter done, one row per learner, one column per chapter (answers regraded)."""
    cohort = regrade(course, cohort)
    rows = {
        name: {chapter_column(course, s.chapter): s.percent for s in summarise(course, record)}
        for name, record in cohort.records.items()
    }
    columns = [chapter_column(course, c) for c in ordered_chapters(course)]
    learner = ui_text(course, "cohort_column_learner")
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis(learner)


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def questions(course: Course, cohort: Cohort) -> pd.DataFrame:
    """For each question: how many learners answered, and how many were right first time and in the end
    (graded again against the current question)."""
    cohort = regrade(course, cohort)
    columns = _columns(course, "chapter", "question", "answered_by", "right_first", "right_in_the_end")
    rows = []
    for chapter in ordered_chapters(course):
        for question in chapter.questions:
            attempts = [r["answers"].get(f"{chapter.id}/{question.id}") for r in cohort.records.values()]
            attempts = [a for a in attempts if a]
            answered = len(attempts)
            rows.append(
                [
                    chapter.title,
                    _short(question.prompt),
                    answered,
                    _percent(sum(a[0]["correct"] for a in attempts), answered),
                    _percent(sum(a[-1]["correct"] for a in attempts), answered),
                ]
            )
    table = pd.DataFrame(rows, columns=columns)
    for column in columns[3:]:  # whole percentages, and no value where nobody answered (not 71.0 and NaN)
        table[column] = table[column].astype("Int64")
    return table


def hardest(course: Course, table: pd.DataFrame) -> pd.DataFrame:
    """The questions of `questions()` answered right first time least often, among those answered by
    at least MIN_LEARNERS_FOR_HARDEST learners."""
    answered_by, right_first = _columns(course, "answered_by", "right_first")
    ranked = table[table[answered_by] >= MIN_LEARNERS_FOR_HARDEST]
    return ranked.sort_values(right_first, kind="stable").head(HARDEST_SHOWN)


def wrong_options(course: Course, cohort: Cohort, top: int = 10) -> pd.DataFrame:
    """The wrong options chosen most often, counting each learner once per option."""
    cohort = regrade(course, cohort)
    columns = _columns(course, "chapter", "question", "wrong_option", "chose_it")
    rows = []
    for chapter in ordered_chapters(course):
        for question in chapter.questions:
            key = f"{chapter.id}/{question.id}"
            for option in question.options:
                if option.correct:
                    continue
                learners = sum(
                    1
                    for r in cohort.records.values()
                    if any(option.id in a["chosen"] for a in r["answers"].get(key, []))
                )
                if learners:
                    rows.append(
                        [
                            chapter.title,
                            _short(question.prompt),
                            _short(option_label(course, question, option)),
                            learners,
                        ]
                    )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(columns[-1], ascending=False, kind="stable").head(top).reset_index(drop=True)


def endings(course: Course, cohort: Cohort) -> pd.DataFrame:
    cohort = regrade(course, cohort)
    columns = _columns(course, "chapter", "ending", "outcome", "reached_it")
    rows = []
    for chapter in ordered_chapters(course):
        if not chapter.scenario:
            continue
        for node in chapter.scenario.endings:
            reached = sum(1 for r in cohort.records.values() if f"{chapter.id}/{node.id}" in r["endings"])
            rows.append([chapter.title, node.title, node.outcome, reached])
    return pd.DataFrame(rows, columns=columns)


def answers(course: Course, cohort: Cohort) -> pd.DataFrame:
    """One row per learner and question answered (answers not counted are left out), with the columns
    CSV_COLUMNS: the number of attempts, the last choice as the options' texts, and whether that
    choice and the first one are right, graded again against the current question."""
    cohort = regrade(course, cohort)
    rows = []
    for name, record in cohort.records.items():
        for chapter in ordered_chapters(course):
            for question in chapter.questions:
                attempts = record["answers"].get(f"{chapter.id}/{question.id}")
                if not attempts:
                    continue
                last = set(attempts[-1]["chosen"])
                chosen = "; ".join(option_label(course, question, o) for o in question.options if o.id in last)
                rows.append(
                    [
                        name,
                        chapter.id,
                        chapter.title,
                        question.id,
                        question.prompt,
                        len(attempts),
                        chosen,
                        attempts[-1]["correct"],
                        attempts[0]["correct"],
                    ]
                )
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


# A spreadsheet runs a cell that starts with one of these as a formula: a learner's name is untrusted
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def write_csv(course: Course, cohort: Cohort, path: Path) -> int:
    """Write `answers()` as a CSV file for spreadsheets (UTF-8 with a byte-order mark, so that
    spreadsheet programs read accents right; a text cell that would start a formula gets a leading
    apostrophe). Returns the number of rows."""
    table = answers(course, cohort)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.columns)
        for row in table.itertuples(index=False):
            writer.writerow([_spreadsheet_text(value) for value in row])
    return len(table)


class CohortReport:
    """What the cohort-report notebook and the `cohort` command show."""

    def __init__(self, course: Course, cohort: Cohort):
        self.course = course
        self.cohort = regrade(course, cohort)

    @classmethod
    def from_folder(cls, folder, course: Course | None = None) -> CohortReport:
        """The report of the progress files in `folder`. A relative folder that is not found from the
        working folder is looked for in the course's folder: "data/sample-cohort" works wherever the
        notebook runs (in book/, as Jupyter and Binder run it, or from the top folder)."""
        from ..content.course import find_root, load_course

        folder = Path(folder)
        if not folder.is_absolute() and not folder.is_dir():
            try:
                in_course = find_root() / folder
            except ContentError:
                in_course = None
            if in_course is not None and in_course.is_dir():
                folder = in_course
        return cls(course or load_course(), read_folder(folder))

    def words(self, key: str, /, **fill) -> str:
        """A word of the report from data/interface.yml, with its {placeholders} filled in."""
        return ui_text(self.course, key, **fill)

    def skipped(self) -> list[tuple[str, str]]:
        """(file name, the sentence saying why it was skipped) for each file that could not be used."""
        return [(name, self.words(reason)) for name, reason in self.cohort.rejected]

    def not_counted(self) -> list[str]:
        """A sentence for each answer or ending that does not fit the course as it is now."""
        return [entry.sentence(self.course) for entry in self.cohort.not_counted]

    def files_html(self) -> str:
        cohort = self.cohort
        return render(
            "progress/cohort-files.html",
            read=self.words("cohort_read", count=len(cohort.records)),
            skipped=self.words("cohort_skipped", count=len(cohort.rejected)),
            rejected=self.skipped(),
            regraded=self.words("cohort_regraded"),
            changed=self.words("cohort_regraded_changed", count=cohort.changed) if cohort.changed else "",
            not_counted_heading=self.words("cohort_not_counted", count=len(cohort.not_counted)),
            not_counted=self.not_counted(),
        )

    def completion_html(self) -> str:
        table = completion(self.course, self.cohort)
        if table.empty:
            return render("progress/message.html", text=self.words("cohort_no_learners"), bold=False)
        means = table.mean().round().tolist()
        labels = [chapter_label(self.course, c) for c in ordered_chapters(self.course)]
        fig = horizontal_bars(
            labels, means, self.words("cohort_completion_title"), self.words("cohort_completion_axis")
        )
        alt = self.words(
            "cohort_completion_alt",
            bars="; ".join(f"{label}: {m:.0f} %" for label, m in zip(labels, means, strict=True)),
        )
        caption = self.words("cohort_completion_caption", count=len(table))
        # svg_figure escapes the alternative text and caption, and templates/charts/chart.svg the chart's text
        return _table_html(
            table,
            self.words("cohort_section_completion"),
            index=True,
            figure=Markup(svg_figure(fig, "cohort-completion", alt, caption)),
        )

    def questions_html(self) -> str:
        table = questions(self.course, self.cohort)
        question, answered_by, right_first = _columns(self.course, "question", "answered_by", "right_first")
        if not table[answered_by].any():
            return render("progress/message.html", text=self.words("cohort_no_answers"), bold=False)
        label = self.words("cohort_section_questions")
        ranked = hardest(self.course, table)
        if ranked.empty:
            note = self.words("cohort_questions_none", minimum=MIN_LEARNERS_FOR_HARDEST)
            return _table_html(table, label, na_rep="–", note=note)
        labels = [
            self.words("cohort_questions_bar", question=q, count=n)
            for q, n in zip(ranked[question], ranked[answered_by], strict=True)
        ]
        values = [int(v) for v in ranked[right_first]]
        fig = horizontal_bars(labels, values, self.words("cohort_questions_title"), self.words("cohort_questions_axis"))
        alt = self.words(
            "cohort_questions_alt", bars="; ".join(f"{label}: {v} %" for label, v in zip(labels, values, strict=True))
        )
        caption = self.words("cohort_questions_rule", minimum=MIN_LEARNERS_FOR_HARDEST)
        # svg_figure escapes the alternative text and caption, and templates/charts/chart.svg the chart's text
        return _table_html(table, label, figure=Markup(svg_figure(fig, "cohort-questions", alt, caption)), na_rep="–")

    def wrong_options_html(self) -> str:
        return _table_html(wrong_options(self.course, self.cohort), self.words("cohort_section_wrong_options"))

    def endings_html(self) -> str:
        return _table_html(endings(self.course, self.cohort), self.words("cohort_section_endings"))

    def self_assessment_html(self) -> str:
        """The group's self-assessment: per statement, the average rating before and after the course
        among the learners who gave both (progress/self_assessment.py)."""
        from .self_assessment import cohort_table, load_statements

        try:
            statements = load_statements(self.course)
        except ContentError:  # a course without data/self-assessment.yml
            statements = ()
        table = cohort_table(self.course, statements, self.cohort.records)
        if table.empty or not table.iloc[:, 1].any():
            return render("progress/message.html", text=self.words("cohort_no_ratings"), bold=False)
        return _table_html(table, self.words("cohort_section_self_assessment"), na_rep="–")

    def show(self, part: str):
        """One part of the report for a notebook cell: files, completion, questions, wrong_options, endings
        or self_assessment."""
        from ..activities.display import Activity

        return Activity(getattr(self, f"{part}_html")(), self.words("cohort_section_" + part))

    def document(self) -> str:
        """The whole report as one printable HTML page, readable on a phone."""
        parts = ("files", "completion", "questions", "wrong_options", "endings")
        parts += ("self_assessment",)
        return render(
            "progress/cohort-report.html",
            title=self.words("cohort_title", course=self.course.title),
            language=self.course.language,
            # each section made by our own templates, every text escaped there
            sections=[
                (self.words(f"cohort_section_{part}"), Markup(getattr(self, f"{part}_html")())) for part in parts
            ],
            # the package's own style sheet, no data in it: inlined so that the page stands alone
            style_sheet=Markup((TEMPLATES / "progress" / "cohort-report.css").read_text(encoding="utf-8").strip()),
        )

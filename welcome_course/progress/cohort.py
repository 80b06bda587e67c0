"""The trainer's cohort report: a folder of learners' exported progress files, read with pandas.

A file that cannot be used is listed with the reason and skipped: one broken
file never stops the report. The report's headings and sentences are in
data/interface.yml (the cohort_… keys); the reasons a file was skipped are
the program's own diagnostics and stay in English, like the terminal messages.

The HTML comes from templates/progress/ (cohort-files.html, cohort-table.html,
cohort-report.html, message.html), where Jinja escapes every text: learners' names and
file names are untrusted. A table cell shows a line break or a tab as a space.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..content.course import Course
from ..charts import horizontal_bars, svg_figure
from ..content.interface import ui_text
from ..content.problems import ContentError
from ..templating import TEMPLATES, Markup, render
from .record import RecordError, checked
from .summary import ordered_chapters, summarise


@dataclass
class Cohort:
    records: dict[str, dict] = field(default_factory=dict)  # learner name -> record
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


def read_folder(folder: Path) -> Cohort:
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    cohort = Cohort()
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() != ".json":
            cohort.rejected.append((path.name, "not a progress file (expected a .json file)"))
            continue
        try:
            record = checked(json.loads(path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            cohort.rejected.append((path.name, "not a text file"))
            continue
        except json.JSONDecodeError as err:
            cohort.rejected.append((path.name, f"not valid JSON (line {err.lineno}: {err.msg})"))
            continue
        except RecordError as err:
            cohort.rejected.append((path.name, f"the file {err}"))
            continue
        name = record.get("learner") or path.stem
        if name in cohort.records:
            name = f"{name} ({path.name})"
        cohort.records[name] = record
    return cohort


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chapter_column(course: Course, chapter) -> str:
    """A short column name: the guideline step ('Step 3'), or the chapter's title."""
    if chapter.guideline_step:
        return ui_text(course, "cohort_column_step", step=chapter.guideline_step)
    return _short(chapter.title, 24)


def _columns(course: Course, *names: str) -> list[str]:
    """The headings of a table's columns, from data/interface.yml (cohort_column_...)."""
    return [ui_text(course, f"cohort_column_{name}") for name in names]


# Tabs and line breaks, with the spaces around them: a table cell shows them as one space
LINE_BREAKS = re.compile(r"[ \t]*[\t\n\r\v\f][ \t\n\r\v\f]*")


def _cell(value) -> str:
    """The text of a table cell, on one line."""
    return LINE_BREAKS.sub(" ", str(value)).strip()


def _table_html(frame: pd.DataFrame, index: bool = False, figure: Markup | None = None, na_rep: str = "NaN") -> str:
    """A table of the report (templates/progress/cohort-table.html), after its chart if it has one.

    Cells show numbers as pandas prints them (a column with a missing value holds floats: 71.0),
    a missing value as `na_rep`, and text on one line."""
    cells = frame.astype(str).where(frame.notna(), na_rep)
    rows = [(_cell(head), [_cell(value) for value in values])
            for head, values in zip(frame.index, cells.values.tolist())]
    return render("progress/cohort-table.html", figure=figure, columns=[_cell(c) for c in frame.columns], rows=rows,
                  index_name=_cell(frame.index.name) if index else None)


def completion(course: Course, cohort: Cohort) -> pd.DataFrame:
    """Percent of each chapter done, one row per learner, one column per chapter."""
    rows = {name: {chapter_column(course, s.chapter): s.percent for s in summarise(course, record)}
            for name, record in cohort.records.items()}
    columns = [chapter_column(course, c) for c in ordered_chapters(course)]
    learner = ui_text(course, "cohort_column_learner")
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis(learner)


def questions(course: Course, cohort: Cohort) -> pd.DataFrame:
    """For each question: how many learners answered, and how many were right first time and in the end."""
    columns = _columns(course, "chapter", "question", "answered_by", "right_first", "right_in_the_end")
    rows = []
    for chapter in ordered_chapters(course):
        for question in chapter.questions:
            attempts = [r["answers"].get(f"{chapter.id}/{question.id}") for r in cohort.records.values()]
            attempts = [a for a in attempts if a]
            answered = len(attempts)
            rows.append([
                chapter.title,
                _short(question.prompt),
                answered,
                round(100 * sum(a[0]["correct"] for a in attempts) / answered) if answered else None,
                round(100 * sum(a[-1]["correct"] for a in attempts) / answered) if answered else None,
            ])
    return pd.DataFrame(rows, columns=columns)


def wrong_options(course: Course, cohort: Cohort, top: int = 10) -> pd.DataFrame:
    """The wrong options chosen most often, counting each learner once per option."""
    columns = _columns(course, "chapter", "question", "wrong_option", "chose_it")
    rows = []
    for chapter in ordered_chapters(course):
        for question in chapter.questions:
            key = f"{chapter.id}/{question.id}"
            for option in question.options:
                if option.correct:
                    continue
                learners = sum(
                    1 for r in cohort.records.values()
                    if any(option.id in a["chosen"] for a in r["answers"].get(key, []))
                )
                if learners:
                    label = ui_text(course, option.id) if question.kind == "true_false" else option.text
                    rows.append([chapter.title, _short(question.prompt), _short(label), learners])
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(columns[-1], ascending=False, kind="stable").head(top).reset_index(drop=True)


def endings(course: Course, cohort: Cohort) -> pd.DataFrame:
    columns = _columns(course, "chapter", "ending", "outcome", "reached_it")
    rows = []
    for chapter in ordered_chapters(course):
        if not chapter.scenario:
            continue
        for node in chapter.scenario.endings:
            reached = sum(1 for r in cohort.records.values() if f"{chapter.id}/{node.id}" in r["endings"])
            rows.append([chapter.title, node.title, node.outcome, reached])
    return pd.DataFrame(rows, columns=columns)


class CohortReport:
    """What the cohort-report notebook and the `cohort` command show."""

    def __init__(self, course: Course, cohort: Cohort):
        self.course = course
        self.cohort = cohort

    @classmethod
    def from_folder(cls, folder, course: Course | None = None) -> "CohortReport":
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

    def files_html(self) -> str:
        return render("progress/cohort-files.html", count=len(self.cohort.records), rejected=self.cohort.rejected,
                      words=self.words)

    def completion_html(self) -> str:
        table = completion(self.course, self.cohort)
        if table.empty:
            return render("progress/message.html", text=self.words("cohort_no_learners"), bold=False)
        means = table.mean().round().tolist()
        labels = [f"{c.guideline_step or '·'}. {_short(c.title, 40)}" for c in ordered_chapters(self.course)]
        fig = horizontal_bars(labels, means, self.words("cohort_completion_title"), self.words("cohort_completion_axis"))
        alt = self.words("cohort_completion_alt", bars="; ".join(f"{l}: {m:.0f} %" for l, m in zip(labels, means)))
        caption = self.words("cohort_completion_caption", count=len(table))
        # svg_figure escapes the alternative text and caption, and matplotlib the chart's own text
        return _table_html(table, index=True, figure=Markup(svg_figure(fig, "cohort-completion", alt, caption)))

    def questions_html(self) -> str:
        table = questions(self.course, self.cohort)
        question, right_first = _columns(self.course, "question", "right_first")
        answered = table.dropna(subset=[right_first])
        if answered.empty:
            return render("progress/message.html", text=self.words("cohort_no_answers"), bold=False)
        hardest = answered.sort_values(right_first, kind="stable").head(10)
        labels = [_short(q, 45) for q in hardest[question]]
        values = hardest[right_first].tolist()
        fig = horizontal_bars(labels, values, self.words("cohort_questions_title"), self.words("cohort_questions_axis"))
        alt = self.words("cohort_questions_alt", bars="; ".join(f"{l}: {v:.0f} %" for l, v in zip(labels, values)))
        # svg_figure escapes the alternative text, and matplotlib the chart's own text
        return _table_html(table, figure=Markup(svg_figure(fig, "cohort-questions", alt)), na_rep="–")

    def wrong_options_html(self) -> str:
        return _table_html(wrong_options(self.course, self.cohort))

    def endings_html(self) -> str:
        return _table_html(endings(self.course, self.cohort))

    def show(self, part: str):
        """One part of the report for a notebook cell: files, completion, questions, wrong_options or endings."""
        from ..activities.display import Activity

        return Activity(getattr(self, f"{part}_html")(), self.words("cohort_section_" + part))

    def document(self) -> str:
        """The whole report as one printable HTML page."""
        parts = ("files", "completion", "questions", "wrong_options", "endings")
        return render(
            "progress/cohort-report.html",
            title=self.words("cohort_title", course=self.course.title),
            # each section made by our own templates, every text escaped there
            sections=[(self.words(f"cohort_section_{part}"), Markup(getattr(self, f"{part}_html")()))
                      for part in parts],
            # the package's own style sheet, no data in it: inlined so that the page stands alone
            style_sheet=Markup((TEMPLATES / "progress" / "cohort-report.css").read_text(encoding="utf-8").strip()),
        )

"""The trainer's cohort report: a folder of learners' exported progress files, read with pandas.

A file that cannot be used is listed with the reason and skipped: one broken
file never stops the report. The report's headings and sentences are in
data/interface.yml (the cohort_… keys); the reasons a file was skipped are
the program's own diagnostics and stay in English, like the terminal messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..content.course import Course
from ..charts import horizontal_bars, svg_figure
from ..activities.static_html import esc
from ..content.interface import ui_text
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
        from ..content.course import load_course

        return cls(course or load_course(), read_folder(Path(folder)))

    def words(self, key: str, /, **fill) -> str:
        """A word of the report from data/interface.yml, with its {placeholders} filled in."""
        return ui_text(self.course, key, **fill)

    def files_html(self) -> str:
        good = len(self.cohort.records)
        rejected = "".join(f"<li><code>{esc(name)}</code>: {esc(reason)}</li>" for name, reason in self.cohort.rejected)
        skipped = (f"<p>{esc(self.words('cohort_skipped', count=len(self.cohort.rejected)))}</p><ul>{rejected}</ul>"
                   if rejected else "")
        return f"<p>{esc(self.words('cohort_read', count=good))}</p>{skipped}"

    def completion_html(self) -> str:
        table = completion(self.course, self.cohort)
        if table.empty:
            return f"<p>{esc(self.words('cohort_no_learners'))}</p>"
        means = table.mean().round().tolist()
        labels = [f"{c.guideline_step or '·'}. {_short(c.title, 40)}" for c in ordered_chapters(self.course)]
        fig = horizontal_bars(labels, means, self.words("cohort_completion_title"), self.words("cohort_completion_axis"))
        alt = self.words("cohort_completion_alt", bars="; ".join(f"{l}: {m:.0f} %" for l, m in zip(labels, means)))
        caption = self.words("cohort_completion_caption", count=len(table))
        return svg_figure(fig, "cohort-completion", alt, caption) + table.to_html(classes="wc-table", border=0)

    def questions_html(self) -> str:
        table = questions(self.course, self.cohort)
        question, right_first = _columns(self.course, "question", "right_first")
        answered = table.dropna(subset=[right_first])
        if answered.empty:
            return f"<p>{esc(self.words('cohort_no_answers'))}</p>"
        hardest = answered.sort_values(right_first, kind="stable").head(10)
        labels = [_short(q, 45) for q in hardest[question]]
        values = hardest[right_first].tolist()
        fig = horizontal_bars(labels, values, self.words("cohort_questions_title"), self.words("cohort_questions_axis"))
        alt = self.words("cohort_questions_alt", bars="; ".join(f"{l}: {v:.0f} %" for l, v in zip(labels, values)))
        return svg_figure(fig, "cohort-questions", alt) + table.to_html(classes="wc-table", border=0, index=False, na_rep="–")

    def wrong_options_html(self) -> str:
        return wrong_options(self.course, self.cohort).to_html(classes="wc-table", border=0, index=False)

    def endings_html(self) -> str:
        return endings(self.course, self.cohort).to_html(classes="wc-table", border=0, index=False)

    def show(self, part: str):
        """One part of the report for a notebook cell: files, completion, questions, wrong_options or endings."""
        from ..activities.display import Activity

        return Activity(getattr(self, f"{part}_html")(), self.words("cohort_section_" + part))

    def document(self) -> str:
        """The whole report as one printable HTML page."""
        sections = [
            ("files", self.files_html()), ("completion", self.completion_html()),
            ("questions", self.questions_html()), ("wrong_options", self.wrong_options_html()),
            ("endings", self.endings_html()),
        ]
        body = "".join(f"<h2>{esc(self.words('cohort_section_' + part))}</h2>{html}" for part, html in sections)
        title = esc(self.words("cohort_title", course=self.course.title))
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>"
            "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45}"
            "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}"
            "figure{margin:1rem 0}svg{max-width:100%;height:auto}</style></head>"
            f"<body><h1>{title}</h1>{body}</body></html>"
        )


"""The trainer's cohort report: a folder of learners' exported progress files, read with pandas.

A file that cannot be used is listed with the reason and skipped: one broken
file never stops the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..content.course import Course
from ..plots import horizontal_bars, svg_figure
from ..render_html import esc
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


def chapter_column(chapter) -> str:
    """A short column name: the guideline step ('Step 3'), or the chapter's title."""
    return f"Step {chapter.guideline_step}" if chapter.guideline_step else _short(chapter.title, 24)


def completion(course: Course, cohort: Cohort) -> pd.DataFrame:
    """Percent of each chapter done, one row per learner, one column per chapter."""
    rows = {name: {chapter_column(s.chapter): s.percent for s in summarise(course, record)}
            for name, record in cohort.records.items()}
    columns = [chapter_column(c) for c in ordered_chapters(course)]
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis("Learner")


def questions(course: Course, cohort: Cohort) -> pd.DataFrame:
    """For each question: how many learners answered, and how many were right first time and in the end."""
    rows = []
    for chapter in ordered_chapters(course):
        for question in chapter.questions:
            attempts = [r["answers"].get(f"{chapter.id}/{question.id}") for r in cohort.records.values()]
            attempts = [a for a in attempts if a]
            answered = len(attempts)
            rows.append({
                "Chapter": chapter.title,
                "Question": _short(question.prompt),
                "Answered by": answered,
                "Right first time (%)": round(100 * sum(a[0]["correct"] for a in attempts) / answered) if answered else None,
                "Right in the end (%)": round(100 * sum(a[-1]["correct"] for a in attempts) / answered) if answered else None,
            })
    return pd.DataFrame(rows)


def wrong_options(course: Course, cohort: Cohort, top: int = 10) -> pd.DataFrame:
    """The wrong options chosen most often, counting each learner once per option."""
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
                    label = course.interface[option.id] if question.kind == "true_false" else option.text
                    rows.append({"Chapter": chapter.title, "Question": _short(question.prompt),
                                 "Wrong option": _short(label), "Learners who chose it": learners})
    table = pd.DataFrame(rows, columns=["Chapter", "Question", "Wrong option", "Learners who chose it"])
    return table.sort_values("Learners who chose it", ascending=False, kind="stable").head(top).reset_index(drop=True)


def endings(course: Course, cohort: Cohort) -> pd.DataFrame:
    rows = []
    for chapter in ordered_chapters(course):
        if not chapter.scenario:
            continue
        for node in chapter.scenario.endings:
            reached = sum(1 for r in cohort.records.values() if f"{chapter.id}/{node.id}" in r["endings"])
            rows.append({"Chapter": chapter.title, "Ending": node.title, "Outcome": node.outcome, "Learners who reached it": reached})
    return pd.DataFrame(rows)


class CohortReport:
    """What the cohort-report notebook and the `cohort` command show."""

    def __init__(self, course: Course, cohort: Cohort):
        self.course = course
        self.cohort = cohort

    @classmethod
    def from_folder(cls, folder, course: Course | None = None) -> "CohortReport":
        from ..content.course import load_course

        return cls(course or load_course(), read_folder(Path(folder)))

    def files_html(self) -> str:
        good = len(self.cohort.records)
        rejected = "".join(f"<li><code>{esc(name)}</code>: {esc(reason)}</li>" for name, reason in self.cohort.rejected)
        skipped = f"<p>Skipped {len(self.cohort.rejected)} file(s):</p><ul>{rejected}</ul>" if rejected else ""
        return f"<p>Read {good} learner file(s).</p>{skipped}"

    def completion_html(self) -> str:
        table = completion(self.course, self.cohort)
        if table.empty:
            return "<p>No learner files to report on.</p>"
        means = table.mean().round().tolist()
        labels = [f"{c.guideline_step or '·'}. {_short(c.title, 40)}" for c in ordered_chapters(self.course)]
        fig = horizontal_bars(labels, means, "Average share of each chapter done", "percent of the chapter done")
        alt = "Bar chart of the average share done per chapter: " + "; ".join(f"{l}: {m:.0f} %" for l, m in zip(labels, means))
        return svg_figure(fig, "cohort-completion", alt, f"Average over {len(table)} learners.") + table.to_html(classes="wc-table", border=0)

    def questions_html(self) -> str:
        table = questions(self.course, self.cohort)
        answered = table.dropna(subset=["Right first time (%)"])
        if answered.empty:
            return "<p>No answers yet.</p>"
        hardest = answered.sort_values("Right first time (%)", kind="stable").head(10)
        labels = [_short(q, 45) for q in hardest["Question"]]
        values = hardest["Right first time (%)"].tolist()
        fig = horizontal_bars(labels, values, "The ten questions answered right first time least often",
                              "percent of learners right at their first attempt")
        alt = "Bar chart of the hardest questions: " + "; ".join(f"{l}: {v:.0f} %" for l, v in zip(labels, values))
        return svg_figure(fig, "cohort-questions", alt) + table.to_html(classes="wc-table", border=0, index=False, na_rep="–")

    def wrong_options_html(self) -> str:
        return wrong_options(self.course, self.cohort).to_html(classes="wc-table", border=0, index=False)

    def endings_html(self) -> str:
        return endings(self.course, self.cohort).to_html(classes="wc-table", border=0, index=False)

    def show(self, part: str):
        """One part of the report for a notebook cell: files, completion, questions, wrong_options or endings."""
        from IPython.display import HTML

        return HTML(getattr(self, f"{part}_html")())

    def document(self) -> str:
        """The whole report as one printable HTML page."""
        sections = [
            ("Files", self.files_html()), ("Completion", self.completion_html()),
            ("Questions", self.questions_html()), ("Wrong options chosen most often", self.wrong_options_html()),
            ("Scenario endings reached", self.endings_html()),
        ]
        body = "".join(f"<h2>{esc(title)}</h2>{html}" for title, html in sections)
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{esc(self.course.title)}: cohort report</title><style>"
            "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45}"
            "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}"
            "figure{margin:1rem 0}svg{max-width:100%;height:auto}</style></head>"
            f"<body><h1>{esc(self.course.title)}: cohort report</h1>{body}</body></html>"
        )


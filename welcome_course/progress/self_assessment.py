"""The self-assessment: statements drawn from the chapters' goals, rated from 1 to 5 before and
after the course.

- data/self-assessment.yml holds the statements, checked here as the chapter files are (every
  problem named by file, line, item and field; `check` and the build report them);
- the introduction page offers the form for "before" (the `self-assessment` directive,
  site/directives.py) and the closing page (book/action-plan.ipynb) the form for "after": static
  HTML in the book, which static/welcome-course-completion.js saves in the progress record's
  `ratings` (record.py); a live widget in Jupyter, which saves in the learner's progress file;
- "My progress" and the portfolio show both ratings side by side (`results_html`); the cohort
  report shows the group's change per statement (`cohort_table`).

The HTML comes from templates/progress/self-assessment.html and self-results.html, where Jinja
escapes every text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..content import translation
from ..content.course import Course
from ..content.fields import Block
from ..content.interface import ui_text
from ..content.problems import ContentError, Problem
from ..content.yaml_reader import read_yaml
from ..templating import render
from .record import MOMENTS, RATING_MAX, RATING_MIN

FILE = "data/self-assessment.yml"
MIN_STATEMENTS, MAX_STATEMENTS = 6, 10
STATEMENT_FIELDS = ("id", "chapter", "text")
RATINGS = tuple(range(RATING_MIN, RATING_MAX + 1))


@dataclass(frozen=True)
class Statement:
    id: str
    chapter: str  # the chapter whose goals it is drawn from
    text: str


def read_statements(course: Course, problems: list[Problem]) -> tuple[Statement, ...]:
    """The statements, in the course's language (content/translation.py); see _read_statements."""
    with translation.using(course.root, course.language):
        return _read_statements(course, problems)


def _read_statements(course: Course, problems: list[Problem]) -> tuple[Statement, ...]:
    """The statements of data/self-assessment.yml; every problem found is added to `problems`.
    A course without the file has no self-assessment (and no problem)."""
    path = course.root / FILE
    if not path.is_file():
        return ()
    try:
        raw = read_yaml(path, FILE)
    except ContentError as err:
        problems.extend(err.problems)
        return ()
    top = Block(raw, FILE, "self-assessment", problems)
    if not top.ok:
        return ()
    top.known_fields("statements")
    raw_statements = top.items("statements", minimum=MIN_STATEMENTS)
    if len(raw_statements) > MAX_STATEMENTS:
        top.report(
            "statements",
            f"has {len(raw_statements)} statements; at most {MAX_STATEMENTS} keep the "
            "self-assessment short enough to answer twice",
        )
    statements, seen = [], set()
    for number, item in enumerate(raw_statements, start=1):
        sid = item.get("id") if isinstance(item, dict) else None
        block = top.child(item, item=f"statement '{sid}'" if isinstance(sid, str) and sid else f"statement {number}")
        if not block.ok:
            continue
        block.known_fields(*STATEMENT_FIELDS)
        sid = block.unique_id(seen, "statement", " (learners' ratings are stored under them)")
        chapter = block.identifier("chapter")
        if chapter and chapter not in course.chapters:
            block.report(
                "chapter",
                f"'{chapter}' is not a chapter of the course; expected the id of a file in "
                f"data/chapters/: {', '.join(course.chapters)}",
            )
        statements.append(Statement(sid, chapter, block.text("text")))
    return tuple(statements)


def problems(course: Course) -> list[Problem]:
    """What `check` and the build report about data/self-assessment.yml."""
    found: list[Problem] = []
    read_statements(course, found)
    return found


def load_statements(course: Course) -> tuple[Statement, ...]:
    """The checked statements; ContentError when the file is missing or wrong."""
    found: list[Problem] = []
    statements = read_statements(course, found)
    if not (course.root / FILE).is_file():
        found.append(
            Problem(
                FILE, "", "", "file not found; the self-assessment's statements are written there (see data/README.md)"
            )
        )
    if found:
        raise ContentError(found)
    return statements


def check_moment(moment: str) -> str:
    if moment not in MOMENTS:
        raise ValueError(f"the self-assessment is made {' or '.join(repr(m) for m in MOMENTS)}, not {moment!r}")
    return moment


# --- rendering ------------------------------------------------------------------------


def rating_label(course: Course, rating: int) -> str:
    return ui_text(course, f"self_rating_{rating}")


def form_html(course: Course, statements: tuple[Statement, ...], moment: str) -> str:
    """The form of the book, for one moment (before or after); the page script saves and restores it."""
    return render(
        "progress/self-assessment.html",
        statements=statements,
        moment=check_moment(moment),
        ratings=[(n, rating_label(course, n)) for n in RATINGS],
        words=partial(ui_text, course),
    )


def change_text(before: int | None, after: int | None) -> str:
    """'+2', '0', '-1'; '' unless both ratings are given. The page script writes the same."""
    if before is None or after is None:
        return ""
    return f"{after - before:+d}" if after != before else "0"


def ratings_of(record: dict, moment: str) -> dict[str, int]:
    prefix = f"{moment}/"
    return {
        key[len(prefix) :]: entry["rating"]
        for key, entry in record.get("ratings", {}).items()
        if key.startswith(prefix)
    }


def results_html(course: Course, statements: tuple[Statement, ...], record: dict) -> str:
    """Before and after side by side, from the record (My progress and the portfolio; in the book the
    page script fills the cells from the browser's record)."""
    before, after = ratings_of(record, "before"), ratings_of(record, "after")
    rows = [
        {
            "id": s.id,
            "text": s.text,
            "before": before.get(s.id),
            "after": after.get(s.id),
            "change": change_text(before.get(s.id), after.get(s.id)),
        }
        for s in statements
    ]
    return render("progress/self-results.html", rows=rows, words=partial(ui_text, course))


# --- the cohort report ----------------------------------------------------------------------


def cohort_table(course: Course, statements: tuple[Statement, ...], records: dict[str, dict]):
    """For each statement: how many learners rated it both before and after, their average rating at
    each moment and the average change (over those learners only)."""
    import pandas as pd

    columns = [
        ui_text(course, f"cohort_column_{name}")
        for name in ("statement", "rated_both", "mean_before", "mean_after", "change")
    ]
    rows = []
    for statement in statements:
        pairs = []
        for record in records.values():
            before = ratings_of(record, "before").get(statement.id)
            after = ratings_of(record, "after").get(statement.id)
            if before is not None and after is not None:
                pairs.append((before, after))
        if not pairs:
            rows.append([statement.text, 0, None, None, None])
            continue
        mean_before = sum(b for b, _ in pairs) / len(pairs)
        mean_after = sum(a for _, a in pairs) / len(pairs)
        change = mean_after - mean_before
        rows.append(
            [
                statement.text,
                len(pairs),
                f"{mean_before:.1f}",
                f"{mean_after:.1f}",
                f"{change:+.1f}" if round(change, 1) else "0.0",
            ]
        )
    return pd.DataFrame(rows, columns=columns)


# --- the live widget ----------------------------------------------------------------------------


class SelfAssessmentWidget:
    """One toggle row per statement, 1 to 5; each choice is saved at once in the learner's progress."""

    def __init__(self, course: Course, statements: tuple[Statement, ...], moment: str, progress=None):
        import ipywidgets as w

        self.course = course
        self.moment = check_moment(moment)
        self.progress = progress
        record = _stored(progress)
        mine, earlier = ratings_of(record, moment), ratings_of(record, "before")
        self.notice = w.HTML()
        rows = [w.HTML(render("activities/live/paragraph.html", text=ui_text(course, "self_assessment_label")))]
        if moment == "after" and not earlier:
            rows.append(w.HTML(render("activities/live/paragraph.html", text=ui_text(course, "self_no_before"))))
        self.toggles = {}
        options = [(rating_label(course, n), n) for n in RATINGS]
        for statement in statements:
            toggle = w.ToggleButtons(
                options=options,
                value=mine.get(statement.id),
                style={"button_width": "auto"},
                layout=w.Layout(width="100%"),
            )
            toggle.observe(lambda change, sid=statement.id: self._save(sid, change["new"]), names="value")
            self.toggles[statement.id] = toggle
            rows += [w.HTML(render("progress/self-statement-live.html", text=statement.text)), toggle]
            if moment == "after" and statement.id in earlier:
                said = ui_text(course, "self_rated_before", rating=rating_label(course, earlier[statement.id]))
                rows.append(w.HTML(render("activities/live/paragraph.html", text=said)))
        self.box = w.VBox([*rows, self.notice])
        self.box.add_class("wc-live")

    def _save(self, statement_id: str, rating) -> None:
        if self.progress is not None and rating is not None:
            self.notice.value = self.progress.record(
                {"type": "rating", "moment": self.moment, "statement": statement_id, "rating": rating}
            )


def _stored(progress) -> dict:
    """The learner's record, or an empty one when there is no store or it cannot be read."""
    from .record import new_record

    if progress is None:
        return new_record()
    try:
        return progress.store.load()
    except OSError:
        return new_record()

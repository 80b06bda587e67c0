"""The end of the course as notebooks show it: the self-assessment's form, the action plan's boxes,
and the part of "My progress" that gathers them with the certificate.

Each is an Activity (activities/display.py): static HTML in the book, a live widget in Jupyter.

- `self_assessment_activity(course, moment)`: the ratings before or after the course;
- `action_plan_activity(course)`: my school's action plan (book/action-plan.ipynb);
- `completion_activity(course)`: My progress's self-assessment before and after, the action plan
  as written and the certificate (book/my-progress.ipynb); in Jupyter, with a box for the
  learner's name and a button that saves the certificate as a page to print.
"""

from __future__ import annotations

from pathlib import Path

from ..content.course import Course
from ..content.interface import ui_text
from ..content.problems import ContentError
from ..templating import Markup, render
from . import action_plan, certificate, self_assessment
from .record import new_record


def _live_progress(course: Course):
    from ..activities.display import static_only
    from .live import LiveProgress

    return None if static_only() else LiveProgress(course)


def self_assessment_activity(course: Course, moment: str):
    from ..activities.display import Activity

    statements = self_assessment.load_statements(course)
    plain = "\n".join(f"- {s.text}" for s in statements)
    return Activity(
        self_assessment.form_html(course, statements, moment),
        plain,
        lambda: self_assessment.SelfAssessmentWidget(course, statements, moment, _live_progress(course)),
    )


def action_plan_activity(course: Course):
    from ..activities.display import Activity

    plan = action_plan.load_plan(course)
    plain = "\n".join(f"- {s.heading}" for s in plan.sections)
    return Activity(
        action_plan.form_html(course, plan),
        plain,
        lambda: action_plan.ActionPlanWidget(course, plan, _live_progress(course)),
    )


def parts_html(course: Course, record: dict) -> str:
    """The self-assessment before and after, and the action plan as written (My progress, the
    portfolio); nothing for a course without their content files."""
    parts = []
    try:
        parts.append(self_assessment.results_html(course, self_assessment.load_statements(course), record))
    except ContentError:
        pass
    try:
        parts.append(action_plan.view_html(course, action_plan.load_plan(course), record))
    except ContentError:
        pass
    return "".join(parts)


def completion_html(course: Course, record: dict | None = None, live: bool = False) -> str:
    """In the book (`record` None): rendered from an empty record, the page script fills it in."""
    # each part made by our own templates, every text escaped there
    return str(
        Markup(parts_html(course, record or new_record())) + Markup(certificate.panel_html(course, record, live))
    )


def completion_activity(course: Course):
    from ..activities.display import Activity

    # the content files are checked now, so that a mistake stops the notebook (and the build) here
    self_assessment.load_statements(course)
    action_plan.load_plan(course)
    return Activity(completion_html(course), ui_text(course, "certificate_heading"), lambda: CompletionWidget(course))


class CompletionWidget:
    """My progress's end of the course in Jupyter: the same HTML from the learner's file, a box for
    the name on the certificate and a button to save the certificate as a page to print."""

    def __init__(self, course: Course, store=None, folder: Path | None = None):
        import ipywidgets as w

        from .store import ProgressStore

        self.course = course
        self.store = store or ProgressStore()
        self.folder = Path(folder) if folder else Path.cwd()
        self.view = w.HTML()
        self.name = w.Text(
            description=ui_text(course, "certificate_name_label"),
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="min(36rem, 100%)"),
        )
        self.save_button = w.Button(description=ui_text(course, "certificate_save"), layout=w.Layout(width="auto"))
        self.status = w.HTML()
        self.name.observe(lambda change: self.set_name(change["new"]), names="value")
        self.save_button.on_click(lambda _: self.save_certificate())
        self.form = w.VBox([self.name, self.save_button])
        self.box = w.VBox([self.view, self.form, self.status])
        self.refresh()

    def refresh(self) -> dict:
        record = self.store.load()
        self.view.value = completion_html(self.course, record, live=True)
        found = certificate.status(record, certificate.course_facts(self.course))
        self.form.layout.display = None if found["complete"] else "none"
        if self.name.value != record.get("learner", ""):
            self.name.value = record.get("learner", "")
        self.save_button.disabled = not (found["complete"] and record.get("learner"))
        return found

    def set_name(self, name: str) -> None:
        if name != self.store.load().get("learner", ""):
            self.store.record({"type": "learner", "name": name})
        self.refresh()

    def save_certificate(self) -> Path | None:
        found = self.refresh()
        record = self.store.load()
        if not (found["complete"] and record.get("learner")):
            self.status.value = render(
                "progress/message.html", text=ui_text(self.course, "certificate_name_needed"), bold=True
            )
            return None
        path = self.folder / "my-certificate.html"
        path.write_text(certificate.document_html(self.course, record), encoding="utf-8")
        self.status.value = render(
            "progress/message.html", text=ui_text(self.course, "saved_to", path=str(path)), bold=False
        )
        return path

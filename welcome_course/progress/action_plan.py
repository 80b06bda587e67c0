"""The course's capstone: my school's action plan, on the closing page (book/action-plan.ipynb).

- data/action-plan.yml holds the plan's sections (who to contact, the first three actions, how
  families take part, how the teacher will know it works, a resource map): a heading, a prompt,
  the chapters whose goals the page recalls, and the boxes to write in. It is checked here as the
  chapter files are (file, line, item and field);
- what the teacher writes is kept in the progress record like a reflection, under
  "action-plan/FIELD": in the book the boxes are a reflections section (the page scripts save and
  restore them as they do a chapter's), in Jupyter a live widget saves them in the progress file;
- "My progress" and the portfolio print the plan (`view_html`).

The HTML comes from templates/progress/action-plan.html and plan-view.html (Jinja escapes every text).
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
from .record import BLANK

FILE = "data/action-plan.yml"
PAGE = "action-plan"  # the first part of the plan's keys in the record: reflections["action-plan/contacts"]
SECTION_FIELDS = ("id", "heading", "prompt", "chapters", "fields")
FIELD_FIELDS = ("id", "label")


@dataclass(frozen=True)
class Field:
    id: str
    label: str


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    prompt: str
    chapters: tuple[str, ...]  # ids of the chapters whose goals the page recalls beside it
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class ActionPlan:
    sections: tuple[Section, ...]

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for s in self.sections for f in s.fields)


def read_plan(course: Course, problems: list[Problem]) -> ActionPlan:
    """The plan, in the course's language (content/translation.py); see _read_plan."""
    with translation.using(course.root, course.language):
        return _read_plan(course, problems)


def _read_plan(course: Course, problems: list[Problem]) -> ActionPlan:
    """The plan of data/action-plan.yml; every problem found is added to `problems`. A course
    without the file has no action plan (and no problem)."""
    path = course.root / FILE
    if not path.is_file():
        return ActionPlan(())
    try:
        raw = read_yaml(path, FILE)
    except ContentError as err:
        problems.extend(err.problems)
        return ActionPlan(())
    top = Block(raw, FILE, "action plan", problems)
    if not top.ok:
        return ActionPlan(())
    top.known_fields("sections")
    sections, section_ids, field_ids = [], set(), set()
    for number, item in enumerate(top.items("sections", minimum=1), start=1):
        sid = item.get("id") if isinstance(item, dict) else None
        block = top.child(item, item=f"section '{sid}'" if isinstance(sid, str) and sid else f"section {number}")
        if not block.ok:
            continue
        block.known_fields(*SECTION_FIELDS)
        sid = block.unique_id(section_ids, "section")
        chapters = []
        for index, chapter in enumerate(block.items("chapters", minimum=1), start=1):
            if not isinstance(chapter, str) or chapter not in course.chapters:
                block.report(
                    f"chapters[{index}]",
                    f"'{chapter}' is not a chapter of the course; expected the id of "
                    f"a file in data/chapters/: {', '.join(course.chapters)}",
                    line=block.raw.line_of("chapters"),
                )
            else:
                chapters.append(chapter)
        fields = []
        for index, raw_field in enumerate(block.items("fields", minimum=1), start=1):
            field = block.child(raw_field, path=f"fields[{index}]")
            if not field.ok:
                continue
            field.known_fields(*FIELD_FIELDS)
            fid = field.identifier("id")
            if fid in field_ids:
                field.report(
                    "id",
                    f"'{fid}' is used by another box of the plan; ids must be unique in the file "
                    "(what teachers write is stored under them)",
                )
            field_ids.add(fid)
            fields.append(Field(fid, field.text("label")))
        sections.append(Section(sid, block.text("heading"), block.text("prompt"), tuple(chapters), tuple(fields)))
    return ActionPlan(tuple(sections))


def problems(course: Course) -> list[Problem]:
    """What `check` and the build report about data/action-plan.yml."""
    found: list[Problem] = []
    read_plan(course, found)
    return found


def load_plan(course: Course) -> ActionPlan:
    """The checked plan; ContentError when the file is missing or wrong."""
    found: list[Problem] = []
    plan = read_plan(course, found)
    if not (course.root / FILE).is_file():
        found.append(
            Problem(FILE, "", "", "file not found; the action plan's sections are written there (see data/README.md)")
        )
    if found:
        raise ContentError(found)
    return plan


def _chapter_label(course: Course, chapter_id: str) -> str:
    chapter = course.chapters[chapter_id]
    return f"{chapter.guideline_step}. {chapter.title}" if chapter.guideline_step else chapter.title


def form_html(course: Course, plan: ActionPlan, links: bool = True) -> str:
    """The plan's boxes in the book: a reflections section of the page `PAGE`, which the page scripts
    save and restore as they do a chapter's reflections. `links`: the chapters' names link to their pages."""
    return render(
        "progress/action-plan.html",
        plan=plan,
        page=PAGE,
        links=links,
        course=course,
        label=partial(_chapter_label, course),
        words=partial(ui_text, course),
    )


def texts_of(record: dict) -> dict[str, str]:
    """What the learner wrote in each box of the plan, by field id."""
    prefix = f"{PAGE}/"
    return {
        key[len(prefix) :]: entry["text"]
        for key, entry in record.get("reflections", {}).items()
        if key.startswith(prefix)
    }


def view_html(course: Course, plan: ActionPlan, record: dict) -> str:
    """The plan as written, for My progress and the portfolio: a box left blank is not shown (in
    the book the page script fills the texts in from the browser's record and hides the blank ones)."""
    texts = texts_of(record)
    sections = []
    for section in plan.sections:
        entries = [(f, texts.get(f.id, ""), bool(texts.get(f.id, "").strip(BLANK))) for f in section.fields]
        sections.append((section, entries, any(written for _, _, written in entries)))
    return render(
        "progress/plan-view.html",
        sections=sections,
        page=PAGE,
        written=any(part for _, _, part in sections),
        words=partial(ui_text, course),
    )


class ActionPlanWidget:
    """The plan's boxes in Jupyter, each saved in the learner's progress when the learner leaves it."""

    def __init__(self, course: Course, plan: ActionPlan, progress=None):
        import ipywidgets as w

        self.progress = progress
        self.notice = w.HTML()
        saved = progress.saved_reflections(PAGE) if progress is not None else {}
        placeholder = ui_text(course, "plan_placeholder")
        self.areas = {}
        rows = []
        for section in plan.sections:
            rows.append(
                w.HTML(
                    render(
                        "progress/plan-section-live.html",
                        section=section,
                        course=course,
                        label=partial(_chapter_label, course),
                        words=partial(ui_text, course),
                    )
                )
            )
            for field in section.fields:
                # continuous_update=False: saved when the learner leaves the box, not at every key
                area = w.Textarea(
                    value=saved.get(field.id, ""),
                    placeholder=placeholder,
                    continuous_update=False,
                    layout=w.Layout(width="100%", height="5em"),
                )
                area.observe(lambda change, fid=field.id: self._save(fid, change["new"]), names="value")
                self.areas[field.id] = area
                rows += [w.HTML(render("activities/live/paragraph.html", text=field.label)), area]
        self.box = w.VBox([*rows, self.notice])
        self.box.add_class("wc-live")

    def _save(self, field_id: str, text: str) -> None:
        if self.progress is not None:
            self.notice.value = self.progress.record(
                {"type": "reflection", "chapter": PAGE, "reflection": field_id, "text": text}
            )

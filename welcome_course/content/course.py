"""Finding and loading the whole course: interface strings, course facts, chapters."""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from pathlib import Path

from .chapter_file import parse_chapter
from .fields import Block
from .model import Chapter
from .problems import ContentError, Problem, display_path
from .yaml_reader import read_yaml

ROOT_ENV = "WELCOME_COURSE_ROOT"
# "static": activities render as HTML only, no live widgets (set for the book's kernels)
RENDER_ENV = "WELCOME_COURSE_RENDER"

# Every interface string, with the placeholders it must contain. Keeping the
# list here means a translation that forgets one is caught when loading.
INTERFACE_KEYS: dict[str, tuple[str, ...]] = {
    "quiz_label": (),
    "choose_one": (),
    "choose_all": (),
    "check": (),
    "try_again": (),
    "correct": (),
    "not_quite": (),
    "choose_first": (),
    "score": ("correct", "total"),
    "true": (),
    "false": (),
    "missing_some": (),
    "scenario_label": (),
    "what_happens": (),
    "start_again": (),
    "your_path": (),
    "debrief": (),
    "outcome_good": (),
    "outcome_mixed": (),
    "outcome_difficult": (),
    "needs_javascript": (),
    "reflections_label": (),
    "reflection_placeholder": (),
    "minutes": ("minutes",),
    "goals_heading": (),
    "source_guideline": ("step", "guideline"),
    "source_partial": ("step", "guideline"),
    "source_course": ("guideline",),
    "source_extra": ("guideline",),
    "resources_credit": ("guideline", "project", "programme"),
    "storage_unavailable": (),
    "progress_chapter": (),
    "progress_done": (),
    "progress_quiz": (),
    "progress_scenario": (),
    "progress_reflections": (),
    "progress_quiz_value": ("right", "total"),
    "progress_reflections_value": ("written", "total"),
    "progress_none": (),
    "progress_overall": ("percent",),
    "progress_chart_title": (),
    "journal_heading": (),
    "journal_empty": (),
    "portfolio_title": ("course",),
    "export_portfolio": (),
    "export_data": (),
    "import_data": (),
    "import_done": (),
    "import_failed": ("reason",),
    "saved_to": ("path",),
    "file_set_aside": ("path", "reason", "aside"),
    "save_failed": ("path", "reason"),
}

COURSE_FIELDS = ("title", "guideline")
GUIDELINE_FIELDS = ("title", "project", "programme", "url", "step_url")


@dataclass(frozen=True)
class Guideline:
    title: str
    project: str
    programme: str
    url: str
    step_url: str

    def step_address(self, step: int) -> str:
        return self.step_url.replace("{step}", str(step))


@dataclass(frozen=True)
class Course:
    root: Path
    title: str
    guideline: Guideline
    interface: dict[str, str]
    chapters: dict[str, Chapter]

    def chapter(self, chapter_id: str) -> Chapter:
        try:
            return self.chapters[chapter_id]
        except KeyError:
            known = ", ".join(self.chapters) or "none"
            raise ContentError(
                [Problem(f"data/chapters/{chapter_id}.yml", "", "", f"no such chapter file; chapters found: {known}")]
            ) from None


def find_root(start: Path | None = None) -> Path:
    """The course folder: $WELCOME_COURSE_ROOT, else the nearest folder upwards holding data/course.yml."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "course.yml").is_file():
            return folder
    package_parent = Path(__file__).resolve().parents[2]
    if (package_parent / "data" / "course.yml").is_file():
        return package_parent
    raise ContentError(
        [Problem("data/course.yml", "", "", f"not found in {here} or any folder above it; run from inside the course folder or set {ROOT_ENV}")]
    )


def load_course(root: Path | None = None) -> Course:
    """Read and check every content file; raise ContentError listing every problem."""
    root = find_root() if root is None else Path(root).resolve()
    problems: list[Problem] = []
    interface = _load_interface(root, problems)
    title, guideline = _load_course_facts(root, problems)
    chapters: dict[str, Chapter] = {}
    for path in sorted((root / "data" / "chapters").glob("*.yml")):
        shown = display_path(path, root)
        try:
            raw = read_yaml(path, shown)
        except ContentError as err:
            problems.extend(err.problems)
            continue
        chapter, found = parse_chapter(raw, shown, path.stem)
        problems.extend(found)
        if chapter is not None:
            chapters[path.stem] = chapter
    if problems:
        raise ContentError(problems)
    return Course(root=root, title=title, guideline=guideline, interface=interface, chapters=chapters)


def _load_interface(root: Path, problems: list[Problem]) -> dict[str, str]:
    path = root / "data" / "interface.yml"
    shown = display_path(path, root)
    try:
        raw = read_yaml(path, shown)
    except ContentError as err:
        problems.extend(err.problems)
        return {}
    block = Block(raw, shown, "interface strings", problems)
    block.known_fields(*INTERFACE_KEYS)
    strings = {}
    for key, placeholders in INTERFACE_KEYS.items():
        value = block.text(key)
        used = {name for _, name, _, _ in string.Formatter().parse(value) if name}
        missing = set(placeholders) - used
        unknown = used - set(placeholders)
        if missing:
            block.report(key, f"must contain {', '.join('{' + m + '}' for m in sorted(missing))}")
        if unknown:
            allowed = ", ".join("{" + p + "}" for p in placeholders) or "none"
            block.report(key, f"uses unknown placeholder(s) {', '.join('{' + u + '}' for u in sorted(unknown))}; allowed: {allowed}")
        strings[key] = value
    return strings


def _load_course_facts(root: Path, problems: list[Problem]) -> tuple[str, Guideline]:
    path = root / "data" / "course.yml"
    shown = display_path(path, root)
    empty = Guideline("", "", "", "", "")
    try:
        raw = read_yaml(path, shown)
    except ContentError as err:
        problems.extend(err.problems)
        return "", empty
    block = Block(raw, shown, "course", problems)
    block.known_fields(*COURSE_FIELDS)
    guide = block.child(block.mapping("guideline"), item="guideline")
    guide.known_fields(*GUIDELINE_FIELDS)
    guideline = Guideline(*(guide.text(name) for name in GUIDELINE_FIELDS))
    if guideline.step_url and "{step}" not in guideline.step_url:
        guide.report("step_url", "must contain {step}, where the step number goes")
    return block.text("title"), guideline

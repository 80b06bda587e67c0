"""Every course text that is drawn in a chart can be drawn by the charts' font.

The charts (charts.py) are drawn by matplotlib in DejaVu Sans. A character that font has
no glyph for (many emoji, CJK, U+FFFE, a control character written as an escape in quotes)
would make matplotlib warn, and the build stops on a warning; charts.py replaces such a
character with U+FFFD as a last guard, so `check` refuses it in the texts the course draws:

- a chapter's title and its questions' prompts (the cohort report's charts);
- the interface words in CHART_WORDS (data/interface.yml: the charts' titles, axes, legends);
- the figures schema's indicator labels and axes, group labels, places' short names and
  targets' labels (data/education-figures.schema.yml: the data chapter's charts).

A teacher's own table is not a course file: its charts replace what the font cannot draw.
tests/test_chart_text.py draws every chart with every text marked and checks that this list
is exactly the texts the charts draw.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..chart_font import FAMILY, describe, undrawable
from ..content.problems import ContentError, Problem
from ..content.yaml_reader import read_yaml

if TYPE_CHECKING:
    from ..content.course import Course
    from ..figures.data import Schema

INTERFACE_FILE = "data/interface.yml"

# The interface words drawn in a chart (figures/chapter.py, progress/cohort.py)
CHART_WORDS = (
    "figures_citizenship_title",
    "figures_trend_title",
    "figures_trend_eu27",
    "figures_trend_eu2010",
    "figures_countries_title",
    "figures_countries_line",
    "figures_own_title",
    "figures_own_trend_title",
    "figures_own_axis",
    "figures_own_eu_label",
    "cohort_completion_title",
    "cohort_completion_axis",
    "cohort_questions_title",
    "cohort_questions_axis",
    "cohort_questions_bar",
    "cohort_chart_chapter",
    "label_value",  # a bar's label: group and place
)
# The fields of the content model and of the figures schema drawn in a chart, by class
CHART_FIELDS = {
    "Chapter": ("title",),
    "Question": ("prompt",),
    "Indicator": ("label", "axis"),
    "Group": ("label",),
    "Place": ("short",),
    "Target": ("label",),
}


def message(chars: str) -> str:
    plural = len(chars) > 1
    return (
        f"{describe(chars)} cannot be drawn in a chart, and this text is drawn in one: the charts' font, "
        f"{FAMILY}, has no {'such characters' if plural else 'such character'}; remove "
        f"{'them' if plural else 'it'} or write the text another way"
    )


class _Texts:
    """Collects the problems; reads a file again for its line numbers only when it has a problem."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self._files: dict[str, object] = {}

    def check(self, file: str, item: str, field: str, text: str, locate: Callable = lambda raw: raw) -> None:
        chars = undrawable(text)
        if chars:
            self.problems.append(Problem(file, item, field, message(chars), self._line(file, locate, field)))

    def _line(self, file: str, locate: Callable, field: str) -> int | None:
        if file not in self._files:
            try:
                self._files[file] = read_yaml(self.root / file, file)
            except (ContentError, OSError):
                self._files[file] = None
        try:
            return locate(self._files[file]).line_of(field)
        except (AttributeError, KeyError, IndexError, TypeError):
            return None


def chart_text_problems(root: Path, course: Course, schema: Schema | None = None) -> list[Problem]:
    """A problem for each text drawn in a chart that holds a character the charts' font cannot draw."""
    from ..figures.data import SCHEMA_FILE

    texts = _Texts(Path(root))

    def fields(file: str, item: str, thing, locate: Callable = lambda raw: raw) -> None:
        for name in CHART_FIELDS[type(thing).__name__]:
            shown = name
            if type(thing).__name__ == "Place" and thing.short == thing.name:
                shown = "name"  # a place without a short name is drawn with its name
            texts.check(file, item, shown, getattr(thing, name), locate)

    for chapter in course.chapters.values():
        fields(chapter.file, "chapter", chapter)
        for number, question in enumerate(chapter.questions):
            fields(chapter.file, f"quiz question '{question.id}'", question, lambda raw, n=number: raw["quiz"][n])
    for key in CHART_WORDS:
        texts.check(INTERFACE_FILE, "interface strings", key, course.interface.get(key, ""))
    if schema is not None:
        for section, item, things in (
            ("indicators", "indicator", schema.indicators),
            ("groups", "group", schema.groups),
            ("geos", "geo", schema.geos),
        ):
            for key, thing in things.items():
                fields(SCHEMA_FILE, f"{item} '{key}'", thing, lambda raw, s=section, k=key: raw[s][k])
        for number, target in enumerate(schema.targets, start=1):
            fields(SCHEMA_FILE, f"target {number}", target, lambda raw, n=number: raw["targets"][n - 1])
    return texts.problems

"""The course content once it has been read and checked.

Everything here is immutable: renderings, grading and progress all work from
the same checked definition, so a question is written once and shown many ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_KINDS = ("single_choice", "multiple_choice", "true_false")
SOURCE_KINDS = ("guideline", "partial", "course")
OUTCOMES = ("good", "mixed", "difficult")


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    options: tuple[Option, ...]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


@dataclass(frozen=True)
class Choice:
    label: str
    consequence: str
    next: str


@dataclass(frozen=True)
class Node:
    id: str
    text: str
    choices: tuple[Choice, ...] = ()
    outcome: str | None = None  # set on endings only
    title: str = ""
    debrief: str = ""

    @property
    def is_ending(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class Scenario:
    title: str
    setting: str
    start: str
    nodes: dict[str, Node]
    credit: str = ""

    @property
    def endings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.is_ending]

    @property
    def decision_points(self) -> list[Node]:
        """Nodes where the reader chooses between two or more ways forward."""
        return [n for n in self.nodes.values() if len(n.choices) >= 2]


@dataclass(frozen=True)
class Reflection:
    id: str
    prompt: str


@dataclass(frozen=True)
class Resource:
    title: str
    url: str = ""
    kind: str = ""
    note: str = ""


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    guideline_step: int | None
    source: str
    source_note: str
    minutes: int
    goals: tuple[str, ...]
    questions: tuple[Question, ...]
    scenario: Scenario | None
    reflections: tuple[Reflection, ...]
    resources: tuple[Resource, ...]
    file: str = field(default="", compare=False)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

"""Cue rules: a learner cannot pass the quiz or the case scenarios by the form of the answers alone.

Three habits of question writers give answers away, and each is measured over the whole course:

- the right option of a single-choice question is the longest one (the writer added the
  reasons that make it right);
- in a scenario, the choice that leads closest to a good ending has the longest label;
- most multiple-choice questions have the same count of right options (say 3 of 4), so a
  learner can guess how many to tick.

Each is a share of the course's questions or decisions. When a share passes its limit, one
problem per chapter file names that file's questions or decisions that add to the cue, so an
author knows where to start. A share over fewer than MIN_ITEMS questions or decisions is not
judged: with a handful of items one question moves it by more than ten points.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass

from ..content.course import Course
from ..content.model import Question, Scenario
from ..content.problems import Problem

MAX_LONGEST_RIGHT_OPTION_PERCENT = 35
MAX_LONGEST_BEST_CHOICE_PERCENT = 40
MAX_SAME_PATTERN_PERCENT = 60
MIN_ITEMS = 10


@dataclass(frozen=True)
class Item:
    """One question or decision, named as an author finds it."""

    file: str
    kind: str  # "quiz question" or "scenario node"
    id: str


@dataclass(frozen=True)
class Share:
    """How many of the measured items show a cue, and which ones."""

    cued: tuple[Item, ...]
    total: int

    @property
    def percent(self) -> float:
        return 100 * len(self.cued) / self.total if self.total else 0.0

    def over(self, limit_percent: int) -> bool:
        return self.total >= MIN_ITEMS and len(self.cued) * 100 > limit_percent * self.total

    def to_fix(self, limit_percent: int) -> int:
        """The fewest cued items to change so that the share is within the limit."""
        return len(self.cued) - (limit_percent * self.total) // 100


def _strictly_longest(texts: list[str], index: int) -> bool:
    return all(len(texts[index]) > len(t) for i, t in enumerate(texts) if i != index)


def longest_right_option(course: Course) -> Share:
    """Single-choice questions whose right option is longer than every wrong one."""
    cued, total = [], 0
    for chapter in course.chapters.values():
        for question in chapter.questions:
            if question.kind != "single_choice":
                continue
            total += 1
            texts = [o.text for o in question.options]
            right = next(i for i, o in enumerate(question.options) if o.correct)
            if _strictly_longest(texts, right):
                cued.append(Item(chapter.file, "quiz question", question.id))
    return Share(tuple(cued), total)


def steps_to_good_ending(scenario: Scenario) -> dict[str, int]:
    """For each node from which a good ending can be reached, the fewest choices that reach one."""
    into: dict[str, list[str]] = {name: [] for name in scenario.nodes}
    for name, node in scenario.nodes.items():
        for choice in node.choices:
            if choice.next in into:
                into[choice.next].append(name)
    steps = {name: 0 for name, node in scenario.nodes.items() if node.outcome == "good"}
    queue = deque(steps)
    while queue:
        name = queue.popleft()
        for before in into[name]:
            if before not in steps:
                steps[before] = steps[name] + 1
                queue.append(before)
    return steps


def best_choice_index(scenario: Scenario, node_id: str) -> int | None:
    """The one choice at this node that leads closest to a good ending; None if no choice does,
    or if two or more choices lead equally close."""
    steps = steps_to_good_ending(scenario)
    distances = [steps.get(c.next) for c in scenario.nodes[node_id].choices]
    reachable = [d for d in distances if d is not None]
    if not reachable:
        return None
    nearest = min(reachable)
    if distances.count(nearest) != 1:
        return None
    return distances.index(nearest)


def longest_best_choice(course: Course) -> Share:
    """Decisions with one choice closest to a good ending, where that choice has the longest label."""
    cued, total = [], 0
    for chapter in course.chapters.values():
        scenario = chapter.scenario
        if scenario is None:
            continue
        for node in scenario.decision_points:
            best = best_choice_index(scenario, node.id)
            if best is None:
                continue
            total += 1
            if _strictly_longest([c.label for c in node.choices], best):
                cued.append(Item(chapter.file, "scenario node", node.id))
    return Share(tuple(cued), total)


def pattern(question: Question) -> tuple[int, int]:
    """(right options, all options) of a multiple-choice question."""
    return sum(o.correct for o in question.options), len(question.options)


def commonest_pattern(course: Course) -> tuple[tuple[int, int] | None, Share]:
    """The most frequent count of right options among multiple-choice questions, and its share."""
    questions = [
        (chapter.file, q)
        for chapter in course.chapters.values()
        for q in chapter.questions
        if q.kind == "multiple_choice"
    ]
    if not questions:
        return None, Share((), 0)
    counts = Counter(pattern(q) for _, q in questions)
    top = max(counts, key=lambda p: (counts[p], p))
    cued = tuple(Item(file, "quiz question", q.id) for file, q in questions if pattern(q) == top)
    return top, Share(cued, len(questions))


def _names(items: list[Item]) -> str:
    ids = [f"'{i.id}'" for i in items]
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _by_file(share: Share, field: str, say: str, language: str = "en") -> list[Problem]:
    """One problem per file: its items that add to the cue, and what is wrong course-wide. In a
    translation the lengths are the translation's, so the problem names its catalogue to edit."""
    found = []
    files = list(dict.fromkeys(item.file for item in share.cued))
    if language != "en":
        from ..i18n.languages import english_name

        say = f"in the {english_name(language)} translation, {say}"
    for file in files:
        items = [item for item in share.cued if item.file == file]
        kind = items[0].kind + ("s" if len(items) > 1 else "")
        shown = file if language == "en" else f"data/locales/{language}/LC_MESSAGES/{file.rsplit('.', 1)[0]}.po"
        found.append(Problem(shown, f"{kind} {_names(items)}", field, say))
    return found


def cue_problems(course: Course) -> list[Problem]:
    """Every cue share over its limit, as problems naming the questions and decisions that add to it."""
    found = []

    share = longest_right_option(course)
    if share.over(MAX_LONGEST_RIGHT_OPTION_PERCENT):
        found += _by_file(
            share,
            "options",
            (
                f"the right option is longer than every wrong one. Across the course this is so in "
                f"{len(share.cued)} of {share.total} single-choice questions ({share.percent:.0f} %); at most "
                f"{MAX_LONGEST_RIGHT_OPTION_PERCENT} % may be, or a learner passes by always picking the longest answer. "
                f"Make a wrong option at least as long (a mistake a teacher might really make), or say the right one "
                f"more briefly, in at least {share.to_fix(MAX_LONGEST_RIGHT_OPTION_PERCENT)} of the questions named "
                f"in this and other files."
            ),
            course.language,
        )

    share = longest_best_choice(course)
    if share.over(MAX_LONGEST_BEST_CHOICE_PERCENT):
        found += _by_file(
            share,
            "choices",
            (
                f"the choice that leads closest to a good ending has the longest label. Across the course this is so "
                f"in {len(share.cued)} of {share.total} decisions that have one such choice ({share.percent:.0f} %); "
                f"at most {MAX_LONGEST_BEST_CHOICE_PERCENT} % may be, or a reader reaches the good ending by always "
                f"picking the longest label. Give another choice a label at least as long, or shorten the best one, "
                f"in at least {share.to_fix(MAX_LONGEST_BEST_CHOICE_PERCENT)} of the decisions named in this and other files."
            ),
            course.language,
        )

    top, share = commonest_pattern(course)
    if top is not None and share.over(MAX_SAME_PATTERN_PERCENT):
        right, options = top
        found += _by_file(
            share,
            "options",
            (
                f"{right} of the {options} options are right. Across the course {len(share.cued)} of {share.total} "
                f"multiple-choice questions ({share.percent:.0f} %) have {right} right out of {options}; at most "
                f"{MAX_SAME_PATTERN_PERCENT} % may share one count, or a learner can guess how many to tick. Change how "
                f"many options are right or wrong in at least {share.to_fix(MAX_SAME_PATTERN_PERCENT)} of the questions "
                f"named in this and other files."
            ),
            course.language,
        )
    return found

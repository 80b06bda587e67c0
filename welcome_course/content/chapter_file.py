"""Checking one chapter file (data/chapters/*.yml) and turning it into a Chapter.

The format is described for instructors in data/README.md; every rule below
has a matching problem message that says what was expected.
"""

from __future__ import annotations

import hashlib
from collections import deque

from .fields import ID_EXPECTED, ID_PATTERN, Block
from .model import (
    OUTCOMES,
    QUESTION_KINDS,
    SOURCE_KINDS,
    Chapter,
    Choice,
    Node,
    Option,
    Question,
    Reflection,
    Resource,
    Scenario,
)
from .problems import Problem
from .translation import english

CHAPTER_FIELDS = (
    "id",
    "title",
    "guideline_step",
    "source",
    "source_note",
    "minutes",
    "goals",
    "quiz",
    "scenario",
    "reflections",
    "resources",
)
CHOICE_QUESTION_FIELDS = ("id", "type", "prompt", "options")
TRUE_FALSE_FIELDS = ("id", "type", "prompt", "answer", "feedback_true", "feedback_false")
OPTION_FIELDS = ("text", "correct", "feedback")
SCENARIO_FIELDS = ("title", "setting", "credit", "start", "nodes")
STEP_FIELDS = ("text", "choices")
ENDING_FIELDS = ("text", "outcome", "title", "debrief")
CHOICE_FIELDS = ("label", "consequence", "next")
REFLECTION_FIELDS = ("id", "prompt")
RESOURCE_FIELDS = ("title", "url", "kind", "note")

MAX_OPTIONS = 12


def parse_chapter(raw, file: str, expected_id: str) -> tuple[Chapter | None, list[Problem]]:
    """Check a chapter's raw YAML; return the Chapter (None if unusable) and all problems."""
    problems: list[Problem] = []
    top = Block(raw, file, "chapter", problems)
    if not top.ok:
        return None, problems
    top.known_fields(*CHAPTER_FIELDS)
    chapter_id = top.identifier("id")
    if chapter_id and chapter_id != expected_id:
        top.report("id", f"is '{chapter_id}' but the file is named '{expected_id}.yml'; they must match")
    source = top.choice("source", SOURCE_KINDS)
    source_note = top.text("source_note", required=source in ("partial", "course"))
    chapter = Chapter(
        id=chapter_id,
        title=top.text("title"),
        guideline_step=top.integer("guideline_step", 1, 10, required=False),
        source=source,
        source_note=source_note,
        minutes=top.integer("minutes", 1, 600) or 0,
        goals=top.texts("goals"),
        questions=_questions(top),
        scenario=_scenario(top),
        reflections=_reflections(top),
        resources=_resources(top),
        file=file,
    )
    return chapter, problems


def _questions(top: Block) -> tuple[Question, ...]:
    questions = []
    seen: set[str] = set()
    for number, raw in enumerate(top.items("quiz", minimum=1), start=1):
        qid = raw.get("id") if isinstance(raw, dict) else None
        label = f"question '{qid}'" if isinstance(qid, str) and qid else f"question {number}"
        block = top.child(raw, item=f"quiz {label}")
        if not block.ok:
            continue
        qid = block.identifier("id")
        if qid in seen:
            block.report("id", f"'{qid}' is used by another question in this chapter; ids must be unique")
        seen.add(qid)
        kind = block.choice("type", QUESTION_KINDS)
        prompt = block.text("prompt")
        if kind == "true_false":
            block.known_fields(*TRUE_FALSE_FIELDS)
            options = _true_false_options(block)
        elif kind:
            block.known_fields(*CHOICE_QUESTION_FIELDS)
            options = _choice_options(block, kind)
        else:  # no valid type (already reported): which fields it needs depends on it, so say nothing more
            block.known_fields(*dict.fromkeys(CHOICE_QUESTION_FIELDS + TRUE_FALSE_FIELDS))
            options = ()
        questions.append(Question(id=qid, kind=kind, prompt=prompt, options=options))
    return tuple(questions)


def _true_false_options(block: Block) -> tuple[Option, ...]:
    answer = block.flag("answer", required=True)
    return (
        Option("true", "", answer is True, block.text("feedback_true")),
        Option("false", "", answer is False, block.text("feedback_false")),
    )


def _choice_options(block: Block, kind: str) -> tuple[Option, ...]:
    raw_options = block.items("options", minimum=2)
    if len(raw_options) > MAX_OPTIONS:
        block.report("options", f"has {len(raw_options)} options; at most {MAX_OPTIONS} are allowed")
        raw_options = raw_options[:MAX_OPTIONS]
    options = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_options):
        option = block.child(raw, path=f"options[{index + 1}]")
        if not option.ok:
            continue
        option.known_fields(*OPTION_FIELDS)
        text = option.text("text")
        oid = option_id(english(text))  # from the English even when translated: progress survives a language switch
        if text and oid in seen:
            option.report("text", "is the same as another option's text; each option must say something different")
        seen.add(oid)
        options.append(Option(id=oid, text=text, correct=option.flag("correct"), feedback=option.text("feedback")))
    correct = sum(o.correct for o in options)
    if kind == "single_choice" and options and correct != 1:
        block.report(
            "options",
            f"a single_choice question needs exactly one option marked 'correct: true', found {correct}"
            + ("; use type multiple_choice for several right answers" if correct > 1 else ""),
        )
    if kind == "multiple_choice" and options and correct == 0:
        block.report(
            "options", "a multiple_choice question needs at least one option marked 'correct: true', found none"
        )
    return tuple(options)


def option_id(text: str) -> str:
    """An option's id, from its text: reordering options keeps learners' saved answers meaningful,
    and rewording an option makes it a new option (old answers to it are no longer counted)."""
    return "o" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def _scenario(top: Block) -> Scenario | None:
    raw = top.mapping("scenario")
    if not raw:
        return None
    block = top.child(raw, item="scenario")
    block.known_fields(*SCENARIO_FIELDS)
    start = block.identifier("start")
    nodes: dict[str, Node] = {}
    raw_nodes = block.mapping("nodes")
    for node_id, raw_node in raw_nodes.items():
        node = _node(block, str(node_id), raw_node)
        if node is not None:
            nodes[node.id] = node
    scenario = Scenario(
        title=block.text("title"),
        setting=block.text("setting"),
        start=start,
        nodes=nodes,
        credit=block.text("credit", required=False),
    )
    if nodes:
        _check_paths(block, scenario, raw_nodes)
    return scenario


def _node(scenario: Block, node_id: str, raw) -> Node | None:
    block = scenario.child(raw, item=f"scenario node '{node_id}'")
    if not ID_PATTERN.match(node_id):
        block.report("", f"'{node_id}' is not a valid node name; {ID_EXPECTED}")
    if not block.ok:
        return None
    text = block.text("text")
    is_ending = block.has("outcome") or block.has("debrief")
    if is_ending:
        block.known_fields(*ENDING_FIELDS)
        if block.has("choices"):
            block.report("choices", "an ending (a node with an outcome) cannot also have choices")
        return Node(
            id=node_id,
            text=text,
            outcome=block.choice("outcome", OUTCOMES) or "mixed",
            title=block.text("title"),
            debrief=block.text("debrief"),
        )
    block.known_fields(*STEP_FIELDS)
    if not block.has("choices"):
        block.report("", "needs either 'choices' (to go on) or 'outcome' and 'debrief' (to end the story)")
        return Node(id=node_id, text=text)
    choices = []
    raw_choices = block.items("choices", minimum=1)
    for index, raw_choice in enumerate(raw_choices):
        choice = block.child(raw_choice, path=f"choices[{index + 1}]")
        if not choice.ok:
            continue
        choice.known_fields(*CHOICE_FIELDS)
        choices.append(Choice(choice.text("label"), choice.text("consequence"), choice.word("next")))
    return Node(id=node_id, text=text, choices=tuple(choices))


def _check_paths(block: Block, scenario: Scenario, raw_nodes: dict) -> None:
    """Every choice leads somewhere, every node is reachable, every path can end."""
    nodes = scenario.nodes

    def node_block(node_id: str) -> Block:
        return block.child(raw_nodes[node_id], item=f"scenario node '{node_id}'")

    for node in nodes.values():
        for index, choice in enumerate(node.choices, start=1):
            if choice.next and choice.next not in nodes:
                raw_choice = raw_nodes[node.id]["choices"][index - 1]
                block.child(raw_choice, item=f"scenario node '{node.id}'", path=f"choices[{index}]").report(
                    "next",
                    f"leads to '{choice.next}', which is not a node of this scenario; known nodes: {', '.join(nodes)}",
                )
    if scenario.start and scenario.start not in nodes:
        block.report("start", f"'{scenario.start}' is not a node of this scenario; known nodes: {', '.join(nodes)}")
        return
    if not scenario.start:
        return
    reachable = _walk({scenario.start}, lambda n: [c.next for c in nodes[n].choices if c.next in nodes])
    for node_id in nodes:
        if node_id not in reachable:
            node_block(node_id).report("", "cannot be reached from the start: no choice leads to it")
    if not scenario.endings:
        block.report("nodes", "has no ending: give at least one node an 'outcome' and a 'debrief'")
        return
    parents: dict[str, list[str]] = {n: [] for n in nodes}
    for node in nodes.values():
        for choice in node.choices:
            if choice.next in nodes:
                parents[choice.next].append(node.id)
    can_end = _walk({n.id for n in scenario.endings}, lambda n: parents[n])
    for node_id in sorted(reachable - can_end):
        node_block(node_id).report(
            "", "never reaches an ending: every path from here loops back without ending the story"
        )


def _walk(start: set[str], neighbours) -> set[str]:
    seen = set(start)
    queue = deque(start)
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _reflections(top: Block) -> tuple[Reflection, ...]:
    out = []
    seen: set[str] = set()
    for number, raw in enumerate(top.items("reflections", minimum=1), start=1):
        block = top.child(raw, item=f"reflection {number}")
        if not block.ok:
            continue
        block.known_fields(*REFLECTION_FIELDS)
        rid = block.unique_id(seen, "reflection in this chapter")
        out.append(Reflection(rid, block.text("prompt")))
    return tuple(out)


def _resources(top: Block) -> tuple[Resource, ...]:
    out = []
    for number, raw in enumerate(top.items("resources", required=False), start=1):
        block = top.child(raw, item=f"resource {number}")
        if not block.ok:
            continue
        block.known_fields(*RESOURCE_FIELDS)
        url = block.web_address("url")
        out.append(
            Resource(block.text("title"), url, block.text("kind", required=False), block.text("note", required=False))
        )
    return tuple(out)

"""One truth for rules written in both Python and JavaScript: the tables in tests/cases/ are run here
against the Python functions, and by Node (tests/cases/run-js.mjs) against the page scripts."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import subprocess

import pytest

from support import ROOT
from welcome_course.activities.grading import grade
from welcome_course.content import model
from welcome_course.content.fields import ID_PATTERN
from welcome_course.content.model import Chapter, Choice, Node, Option, Question, Scenario
from welcome_course.progress import record as record_module
from welcome_course.progress.certificate import code_of, status
from welcome_course.progress.record import RecordError, apply_event, checked, merge
from welcome_course.progress.restore import restored
from welcome_course.progress.summary import chapter_figures, percent_of

CASES = ROOT / "tests" / "cases"
FILES = (
    "grading",
    "progress-checked",
    "progress-events",
    "progress-merge",
    "progress-figures",
    "progress-percent",
    "certificate-status",
    "certificate-code",
    "progress-restore",
)


def expand(value):
    """{"$text": [s, n]}, {"$list": [v, n]}, {"$concat": [...]}: see tests/cases/README.md."""
    if isinstance(value, list):
        return [expand(v) for v in value]
    if not isinstance(value, dict):
        return value
    if list(value) == ["$text"]:
        text, times = value["$text"]
        return text * times
    if list(value) == ["$list"]:
        item, times = value["$list"]
        return [expand(item) for _ in range(times)]
    if list(value) == ["$concat"]:
        return [item for part in value["$concat"] for item in expand(part)]
    return {key: expand(v) for key, v in value.items()}


def cases(name: str) -> list[dict]:
    return [expand(c) for c in json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))["cases"]]


def by_name(name: str):
    return pytest.mark.parametrize("case", cases(name), ids=lambda c: c["name"])


def outcome(call, case: dict):
    """Check `call()` against the case: its result equals `expected`, or it raises an error whose
    message starts with `error`."""
    if "error" in case:
        with pytest.raises((RecordError, ValueError)) as caught:
            call()
        assert str(caught.value).startswith(case["error"]), str(caught.value)
    else:
        assert call() == case["expected"]


@by_name("grading")
def test_grading(case):
    question = Question(
        id="q",
        kind=case["kind"],
        prompt="A question",
        options=tuple(Option(id=o, text=o, correct=o in case["correct"], feedback="") for o in case["options"]),
    )

    def call():
        result = grade(question, case["chosen"])
        return {"correct": result.correct, "shown": list(result.shown_feedback), "missing_some": result.missing_some}

    outcome(call, case)


@by_name("progress-checked")
def test_reading_a_record(case):
    outcome(lambda: checked(copy.deepcopy(case["record"])), case)


@by_name("progress-events")
def test_recording_an_event(case):
    record = copy.deepcopy(case["record"])

    def call():
        apply_event(record, case["event"], at=case["at"])
        return record

    outcome(call, case)
    if "error" in case:
        assert record == case["record"], "a refused event left the record as it was"


@by_name("progress-merge")
def test_merging_two_records(case):
    ours, theirs = copy.deepcopy(case["ours"]), copy.deepcopy(case["theirs"])
    outcome(lambda: merge(ours, theirs), case)
    assert (ours, theirs) == (case["ours"], case["theirs"]), "merge changes neither record"


@by_name("progress-figures")
def test_chapter_figures(case):
    chapter = case["chapter"]
    outcome(
        lambda: chapter_figures(
            case["record"], chapter["id"], chapter["questions"], chapter["endings"], chapter["reflections"]
        ),
        case,
    )


@by_name("progress-percent")
def test_percent(case):
    outcome(lambda: percent_of(case["done"], case["total"]), case)


@by_name("certificate-status")
def test_certificate_status(case):
    record = copy.deepcopy(case["record"])
    outcome(lambda: status(record, case["facts"]), case)
    assert record == case["record"], "the status changes nothing in the record"


@by_name("certificate-code")
def test_certificate_code(case):
    assert hashlib.sha256(case["text"].encode("utf-8")).hexdigest() == case["sha256"]
    outcome(lambda: code_of(case["text"]), case)


def chapter_from_case(described: dict) -> Chapter:
    """The Chapter a restore case describes: its questions' ids, kinds, option ids and right options, and
    its scenario's start and each node's choices (the node each leads to) or outcome."""
    questions = tuple(
        Question(
            id=q["id"],
            kind=q["kind"],
            prompt=q["id"],
            options=tuple(Option(id=o, text=o, correct=o in q["correct"], feedback="") for o in q["options"]),
        )
        for q in described["questions"]
    )
    scenario = None
    if described["scenario"] is not None:
        nodes = {
            node_id: Node(
                id=node_id,
                text=node_id,
                outcome=node.get("outcome"),
                choices=tuple(
                    Choice(label=f"{node_id} {n}", consequence="", next=target)
                    for n, target in enumerate(node.get("choices", []), start=1)
                ),
            )
            for node_id, node in described["scenario"]["nodes"].items()
        }
        scenario = Scenario(title="A story", setting="", start=described["scenario"]["start"], nodes=nodes)
    return Chapter(
        id=described["id"],
        title="A chapter",
        guideline_step=None,
        source="course",
        source_note="",
        minutes=1,
        goals=(),
        questions=questions,
        scenario=scenario,
        reflections=(),
        resources=(),
    )


@by_name("progress-restore")
def test_what_a_chapter_shows_again(case):
    record = copy.deepcopy(case["record"])
    outcome(lambda: restored(record, chapter_from_case(case["chapter"])), case)
    assert record == case["record"], "showing an answer again changes nothing in the record"


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_page_scripts_agree_on_every_case():
    """Node runs every case above on welcome-course.js and welcome-course-progress.js."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: it runs the page scripts on the shared cases (apt-get install nodejs)")
    done = subprocess.run([node, str(CASES / "run-js.mjs")], capture_output=True, text=True, timeout=120)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    total = sum(len(cases(name)) for name in FILES)
    assert report.strip().splitlines()[-1] == f"ran {total} cases, 0 failed", report


def test_the_runner_knows_every_case_file():
    assert sorted(p.stem for p in CASES.glob("*.json")) == sorted(FILES)
    runner = (CASES / "run-js.mjs").read_text(encoding="utf-8")
    assert all(f'"{name}": (c) =>' in runner for name in FILES)


def test_the_record_keeps_the_outcomes_a_scenario_can_have():
    assert record_module.OUTCOMES == model.OUTCOMES


def test_a_path_in_the_record_names_nodes_as_the_content_does():
    assert record_module.ID.pattern == ID_PATTERN.pattern


def test_the_rules_file_holds_every_constant_the_page_script_reads():
    rules = json.loads(record_module.RULES_FILE.read_text(encoding="utf-8"))
    script = (ROOT / "welcome_course" / "static" / "welcome-course-progress.js").read_text(encoding="utf-8")
    assert set(re.findall(r"RULES\.(\w+)", script)) == set(rules)

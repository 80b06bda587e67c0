"""The live progress store: nothing recorded is ever lost."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys

import pytest

from welcome_course.progress.record import VERSION, RecordError, apply_event, checked, merge, new_record
from welcome_course.progress.store import ProgressStore


def answer(question: str, correct: bool = True, chapter: str = "step-01") -> dict:
    return {"type": "answer", "chapter": chapter, "question": question, "chosen": ["a"], "correct": correct}


def test_events_are_recorded_and_survive_a_new_store(tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    store.record(answer("first-contact", correct=False))
    store.record(answer("first-contact"))
    store.record({"type": "ending", "chapter": "step-01", "ending": "good-start", "outcome": "good"})
    store.record({"type": "reflection", "chapter": "step-01", "reflection": "one-habit", "text": "Learn names."})
    record = ProgressStore(path).load()
    assert [a["correct"] for a in record["answers"]["step-01/first-contact"]] == [False, True]
    assert record["endings"]["step-01/good-start"][0]["outcome"] == "good"
    assert record["reflections"]["step-01/one-habit"]["text"] == "Learn names."
    assert json.loads(path.read_text())["version"] == VERSION


def _write_many(path: str, prefix: str, count: int) -> None:
    store = ProgressStore(path)
    for i in range(count):
        store.record(answer(f"{prefix}-{i}"))


@pytest.mark.slow  # over a second: make test runs it, make test-fast does not
def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "progress.json")
    context = multiprocessing.get_context("spawn")
    each = 40
    workers = [context.Process(target=_write_many, args=(path, name, each)) for name in ("left", "right")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    record = ProgressStore(path).load()
    assert len(record["answers"]) == each * len(workers)


CRASH_MID_WRITE = """
import json, os, sys
from welcome_course.progress import store as store_module
from welcome_course.progress.store import ProgressStore

real_dump = json.dump
def dump_then_die(obj, out, **kwargs):
    out.write('{"format": "welcome-course-progress", "vers')  # half a file...
    out.flush()
    os._exit(9)  # ...and the process dies, as in a power cut or a killed kernel
store_module.json.dump = dump_then_die
ProgressStore(sys.argv[1]).record({"type": "answer", "chapter": "step-01", "question": "barriers",
                                   "chosen": ["a"], "correct": True})
"""


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_crash_in_the_middle_of_a_write_keeps_the_previous_file(tmp_path):
    path = tmp_path / "progress.json"
    ProgressStore(path).record(answer("first-contact"))
    before = path.read_text()
    done = subprocess.run([sys.executable, "-c", CRASH_MID_WRITE, str(path)])
    assert done.returncode == 9
    assert path.read_text() == before
    store = ProgressStore(path)
    record = store.record(answer("own-habits"))
    assert set(record["answers"]) == {"step-01/first-contact", "step-01/own-habits"}
    assert store.notices == []


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{not json", "it is not valid JSON"),
        ('{"format": "someone-elses-app", "version": 1}', "is not a progress record of this course"),
        ('{"format": "welcome-course-progress", "version": 99}', "written by a newer version"),
    ],
)
def test_an_unreadable_file_is_set_aside_never_overwritten(tmp_path, content, reason):
    path = tmp_path / "progress.json"
    path.write_text(content)
    store = ProgressStore(path)
    store.record(answer("first-contact"))
    [notice] = store.notices
    assert reason in notice["reason"]
    aside = tmp_path / os.path.basename(notice["aside"])
    assert aside.read_text() == content
    assert list(ProgressStore(path).load()["answers"]) == ["step-01/first-contact"]


def test_a_file_of_the_older_format_is_upgraded_with_nothing_lost(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(
        json.dumps(
            {
                "format": "welcome-course-progress",
                "version": 1,
                "learner": "Ana",
                "answers": {"step-01/barriers": {"chosen": ["a", "b"], "correct": False}},
                "reflections": {"step-01/one-habit": "Say every name right."},
            }
        )
    )
    store = ProgressStore(path)
    record = store.record(answer("barriers"))
    assert store.notices == []
    assert record["learner"] == "Ana" and record["version"] == VERSION
    assert [a["correct"] for a in record["answers"]["step-01/barriers"]] == [False, True]
    assert record["reflections"]["step-01/one-habit"]["text"] == "Say every name right."


def test_import_merges_and_keeps_the_later_reflection(tmp_path):
    here, there = new_record(), new_record()
    apply_event(here, answer("first-contact", correct=False), at="2026-01-01T10:00:00Z")
    apply_event(
        here,
        {"type": "reflection", "chapter": "step-01", "reflection": "one-habit", "text": "old"},
        at="2026-01-01T10:00:00Z",
    )
    apply_event(there, answer("first-contact"), at="2026-01-02T10:00:00Z")
    apply_event(
        there,
        {"type": "reflection", "chapter": "step-01", "reflection": "one-habit", "text": "new"},
        at="2026-01-02T10:00:00Z",
    )
    merged = merge(here, there)
    assert [a["correct"] for a in merged["answers"]["step-01/first-contact"]] == [False, True]
    assert merged["reflections"]["step-01/one-habit"]["text"] == "new"
    assert merge(merged, there) == merged  # importing the same file twice adds nothing


@pytest.mark.parametrize(
    "broken, where",
    [
        ({"answers": {"step-01/x": [{"chosen": "a", "correct": True}]}}, "answers['step-01/x'][0].chosen"),
        ({"answers": {"not a key": []}}, "answers['not a key']"),
        ({"endings": {"step-01/e": [{"outcome": "great"}]}}, "endings['step-01/e'][0].outcome"),
        ({"reflections": {"step-01/r": {"text": 5}}}, "reflections['step-01/r'].text"),
    ],
)
def test_a_malformed_record_says_where(broken, where):
    raw = {**new_record(), **broken}
    with pytest.raises(RecordError) as caught:
        checked(raw)
    assert str(caught.value).startswith(where)


def test_recording_to_a_folder_that_cannot_be_written_does_not_break_the_activity(tmp_path):
    from support import ROOT
    from welcome_course.content.course import load_course
    from welcome_course.progress.live import LiveProgress

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    live = LiveProgress(load_course(ROOT), ProgressStore(blocked / "progress.json"))
    message = live.record(answer("first-contact"))
    assert "could not be saved" in message and "The activity still works." in message

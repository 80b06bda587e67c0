"""The "My progress" page in Jupyter: the same HTML as in the book, filled from the learner's file."""

from __future__ import annotations

import json

import pytest

from support import ROOT
from welcome_course.content.course import load_course
from welcome_course.progress.page import ProgressPageWidget, progress_html
from welcome_course.progress.record import apply_event, new_record
from welcome_course.progress.store import ProgressStore


def _page(tmp_path):
    store = ProgressStore(tmp_path / "home" / "progress.json")
    store.record(
        {"type": "answer", "chapter": "step-01", "question": "own-habits", "chosen": ["true"], "correct": True}
    )
    store.record({"type": "reflection", "chapter": "step-01", "reflection": "one-habit", "text": "<i>mine</i>"})
    return ProgressPageWidget(load_course(ROOT), store, folder=tmp_path), store


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_static_page_starts_empty_and_is_the_same_every_time():
    course = load_course(ROOT)
    assert progress_html(course) == progress_html(course)
    assert f"0 of {len(course.chapter('step-01').questions)} right" in progress_html(course)


def test_live_page_shows_the_learners_progress(tmp_path):
    page, _ = _page(tmp_path)
    chapter = load_course(ROOT).chapter("step-01")
    assert f"1 of {len(chapter.questions)} right" in page.view.value
    assert f"1 of {len(chapter.reflections)} written" in page.view.value
    assert "&lt;i&gt;mine&lt;/i&gt;" in page.view.value


def test_live_page_saves_portfolio_and_data(tmp_path):
    page, store = _page(tmp_path)
    portfolio = page.save_portfolio().read_text(encoding="utf-8")
    assert "&lt;i&gt;mine&lt;/i&gt;" in portfolio and "<i>mine" not in portfolio
    data = json.loads(page.save_data().read_text(encoding="utf-8"))
    assert data == store.load()
    assert "Saved as" in page.status.value


def test_live_page_loads_a_file_from_elsewhere_and_refuses_a_bad_one(tmp_path):
    page, store = _page(tmp_path)
    other = new_record()
    apply_event(other, {"type": "ending", "chapter": "step-01", "ending": "good-start", "outcome": "good"})
    assert page.load_bytes(json.dumps(other).encode())
    assert 'data-ending="good-start">A good start</span>' in page.view.value  # shown, not hidden
    assert "step-01/good-start" in store.load()["endings"]
    assert "step-01/own-habits" in store.load()["answers"]  # nothing already recorded is lost
    assert not page.load_bytes(b"\x89PNG not json")
    assert "could not be loaded: it is not a JSON file" in page.status.value

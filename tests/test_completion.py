"""The end of the course in Python: the self-assessment's and the action plan's content files, their
live widgets in Jupyter, the certificate (its status, the page it saves) and `verify`, the record's
upgrade from version 2, the portfolio and the cohort report's self-assessment.

The certificate's rules themselves are run on shared cases with the page script
(tests/cases/certificate-*.json, tests/test_shared_cases.py); the book's side is in
tests/test_browser_completion.py."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
import yaml

from support import ROOT, make_course, run_main, valid_chapter
from welcome_course.content.course import load_course
from welcome_course.content.problems import ContentError
from welcome_course.progress import action_plan, certificate, self_assessment
from welcome_course.progress.cohort import CohortReport
from welcome_course.progress.completion import CompletionWidget
from welcome_course.progress.live import LiveProgress
from welcome_course.progress.portfolio import portfolio_html
from welcome_course.progress.record import VERSION, apply_event, new_record
from welcome_course.progress.store import ProgressStore
from welcome_course.progress.summary import ordered_chapters

COURSE = load_course(ROOT)


def completed_record(course=COURSE, learner="Ana Silva") -> dict:
    """A record that completes the course: for every question a wrong answer, then the right one
    (taken from the content files); the first ending of every scenario."""
    record = new_record()
    minute = 0

    def at():
        nonlocal minute
        minute += 1
        return f"2026-06-{1 + minute // 600:02d}T{8 + minute % 600 // 60:02d}:{minute % 60:02d}:00Z"

    apply_event(record, {"type": "learner", "name": learner}, at())
    for chapter in ordered_chapters(course):
        for question in chapter.questions:
            wrong = next(o.id for o in question.options if not o.correct)
            apply_event(
                record,
                {"type": "answer", "chapter": chapter.id, "question": question.id, "chosen": [wrong], "correct": False},
                at(),
            )
            apply_event(
                record,
                {
                    "type": "answer",
                    "chapter": chapter.id,
                    "question": question.id,
                    "chosen": sorted(question.correct_ids),
                    "correct": True,
                },
                at(),
            )
        if chapter.scenario:
            ending = chapter.scenario.endings[0]
            apply_event(
                record, {"type": "ending", "chapter": chapter.id, "ending": ending.id, "outcome": ending.outcome}, at()
            )
    return record


@pytest.fixture
def verify(monkeypatch, capsys):
    """`python -m welcome_course verify FILE CODE` in the course's folder, in this process:
    returns (exit code, standard output, standard error)."""
    return lambda *args: run_main(monkeypatch, capsys, ROOT, "verify", *args)


# --- the content files ----------------------------------------------------------------------


def test_the_courses_self_assessment_and_plan_are_valid_and_drawn_from_the_chapters():
    statements = self_assessment.load_statements(COURSE)
    assert 6 <= len(statements) <= 10
    assert all(s.chapter in COURSE.chapters for s in statements)
    plan = action_plan.load_plan(COURSE)
    headings = [s.heading for s in plan.sections]
    assert headings == [
        "Who to contact",
        "My first three actions",
        "How families will take part",
        "How I will know it works",
        "My school's resource map",
    ]
    assert [f.id for f in plan.sections[1].fields] == ["action-1", "action-2", "action-3"]
    assert all(s.chapters for s in plan.sections)


def _course_with(tmp_path, statements=None, plan=None):
    root = make_course(tmp_path, {"step-99": valid_chapter()})
    if statements is not None:
        (root / "data" / "self-assessment.yml").write_text(statements, encoding="utf-8")
    if plan is not None:
        (root / "data" / "action-plan.yml").write_text(plan, encoding="utf-8")
    return load_course(root)


STATEMENTS = "statements:\n" + "".join(
    f"  - id: s{n}\n    chapter: step-99\n    text: Statement number {n}.\n" for n in range(1, 7)
)


def test_mistakes_in_the_statements_are_named_by_file_line_item_and_field(tmp_path):
    text = STATEMENTS.replace(
        "  - id: s2\n    chapter: step-99\n", "  - id: s1\n    chapter: step-98\n    colour: red\n"
    )
    text = text.replace("text: Statement number 4.", "text: Statement #4 cut short")
    course = _course_with(tmp_path, statements=text)
    lines = text.splitlines()

    def line(start):  # the line of the file the check must name, counted from 1
        return next(n for n, written in enumerate(lines, start=1) if written.strip().startswith(start) and n > 4)

    assert [str(p) for p in self_assessment.problems(course)] == [
        f"data/self-assessment.yml, line {line('colour: red')}: statement 's1': colour: unknown field; allowed fields "
        "are: id, chapter, text",
        f"data/self-assessment.yml, line {line('- id: s1')}: statement 's1': id: 's1' is used by another statement; ids "
        "must be unique (learners' ratings are stored under them)",
        f"data/self-assessment.yml, line {line('chapter: step-98')}: statement 's1': chapter: 'step-98' is not a chapter "
        "of the course; expected the id of a file in data/chapters/: step-99",
        f"data/self-assessment.yml, line {line('text: Statement #4')}: statement 's4': text: the text stops at "
        "'Statement': the rest of the line, ' #4 cut short', is read as a comment, because ' #' starts a comment in "
        "YAML; put the whole text in quotes",
    ]
    with pytest.raises(ContentError):
        self_assessment.load_statements(course)


@pytest.mark.parametrize(
    "count, message",
    [
        (5, "statements: expected at least 6 entries, got 5"),
        (11, "statements: has 11 statements; at most 10 keep the self-assessment short enough to answer twice"),
    ],
)
def test_six_to_ten_statements(tmp_path, count, message):
    text = "statements:\n" + "".join(
        f"  - id: s{n}\n    chapter: step-99\n    text: Statement {n}.\n" for n in range(1, count + 1)
    )
    assert [p.message for p in self_assessment.problems(_course_with(tmp_path, statements=text))] == [
        message.split(": ", 1)[1]
    ]


def test_mistakes_in_the_action_plan_are_named(tmp_path):
    plan = yaml.safe_dump(
        {
            "sections": [
                {
                    "id": "contacts",
                    "heading": "Who",
                    "prompt": "Who first?",
                    "chapters": ["step-99", "step-42"],
                    "fields": [{"id": "contacts", "label": "People"}],
                },
                {
                    "id": "actions",
                    "heading": "Actions",
                    "prompt": "What first?",
                    "chapters": ["step-99"],
                    "fields": [{"id": "contacts", "label": "First"}, {"id": "second"}],
                },
            ]
        },
        sort_keys=False,
    )
    course = _course_with(tmp_path, plan=plan)
    lines = plan.splitlines()

    def line(text, occurrence=1):  # the line of the file the check must name, counted from 1
        return [n for n, written in enumerate(lines, start=1) if written.strip() == text][occurrence - 1]

    found = [str(p) for p in action_plan.problems(course)]
    assert found == [
        f"data/action-plan.yml, line {line('chapters:')}: section 'contacts': chapters[2]: 'step-42' is not a chapter "
        "of the course; expected the id of a file in data/chapters/: step-99",
        f"data/action-plan.yml, line {line('- id: contacts', 3)}: section 'actions': fields[1].id: 'contacts' is used "
        "by another box of the plan; ids must be unique in the file (what teachers write is stored under them)",
        f"data/action-plan.yml, line {line('- id: second')}: section 'actions': fields[2].label: missing; expected text",
    ]


def test_a_course_without_the_files_has_no_problem_until_a_page_asks_for_them(tmp_path):
    course = _course_with(tmp_path)
    assert self_assessment.problems(course) == [] and action_plan.problems(course) == []
    with pytest.raises(ContentError, match=r"data/self-assessment\.yml: file not found"):
        self_assessment.load_statements(course)
    with pytest.raises(ContentError, match=r"data/action-plan\.yml: file not found"):
        action_plan.load_plan(course)


# --- the record ----------------------------------------------------------------------------


def test_a_version_2_file_is_upgraded_and_keeps_everything(tmp_path):
    path = tmp_path / "progress.json"
    old = {
        "format": "welcome-course-progress",
        "version": 2,
        "learner": "Ana",
        "updated": "2026-01-02T10:00:00Z",
        "answers": {"step-01/own-habits": [{"chosen": ["true"], "correct": True, "at": "2026-01-01T10:00:00Z"}]},
        "endings": {"step-01/good-start": [{"outcome": "good", "at": "2026-01-01T10:05:00Z"}]},
        "reflections": {"step-01/one-habit": {"text": "Learn names.", "at": "2026-01-02T10:00:00Z"}},
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    store = ProgressStore(path)
    store.record({"type": "rating", "moment": "after", "statement": "find-support", "rating": 4})
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert VERSION == 3 and saved["version"] == 3
    assert {k: saved[k] for k in ("learner", "answers", "endings", "reflections")} == {
        k: old[k] for k in ("learner", "answers", "endings", "reflections")
    }
    assert saved["ratings"]["after/find-support"]["rating"] == 4
    assert store.notices == []  # nothing set aside


# --- the live widgets ------------------------------------------------------------------------


def _texts(widget) -> str:
    """The text of a live widget's HTML parts, as the learner reads them."""
    import ipywidgets

    return " ".join(c.value for c in widget.box.children if isinstance(c, ipywidgets.HTML))


def _live(tmp_path):
    return LiveProgress(COURSE, ProgressStore(tmp_path / "home" / "progress.json"))


def test_the_self_assessment_widget_saves_each_rating_and_shows_the_earlier_one(tmp_path):
    progress = _live(tmp_path)
    statements = self_assessment.load_statements(COURSE)
    first, second = statements[0], statements[1]
    alone = self_assessment.SelfAssessmentWidget(COURSE, statements, "after", progress)
    assert "no rating from the start of the course" in _texts(alone)

    before = self_assessment.SelfAssessmentWidget(COURSE, statements, "before", progress)
    assert [t.value for t in before.toggles.values()] == [None] * len(statements)
    before.toggles[first.id].value = 2
    before.toggles[second.id].value = 5
    assert progress.store.load()["ratings"]["before/" + first.id]["rating"] == 2

    again = self_assessment.SelfAssessmentWidget(COURSE, statements, "before", progress)
    assert again.toggles[first.id].value == 2 and again.toggles[second.id].value == 5
    after = self_assessment.SelfAssessmentWidget(COURSE, statements, "after", progress)
    shown = _texts(after)
    assert "At the start of the course you chose 2 – a little." in shown
    assert "no rating from the start of the course" not in shown
    after.toggles[first.id].value = 4
    ratings = progress.store.load()["ratings"]
    assert (ratings["before/" + first.id]["rating"], ratings["after/" + first.id]["rating"]) == (2, 4)


def test_the_action_plan_widget_keeps_what_is_written_like_a_reflection(tmp_path):
    progress = _live(tmp_path)
    plan = action_plan.load_plan(COURSE)
    widget = action_plan.ActionPlanWidget(COURSE, plan, progress)
    assert list(widget.areas) == [f.id for f in plan.fields]
    widget.areas["contacts"].value = "Mrs Ionescu, the <b>mediator</b>"
    assert progress.store.load()["reflections"]["action-plan/contacts"]["text"] == "Mrs Ionescu, the <b>mediator</b>"
    again = action_plan.ActionPlanWidget(COURSE, plan, progress)
    assert again.areas["contacts"].value == "Mrs Ionescu, the <b>mediator</b>" and again.areas["action-1"].value == ""
    shown = _texts(again)
    assert "What the chapters set out to teach:" in shown
    assert COURSE.chapters["step-10"].goals[0] in shown  # the goals of the chapters a part draws on


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_activities_are_html_in_the_book_and_widgets_in_jupyter(monkeypatch, tmp_path):
    import welcome_course

    monkeypatch.setenv("WELCOME_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.setenv("WELCOME_COURSE_RENDER", "static")
    for activity in (
        welcome_course.self_assessment("before"),
        welcome_course.action_plan(),
        welcome_course.completion_page(),
    ):
        bundle = activity._repr_mimebundle_()
        assert "text/html" in bundle and "application/vnd.jupyter.widget-view+json" not in bundle
    monkeypatch.setenv("WELCOME_COURSE_RENDER", "")
    for activity in (
        welcome_course.self_assessment("after"),
        welcome_course.action_plan(),
        welcome_course.completion_page(),
    ):
        bundle = activity._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle and "text/html" not in bundle
    with pytest.raises(ValueError, match="not 'during'"):
        welcome_course.self_assessment("during")


def test_my_progress_in_jupyter_says_what_is_missing_then_saves_the_certificate(tmp_path):
    store = ProgressStore(tmp_path / "home" / "progress.json")
    widget = CompletionWidget(COURSE, store, folder=tmp_path)
    assert widget.form.layout.display == "none"  # no name box or save button before completion
    assert (
        '10. Build a network around the pupil: <span class="wc-missing-what">quiz: 8 of 8 questions not yet '
        "answered right; case scenario: no ending reached yet</span>" in widget.view.value
    )
    record = completed_record(learner="")
    store.import_record(record)
    widget.refresh()
    assert widget.form.layout.display is None and widget.save_button.disabled  # a name first
    assert widget.save_certificate() is None and "Write your name" in widget.status.value
    widget.name.value = "Ana <Silva>"
    assert store.load()["learner"] == "Ana <Silva>" and not widget.save_button.disabled
    path = widget.save_certificate()
    page = path.read_text(encoding="utf-8")
    found = certificate.status(store.load(), certificate.course_facts(COURSE))
    assert page.startswith("<!doctype html>") and '<meta charset="utf-8">' in page
    assert "Ana &lt;Silva&gt;" in page and "Ana <Silva>" not in page
    assert certificate.shown_code(found["code"]) in page and f"Completed on {found['date']}" in page
    for chapter in ordered_chapters(COURSE):
        assert chapter.title.replace("'", "&#x27;") in page
    total = sum(c.minutes for c in COURSE.chapters.values())
    assert f"{certificate.hours(total)} h ({total} min)" in page
    assert "not proof against forgery" in page
    assert f"Saved as {path}" in widget.status.value


def test_hours_are_rounded_half_up_to_one_decimal():
    assert [certificate.hours(m) for m in (45, 50, 55, 60, 3, 545)] == ["0.8", "0.8", "0.9", "1.0", "0.1", "9.1"]


# --- verify ---------------------------------------------------------------------------------


def test_verify_accepts_the_code_of_a_completed_file_and_says_so(tmp_path, verify):
    record = completed_record()
    file = tmp_path / "my-progress.json"
    file.write_text(json.dumps(record), encoding="utf-8")
    code = certificate.status(record, certificate.course_facts(COURSE))["code"]
    status, out, err = verify(file, certificate.shown_code(code))
    assert status == 0, err
    assert out.startswith(
        f"The code {certificate.shown_code(code)} matches this file: Ana Silva completed the course on 2026-06-01"
    )
    assert "not proof against forgery" in out
    typed = " ".join(code.lower().replace("0", "o").replace("1", "l"))  # as a trainer might type it
    assert verify(file, typed)[0] == 0


def test_verify_rejects_a_file_with_one_answer_changed(tmp_path, verify):
    record = completed_record()
    code = certificate.status(record, certificate.course_facts(COURSE))["code"]
    question = COURSE.chapters["step-04"].questions[2]
    changed = copy.deepcopy(record)
    wrong = next(o.id for o in question.options if not o.correct)
    changed["answers"][f"step-04/{question.id}"][-1]["chosen"] = [wrong]  # its stored flag still says correct
    file = tmp_path / "changed.json"
    file.write_text(json.dumps(changed), encoding="utf-8")
    status, out, err = verify(file, code)
    assert status == 1 and out == ""
    assert err.startswith("The file does not show a completed course")
    chapter = COURSE.chapters["step-04"]
    assert f"4. {chapter.title}: quiz: 1 of {len(chapter.questions)} questions not yet answered right" in err


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda r: r.update(learner="Someone Else"), "does not match this file"),
        (
            lambda r: r["endings"].update(
                {
                    f"step-01/{COURSE.chapters['step-01'].scenario.endings[1].id}": [
                        {"outcome": "mixed", "at": "2026-05-01T08:00:00Z"}
                    ]
                }
            ),  # another ending, earlier
            "does not match this file",
        ),
    ],
)
def test_verify_rejects_another_name_or_another_story(tmp_path, verify, change, reason):
    record = completed_record()
    code = certificate.status(record, certificate.course_facts(COURSE))["code"]
    change(record)
    file = tmp_path / "other.json"
    file.write_text(json.dumps(record), encoding="utf-8")
    status, _, err = verify(file, code)
    assert status == 1 and reason in err


def test_verify_explains_a_file_or_a_code_it_cannot_use(tmp_path, verify):
    not_json = tmp_path / "notes.json"
    not_json.write_text("{cut off", encoding="utf-8")
    status, _, err = verify(not_json, "ABCDE-FGHJK")
    assert status == 1 and "is not a progress file: it is not valid JSON (line 1" in err
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "welcome-course-progress", "version": 9}', encoding="utf-8")
    status, _, err = verify(newer, "ABCDE-FGHJK")
    assert status == 1 and "written by a newer version of the course" in err
    good = tmp_path / "good.json"
    good.write_text(json.dumps(completed_record()), encoding="utf-8")
    status, _, err = verify(good, "ABC")
    assert status == 1 and "'ABC' is not a verification code" in err
    status, _, err = verify(tmp_path / "missing.json", "ABCDE-FGHJK")
    assert status == 1 and "Cannot read" in err


@pytest.mark.slow  # starts the real command line twice
def test_the_verify_command_line_has_help_and_exit_codes(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "welcome_course", "verify", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "usage: python -m welcome_course verify [-h] FILE CODE" in text
    assert "This is a consistency check, not proof against forgery" in text
    record = completed_record()
    file = tmp_path / "my-progress.json"
    file.write_text(json.dumps(record), encoding="utf-8")
    code = certificate.status(record, certificate.course_facts(COURSE))["code"]
    done = subprocess.run(
        [sys.executable, "-m", "welcome_course", "verify", str(file), code], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and "matches this file" in done.stdout


# --- the portfolio and the cohort report ----------------------------------------------------------


def test_the_portfolio_shows_the_ratings_side_by_side_and_the_plan(tmp_path):
    record = new_record()
    statement = self_assessment.load_statements(COURSE)[0]
    apply_event(record, {"type": "rating", "moment": "before", "statement": statement.id, "rating": 2})
    apply_event(record, {"type": "rating", "moment": "after", "statement": statement.id, "rating": 5})
    apply_event(
        record, {"type": "reflection", "chapter": "action-plan", "reflection": "action-2", "text": "<b>Visit</b>"}
    )
    page = portfolio_html(COURSE, record)
    assert '<td class="wc-before">2</td><td class="wc-after">5</td><td class="wc-change">+3</td>' in page
    assert "&lt;b&gt;Visit&lt;/b&gt;" in page and "<b>Visit" not in page
    assert "Second action (what, with whom, by when)" in page
    assert 'class="wc-journal-entry" hidden><p class="wc-journal-prompt">First action' in page  # left blank: not shown


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_cohort_report_shows_the_groups_change_per_statement(tmp_path):
    statements = self_assessment.load_statements(COURSE)
    first, second = statements[0].id, statements[1].id
    ratings = {"ana": {first: (2, 4), second: (3, 3)}, "bo": {first: (1, 4)}, "cy": {}}
    for name, given in ratings.items():
        record = new_record(name)
        for statement, (before, after) in given.items():
            apply_event(record, {"type": "rating", "moment": "before", "statement": statement, "rating": before})
            apply_event(record, {"type": "rating", "moment": "after", "statement": statement, "rating": after})
        if name == "cy":
            apply_event(record, {"type": "rating", "moment": "before", "statement": first, "rating": 5})  # no after
        (tmp_path / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    report = CohortReport.from_folder(tmp_path, COURSE)
    table = self_assessment.cohort_table(COURSE, statements, report.cohort.records)
    rows = {row[0]: row[1:] for row in table.values.tolist()}
    assert rows[statements[0].text] == [2, "1.5", "4.0", "+2.5"]
    assert rows[statements[1].text] == [1, "3.0", "3.0", "0.0"]
    assert rows[statements[2].text][0] == 0
    document = report.document()
    assert "<h2>Self-assessment, before and after</h2>" in document
    assert "Learners who rated it before and after" in document


def test_the_cohort_report_says_when_nobody_rated_before_and_after(tmp_path):
    (tmp_path / "ana.json").write_text(json.dumps(new_record("ana")), encoding="utf-8")
    report = CohortReport.from_folder(tmp_path, COURSE)
    assert "No learner has rated a statement both before and after the course yet." in report.self_assessment_html()

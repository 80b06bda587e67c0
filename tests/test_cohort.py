"""The trainer's cohort report over a folder mixing good and bad files: every answer graded again
against the current content, answers that no longer fit the course reported and not counted,
every message a sentence of data/interface.yml, the CSV table, the command's output."""

from __future__ import annotations

import csv
import html
import json
import math
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from support import ROOT, copy_course, make_course, set_interface_word, valid_chapter
from welcome_course.activities.grading import grade
from welcome_course.content.course import load_course
from welcome_course.content.interface import ui_text
from welcome_course.progress.cohort import (
    CSV_COLUMNS,
    MIN_LEARNERS_FOR_HARDEST,
    Cohort,
    CohortReport,
    answers,
    completion,
    endings,
    hardest,
    questions,
    read_folder,
    write_csv,
    wrong_options,
)
from welcome_course.progress.record import FORMAT, VERSION, apply_event, new_record

COURSE = load_course(ROOT)
INTERFACE = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))


def _learner(folder, name, events, edit=None):
    """A learner's progress file, as My progress exports it; `edit` changes the record first, as a
    learner editing their own file would."""
    record = new_record(name)
    for i, event in enumerate(events):
        apply_event(record, event, at=f"2026-11-01T10:{i:02d}:00Z")
    if edit:
        edit(record)
    (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    return record


CLASSMATE = "A classmate who speaks her language, to interpret for you"


def _option(text_start: str, chapter: str = "step-01", question: str = "first-contact") -> str:
    return next(o.id for o in COURSE.chapter(chapter).question(question).options if o.text.startswith(text_start))


def _answer(option_id: str, chapter: str = "step-01", question: str = "first-contact") -> dict:
    """An answer event graded as the page grades it."""
    result = grade(COURSE.chapter(chapter).question(question), [option_id])
    return {
        "type": "answer",
        "chapter": chapter,
        "question": question,
        "chosen": [option_id],
        "correct": result.correct,
    }


def _cohort_folder(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    wrong, right = _answer(_option(CLASSMATE)), _answer(_option("The colleague"))
    _learner(
        folder,
        "ana",
        [wrong, right, {"type": "ending", "chapter": "step-01", "ending": "good-start", "outcome": "good"}],
    )
    _learner(folder, "ben", [right])
    _learner(folder, "chloe", [wrong])
    (folder / "cut-off.json").write_text('{"format": "welcome-course-progress", "ver')
    (folder / "notes.txt").write_text("not a progress file")
    (folder / "future.json").write_text('{"format": "welcome-course-progress", "version": 7}')
    return folder


def test_bad_files_are_listed_with_their_reason_and_skipped(tmp_path):
    cohort = read_folder(_cohort_folder(tmp_path))
    assert sorted(cohort.records) == ["ana", "ben", "chloe"]
    assert dict(cohort.rejected) == {
        "cut-off.json": "cohort_reason_cut_short",
        "notes.txt": "cohort_reason_not_json_name",
        "future.json": "cohort_reason_newer",
    }
    report = CohortReport(COURSE, cohort)
    assert dict(report.skipped())["future.json"] == INTERFACE["cohort_reason_newer"]


# Bad files of every kind, and the sentence of data/interface.yml each must be reported with
BAD_FILES = {
    "notes.txt": ("not a progress file", "cohort_reason_not_json_name"),
    "photo.json": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "cohort_reason_not_text"),
    "cut-off.json": ('{"format": "welcome-course-progress", "version": 2, "answ', "cohort_reason_cut_short"),
    "too-deep.json": ("[" * 100_000 + "]" * 100_000, "cohort_reason_cut_short"),
    "long-number.json": (
        '{"format": "welcome-course-progress", "version": ' + "9" * 5000 + "}",
        "cohort_reason_cut_short",
    ),
    "shopping-list.json": ('{"items": ["paper", "markers"]}', "cohort_reason_other_file"),
    "a-list.json": ("[1, 2, 3]", "cohort_reason_other_file"),
    "no-format.json": ('{"version": 2, "answers": {}}', "cohort_reason_other_file"),
    "future.json": ('{"format": "welcome-course-progress", "version": 7}', "cohort_reason_newer"),
    "no-version.json": ('{"format": "welcome-course-progress"}', "cohort_reason_damaged"),
    "version-zero.json": ('{"format": "welcome-course-progress", "version": 0}', "cohort_reason_damaged"),
    "infinite-version.json": ('{"format": "welcome-course-progress", "version": 1e400}', "cohort_reason_damaged"),
    "v1-broken.json": ('{"format": "welcome-course-progress", "version": 1, "answers": []}', "cohort_reason_damaged"),
    "chosen-not-a-list.json": (
        '{"format": "welcome-course-progress", "version": 2, "answers": '
        '{"step-01/first-contact": [{"chosen": "b", "correct": true}]}}',
        "cohort_reason_damaged",
    ),
    "flag-not-true-or-false.json": (
        '{"format": "welcome-course-progress", "version": 2, "answers": '
        '{"step-01/first-contact": [{"chosen": ["b"], "correct": "yes"}]}}',
        "cohort_reason_damaged",
    ),
    "bad-key.json": (
        '{"format": "welcome-course-progress", "version": 2, "answers": '
        '{"../../etc": [{"chosen": ["b"], "correct": true}]}}',
        "cohort_reason_damaged",
    ),
    "bad-outcome.json": (
        '{"format": "welcome-course-progress", "version": 2, "endings": '
        '{"step-01/good-start": [{"outcome": "great"}]}}',
        "cohort_reason_damaged",
    ),
    "learner-a-number.json": (
        '{"format": "welcome-course-progress", "version": 2, "learner": 42}',
        "cohort_reason_damaged",
    ),
}


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_every_message_a_bad_file_produces_is_a_sentence_of_the_interface_file(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    for name, (content, _) in BAD_FILES.items():
        path = folder / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    report = CohortReport.from_folder(folder, COURSE)
    assert report.cohort.records == {}
    assert dict(report.cohort.rejected) == {name: key for name, (_, key) in BAD_FILES.items()}
    sentences = set(INTERFACE.values())
    for name, reason in report.skipped():
        assert reason in sentences, f"{name}: {reason!r} is not a sentence of data/interface.yml"

    page = report.document()
    for name, (_, key) in BAD_FILES.items():
        assert f"<li><code>{html.escape(name)}</code>: {html.escape(INTERFACE[key])}</li>" in page
    # none of the program's own diagnostics reaches the trainer
    for internal in ("format is", "None", "expected", "JSON object", "version 1:", "answers[", "Traceback", "Errno"):
        assert internal not in page

    done = subprocess.run(
        [sys.executable, "-m", "welcome_course", "cohort", str(folder)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    shown = [line.strip() for line in done.stdout.splitlines() if line.startswith("  ")]
    assert sorted(shown) == sorted(f"{name}: {INTERFACE[key]}" for name, (_, key) in BAD_FILES.items())
    assert done.stdout.splitlines()[0] == ui_text(COURSE, "cohort_read", count=0)


def test_the_reasons_are_translated_with_the_interface_file(tmp_path):
    root = make_course(tmp_path / "course", {"step-99": valid_chapter()})
    set_interface_word(root, "cohort_reason_newer", "Diese Datei stammt aus einer neueren Fassung des Kurses.")
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "future.json").write_text('{"format": "welcome-course-progress", "version": 7}')
    page = CohortReport.from_folder(folder, load_course(root)).document()
    assert "<li><code>future.json</code>: Diese Datei stammt aus einer neueren Fassung des Kurses.</li>" in page


def test_a_stored_flag_saying_correct_for_a_wrong_choice_is_counted_wrong(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()

    def flip(record):  # the learner edits their own file
        for attempt in record["answers"]["step-01/first-contact"]:
            attempt["correct"] = not attempt["correct"]

    eve = _learner(folder, "eve", [_answer(_option(CLASSMATE))], edit=flip)
    _learner(folder, "fay", [_answer(_option("The colleague"))], edit=flip)
    assert eve["answers"]["step-01/first-contact"][0]["correct"] is True  # the file says right

    report = CohortReport.from_folder(folder, COURSE)
    table = questions(COURSE, report.cohort)
    row = table[table["Question"].str.startswith("A pupil who arrived")].iloc[0]
    assert row["Answered by"] == 2 and row["Right first time (%)"] == 50 and row["Right in the end (%)"] == 50
    done = completion(COURSE, report.cohort)
    assert done.loc["eve", "Step 1"] == 0 and done.loc["fay", "Step 1"] == 10  # 1 of 10 items in chapter 1
    top = wrong_options(COURSE, report.cohort).iloc[0]
    assert top["Wrong option"] == CLASSMATE and top["Learners who chose it"] == 1
    rows = answers(COURSE, report.cohort).set_index("learner")
    assert rows.loc["eve", "correct"] == False and rows.loc["fay", "correct"] == True  # noqa: E712
    assert report.cohort.changed == 2
    assert html.escape(ui_text(COURSE, "cohort_regraded_changed", count=2)) in report.files_html()
    # the same, with the functions given the cohort as read (they grade it themselves)
    assert questions(COURSE, read_folder(folder)).equals(table)


def _changed_course(root, chapter):
    (root / "data" / "chapters" / "step-99.yml").write_text(yaml.safe_dump(chapter, sort_keys=False), encoding="utf-8")
    return load_course(root)


def test_answers_that_no_longer_fit_the_course_are_reported_not_counted(tmp_path):
    chapter = valid_chapter()
    root = make_course(tmp_path / "course", {"step-99": chapter})
    before = load_course(root).chapter("step-99")
    pick_all = before.question("pick-all")
    ids = {o.text: o.id for o in pick_all.options}

    def answer(question, chosen):
        return {
            "type": "answer",
            "chapter": "step-99",
            "question": question,
            "chosen": chosen,
            "correct": grade(before.question(question), chosen).correct,
        }

    folder = tmp_path / "cohort"
    folder.mkdir()
    right_one = [next(o.id for o in before.question("pick-one").options if o.correct)]
    _learner(folder, "ana", [answer("judge", ["true"]), answer("pick-one", right_one)])
    _learner(folder, "ben", [answer("pick-all", [ids["Wrong"]])])
    _learner(folder, "chloe", [answer("pick-all", [ids["First right"], ids["Second right"]])])
    _learner(
        folder,
        "dan",
        [{"type": "ending", "chapter": "step-99", "ending": "bad-end", "outcome": "difficult"}],
        edit=lambda record: record.update(learner="<b>dan</b>"),
    )

    # The chapter changes after they answered: a question renamed (so the old one is gone), an
    # option reworded (so it has a new id), a select-all question made single-choice, an ending renamed.
    quiz = {q["id"]: q for q in chapter["quiz"]}
    quiz["judge"]["id"] = "judge-again"
    quiz["pick-all"]["type"] = "single_choice"
    quiz["pick-all"]["options"][1]["correct"] = False
    quiz["pick-all"]["options"][2]["text"] = "Wrong, and worded otherwise"
    nodes = chapter["scenario"]["nodes"]
    nodes["sad-end"] = nodes.pop("bad-end")
    for node in nodes.values():
        for choice in node.get("choices", []):
            choice["next"] = choice["next"].replace("bad-end", "sad-end")
    after = _changed_course(root, chapter)

    report = CohortReport.from_folder(folder, after)
    prompt = pick_all.prompt
    expected = {
        ui_text(after, "cohort_not_counted_question", learner="ana", question="step-99/judge"),
        ui_text(after, "cohort_not_counted_option", learner="ben", question=prompt),
        ui_text(after, "cohort_not_counted_one_option", learner="chloe", question=prompt),
        ui_text(after, "cohort_not_counted_ending", learner="<b>dan</b>", ending="step-99/bad-end"),
    }
    assert set(report.not_counted()) == expected and len(report.not_counted()) == 4
    files = report.files_html()
    for sentence in expected:
        assert f"<li>{html.escape(sentence)}</li>" in files
    assert html.escape(ui_text(after, "cohort_not_counted", count=4)) in files
    assert "<b>dan</b>" not in files

    table = questions(after, report.cohort).set_index("Question")
    assert table.loc[prompt, "Answered by"] == 0  # ben's and chloe's answers are not counted
    assert table.loc["Which one?", "Answered by"] == 1
    assert list(answers(after, report.cohort)[["learner", "question"]].itertuples(index=False, name=None)) == [
        ("ana", "pick-one")
    ]
    assert endings(after, report.cohort)["Learners who reached it"].sum() == 0


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_hardest_ranks_only_questions_answered_by_enough_learners(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    few_wrong = _option("Moving her down", "step-01", "language-catch-up")
    many_wrong = _option(CLASSMATE)
    for number in range(MIN_LEARNERS_FOR_HARDEST):
        events = [_answer(many_wrong)]
        if number == 0:  # a single learner answers this one, wrongly
            events.append(_answer(few_wrong, "step-01", "language-catch-up"))
        _learner(folder, f"learner-{number}", events)
    report = CohortReport.from_folder(folder, COURSE)
    table = questions(COURSE, report.cohort)
    ranked = hardest(COURSE, table)
    first = COURSE.chapter("step-01").question("first-contact").prompt
    lonely = COURSE.chapter("step-01").question("language-catch-up").prompt
    row = table[table["Question"].str.startswith(lonely[:40])].iloc[0]
    assert row["Answered by"] == 1 and row["Right first time (%)"] == 0  # as wrong as can be, but answered once
    assert len(ranked) == 1 and ranked.iloc[0]["Answered by"] == MIN_LEARNERS_FOR_HARDEST
    assert ranked.iloc[0]["Question"].rstrip("…") in first
    part = report.questions_html()
    rule = ui_text(COURSE, "cohort_questions_rule", minimum=MIN_LEARNERS_FOR_HARDEST)
    assert f"<figcaption>{html.escape(rule)}</figcaption>" in part
    alt = part[part.index('aria-label="') + 12 :]
    alt = html.unescape(alt[: alt.index('"')])
    assert f"({MIN_LEARNERS_FOR_HARDEST} answered): 0 %" in alt and lonely[:40] not in alt

    # with fewer learners, nothing is ranked, and the report says why
    os.remove(folder / "learner-1.json")
    part = CohortReport.from_folder(folder, COURSE).questions_html()
    assert "<svg" not in part
    assert html.escape(ui_text(COURSE, "cohort_questions_none", minimum=MIN_LEARNERS_FOR_HARDEST)) in part


def test_tables_count_what_learners_did(tmp_path):
    cohort = read_folder(_cohort_folder(tmp_path))
    table = questions(COURSE, cohort)
    row = table[table["Question"].str.startswith("A pupil who arrived")].iloc[0]
    assert row["Answered by"] == 3
    assert row["Right first time (%)"] == 33 and row["Right in the end (%)"] == 67
    top = wrong_options(COURSE, cohort).iloc[0]
    assert top["Wrong option"] == CLASSMATE and top["Learners who chose it"] == 2
    reached = endings(COURSE, cohort)
    assert reached[reached["Ending"] == "A good start"]["Learners who reached it"].item() == 1
    done = completion(COURSE, cohort)
    chapter = COURSE.chapter("step-01")
    items = len(chapter.questions) + 1 + len(chapter.reflections)  # each question, an ending, each reflection
    assert done.loc["ben", "Step 1"] == math.floor(100 / items + 0.5)  # ben did one item: rounded half up


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_report_document_is_a_full_page_for_any_screen(tmp_path):
    report = CohortReport.from_folder(_cohort_folder(tmp_path), COURSE)
    page = report.document()
    assert page.startswith("<!doctype html>") and page.count("<svg") == 2
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "cut-off.json" in page and 'aria-label="Bar chart' in page
    # each of the four tables in its own scrolling box, named for screen readers and reachable by keyboard
    assert page.count('<div class="wc-table-scroll" role="region" tabindex="0" aria-label="') == 4
    assert page.count("<table") == 4


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_chart_names_each_chapter_in_plain_words():
    """Issue 16: the completion chart labelled the data chapter '·. The numbers behind the guideline'."""
    part = CohortReport.from_folder(ROOT / "data" / "sample-cohort", COURSE).completion_html()
    alt = html.unescape(part[part.index('aria-label="') + 12 : part.index('" ', part.index('aria-label="'))])
    for chapter in COURSE.chapters.values():
        title = chapter.title if len(chapter.title) <= 80 else chapter.title[:79].rstrip() + "…"
        name = f"Step {chapter.guideline_step}: {title}" if chapter.guideline_step else title
        assert f"{name}: " in alt
    assert "·" not in alt and "·" not in part


def test_the_reports_words_come_from_the_interface_file(tmp_path):
    root = make_course(tmp_path, {"step-99": valid_chapter()})
    set_interface_word(root, "cohort_title", "{course}: Bericht über die Gruppe")
    set_interface_word(root, "cohort_section_endings", "Erreichte Enden")
    set_interface_word(root, "cohort_column_outcome", "Ausgang")
    course = load_course(root)
    page = CohortReport(course, Cohort()).document()
    assert f"<h1>{html.escape(course.title)}: Bericht über die Gruppe</h1>" in page
    assert "<h2>Erreichte Enden</h2>" in page and "<th>Ausgang</th>" in page
    assert "cohort report" not in page and "Scenario endings reached" not in page and "<th>Outcome</th>" not in page


def _expected_rows(folder, course):
    """(learner, chapter, question) -> (attempts, chosen, correct) for every answer in the folder's
    files that fits the course, read straight from the files."""
    rows = {}
    for path in sorted(folder.iterdir()):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("version") != VERSION:
            continue
        for key, attempts in record["answers"].items():
            chapter_id, question_id = key.split("/")
            chapter = course.chapters.get(chapter_id)
            question = next((q for q in chapter.questions if q.id == question_id), None) if chapter else None
            if question is None or any(set(a["chosen"]) - {o.id for o in question.options} for a in attempts):
                continue
            last = attempts[-1]["chosen"]
            texts = [
                ui_text(course, o.id) if question.kind == "true_false" else o.text
                for o in question.options
                if o.id in last
            ]
            rows[(record["learner"] or path.stem, chapter_id, question_id)] = (
                len(attempts),
                "; ".join(texts),
                "true" if grade(question, last).correct else "false",
            )
    return rows


def test_the_csv_has_one_row_per_learner_and_question(tmp_path):
    folder = tmp_path / "cohort"
    shutil.copytree(ROOT / "data" / "sample-cohort", folder)
    _learner(
        folder,
        "=HYPERLINK(1)",
        [_answer(_option(CLASSMATE))],
        edit=lambda r: r["answers"].update(
            {"step-03/a-removed-question": [{"chosen": ["oabc123"], "correct": True, "at": None}]}
        ),
    )
    expected = _expected_rows(folder, COURSE)
    assert len(expected) > 300  # the sample's seven learners, and one more

    path = tmp_path / "answers.csv"
    count = write_csv(COURSE, read_folder(folder), path)
    with open(path, encoding="utf-8-sig", newline="") as table:
        reader = csv.DictReader(table)
        rows = list(reader)
    assert tuple(reader.fieldnames) == CSV_COLUMNS and count == len(rows) == len(expected)
    found = {}
    for row in rows:
        learner = row["learner"][1:] if row["learner"].startswith("'=") else row["learner"]
        found[(learner, row["chapter"], row["question"])] = (int(row["attempts"]), row["chosen"], row["correct"])
    assert found == expected  # one row per learner and question: none missing, none twice
    assert "'=HYPERLINK(1)" in {row["learner"] for row in rows}  # a spreadsheet shows it, never runs it


@pytest.mark.slow  # starts the real command line twice
def test_cohort_command(tmp_path):
    folder = _cohort_folder(tmp_path)
    out, table = tmp_path / "report.html", tmp_path / "answers.csv"
    done = subprocess.run(
        [sys.executable, "-m", "welcome_course", "cohort", str(folder), "--output", str(out), "--csv", str(table)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    # with --output, a short summary: the counts and where the files are, not the tables
    assert done.stdout.splitlines() == [
        ui_text(COURSE, "cohort_read", count=3),
        ui_text(COURSE, "cohort_summary_skipped", count=3),
        ui_text(COURSE, "cohort_saved_csv", path=table),
        ui_text(COURSE, "cohort_saved_report", path=out),
    ]
    assert out.read_text().startswith("<!doctype html>")
    assert table.read_text(encoding="utf-8-sig").count("\n") == 1 + len(_expected_rows(folder, COURSE))
    without = subprocess.run(
        [sys.executable, "-m", "welcome_course", "cohort", str(folder)], cwd=ROOT, capture_output=True, text=True
    )
    lines = without.stdout.splitlines()
    assert f"  cut-off.json: {INTERFACE['cohort_reason_cut_short']}" in lines
    assert any(line.startswith("chloe ") for line in lines)  # the tables, when no page is written
    missing = subprocess.run(
        [sys.executable, "-m", "welcome_course", "cohort", str(tmp_path / "nowhere")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 1 and "is not a folder" in missing.stderr


def test_sample_cohort_shipped_with_the_course_reads(tmp_path):
    """Every learner's file of the example group is read; the files broken on purpose (to show how
    the report skips them: one cut off, one of another kind) are listed, and nothing else."""
    folder = ROOT / "data" / "sample-cohort"
    learners, broken = [], []
    for path in sorted(folder.iterdir()):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            data = None
        if isinstance(data, dict) and data.get("format") == "welcome-course-progress":
            learners.append(data["learner"])
        else:
            broken.append(path.name)
    cohort = read_folder(folder)
    assert learners and sorted(cohort.records) == sorted(learners)
    assert broken and [name for name, _ in cohort.rejected] == broken


@pytest.mark.slow  # starts the real command line
def test_the_terminal_shows_no_control_characters_from_a_name(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    _learner(folder, "eve", [_answer(_option(CLASSMATE))], edit=lambda r: r.update(learner="\x1b]0;owned\x07Eve"))
    done = subprocess.run(
        [sys.executable, "-m", "welcome_course", "cohort", str(folder)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "\\x1b]0;owned\\x07Eve" in done.stdout  # shown as visible escapes (terminal.safe)


@pytest.mark.slow  # copies the course and runs the tool
def test_sample_cohort_is_what_the_tool_makes_from_the_current_content(tmp_path):
    copy = copy_course(tmp_path / "course")
    shutil.rmtree(copy / "data" / "sample-cohort")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("WELCOME_COURSE_")}, "PYTHONPATH": str(copy)}
    done = subprocess.run(
        [sys.executable, "tools/make_sample_cohort.py"], cwd=copy, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in (copy / "data" / "sample-cohort").iterdir())
    assert made == sorted(p.name for p in (ROOT / "data" / "sample-cohort").iterdir())
    for name in made:
        assert (copy / "data" / "sample-cohort" / name).read_bytes() == (
            ROOT / "data" / "sample-cohort" / name
        ).read_bytes(), name
    report = CohortReport(COURSE, read_folder(ROOT / "data" / "sample-cohort"))
    # the example shows a file edited by hand and an answer to a removed question
    assert report.cohort.changed == 1 and len(report.not_counted()) == 1


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_line_breaks_in_the_tables_show_as_spaces_not_backslash_n(tmp_path):
    """Issue 12: a title, a prompt, an option or a learner's name with a line break showed as
    the two characters \\n in the report (pandas writes them so); now as a space."""
    chapter = valid_chapter()
    chapter["title"] = "A title\non two lines"
    chapter["quiz"][0]["prompt"] = "A prompt\non two lines"
    chapter["quiz"][0]["options"][1]["text"] = "A wrong\r\nanswer"
    chapter["scenario"]["nodes"]["good-end"]["title"] = "A good\n end"
    course = load_course(make_course(tmp_path / "course", {"step-99": chapter}))
    folder = tmp_path / "cohort"
    folder.mkdir()
    wrong = next(o for o in course.chapter("step-99").question("pick-one").options if not o.correct)
    for name in ("Ana\nBerg", "Tab\tbed"):
        record = new_record(name)
        apply_event(
            record,
            {"type": "answer", "chapter": "step-99", "question": "pick-one", "chosen": [wrong.id], "correct": False},
            at="2026-11-01T10:00:00Z",
        )
        apply_event(
            record,
            {"type": "ending", "chapter": "step-99", "ending": "good-end", "outcome": "good"},
            at="2026-11-01T10:01:00Z",
        )
        (folder / f"{name.split()[0]}.json").write_text(json.dumps(record))
    report = CohortReport.from_folder(folder, course)
    page = report.document()
    for shown in (
        "<th>Ana Berg</th>",
        "<th>Tab bed</th>",
        "<td>A title on two lines</td>",
        "<td>A prompt on two lines</td>",
        "<td>A wrong answer</td>",
        "<td>A good end</td>",
    ):
        assert shown in page
    for part in ("completion", "questions", "wrong_options", "endings"):
        assert "\\n" not in getattr(report, f"{part}_html")() and "\\t" not in page and "\\r" not in page
    assert completion(course, report.cohort).index.tolist() == ["Ana\nBerg", "Tab\tbed"]  # the data keeps them

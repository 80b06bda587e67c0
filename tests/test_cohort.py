"""The trainer's cohort report over a folder mixing good and bad files."""

from __future__ import annotations

import html
import json
import math
import shutil
import subprocess
import sys

import pytest
from support import ROOT, make_course, set_interface_word, valid_chapter

from welcome_course.content.course import load_course
from welcome_course.progress.cohort import Cohort, CohortReport, completion, endings, questions, read_folder, wrong_options
from welcome_course.progress.record import apply_event, new_record



def _learner(folder, name, events, version_one=False):
    record = new_record(name)
    for i, event in enumerate(events):
        apply_event(record, event, at=f"2026-11-01T10:{i:02d}:00Z")
    (folder / f"{name}.json").write_text(json.dumps(record))


CLASSMATE = "A classmate who speaks her language, to interpret for you"


def _option(text_start: str) -> str:
    question = load_course(ROOT).chapter("step-01").question("first-contact")
    return next(o.id for o in question.options if o.text.startswith(text_start))


def _cohort_folder(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    wrong = {"type": "answer", "chapter": "step-01", "question": "first-contact", "chosen": [_option(CLASSMATE)], "correct": False}
    right = {"type": "answer", "chapter": "step-01", "question": "first-contact", "chosen": [_option("The colleague")], "correct": True}
    _learner(folder, "ana", [wrong, right, {"type": "ending", "chapter": "step-01", "ending": "good-start", "outcome": "good"}])
    _learner(folder, "ben", [right])
    _learner(folder, "chloe", [wrong])
    (folder / "cut-off.json").write_text('{"format": "welcome-course-progress", "ver')
    (folder / "notes.txt").write_text("not a progress file")
    (folder / "future.json").write_text('{"format": "welcome-course-progress", "version": 7}')
    return folder


def test_bad_files_are_listed_with_their_reason_and_skipped(tmp_path):
    cohort = read_folder(_cohort_folder(tmp_path))
    assert sorted(cohort.records) == ["ana", "ben", "chloe"]
    reasons = dict(cohort.rejected)
    assert reasons["cut-off.json"].startswith("not valid JSON")
    assert reasons["notes.txt"] == "not a progress file (expected a .json file)"
    assert "newer version of the course" in reasons["future.json"]


def test_tables_count_what_learners_did(tmp_path):
    course = load_course(ROOT)
    cohort = read_folder(_cohort_folder(tmp_path))
    table = questions(course, cohort)
    row = table[table["Question"].str.startswith("A pupil who arrived")].iloc[0]
    assert row["Answered by"] == 3
    assert row["Right first time (%)"] == 33 and row["Right in the end (%)"] == 67
    top = wrong_options(course, cohort).iloc[0]
    assert top["Wrong option"] == CLASSMATE and top["Learners who chose it"] == 2
    reached = endings(course, cohort)
    assert reached[reached["Ending"] == "A good start"]["Learners who reached it"].item() == 1
    done = completion(course, cohort)
    chapter = course.chapter("step-01")
    items = len(chapter.questions) + 1 + len(chapter.reflections)  # each question, an ending, each reflection
    assert done.loc["ben", "Step 1"] == math.floor(100 / items + 0.5)  # ben did one item: rounded half up


def test_report_document_is_a_full_page(tmp_path):
    report = CohortReport.from_folder(_cohort_folder(tmp_path), load_course(ROOT))
    page = report.document()
    assert page.startswith("<!doctype html>") and page.count("<svg") == 2
    assert "cut-off.json" in page and 'aria-label="Bar chart' in page


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


@pytest.mark.slow  # starts the real command line twice
def test_cohort_command(tmp_path):
    folder = _cohort_folder(tmp_path)
    out = tmp_path / "report.html"
    done = subprocess.run([sys.executable, "-m", "welcome_course", "cohort", str(folder), "--output", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Read 3 learner file(s)" in done.stdout and "Skipped cut-off.json: not valid JSON" in done.stdout
    assert out.read_text().startswith("<!doctype html>")
    missing = subprocess.run([sys.executable, "-m", "welcome_course", "cohort", str(tmp_path / "nowhere")],
                             cwd=ROOT, capture_output=True, text=True)
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
        apply_event(record, {"type": "answer", "chapter": "step-99", "question": "pick-one", "chosen": [wrong.id],
                             "correct": False}, at="2026-11-01T10:00:00Z")
        apply_event(record, {"type": "ending", "chapter": "step-99", "ending": "good-end", "outcome": "good"},
                    at="2026-11-01T10:01:00Z")
        (folder / f"{name.split()[0]}.json").write_text(json.dumps(record))
    report = CohortReport.from_folder(folder, course)
    page = report.document()
    for shown in ("<th>Ana Berg</th>", "<th>Tab bed</th>", "<td>A title on two lines</td>",
                  "<td>A prompt on two lines</td>", "<td>A wrong answer</td>", "<td>A good end</td>"):
        assert shown in page
    for part in ("completion", "questions", "wrong_options", "endings"):
        assert "\\n" not in getattr(report, f"{part}_html")() and "\\t" not in page and "\\r" not in page
    assert completion(course, report.cohort).index.tolist() == ["Ana\nBerg", "Tab\tbed"]  # the data keeps them

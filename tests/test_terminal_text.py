"""Text from untrusted files reaches the terminal with its control characters escaped.

A learner's progress file may carry a name (or have a file name) holding ESC sequences that clear
or retitle the trainer's terminal, BEL, or a bidi override that shows text reversed. Every command
prints such text escaped, as \\x1b, \\x07 or \\u202e, so the trainer sees that it is there.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support import ROOT
from welcome_course.progress.record import new_record
from welcome_course.terminal import safe

CLEAR = "\x1b[2J\x1b[H"  # clear the screen, cursor home
TITLE = "\x1b]0;owned\x07"  # set the window title (ends with BEL)
REVERSED = "\u202eevil\u202c"  # right-to-left override … pop
HOSTILE = f"Eve{CLEAR}{TITLE}{REVERSED}\r\n"
UNSAFE = ["\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\r"]


def run(*args, cwd=ROOT):
    done = subprocess.run(
        [sys.executable, "-m", "welcome_course", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return done, done.stdout + done.stderr


def test_safe_escapes_every_control_and_bidi_character():
    controls = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
    bidi = [chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)]
    for char in controls + bidi:
        shown = safe(f"a{char}b")
        assert shown == f"a\\x{ord(char):02x}b" if ord(char) < 0x100 else shown == f"a\\u{ord(char):04x}b"
        assert shown.isprintable()
    assert safe("line 1\n\tline 2\x1b", lines=True) == "line 1\n\tline 2\\x1b"
    assert safe("Zoë 学生 😀 ‍ zero-width joiner kept") == "Zoë 学生 😀 ‍ zero-width joiner kept"


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_cohort_command_prints_learner_names_file_names_and_reasons_escaped(tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "learner.json").write_text(json.dumps(new_record(HOSTILE)), encoding="utf-8")
    (folder / f"{CLEAR}{TITLE}{REVERSED}.json").write_text(
        json.dumps(new_record("")), encoding="utf-8"
    )  # named by its file
    (folder / f"notes{CLEAR}\x07.txt").write_text("not a progress file", encoding="utf-8")
    bad = {**new_record("x"), "version": 0}
    (folder / f"old{REVERSED}.json").write_text(json.dumps(bad), encoding="utf-8")
    (folder / "odd.json").write_text(json.dumps({**new_record("y"), "format": TITLE}), encoding="utf-8")
    # without --output, the terminal shows the whole report: names, file names, reasons
    done, out = run("cohort", folder)
    assert done.returncode == 0, out
    assert not [c for c in UNSAFE if c in out], out
    assert "Eve\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\u202eevil\\u202c\\x0d\\x0a" in out  # the name, in the table
    assert "\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\u202eevil\\u202c" in out.replace(
        "Eve\\x1b", ""
    )  # the file name as a name
    assert "notes\\x1b[2J\\x1b[H\\x07.txt: " in out  # a skipped file, named escaped, with its reason
    assert "old\\u202eevil\\u202c.json: " in out and "odd.json: " in out
    # with --output, a short summary and where the report is, its name escaped
    done, out = run("cohort", folder, "--output", tmp_path / f"report{CLEAR}.html")
    assert done.returncode == 0, out
    assert not [c for c in UNSAFE if c in out], out
    assert "report\\x1b[2J\\x1b[H.html" in out
    assert (tmp_path / f"report{CLEAR}.html").is_file()


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_missing_cohort_folder_is_named_escaped(tmp_path):
    done, out = run("cohort", tmp_path / f"gone{CLEAR}")
    assert done.returncode == 1 and "is not a folder" in out and "gone\\x1b[2J\\x1b[H" in out
    assert "\x1b" not in out


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_names_a_hostile_file_name_escaped(tmp_path):
    root = tmp_path / "course"
    (root / "data" / "chapters").mkdir(parents=True)
    for name in ("course.yml", "interface.yml"):
        (root / "data" / name).write_bytes((ROOT / "data" / name).read_bytes())
    (root / "data" / "chapters" / f"step{TITLE}.yml").write_text("id: step-1\n", encoding="utf-8")
    done, out = run("check", cwd=root)
    assert done.returncode == 1 and "step\\x1b]0;owned\\x07.yml" in out
    assert not [c for c in UNSAFE if c in out], out


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_export_names_its_folder_escaped(tmp_path):
    folder = tmp_path / f"out{CLEAR}"
    done, out = run("export", "--out", folder, "--format", "gift")
    assert done.returncode == 0, out
    assert f"to {tmp_path}/out\\x1b[2J\\x1b[H:" in out and "\x1b" not in out

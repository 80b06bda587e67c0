"""`new-chapter`: a scaffolded chapter builds and passes strict nbval at once; bad ids are refused
clearly, and a failure leaves nothing behind."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import welcome_course.authoring.notebooks
from support import build_book, copy_course, make_course, run_main, valid_chapter
from welcome_course.authoring.new_chapter import ScaffoldError, chapter_yaml, new_chapter, toc_with_entry
from welcome_course.checks.standards import chapter_problems
from welcome_course.content.course import load_course


def run_cli(root, *args):
    return subprocess.run([sys.executable, "-m", "welcome_course", *args], cwd=root, capture_output=True, text=True)


@pytest.mark.build
def test_a_new_chapter_builds_and_passes_the_tests_at_once(tmp_path):
    root = copy_course(tmp_path / "course")
    toc_before = (root / "_toc.yml").read_text(encoding="utf-8")
    done = run_cli(
        root, "new-chapter", "family-evenings", "--title", "Family evenings: an open door", "--minutes", "50"
    )
    assert done.returncode == 0, done.stderr
    assert "Added '- file: book/family-evenings' to _toc.yml" in done.stdout

    # _toc.yml: one line added after the last chapter, everything else (comments too) kept
    toc_after = (root / "_toc.yml").read_text(encoding="utf-8").splitlines()
    before = toc_before.splitlines()
    added = [line for line in toc_after if line not in before]
    assert added == ["      - file: book/family-evenings"]
    assert [line for line in toc_after if line not in added] == before
    # … right after the last entry that is a chapter (a page with a content file in data/chapters)
    chapter_lines = [
        i
        for i, line in enumerate(before)
        if (m := re.match(r"\s*- file: book/(\S+)$", line))
        and (root / "data" / "chapters" / f"{m[1]}.yml").exists()
        and m[1] != "family-evenings"
    ]
    assert toc_after.index(added[0]) == chapter_lines[-1] + 1

    # the content file is valid, meets the course's minimums and says what is left to write
    course = load_course(root)
    chapter = course.chapter("family-evenings")
    assert chapter.title == "Family evenings: an open door" and chapter.minutes == 50
    assert chapter_problems(chapter) == []
    checked = run_cli(root, "check")
    assert checked.returncode == 0, checked.stderr
    assert "data/chapters/family-evenings.yml, line" in checked.stdout and "still placeholder text" in checked.stdout
    # (cell 1 is the note saying how to install the course when the notebook is opened on its own, cell 3
    # the check that says it where the course is missing: authoring/standalone.py)
    assert "book/family-evenings.ipynb: notebook: cells 5, 8: still placeholder text" in checked.stdout
    assert "book/family-evenings.ipynb: notebook: first cells" not in checked.stdout

    # the notebook's stored outputs pass strict nbval
    nbval = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "book/family-evenings.ipynb"], cwd=root, capture_output=True, text=True
    )
    assert nbval.returncode == 0, nbval.stdout[-3000:]
    notebook = json.loads((root / "book" / "family-evenings.ipynb").read_text(encoding="utf-8"))
    code_cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code_cells and re.search(rf"\b{len(code_cells)} passed", nbval.stdout)  # nbval: a test per code cell

    # and the chapter builds (alone, to keep this quick) with warnings as errors
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/family-evenings\n", encoding="utf-8")
    built = build_book(root)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    page = (root / "_build" / "html" / "book" / "family-evenings.html").read_text(encoding="utf-8")
    assert page.count('class="wc-question"') == len(chapter.questions) and 'class="wc-scenario"' in page


@pytest.fixture
def small_course(tmp_path):
    root = make_course(tmp_path / "course", {"step-01": chapter_yaml("step-01", "First", 30)})
    (root / "book").mkdir()
    (root / "_toc.yml").write_text(
        "# the table of contents\nformat: jb-book\nroot: book/intro\nparts:\n"
        "  - caption: Chapters\n    chapters:\n      - file: book/step-01\n"
        "  - caption: For trainers and instructors\n    chapters:\n      - file: book/guide\n",
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize(
    "chapter_id, message",
    [
        ("step-01", "a chapter 'step-01' already exists: data/chapters/step-01.yml; choose another id"),
        ("Step 11!", "'Step 11!' is not a valid chapter id; expected an id of lowercase letters, digits and hyphens"),
        ("guide", "_toc.yml already lists 'book/guide'; choose another id or remove that entry"),
    ],
)
def test_existing_or_invalid_ids_are_refused(small_course, chapter_id, message):
    toc = (small_course / "_toc.yml").read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="^" + re.escape(message)):
        new_chapter(small_course, chapter_id, "A title", say=lambda *_: None)
    assert (small_course / "_toc.yml").read_text(encoding="utf-8") == toc
    assert sorted(p.name for p in (small_course / "data" / "chapters").iterdir()) == ["step-01.yml"]


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_command_refuses_with_a_clear_message_and_exit_code(small_course):
    done = run_cli(small_course, "new-chapter", "step-01")
    assert done.returncode == 1
    assert "Cannot create chapter 'step-01': a chapter 'step-01' already exists" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_course_is_refused(small_course):
    chapter = valid_chapter()
    del chapter["title"]
    make_course(small_course / "elsewhere", {"step-99": chapter})
    (small_course / "elsewhere" / "data" / "chapters" / "step-99.yml").rename(
        small_course / "data" / "chapters" / "step-99.yml"
    )
    with pytest.raises(ScaffoldError, match=r"title: missing; expected text(.|\n)*Fix these first"):
        new_chapter(small_course, "step-02", "A title", say=lambda *_: None)


def test_an_unknown_part_is_refused(small_course):
    with pytest.raises(
        ScaffoldError,
        match=re.escape("_toc.yml has no part 'Extras'; its parts are: 'Chapters', 'For trainers and instructors'"),
    ):
        new_chapter(small_course, "step-02", "A title", part="Extras", say=lambda *_: None)


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_failure_leaves_nothing_behind(small_course, monkeypatch):
    def broken(path, timeout=120):
        raise RuntimeError("the kernel died")

    monkeypatch.setattr(welcome_course.authoring.notebooks, "execute_notebook", broken)
    toc = (small_course / "_toc.yml").read_text(encoding="utf-8")
    with pytest.raises(
        ScaffoldError, match=r"creating the chapter failed .RuntimeError: the kernel died.; nothing was changed"
    ):
        new_chapter(small_course, "step-02", "A title", say=lambda *_: None)
    assert (small_course / "_toc.yml").read_text(encoding="utf-8") == toc
    assert not (small_course / "data" / "chapters" / "step-02.yml").exists()
    assert not (small_course / "book" / "step-02.ipynb").exists()


@pytest.mark.parametrize(
    "toc, part, expected",
    [
        # parts: after the last part holding a chapter, not in the instructors' part
        (
            "format: jb-book\nroot: book/intro\nparts:\n  - caption: Chapters  # the steps\n    chapters:\n      - file: book/step-01\n"
            "  - caption: For trainers and instructors\n    chapters:\n      - file: book/guide\n",
            None,
            "format: jb-book\nroot: book/intro\nparts:\n  - caption: Chapters  # the steps\n    chapters:\n      - file: book/step-01\n"
            "      - file: book/new\n  - caption: For trainers and instructors\n    chapters:\n      - file: book/guide\n",
        ),
        # a part chosen by its caption; the file does not end with a line break
        (
            "parts:\n- caption: A\n  chapters:\n  - file: book/step-01\n- caption: B\n  chapters:\n  - file: book/x",
            "B",
            "parts:\n- caption: A\n  chapters:\n  - file: book/step-01\n- caption: B\n  chapters:\n  - file: book/x\n  - file: book/new\n",
        ),
        # no parts; the last entry has sections, and a comment follows
        (
            "root: book/intro\nchapters:\n  - file: book/step-01\n    sections:\n      - file: book/step-01a\n# end\n",
            None,
            "root: book/intro\nchapters:\n  - file: book/step-01\n    sections:\n      - file: book/step-01a\n  - file: book/new\n# end\n",
        ),
    ],
)
def test_the_toc_entry_is_one_inserted_line(tmp_path, toc, part, expected):
    make_course(tmp_path, {"step-01": chapter_yaml("step-01", "First", 30)})
    text, _ = toc_with_entry(tmp_path, toc, "book/new", part)
    assert text == expected


def test_outside_a_course_folder_nothing_is_created(tmp_path, monkeypatch, capsys):
    """find_root() falls back to the course the package was installed from; new-chapter must not
    write into that course from another folder."""
    import welcome_course.authoring.new_chapter

    def must_not_run(*args, **kwargs):
        raise AssertionError("new_chapter was called from outside the course")

    monkeypatch.setattr(welcome_course.authoring.new_chapter, "new_chapter", must_not_run)
    code, _, err = run_main(monkeypatch, capsys, tmp_path, "new-chapter", "never-made")
    assert code == 1
    assert "Cannot create chapter 'never-made': run this command inside the course's folder" in err

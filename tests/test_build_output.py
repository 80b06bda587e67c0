"""What `python -m welcome_course build` (`make book`) prints and leaves behind.

- a short, honest output: a line per stage and a summary, at most 60 lines, every Sphinx warning
  with its file and line (each fails the build), no library's INFO messages, no colour codes when
  the output is not a terminal; --verbose shows everything Sphinx says;
- no stale pages: a page taken out of _toc.yml disappears from _build/html at the next build;
- a failed build leaves nothing a later build reuses, and a page whose code cell failed is not
  left in _build/html looking complete.
"""

from __future__ import annotations

import html as html_module
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import copy_course
from welcome_course.i18n.languages import configured_languages
from welcome_course.site.building import SphinxStatus

MAX_LINES = 60
REMOVED = "book/instructors"  # a page no other page links to: taking it out of _toc.yml breaks no link


def run_build(root: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
    """`python -m welcome_course build ARGS` in the course folder `root`, its output captured (not a
    terminal), as `make book` runs it; `code`: Python run first in the same process."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WELCOME_COURSE_") and k not in ("FORCE_COLOR", "NO_COLOR")
    }
    env["TERM"] = "xterm-256color"  # a terminal that has colours: they must still stay out of captured output
    command = (
        ["-m", "welcome_course", "build", *args]
        if code is None
        else [
            "-c",
            f"{code}\nimport sys\nfrom welcome_course.__main__ import main\nsys.exit(main(['build', *{list(args)!r}]))",
        ]
    )
    return subprocess.run([sys.executable, *command], cwd=root, env=env, capture_output=True, text=True)


def toc_pages(root: Path) -> list[str]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


def visible_text(page: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def shown(done: subprocess.CompletedProcess) -> str:
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """A copy of the course built once; then REMOVED taken out of _toc.yml, an old failure's log left
    in _build/html/reports, and the book built again, with --verbose. Returns the course folder, the number of pages of the first build and both builds' results."""
    root = copy_course(tmp_path_factory.mktemp("build-output") / "course")
    pages = len(toc_pages(root))
    first = run_build(root)
    assert first.returncode == 0, shown(first)[-4000:]
    assert (root / "_build" / "html" / f"{REMOVED}.html").is_file()
    toc = root / "_toc.yml"
    entry = f"      - file: {REMOVED}\n"
    assert entry in toc.read_text(encoding="utf-8")
    toc.write_text(toc.read_text(encoding="utf-8").replace(entry, ""), encoding="utf-8")
    old_log = (
        root / "_build" / "html" / "reports" / "book" / "figures.err.log"
    )  # as myst-nb leaves after a kernel failed
    old_log.parent.mkdir(parents=True)
    old_log.write_text("Traceback (most recent call last): …", encoding="utf-8")
    second = run_build(root, "--verbose")
    assert second.returncode == 0, shown(second)[-4000:]
    return root, pages, first, second


@pytest.mark.build  # builds the book in a copy
def test_a_successful_build_prints_a_line_per_stage_and_a_summary(two_builds):
    root, pages, first, _ = two_builds
    output = shown(first)
    lines = output.splitlines()
    assert len(lines) <= MAX_LINES, output
    assert "\x1b" not in output  # no colour codes: the output is not a terminal
    languages = configured_languages(root)
    for stage in ("Checking the content", "All content is valid"):
        assert sum(stage in line for line in lines) == 1, f"{stage!r} once in:\n{output}"
    for stage in (  # once per language: each is a build of its own
        f"Reading {pages} pages",
        "Writing the pages and the search index",
        "Cutting the theme's style sheets",
    ):
        assert sum(stage in line for line in lines) == len(languages), f"{stage!r} once per language in:\n{output}"
    if len(languages) > 1:
        for code in languages:
            assert sum(f"Building the book in {code} …" == line for line in lines) == 1, output
    index = root / "_build" / "html" / "index.html"
    in_languages = f" in each of {len(languages)} languages ({', '.join(languages)})" if len(languages) > 1 else ""
    assert f"The book is ready: {pages} pages{in_languages}, built in " in first.stdout
    assert f"Open {index} in a browser" in first.stdout and "python -m welcome_course serve" in first.stdout
    assert "python -m welcome_course preview" in first.stdout
    # nothing of what Sphinx, its extensions and the libraries say on their own
    for noise in (
        "Running Sphinx",
        "reading sources",
        "writing output",
        "build succeeded",
        "INFO",
        "MdParserConfig",
        "jupyter-cache",
        "[etoc]",
        "Kernel",
        "every notebook is run",
    ):
        assert noise not in output, f"{noise!r} in:\n{output}"
    assert first.stderr == ""


@pytest.mark.build  # builds the book in a copy (two_builds)
def test_verbose_shows_everything_sphinx_says(two_builds):
    _, _, _, second = two_builds
    output = shown(second)
    for said in ("Running Sphinx", "reading sources", "writing output", "build succeeded"):
        assert said in output
    assert "\x1b" not in output
    assert "The book is ready: " in second.stdout


@pytest.mark.build  # builds the book in a copy (two_builds)
def test_a_page_taken_out_of_the_toc_is_gone_after_the_next_build(two_builds):
    root, _, _, _ = two_builds
    translations = configured_languages(root)[1:]
    for language_folder in ("", *translations):  # English, then each translation's own folder
        html = root / "_build" / "html" / language_folder
        pages = {
            p.relative_to(html).as_posix()
            for p in html.rglob("*.html")
            if not p.relative_to(html).as_posix().startswith(("_", *(f"{code}/" for code in translations)))
        }
        assert pages == {f"{doc}.html" for doc in toc_pages(root)} | {"index.html", "search.html", "genindex.html"}
        assert f"{REMOVED}.html" not in pages
        assert not list((html / "_sources").glob(f"{REMOVED}.*"))
    html = root / "_build" / "html"
    folders = {p.name for p in html.iterdir() if p.is_dir()}
    pages_folders = {doc.split("/")[0] for doc in toc_pages(root) if "/" in doc}
    # no reports/
    assert folders <= pages_folders | {"_static", "_sources", "_images", "_downloads", *translations}, folders
    assert not list((html / "_sources").glob(f"{REMOVED}.*"))
    assert sorted(p.name for p in (html / "_sources" / "book").iterdir()) == sorted(
        Path(doc).name + suffix
        for doc in toc_pages(root)
        for suffix in (".md", ".ipynb")
        if (root / f"{doc}{suffix}").is_file()
    )
    assert REMOVED not in (html / "searchindex.js").read_text(encoding="utf-8")
    removed_page = Path(REMOVED).name + ".html"
    for page in html.rglob("*.html"):
        assert removed_page not in page.read_text(encoding="utf-8"), f"{page} still links to {removed_page}"


@pytest.mark.build  # builds the book in a copy
def test_a_broken_cross_reference_fails_the_build_and_its_warning_is_shown(tmp_path):
    """A Sphinx warning fails the build and is shown with its file and line, among a few lines."""
    root = copy_course(tmp_path / "course")
    intro = root / "book" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nSee {ref}`wc-test-label` for more.\n", encoding="utf-8")
    line = len(intro.read_text(encoding="utf-8").splitlines())
    failed = run_build(root)
    output = shown(failed)
    assert failed.returncode == 1
    assert f"{intro}:{line}: WARNING: undefined label: 'wc-test-label'" in failed.stderr
    assert "The build failed" in failed.stderr
    assert "Traceback" not in output and "\x1b" not in output
    assert len(output.splitlines()) <= MAX_LINES, output
    assert "The book is ready" not in output
    assert not (root / "_build" / ".doctrees").exists()  # the next build reads every page again


BREAK_QUIZZES = """
from welcome_course.activities.display import ChapterActivities
def quiz(self):
    raise ValueError("this quiz broke on purpose (a test)")
ChapterActivities.quiz = quiz
"""


@pytest.mark.build  # builds the book in a copy
def test_a_failed_cell_leaves_no_page_and_nothing_the_next_build_reuses(tmp_path):
    """Every chapter's quiz cell fails while the pages are rendered (a content error that only the
    build's rendering meets, not `check`): the build fails naming the notebook and the cell, and no
    chapter page is left in _build/html. Once the error is gone, with no file changed, the next
    build renders every chapter again: no page holds the failure or the notebook's "run this
    notebook" words in place of the quiz."""
    root = copy_course(tmp_path / "course")
    html = root / "_build" / "html"
    failed = run_build(root, code=BREAK_QUIZZES)
    output = shown(failed)
    assert failed.returncode == 1
    code_cells = [
        c
        for c in json.loads((root / "book" / "step-01.ipynb").read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "code"
    ]
    number = 1 + next(i for i, c in enumerate(code_cells) if "".join(c["source"]).strip() == "chapter.quiz()")
    assert (
        f"step-01.ipynb, code cell {number} (chapter.quiz()) failed: ValueError: this quiz broke on purpose (a test)"
        in failed.stderr
    )
    assert "Traceback" not in output
    chapters = [doc for doc in toc_pages(root) if re.fullmatch(r"book/step-\d+", doc)]
    assert chapters
    for doc in chapters:
        assert not (html / f"{doc}.html").exists(), f"{doc}.html was left after its cell failed"
    assert (html / "book" / "intro.html").is_file()  # the pages that did not fail are there
    assert not (root / "_build" / ".doctrees").exists()

    fixed = run_build(root)
    assert fixed.returncode == 0, shown(fixed)[-4000:]
    assert f"Reading {len(toc_pages(root))} pages" in fixed.stdout
    interface = yaml.safe_load((root / "data" / "interface.yml").read_text(encoding="utf-8"))
    for doc in chapters:
        page = visible_text((html / f"{doc}.html").read_text(encoding="utf-8"))
        chapter = yaml.safe_load((root / "data" / "chapters" / f"{Path(doc).name}.yml").read_text(encoding="utf-8"))
        assert " ".join(chapter["quiz"][0]["prompt"].split()) in page, f"{doc}.html lacks its quiz"
        assert " ".join(interface["before_run"].split()) not in page
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for failure in ("broke on purpose", "Traceback", "failed: ValueError"):
            assert failure not in text, f"{failure!r} in {page}"


def test_of_what_sphinx_says_only_the_notebooks_run_in_a_kernel_are_shown():
    """Sphinx's status messages are not shown, but a notebook that myst-nb runs in a kernel (one
    whose code does more than call the course's package) is: it is slow, and the benchmarks count it."""
    shown_lines = io.StringIO()
    status = SphinxStatus(shown_lines)
    status.write("\x1b[01mreading sources... \x1b[39;49;00m[ 50%] \x1b[35mbook/step-01\x1b[39;49;00m\r")
    status.write("[etoc] Changing master_doc to 'book/intro'\nUsing jupyter-cache at: _build/.jupyter_cache\n")
    status.write("/course/book/extra.ipynb: Executed notebook")
    status.write(" in 3.21 seconds [mystnb]\n\x1b[01mbuild succeeded.\x1b[39;49;00m\n")
    assert shown_lines.getvalue() == "/course/book/extra.ipynb: Executed notebook in 3.21 seconds [mystnb]\n"


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_no_library_info_message_reaches_the_terminal_during_a_quiet_build(tmp_path):
    """The theme imports a11y_pygments, which calls logging.basicConfig(level=INFO): every library's
    INFO message would then be printed. During a build (not --verbose) they are not; warnings are."""
    script = """
import logging
from welcome_course.site.building import _libraries_quiet
with _libraries_quiet():
    import a11y_pygments  # what the theme imports while Sphinx starts
    logging.getLogger("fontTools.subset").info("an INFO message from a library")
    logging.getLogger("some.library").warning("a warning from a library")
logging.getLogger("after").info("after the build, logging is as it was")
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    assert done.returncode == 0, done.stderr
    assert "an INFO message" not in done.stderr + done.stdout
    assert "a warning from a library" in done.stderr

"""`python -m welcome_course build` (`make book`): the content checked, then the book built into _build/html.

Jupyter Book's own build function runs in this process, with the settings of
`jupyter-book build . --warningiserror --nitpick --keep-going`: the command `jupyter-book build`
would start Python and import Sphinx, the theme and this package a second time, and has no
option for parallel reading. No kernel runs: the notebooks' activities are rendered from the
content files as each page is read (notebook_outputs.py).

What the terminal shows:
- one line per stage (the content checked, the pages read, the pages and search index written,
  the theme's style sheets cut down) and a summary: pages, time, where to open the book;
- every Sphinx warning, with its file and line (each one fails the build);
- not Sphinx's and its extensions' progress messages, nor the INFO messages of libraries
  (a11y_pygments, imported by the theme, sends every library's INFO to the terminal), except
  myst-nb's line for each notebook it ran in a kernel (rare, slow, and counted by benchmarks/run.py);
- colour codes only when the output is a terminal.
`--verbose` shows Sphinx's own messages as well, as `jupyter-book build` does.

A failed build leaves nothing a later build would reuse: Sphinx's saved environment and doctrees
(_build/.doctrees) and myst-nb's outputs are removed, so the next build reads every page again
instead of reporting success over pages written with errors. Pages whose code cell failed are
not left in _build/html, nor pages taken out of _toc.yml (output.py); the logs myst-nb writes in
_build/html/reports when a notebook fails in a kernel stay until the next build starts.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sphinx.util.console import color_terminal, strip_escape_sequences

from ..checks.pipeline import course_report
from ..content.problems import ContentError
from ..terminal import safe
from .preview import build_overrides
from .theme.languages import forget_loaded_catalogues

BUILD = Path("_build")
HTML = BUILD / "html"
DOCTREES = BUILD / ".doctrees"  # where jupyter_book.sphinx.build_sphinx keeps Sphinx's environment
REUSED = (DOCTREES, BUILD / ".jupyter_cache", BUILD / "jupyter_execute")  # what a later build would read again
REPORTS = HTML / "reports"  # myst-nb's logs of notebooks that failed in a kernel, which no page links to
# myst-nb works in the folder above the build's output: for English, _build/; for a translation
# (_build/html/fr), _build/html/, which is published. What it leaves there is not part of the book.
MYST_NB_WORK = (HTML / "jupyter_execute", HTML / ".jupyter_cache")


class Progress:
    """What the terminal shows of the build under way: the stage lines (unless Sphinx's own messages
    are shown) and the number of pages. The course's extension calls it at each stage (connect)."""

    def __init__(self, out=None, stages: bool = True):
        self.out = out or sys.stdout
        self.stages = stages
        self.pages = 0

    def say(self, text: str) -> None:
        if self.stages:
            print(text, file=self.out, flush=True)


_current: Progress | None = None  # the build `build` runs now, if any


class SphinxStatus(io.TextIOBase):
    """Sphinx's status stream when its messages are not shown: of all it says, only the lines
    saying that a notebook was run in a kernel reach `out`, without colour codes."""

    SHOWN = re.compile(r"Executed notebook in [\d.]+ seconds")

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self._line = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        *lines, self._line = (self._line + text).replace("\r", "\n").split("\n")
        for line in lines:
            line = strip_escape_sequences(line).strip()
            if self.SHOWN.search(line):
                print(line, file=self.out, flush=True)
        return len(text)


def _plural(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _reading(app, env, docnames) -> None:
    if _current is None:
        return
    total = len(env.found_docs)
    if not docnames:
        _current.say(f"No page changed since the last build ({_plural(total, 'page')}).")
    elif len(docnames) == total:
        _current.say(f"Reading {_plural(total, 'page')} (the notebooks' activities rendered from data/) …")
    else:
        _current.say(
            f"Reading {len(docnames)} of {_plural(total, 'page')} (the others are unchanged since the last build) …"
        )


def _writing(app, builder) -> None:
    if _current is not None:
        _current.say("Writing the pages and the search index …")


def _finishing(app, exception) -> None:
    if _current is None or exception is not None:
        return
    _current.pages = len(app.env.all_docs)
    if app.builder.format == "html" and not app.config.welcome_course_preview:
        _current.say("Cutting the theme's style sheets and fonts down to what the pages use …")  # theme/assets.py


def connect(app) -> None:
    app.connect("env-before-read-docs", _reading)
    app.connect("write-started", _writing)
    app.connect("build-finished", _finishing, priority=790)  # just before theme/assets.py's (800)


def folder_problem(folder: Path) -> str | None:
    """Why the build cannot write into `folder`, in words one can act on; None when it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        for candidate in (folder, *folder.parents):
            if candidate.exists() and not candidate.is_dir():
                return f"{candidate} is a file, not a folder: move it away or delete it"
        if isinstance(err, PermissionError):
            return f"you are not allowed to write in {err.filename or folder}"
        return f"{err.strerror or err} ({err.filename or folder})"
    return None


def forget_failed_build(root: Path) -> None:
    """Remove what a later build would reuse, so that it reads every page again."""
    for path in REUSED:
        shutil.rmtree(root / path, ignore_errors=True)
    for path in (root / BUILD).glob(".doctrees-*"):  # the other languages' (i18n/languages.py)
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _colour(enabled: bool):
    """Sphinx's colour codes only when `enabled`; as before afterwards."""
    from sphinx.util import console

    was_on = bool(console.codes)
    if not enabled:
        console.nocolor()
    try:
        yield
    finally:
        if was_on and not console.codes:
            console.coloron()


@contextlib.contextmanager
def _libraries_quiet():
    """No library's INFO messages: a11y_pygments (imported by the theme) calls
    logging.basicConfig(level=INFO), which would show them all. With a handler already in place,
    that call changes nothing; warnings still show."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    if not handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(name)s: %(message)s")
    root.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)


def _terminal(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()


def build(root: Path, jobs: int, verbose: bool = False) -> int:
    """Check, then build the book in `root` into _build/html; the exit status."""
    global _current
    started = time.monotonic()
    print("Checking the content …", flush=True)
    report = course_report(root)  # what `check` runs: the book is never built from content it refuses
    if report.problems:
        print(safe(report.message, lines=True), file=sys.stderr)
        return 1
    print(report.summary())
    if report.warnings:
        print(f"{_plural(len(report.warnings), 'warning')} (the book still builds):")
        print("\n".join(f"  - {w}" for w in report.warnings))
    for folder in (root / HTML, root / DOCTREES):
        problem = folder_problem(folder)
        if problem:
            print(f"Cannot build the book into {root / HTML}: {problem}.", file=sys.stderr)
            return 1
    shutil.rmtree(root / REPORTS, ignore_errors=True)  # an earlier build's: never published
    from jupyter_book.sphinx import build_sphinx

    from ..i18n.languages import configured_languages, doctree_folder, output_folder, sphinx_overrides

    try:
        languages = configured_languages(root)  # _config.yml's languages: English, then the others
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return 1

    progress = Progress(stages=not verbose)
    terminal = sys.stdout  # the lines below are ours: never filtered with Sphinx's messages
    with contextlib.ExitStack() as quiet:
        quiet.enter_context(_colour(color_terminal() and _terminal(sys.stderr)))
        if not verbose:
            quiet.enter_context(_libraries_quiet())
            # build_sphinx gives Sphinx sys.stdout as its status stream: this filter instead
            quiet.enter_context(contextlib.redirect_stdout(SphinxStatus(sys.stdout)))
        _current = progress
        try:
            for language in languages:  # English into _build/html, each other language into a folder of its own
                if len(languages) > 1:
                    print(f"Building the book in {language} …", file=terminal, flush=True)
                forget_loaded_catalogues()  # this language's words for the theme, not the last build's
                result = build_sphinx(
                    root,
                    output_folder(root, language),
                    noconfig=True,
                    path_config=str(root / "_config.yml"),
                    doctreedir=doctree_folder(root, language),
                    confoverrides={**build_overrides(root), **sphinx_overrides(root, language, languages)},
                    warningiserror=True,
                    keep_going=True,
                    jobs=jobs,
                )
                if result != 0:
                    break
        finally:
            _current = None
    for folder in MYST_NB_WORK:  # a translation's build leaves them beside its pages, in the published folder
        shutil.rmtree(root / folder, ignore_errors=True)
    if result != 0:  # an exit status, or the exception that stopped the build (already reported)
        forget_failed_build(root)
        print(
            "The build failed: see the messages above (with the file and line of each problem). "
            "Fix them and build again: the next build reads every page again.",
            file=sys.stderr,
        )
        return result if isinstance(result, int) else 1
    seconds = time.monotonic() - started
    print(
        f"The book is ready: {_plural(progress.pages, 'page')}"
        + (f" in each of {len(languages)} languages ({', '.join(languages)})" if len(languages) > 1 else "")
        + f", built in {seconds:.1f} s.\n"
        f"Open {root / HTML / 'index.html'} in a browser, or run: python -m welcome_course serve\n"
        "(python -m welcome_course preview builds it again at every save of a file)"
    )
    return 0

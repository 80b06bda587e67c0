"""`python -m welcome_course worksheets`: printable worksheets and answer keys, as HTML and PDF.

For each chapter:
- a worksheet for a room without screens: the quiz with boxes to tick, the case scenario as a
  paper activity (numbered sections; at each decision point the group writes its choice and why,
  then looks up what happens and where to go on), and lined space for the reflections;
- a separate answer key for the facilitator: the right answers with every option's feedback, the
  map of the story (where each choice leads) and the shortest path to each ending.
Both are self-contained HTML pages with print styles (A4, nothing cut across pages); Chromium
prints them to PDF. The pages come from templates/export/ (page.html, worksheet.html,
answer-key.html), where Jinja escapes every text from the content files; their style sheet,
templates/export/worksheet.css, is inlined into each page. The worksheets' own words are in
data/interface.yml (the worksheet_… keys).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from functools import partial
from pathlib import Path

from ..activities.static_html import source_notice
from ..content.course import Course
from ..content.interface import ui_text
from ..content.model import Chapter, Node, Question, Scenario
from ..templating import TEMPLATES, Markup, render
from .question_bank import chapter_label

# The heading of each kind of page, in data/interface.yml
KIND_KEYS = {"worksheet": "worksheet_heading", "answer_key": "worksheet_answer_key"}
TEMPLATES_OF = {"worksheet": "export/worksheet.html", "answer_key": "export/answer-key.html"}


def _page(course: Course, chapter: Chapter, kind: str) -> str:
    """The worksheet or the answer key of a chapter (templates/export/), its style sheet inlined."""
    guideline = course.guideline
    scenario = chapter.scenario
    numbers = _numbers(scenario) if scenario else {}
    return render(
        TEMPLATES_OF[kind],
        course=course,
        chapter=chapter,
        kind=kind.replace("_", "-"),
        label=chapter_label(chapter),
        kind_label=ui_text(course, KIND_KEYS[kind]),
        source_notice=source_notice(course, chapter),
        credit=ui_text(
            course,
            "resources_credit",
            guideline=guideline.title,
            project=guideline.project,
            programme=guideline.programme,
        ),
        # the package's own style sheet, no data in it: inlined so that the page stands alone
        style_sheet=Markup((TEMPLATES / "export" / "worksheet.css").read_text(encoding="utf-8").strip()),
        words=partial(ui_text, course),
        order=story_order(scenario) if scenario else [],
        numbers=numbers,
        paths=_paths(scenario, numbers) if scenario else [],
        letter=_letter,
        capital=_capital,
        code=_code,
        option_label=partial(_option_label, course),
        right_answer=partial(_right_answer, course),
    )


def worksheet_html(course: Course, chapter: Chapter) -> str:
    return _page(course, chapter, "worksheet")


def answer_key_html(course: Course, chapter: Chapter) -> str:
    return _page(course, chapter, "answer_key")


def _option_label(course: Course, question: Question, option) -> str:
    return ui_text(course, option.id) if question.kind == "true_false" else option.text


def _letter(question: Question, index: int) -> str:
    """Options are lettered a, b, c … by position (true/false answers are not lettered)."""
    return "" if question.kind == "true_false" else "abcdefghijklmnopqrstuvwxyz"[index]


def _right_answer(course: Course, question: Question) -> str:
    """The right answer as the answer key states it: 'True', or the letters of the right options."""
    return ", ".join(
        (_option_label(course, question, o) if question.kind == "true_false" else _letter(question, i))
        for i, o in enumerate(question.options)
        if o.correct
    )


def story_order(scenario: Scenario) -> list[Node]:
    """The nodes in reading order: breadth first from the start, endings last."""
    seen = [scenario.start]
    queue = deque([scenario.start])
    while queue:
        for choice in scenario.nodes[queue.popleft()].choices:
            if choice.next in scenario.nodes and choice.next not in seen:
                seen.append(choice.next)
                queue.append(choice.next)
    seen += [n for n in scenario.nodes if n not in seen]  # (unreachable nodes are refused when loading)
    nodes = [scenario.nodes[n] for n in seen]
    return [n for n in nodes if not n.is_ending] + [n for n in nodes if n.is_ending]


def _numbers(scenario: Scenario) -> dict[str, int]:
    return {node.id: number for number, node in enumerate(story_order(scenario), start=1)}


def _capital(index: int) -> str:
    """Choices are lettered A, B, C … by position."""
    return chr(ord("A") + index)


def _code(number: int, index: int) -> str:
    """Where to read on after choice `index` of section `number`: '3B'."""
    return f"{number}{_capital(index)}"


def shortest_paths(scenario: Scenario) -> dict[str, list[tuple[str, int]]]:
    """For each ending: the (node id, choice index) steps of a shortest path from the start."""
    paths: dict[str, list[tuple[str, int]]] = {scenario.start: []}
    queue = deque([scenario.start])
    while queue:
        node_id = queue.popleft()
        for index, choice in enumerate(scenario.nodes[node_id].choices):
            if choice.next in scenario.nodes and choice.next not in paths:
                paths[choice.next] = paths[node_id] + [(node_id, index)]
                queue.append(choice.next)
    return {n.id: paths[n.id] for n in scenario.endings if n.id in paths}


def _paths(scenario: Scenario, numbers: dict[str, int]) -> list[tuple[Node, str]]:
    """Each reachable ending with its shortest route written as codes: '1A → 2B'."""
    return [
        (scenario.nodes[ending_id], " → ".join(_code(numbers[node_id], index) for node_id, index in steps))
        for ending_id, steps in shortest_paths(scenario).items()
    ]


# --- PDF, progress and the command ------------------------------------------------------

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMIUM_ENV = "WELCOME_COURSE_CHROMIUM"


class WorksheetError(Exception):
    """The worksheets cannot be made; the message says why and what to do."""


def find_chromium(given: str | None = None) -> str:
    if given:
        if not (Path(given).is_file() or shutil.which(given)):
            raise WorksheetError(f"no browser at {given}")
        return given
    if os.environ.get(CHROMIUM_ENV):
        return os.environ[CHROMIUM_ENV]
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise WorksheetError(
        "making PDFs needs Chromium or Google Chrome, and none was found. Install it (Debian or Ubuntu: "
        "apt-get install chromium), give its path with --chromium, or use --no-pdf and print the HTML "
        "files from your browser"
    )


def print_pdf(chromium: str, page: Path, pdf: Path, timeout: int = 120) -> None:
    """Print a local HTML page to PDF with headless Chromium (no header or footer lines)."""
    with tempfile.TemporaryDirectory(prefix="wc-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to start as root otherwise
        pdf.unlink(missing_ok=True)
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise WorksheetError(f"Chromium took more than {timeout} s to print {page.name}") from None
        except OSError as err:
            raise WorksheetError(f"cannot start {chromium}: {err.strerror or err}") from None
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        detail = (done.stderr or "").strip().splitlines()[-3:]
        raise WorksheetError(f"Chromium did not print {page.name} (exit code {done.returncode}): {' '.join(detail)}")


class Progress:
    """Shows how far a long task has got: a bar on a terminal, one line per step otherwise."""

    def __init__(self, total: int, stream=None, width: int = 24):
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream or sys.stdout
        self.width = width
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if self.tty:
            filled = round(self.width * self.done / self.total)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label}"[:100].ljust(100))
            if self.done >= self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {label}\n")
        self.stream.flush()


def make_worksheets(
    course: Course, chapters: list[Chapter], folder: Path, chromium: str | None, progress: Progress | None = None
) -> list[Path]:
    """Write each chapter's worksheet and answer key (HTML, and PDF when `chromium` is given)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in chapters:
        for kind, make_page in (("worksheet", worksheet_html), ("answer-key", answer_key_html)):
            page = folder / f"{chapter.id}-{kind}.html"
            page.write_text(make_page(course, chapter), encoding="utf-8")
            written.append(page)
            if progress:
                progress.step(f"{chapter.id}: {page.name}")
            if chromium:
                pdf = page.with_suffix(".pdf")
                print_pdf(chromium, page, pdf)
                written.append(pdf)
                if progress:
                    progress.step(f"{chapter.id}: {pdf.name}")
    return written

"""`python -m welcome_course worksheets`: printable worksheets and answer keys, as HTML and PDF.

For each chapter:
- a worksheet for a room without screens: the quiz with boxes to tick, the case scenario as a
  paper activity (numbered sections; at each decision point the group writes its choice and why,
  then looks up what happens and where to go on), and lined space for the reflections;
- a separate answer key for the facilitator: the right answers with every option's feedback, the
  map of the story (where each choice leads) and the shortest path to each ending.
Both are self-contained HTML pages with print styles (A4, nothing cut across pages); Chromium
prints them to PDF. Every text from the content files goes through activities/static_html.esc; the
worksheets' own words are in data/interface.yml (the worksheet_… keys).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path

from ..content.course import Course, find_root, load_course
from ..content.model import Chapter, Node, Question, Scenario
from ..content.problems import ContentError
from .question_bank import ExportError, chapter_label, selected_chapters
from ..activities.static_html import esc, source_notice
from ..content.interface import ui_text

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.4; color: #000; background: #fff; max-width: 46em; margin: 0 auto; padding: 1.5em; }
h1 { font-size: 19pt; margin: 0.1em 0 0.2em; }
h2 { font-size: 14pt; border-bottom: 1.5pt solid #000; margin: 1.4em 0 0.6em; padding-bottom: 0.15em; }
h3 { font-size: 11.5pt; margin: 0.9em 0 0.3em; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: 0.3em 0; }
.ws-course, .ws-kind { margin: 0; font-size: 10pt; text-transform: uppercase; letter-spacing: 0.06em; }
.ws-kind { font-weight: bold; }
.ws-namebox { display: flex; gap: 1em; align-items: flex-end; margin: 0.8em 0; }
.ws-namebox .ws-fill { flex: 1; border-bottom: 1pt solid #000; height: 1.4em; }
.ws-question, .ws-node, .ws-reflection, .ws-outcome, .ws-key-question, .ws-path { break-inside: avoid; page-break-inside: avoid; }
.ws-questions { padding-left: 1.6em; }
.ws-question { margin-bottom: 0.9em; }
.ws-prompt { font-weight: bold; }
.ws-hint, .ws-note, .ws-credit, .ws-instructions { font-style: italic; }
.ws-options { list-style: none; padding-left: 0.2em; margin: 0.3em 0; }
.ws-options li { margin: 0.25em 0; display: flex; gap: 0.4em; align-items: baseline; }
.ws-box { display: inline-block; flex: none; width: 0.85em; height: 0.85em; border: 1pt solid #000; position: relative; top: 0.1em; }
.ws-round { border-radius: 50%; }
.ws-letter { font-weight: bold; min-width: 1.2em; }
.ws-howto { border: 1pt solid #000; padding: 0.5em 0.7em; margin: 0.6em 0; }
.ws-node { border-left: 3pt solid #000; padding: 0.1em 0 0.2em 0.8em; margin: 0.8em 0; }
.ws-ending { border-left-style: double; border-left-width: 5pt; }
.ws-choices { list-style: none; padding-left: 0; }
.ws-choices li { margin: 0.25em 0; display: flex; gap: 0.4em; align-items: baseline; }
.ws-goto { white-space: nowrap; font-weight: bold; }
.ws-decision { margin-top: 0.4em; }
.ws-line { border-bottom: 0.75pt solid #666; height: 1.9em; }
.ws-outcomes dt { font-weight: bold; float: left; width: 2.6em; }
.ws-outcomes dd { margin: 0 0 0.45em 2.8em; }
.ws-key-options { list-style: none; padding-left: 0.2em; }
.ws-key-options li { margin: 0.3em 0; }
.ws-mark { font-weight: bold; }
.ws-right .ws-mark::before { content: "\\2713  "; }
.ws-wrong .ws-mark::before { content: "\\2717  "; }
.ws-feedback { margin-left: 1.6em; }
table.ws-map { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
.ws-map tr { break-inside: avoid; page-break-inside: avoid; }
.ws-map th, .ws-map td { border: 0.75pt solid #000; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
.ws-resources li { margin: 0.3em 0; }
.ws-url { word-break: break-all; }
footer { margin-top: 2em; border-top: 0.75pt solid #000; padding-top: 0.4em; font-size: 8.5pt; }
@media print {
  body { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def _lines(count: int) -> str:
    return '<div class="ws-lines">' + '<div class="ws-line"></div>' * count + "</div>"


# The heading of each kind of page, in data/interface.yml
KIND_KEYS = {"worksheet": "worksheet_heading", "answer_key": "worksheet_answer_key"}


def _page(course: Course, chapter: Chapter, kind: str, body: str) -> str:
    kind_label = ui_text(course, KIND_KEYS[kind])
    title = f"{chapter_label(chapter)}: {kind_label}"
    guideline = course.guideline
    credit = ui_text(course, "resources_credit", guideline=guideline.title, project=guideline.project,
                 programme=guideline.programme)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{CSS}</style></head>\n"
        f'<body class="ws-{kind.replace("_", "-")}">\n'
        f'<header><p class="ws-course">{esc(course.title)}</p>'
        f"<h1>{esc(chapter_label(chapter))}</h1>"
        f'<p class="ws-kind">{esc(kind_label)}</p>{body}\n'
        f"<footer><p>{esc(source_notice(course, chapter))}</p><p>{esc(credit)}</p></footer>\n"
        "</body></html>\n"
    )


# --- the worksheet -----------------------------------------------------------------

def worksheet_html(course: Course, chapter: Chapter) -> str:
    goals = "".join(f"<li>{esc(goal)}</li>" for goal in chapter.goals)
    parts = [
        f'<div class="ws-namebox"><span>{esc(ui_text(course, "worksheet_name"))}</span><span class="ws-fill"></span>'
        f'<span>{esc(ui_text(course, "worksheet_date"))}</span><span class="ws-fill"></span></div>'
        f'<p>{esc(ui_text(course, "minutes", minutes=chapter.minutes))}. {esc(ui_text(course, "goals_heading"))}:</p>'
        f"<ul>{goals}</ul></header>",
        _quiz_section(course, chapter, 1),
    ]
    number = 2
    if chapter.scenario is not None:
        parts.append(_scenario_section(course, chapter.scenario, number))
        number += 1
    parts.append(_reflections_section(course, chapter, number))
    parts.append(_resources_section(course, chapter))
    return _page(course, chapter, "worksheet", "".join(parts))


def _option_label(course: Course, question: Question, option) -> str:
    return ui_text(course, option.id) if question.kind == "true_false" else option.text


def _letter(question: Question, index: int) -> str:
    """Options are lettered a, b, c … by position (true/false answers are not lettered)."""
    return "" if question.kind == "true_false" else "abcdefghijklmnopqrstuvwxyz"[index]


def _quiz_section(course: Course, chapter: Chapter, number: int) -> str:
    items = []
    for question in chapter.questions:
        multiple = question.kind == "multiple_choice"
        hint = ui_text(course, "choose_all" if multiple else "choose_one")
        box = "ws-box" if multiple else "ws-box ws-round"
        options = "".join(
            f'<li><span class="{box}"></span><span class="ws-letter">{_letter(question, i)}</span>'
            f"<span>{esc(_option_label(course, question, option))}</span></li>"
            for i, option in enumerate(question.options)
        )
        items.append(
            f'<li class="ws-question"><p class="ws-prompt">{esc(question.prompt)}</p>'
            f'<p class="ws-hint">{esc(hint)}</p><ul class="ws-options">{options}</ul></li>'
        )
    return (
        f'<section class="ws-quiz"><h2>{number}. {esc(ui_text(course, "quiz_label"))}</h2>'
        f'<p class="ws-instructions">{esc(ui_text(course, "worksheet_tick"))}</p>'
        f'<ol class="ws-questions">{"".join(items)}</ol></section>'
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


def _code(number: int, index: int) -> str:
    return f"{number}{chr(ord('A') + index)}"


def _scenario_section(course: Course, scenario: Scenario, number: int) -> str:
    numbers = _numbers(scenario)
    credit = f'<p class="ws-credit">{esc(scenario.credit)}</p>' if scenario.credit else ""
    nodes, outcomes = [], []
    for node in story_order(scenario):
        n = numbers[node.id]
        if node.is_ending:
            nodes.append(
                f'<article class="ws-node ws-ending" id="section-{n}"><h3>{esc(ui_text(course, "worksheet_section", number=n))}: '
                f'{esc(ui_text(course, "outcome_" + node.outcome))}</h3>'
                f"<h4>{esc(node.title)}</h4><p>{esc(node.text)}</p>"
                f'<p><strong>{esc(ui_text(course, "debrief"))}:</strong> {esc(node.debrief)}</p>'
                f'<p class="ws-note">{esc(ui_text(course, "worksheet_ending_talk"))}</p>{_lines(3)}</article>'
            )
            continue
        decision = len(node.choices) >= 2
        box = '<span class="ws-box"></span>' if decision else ""
        choices = "".join(
            f'<li>{box}<span class="ws-letter">{chr(ord("A") + i)}</span>'
            f'<span>{esc(choice.label)} <span class="ws-goto">→ {esc(ui_text(course, "worksheet_read", code=_code(n, i)))}</span></span></li>'
            for i, choice in enumerate(node.choices)
        )
        heading = esc(ui_text(course, "worksheet_section", number=n)) + (
            f' · {esc(ui_text(course, "worksheet_decision"))}' if decision else "")
        why = (f'<div class="ws-decision"><p>{esc(ui_text(course, "worksheet_why"))}:</p>{_lines(2)}</div>' if decision else "")
        nodes.append(
            f'<article class="ws-node" id="section-{n}"><h3>{heading}</h3><p>{esc(node.text)}</p>'
            f'<ul class="ws-choices">{choices}</ul>{why}</article>'
        )
        for i, choice in enumerate(node.choices):
            target = numbers.get(choice.next)
            outcomes.append(
                f'<div class="ws-outcome"><dt>{_code(n, i)}</dt><dd>{esc(choice.consequence)} '
                f'<strong>{esc(ui_text(course, "worksheet_go_to", number=target))}</strong></dd></div>'
            )
    return (
        f'<section class="ws-scenario"><h2>{number}. {esc(ui_text(course, "scenario_label"))}: {esc(scenario.title)}</h2>'
        f"<p>{esc(scenario.setting)}</p>{credit}"
        f'<p class="ws-howto">{esc(ui_text(course, "worksheet_how_to_play"))}</p>'
        f'{"".join(nodes)}'
        f'<section class="ws-outcomes"><h3>{esc(ui_text(course, "worksheet_what_happens"))}</h3><dl>{"".join(outcomes)}</dl></section>'
        "</section>"
    )


def _reflections_section(course: Course, chapter: Chapter, number: int) -> str:
    items = "".join(
        f'<div class="ws-reflection"><p class="ws-prompt">{esc(r.prompt)}</p>{_lines(6)}</div>'
        for r in chapter.reflections
    )
    return f'<section class="ws-reflections"><h2>{number}. {esc(ui_text(course, "reflections_label"))}</h2>{items}</section>'


def _resources_section(course: Course, chapter: Chapter) -> str:
    if not chapter.resources:
        return ""
    items = []
    for r in chapter.resources:
        details = " ".join(esc(part) for part in (r.kind, r.note) if part)
        url = f' <span class="ws-url">{esc(r.url)}</span>' if r.url else ""
        items.append(f"<li><strong>{esc(r.title)}</strong>{url}{'<br>' + details if details else ''}</li>")
    return f'<section class="ws-resources"><h2>{esc(ui_text(course, "worksheet_further_reading"))}</h2><ul>{"".join(items)}</ul></section>'


# --- the answer key ---------------------------------------------------------------------

def answer_key_html(course: Course, chapter: Chapter) -> str:
    parts = [f'<p class="ws-note">{esc(ui_text(course, "worksheet_answer_key_note"))}</p></header>', _key_quiz(course, chapter)]
    number = 2
    if chapter.scenario is not None:
        parts.append(_key_scenario(course, chapter.scenario, number))
        number += 1
    prompts = "".join(f"<li>{esc(r.prompt)}</li>" for r in chapter.reflections)
    parts.append(
        f'<section class="ws-reflections"><h2>{number}. {esc(ui_text(course, "reflections_label"))}</h2>'
        f'<p class="ws-note">{esc(ui_text(course, "worksheet_no_single_answer"))}</p><ul>{prompts}</ul></section>'
    )
    return _page(course, chapter, "answer_key", "".join(parts))


def _key_quiz(course: Course, chapter: Chapter) -> str:
    items = []
    for question in chapter.questions:
        options = []
        for index, option in enumerate(question.options):
            right = option.correct
            label = _option_label(course, question, option)
            letter = f"{_letter(question, index)}) " if question.kind != "true_false" else ""
            options.append(
                f'<li class="{"ws-right" if right else "ws-wrong"}"><span class="ws-mark">'
                f'{esc(ui_text(course, "worksheet_right" if right else "worksheet_not_right"))}:</span> {esc(letter)}{esc(label)}'
                f'<p class="ws-feedback">{esc(option.feedback)}</p></li>'
            )
        right_labels = ", ".join(
            (_option_label(course, question, o) if question.kind == "true_false" else _letter(question, i))
            for i, o in enumerate(question.options) if o.correct
        )
        items.append(
            f'<li class="ws-key-question"><p class="ws-prompt">{esc(question.prompt)}</p>'
            f'<p><strong>{esc(ui_text(course, "worksheet_answer"))}: {esc(right_labels)}</strong></p>'
            f'<ul class="ws-key-options">{"".join(options)}</ul></li>'
        )
    return (f'<section class="ws-quiz"><h2>1. {esc(ui_text(course, "quiz_label"))}</h2>'
            f'<ol class="ws-questions">{"".join(items)}</ol></section>')


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


def _key_scenario(course: Course, scenario: Scenario, number: int) -> str:
    numbers = _numbers(scenario)
    rows = []
    for node in story_order(scenario):
        n = numbers[node.id]
        if node.is_ending:
            rows.append(
                f'<tr><th scope="row">{n}</th><td>{esc(ui_text(course, "outcome_" + node.outcome))}: '
                f"<strong>{esc(node.title)}</strong><br>{esc(node.debrief)}</td></tr>"
            )
            continue
        choices = "".join(
            f"<li>{_code(n, i)}: {esc(choice.label)} → {esc(ui_text(course, 'worksheet_leads_to', number=numbers.get(choice.next)))}</li>"
            for i, choice in enumerate(node.choices)
        )
        rows.append(f'<tr><th scope="row">{n}</th><td>{esc(node.text)}<ul>{choices}</ul></td></tr>')
    paths = []
    for ending_id, steps in shortest_paths(scenario).items():
        ending = scenario.nodes[ending_id]
        route = " → ".join(_code(numbers[node_id], index) for node_id, index in steps)
        paths.append(
            f'<li class="ws-path">{esc(ui_text(course, "outcome_" + ending.outcome))}: <strong>{esc(ending.title)}</strong> '
            f"({esc(ui_text(course, 'worksheet_section', number=numbers[ending_id]))}): {esc(route)}</li>"
        )
    return (
        f'<section class="ws-scenario"><h2>{number}. {esc(ui_text(course, "scenario_label"))}: {esc(scenario.title)}</h2>'
        f'<h3>{esc(ui_text(course, "worksheet_story_map"))}</h3><table class="ws-map"><tbody>{"".join(rows)}</tbody></table>'
        f'<h3>{esc(ui_text(course, "worksheet_paths"))}</h3><ul>{"".join(paths)}</ul></section>'
    )


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
            chromium, "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.resolve().as_uri(),
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


def make_worksheets(course: Course, chapters: list[Chapter], folder: Path, chromium: str | None,
                    progress: Progress | None = None) -> list[Path]:
    """Write each chapter's worksheet and answer key (HTML, and PDF when `chromium` is given)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in chapters:
        for kind, render in (("worksheet", worksheet_html), ("answer-key", answer_key_html)):
            page = folder / f"{chapter.id}-{kind}.html"
            page.write_text(render(course, chapter), encoding="utf-8")
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

"""The "My progress" page: one HTML rendering used twice.

- In the hosted book it is rendered from an empty record (all zeros) and the
  page script (static/welcome-course-progress.js) fills in the numbers from
  the browser's storage: it only sets numbers, shows hidden elements and
  copies the learner's own text with textContent.
- In Jupyter it is rendered from the learner's progress file, with buttons to
  save the portfolio and the data file and to load a file from elsewhere.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..content.course import Course
from ..activities.static_html import attrs, esc
from ..content.interface import ui_text
from .portfolio import portfolio_html
from .record import RecordError, checked, new_record
from .store import ProgressStore
from .summary import ChapterSummary, overall_percent, summarise

BAR_WIDTH = 260  # pixels for 100 %
LABEL_WIDTH = 230  # pixels for the chapter names left of the bars



def chapter_label(summary: ChapterSummary, limit: int = 30) -> str:
    """'1. Get information on the problem', shortened to fit beside a bar."""
    ch = summary.chapter
    text = f"{ch.guideline_step}. {ch.title}" if ch.guideline_step else ch.title
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chart_svg(course: Course, summaries: list[ChapterSummary]) -> str:
    """A horizontal bar per chapter, with its percentage; readable without colour."""
    row = 26
    height = row * len(summaries) + 10
    bars = []
    for i, s in enumerate(summaries):
        y = 5 + i * row
        x = LABEL_WIDTH + 8
        bars.append(
            f'<text x="{LABEL_WIDTH}" y="{y + 17}" text-anchor="end" class="wc-chart-label">{esc(chapter_label(s))}</text>'
            f'<rect x="{x}" y="{y + 3}" width="{BAR_WIDTH}" height="18" class="wc-chart-track"/>'
            f'<rect x="{x}" y="{y + 3}" width="{math.floor(BAR_WIDTH * s.percent / 100 + 0.5)}" height="18"'
            f' class="wc-chart-bar" data-chapter="{esc(s.chapter.id)}"/>'
            f'<text x="{x + BAR_WIDTH + 8}" y="{y + 17}" class="wc-chart-value" data-chapter="{esc(s.chapter.id)}">'
            f"{s.percent} %</text>"
        )
    title = ui_text(course, "progress_chart_title")
    return (
        f'<figure class="wc-progress-chart"><svg viewBox="0 0 {LABEL_WIDTH + BAR_WIDTH + 70} {height}" role="img"'
        f' aria-label="{esc(title)}" data-bar-width="{BAR_WIDTH}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
        f"<figcaption>{esc(title)}</figcaption></figure>"
    )


def progress_html(course: Course, record: dict | None = None) -> str:
    summaries = summarise(course, record or new_record())
    rows, journal = [], []
    for s in summaries:
        ch = s.chapter
        endings = "".join(
            f'<span class="wc-ending-name"{attrs(data_ending=node.id)}{"" if node.id in s.endings else " hidden"}>'
            f"{esc(node.title)}</span>"
            for node in (ch.scenario.endings if ch.scenario else [])
        )
        rows.append(
            f'<tr{attrs(data_chapter=ch.id, data_questions=" ".join(q.id for q in ch.questions), data_reflections=" ".join(r.id for r in ch.reflections))}>'
            f'<th scope="row"><a href="{esc(_page_of(ch.id))}">{esc(chapter_label(s, limit=200))}</a></th>'
            f'<td><progress max="100" value="{s.percent}" aria-label="{esc(ch.title)}">{s.percent} %</progress>'
            f' <span class="wc-percent">{s.percent} %</span></td>'
            f'<td class="wc-quiz-cell">{esc(ui_text(course, "progress_quiz_value", right=s.right, total=s.questions))}</td>'
            f'<td class="wc-ending-cell"><span class="wc-no-ending"{" hidden" if s.endings else ""}>{esc(ui_text(course, "progress_none"))}</span>{endings}</td>'
            f'<td class="wc-reflection-cell">{esc(ui_text(course, "progress_reflections_value", written=s.written, total=s.reflections))}</td>'
            "</tr>"
        )
        items = []
        for r in ch.reflections:
            text = (record or new_record())["reflections"].get(f"{ch.id}/{r.id}", {}).get("text", "")
            items.append(
                f'<div class="wc-journal-entry"><p class="wc-journal-prompt">{esc(r.prompt)}</p>'
                f'<p class="wc-journal-text"{attrs(data_key=f"{ch.id}/{r.id}")}>{esc(text)}</p></div>'
            )
        journal.append(f'<section class="wc-journal-chapter"><h3>{esc(chapter_label(s, limit=200))}</h3>{"".join(items)}</section>')
    strings = attrs(
        data_quiz_text=ui_text(course, "progress_quiz_value"),
        data_reflections_text=ui_text(course, "progress_reflections_value"),
        data_overall_text=ui_text(course, "progress_overall"),
        data_import_done_text=ui_text(course, "import_done"),
        data_import_failed_text=ui_text(course, "import_failed"),
        data_portfolio_title=ui_text(course, "portfolio_title", course=course.title),
    )
    head = "".join(f'<th scope="col">{esc(ui_text(course, key))}</th>' for key in
                   ("progress_chapter", "progress_done", "progress_quiz", "progress_scenario", "progress_reflections"))
    return (
        f'<section class="wc-progress"{strings}>'
        f'<p class="wc-storage-notice" role="alert" hidden>{esc(ui_text(course, "storage_unavailable"))}</p>'
        f'<p class="wc-overall">{esc(ui_text(course, "progress_overall", percent=overall_percent(summaries)))}</p>'
        f"{chart_svg(course, summaries)}"
        f'<table class="wc-progress-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<h2 class="wc-journal-heading">{esc(ui_text(course, "journal_heading"))}</h2>'
        f'<div class="wc-journal">{"".join(journal)}</div>'
        "</section>"
    )


def transfer_html(course: Course) -> str:
    """Export and import controls of the static page."""
    return (
        f'<div class="wc-transfer">'
        f'<button type="button" class="wc-export-portfolio">{esc(ui_text(course, "export_portfolio"))}</button> '
        f'<button type="button" class="wc-export-data">{esc(ui_text(course, "export_data"))}</button> '
        f'<label class="wc-import">{esc(ui_text(course, "import_data"))} '
        f'<input type="file" class="wc-import-file" accept=".json,application/json"></label>'
        f'<p class="wc-import-status" role="status" aria-live="polite"></p>'
        "</div>"
    )


def notices_html(course: Course, store: ProgressStore) -> str:
    """Tell the learner, once, about progress files that had to be set aside."""
    text = "".join(f"<p><b>{esc(ui_text(course, 'file_set_aside', **notice))}</b></p>" for notice in store.notices)
    store.notices.clear()
    return text


def _page_of(chapter_id: str) -> str:
    return f"{chapter_id}.html"


class ProgressPageWidget:
    """The live page: the same HTML from the learner's file, plus save and load buttons."""

    def __init__(self, course: Course, store: ProgressStore | None = None, folder: Path | None = None):
        import ipywidgets as w

        self.course = course
        self.store = store or ProgressStore()
        self.folder = Path(folder) if folder else Path.cwd()
        self.view = w.HTML()
        self.status = w.HTML()
        save_portfolio = w.Button(description=ui_text(course, "export_portfolio"), layout=w.Layout(width="auto"))
        save_data = w.Button(description=ui_text(course, "export_data"), layout=w.Layout(width="auto"))
        self.upload = w.FileUpload(accept=".json", multiple=False, description=ui_text(course, "import_data"),
                                   layout=w.Layout(width="auto"))
        save_portfolio.on_click(lambda _: self.save_portfolio())
        save_data.on_click(lambda _: self.save_data())
        self.upload.observe(lambda change: self.load_upload(), names="value")
        self.box = w.VBox([self.view, w.HBox([save_portfolio, save_data, self.upload]), self.status])
        self.refresh()

    def refresh(self) -> None:
        record = self.store.load()
        notices = notices_html(self.course, self.store)
        self.view.value = notices + progress_html(self.course, record)

    def _saved(self, path: Path) -> Path:
        self.status.value = f"<p>{esc(ui_text(self.course, 'saved_to', path=str(path)))}</p>"
        return path

    def save_portfolio(self) -> Path:
        path = self.folder / "my-portfolio.html"
        path.write_text(portfolio_html(self.course, self.store.load()), encoding="utf-8")
        return self._saved(path)

    def save_data(self) -> Path:
        path = self.folder / "my-progress.json"
        path.write_text(json.dumps(self.store.load(), ensure_ascii=False, indent=1), encoding="utf-8")
        return self._saved(path)

    def load_upload(self) -> None:
        for item in self.upload.value:
            self.load_bytes(bytes(item["content"]))

    def load_bytes(self, content: bytes) -> bool:
        try:
            other = checked(json.loads(content.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            reason = "it is not a JSON file"
        except RecordError as err:
            reason = f"the file {err}"
        else:
            self.store.import_record(other)
            self.refresh()
            self.status.value = f"<p>{esc(ui_text(self.course, 'import_done'))}</p>"
            return True
        self.status.value = f"<p><b>{esc(ui_text(self.course, 'import_failed', reason=reason))}</b></p>"
        return False

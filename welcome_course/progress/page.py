"""The "My progress" page: one HTML rendering used twice.

- In the hosted book it is rendered from an empty record (all zeros) and the
  page script (static/welcome-course-progress.js) fills in the numbers from
  the browser's storage: it only sets numbers, shows hidden elements and
  copies the learner's own text with textContent.
- In Jupyter it is rendered from the learner's progress file, with buttons to
  save the portfolio and the data file and to load a file from elsewhere.

The HTML comes from templates/progress/ (progress.html, chart.html, transfer.html,
notices.html, message.html); Jinja escapes every text there.
"""

from __future__ import annotations

import json
import math
from functools import partial
from pathlib import Path

from ..content.course import Course
from ..content.interface import ui_text
from ..templating import Markup, render
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
    bars = [
        {
            "label": chapter_label(s),
            "chapter": s.chapter.id,
            "percent": s.percent,
            "width": math.floor(BAR_WIDTH * s.percent / 100 + 0.5),
        }
        for s in summaries
    ]
    return render(
        "progress/chart.html",
        bars=bars,
        title=ui_text(course, "progress_chart_title"),
        row=26,
        bar_width=BAR_WIDTH,
        label_width=LABEL_WIDTH,
    )


def progress_html(course: Course, record: dict | None = None) -> str:
    record = record or new_record()
    summaries = summarise(course, record)
    return render(
        "progress/progress.html",
        course=course,
        summaries=summaries,
        texts=record["reflections"],
        overall=overall_percent(summaries),
        chart=Markup(chart_svg(course, summaries)),  # made by our own template, every text escaped there
        label=chapter_label,
        words=partial(ui_text, course),
    )


def transfer_html(course: Course) -> str:
    """Export and import controls of the static page."""
    return render("progress/transfer.html", words=partial(ui_text, course))


def notices_html(course: Course, store: ProgressStore) -> str:
    """Tell the learner, once, about progress files that had to be set aside."""
    text = render("progress/notices.html", notices=store.notices, words=partial(ui_text, course))
    store.notices.clear()
    return text


def message_html(text: str, bold: bool = False) -> str:
    """A message under the live page (in bold when something went wrong)."""
    return render("progress/message.html", text=text, bold=bold)


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
        self.upload = w.FileUpload(
            accept=".json", multiple=False, description=ui_text(course, "import_data"), layout=w.Layout(width="auto")
        )
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
        self.status.value = message_html(ui_text(self.course, "saved_to", path=str(path)))
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
            self.status.value = message_html(ui_text(self.course, "import_done"))
            return True
        self.status.value = message_html(ui_text(self.course, "import_failed", reason=reason), bold=True)
        return False

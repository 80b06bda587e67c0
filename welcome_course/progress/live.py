"""Recording progress from the live widgets without ever breaking an activity."""

from __future__ import annotations

from collections.abc import Callable

from ..activities.static_html import render_activity
from ..content.course import Course
from ..content.model import Chapter
from .page import notices_html
from .record import new_record
from .restore import restored
from .store import ProgressStore


class LiveProgress:
    """The learner's store as the widgets use it: failures become a message, not an exception."""

    def __init__(self, course: Course, store: ProgressStore | None = None):
        self.course = course
        self.store = store or ProgressStore()
        self._on_clear: dict[str, list[Callable[[], None]]] = {}

    def _load(self) -> dict:
        try:
            return self.store.load()
        except OSError:  # unreadable folder: the activities still work, from nothing
            return new_record()

    def saved_reflections(self, chapter_id: str) -> dict[str, str]:
        record = self._load()
        prefix = f"{chapter_id}/"
        return {
            key[len(prefix) :]: entry["text"] for key, entry in record["reflections"].items() if key.startswith(prefix)
        }

    def restored(self, chapter: Chapter) -> dict:
        """What the chapter's quiz and scenario show again from the progress file (progress/restore.py)."""
        return restored(self._load(), chapter)

    def notices(self) -> str:
        """HTML telling the learner about a progress file that had to be set aside (empty if none)."""
        return notices_html(self.course, self.store)

    def on_clear(self, chapter_id: str, reset: Callable[[], None]) -> None:
        """Call `reset` when the learner clears the chapter's answers (a quiz, a scenario of the chapter)."""
        self._on_clear.setdefault(chapter_id, []).append(reset)

    def clear(self, chapter_id: str) -> str:
        """Remove the chapter's answers and endings from the file (not its reflections) and reset the
        chapter's activities shown; returns HTML to show the learner (empty when all went well)."""
        message = self.record({"type": "clear", "chapter": chapter_id})
        for reset in self._on_clear.get(chapter_id, []):
            reset()
        return message

    def record(self, event: dict) -> str:
        """Save one event; returns HTML to show the learner (empty when all went well)."""
        try:
            self.store.record(event)
        except OSError as err:
            message = self.course.interface["save_failed"].format(path=self.store.path, reason=err.strerror or err)
            return render_activity("live/notice", self.course, text=message)
        return notices_html(self.course, self.store)

"""Recording progress from the live widgets without ever breaking an activity."""

from __future__ import annotations

from ..content.course import Course
from ..activities.static_html import render_activity
from .page import notices_html
from .store import ProgressStore


class LiveProgress:
    """The learner's store as the widgets use it: failures become a message, not an exception."""

    def __init__(self, course: Course, store: ProgressStore | None = None):
        self.course = course
        self.store = store or ProgressStore()

    def saved_reflections(self, chapter_id: str) -> dict[str, str]:
        try:
            record = self.store.load()
        except OSError:
            return {}
        prefix = f"{chapter_id}/"
        return {key[len(prefix):]: entry["text"] for key, entry in record["reflections"].items() if key.startswith(prefix)}

    def record(self, event: dict) -> str:
        """Save one event; returns HTML to show the learner (empty when all went well)."""
        try:
            self.store.record(event)
        except OSError as err:
            message = self.course.interface["save_failed"].format(path=self.store.path, reason=err.strerror or err)
            return render_activity("live/notice", self.course, text=message)
        return notices_html(self.course, self.store)

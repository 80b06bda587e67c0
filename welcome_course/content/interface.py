"""The words of the course's interface (buttons, notices, headings), from data/interface.yml.

They are read and checked with the rest of the course (course.read_interface); every
rendering takes its words from here, so that translating data/interface.yml translates them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..figures.data import Figures
    from .course import Course


def ui_text(course: Course | Figures, key: str, /, **fill) -> str:
    """An interface string from data/interface.yml, with its {placeholders} filled in.

    `course` is the Course, or the data chapter's Figures: both carry the checked strings
    as `interface`."""
    return course.interface[key].format(**fill) if fill else course.interface[key]

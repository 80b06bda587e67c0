"""The machinery of the course "Welcoming immigrant students".

Chapters call into this package with one line per activity:

    from welcome_course import load_chapter
    chapter = load_chapter("step-01")
    chapter.quiz()
"""

from .content.course import load_course
from .content.problems import ContentError

__all__ = ["ContentError", "load_chapter", "load_course"]


def load_chapter(chapter_id: str):
    """The chapter's activities, ready to display in a notebook."""
    from .display import ChapterActivities

    course = load_course()
    return ChapterActivities(course, course.chapter(chapter_id))

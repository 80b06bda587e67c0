"""The machinery of the course "Welcoming immigrant students".

Chapters call into this package with one line per activity:

    from welcome_course import load_chapter
    chapter = load_chapter("step-01")
    chapter.quiz()
"""

from .content.course import load_course
from .content.problems import ContentError

__all__ = ["ContentError", "load_chapter", "load_course", "progress_page"]


def load_chapter(chapter_id: str):
    """The chapter's activities, ready to display in a notebook; answers, endings and
    reflections are recorded in the learner's progress file (see progress/store.py)."""
    from .activities.display import ChapterActivities, static_only
    from .progress.live import LiveProgress

    course = load_course()
    progress = None if static_only() else LiveProgress(course)
    return ChapterActivities(course, course.chapter(chapter_id), progress)


def progress_page():
    """The "My progress" page: static in the book, live (with save and load buttons) in Jupyter."""
    from .activities.display import Activity
    from .progress.page import ProgressPageWidget, progress_html, transfer_html

    course = load_course()
    return Activity(progress_html(course) + transfer_html(course), "My progress",
                    lambda: ProgressPageWidget(course))

"""The machinery of the course "Welcoming immigrant students".

Chapters call into this package with one line per activity:

    from welcome_course import load_chapter
    chapter = load_chapter("step-01")
    chapter.quiz()
"""

from .content.course import load_course
from .content.problems import ContentError

__all__ = [
    "ContentError",
    "action_plan",
    "completion_page",
    "load_chapter",
    "load_course",
    "progress_page",
    "self_assessment",
    "use_language",
]


def use_language(code: str) -> None:
    """Show the course in the language `code` (e.g. "fr", "es") from now on: every activity of this
    notebook, its messages and the files it writes. The translated notebooks (book/fr/, book/es/)
    call it in their first code cell; in any other notebook, call it before the first activity.
    Setting the environment variable WELCOME_COURSE_LANGUAGE before Jupyter starts does the same
    for every notebook. A text without a translation shows in English."""
    import os

    from .content.translation import LANGUAGE_ENV, resolve_language

    os.environ[LANGUAGE_ENV] = resolve_language(code)


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
    return Activity(progress_html(course) + transfer_html(course), "My progress", lambda: ProgressPageWidget(course))


def self_assessment(moment: str = "before"):
    """The self-assessment's statements to rate from 1 to 5, "before" or "after" the course
    (data/self-assessment.yml); the ratings are kept in the learner's progress."""
    from .progress.completion import self_assessment_activity

    return self_assessment_activity(load_course(), moment)


def action_plan():
    """My school's action plan, the course's capstone (data/action-plan.yml); what the learner
    writes is kept in their progress, like a reflection."""
    from .progress.completion import action_plan_activity

    return action_plan_activity(load_course())


def completion_page():
    """My progress's end of the course: the self-assessment before and after, the action plan as
    written, and the certificate of completion, or what is still missing for it."""
    from .progress.completion import completion_activity

    return completion_activity(load_course())

"""What "valid" means for the course: one function, called by `check`, by `build` and by the
Sphinx extension, so that the book is never built from content that `check` refuses.

course_report(root) gathers every problem, in this order:

1. the content files (data/course.yml, data/interface.yml, data/chapters/*.yml), read and
   checked by content.course.load_course;
2. _toc.yml and the course's standards for each page it lists (checks/standards.py: an entry
   without its file, a chapter notebook that does not show its activities, a chapter below the
   minimums, and the rules added there later); only _toc.yml's own entries when the content
   could not be loaded; and every link of _toc.yml (`- url: …`) to a web address;
3. chapter files that no notebook loads (checks/pages.py); the self-assessment's statements and
   the action plan (data/self-assessment.yml, data/action-plan.yml: progress/self_assessment.py and
   action_plan.py check them);
4. the published figures against their schema (figures/data.py);
5. the shares quoted in the text against the figures (checks/quotes.py), once the content and
   the figures can be read;
6. where the course is published (_config.yml's repository.url, its branch and the JupyterHub's
   address: site/publishing.py): an address the book cannot use;
7. the translation catalogues (data/locales/: i18n/report.py): a placeholder lost, markup added or an
   unknown language code is a problem; each language's coverage and stale entries are reported.

Warnings (a page left out of _toc.yml, placeholder text still to write, the placeholder address of
the repository, a notebook whose install line names another address) never stop the book.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..authoring.standalone import install_cell_warnings
from ..content.course import Course, load_course
from ..content.problems import ContentError, Problem
from ..content.translation import LANGUAGE_ENV, resolve_language
from ..figures.data import FIGURES_FILE, figure_problems
from ..i18n.report import catalogue_report
from ..progress import action_plan, self_assessment
from ..site.publishing import address_problems, publication, publishing_warnings
from .cue_rules import cue_problems
from .pages import course_warnings, toc_link_problems, toc_problems, unloaded_chapter_problems
from .quotes import quote_problems
from .standards import course_problems


@dataclass(frozen=True)
class Report:
    """Every problem (each stops the book) and every warning (none does) found in a course."""

    course: Course | None  # None when the content files could not be loaded
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    translations: tuple[str, ...] = ()  # one line per language: coverage, missing and stale texts

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def message(self) -> str:
        """The list of problems as `check` prints it (and the build stops with)."""
        return str(ContentError(list(self.problems)))

    def summary(self) -> str:
        """One line for a valid course."""
        chapters = self.course.chapters.values() if self.course else ()
        questions = sum(len(c.questions) for c in chapters)
        return "\n".join(
            [
                f"All content is valid: {len(chapters)} chapters, {questions} quiz questions.",
                *(f"Translations: {line}" for line in self.translations),
            ]
        )


@contextlib.contextmanager
def _language(code: str):
    """Read the course in `code` inside this block (as the book's build for that language does)."""
    saved = os.environ.get(LANGUAGE_ENV)
    os.environ[LANGUAGE_ENV] = code
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(LANGUAGE_ENV, None)
        else:
            os.environ[LANGUAGE_ENV] = saved


def translation_problems(root: Path) -> list[Problem]:
    """The checks whose outcome depends on the words, for every language of _config.yml but the one
    read above: no answer given away by its length in the translation (cue_rules.py). The book's
    build for that language would stop on them; `check` says so before."""
    from ..i18n.languages import configured_languages

    try:
        languages = configured_languages(root)
    except ContentError:
        return []  # reported by catalogue_report
    current, found = resolve_language(), []
    for code in languages:
        if code == current:
            continue
        with _language(code):
            try:
                translated = load_course(root, code)
                found += cue_problems(translated)
            except ContentError as err:
                found += err.problems
    return found


def course_report(root: Path, one_language: bool = False) -> Report:
    """Check everything the book is built from; never raises for a problem in the course's files.
    `one_language`: only what the book in the language being read ($WELCOME_COURSE_LANGUAGE) is built
    from, its own catalogues and not the other languages' (the Sphinx extension, for each language's
    build and for each save in `make preview`; `check` and `build` check every language first)."""
    root = Path(root).resolve()
    problems: list[Problem] = []
    try:
        course = load_course(root)
    except ContentError as err:
        course = None
        problems += err.problems
    if course is None:
        problems += toc_problems(root)  # _toc.yml can be checked without the content
    else:
        try:
            problems += course_problems(course)
        except ContentError as err:  # _toc.yml cannot be read
            problems += err.problems
        problems += unloaded_chapter_problems(course)
        problems += self_assessment.problems(course) + action_plan.problems(course)
    problems += toc_link_problems(root)
    figures = figure_problems(root)  # data/education-figures.csv against its schema
    problems += figures
    if course is not None and not figures and (root / FIGURES_FILE).is_file():
        try:
            problems += quote_problems(root)  # every share stated in the text is a published figure, cited
        except ContentError as err:
            problems += err.problems
    if course is not None and not problems and not one_language:  # each published translation, once the course is valid
        problems += translation_problems(root)
    published = publication(root)
    problems += address_problems(published)
    found, coverage = catalogue_report(root, only=resolve_language() if one_language else None)
    problems += found
    warnings = course_warnings(course) if course is not None else []
    warnings += publishing_warnings(published)
    if course is not None:
        warnings += install_cell_warnings(course, published)
    # a rule may be reached by two paths (an entry without its file: _toc.yml and the standards)
    return Report(
        course, tuple(dict.fromkeys(problems)), tuple(dict.fromkeys(warnings)), tuple(c.line() for c in coverage)
    )

"""The course's directive for Markdown pages: the self-assessment's form on a page that is not a notebook.

    ```{self-assessment} before
    ```

on the introduction page (book/intro.md) puts there the form of progress/self_assessment.py for
that moment (before or after the course), rendered from data/self-assessment.yml at build time as
the notebooks' activities are; the page scripts save and restore the learner's ratings. The page
is read again when the statements, the interface words or the chapters change.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..content.course import load_course
from ..content.problems import ContentError
from ..progress import self_assessment
from ..progress.record import MOMENTS


class SelfAssessmentDirective(SphinxDirective):
    required_arguments = 1  # the moment: before or after
    has_content = False

    def run(self):
        moment = self.arguments[0]
        if moment not in MOMENTS:
            raise self.error(f"self-assessment: expected {' or '.join(MOMENTS)}, not '{moment}'")
        root = Path(self.env.srcdir)
        for path in [
            root / self_assessment.FILE,
            root / "data" / "interface.yml",
            root / "data" / "course.yml",
            *sorted((root / "data" / "chapters").glob("*.yml")),
        ]:
            self.env.note_dependency(str(path))
        try:
            course = load_course(root)
            html = self_assessment.form_html(course, self_assessment.load_statements(course), moment)
        except ContentError as err:
            raise self.error(str(err)) from None
        return [nodes.raw("", html, format="html")]


def setup(app) -> None:
    app.add_directive("self-assessment", SelfAssessmentDirective)

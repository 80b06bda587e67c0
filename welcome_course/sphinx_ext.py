"""Sphinx extension: the course's part of building the hosted book.

- checks every content file before anything is built, and stops the build
  with the list of problems (file, line, item, field) if one is wrong;
- tells the notebooks' kernels to render statically (no widgets are needed
  in the book, and none of their random ids end up in the pages);
- adds the course's own script and style sheet to every page;
- makes every notebook page depend on the files in data/, so that editing a
  question and rebuilding always shows the change (Sphinx would otherwise
  only re-read the notebooks that changed themselves).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.errors import ConfigError

from .content.course import ROOT_ENV, load_course
from .content.problems import ContentError
from .display import RENDER_ENV
from .figures import figure_problems

STATIC = Path(__file__).parent / "static"
DATA_SUFFIXES = (".yml", ".yaml", ".csv", ".json")


def _content_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "data").rglob("*") if p.suffix in DATA_SUFFIXES)


def _check_content(app, config) -> None:
    root = Path(app.srcdir)
    os.environ[ROOT_ENV] = str(root)
    os.environ[RENDER_ENV] = "static"  # inherited by the kernels that execute the notebooks
    config.html_static_path.append(str(STATIC))
    try:
        load_course(root)
    except ContentError as err:
        raise ConfigError(str(err)) from None
    figures = figure_problems(root)  # data/education-figures.csv against its schema
    if figures:
        raise ConfigError(str(ContentError(figures)))


def _depend_on_content(app, docname: str, source: list[str]) -> None:
    if not app.env.doc2path(docname).endswith(".ipynb"):
        return
    for path in _content_files(Path(app.srcdir)):
        app.env.note_dependency(str(path))


def setup(app):
    app.connect("config-inited", _check_content)
    app.connect("source-read", _depend_on_content)
    app.add_css_file("welcome-course.css")
    app.add_js_file("welcome-course.js", defer="defer")
    app.add_js_file("welcome-course-progress.js", defer="defer")
    app.add_css_file("welcome-course-figures.css")
    app.add_js_file("welcome-course-figures.js", defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension: the course's part of building the hosted book.

The course's own hooks:
- checks every content file before anything is built, and stops the build
  with the list of problems (file, line, item, field) if one is wrong;
- tells the notebooks' kernels to render statically (no widgets are needed
  in the book, and none of their random ids end up in the pages);
- adds the course's own script and style sheet to every page, the progress
  script with the progress record's rules (progress/record.py's RULES, from
  static/welcome-course-progress-rules.json) as its data-rules attribute;
- makes every notebook page depend on the files in data/ it shows, so that
  editing a question and rebuilding always shows the change (Sphinx would
  otherwise only re-read the notebooks that changed themselves);
- gives every page a description.

Everything that reaches into another package (the book theme, its extensions,
Sphinx internals) is in theme/, each patch headed by the versions it was
written for, which setup() checks: lighter pages (no 1.5 MB icon script, no
icon font, no unused style rules, no search index outside the search page,
fewer files that block the first paint), the menu built once per folder,
parallel reading, and a valid index.html that sends readers on to the first page.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from sphinx.errors import ConfigError

from ..content.course import RENDER_ENV, ROOT_ENV, load_course
from ..content.problems import ContentError
from ..figures.data import figure_problems
from ..progress.record import RULES as PROGRESS_RULES
from ..templating import render
from . import theme

STATIC = Path(__file__).parents[1] / "static"  # the course's own script and style sheets
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


def content_dependencies(root: Path, docname: str) -> list[Path]:
    """The content files a notebook page shows. A chapter's notebook (book/step-01.ipynb, with
    data/chapters/step-01.yml) shows its own chapter file and the shared files (course.yml,
    interface.yml, figures, ...), not the other chapters; any other notebook (My progress, the
    cohort report) may show every chapter. So editing one question re-runs its chapter and
    those pages, not every notebook."""
    files = _content_files(root)
    chapters = root / "data" / "chapters"
    own = [p for p in files if p.parent == chapters and p.stem == Path(docname).name]
    if not own:
        return files
    return [p for p in files if p in own or chapters not in p.parents]


def _depend_on_content(app, docname: str, source: list[str]) -> None:
    if not app.env.doc2path(docname).endswith(".ipynb"):
        return
    for path in content_dependencies(Path(app.srcdir), docname):
        app.env.note_dependency(str(path))


def _describe_page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A <meta name="description"> for search engines and link previews: the page's first
    paragraph of some length (not one of the activities' notices), cut near 155 characters."""
    if "name=\"description\"" in context.get("metatags", ""):
        return
    for attributes, paragraph in re.findall(r"<p(\s[^>]*)?>(.*?)</p>", context.get("body", ""), re.S):
        if "hidden" in attributes or "wc-" in attributes:
            continue
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", paragraph)).split())
        if len(text) >= 40 and "://" not in text:
            break
    else:
        text = app.config.html_title or app.config.project
    if len(text) > 160:
        text = text[:155].rsplit(" ", 1)[0] + " …"
    context["metatags"] = context.get("metatags", "") + "\n" + render("site/description-meta.html", text=text)


def setup(app):
    theme.install(app)  # the patches to the theme and Sphinx, after checking their versions (theme/__init__.py)
    app.connect("config-inited", _check_content)
    app.connect("source-read", _depend_on_content)
    app.connect("html-page-context", _describe_page)
    app.add_css_file("welcome-course.css")
    app.add_js_file("welcome-course.js", defer="defer")
    app.add_js_file("welcome-course-progress.js", defer="defer",  # Sphinx escapes the attribute's value
                    **{"data-rules": json.dumps(PROGRESS_RULES, separators=(",", ":"))})
    app.add_css_file("welcome-course-figures.css")
    app.add_js_file("welcome-course-figures.js", defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension: the course's part of building the hosted book.

- checks every content file before anything is built, and stops the build
  with the list of problems (file, line, item, field) if one is wrong;
- tells the notebooks' kernels to render statically (no widgets are needed
  in the book, and none of their random ids end up in the pages);
- adds the course's own script and style sheet to every page;
- makes every notebook page depend on the files in data/ it shows, so that
  editing a question and rebuilding always shows the change (Sphinx would
  otherwise only re-read the notebooks that changed themselves);
- keeps the theme's pages light and quick to show: no 1.5 MB icon script, no
  icon font, no unused style rules, no search index outside the search page,
  fewer files that block the first paint (theme/templates/, theme/assets.py);
- gives every page a description, and index.html a valid page that sends
  readers on to the first page.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ConfigError

from .theme.book_menu import SharedMenus
from ..content.course import RENDER_ENV, ROOT_ENV, load_course
from ..content.problems import ContentError
from ..figures.data import figure_problems
from .theme.assets import slim_theme

STATIC = Path(__file__).parents[1] / "static"  # the course's own script and style sheets
TEMPLATES = Path(__file__).parent / "theme" / "templates"  # the theme's templates the course replaces
DATA_SUFFIXES = (".yml", ".yaml", ".csv", ".json")
SIDEBAR = ["navbar-logo.html", "icon-links.html", "search-button-field.html", "course-sidebar-nav-bs.html"]


def _content_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "data").rglob("*") if p.suffix in DATA_SUFFIXES)


def _check_content(app, config) -> None:
    root = Path(app.srcdir)
    os.environ[ROOT_ENV] = str(root)
    os.environ[RENDER_ENV] = "static"  # inherited by the kernels that execute the notebooks
    config.html_static_path.append(str(STATIC))
    config.templates_path.insert(0, str(TEMPLATES))  # before the theme's own components
    if not config.html_sidebars:  # the book theme's sidebar, its menu renamed: templates/course-sidebar-nav-bs.html
        config.html_sidebars = {"**": SIDEBAR}
    from ..checks.pipeline import course_report  # what `check` runs, so the book never holds what it refuses

    report = course_report(root)
    if report.problems:
        raise ConfigError(report.message)


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


def _slim_theme(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        slim_theme(Path(app.outdir))


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
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(text)}">'


# Scripts the theme and Sphinx load in <head>, blocking the first paint, that only act once the
# page is parsed: deferred, they run in the same order, just before DOMContentLoaded.
# (documentation_options.js stays: inline scripts right after it use it.)
DEFERRABLE = {"_static/doctools.js", "_static/sphinx_highlight.js", "_static/scripts/sphinx-book-theme.js",
              "_static/togglebutton.js"}


def _lighten_page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Fewer files that block the first paint: the scripts above deferred (not on the search
    page, whose own script needs doctools.js at once), and the code-highlighting style sheet
    left out of pages that show no code."""
    scripts = context.get("script_files")
    if pagename != "search" and isinstance(scripts, list):
        scripts[:] = [
            _JavaScript(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})
            if isinstance(js, _JavaScript) and str(js.filename) in DEFERRABLE and "async" not in js.attributes
            else js
            for js in scripts
        ]
    sheets = context.get("css_files")
    if isinstance(sheets, list) and 'class="highlight' not in context.get("body", "") and pagename != "search":
        sheets[:] = [css for css in sheets if str(getattr(css, "filename", css)) != "_static/pygments.css"]


def _write_start_page(app, exception) -> None:
    """index.html, sending readers to the first page: a valid HTML page (sphinx-external-toc
    would otherwise write a bare <meta> line there, with no doctype, title or language)."""
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    first = app.builder.get_target_uri(app.config.root_doc)
    title = html.escape(app.config.html_title or app.config.project)
    (Path(app.outdir) / "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="{html.escape(app.config.language or "en")}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{title}</title>\n<meta http-equiv="refresh" content="0; url={html.escape(first)}">\n'
        f'</head>\n<body>\n<p><a href="{html.escape(first)}">{title}</a></p>\n</body>\n</html>\n',
        encoding="utf-8",
    )


def _declare_multitoc_parallel_safe(app) -> None:
    """sphinx-external-toc loads sphinx-multitoc-numbering, which does not say whether it is safe
    for parallel reading, so Sphinx would read the pages one by one (and, with warnings as errors,
    fail). It only renumbers sections once all pages are read, in the main process: it is safe.
    Reading in parallel runs two notebooks at once and halves the build."""
    multitoc = app.extensions.get("sphinx_multitoc_numbering")
    if multitoc is not None and multitoc.parallel_read_safe is None:
        multitoc.parallel_read_safe = True


def setup(app):
    _declare_multitoc_parallel_safe(app)
    menus = SharedMenus()  # one per build: the left-hand menu, built once per folder (theme/book_menu.py)
    app.connect("html-page-context", lambda app, pagename, templatename, context, doctree:
                menus.install(app, pagename, context), priority=600)  # after the theme puts its own in
    app.connect("config-inited", _check_content)
    app.connect("source-read", _depend_on_content)
    app.connect("html-page-context", _describe_page)
    app.connect("html-page-context", _lighten_page, priority=900)  # after other extensions' additions
    app.connect("build-finished", _slim_theme, priority=800)  # after myst-nb copies its style sheet
    app.connect("build-finished", _write_start_page, priority=400)  # before sphinx-external-toc's
    app.add_css_file("welcome-course.css")
    app.add_js_file("welcome-course.js", defer="defer")
    app.add_js_file("welcome-course-progress.js", defer="defer")
    app.add_css_file("welcome-course-figures.css")
    app.add_js_file("welcome-course-figures.js", defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

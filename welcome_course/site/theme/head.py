"""The page's <head>: fewer files that block the first paint.

Written for: sphinx 7.4.7, sphinx-book-theme 1.3.0, sphinx-togglebutton 0.4.5

Why: Sphinx and the theme load their scripts in <head>, blocking the first
paint, though they only act once the page is parsed; and every page loads
the code-highlighting style sheet, though the course's pages show no code.
On each page's template context (after other extensions' additions):

- the scripts in DEFERRABLE are deferred: they run in the same order, just
  before DOMContentLoaded (not on the search page, whose own script needs
  doctools.js at once; documentation_options.js stays, inline scripts right
  after it use it). The names are those of Sphinx (doctools.js, translations.js
  in a translation's build, sphinx_highlight.js), sphinx-book-theme and sphinx-togglebutton; each script
  is rebuilt as Sphinx's internal class sphinx.builders.html._assets._JavaScript
  with the extra attribute;
- Sphinx's _static/pygments.css is left out of pages with no highlighted code.

Check after an upgrade: the script names are the same, _JavaScript still takes
(filename, priority=, **attributes), and script_files/css_files are still lists
of those objects in the context.
"""

from __future__ import annotations

from sphinx.builders.html._assets import _JavaScript

TARGETS = {"sphinx": "7.4.7", "sphinx-book-theme": "1.3.0", "sphinx-togglebutton": "0.4.5"}

DEFERRABLE = {
    "_static/doctools.js",
    "_static/translations.js",  # a translation's build: it calls doctools.js's Documentation, so after it
    "_static/sphinx_highlight.js",
    "_static/scripts/sphinx-book-theme.js",
    "_static/togglebutton.js",
}


def lighten_page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Defer the scripts above and leave out the code-highlighting style sheet where no code is shown."""
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


def connect(app) -> None:
    app.connect("html-page-context", lighten_page, priority=900)  # after other extensions' additions

"""The theme's page templates that the course replaces (templates/ beside this file).

Written for: pydata-sphinx-theme 0.17.1, sphinx-book-theme 1.3.0

Why: each template changes one thing in a page the theme writes; each says
why in its header:

- templates/layout.html extends pydata-sphinx-theme's layout.html and filters
  its `css` and `extrahead` blocks: no 1.5 MB icon script, no search index
  outside the search page (see assets.py);
- templates/course-sidebar-nav-bs.html is sphinx-book-theme's
  components/sbt-sidebar-nav.html under a name on pydata-sphinx-theme's list
  of sidebar templates it does not render twice to test for emptiness;
  html_sidebars lists it (SIDEBAR) in place of the original;
- templates/search-button-field.html is pydata-sphinx-theme's
  components/search-button-field.html with an accessible name.

The folder comes first in templates_path, before the theme's components/.

Check after an upgrade: the blocks, the component names and the skip list are
the same, and each replaced component still matches its original but for the
change its header states.
"""

from __future__ import annotations

from pathlib import Path

TARGETS = {"pydata-sphinx-theme": "0.17.1", "sphinx-book-theme": "1.3.0"}

TEMPLATES = Path(__file__).parent / "templates"
SIDEBAR = ["navbar-logo.html", "icon-links.html", "search-button-field.html", "course-sidebar-nav-bs.html"]


def use_course_templates(app, config) -> None:
    config.templates_path.insert(0, str(TEMPLATES))  # before the theme's own components
    if not config.html_sidebars:  # the book theme's sidebar, its menu renamed: templates/course-sidebar-nav-bs.html
        config.html_sidebars = {"**": SIDEBAR}


def connect(app) -> None:
    app.connect("config-inited", use_course_templates)

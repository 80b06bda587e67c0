"""No launch or repository button while the course does not say where it is published.

Written for: sphinx-book-theme 1.3.0, jupyter-book 1.0.4.post1

Why: Jupyter Book passes `repository:` and `launch_buttons:` of _config.yml to the theme as the
options repository_url, repository_branch, use_repository_button and launch_buttons, and the theme
builds the Binder, JupyterHub (nbgitpuller) and repository links from them on every page. As the
course is shipped, repository.url holds a placeholder (site/publishing.py), and those links would
lead nowhere. So, when Sphinx's configuration is read (config-inited, before the theme reads its
options on builder-inited), the course takes the address out of the theme's options, switches the
repository, issues and edit buttons off and leaves no launch button: the pages show none of them.
With a real address the options stay as they are and the theme makes its links itself.

Check after an upgrade: with the placeholder, no built page links to mybinder.org, git-pull or the
placeholder (tests/test_publishing.py); the theme still reads these options by these names.
"""

from __future__ import annotations

from ..publishing import is_placeholder

TARGETS = {"sphinx-book-theme": "1.3.0", "jupyter-book": "1.0.4.post1"}
REPOSITORY_BUTTONS = ("use_repository_button", "use_issues_button", "use_edit_page_button", "use_source_button")


def hide_unpublished_buttons(app, config) -> None:
    options = config.html_theme_options
    if not is_placeholder(options.get("repository_url")):
        return
    options.pop("repository_url", None)
    for button in REPOSITORY_BUTTONS:
        options[button] = False
    options["launch_buttons"] = {}


def connect(app) -> None:
    app.connect("config-inited", hide_unpublished_buttons, priority=400)

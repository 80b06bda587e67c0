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

In a translation's build (language fr), the theme would launch the English notebook of the page
(book/step-03.ipynb), since the French page is made from it. The learner who reads French should get
the French notebook, book/fr/step-03.ipynb (i18n/notebooks.py), so its Binder and JupyterHub links
are rewritten to that path after the theme made them (html-page-context, after the theme's 501), and
the page's "download .ipynb" button gives that notebook (build-finished: Sphinx copied the English
one into _sources/ as it wrote the page).

Check after an upgrade: with the placeholder, no built page links to mybinder.org, git-pull or the
placeholder (tests/test_publishing.py); the theme still reads these options by these names, and a
French page's launch links name book/fr/ (tests/test_translated_book.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

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


def _translated_path(path: str, language: str) -> str:
    folder, _, name = path.rpartition("/")
    return f"{folder}/{language}/{name}" if folder else f"{language}/{name}"


def launch_translated_notebook(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """In a translation's build, the launch links open the page's notebook in that language."""
    language = app.config.language or "en"
    if language == "en":
        return
    source = Path(app.env.doc2path(pagename)) if pagename in app.env.all_docs else None
    if source is None or source.suffix != ".ipynb":
        return
    english = source.relative_to(app.srcdir).as_posix()
    translated = Path(app.srcdir) / _translated_path(english, language)
    if not translated.is_file():
        return  # no notebook in that language yet (`make notebooks` writes them): the English one
    for group in context.get("header_buttons") or []:
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            url = button.get("url", "") if isinstance(button, dict) else ""
            if button.get("text") in ("Binder", "JupyterHub") and english in url:
                button["url"] = url.replace(english, _translated_path(english, language))


def download_translated_notebooks(app, exception) -> None:
    """In a translation's build, the pages' "download .ipynb" button gives the notebook in that language:
    Sphinx copied each page's source (the English notebook) into _sources/ as it wrote the page."""
    language = app.config.language or "en"
    if exception is not None or language == "en" or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for docname in app.env.found_docs:
        source = Path(app.env.doc2path(docname))
        if source.suffix != ".ipynb":
            continue
        english = source.relative_to(app.srcdir).as_posix()
        translated = Path(app.srcdir) / _translated_path(english, language)
        target = sources / english
        if translated.is_file() and target.is_file():
            shutil.copyfile(translated, target)


def connect(app) -> None:
    app.connect("config-inited", hide_unpublished_buttons, priority=400)
    app.connect("html-page-context", launch_translated_notebook, priority=510)
    app.connect("build-finished", download_translated_notebooks)

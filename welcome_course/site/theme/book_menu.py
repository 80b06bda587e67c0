"""The book's left-hand menu: built once, then reused on every page.

Written for: pydata-sphinx-theme 0.17.1, sphinx-book-theme 1.3.0

Why: for every page, the theme (pydata-sphinx-theme, under sphinx-book-theme) builds
the menu anew: it resolves the whole table of contents, renders it to HTML and
reworks it with BeautifulSoup. That is a fifth of the time a page takes to
write, and it grows with the book, since every page's menu lists every page.

The course's menu is flat: parts, each with a list of pages, no sub-pages. Two
pages in the same folder then get the same menu but for the marks on the
current page:

    <ul class="current nav bd-sidenav">
    <li class="toctree-l1 current active"><a class="current reference internal" href="#">…

So the theme builds the menu once per folder; the marks are taken out of that
copy, and each page gets it with its own entry marked as the theme marks it.
Anything else is left to the theme, page by page: a menu with sub-pages
(nested lists, collapsible sections), a page the menu does not list (the start
page, search, index), other calls of the theme's function.
tests/test_book.py checks every built page's menu against _toc.yml.

Check after an upgrade: the theme still puts `generate_toctree_html` in the
page context and sphinx-book-theme's sidebar still calls it as
("sidebar", startdepth=0, show_nav_level=…); the markup above is unchanged.
"""

from __future__ import annotations

import posixpath

CURRENT_LIST = '<ul class="current nav bd-sidenav">'
LIST = '<ul class="nav bd-sidenav">'
CURRENT_ITEM = '<li class="toctree-l1 current active"><a class="current reference internal" href="#">'
ITEM = '<li class="toctree-l1"><a class="reference internal" href="{href}">'
NESTED = ("toctree-l2", "<details", "<input")

TARGETS = {"pydata-sphinx-theme": "0.17.1", "sphinx-book-theme": "1.3.0"}


def unmarked(menu: str, own_href: str) -> str | None:
    """The menu of a page with that page's marks taken out; None unless it is a flat menu that
    marks this page once, as expected."""
    if any(sign in menu for sign in NESTED) or menu.count(CURRENT_ITEM) != 1 or menu.count(CURRENT_LIST) != 1:
        return None
    plain = menu.replace(CURRENT_ITEM, ITEM.format(href=own_href)).replace(CURRENT_LIST, LIST)
    return plain if "current" not in plain else None


def marked(plain: str, own_href: str) -> str | None:
    """The menu with this page's entry, and the list holding it, marked as current; None when the
    menu does not list the page exactly once."""
    item = ITEM.format(href=own_href)
    if plain.count(item) != 1:
        return None
    at = plain.index(item)
    start = plain.rfind(LIST, 0, at)
    if start < 0:
        return None
    return plain[:start] + CURRENT_LIST + plain[start + len(LIST) : at] + CURRENT_ITEM + plain[at + len(item) :]


class SharedMenus:
    """The plain menus of one build, by folder and by the arguments the template passes."""

    def __init__(self):
        self.plain: dict[tuple, str] = {}

    def install(self, app, pagename: str, context: dict) -> None:
        """Put a menu function that uses the shared copies in the page's template context, in
        place of the theme's (which it calls whenever the shared copy cannot serve)."""
        theirs = context.get("generate_toctree_html")
        if theirs is None or app.builder.name != "html":
            return
        own_href = posixpath.basename(app.builder.get_target_uri(pagename))
        folder = posixpath.dirname(pagename)

        def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs):
            if kind != "sidebar" or startdepth != 0:
                return theirs(kind, startdepth, show_nav_level, **kwargs)
            key = (folder, show_nav_level, tuple(sorted(kwargs.items())))
            if key in self.plain:
                menu = marked(self.plain[key], own_href)
                if menu is not None:
                    return menu
            menu = str(theirs(kind, startdepth, show_nav_level, **kwargs))
            if key not in self.plain:
                plain = unmarked(menu, own_href)
                if plain is not None:
                    self.plain[key] = plain
            return menu

        context["generate_toctree_html"] = generate_toctree_html


def connect(app) -> None:
    menus = SharedMenus()  # one per build: the left-hand menu, built once per folder
    app.connect(
        "html-page-context",
        lambda app, pagename, templatename, context, doctree: menus.install(app, pagename, context),
        priority=600,
    )  # after the theme puts its own in

"""Fixtures shared by the tests: a built copy of the book, a local web server, a real browser;
and the tests' markers. Helpers that are not fixtures are in support.py."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the tests' support module

from support import CHROMIUM, CHROMIUM_FLAGS, GuardedPage, Site, build_book, copy_course

# A test that uses one of these fixtures (directly or through another) must carry the marker.
FIXTURE_MARKERS = {"built_book": "build", "chromium": "browser"}


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config, items):
    """Mark the notebooks nbval checks as `build` (each runs in a kernel), and refuse to run a test
    whose markers hide what it does: `-m "not build"` must never build the book."""
    unmarked = []
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.build)
        for fixture, marker in FIXTURE_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()) and item.get_closest_marker(marker) is None:
                unmarked.append(f"{item.nodeid} uses {fixture}, so it must be marked {marker}")
    if unmarked:
        raise pytest.UsageError(
            "tests without their markers (see the markers in pyproject.toml):\n" + "\n".join(unmarked)
        )


def pytest_configure(config):
    # Learners' progress written during the tests (also by the kernels nbval starts, which
    # inherit this) goes to a throwaway file, never to the developer's own progress.
    os.environ["WELCOME_COURSE_PROGRESS"] = str(Path(tempfile.mkdtemp(prefix="welcome-course-test-")) / "progress.json")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A copy of the course, built; returns the folder of the HTML pages."""
    root = copy_course(tmp_path_factory.mktemp("book") / "course")
    done = build_book(root)
    assert done.returncode == 0, f"the book did not build:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return root / "_build" / "html"


@pytest.fixture(scope="session")
def book_site(built_book):
    site = Site(built_book)
    yield site
    site.close()


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: 'make test' installs it (or run: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """Open pages in a fresh browser profile (or, with another_profile=True, in a second one, as on
    another device); after the test, no request may have left the site and no console error may
    have been logged."""
    contexts = []
    guarded = []

    def _open(url: str, another_profile: bool = False, init_script: str | None = None):
        if another_profile or not contexts:
            contexts.append(chromium.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True))
        context = contexts[-1]
        if init_script:
            context.add_init_script(init_script)
        tab = GuardedPage(context)
        guarded.append(tab)
        tab.page.goto(url)
        return tab.page

    _open.tabs = guarded  # a test that expects a named upstream error removes it from tab.errors
    yield _open
    for context in contexts:
        context.close()
    for tab in guarded:
        assert tab.outside_requests == [], "requests left the site"
        assert tab.errors == [], "console errors"

"""Fixtures shared by the tests: a built copy of the book, a local web server, a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the tests' helpers module

from helpers import ROOT  # noqa: E402

COPY_IGNORE = shutil.ignore_patterns("_build", ".venv", ".venv-lab", ".venv-binder", ".git", "*.egg-info", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "node_modules")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def pytest_configure(config):
    # Learners' progress written during the tests (also by the kernels nbval starts, which
    # inherit this) goes to a throwaway file, never to the developer's own progress.
    os.environ["WELCOME_COURSE_PROGRESS"] = str(Path(tempfile.mkdtemp(prefix="welcome-course-test-")) / "progress.json")


def copy_course(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    return target


def build_book(root: Path) -> subprocess.CompletedProcess:
    """Build the book in `root` exactly as `make book` does: checks first, warnings are errors."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WELCOME_COURSE_")}
    return subprocess.run([sys.executable, "-m", "welcome_course", "build"], cwd=root, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A copy of the course, built; returns the folder of the HTML pages."""
    root = copy_course(tmp_path_factory.mktemp("book") / "course")
    done = build_book(root)
    assert done.returncode == 0, f"the book did not build:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return root / "_build" / "html"


class Site:
    """A folder served over HTTP on 127.0.0.1, on a free port."""

    def __init__(self, folder: Path):
        class QuietHandler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


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


class GuardedPage:
    """A browser tab that records every request leaving 127.0.0.1 (and blocks it) and every console error."""

    def __init__(self, context):
        self.outside_requests: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"{e.message}\n{e.stack or ''}"))

    def _route(self, route):
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()


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

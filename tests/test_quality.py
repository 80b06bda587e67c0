"""Quality gates over every page of the built book, measured rather than assumed:

- accessibility: axe-core finds no WCAG 2.1 A or AA violation (in light and dark mode);
- valid HTML: the Nu HTML Checker (vnu.jar) finds no error;
- nothing from outside: no page asks another host for anything, and no page logs an error;
- light pages: a chapter page weighs under 600 KB on a cold load, loads no icon font
  or icon script, and the theme's buttons still work and are labelled.
(Timings are measured by benchmarks/run.py, not here; the unit tests of the modules behind these
pages are in test_theme_assets.py and test_site_extension.py.)

axe-core and vnu.jar come from npm (tests/quality/package.json, installed by `make test`).
An exception, where the theme causes a problem the course cannot fix, is named below with
its reason; there are none at present.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from support import ROOT
from welcome_course.site.theme.assets import STYLE_CLASSES, icons_used

pytestmark = (
    pytest.mark.build
)  # every gate is measured on the built book; those that load it in Chromium are also marked browser

TOOLS = ROOT / "tests" / "quality" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHAPTER_BUDGET = 600 * 1024  # bytes on a cold load

# axe rule id -> why the course cannot fix it. Keep empty unless a theme problem resists
# templates, style sheets, theme options and the patches in welcome_course/site/theme/.
AXE_EXCEPTIONS: dict[str, str] = {}
# Nu HTML Checker message (a regular expression) -> why the course cannot fix it.
VNU_EXCEPTIONS: dict[str, str] = {}


def _tool(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(
            f"{path.relative_to(ROOT)} is missing: 'make test' installs it "
            "(or run: npm ci --prefix tests/quality --ignore-scripts)"
        )
    return path


def book_pages(built_book: Path) -> list[str]:
    """Every page of the built book, as paths relative to its folder (not the theme's templates)."""
    pages = sorted(p.relative_to(built_book).as_posix() for p in built_book.rglob("*.html"))
    pages = [p for p in pages if not {"_static", "_sources"} & set(p.split("/"))]  # also fr/_static/
    assert len(pages) >= 10
    return pages


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(_tool(AXE)))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_21_A_AA}
    return page.evaluate(
        "only => axe.run(document, {runOnly: only, resultTypes: ['violations'], preload: false})"
        ".then(r => r.violations.map(v => ({id: v.id, help: v.help, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)})))",
        only,
    )


def to_dark(page) -> None:
    """Switch the reader's device to dark mode; the theme follows it, at once (no colour
    transitions half-way through when axe measures contrast)."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")


class PageVisit:
    """What one cold load of a page showed: axe's findings in light and dark mode, requests to
    other hosts, console errors, and the files it loaded."""

    def __init__(self, path: str):
        self.path = path
        self.axe_light: list[dict] = []
        self.axe_dark: list[dict] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.loaded: set[str] = set()


NOT_THIS_SITE = re.compile(r"^(?!http://127\.0\.0\.1[:/])")  # matched by the browser driver itself


@pytest.fixture(scope="module")
def visits(html_check, chromium, book_site, built_book) -> dict[str, PageVisit]:
    """Every page of the book, each loaded once, cold, in one browser tab: checked with axe
    in light mode, then switched to dark mode and checked for colour contrast again; then the
    header's menus and the search dialog are opened. Requests to other hosts are recorded and
    blocked, console errors recorded (as conftest's GuardedPage does, but routing only the
    requests that leave the site, which keeps this fast)."""
    context = chromium.new_context(viewport={"width": 1100, "height": 900}, color_scheme="light")
    found: dict[str, PageVisit] = {}
    current: list[PageVisit] = []

    def outside(route):
        current[-1].outside.append(route.request.url)
        route.abort()

    context.route(NOT_THIS_SITE, outside)  # (also keeps the browser's cache off: every load is cold)
    page = context.new_page()
    page.on("request", lambda request: current[-1].loaded.add(request.url))
    page.on("console", lambda m: current[-1].errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: current[-1].errors.append(f"{e.message}\n{e.stack or ''}"))
    try:
        for path in book_pages(built_book):
            visit = found[path] = PageVisit(path)
            current.append(visit)
            page.emulate_media(color_scheme="light")
            page.goto(book_site.url + path)
            if path.split("/")[-1] != "index.html":  # (also fr/index.html) only sends the reader on to the first page
                visit.axe_light = run_axe(page)
                to_dark(page)
                visit.axe_dark = run_axe(page, ["color-contrast"])
            for menu in page.locator(".article-header-buttons .dropdown-toggle").all():
                if menu.is_visible():
                    menu.click()
            page.keyboard.press("Control+k")
            page.keyboard.press("Escape")
            page.wait_for_load_state("networkidle")
            page.goto("about:blank")  # the next page's load is a fresh one
    finally:
        context.close()
    return found


def _report(found: dict[str, list]) -> str:
    return "\n".join(f"{page}: {json.dumps(problems, indent=1)}" for page, problems in found.items())


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_page_passes_axe(visits, mode):
    found = {}
    for path, visit in visits.items():
        violations = [v for v in getattr(visit, f"axe_{mode}") if v["id"] not in AXE_EXCEPTIONS]
        if violations:
            found[path] = violations
    assert not found, f"WCAG 2.1 A/AA violations ({mode} mode):\n{_report(found)}"


@pytest.mark.browser
def test_no_page_asks_another_host_for_anything(visits):
    outside = {path: v.outside for path, v in visits.items() if v.outside}
    assert outside == {}, f"requests left the site: {outside}"


@pytest.mark.browser
def test_no_page_logs_an_error(visits):
    errors = {path: v.errors for path, v in visits.items() if v.errors}
    assert errors == {}, f"console errors: {errors}"


@pytest.mark.browser
def test_a_chapter_page_weighs_under_600_kb(visits, built_book, book_site):
    weights = {
        path: sum(_size_on_disk(built_book, book_site.url, url) for url in v.loaded)
        for path, v in visits.items()
        if "book/step-" in path  # every language's chapter pages (fr/book/step-03.html)
    }
    assert weights
    heavy = {path: f"{w / 1024:.0f} KB" for path, w in weights.items() if w > CHAPTER_BUDGET}
    assert heavy == {}, f"chapter pages over {CHAPTER_BUDGET // 1024} KB on a cold load: {heavy}"


def _size_on_disk(folder: Path, site: str, url: str) -> int:
    if not url.startswith(site):
        return 0
    path = folder / urlparse(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path.stat().st_size if path.is_file() else 0


@pytest.mark.browser
def test_answered_activities_pass_axe(open_page, book_site):
    """Feedback, verdicts and a scenario's ending appear only after answers: check them too."""
    page = open_page(book_site.url + "book/step-01.html")
    question = page.locator("#wc-step-01-q-first-contact")
    question.get_by_label("A classmate who speaks her language, to interpret for you").check()
    question.get_by_role("button", name="Check my answer").click()
    page.locator("#wc-step-01-q-own-habits input").first.check()
    page.locator("#wc-step-01-q-own-habits").get_by_role("button", name="Check my answer").click()
    story = page.locator("#wc-step-01-scenario")
    story.get_by_role("button", name="Start the lesson, then spend your free period").click()
    story.get_by_role("button", name="Keep Lucas in your class").click()
    story.get_by_role("button", name="Say that you will find out how recognition works").click()
    story.get_by_role("button", name="Advise staying in your class").click()
    violations = [v for v in run_axe(page) if v["id"] not in AXE_EXCEPTIONS]
    to_dark(page)
    violations += [v for v in run_axe(page, ["color-contrast"]) if v["id"] not in AXE_EXCEPTIONS]
    assert not violations, json.dumps(violations, indent=1)


@pytest.fixture(scope="module")
def html_check(built_book):
    """The Nu HTML Checker over every page, in one Java run, started at once: it runs while the
    browser visits the pages (the `visits` fixture asks for it first)."""
    if shutil.which("java") is None:
        pytest.fail("Java is missing: 'make test' installs it (Debian package default-jre-headless)")
    run = subprocess.Popen(
        ["java", "-jar", str(_tool(VNU)), "--errors-only", "--format", "json", *book_pages(built_book)],
        cwd=built_book,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield run
    if run.poll() is None:
        run.kill()


def test_every_page_is_valid_html(html_check):
    _, report = html_check.communicate(timeout=300)
    messages = json.loads(report)["messages"]
    errors = [
        f"{urlparse(m.get('url', '')).path.split('/html/')[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if not any(re.search(pattern, m["message"]) for pattern in VNU_EXCEPTIONS)
    ]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors[:60])


def test_the_theme_needs_no_icon_script_or_icon_font(built_book):
    """Every icon a page or the theme's script uses is drawn by the style sheet, without the 1.5 MB
    fontawesome.js; the icon fonts are cut to the few glyphs the theme's style rules use."""
    texts = [(built_book / p).read_text(encoding="utf-8") for p in book_pages(built_book)]
    assert not any("fontawesome.js" in t for t in texts)
    css = (built_book / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    texts += [
        p.read_text(encoding="utf-8")
        for p in (built_book / "_static" / "scripts").glob("*.js")
        if p.name != "fontawesome.js"
    ]
    for style, name in icons_used(texts):
        if name in {"lg", "xs", "sm", "xl", "fw", "2x"}:
            continue
        prefix = next(cls for cls, s in STYLE_CLASSES.items() if s == style)
        assert f".{prefix}.fa-{name}::before" in css, f"icon fa-{name} ({style}) is not drawn by the style sheet"
    for font in re.findall(r"url\(\.\./vendor/fontawesome/webfonts/([^)]+)\)", css):
        assert font.endswith("-used.woff"), font
        assert (built_book / "_static" / "vendor" / "fontawesome" / "webfonts" / font).stat().st_size < 8000


@pytest.mark.browser
def test_the_theme_buttons_work_and_are_labelled(open_page, book_site):
    page = open_page(book_site.url + "book/step-01.html")
    header = page.locator(".article-header-buttons")
    # (the launch and repository buttons show once _config.yml says where the course is published:
    # tests/test_publishing.py, test_the_launch_and_repository_buttons_work_and_are_labelled)
    for name in ["Launch interactive content", "Source repository"]:
        assert header.get_by_role("button", name=name).or_(header.get_by_role("link", name=name)).count() == 0, name
    for name in ["Download this page", "Fullscreen mode", "Color mode"]:
        button = header.get_by_role("button", name=name).or_(header.get_by_role("link", name=name))
        assert button.count() == 1 and button.is_visible(), name
        icon = button.locator("i:visible, span.fa-solid:visible").first
        drawn = icon.evaluate(
            "i => { const s = getComputedStyle(i, '::before');"
            " return [s.maskImage || s.webkitMaskImage, i.getBoundingClientRect().width]; }"
        )
        assert drawn[0].startswith('url("data:image/svg+xml') and drawn[1] > 8, (name, drawn)

    header.get_by_role("button", name="Download this page").click()
    source = page.get_by_role("link", name=".ipynb")
    assert source.is_visible()
    assert page.request.get(book_site.url + "book/" + source.get_attribute("href")).ok

    mode = page.evaluate("document.documentElement.dataset.mode")
    header.get_by_role("button", name="Color mode").click()
    assert page.evaluate("document.documentElement.dataset.mode") != mode

    header.get_by_role("button", name="Fullscreen mode").click()
    page.wait_for_function("document.fullscreenElement !== null")
    page.keyboard.press("Escape")
    page.evaluate("document.fullscreenElement && document.exitFullscreen()")

    search = page.get_by_role("button", name="Search Ctrl + K").first
    assert search.get_attribute("aria-keyshortcuts") == "Control+K"
    search.click()
    box = page.locator("#pst-search-dialog input[name=q]")
    box.fill("liaison")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=liaison*")
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert "Get information on the problem" in page.locator("#search-results").inner_text()

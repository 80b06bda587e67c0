"""Where the course is published (_config.yml, repository: url:) and the buttons that follow from it.

While the address is the placeholder, `check` warns and no page of the book has a Binder, JupyterHub
or repository link. With a real address and a hub's, the theme's links have the documented forms:
Binder's, nbgitpuller's (HUB/hub/user-redirect/git-pull?repo=…&urlpath=lab/tree/NAME/book/….ipynb&branch=…)
and the repository's. Every notebook's first cells say how to install the course as the settings
now give it (authoring/standalone.py).
"""

from __future__ import annotations

import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from support import REAL_URL, ROOT, Site, build_book, copy_course, rewrite_install_cells, set_config
from welcome_course.authoring.standalone import CHECK_ID, NOTE_ID, TAGS, check_source, message, with_install_cells
from welcome_course.checks.pipeline import course_report
from welcome_course.content.course import load_course
from welcome_course.i18n.languages import configured_languages
from welcome_course.site.publishing import PLACEHOLDER_URL, PROJECT, publication

HUB = "https://hub.example.org"
BINDER = "https://mybinder.org"
# The theme's own names for its groups of buttons
LAUNCH_MARKERS = ("launch-buttons", "source-repository-button")


class Links(HTMLParser):
    """Every link's address on a page, and every element's aria-label, title and class."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.names: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        self.names += [attrs.get(name) or "" for name in ("aria-label", "title", "class", "id")]


def links(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


# --- The placeholder ------------------------------------------------------------------------


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_course_is_shipped_with_the_placeholder_and_check_warns():
    assert publication(ROOT).url == PLACEHOLDER_URL
    report = course_report(ROOT)
    warnings = [str(w) for w in report.warnings if w.file == "_config.yml"]
    line = next(
        n
        for n, text in enumerate((ROOT / "_config.yml").read_text(encoding="utf-8").splitlines(), 1)
        if text.strip().startswith("url:")
    )
    assert len(warnings) == 1, report.warnings
    assert warnings[0].startswith(
        f"_config.yml, line {line}: repository: url: does not say yet where the course is published"
    )
    assert "no Binder and repository buttons" in warnings[0]
    assert report.ok, "the placeholder is a warning, not a problem: the book still builds"


@pytest.mark.build  # builds the book
def test_with_the_placeholder_no_page_has_a_launch_or_repository_link(built_book):
    pages = sorted(built_book.rglob("*.html"))
    assert len(pages) > 10
    found = []
    for page in pages:
        parsed = links(page)
        for href in parsed.hrefs:
            if href.startswith(BINDER) or "git-pull" in href or "OWNER/REPOSITORY" in href or "github.com" in href:
                found.append(f"{page.relative_to(built_book)}: {href}")
        found += [
            f"{page.relative_to(built_book)}: {marker}"
            for marker in LAUNCH_MARKERS
            if any(marker in name for name in parsed.names)
        ]
    assert found == []


@pytest.mark.build  # builds the book
def test_the_book_does_not_show_the_notebooks_install_note(built_book):
    page = (built_book / "book" / "step-01.html").read_text(encoding="utf-8")
    note = load_course(ROOT).interface["standalone_note"]
    assert "Get information" in page and note not in page


def test_the_install_command_names_the_package_as_pyproject_does():
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"] == PROJECT


# --- A real address ---------------------------------------------------------------------------


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_with_a_real_address_check_has_no_warning_once_the_notebooks_say_it(tmp_path):
    root = copy_course(tmp_path / "course")
    set_config(root, url=REAL_URL, hub=HUB)
    stale = [w for w in course_report(root).warnings if w.field == "first cells"]
    assert sorted(w.file for w in stale) == sorted(f"book/{p.name}" for p in (root / "book").glob("*.ipynb"))
    assert all("python -m welcome_course execute book/" in w.message for w in stale)
    rewrite_install_cells(root)
    report = course_report(root)
    assert report.ok and report.warnings == ()
    first = json.loads((root / "book" / "step-01.ipynb").read_text(encoding="utf-8"))["cells"][0]
    command = f'%pip install -q -e "git+{REAL_URL}@main#egg=welcome-course"'
    assert first["id"] == NOTE_ID and first["metadata"]["tags"] == TAGS and command in "".join(first["source"])


@pytest.mark.parametrize(
    "setting, value, message",
    [
        ("url", '""', "is empty: write the address of the repository"),
        ("url", "https://example.org/school/course", "is on a host the book's theme cannot make buttons for"),
        ("url", "github.com/school/course", "is not the address of a repository"),
        ("url", "https://github.com/school", "is not the address of a repository"),
        ("url", "'https://github.com/school/course\";echo'", "is not the address of a repository"),
        ("branch", "'main; rm -rf ~'", "is not a branch name"),
        ("hub", "hub.example.org", "is not the address of a JupyterHub"),
    ],
)
@pytest.mark.build  # builds the book
def test_an_address_the_book_cannot_use_stops_the_book_with_what_to_write(tmp_path, setting, value, message):
    root = copy_course(tmp_path / "course")
    set_config(root, **{"url": REAL_URL, setting: value})
    report = course_report(root)
    assert not report.ok
    assert [p.file for p in report.problems] == ["_config.yml"]
    assert message in report.message
    if setting != "hub":  # no command with an address or a branch that cannot be used
        assert publication(root).install_command() is None


BOOK_ADDRESS = "https://example-school.github.io/welcome-course/"  # where the book itself is published


@pytest.fixture(scope="module")
def published_book(tmp_path_factory) -> Path:
    """Two chapters of a copy of the course whose _config.yml names a real repository and a hub, built."""
    root = copy_course(tmp_path_factory.mktemp("published") / "course")
    set_config(root, url=REAL_URL, hub=HUB + "/", baseurl=BOOK_ADDRESS)
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/step-01\nchapters:\n  - file: book/step-02\n", encoding="utf-8"
    )
    done = build_book(root)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return root / "_build" / "html"


@pytest.mark.build  # builds the book
@pytest.mark.parametrize("chapter", ["step-01", "step-02"])
def test_with_a_real_address_the_launch_links_have_the_documented_forms(published_book, chapter):
    hrefs = links(published_book / "book" / f"{chapter}.html").hrefs
    notebook = f"book/{chapter}.ipynb"
    # Binder: BINDERHUB/v2/gh/OWNER/NAME/BRANCH?urlpath=lab/tree/PATH
    assert f"{BINDER}/v2/gh/example-school/welcome-course/main?urlpath=lab/tree/{notebook}" in hrefs
    # nbgitpuller: HUB/hub/user-redirect/git-pull?repo=URL&urlpath=lab/tree/NAME/PATH&branch=BRANCH
    pulls = [href for href in hrefs if "git-pull" in href]
    assert len(pulls) == 1, hrefs
    link = urlsplit(pulls[0])
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"{HUB}/hub/user-redirect/git-pull"
    assert parse_qs(link.query) == {
        "repo": [REAL_URL],
        "urlpath": [f"lab/tree/welcome-course/{notebook}"],
        "branch": ["main"],
    }
    # the repository
    assert REAL_URL in hrefs


@pytest.mark.build  # builds the book
def test_with_a_real_address_every_page_links_to_the_repository(published_book):
    pages = [p for p in sorted(published_book.rglob("*.html")) if "_static" not in p.parts and p.name != "index.html"]
    # the two chapters, the index of terms and the search page, in each language
    assert len(pages) == 4 * len(configured_languages(ROOT))
    without = [p.relative_to(published_book).as_posix() for p in pages if REAL_URL not in links(p).hrefs]
    assert without == []


@pytest.mark.browser
@pytest.mark.build  # Chromium on a built book
def test_the_launch_and_repository_buttons_work_and_are_labelled(published_book, open_page):
    """In Chromium: the theme's buttons are there, named, drawn (the book keeps only the icons its pages
    use), and the launch menu offers Binder and the JupyterHub."""
    site = Site(published_book)
    try:
        page = open_page(site.url + "book/step-01.html")
        header = page.locator(".article-header-buttons")
        for name in ["Launch interactive content", "Source repository"]:
            button = header.get_by_role("button", name=name).or_(header.get_by_role("link", name=name))
            assert button.count() == 1 and button.is_visible(), name
            icon = button.locator("i:visible, span.fa-solid:visible, span.fa-brands:visible").first
            drawn = icon.evaluate(
                "i => { const s = getComputedStyle(i, '::before');"
                " return [s.maskImage || s.webkitMaskImage, i.getBoundingClientRect().width]; }"
            )
            assert drawn[0].startswith('url("data:image/svg+xml') and drawn[1] > 8, (name, drawn)
        header.get_by_role("button", name="Launch interactive content").click()
        for name, start in (
            ("Binder", f"{BINDER}/v2/gh/example-school/welcome-course/main?"),
            ("JupyterHub", f"{HUB}/hub/user-redirect/git-pull?"),
        ):
            link = page.get_by_role("link", name=name)
            assert link.is_visible() and link.get_attribute("href").startswith(start), name
    finally:
        site.close()


# --- The notebooks as stored --------------------------------------------------------------------


@pytest.mark.parametrize("notebook", sorted((ROOT / "book").glob("*.ipynb")), ids=lambda p: p.name)
def test_every_notebook_says_how_to_install_the_course_as_the_settings_give_it(notebook):
    stored = json.loads(notebook.read_text(encoding="utf-8"))
    assert not with_install_cells(stored, load_course(ROOT), publication(ROOT)), (
        f"{notebook.name}: its first cells are not what 'python -m welcome_course execute' writes now: run make notebooks"
    )
    first, code = stored["cells"][0], next(c for c in stored["cells"] if c["cell_type"] == "code")
    assert first["id"] == NOTE_ID and first["metadata"]["tags"] == TAGS and first["cell_type"] == "markdown"
    assert code["id"] == CHECK_ID and code["metadata"]["tags"] == TAGS and code["outputs"] == []
    assert "".join(code["source"]) == check_source(message(load_course(ROOT), publication(ROOT)))


@pytest.mark.build  # builds the book
@pytest.mark.parametrize("language", configured_languages(ROOT)[1:])
def test_a_translated_page_launches_the_notebook_in_its_language(published_book, language):
    """The French page's Binder and JupyterHub buttons open book/fr/step-02.ipynb, the chapter in French."""
    hrefs = links(published_book / language / "book" / "step-02.html").hrefs
    notebook = f"book/{language}/step-02.ipynb"
    assert f"{BINDER}/v2/gh/example-school/welcome-course/main?urlpath=lab/tree/{notebook}" in hrefs
    pulls = [href for href in hrefs if "git-pull" in href]
    assert len(pulls) == 1, hrefs
    assert parse_qs(urlsplit(pulls[0]).query)["urlpath"] == [f"lab/tree/welcome-course/{notebook}"]


@pytest.mark.build  # builds the book
def test_with_the_books_address_each_page_names_its_other_languages_for_search_engines(published_book):
    languages = configured_languages(ROOT)
    for language in languages:
        folder = published_book if language == "en" else published_book / language
        for page in ("book/step-02.html", "search.html"):
            text = (folder / page).read_text(encoding="utf-8")
            alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', text))
            assert alternates == {
                code: f"{BOOK_ADDRESS}{'' if code == 'en' else code + '/'}{page}"
                for code in languages
                if code != language
            }, f"{language}/{page}"

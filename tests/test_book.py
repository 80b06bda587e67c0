"""The hosted book: it builds with warnings as errors, uses nothing from other hosts,
and never shows stale questions."""

from __future__ import annotations

import html as html_module
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from support import ROOT, build_book, copy_course, with_prompt
from welcome_course.content.course import load_course
from welcome_course.i18n.languages import configured_languages
from welcome_course.site.extension import content_dependencies

pytestmark = pytest.mark.build  # every test here builds the book, whole or in part

PAGE_ASSETS = re.compile(r"^(?:https?:)?//")


class _Assets(HTMLParser):
    """Every address a page loads by itself: scripts, style sheets, images, fonts, frames."""

    def __init__(self):
        super().__init__()
        self.loaded = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if (
            tag == "link"
            and attrs.get("href")
            and set((attrs.get("rel") or "").split()) & {"stylesheet", "preload", "icon", "modulepreload"}
        ):
            self.loaded.append(attrs["href"])


def test_every_page_loads_only_its_own_files(built_book):
    pages = sorted(built_book.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        outside = [url for url in parser.loaded if PAGE_ASSETS.match(url)]
        assert outside == [], f"{page.name} loads from other hosts: {outside}"
    for sheet in built_book.rglob("*.css"):
        imports = re.findall(r"url\((['\"]?)(https?:)?//", sheet.read_text(encoding="utf-8", errors="replace"))
        assert imports == [], f"{sheet.name} loads from other hosts"


def test_chapter_page_has_its_activities(built_book):
    page = (built_book / "book" / "step-01.html").read_text(encoding="utf-8")
    chapter = load_course(built_book.parents[1]).chapter("step-01")
    assert chapter.questions and page.count('class="wc-question"') == len(chapter.questions)
    assert 'class="wc-scenario"' in page and 'class="wc-reflections"' in page
    assert "welcome-course.js" in page and "welcome-course.css" in page
    # the code that displays them is not shown to readers
    assert "load_chapter" not in page


MENU = re.compile(r'<nav class="bd-links bd-docs-nav" aria-label="Main">(.*?)</nav>', re.S)
MENU_ITEM = re.compile(r'<li class="toctree-l1([^"]*)">\s*<a class="([^"]*)" href="([^"]*)">\s*(.*?)\s*</a>', re.S)


def test_every_page_shows_the_whole_menu_and_marks_where_the_reader_is(built_book):
    """The left-hand menu lists the start page and every page of _toc.yml, in order, on every page
    (the start page and the search page included); on a page of the book it marks that page, and
    only that one, as the current page."""
    toc = yaml.safe_load((built_book.parents[1] / "_toc.yml").read_text(encoding="utf-8"))
    expected = [toc["root"]] + [entry["file"] for part in toc["parts"] for entry in part["chapters"]]
    chapters = sorted(built_book.glob("book/*.html"))
    assert sorted(p.relative_to(built_book).with_suffix("").as_posix() for p in chapters) == sorted(expected)
    pages = [*chapters, built_book / "search.html", built_book / "genindex.html"]  # index.html only redirects
    for page in pages:
        here = page.relative_to(built_book).with_suffix("").as_posix()
        menus = MENU.findall(page.read_text(encoding="utf-8"))
        assert len(menus) == 1, f"{here}: {len(menus)} menus"
        items = MENU_ITEM.findall(menus[0])
        linked = [
            here
            if href == "#"
            else (page.parent / href).resolve().relative_to(built_book.resolve()).with_suffix("").as_posix()
            for _, _, href, _ in items
        ]
        assert linked == expected, f"{here}: the menu lists {linked}"
        current = [linked[i] for i, (li_class, a_class, href, _) in enumerate(items) if "current" in li_class]
        assert current == ([here] if here in expected else []), f"{here}: the menu marks {current} as current"
        for li_class, a_class, href, _ in items:
            if "current" in li_class:
                assert "active" in li_class.split() and href == "#"
            else:
                assert "current" not in a_class and href != "#"


def test_a_broken_content_file_stops_the_build_with_a_clear_message(tmp_path):
    root = copy_course(tmp_path / "course")
    chapter_file = root / "data" / "chapters" / "step-01.yml"
    chapter = yaml.safe_load(chapter_file.read_text(encoding="utf-8"))
    del chapter["quiz"][1]["feedback_true"]
    chapter_file.write_text(yaml.safe_dump(chapter, sort_keys=False, allow_unicode=True), encoding="utf-8")
    done = build_book(root)
    assert done.returncode == 1
    assert "data/chapters/step-01.yml" in done.stderr
    assert "quiz question 'whose-business-recognition': feedback_true: missing; expected text" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (root / "_build" / "html").exists()


def test_editing_a_question_rebuilds_only_the_pages_that_show_it_and_the_notebook_stays_valid(tmp_path):
    """The instructor's edit loop: change one question's prompt in data/, build again. The page
    shows the new text; of the book's pages, only those that show that chapter's file are written
    again (the chapter, and My progress and the cohort report, which list every chapter), and no
    other chapter; the notebook still passes strict nbval without refreshing its stored outputs."""
    root = copy_course(tmp_path / "course")
    assert build_book(root).returncode == 0
    html = root / "_build" / "html"
    chapter_file = root / "data" / "chapters" / "step-01.yml"
    question = load_course(root).chapter("step-01").questions[0]
    question_id, old_prompt = question.id, question.prompt
    new_prompt = "A girl who arrived from Chile in May sits alone at lunch: what do you do first?"
    page = html / "book" / "step-01.html"
    assert _visible_text(old_prompt) in page.read_text(encoding="utf-8")
    written_before = {p: p.stat().st_mtime_ns for p in html.rglob("*.html")}

    chapter_file.write_text(
        with_prompt(chapter_file.read_text(encoding="utf-8"), question_id, new_prompt), encoding="utf-8"
    )
    assert load_course(root).chapter("step-01").questions[0].prompt == new_prompt

    done = build_book(root)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rebuilt = page.read_text(encoding="utf-8")
    assert _visible_text(new_prompt) in rebuilt and _visible_text(old_prompt) not in rebuilt
    rewritten = {p.relative_to(html).as_posix() for p, mtime in written_before.items() if p.stat().st_mtime_ns != mtime}
    showing = {
        f"{Path(doc).as_posix()}.html"
        for doc in _notebook_docs(root)
        if chapter_file in content_dependencies(root, doc)
    }
    # Sphinx also writes again, on every build, its own pages (search, index of terms), the start
    # page that sends readers on, and the page whose table of contents lists the chapter.
    root_doc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))["root"]
    allowed = showing | {"search.html", "genindex.html", "index.html", f"{root_doc}.html"}
    # the same in each translation's folder (its pages show the same content files)
    allowed |= {f"{code}/{page}" for code in configured_languages(root)[1:] for page in allowed}
    assert "book/step-01.html" in rewritten
    assert rewritten <= allowed, f"pages written again that do not show step-01.yml: {sorted(rewritten - allowed)}"
    assert "book/step-02.html" not in showing

    nbval = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "book/step-01.ipynb"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert nbval.returncode == 0, nbval.stdout[-3000:]


def _visible_text(text: str) -> str:
    return html_module.escape(" ".join(text.split()), quote=False)


def _notebook_docs(root: Path) -> list[str]:
    return [p.relative_to(root).with_suffix("").as_posix() for p in (root / "book").glob("*.ipynb")]


@pytest.mark.build  # reads the built book
def test_a_page_loads_the_figures_and_completion_scripts_only_where_it_shows_their_parts(built_book):
    def loaded(page: str) -> set[str]:
        text = (built_book / page).read_text(encoding="utf-8")
        return set(re.findall(r"_static/(welcome-course-(?:figures|completion)\.(?:js|css))", text))

    both = {"welcome-course-figures.js", "welcome-course-figures.css"}
    completion = {"welcome-course-completion.js", "welcome-course-completion.css"}
    assert loaded("book/step-01.html") == set()  # a chapter: neither (38 KB less to load)
    assert loaded("fr/book/step-01.html") == set()
    assert loaded("book/figures.html") == both
    for page in ("book/intro.html", "book/my-progress.html", "book/action-plan.html"):
        assert loaded(page) == completion, page


@pytest.mark.build  # reads the built book
def test_the_toggle_script_and_code_colours_load_only_on_pages_that_show_a_toggle_or_code(built_book):
    def loaded(page: str) -> set[str]:
        text = (built_book / page).read_text(encoding="utf-8")
        return set(re.findall(r"_static/((?:togglebutton|pygments)\.(?:js|css))", text))

    for page in ("book/step-01.html", "book/step-09.html", "fr/book/step-09.html", "book/figures.html"):
        assert loaded(page) == set(), page  # no toggle, no code shown: 25 KB less to load
    instructors = built_book / "book/instructors.html"
    assert 'class="highlight' in instructors.read_text(encoding="utf-8")  # it shows commands
    assert loaded("book/instructors.html") == {"pygments.css"}


@pytest.mark.build  # reads the built book
def test_the_course_scripts_and_style_sheets_reach_readers_minified_naming_their_source(built_book):
    source = ROOT / "welcome_course" / "static"
    for language_root in (built_book, built_book / "fr"):
        built = sorted(
            [
                *(language_root / "_static").glob("welcome-course*.js"),
                *(language_root / "_static").glob("welcome-course*.css"),
            ]
        )
        assert len(built) >= 8, built
        for path in built:
            text, original = path.read_text(encoding="utf-8"), (source / path.name).read_text(encoding="utf-8")
            if text == original and len(original) < 1000:
                continue  # a few rules with no comment: minifying would not make it smaller
            first, _, rest = text.partition("\n")
            assert first == f"/* minified from welcome_course/static/{path.name}: read that file, with its comments */"
            assert "/*" not in rest and "\n  " not in rest, f"{path.name}: comments or indentation left"
            assert len(text) < 0.85 * len(original), path.name


@pytest.mark.parametrize(
    "body, used",
    [
        ('<div class="toggle admonition">', True),
        ('<div class="admonition dropdown">', True),
        ('<details class="toggle-details">', True),
        ('<button class="sidebar-toggle primary-toggle">', False),  # the theme's own buttons are not toggles
        ('<div class="wc-toggle-row">', False),
        ("<p>Open the dropdown and toggle it</p>", False),  # words in the text are not classes
    ],
)
def test_a_toggle_is_recognised_by_its_class_names_only(body, used):
    from welcome_course.site.extension import ONLY_WHERE_USED

    assert bool(ONLY_WHERE_USED["togglebutton."].search(body)) is used

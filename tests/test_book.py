"""The hosted book: it builds with warnings as errors, uses nothing from other hosts,
and never shows stale questions."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml
from support import build_book, copy_course

from welcome_course.content.course import load_course

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
        if tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & {"stylesheet", "preload", "icon", "modulepreload"}:
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
    pages = chapters + [built_book / "search.html", built_book / "genindex.html"]  # index.html only redirects
    for page in pages:
        here = page.relative_to(built_book).with_suffix("").as_posix()
        menus = MENU.findall(page.read_text(encoding="utf-8"))
        assert len(menus) == 1, f"{here}: {len(menus)} menus"
        items = MENU_ITEM.findall(menus[0])
        linked = [here if href == "#" else (page.parent / href).resolve().relative_to(built_book.resolve())
                  .with_suffix("").as_posix() for _, _, href, _ in items]
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


def test_editing_a_question_and_rebuilding_shows_the_change(tmp_path):
    root = copy_course(tmp_path / "course")
    # only the introduction and chapter 1, to keep this test quick
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: book/step-01\n", encoding="utf-8"
    )
    intro = root / "book" / "intro.md"
    intro.write_text(re.sub(r"\{doc\}`([^<`]*)<[^>]*>`", r"\1", intro.read_text(encoding="utf-8")), encoding="utf-8")
    assert build_book(root).returncode == 0
    page = root / "_build" / "html" / "book" / "step-01.html"
    assert "A pupil who arrived in the country last month" in page.read_text(encoding="utf-8")

    chapter_file = root / "data" / "chapters" / "step-01.yml"
    text = chapter_file.read_text(encoding="utf-8")
    chapter_file.write_text(text.replace("A pupil who arrived in the country last month", "A girl who arrived from Chile in May"), encoding="utf-8")
    done = build_book(root)
    assert done.returncode == 0, done.stdout[-3000:]
    rebuilt = page.read_text(encoding="utf-8")
    assert "A girl who arrived from Chile in May" in rebuilt
    assert "A pupil who arrived in the country last month" not in rebuilt

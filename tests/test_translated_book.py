"""The book as _config.yml publishes it: English at the top of _build/html, each translation
(French, Spanish) in a folder of its own, every page linking to itself in the other languages.
The page-weight, axe and Nu gates cover these pages too: test_quality.py visits every page built."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from support import ROOT
from welcome_course.i18n.languages import configured_languages

pytestmark = pytest.mark.build
TRANSLATIONS = configured_languages(ROOT)[1:]
LABELS = {"en": "Languages"}


def pages(html_root: Path) -> list[str]:
    """The book's own pages in English (relative paths), not the theme's or search's."""
    found = []
    for path in sorted(html_root.rglob("*.html")):
        relative = path.relative_to(html_root).as_posix()
        if relative.split("/")[0] in TRANSLATIONS or relative.startswith(("_static/", "_sources/")):
            continue
        found.append(relative)
    return found


def article_text(page: str) -> str:
    """The words of the page's article (no menus, no scripts), as a reader sees them."""
    main = re.search(r"<article[^>]*>(.*)</article>", page, re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", main.group(1) if main else page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_french_and_spanish_are_published():
    assert {"fr", "es"} <= set(TRANSLATIONS)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_english_page_has_its_counterpart_with_lang_and_language_links(built_book, language):
    english_pages = pages(built_book)
    assert len(english_pages) >= 15
    for relative in english_pages:
        translated = built_book / language / relative
        assert translated.is_file(), f"{language}/{relative} is missing"
        text = translated.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{language}"', text), f"{language}/{relative}: no <html lang>"
        if relative == "index.html":  # only sends the reader on to the first page
            continue
        # no <link rel="alternate">: the book's own address is not known (html: baseurl: ""), and search
        # engines ignore relative ones (tests/test_publishing.py builds with an address)
        assert 'rel="alternate"' not in text
        if relative in ("search.html", "genindex.html"):  # Sphinx's own pages: no body for the links
            continue
        nav = re.search(r'<nav class="wc-languages" aria-label="([^"]+)">(.*?)</nav>', text, re.S)
        assert nav, f"{language}/{relative}: no links to the other languages"
        assert nav.group(1) != LABELS["en"], f"{language}/{relative}: the links' label is still English"
        links = dict(re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav.group(2)))
        targets = {code: href for href, code in links.items()}
        assert set(targets) == {"en", *TRANSLATIONS} - {language}
        for code, href in targets.items():
            folder = built_book if code == "en" else built_book / code
            assert (translated.parent / href).resolve() == (folder / relative).resolve()


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("page", ["book/step-03.html", "book/step-09.html", "book/intro.html", "book/figures.html"])
def test_a_translated_page_shares_under_a_fifth_of_its_text_with_the_english(built_book, language, page):
    english = shingles(article_text((built_book / page).read_text(encoding="utf-8")))
    translated = shingles(article_text((built_book / language / page).read_text(encoding="utf-8")))
    assert len(translated) > 200
    common = len(translated & english) / len(translated)
    assert common < 0.20, f"{language}/{page}: {common:.0%} of its text is the English page's"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_page_shows_the_themes_words_and_the_activities_in_its_language(built_book, language):
    page = (built_book / language / "book/step-03.html").read_text(encoding="utf-8")
    english = (built_book / "book/step-03.html").read_text(encoding="utf-8")
    assert "Check my answer" in english and "Check my answer" not in page
    search = {"fr": "Rechercher", "es": "Buscar"}[language]  # the theme's own catalogue
    assert search in page


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_page_writes_shares_as_its_language_does(built_book, language):
    """The data chapter in French and Spanish: '25,3 %', not the English '25.3 %' (tables, charts, descriptions)."""
    english = article_text((built_book / "book/figures.html").read_text(encoding="utf-8"))
    translated = article_text((built_book / language / "book/figures.html").read_text(encoding="utf-8"))
    shares = re.findall(r"\b\d+\.\d %", english)
    assert len(shares) > 10
    assert not re.findall(r"\b\d+\.\d %", translated)
    for share in set(shares):
        assert share.replace(".", ",") in translated


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_chapter_downloads_as_the_notebook_in_its_language(built_book, language):
    """The page's "download .ipynb" button: book/fr/step-03.ipynb on the French page, not the English notebook."""
    page = (built_book / language / "book/step-03.html").read_text(encoding="utf-8")
    assert "_sources/book/step-03.ipynb" in page
    downloaded = (built_book / language / "_sources/book/step-03.ipynb").read_text(encoding="utf-8")
    assert downloaded == (ROOT / "book" / language / "step-03.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_translated_page_has_its_title_in_its_language(built_book, language):
    """The page's title is translated too (a title starting '3. ' once stayed in English: tests/test_translations.py)."""
    for english_page in sorted((built_book / "book").glob("*.html")):
        english = re.search(r"<h1>(.*?)<", english_page.read_text(encoding="utf-8"), re.S).group(1).strip()
        page = built_book / language / "book" / english_page.name
        translated = re.search(r"<h1>(.*?)<", page.read_text(encoding="utf-8"), re.S).group(1).strip()
        assert translated != english, f"{language}/book/{english_page.name}: the title is still '{english}'"

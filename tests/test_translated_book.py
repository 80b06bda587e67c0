"""The book built in two languages: a copy of the course whose _config.yml lists fr, and whose French
catalogues (made by `translations update fr`, pages included) have a few texts translated here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from support import build_book, copy_course
from welcome_course.content.course import load_course

pytestmark = pytest.mark.build
FR = Path("data/locales/fr/LC_MESSAGES")


def translate(path: Path, choose) -> list[str]:
    """Translate the entries `choose(message)` gives a text for; return the English of those."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    done = []
    for message in catalogue:
        if message.id and (text := choose(message)):
            message.string = text
            done.append(message.id)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    assert done, f"nothing translated in {path}"
    return done


@pytest.fixture(scope="module")
def french_book(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("fr") / "course")
    config = root / "_config.yml"
    config.write_text(
        re.sub(r"(?m)^languages: \[en\]", "languages: [en, fr]", config.read_text(encoding="utf-8")), encoding="utf-8"
    )
    import subprocess
    import sys

    made = subprocess.run(
        [sys.executable, "-m", "welcome_course", "translations", "update", "fr"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    assert (root / FR / "book/step-03.po").is_file()  # the notebook's markdown, extracted by Sphinx
    question = load_course(root, language="en").chapter("step-03").questions[0]
    translate(
        root / FR / "data/chapters/step-03.po",
        lambda m: "Que retenir de cette histoire ?" if m.context.endswith(f"'{question.id}' | prompt") else None,
    )
    heading = translate(
        root / FR / "book/step-03.po",
        lambda m: "Pourquoi lire des récits de vie ?" if m.id == "Why read life stories?" else None,
    )
    assert heading
    translate(root / FR / "data/interface.po", lambda m: "Langues" if m.context.endswith("| languages_label") else None)
    built = build_book(root)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return root / "_build" / "html", question


def test_the_french_chapter_page_is_french_where_translated_and_english_elsewhere(french_book):
    html_root, _ = french_book
    page = (html_root / "fr/book/step-03.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "Que retenir de cette histoire ?" in page and "Pourquoi lire des récits de vie ?" in page
    assert "Check my answer" in page  # not translated: English
    assert ">Recherche" in page or "Rechercher" in page  # the theme's own words, in French
    english = (html_root / "book/step-03.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and "Que retenir" not in english and "Why read life stories?" in english


def test_each_page_links_to_itself_in_the_other_language(french_book):
    html_root, _ = french_book
    french = (html_root / "fr/book/step-03.html").read_text(encoding="utf-8")
    english = (html_root / "book/step-03.html").read_text(encoding="utf-8")
    to_english = re.search(
        r'<nav class="wc-languages" aria-label="Langues">.*?href="([^"]+)" hreflang="en"', french, re.S
    )
    to_french = re.search(
        r'<nav class="wc-languages" aria-label="Languages">.*?href="([^"]+)" hreflang="fr"', english, re.S
    )
    assert to_english and to_french
    assert (html_root / "fr/book" / to_english.group(1)).resolve() == (html_root / "book/step-03.html").resolve()
    assert (html_root / "book" / to_french.group(1)).resolve() == (html_root / "fr/book/step-03.html").resolve()
    for page in (html_root / "book").glob("*.html"):  # every English page has its French counterpart
        assert (html_root / "fr/book" / page.name).is_file()

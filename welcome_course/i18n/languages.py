"""The languages the book is published in, and what changes in a build for one of them.

_config.yml's `languages:` lists them, English first (default: [en]). `make book` builds English
into _build/html/ as always, and each other language into _build/html/<lang>/ with:
- Sphinx's `language` (so <html lang>, and the theme's own words: search, menu, buttons, which
  pydata-sphinx-theme and sphinx-book-theme ship in French, Spanish and more);
- the pages' translations from data/locales/<lang>/LC_MESSAGES/book/*.po (Sphinx's i18n,
  one catalogue per page: gettext_compact off);
- the content files' translations (WELCOME_COURSE_LANGUAGE, set by the course's extension from
  `language`: content/translation.py);
- on every page, links to the same page in the other languages (templates/site/language-links.html),
  only when more than one language is listed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content.problems import ContentError, Problem
from ..content.translation import LOCALES, SOURCE_LANGUAGE, known_language, language_problem

CONFIG = "_config.yml"


def configured_languages(root: Path) -> list[str]:
    """_config.yml's `languages:`, English first; ContentError for a wrong entry."""
    path = Path(root) / CONFIG
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return [SOURCE_LANGUAGE]  # the build itself reports an unreadable _config.yml
    listed = config.get("languages", [SOURCE_LANGUAGE]) if isinstance(config, dict) else [SOURCE_LANGUAGE]
    if not isinstance(listed, list) or not all(isinstance(code, str) for code in listed):
        raise ContentError(
            [Problem(CONFIG, "", "languages", "expected a list of language codes, such as [en, fr, es]")]
        )
    wrong = [code for code in listed if not known_language(code)]
    if wrong:
        raise ContentError([language_problem(code, f"{CONFIG}: languages") for code in wrong])
    return [SOURCE_LANGUAGE] + [code for code in dict.fromkeys(listed) if code != SOURCE_LANGUAGE]


def sphinx_overrides(root: Path, language: str, languages: list[str]) -> dict:
    """Sphinx settings for one language's build (none for English alone: its pages stay as they were)."""
    settings: dict = {}
    if len(languages) > 1:
        settings["welcome_course_languages"] = ",".join(languages)
    if language != SOURCE_LANGUAGE:
        settings.update({"language": language, "locale_dirs": [LOCALES], "gettext_compact": False})
    return settings


def output_folder(root: Path, language: str) -> Path:
    html = Path(root) / "_build" / "html"
    return html if language == SOURCE_LANGUAGE else html / language


def doctree_folder(root: Path, language: str) -> Path:
    return Path(root) / "_build" / (".doctrees" if language == SOURCE_LANGUAGE else f".doctrees-{language}")


def page_links(pagename: str, language: str, languages: list[str]) -> list[dict]:
    """The same page in every listed language, as relative links from `pagename` in `language`'s build."""
    depth = pagename.count("/") + (0 if language == SOURCE_LANGUAGE else 1)
    to_html_root = "../" * depth
    links = []
    for code in languages:
        folder = "" if code == SOURCE_LANGUAGE else f"{code}/"
        links.append(
            {
                "code": code,
                "href": f"{to_html_root}{folder}{pagename}.html",
                "current": code == language,
                "name": language_name(code),
            }
        )
    return links


def language_name(code: str) -> str:
    """A language's name in itself: 'français', 'español', 'English'."""
    from .locale_facts import name_in_itself

    name = name_in_itself(code)
    return name[:1].upper() + name[1:]


def english_name(code: str) -> str:
    """A language's name in English, for the course's messages to its authors: 'French', 'Spanish'."""
    from .locale_facts import english_name as name_in_english

    return name_in_english(code)

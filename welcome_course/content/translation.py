"""The content files in another language: every text field read through Block.text is translatable.

The English YAML files stay the only source of ids, correct answers, links and the scenarios'
structure. A language's translations of their texts live in gettext catalogues (PO files, which
Poedit, Weblate and Transifex open), one per content file, mirroring its path:

    data/chapters/step-07.yml  ->  data/locales/fr/LC_MESSAGES/data/chapters/step-07.po

Each entry's msgctxt names the file, the item and the field ("data/chapters/step-07.yml | quiz
question 'home-language' | options[2].text"), so the same English words in two places can be
translated differently. `python -m welcome_course translations update` writes the catalogues
(i18n/catalogues.py).

How a translation reaches the course: while a loader (content/course.py's load_course, the
self-assessment's and the action plan's readers, the figures' schema) reads a file inside
`using(root, language)`, Block.text (content/fields.py) passes every text it returns through
`translated`, which looks the text up in the active Translator. What is read with Block.word,
identifier, web_address, choice or flag (ids, types, answers, links, node names) never is.
A missing, fuzzy (its English changed) or unsafe translation (a placeholder lost, markup added:
`problems_of`) falls back to the English text. A translated text keeps its English as `.source`:
an option's id comes from its English text, so a learner's progress survives a change of language.

The language: the `language` argument of load_course, else the environment variable
WELCOME_COURSE_LANGUAGE (the live course's one setting, e.g. WELCOME_COURSE_LANGUAGE=fr), else English.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ContentError, Problem
from .yaml_reader import NOT_ALLOWED

LANGUAGE_ENV = "WELCOME_COURSE_LANGUAGE"
SOURCE_LANGUAGE = "en"
LOCALES = "data/locales"  # <LOCALES>/<lang>/LC_MESSAGES/<source path>.po
CONTEXT_SEPARATOR = " | "

# Text fields that are not reader-facing words although they are read as text: addresses, the
# figures' column names and source addresses, and the phrases by which checks/quotes.py recognises
# a group or a place in the English pages (data/education-figures.schema.yml).
NOT_TRANSLATED = {
    "data/course.yml": ("url", "step_url"),
    "data/education-figures.schema.yml": ("url", "publisher_url", "source", "name@column", "phrases[*]"),
}


class Translated(str):
    """A translated text; `.source` is the English it translates."""

    def __new__(cls, text: str, source: str):
        value = super().__new__(cls, text)
        value.source = source
        return value

    def __reduce__(self):  # Sphinx's parallel build pickles the course's objects
        return (Translated, (str(self), self.source))


def english(text: str) -> str:
    """The English source of a text read from the content files (itself when untranslated)."""
    return getattr(text, "source", text)


# --- the language ------------------------------------------------------------------------------


def known_language(code: str) -> bool:
    """A language code the CLDR (and so Babel and Sphinx) knows: 'fr', 'es', 'pt_BR'; not 'xx' or 'french'."""
    from ..i18n.locale_facts import known

    return known(code)


def language_problem(code: str, where: str) -> Problem:
    return Problem(
        where,
        "",
        "",
        f"'{code}' is not a language code the course knows; expected a code such as "
        "fr, es, el, it, pt, ro or tr (ISO 639-1, optionally with a region: pt_BR)",
    )


def resolve_language(language: str | None = None) -> str:
    """The language asked for (argument, else WELCOME_COURSE_LANGUAGE, else English); ContentError
    for an unknown code."""
    code = (language or os.environ.get(LANGUAGE_ENV, "") or SOURCE_LANGUAGE).strip()
    if code != SOURCE_LANGUAGE and not known_language(code):  # English needs no look-up
        where = "the language asked for" if language else f"the environment variable {LANGUAGE_ENV}"
        raise ContentError([language_problem(code, where)])
    return code


# --- what a translation may change -------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
MYST_MARKUP = re.compile(r"\{[A-Za-z][\w:.+-]*\}`|^\s*(```|~~~|:::)|^\s*\([\w-]+\)=\s*$|^\s*%", re.M)


ROLE_TEXT = re.compile(r"(\{[A-Za-z][\w:.+-]*\}`)[^`]*`")  # a role's text, e.g. {term}`débriefing <Debrief>`


def _tokens(pattern: re.Pattern, text: str) -> list[str]:
    if pattern is HTML_TAG:  # a role's text is shown as text, and may name its target as <Target>
        text = ROLE_TEXT.sub(lambda m: m.group(1) + "`", text)
    return sorted(m.group(0).strip() for m in pattern.finditer(text))


def problems_of(source: str, translation: str) -> list[str]:
    """What makes a translation unsafe to show: a {placeholder} of the English lost, renamed or
    added; an HTML tag or a MyST directive, role or label that the English does not have."""
    found = []
    invisible = NOT_ALLOWED.search(translation)
    if invisible and not NOT_ALLOWED.search(source):
        found.append(
            f"the translation holds the invisible character U+{ord(invisible.group()):04X}, which a page shows as "
            "nothing or as '\ufffd': delete it"
        )
    want, got = _tokens(PLACEHOLDER, source), _tokens(PLACEHOLDER, translation)
    if want != got:
        missing = [p for p in dict.fromkeys(want) if want.count(p) > got.count(p)]
        extra = [p for p in dict.fromkeys(got) if got.count(p) > want.count(p)]
        parts = []
        if missing:
            parts.append(f"lacks {', '.join(missing)}")
        if extra:
            parts.append(f"has {', '.join(extra)}, which the English does not")
        found.append(
            f"the translation {' and '.join(parts)}; keep every {{name}} of the English exactly as it "
            "is written (the course fills it in), and add none"
        )
    for pattern, what in ((HTML_TAG, "the HTML tag"), (MYST_MARKUP, "the MyST markup")):
        allowed = _tokens(pattern, source)
        added = [
            t
            for t in dict.fromkeys(_tokens(pattern, translation))
            if _tokens(pattern, translation).count(t) > allowed.count(t)
        ]
        if added:
            found.append(
                f"the translation adds {what} {', '.join(repr(a) for a in added)}, which would change the "
                "page; translate the words only"
            )
    return found


# --- catalogues --------------------------------------------------------------------------------


def catalogue_path(root: Path, language: str, source: str) -> Path:
    """The catalogue of one source file: data/chapters/step-07.yml -> data/locales/fr/LC_MESSAGES/data/chapters/step-07.po."""
    return Path(root) / LOCALES / language / "LC_MESSAGES" / Path(source).with_suffix(".po")


def context(file: str, item: str, field_path: str) -> str:
    return CONTEXT_SEPARATOR.join((file, item, field_path))


@dataclass
class Translator:
    """The usable translations of one language's content catalogues, and the texts that fell back."""

    language: str
    strings: dict[tuple[str, str], str] = field(default_factory=dict)  # (msgctxt, msgid) -> msgstr
    fallbacks: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path, language: str) -> Translator:
        from ..i18n.po import PoError, read_catalogue

        translator = cls(language)
        folder = Path(root) / LOCALES / language / "LC_MESSAGES" / "data"
        for path in sorted(folder.rglob("*.po")) if folder.is_dir() else ():
            try:
                catalogue = read_catalogue(path)
            except (PoError, OSError):  # an unreadable catalogue is reported by check; English here
                continue
            for entry in catalogue:
                if entry.string and not entry.fuzzy and entry.context and not problems_of(entry.id, entry.string):
                    translator.strings[(entry.context, entry.id)] = entry.string
        return translator

    def text(self, msgctxt: str, source: str) -> str:
        found = self.strings.get((msgctxt, source))
        if found is None:
            self.fallbacks.append((msgctxt, source))
            return source
        return Translated(found, source)


@dataclass
class Recorder:
    """Every translatable text read, in order: what `translations update` extracts."""

    entries: list[tuple[str, str, str, int | None]] = field(default_factory=list)  # file, msgctxt, text, line


_translator: contextvars.ContextVar[Translator | None] = contextvars.ContextVar(
    "welcome_course_translator", default=None
)
_recorder: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("welcome_course_recorder", default=None)
_cache: dict[tuple[str, str], tuple[tuple, Translator]] = {}


def _catalogue_stamp(root: Path, language: str) -> tuple:
    folder = Path(root) / LOCALES / language / "LC_MESSAGES" / "data"
    if not folder.is_dir():
        return ()
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*.po")))


def translator_for(root: Path, language: str) -> Translator | None:
    """The language's translator (None for English), read again when a catalogue changed."""
    if language == SOURCE_LANGUAGE:
        return None
    key = (str(Path(root).resolve()), language)
    stamp = _catalogue_stamp(root, language)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, Translator.load(root, language))
        _cache[key] = cached
    return cached[1]


@contextlib.contextmanager
def using(root: Path, language: str | None = None):
    """Read content files in `language` (None: WELCOME_COURSE_LANGUAGE, else English) inside this block."""
    code = resolve_language(language)
    token = _translator.set(translator_for(root, code))
    try:
        yield code
    finally:
        _translator.reset(token)


def is_recording() -> bool:
    """True inside `recording()`: texts read now are being collected (so none may come from a cache)."""
    return _recorder.get() is not None


@contextlib.contextmanager
def recording():
    """Record every translatable text read inside this block (read in English)."""
    recorder = Recorder()
    token, english_token = _recorder.set(recorder), _translator.set(None)
    try:
        yield recorder
    finally:
        _recorder.reset(token)
        _translator.reset(english_token)


def _excluded(file: str, item: str, field_path: str) -> bool:
    name = field_path.rsplit(".", 1)[-1]
    listed = re.sub(r"\[\d+\]$", "[*]", name)  # goals[2] -> goals[*]
    for excluded in NOT_TRANSLATED.get(file, ()):
        field_name, _, item_start = excluded.partition("@")
        if field_name in (name, listed) and item.startswith(item_start):
            return True
    return False


def translated(file: str, item: str, field_path: str, text: str, line: int | None) -> str:
    """A text field's value in the active language (called by Block.text and Block.texts)."""
    if not text or _excluded(file, item, field_path):
        return text
    recorder = _recorder.get()
    if recorder is not None:
        recorder.entries.append((file, context(file, item, field_path), text, line))
        return text
    translator = _translator.get()
    return text if translator is None else translator.text(context(file, item, field_path), text)

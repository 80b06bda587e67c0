"""What `check` says about the translation catalogues (data/locales/LANG/LC_MESSAGES/**.po).

Refused (problems: the book does not build), each with the catalogue's file, line and string:
- a folder of data/locales/ or an entry of _config.yml's `languages:` that is not a language code;
- a catalogue that cannot be read as a PO file;
- a translation that loses, renames or adds a {placeholder}, or adds an HTML tag or MyST markup
  (a directive, a role, a label) that the English does not have (content/translation.py: problems_of).
Reported (never stops the book):
- coverage per language, and the files with texts still missing ("fr: 97 % — 12 missing in step-07");
- stale entries: fuzzy (their English changed since they were translated) and obsolete (their English
  is gone), which `translations update` marks and a translator confirms or deletes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.problems import ContentError, Problem
from ..content.translation import LOCALES, SOURCE_LANGUAGE, known_language, language_problem, problems_of

# A page's translation is read by Sphinx as a piece of Markdown on its own: one that starts with a
# number and a point ("3. Analyser …", a chapter's title or a table's cell) reads as a numbered list,
# which Sphinx refuses as a title or a cell's text, leaving the English on the page.
LIST_START = re.compile(r"\d+[.)]\s")
LIST_START_ADVICE = (
    "starts with a number and a point, which the page would read as a numbered list and then show the "
    "English instead: put a backslash before the point, as in 3\\. (the page shows 3.)"
)


@dataclass
class Coverage:
    language: str
    total: int = 0
    translated: int = 0
    missing: dict[str, int] = field(default_factory=dict)  # source file -> texts missing
    stale: list[str] = field(default_factory=list)  # "file, line N: fuzzy 'text…'"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.translated / self.total)

    def line(self) -> str:
        text = f"{self.language}: {self.percent} % ({self.translated} of {self.total} texts)"
        by_name: dict[str, int] = {}  # book/step-07 and data/chapters/step-07.yml: "step-07"
        for file, count in self.missing.items():
            by_name[Path(file).stem] = by_name.get(Path(file).stem, 0) + count
        if by_name:
            worst = sorted(by_name.items(), key=lambda kv: (-kv[1], kv[0]))
            text += " — " + ", ".join(f"{n} missing in {name}" for name, n in worst)
        if self.stale:
            text += f"; {len(self.stale)} stale (English changed or gone): " + "; ".join(self.stale[:3])
            if len(self.stale) > 3:
                text += f"; and {len(self.stale) - 3} more"
        return text


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _read(path: Path, shown: str, problems: list[Problem]):
    from .po import PoError, read_catalogue

    try:
        return read_catalogue(path)
    except (PoError, OSError) as err:
        problems.append(
            Problem(shown, "", "", f"is not a readable PO catalogue ({err}); open and save it again in Poedit")
        )
        return None


def catalogue_report(root: Path, only: str | None = None) -> tuple[list[Problem], list[Coverage]]:
    """Problems in the catalogues, and each language's coverage (content from the content files as
    they are now; pages from their catalogues, as `translations update` last wrote them). `only`: the
    catalogues of that one language (a build of that language reads no other; English, none)."""
    from ..i18n.languages import configured_languages

    root = Path(root)
    problems: list[Problem] = []
    try:
        configured = configured_languages(root)
    except ContentError as err:
        problems += err.problems
        configured = [SOURCE_LANGUAGE]
    folder = root / LOCALES
    languages = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    if only is not None:
        languages = [code for code in languages if code == only and code != SOURCE_LANGUAGE]
        configured = [SOURCE_LANGUAGE] + [code for code in configured[1:] if code == only]
    coverage = []
    english_texts = None
    for code in languages:
        where = f"{LOCALES}/{code}"
        if not known_language(code) or code == SOURCE_LANGUAGE:
            problems.append(
                language_problem(code, where)
                if code != SOURCE_LANGUAGE
                else Problem(
                    where,
                    "",
                    "",
                    "English is the course's own language: its texts are the "
                    "content files and pages themselves; remove this folder",
                )
            )
            continue
        if english_texts is None:
            from .catalogues import content_entries

            try:
                english_texts = content_entries(root)
            except ContentError:
                english_texts = {}  # the content's own problems are reported by the rest of check
        coverage.append(_language(root, code, english_texts, problems))
    for code in configured[1:]:
        if code not in languages:
            if english_texts is None:
                from .catalogues import content_entries

                try:
                    english_texts = content_entries(root)
                except ContentError:
                    english_texts = {}
            texts = english_texts or {}
            coverage.append(
                Coverage(code, total=sum(len(v) for v in texts.values()), missing={f: len(v) for f, v in texts.items()})
            )
    return problems, coverage


def _language(root: Path, code: str, english_texts: dict, problems: list[Problem]) -> Coverage:
    coverage = Coverage(code)
    base = root / LOCALES / code / "LC_MESSAGES"
    usable: dict[str, set] = {}
    for path in sorted(base.rglob("*.po")):
        shown = path.relative_to(root).as_posix()
        catalogue = _read(path, shown, problems)
        if catalogue is None:
            continue
        source = path.relative_to(base).with_suffix("").as_posix()
        good = set()
        for message in catalogue:
            if message.string:
                # a fuzzy entry is not shown (its English changed): stale, to check, not a problem
                bad = [] if message.fuzzy else problems_of(message.id, message.string)
                if not message.fuzzy and not source.startswith("data/") and LIST_START.match(message.string):
                    bad.append(LIST_START_ADVICE)
                for reason in bad:
                    problems.append(
                        Problem(shown, f"the string '{_short(message.id)}'", "msgstr", reason, message.line)
                    )
                if message.fuzzy:
                    coverage.stale.append(f"{shown}, line {message.line}: fuzzy '{_short(message.id)}'")
                elif not bad:
                    good.add((message.context, message.id))
            if not source.startswith("data/"):  # a page: its catalogue is the list of its texts
                coverage.total += 1
                missing = (message.context, message.id) not in good
                coverage.translated += not missing
                if missing:
                    coverage.missing[source] = coverage.missing.get(source, 0) + 1
        for message in catalogue.obsolete:
            coverage.stale.append(f"{shown}, line {message.line}: obsolete '{_short(message.id)}'")
        usable[source] = good
    for file, entries in english_texts.items():  # the content: against the files as they are now
        good = usable.get(Path(file).with_suffix("").as_posix(), set())
        for msgctxt, text, _line in entries:
            coverage.total += 1
            if (msgctxt, text) in good:
                coverage.translated += 1
            else:
                coverage.missing[file] = coverage.missing.get(file, 0) + 1
    return coverage


def untranslated_content(root: Path, language: str) -> dict[str, list[str]]:
    """The content files' texts that `language` shows in English (missing, fuzzy or unsafe), by
    source file (data/chapters/step-07.yml): what a preview lists at the top of each page."""
    from .catalogues import content_entries

    root = Path(root)
    base = root / LOCALES / language / "LC_MESSAGES"
    shown: dict[str, list[str]] = {}
    for file, entries in content_entries(root).items():
        path = base / Path(file).with_suffix(".po")
        good = set()
        catalogue = _read(path, file, []) if path.is_file() else None
        for message in catalogue or ():
            if message.string and not message.fuzzy and not problems_of(message.id, message.string):
                good.add((message.context, message.id))
        left = [text for msgctxt, text, _line in entries if (msgctxt, text) not in good]
        if left:
            shown[file] = left
    return shown

"""Writing the translation catalogues: `python -m welcome_course translations update [LANG ...]`.

Two kinds of text, one folder per language, all gettext PO files (Poedit, Weblate, Transifex):

- the content files' texts (data/**.yml): extracted by reading the course in English while
  content/translation.py records every text field (`content_templates`), one template per file;
- the pages' text (book/*.md and the notebooks' markdown cells): extracted by Sphinx's own
  `gettext` builder (myst-nb hands it the notebooks' markdown), one template per page
  (gettext_compact off), into _build/gettext/book/.

Each language's catalogue is then created from its template, or updated as msgmerge would
(Babel's Catalog.update): a text whose English changed keeps its old translation marked fuzzy,
with the previous English (#| msgid), and is not shown until a translator confirms it; a text
no longer in the course becomes obsolete (#~). Templates are not kept in the repository.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import translation
from ..content.translation import LOCALES, SOURCE_LANGUAGE, catalogue_path, known_language

if TYPE_CHECKING:  # Babel writes the catalogues; what only reads them (check, a learner's notebook) does without it
    from babel.messages.catalog import Catalog

PROJECT = "welcome-course"
GETTEXT_DIR = "_build/gettext"  # the pages' templates (.pot), made by Sphinx


def language_folders(root: Path) -> list[str]:
    """The languages that have a folder in data/locales/, sorted."""
    folder = Path(root) / LOCALES
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def content_entries(root: Path) -> dict[str, list[tuple[str, str, int | None]]]:
    """Every translatable text of the content files, by file: (msgctxt, English text, line)."""
    from ..content.course import load_course
    from ..figures.data import SCHEMA_FILE, load_schema
    from ..progress import action_plan, self_assessment

    root = Path(root).resolve()
    with translation.recording() as recorder:
        course = load_course(root, language=SOURCE_LANGUAGE)
        if (root / self_assessment.FILE).is_file():
            self_assessment.load_statements(course)
        if (root / action_plan.FILE).is_file():
            action_plan.load_plan(course)
        if (root / SCHEMA_FILE).is_file():
            load_schema(root)
    by_file: dict[str, dict[tuple[str, str], int | None]] = defaultdict(dict)
    for file, msgctxt, text, line in recorder.entries:
        by_file[file].setdefault((msgctxt, text), line)  # interface.yml is read twice (course, figures)
    return {file: [(ctx, text, line) for (ctx, text), line in entries.items()] for file, entries in by_file.items()}


def content_templates(root: Path) -> dict[str, Catalog]:
    """One template per content file, keyed by the file's path (data/chapters/step-07.yml)."""
    from babel.messages.catalog import Catalog

    templates = {}
    for file, entries in content_entries(root).items():
        template = Catalog(project=PROJECT, fuzzy=False)
        for msgctxt, text, line in entries:
            template.add(text, locations=[(file, line or 0)], context=msgctxt)
        templates[file] = template
    return templates


def page_templates(root: Path, quiet: bool = True) -> dict[str, Catalog]:
    """One template per page (book/step-07), made by Sphinx's gettext builder into _build/gettext."""
    from babel.messages.pofile import read_po
    from jupyter_book.sphinx import build_sphinx

    root = Path(root).resolve()
    out = root / GETTEXT_DIR
    result = build_sphinx(
        root,
        out,
        noconfig=True,
        path_config=str(root / "_config.yml"),
        builder="gettext",
        doctreedir=root / "_build" / ".doctrees-gettext",
        confoverrides={
            "external_toc_path": (root / "_toc.yml").as_posix(),
            "gettext_compact": False,
            "gettext_uuid": False,
            "gettext_location": True,
            "gettext_last_translator": "",
            "latex_individualpages": False,
        },
        quiet=quiet,
        really_quiet=quiet,
        keep_going=True,
    )
    if result != 0:
        raise RuntimeError("Sphinx could not extract the pages' text; run 'python -m welcome_course build' to see why")
    templates = {}
    for path in sorted(out.rglob("*.pot")):
        with path.open("rb") as handle:
            templates[path.relative_to(out).with_suffix("").as_posix()] = read_po(handle)
    return templates


def write_catalogue(path: Path, language: str, template: Catalog) -> str:
    """Create or update one language's catalogue from its template; 'created', 'updated' or 'unchanged'."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    if path.is_file():
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=language)
        before, created = path.read_bytes(), catalogue.creation_date
        was = {m.context: m.id for m in catalogue if m.id and m.context and m.string}
        catalogue.update(template, update_header_comment=False)
        catalogue.creation_date = created  # the template's date changes at every run; the file need not
        for message in catalogue:  # Babel keeps no previous English: the translator is shown what changed
            if (
                message.fuzzy
                and message.context in was
                and was[message.context] != message.id
                and not message.previous_id
            ):
                message.previous_id = [was[message.context]]
        state = "updated"
    else:
        catalogue = Catalog(locale=language, project=PROJECT, fuzzy=False)
        catalogue.update(template)
        before, state = None, "created"
    catalogue.revision_date = catalogue.creation_date  # no date that changes at every run: diffs stay small
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=0, include_previous=True, sort_output=False)
    data = buffer.getvalue()
    if before == data:
        return "unchanged"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return state


def update(root: Path, languages: list[str], pages: bool = True, say=print) -> int:
    """Extract every translatable text and create or update each language's catalogues."""
    root = Path(root).resolve()
    for code in languages:
        if code == SOURCE_LANGUAGE or not known_language(code):
            raise ValueError(code)
    templates: dict[str, Catalog] = {}
    for file, template in content_templates(root).items():
        templates[file] = template
    if pages:
        say("Extracting the pages' text with Sphinx (book/*.md and the notebooks' markdown) …")
        for page, template in page_templates(root).items():
            templates[page + ".md"] = template  # catalogue_path swaps the suffix for .po
    count = sum(len(t) for t in templates.values())
    say(f"{count} texts to translate in {len(templates)} files.")
    for code in languages:
        states: dict[str, int] = defaultdict(int)
        for file, template in templates.items():
            states[write_catalogue(catalogue_path(root, code, file), code, template)] += 1
        done = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
        say(f"{code}: {done} (in {LOCALES}/{code}/LC_MESSAGES/)")
    return count

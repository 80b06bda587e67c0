"""The chapters as live notebooks in each published language: book/<lang>/step-03.ipynb.

A learner who opens the French book and presses Binder or JupyterHub gets the French notebook:
its text from the page catalogue (data/locales/fr/LC_MESSAGES/book/step-03.po, the same
translations the French book's page uses) and its activities in French, because its first code
cell chooses the language once for the whole notebook (`use_language("fr")`). The code cells are
the English notebook's own, so a translated notebook can never do something its English source
does not.

The notebooks are written by `python -m welcome_course execute` (`make notebooks`) for every
language of _config.yml's `languages:`, and kept in the repository, because Binder and
nbgitpuller take the course from there. tests/test_translated_notebooks.py fails when one is out
of date with its English notebook or its catalogue.

How a markdown cell is translated: Sphinx's gettext builder made one catalogue entry per
paragraph, heading, list item, table cell and admonition title, its text being the block's
source with line breaks turned into spaces. The cell is parsed with markdown-it (as MyST does),
each such block is looked up by that text, and its lines are replaced by the translation, keeping
the block's prefix (a heading's `##`, a list item's `*`, a table's `|`). A fenced directive's title
and body are translated the same way. A block without a usable translation stays in English and is
counted as missing.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.translation import LOCALES, SOURCE_LANGUAGE, problems_of

BOOK = "book"
LANGUAGE_CELL = 'from welcome_course import use_language\n\nuse_language("{language}")'
LINK = re.compile(r"(\]\()([^)\s]+)(\))")
DIRECTIVE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\{([\w:-]+)\}(.*)$")
OPTION = re.compile(r"^:[\w-]+:")


@dataclass
class Result:
    """A translated notebook and the English texts it still shows."""

    notebook: dict
    missing: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def page_translations(root: Path, language: str, page: str) -> dict[str, str]:
    """The usable translations of one page's catalogue (book/step-03): English text -> translation."""
    from .po import read_catalogue

    path = Path(root) / LOCALES / language / "LC_MESSAGES" / f"{page}.po"
    if not path.is_file():
        return {}
    return {
        e.id: e.string for e in read_catalogue(path) if e.string and not e.fuzzy and not problems_of(e.id, e.string)
    }


def _message(text: str) -> str:
    return text.replace("\n", " ").strip()  # what Sphinx's gettext builder keeps of a block's source


class _Translator:
    def __init__(self, translations: dict[str, str], result: Result):
        self.translations = translations
        self.result = result

    def lookup(self, english: str) -> str | None:
        key = _message(english)
        if not key:
            return None
        found = self.translations.get(key)
        if found is None:
            self.result.missing.append(key)
        else:
            self.result.used.add(key)
        return found

    def lines(self, lines: list[str]) -> list[str]:
        """A list of markdown lines, translated block by block."""
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines))
        lines = list(lines)
        edits: list[tuple[int, int, list[str]]] = []  # (first line, end line, new lines), blocks not overlapping
        in_cell = False
        for index, token in enumerate(tokens):
            if token.type in ("th_open", "td_open"):
                in_cell = True
            elif token.type in ("th_close", "td_close"):
                in_cell = False
            elif token.type == "fence":
                edits.append(self._fence(token, lines))
            elif token.type == "inline" and not in_cell:
                parent = tokens[index - 1]
                if parent.map is None:
                    continue
                start, end = parent.map
                translated = self.lookup(token.content)
                if translated is None:
                    continue
                first = token.content.split("\n")[0]
                at = lines[start].find(first)
                if at < 0:
                    continue
                edits.append((start, end, [lines[start][:at] + translated]))
            elif token.type == "tr_open" and token.map:
                edits.append(self._row(tokens, index, lines))
        for start, end, new in sorted((e for e in edits if e), key=lambda e: e[0], reverse=True):
            lines[start:end] = new
        return lines

    def _row(self, tokens, index: int, lines: list[str]):
        row = tokens[index].map[0]
        line, at = lines[row], 0
        for token in tokens[index + 1 :]:
            if token.type == "tr_close":
                break
            if token.type != "inline" or not token.content.strip():
                continue
            found = line.find(token.content, at)
            translated = self.lookup(token.content)
            if found < 0 or translated is None:
                continue
            line = line[:found] + translated + line[found + len(token.content) :]
            at = found + len(translated)
        return (row, row + 1, [line])

    def _fence(self, token, lines: list[str]):
        """A MyST directive in a code fence (```{admonition} Title): its title and body; any other fence is code."""
        start, end = token.map
        match = DIRECTIVE.match(lines[start])
        if not match:
            return None
        argument = match.group(4)
        first = lines[start]
        if argument.strip():
            translated = self.lookup(argument)
            if translated is not None:
                first = first[: len(first) - len(argument)] + " " + translated
        body = lines[start + 1 : end - 1]
        options = 0
        while options < len(body) and OPTION.match(body[options].strip()):
            options += 1
        return (start, end, [first, *body[:options], *self.lines(body[options:]), lines[end - 1]])


def _relinked(text: str, notebooks: set[str]) -> str:
    """Links from book/<lang>/: to another translated notebook, as they are; to anything else in the
    course (a page, an image, a data file), one folder up."""

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if "://" in target or target.startswith(("#", "/", "mailto:")) or target.split("#")[0] in notebooks:
            return match.group(0)
        return f"{match.group(1)}../{target}{match.group(3)}"

    return LINK.sub(fix, text)


def translated_notebook(root: Path, source: Path, language: str, notebooks: set[str]) -> Result:
    """The notebook `source` (book/step-03.ipynb) in `language`: markdown from its page catalogue, the
    same code cells, a first code cell choosing the language; stored outputs left as they are (the
    notebook is run afterwards)."""
    root = Path(root)
    notebook = json.loads(Path(source).read_text(encoding="utf-8"))
    page = Path(source).relative_to(root).with_suffix("").as_posix()
    result = Result(copy.deepcopy(notebook))
    translator = _Translator(page_translations(root, language, page), result)
    cells = []
    for cell in result.notebook["cells"]:
        if cell["cell_type"] == "markdown" and "remove-cell" not in cell.get("metadata", {}).get("tags", []):
            # (the install note, tagged remove-cell, is written in the language by `execute`: standalone.py)
            text = "".join(cell["source"])
            text = _relinked("\n".join(translator.lines(text.split("\n"))), notebooks)
            cell["source"] = _source_lines(text)
        cells.append(cell)
    code = [i for i, cell in enumerate(cells) if cell["cell_type"] == "code"]
    # after the cell that checks the course is installed (a chapter opened on its own), before any activity
    at = code[1] if len(code) > 1 and "ModuleNotFoundError" in "".join(cells[code[0]]["source"]) else (code or [0])[0]
    cells.insert(
        at,
        {
            "cell_type": "code",
            "execution_count": None,
            "id": f"language-{language}",
            "metadata": {"tags": ["remove-cell"]},
            "outputs": [],
            "source": _source_lines(LANGUAGE_CELL.format(language=language)),
        },
    )
    result.notebook["cells"] = cells
    # the language of this copy: `execute` writes its install note in that language (authoring/notebooks.py)
    result.notebook.setdefault("metadata", {})["welcome_course"] = {"language": language}
    return result


def _source_lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def notebook_folder(root: Path, language: str) -> Path:
    return Path(root) / BOOK / language


def write_translated_notebooks(root: Path, languages: list[str], say=print) -> list[Path]:
    """Write book/<lang>/*.ipynb for each language but English, keeping the stored outputs of a
    notebook already there when its cells are otherwise unchanged; the paths written."""
    root = Path(root)
    sources = sorted((root / BOOK).glob("*.ipynb"))
    names = {p.name for p in sources}
    written = []
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        folder = notebook_folder(root, language)
        folder.mkdir(parents=True, exist_ok=True)
        missing = 0
        for source in sources:
            result = translated_notebook(root, source, language, names)
            missing += len(result.missing)
            path = folder / source.name
            path.write_text(json.dumps(result.notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(path)
        for stale in sorted(set(folder.glob("*.ipynb")) - {folder / p.name for p in sources}):
            stale.unlink()  # its English notebook is gone
        note = f", {missing} texts still in English (python -m welcome_course check lists them)" if missing else ""
        say(f"{language}: {len(sources)} notebooks in {folder.relative_to(root)}/{note}")
    return written

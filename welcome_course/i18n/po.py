"""Reading a gettext PO catalogue, strictly, with nothing but the standard library.

Where the course runs (a learner's notebook, `check` on Binder) it only reads catalogues; Babel,
which writes them (i18n/catalogues.py) and which Sphinx uses, is 36 MB of locale data that the
learners' environment does without. polib reads PO files too, but passes over a lost quote or a
stray word without a word of warning, and `check` must name the line a translator broke.

What is read is what the course's catalogues hold (Babel, Poedit and Weblate write it): comments,
`#,` flags (fuzzy), msgctxt, msgid, msgstr, strings continued on the next lines, and obsolete
entries (`#~`). Plural entries (msgid_plural) are read and left out: the course has none.
tests/test_po_reader.py reads every catalogue of data/locales/ with this and with Babel and
compares them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# The escapes a C string may hold, as Babel's writer and reader know them
ESCAPES = {"\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)$")


class PoError(ValueError):
    """A catalogue that cannot be read: the message names the line."""


@dataclass(frozen=True)
class Entry:
    context: str | None
    id: str
    string: str
    fuzzy: bool
    line: int  # the line of its msgid, counted from 1


@dataclass
class Catalogue:
    entries: list[Entry] = field(default_factory=list)  # without the header (msgid "")
    obsolete: list[Entry] = field(default_factory=list)

    def __iter__(self):
        return iter(self.entries)


def read_catalogue(path: Path) -> Catalogue:
    """The catalogue at `path`; PoError (naming the line) if it is not a readable PO file."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise PoError(f"not UTF-8 at byte {err.start}") from None
    return parse(text)


def unquote(literal: str, line: int) -> str:
    """The text of one C string literal, `"..."`, with its escapes read."""
    if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
        raise PoError(f"line {line}: a text in double quotes was expected, found {literal[:40]!r}")
    out, body, i = [], literal[1:-1], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in ESCAPES:
                raise PoError(f"line {line}: an unknown escape {body[i : i + 2]!r} (write \\\\ for a backslash)")
            out.append(ESCAPES[body[i + 1]])
            i += 2
            continue
        if char == '"':
            raise PoError(f'line {line}: a double quote inside a text must be written \\"')
        out.append(char)
        i += 1
    return "".join(out)


class _Reader:
    def __init__(self):
        self.catalogue = Catalogue()
        self._reset()

    def _reset(self):
        self.fields: dict[str, list[str]] = {}
        self.last: str | None = None  # the keyword a continued string belongs to
        self.fuzzy = False
        self.obsolete = False
        self.line = 0

    def finish(self) -> None:
        if not self.fields:
            self._reset()
            return
        if "msgid" not in self.fields:
            raise PoError(f"line {self.line}: an entry without msgid")
        if not any(key.startswith("msgstr") for key in self.fields):
            raise PoError(f"line {self.line}: msgid without msgstr")
        text = {key: "".join(parts) for key, parts in self.fields.items()}
        if "msgid_plural" not in text and text["msgid"]:
            entry = Entry(text.get("msgctxt"), text["msgid"], text.get("msgstr", ""), self.fuzzy, self.line)
            (self.catalogue.obsolete if self.obsolete else self.catalogue.entries).append(entry)
        self._reset()

    def comment(self, line: str) -> None:
        if self.last is not None and self.last.startswith("msgstr"):
            self.finish()  # a comment after a msgstr starts the next entry
        if line.startswith("#,"):
            self.fuzzy = self.fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))

    def statement(self, line: str, number: int, obsolete: bool) -> None:
        if line.startswith('"'):
            if self.last is None:
                raise PoError(f"line {number}: a text that follows no msgid or msgstr")
            self.fields[self.last].append(unquote(line, number))
            return
        match = KEYWORD.match(line)
        if not match:
            raise PoError(f"line {number}: expected msgctxt, msgid or msgstr, found {line[:40]!r}")
        keyword, rest = match.groups()
        if keyword in ("msgctxt", "msgid") and self.last is not None and self.last.startswith("msgstr"):
            self.finish()
        if keyword in self.fields:
            raise PoError(f"line {number}: a second {keyword} in one entry")
        if keyword == "msgid":
            self.line = number
        elif keyword == "msgctxt" and "msgid" in self.fields:
            raise PoError(f"line {number}: {keyword} after msgid")
        self.obsolete = obsolete
        self.fields[keyword] = [unquote(rest.strip(), number)]
        self.last = keyword


def parse(text: str) -> Catalogue:
    """A catalogue from its text (see read_catalogue)."""
    reader = _Reader()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            reader.finish()
        elif line.startswith("#~"):
            body = line[2:].strip()
            if body.startswith("|"):  # an obsolete entry's previous msgid
                continue
            reader.statement(body, number, obsolete=True)
        elif line.startswith("#"):
            reader.comment(line)
        else:
            reader.statement(line, number, obsolete=False)
    reader.finish()
    return reader.catalogue

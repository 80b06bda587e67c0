"""Reading fields out of a YAML block while collecting problems.

Each reader method returns a usable value even when the field is wrong (so
that checking goes on and every problem in a file is reported in one pass),
and records a Problem naming the file, the item and the field.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlparse

from .problems import Problem
from .translation import translated  # a text field in the language being read (content/translation.py)
from .yaml_reader import CutText, as_written

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_EXPECTED = "expected an id of lowercase letters, digits and hyphens, such as 'home-languages'"


def type_name(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    return type(value).__name__


class Block:
    """One YAML mapping (a chapter, a question, a node…) being checked."""

    def __init__(self, raw, file: str, item: str, problems: list[Problem], path: str = ""):
        self.file = file
        self.item = item
        self.problems = problems
        self.path = path  # prefix for nested fields, e.g. "options[2]"
        self.line = getattr(raw, "line", None)
        if isinstance(raw, dict):
            self.raw = raw
            self.ok = True
        else:
            self.raw = {}
            self.ok = False
            self.report("", f"expected a block of fields (name: value lines), got {type_name(raw)}")

    def _field(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def report(self, name: str, message: str, line: int | None = None) -> None:
        line_of = getattr(self.raw, "line_of", None)
        if line is None:
            line = line_of(name) if (line_of and name) else self.line
        self.problems.append(Problem(self.file, self.item, self._field(name) if name else self.path, message, line))

    def known_fields(self, *names: str) -> None:
        for key in self.raw:
            if key not in names:
                hint = difflib.get_close_matches(str(key), names, n=1)
                if hint:
                    extra = f"; did you mean '{hint[0]}'?"
                elif len(names) > 12:
                    extra = (
                        f"; it is none of the {len(names)} names the course reads here: check its spelling "
                        "against the other lines, or remove it"
                    )
                else:
                    extra = f"; allowed fields are: {', '.join(names)}"
                self.report(str(key), f"unknown field{extra}")

    def has(self, name: str) -> bool:
        return name in self.raw and self.raw[name] is not None

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        """Text as written (a number too: `1.10` stays 1.10); text that a ` #` comment cut short is reported."""
        value = self.word(name, required, default)
        self._cut_by_comment(name, self.raw.get(name))
        line_of = getattr(self.raw, "line_of", None)
        return translated(self.file, self.item, self._field(name), value, line_of(name) if line_of else self.line)

    def word(self, name: str, required: bool = True, default: str = "") -> str:
        """A field's text, for names and keywords (ids, types), where a trailing comment is fine."""
        if not self.has(name):
            if required:
                self.report(name, "missing; expected text")
            return default
        value = self.raw[name]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(name, f"expected text, got {type_name(value)}; put the text in quotes if it is true or false")
            return default
        value = as_written(value).strip()
        if required and not value:
            self.report(name, "is empty; expected text")
        return value

    def _cut_by_comment(self, name: str, value) -> None:
        if isinstance(value, CutText):
            self.report(
                name,
                f"the text stops at '{value.strip()}': the rest of the line, ' #{value.comment}', is "
                "read as a comment, because ' #' starts a comment in YAML; put the whole text in quotes",
                value.comment_line,
            )

    def web_address(self, name: str, required: bool = False, mailto: bool = False) -> str:
        """An address that becomes a link: only https:// and http:// (and mailto: where `mailto`), so
        that no javascript: or data: link reaches a page; '' when it is not one (reported)."""
        url = self.word(name, required=required)  # an address holds no space, so no comment can cut it
        if url and not is_web_address(url, mailto):
            start = "https:// or http://" + (" (or mailto:)" if mailto else "")
            self.report(name, f"'{url}' is not a web address; expected one starting with {start}")
            return ""
        return url

    def identifier(self, name: str) -> str:
        value = self.word(name)
        if value and not ID_PATTERN.match(value):
            self.report(name, f"'{value}' is not a valid id; {ID_EXPECTED}")
        return value

    def flag(self, name: str, default: bool = False, required: bool = False) -> bool:
        if not self.has(name):
            if required:
                self.report(name, "missing; expected true or false")
            return default
        value = self.raw[name]
        if not isinstance(value, bool):
            hint = " (yes, no, on and off are read as text: write true or false)" if isinstance(value, str) else ""
            self.report(name, f"expected true or false, got {type_name(value)}{hint}")
            return default
        return value

    def integer(
        self, name: str, minimum: int | None = None, maximum: int | None = None, required: bool = True
    ) -> int | None:
        if not self.has(name):
            if required:
                self.report(name, "missing; expected a whole number")
            return None
        value = self.raw[name]
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(name, f"expected a whole number, got {type_name(value)}")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            low = "" if minimum is None else f" from {minimum}"
            high = "" if maximum is None else f" to {maximum}"
            self.report(name, f"expected a whole number{low}{high}, got {value}")
            return None
        return int(value)

    def choice(self, name: str, allowed: tuple[str, ...], required: bool = True) -> str:
        value = self.word(name, required=required)
        if value and value not in allowed:
            nearest = nearest_choice(value, allowed)
            hint = f"did you mean {nearest}? " if nearest else ""
            self.report(name, f"'{value}' is not allowed; {hint}expected one of: {', '.join(allowed)}")
            return ""
        return value

    def items(self, name: str, required: bool = True, minimum: int = 0) -> list:
        if not self.has(name):
            if required:
                self.report(name, "missing; expected a list (lines starting with '- ')")
            return []
        value = self.raw[name]
        if not isinstance(value, list):
            self.report(name, f"expected a list (lines starting with '- '), got {type_name(value)}")
            return []
        if len(value) < minimum:
            self.report(name, f"expected at least {minimum} entries, got {len(value)}")
        return value

    def mapping(self, name: str, required: bool = True) -> dict:
        if not self.has(name):
            if required:
                self.report(name, "missing; expected a block of fields")
            return {}
        value = self.raw[name]
        if not isinstance(value, dict):
            self.report(name, f"expected a block of fields, got {type_name(value)}")
            return {}
        return value

    def texts(self, name: str, minimum: int = 1) -> tuple[str, ...]:
        out = []
        for i, value in enumerate(self.items(name, minimum=minimum), start=1):
            if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
                self.report(f"{name}[{i}]", f"expected text, got {type_name(value)}")
            else:
                self._cut_by_comment(f"{name}[{i}]", value)
                line_of = getattr(self.raw, "line_of", None)
                out.append(
                    translated(
                        self.file,
                        self.item,
                        self._field(f"{name}[{i}]"),
                        as_written(value).strip(),
                        line_of(name) if line_of else self.line,
                    )
                )
        return tuple(out)

    def unique_id(self, seen: set[str], what: str, why: str = "") -> str:
        """The block's `id`, reported when another `what` of the same list has it already (`why`:
        what rides on ids being unique); added to `seen`."""
        value = self.identifier("id")
        if value in seen:
            self.report("id", f"'{value}' is used by another {what}; ids must be unique{why}")
        seen.add(value)
        return value

    def child(self, raw, item: str | None = None, path: str = "") -> Block:
        """A nested block; it names its own item, or extends this block's field path."""
        return Block(raw, self.file, item if item is not None else self.item, self.problems, path)


def nearest_choice(value: str, allowed) -> str | None:
    """The allowed value a typo most likely meant: 'truefalse' and 'True-False' mean true_false."""

    def squash(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    same = [a for a in allowed if squash(a) == squash(value)]
    if same:
        return same[0]
    close = difflib.get_close_matches(squash(value), [squash(a) for a in allowed], n=1, cutoff=0.6)
    return next((a for a in allowed if squash(a) == close[0]), None) if close else None


def is_web_address(url: str, mailto: bool = False) -> bool:
    """https:// or http:// with a host (or mailto: with an address, where allowed); no spaces or
    control characters, which browsers drop or read differently."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    parsed = urlparse(url)
    if mailto and parsed.scheme == "mailto":
        return "@" in parsed.path
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)

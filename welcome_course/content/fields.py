"""Reading fields out of a YAML block while collecting problems.

Each reader method returns a usable value even when the field is wrong (so
that checking goes on and every problem in a file is reported in one pass),
and records a Problem naming the file, the item and the field.
"""

from __future__ import annotations

import difflib
import re

from .problems import Problem

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

    def report(self, name: str, message: str) -> None:
        line_of = getattr(self.raw, "line_of", None)
        line = line_of(name) if (line_of and name) else self.line
        self.problems.append(Problem(self.file, self.item, self._field(name) if name else self.path, message, line))

    def known_fields(self, *names: str) -> None:
        for key in self.raw:
            if key not in names:
                hint = difflib.get_close_matches(str(key), names, n=1)
                extra = f"; did you mean '{hint[0]}'?" if hint else f"; allowed fields are: {', '.join(names)}"
                self.report(str(key), f"unknown field{extra}")

    def has(self, name: str) -> bool:
        return name in self.raw and self.raw[name] is not None

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        if not self.has(name):
            if required:
                self.report(name, "missing; expected text")
            return default
        value = self.raw[name]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(name, f"expected text, got {type_name(value)}; put the text in quotes if it is yes, no, true or false")
            return default
        value = str(value).strip()
        if required and not value:
            self.report(name, "is empty; expected text")
        return value

    def identifier(self, name: str) -> str:
        value = self.text(name)
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
            self.report(name, f"expected true or false, got {type_name(value)}")
            return default
        return value

    def integer(self, name: str, minimum: int | None = None, maximum: int | None = None, required: bool = True) -> int | None:
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
        return value

    def choice(self, name: str, allowed: tuple[str, ...], required: bool = True) -> str:
        value = self.text(name, required=required)
        if value and value not in allowed:
            self.report(name, f"'{value}' is not allowed; expected one of: {', '.join(allowed)}")
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
                out.append(str(value).strip())
        return tuple(out)

    def child(self, raw, item: str | None = None, path: str = "") -> "Block":
        """A nested block; it names its own item, or extends this block's field path."""
        return Block(raw, self.file, item if item is not None else self.item, self.problems, path)

"""How the course reports a problem in a content file.

Instructors who edit the YAML files are mostly not programmers, so a problem
is never a traceback: it names the file, the item and the field, and says
what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one content file."""

    file: str
    item: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        parts = [where]
        if self.item:
            parts.append(self.item)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


class ContentError(Exception):
    """Raised when content files have problems; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        head = f"The course content has {count} problem{'s' if count != 1 else ''}:"
        return "\n".join([head] + [f"  - {p}" for p in self.problems])

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a traceback, so a learner or
        # instructor running a notebook sees the plain list of problems.
        return self._text().splitlines()


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as an instructor would recognise it: relative to the course."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()

"""The book's pages as _toc.yml lists them (Jupyter Book's table of contents)."""

from __future__ import annotations

from pathlib import Path

from .problems import ContentError, Problem
from .yaml_reader import parse_yaml


def _read_toc(root: Path) -> dict:
    """_toc.yml as a dict; a missing or broken file is a ContentError naming the line."""
    try:
        text = (root / "_toc.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        why = getattr(err, "strerror", None) or getattr(err, "reason", None) or err
        raise ContentError([Problem("_toc.yml", "", "", f"cannot be read ({why}); the book needs it")]) from None
    toc = parse_yaml(text, "_toc.yml") or {}  # the content files' reader: a broken file is one line, never a traceback
    if not isinstance(toc, dict):
        raise ContentError(
            [Problem("_toc.yml", "", "", "expected a block of fields (format, root, parts or chapters)")]
        )
    return toc


def _entries(toc: dict):
    """Every entry (a block with file, url or glob) of the table of contents, in order."""

    def walk(entries):
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                yield entry
                yield from walk(entry.get("chapters"))
                yield from walk(entry.get("sections"))

    yield from walk(toc.get("chapters"))
    for part in toc.get("parts") or []:
        if isinstance(part, dict):
            yield from walk(part.get("chapters"))


def toc_files(root: Path) -> list[str]:
    """Every file named in _toc.yml (root first), without extension; ContentError if unreadable."""
    toc = _read_toc(root)
    files = [toc["root"]] if toc.get("root") else []
    files += [entry["file"] for entry in _entries(toc) if "file" in entry]
    return files


def toc_links(root: Path) -> list[tuple[str, int | None]]:
    """Every address an entry of _toc.yml links to (`- url: …`), with its line; ContentError if unreadable."""
    return [(str(entry["url"]), entry.line_of("url")) for entry in _entries(_read_toc(root)) if "url" in entry]

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
        raise ContentError([Problem("_toc.yml", "", "", "expected a block of fields (format, root, parts or chapters)")])
    return toc


def toc_files(root: Path) -> list[str]:
    """Every file named in _toc.yml (root first), without extension; ContentError if unreadable."""
    toc = _read_toc(root)
    files = [toc["root"]] if toc.get("root") else []

    def walk(entries):
        for entry in entries or []:
            if isinstance(entry, dict):
                if "file" in entry:
                    files.append(entry["file"])
                walk(entry.get("chapters"))
                walk(entry.get("sections"))

    walk(toc.get("chapters"))
    for part in toc.get("parts") or []:
        if isinstance(part, dict):
            walk(part.get("chapters"))
    return files

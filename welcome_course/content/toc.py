"""The book's pages as _toc.yml lists them (Jupyter Book's table of contents)."""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import ContentError, Problem


def _read_toc(root: Path) -> dict:
    """_toc.yml as a dict; a missing or broken file is a ContentError naming the line."""
    try:
        toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    except OSError as err:
        raise ContentError([Problem("_toc.yml", "", "", f"cannot be read ({err.strerror}); the book needs it")]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ContentError([Problem("_toc.yml", "", "", f"is not valid YAML: {getattr(err, 'problem', None) or err}. "
                                    "Check indentation and quotes.", mark.line + 1 if mark else None)]) from None
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
        walk(part.get("chapters"))
    return files

"""`python -m welcome_course export`: the quizzes as question banks for Moodle (XML and GIFT).

One file per chapter and format, and, when every chapter is exported, one file holding all of
them (each chapter in its own question category).
"""

from __future__ import annotations

from pathlib import Path

from .gift import gift_text
from .moodle import moodle_xml
from .question_bank import selected_chapters

FORMATS = ("moodle", "gift")
SUFFIX = {"moodle": ".moodle.xml", "gift": ".gift.txt"}
ALL_NAME = "all-chapters"


def render(course, chapters, fmt: str) -> bytes:
    if fmt == "moodle":
        return moodle_xml(course, chapters)
    return gift_text(course, chapters).encode("utf-8")


def export(course, chapter_ids: list[str], folder: Path, formats=FORMATS) -> list[Path]:
    """Write the question banks; return the files written. Raises ExportError or OSError."""
    chapters = selected_chapters(course, chapter_ids)
    files: dict[str, bytes] = {}
    for fmt in formats:
        for chapter in chapters:
            files[chapter.id + SUFFIX[fmt]] = render(course, [chapter], fmt)
        if not chapter_ids and len(chapters) > 1:
            files[ALL_NAME + SUFFIX[fmt]] = render(course, chapters, fmt)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def folder_problem(folder: Path, err: OSError) -> str:
    """Why `folder` cannot be written, in words an instructor can act on."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() and not candidate.is_dir():
            return f"{candidate} is a file, not a folder; choose another folder with --out"
        if candidate.exists():
            break
    if isinstance(err, PermissionError):
        return f"you are not allowed to write there ({err.filename or folder}); choose another folder with --out"
    return f"{err.strerror or err} ({err.filename or folder})"

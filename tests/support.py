"""Helpers shared by the tests: a small valid chapter, and a course folder to put it in."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

VALID_CHAPTER = {
    "id": "step-99",
    "title": "A chapter for tests",
    "guideline_step": 3,
    "source": "guideline",
    "minutes": 30,
    "goals": ["try the machinery"],
    "quiz": [
        {
            "id": "pick-one",
            "type": "single_choice",
            "prompt": "Which one?",
            "options": [
                {"text": "Right", "correct": True, "feedback": "Yes, because."},
                {"text": "Wrong", "feedback": "No, because."},
            ],
        },
        {
            "id": "pick-all",
            "type": "multiple_choice",
            "prompt": "Which ones?",
            "options": [
                {"text": "First right", "correct": True, "feedback": "Yes, first."},
                {"text": "Second right", "correct": True, "feedback": "Yes, second."},
                {"text": "Wrong", "feedback": "No, third."},
            ],
        },
        {
            "id": "judge",
            "type": "true_false",
            "prompt": "This is true.",
            "answer": True,
            "feedback_true": "Indeed.",
            "feedback_false": "It is true.",
        },
    ],
    "scenario": {
        "title": "A story",
        "setting": "Once upon a time.",
        "start": "begin",
        "nodes": {
            "begin": {
                "text": "What now?",
                "choices": [
                    {"label": "Go on", "consequence": "You go on.", "next": "middle"},
                    {"label": "Stop", "consequence": "You stop.", "next": "bad-end"},
                ],
            },
            "middle": {
                "text": "And now?",
                "choices": [
                    {"label": "Finish well", "consequence": "Well done.", "next": "good-end"},
                    {"label": "Give up", "consequence": "Oh no.", "next": "bad-end"},
                ],
            },
            "good-end": {"outcome": "good", "title": "Good", "text": "It ended well.", "debrief": "Because."},
            "bad-end": {"outcome": "difficult", "title": "Bad", "text": "It ended badly.", "debrief": "Because not."},
        },
    },
    "reflections": [{"id": "think", "prompt": "Think about it."}],
    "resources": [{"title": "A page", "url": "https://example.org/page", "kind": "Web page", "note": "Useful."}],
}


def valid_chapter() -> dict:
    return copy.deepcopy(VALID_CHAPTER)


def make_course(tmp_path: Path, chapters: dict[str, object] | None = None) -> Path:
    """A course folder with the real course.yml and interface.yml and the given chapter files.

    A chapter value that is a dict is written as YAML; a string is written as it is.
    """
    data = tmp_path / "data"
    (data / "chapters").mkdir(parents=True)
    for name in ("course.yml", "interface.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    for chapter_id, content in (chapters or {}).items():
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
        (data / "chapters" / f"{chapter_id}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def set_interface_word(root: Path, key: str, value: str | None) -> int:
    """Give `key` a new value in the course's data/interface.yml (None: delete the line); return its line number."""
    path = root / "data" / "interface.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    if value is None:
        del lines[index]
    else:
        lines[index] = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"  # a JSON string is a quoted YAML string
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1

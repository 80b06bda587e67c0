"""The progress record: one JSON document, the same in a notebook, in the browser and in exports.

    {
      "format": "welcome-course-progress",
      "version": 3,
      "learner": "optional name, for portfolios a trainer collects",
      "updated": "2026-11-29T10:00:00Z",
      "answers":     {"step-01/first-contact": [{"chosen": ["b"], "correct": false, "at": "…"}, …]},
      "endings":     {"step-01/good-start":    [{"outcome": "good", "at": "…",
                                                 "path": [{"node": "arrival", "choice": 2}, …]}]},
      "reflections": {"step-01/one-habit":     {"text": "…", "at": "…"}},
      "ratings":     {"before/find-support":   {"rating": 2, "at": "…"}}
    }

`ratings` holds the self-assessment (progress/self_assessment.py): a statement's rating from
1 to 5, before and after the course, the later rating replacing the earlier one. The action
plan (progress/action_plan.py) is kept in `reflections`, under "action-plan/FIELD".

Version 1 (the first format) kept only the last answer per question, as
{"chosen": […], "correct": …}, reflections as plain strings, and no endings;
it is upgraded on reading. Version 2 had no ratings: it is upgraded by adding none. An
ending's "path" (the choices that led to it: each the node where the learner chose and the
choice's number there, from 1) is optional: endings recorded before it existed have none, and
a path longer than the rules' path_limit is not kept.

The event {"type": "clear", "chapter": "step-01"} removes the chapter's answers and
endings (not its reflections): a learner's "clear my answers" (see restore.py).

The record's constants (format name, version, limits, the key pattern, the
outcomes, the characters that count as blank) are in one file,
static/welcome-course-progress-rules.json: read here, and handed to the page
script (static/welcome-course-progress.js) by the book's extension as the
data-rules attribute of its <script> element. The rules themselves are written
in both languages; tests/cases/progress-*.json hold cases that pytest runs here
and Node runs on the page script (tests/test_shared_cases.py), so the two agree.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from pathlib import Path

RULES_FILE = Path(__file__).parents[1] / "static" / "welcome-course-progress-rules.json"
RULES = json.loads(RULES_FILE.read_text(encoding="utf-8"))
FORMAT = RULES["format"]
VERSION = RULES["version"]
HISTORY_LIMIT = RULES["history_limit"]  # attempts kept per question or ending: enough for any learner, bounded in size
TEXT_LIMIT = RULES["text_limit"]  # characters (code points) per reflection
OPTION_ID_LIMIT = RULES["option_id_limit"]  # characters per option id in an answer
TIME_LIMIT = RULES["time_limit"]  # characters of a date and time
PATH_LIMIT = RULES["path_limit"]  # choices kept in the path that led to an ending
KEY = re.compile(RULES["key_pattern"])  # matched against the whole key (fullmatch): JavaScript's ^…$
ID = re.compile(RULES["id_pattern"])  # a scenario node's id in a path (fullmatch)
OUTCOMES = tuple(RULES["outcomes"])
BLANK = RULES["blank"]  # characters that do not make a reflection written: what str.strip() strips
LEARNER_LIMIT = RULES["learner_limit"]  # characters of a learner's name set by an event
MOMENTS = tuple(RULES["moments"])  # when a self-assessment is made: the first part of a rating's key
RATING_MIN, RATING_MAX = RULES["rating_min"], RULES["rating_max"]


class RecordError(ValueError):
    """A progress record that cannot be used; the message says where and why (for developers), and
    `kind` says what is wrong in one word, for messages in plain words (the cohort report's):
    "not_a_record" (another file, not a progress record of this course), "newer" (written by a newer
    version of the course) or "damaged" (a progress record, but a part of it cannot be used)."""

    def __init__(self, message: str, kind: str = "damaged"):
        super().__init__(message)
        self.kind = kind


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_record(learner: str = "") -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "learner": learner,
        "updated": None,
        "answers": {},
        "endings": {},
        "reflections": {},
        "ratings": {},
    }


# --- checking and upgrading ------------------------------------------------------


def checked(raw) -> dict:
    """A valid current-version record from parsed JSON, upgrading older versions; RecordError otherwise."""
    if not isinstance(raw, dict):
        raise RecordError("is not a progress record (expected a JSON object)", kind="not_a_record")
    if raw.get("format") != FORMAT:
        raise RecordError(
            f"is not a progress record of this course (format is {raw.get('format')!r}, expected {FORMAT!r})",
            kind="not_a_record",
        )
    version = raw.get("version")
    if isinstance(version, float) and version.is_integer():  # JSON has one kind of number: 2.0 is 2
        version = int(version)
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordError("has no version number")
    if version > VERSION:
        raise RecordError(
            f"was written by a newer version of the course (format version {version}; this one reads up to {VERSION})",
            kind="newer",
        )
    if version < 1:
        raise RecordError(f"has an unknown format version {version}")
    record = _upgrade_from_1(raw) if version == 1 else copy.deepcopy(raw)
    if version == 2:
        _upgrade_from_2(record)
    _check_current(record)
    return record


def _upgrade_from_1(raw: dict) -> dict:
    record = new_record(raw.get("learner", "") if isinstance(raw.get("learner", ""), str) else "")
    answers = raw.get("answers", {})
    reflections = raw.get("reflections", {})
    if not isinstance(answers, dict) or not isinstance(reflections, dict):
        raise RecordError("version 1: 'answers' and 'reflections' must be objects")
    for key, answer in answers.items():
        if not isinstance(answer, dict):
            raise RecordError(f"version 1: answers[{key!r}] must be an object")
        record["answers"][key] = [{"chosen": answer.get("chosen"), "correct": answer.get("correct"), "at": None}]
    for key, text in reflections.items():
        record["reflections"][key] = {"text": text, "at": None}
    return record


def _upgrade_from_2(record: dict) -> None:
    """Version 2 had no ratings: a field of that name was not the course's, and is replaced."""
    record["ratings"] = {}


def _rating(value):
    """A rating as a whole number (JSON's 4.0 is 4), or None when it is not one from RATING_MIN to RATING_MAX."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and RATING_MIN <= value <= RATING_MAX:
        return value
    return None


def _expect(condition: bool, where: str, what: str) -> None:
    if not condition:
        raise RecordError(f"{where}: {what}")


def _check_time(value, where: str) -> None:
    _expect(
        value is None or (isinstance(value, str) and len(value) <= TIME_LIMIT),
        where,
        "expected a date and time or null",
    )


def _check_current(record: dict) -> None:
    _expect(isinstance(record.get("learner", ""), str), "learner", "expected text")
    record.setdefault("learner", "")
    _check_time(record.get("updated"), "updated")
    for section in ("answers", "endings", "reflections", "ratings"):
        record.setdefault(section, {})
        _expect(isinstance(record[section], dict), section, "expected an object")
        for key in record[section]:
            _expect(
                isinstance(key, str) and bool(KEY.fullmatch(key)),
                f"{section}[{key!r}]",
                "expected a key like 'step-01/first-contact'",
            )
    for key, attempts in record["answers"].items():
        where = f"answers[{key!r}]"
        _expect(isinstance(attempts, list) and attempts, where, "expected a list of attempts")
        for i, attempt in enumerate(attempts):
            at = f"{where}[{i}]"
            _expect(isinstance(attempt, dict), at, "expected an object")
            chosen = attempt.get("chosen")
            _expect(
                isinstance(chosen, list)
                and chosen
                and all(isinstance(c, str) and len(c) <= OPTION_ID_LIMIT for c in chosen),
                f"{at}.chosen",
                "expected a list of option ids",
            )
            _expect(isinstance(attempt.get("correct"), bool), f"{at}.correct", "expected true or false")
            _check_time(attempt.get("at"), f"{at}.at")
    for key, reached in record["endings"].items():
        where = f"endings[{key!r}]"
        _expect(isinstance(reached, list) and reached, where, "expected a list")
        for i, entry in enumerate(reached):
            _expect(
                isinstance(entry, dict) and entry.get("outcome") in OUTCOMES,
                f"{where}[{i}].outcome",
                f"expected one of {', '.join(OUTCOMES)}",
            )
            _check_time(entry.get("at"), f"{where}[{i}].at")
            if "path" in entry:
                _check_path(entry, f"{where}[{i}].path")
    for key, entry in record["reflections"].items():
        where = f"reflections[{key!r}]"
        _expect(isinstance(entry, dict), where, "expected an object")
        _expect(
            isinstance(entry.get("text"), str) and len(entry["text"]) <= TEXT_LIMIT,
            f"{where}.text",
            f"expected text of at most {TEXT_LIMIT} characters",
        )
        _check_time(entry.get("at"), f"{where}.at")
    for key, entry in record["ratings"].items():
        where = f"ratings[{key!r}]"
        _expect(key.split("/")[0] in MOMENTS, where, f"expected a key starting with {' or '.join(MOMENTS)}")
        _expect(isinstance(entry, dict), where, "expected an object")
        rating = _rating(entry.get("rating"))
        _expect(rating is not None, f"{where}.rating", f"expected a whole number from {RATING_MIN} to {RATING_MAX}")
        entry["rating"] = rating
        _check_time(entry.get("at"), f"{where}.at")
    record["version"] = VERSION


def _check_path(entry: dict, where: str) -> None:
    path = entry["path"]
    _expect(
        isinstance(path, list) and len(path) <= PATH_LIMIT, where, f"expected a list of at most {PATH_LIMIT} choices"
    )
    for n, step in enumerate(path):
        choice = step.get("choice") if isinstance(step, dict) else None
        if isinstance(choice, float) and choice.is_integer():  # JSON has one kind of number: 2.0 is 2
            step["choice"] = choice = int(choice)
        _expect(
            isinstance(step, dict)
            and isinstance(step.get("node"), str)
            and bool(ID.fullmatch(step["node"]))
            and isinstance(choice, int)
            and not isinstance(choice, bool)
            and choice >= 1,
            f"{where}[{n}]",
            "expected a node id and a choice number (from 1)",
        )


# --- events and merging ------------------------------------------------------------


def apply_event(record: dict, event: dict, at: str | None = None) -> None:
    """Add one learner event (answer, ending, reflection, rating or learner) to the record, or clear a
    chapter's answers and endings, in place. A rating out of range, or for a moment the course does
    not know, is refused (ValueError)."""
    at = at or now()
    kind = event["type"]
    if kind == "answer":
        attempts = record["answers"].setdefault(f"{event['chapter']}/{event['question']}", [])
        attempts.append({"chosen": sorted(event["chosen"]), "correct": bool(event["correct"]), "at": at})
        del attempts[:-HISTORY_LIMIT]
    elif kind == "ending":
        reached = record["endings"].setdefault(f"{event['chapter']}/{event['ending']}", [])
        entry = {"outcome": event["outcome"], "at": at}
        path = event.get("path")
        if path is not None and len(path) <= PATH_LIMIT:
            entry["path"] = [{"node": step["node"], "choice": step["choice"]} for step in path]
        reached.append(entry)
        del reached[:-HISTORY_LIMIT]
    elif kind == "reflection":
        record["reflections"][f"{event['chapter']}/{event['reflection']}"] = {
            "text": event["text"][:TEXT_LIMIT],
            "at": at,
        }
    elif kind == "rating":
        rating = _rating(event.get("rating"))
        if event.get("moment") not in MOMENTS or rating is None:
            raise ValueError(f"a rating is a whole number from {RATING_MIN} to {RATING_MAX}, given before or after")
        record["ratings"][f"{event['moment']}/{event['statement']}"] = {"rating": rating, "at": at}
    elif kind == "learner":
        record["learner"] = event["name"].strip(BLANK)[:LEARNER_LIMIT]  # the name as the certificate shows it
    elif kind == "clear":
        prefix = f"{event['chapter']}/"
        for section in ("answers", "endings"):
            for key in [k for k in record[section] if k.startswith(prefix)]:
                del record[section][key]
    else:
        raise ValueError(f"unknown event type {kind!r}")
    record["updated"] = at


def _time_key(entry: dict) -> str:
    return entry.get("at") or ""


def merge(ours: dict, theirs: dict) -> dict:
    """Everything recorded in either record; for a reflection written (or a statement rated) in both,
    the later one wins."""
    merged = copy.deepcopy(ours)
    merged["learner"] = ours.get("learner") or theirs.get("learner", "")
    for section in ("answers", "endings"):
        for key, entries in theirs[section].items():
            combined = merged[section].setdefault(key, [])
            seen = {repr(sorted(e.items())) for e in combined}
            combined.extend(copy.deepcopy(e) for e in entries if repr(sorted(e.items())) not in seen)
            combined.sort(key=_time_key)
            del combined[:-HISTORY_LIMIT]
    for section in ("reflections", "ratings"):
        for key, entry in theirs[section].items():
            mine = merged[section].get(key)
            if mine is None or _time_key(entry) > _time_key(mine):
                merged[section][key] = copy.deepcopy(entry)
    times = [t for t in (ours.get("updated"), theirs.get("updated")) if t]
    merged["updated"] = max(times) if times else None
    return merged

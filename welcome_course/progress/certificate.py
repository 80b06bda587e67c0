"""The certificate of completion, and the code a trainer checks it with.

A learner has completed the course when, in every chapter, the latest answer to every quiz
question is right and an ending of the case scenario has been reached. "Right" is decided here
against the current content (the chosen options are the question's correct ones), never by the
`correct` flag stored in the record, which a learner could edit.

The certificate (My progress, in the book and in Jupyter) shows the learner's name, the chapters
with their estimated hours (from each chapter's `minutes`), the date of completion, the guideline
the course follows, and a verification code:

- the record's relevant content is written as a canonical text (`canonical_text`): the learner's
  name, the date of completion, each question's latest (right) answer and the first ending reached
  in each chapter;
- the code is the first 50 bits of the text's SHA-256 (UTF-8), in Crockford's base 32: ten
  letters and digits, shown as ABCDE-FGHJK;
- `python -m welcome_course verify FILE CODE` computes it again from the learner's exported file.

The date of completion is the latest of the moments each requirement was met and stayed met: for
a question, the first attempt of its last run of right attempts; for a chapter's scenario, the
first time one of its endings was reached. So answering again, or playing a scenario again, after
completing the course changes neither the date nor the code.

This is a consistency check, not proof against forgery: the algorithm is public, so anyone with
the course's tools can make a file and a code that agree. It shows that a certificate and a file
belong together.

The page script (static/welcome-course-completion.js, its `status`) follows the same rules on the
same facts (`course_facts`, handed to it in the page): tests/cases/certificate-status.json and
certificate-code.json hold cases that both run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..content.course import Course
from ..content.interface import ui_text
from ..templating import Markup, render
from .summary import ordered_chapters

HEADER = "welcome-course-certificate/1"  # the canonical text's first line: a new rule needs a new header
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O or U
CODE_LENGTH = 10
STYLE_SHEET = Path(__file__).parents[1] / "static" / "welcome-course-completion.css"


# --- the rules (the same in the page script) -----------------------------------------------------


def course_facts(course: Course) -> list[dict]:
    """What the rules need to know of the course: each chapter, in order, with its questions' correct
    options and its scenario's endings (in scenario order)."""
    return [
        {
            "id": chapter.id,
            "questions": [{"id": q.id, "correct": sorted(q.correct_ids)} for q in chapter.questions],
            "endings": [node.id for node in (chapter.scenario.endings if chapter.scenario else [])],
        }
        for chapter in ordered_chapters(course)
    ]


def _time(entry: dict) -> str:
    return entry.get("at") or ""


def status(record: dict, facts: list[dict]) -> dict:
    """Whether the record completes the course, what is missing (per chapter: the questions whose
    latest answer is not right, whether no ending was reached), the date of completion, the canonical
    text and the verification code (both None until the course is complete)."""
    lines, missing, times = [], [], []
    for chapter in facts:
        wrong = []
        for question in chapter["questions"]:
            attempts = record["answers"].get(f"{chapter['id']}/{question['id']}") or []
            correct = sorted(question["correct"])
            right = [sorted(set(attempt["chosen"])) == correct for attempt in attempts]
            if not attempts or not right[-1]:
                wrong.append(question["id"])
                continue
            first = len(attempts) - 1  # the first attempt of the last run of right ones
            while first > 0 and right[first - 1]:
                first -= 1
            times.append(_time(attempts[first]))
            lines.append(f"{chapter['id']}/{question['id']}={','.join(correct)}")
        reached = [
            (_time(entry), index, ending)
            for index, ending in enumerate(chapter["endings"])
            for entry in record["endings"].get(f"{chapter['id']}/{ending}", [])
        ]
        no_ending = bool(chapter["endings"]) and not reached
        if reached:
            when, _, ending = min(reached)
            times.append(when)
            lines.append(f"{chapter['id']}/ending={ending}")
        if wrong or no_ending:
            missing.append({"chapter": chapter["id"], "questions": wrong, "ending": no_ending})
    if missing:
        return {"complete": False, "missing": missing, "date": None, "text": None, "code": None}
    date = (max(times, default="") or record.get("updated") or "")[:10]
    text = "\n".join([HEADER, f"learner={record.get('learner', '')}", f"date={date}", *lines])
    return {"complete": True, "missing": [], "date": date, "text": text, "code": code_of(text)}


def code_of(text: str) -> str:
    """The first 50 bits of the text's SHA-256 (of its UTF-8 bytes), as 10 characters of ALPHABET."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    bits = "".join(f"{byte:08b}" for byte in digest[:7])
    return "".join(ALPHABET[int(bits[i : i + 5], 2)] for i in range(0, 5 * CODE_LENGTH, 5))


def shown_code(code: str) -> str:
    """ABCDE-FGHJK: the code as printed, in two halves."""
    return f"{code[:5]}-{code[5:]}"


def typed_code(text: str) -> str | None:
    """A code as a trainer types it: any case, spaces and hyphens ignored, O read as 0 and I or L as 1
    (Crockford's rules); None when it is not 10 characters of the alphabet."""
    code = "".join(text.split()).replace("-", "").upper().translate(str.maketrans("OIL", "011"))
    return code if len(code) == CODE_LENGTH and all(c in ALPHABET for c in code) else None


def hours(minutes: int) -> str:
    """Minutes as hours with one decimal, rounded half up (45 -> '0.8', 50 -> '0.8', 60 -> '1.0')."""
    tenths = (minutes * 10 + 30) // 60
    return f"{tenths // 10}.{tenths % 10}"


# --- verification ----------------------------------------------------------------------------------


def chapter_label(course: Course, chapter_id: str) -> str:
    chapter = course.chapters[chapter_id]
    return f"{chapter.guideline_step}. {chapter.title}" if chapter.guideline_step else chapter.title


def missing_text(course: Course, entry: dict) -> str:
    """What a chapter still needs, in the interface's words: 'quiz: 2 of 6 …; case scenario: …'."""
    parts = []
    if entry["questions"]:
        total = len(course.chapters[entry["chapter"]].questions)
        parts.append(ui_text(course, "certificate_missing_quiz", count=len(entry["questions"]), total=total))
    if entry["ending"]:
        parts.append(ui_text(course, "certificate_missing_ending"))
    return "; ".join(parts)


@dataclass(frozen=True)
class Verdict:
    matches: bool
    message: str


def verify(course: Course, record: dict, typed: str) -> Verdict:
    """Whether `typed` is the verification code of a certificate made from this record, with a
    sentence for the trainer either way."""
    code = typed_code(typed)
    if code is None:
        return Verdict(
            False,
            f"'{typed}' is not a verification code: a code has 10 letters and digits, "
            "printed as two groups of five (such as 7K3QD-M2XPA).",
        )
    found = status(record, course_facts(course))
    if not found["complete"]:
        still = "".join(
            f"\n  - {chapter_label(course, m['chapter'])}: {missing_text(course, m)}" for m in found["missing"]
        )
        return Verdict(
            False,
            "The file does not show a completed course, so no certificate can have been made "
            f"from it. Still missing:{still}",
        )
    if found["code"] != code:
        return Verdict(
            False,
            f"The code {shown_code(code)} does not match this file. The file shows a completed "
            "course, but its certificate would carry another code: the certificate was made from "
            "another file (other answers, another name or another date), or the code was "
            "mistyped.",
        )
    chapters = course_facts(course)
    minutes = sum(course.chapters[c["id"]].minutes for c in chapters)
    name = record.get("learner") or "a learner with no name in the file"
    return Verdict(
        True,
        f"The code {shown_code(code)} matches this file: {name} completed the course on "
        f"{found['date']} ({len(chapters)} chapters, about {hours(minutes)} hours). This is a "
        "consistency check between the certificate and the file, not proof against forgery.",
    )


# --- rendering ---------------------------------------------------------------------------------------


def _words(course: Course):
    return partial(ui_text, course)


def certificate_html(course: Course, name: str = "", date: str = "", code: str = "") -> str:
    """The certificate itself. In the book it is rendered without name, date and code, hidden, and
    the page script fills them in (the words with {date} and {code} are in the panel's data-… attributes)."""
    chapters = ordered_chapters(course)
    return render(
        "progress/certificate.html",
        course=course,
        name=name,
        date=ui_text(course, "certificate_date", date=date) if date else "",
        code=ui_text(course, "certificate_code", code=shown_code(code)) if code else "",
        rows=[
            (
                chapter_label(course, c.id),
                ui_text(course, "certificate_hours", hours=hours(c.minutes), minutes=c.minutes),
            )
            for c in chapters
        ],
        total=ui_text(
            course,
            "certificate_hours",
            hours=hours(sum(c.minutes for c in chapters)),
            minutes=sum(c.minutes for c in chapters),
        ),
        guideline=course.guideline,
        words=_words(course),
    )


def panel_html(course: Course, record: dict | None = None, live: bool = False) -> str:
    """The certificate's part of My progress: what is still missing, or the certificate.

    In the book (`record` None) every chapter's line and the certificate are rendered hidden, with
    the form to give a name and the buttons to print and download; the page script decides what to
    show from the browser's record. In Jupyter (`live`) it is rendered from the learner's file, and
    the name and the save button are widgets beside it."""
    found = status(record, course_facts(course)) if record is not None else None
    missing = {m["chapter"]: missing_text(course, m) for m in found["missing"]} if found else {}
    complete = bool(found and found["complete"])
    certificate = (
        certificate_html(course, record.get("learner", ""), found["date"], found["code"])
        if complete
        else certificate_html(course)
    )
    return render(
        "progress/certificate-panel.html",
        course=course,
        live=live,
        complete=complete,
        known=found is not None,
        chapters=[(c.id, chapter_label(course, c.id), missing.get(c.id, "")) for c in ordered_chapters(course)],
        facts=json.dumps(course_facts(course), separators=(",", ":")),
        style=STYLE_SHEET.read_text(encoding="utf-8"),
        certificate=Markup(certificate),  # made by our own template just above, every text escaped there
        words=_words(course),
    )


def document_html(course: Course, record: dict) -> str:
    """The certificate as a page of its own, to save and print (Jupyter's save button); the book's
    download button writes the same page from the browser."""
    found = status(record, course_facts(course))
    if not found["complete"]:
        raise ValueError("the course is not complete yet")
    return render(
        "progress/certificate-page.html",
        title=ui_text(course, "certificate_heading"),
        language=course.language,
        style=Markup(STYLE_SHEET.read_text(encoding="utf-8")),  # the package's own style sheet
        certificate=Markup(certificate_html(course, record.get("learner", ""), found["date"], found["code"])),
    )

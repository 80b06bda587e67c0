"""Text from files, made safe to print to a terminal.

A learner's progress file is untrusted: its learner name, its other values, even its file
name may hold ESC sequences (which retitle or clear the trainer's terminal, or hide lines),
BEL, a carriage return that overwrites the line, or bidi overrides that show a name
reversed. Every command prints such text (and any file name or path it did not make
itself, and messages quoting a file's values) through `safe`, which writes each of these
characters as a visible escape, such as \\x1b or \\u202e:

- C0 control characters, DEL and C1 control characters;
- a line break or a tab too, except in text of several lines (`lines=True`);
- bidi controls: U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069, and the
  line and paragraph separators U+2028 and U+2029.

Everything else is printed as written: accents, other scripts, emoji.
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_IN_LINES = re.compile(f"[{_CONTROLS}]")  # keeps \t and \n
_IN_ONE_LINE = re.compile(f"[\t\n{_CONTROLS}]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text, lines: bool = False) -> str:
    """`text` (any value: a path, an exception) as it is safe to print: control characters escaped.
    With `lines`, line breaks and tabs are kept (a message of several lines); without, a line
    break is escaped too, so that a name can never start a line of its own."""
    return (_IN_LINES if lines else _IN_ONE_LINE).sub(_escape, str(text))


def safe_table(frame, index: bool = True) -> str:
    """A pandas table as text for the terminal, with every text in it (row names, headings, cells) made safe."""

    def cell(value):
        return safe(value) if isinstance(value, str) else value

    frame = frame.rename(index=cell, columns=cell).map(cell)
    if frame.index.name is not None:
        frame.index.name = safe(frame.index.name)
    return frame.to_string(index=index)

"""Reading YAML safely, with line numbers and without silent surprises.

PyYAML's safe loader quietly keeps the last of two equal keys; for an
instructor that would mean a scenario node or a field silently vanishing.
This reader reports duplicates instead, and remembers the line of every
mapping so that problems can point into the file.

It also refuses, with one line naming the file, the line and the column, what
would otherwise surprise an instructor or harm the build:

- characters YAML does not allow (a NUL byte, other control characters), also
  when written as an escape in double quotes (such as \\a or \\uFFFE);
- a file nested deeper than any course file could be (MAX_DEPTH), and aliases
  that expand to more values than any course file holds (MAX_VALUES, the
  "billion laughs"): both are counted on the parser's events, before PyYAML
  builds anything or recurses;
- a second document ('---'), a tag such as !!python/..., a key that is a list;
- a quote that is never closed, reported on the line where it opens.

Plain (unquoted) values are read by YAML 1.2's rules, not PyYAML's YAML 1.1
ones: `12:30` stays the text 12:30 (not the number 750), `2_500_000`, `yes`,
`no`, `on` and `off` stay text, and only true/false are yes/no values. A number
remembers how it was written (`1.10`, not 1.1) so that a field expecting text
keeps it as written; a plain text that a ` #` comment cut short remembers the
comment, so that a text field can report it (fields.Block.text).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

from .problems import ContentError, Problem

MAX_DEPTH = 32  # the course's files nest at most 6 levels deep
MAX_VALUES = 50_000  # values after expanding aliases; the largest course file holds about 530


class Mapping(dict):
    """A dict that remembers the line where it starts, and the line of each key."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return self.key_lines.get(key, self.line)


class WrittenInt(int):
    """A whole number that remembers how it was written (`007`, `+3`), for fields that expect text."""

    written: str


class WrittenFloat(float):
    """A number with a point that remembers how it was written (`1.10`), for fields that expect text."""

    written: str


class CutText(str):
    """Plain text followed, on the line where it ends, by ` #…`: YAML read the rest as a comment."""

    comment: str
    comment_line: int


def as_written(value) -> str:
    """A scalar as the file has it: a number as written, anything else as str() gives it."""
    return getattr(value, "written", None) or str(value)


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key = key
        self.line = line


class _Refused(Exception):
    def __init__(self, message: str, line: int | None):
        self.message = message
        self.line = line


# YAML 1.2's core schema: what a plain (unquoted) value means when it is not text.
class _CoreResolver(BaseResolver):
    pass


_CORE = {
    "tag:yaml.org,2002:null": (r"^(?:~|null|Null|NULL|)$", "~nN"),
    "tag:yaml.org,2002:bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    "tag:yaml.org,2002:int": (r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    "tag:yaml.org,2002:float": (
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
}
for _tag, (_pattern, _first) in _CORE.items():
    _CoreResolver.add_implicit_resolver(
        _tag, re.compile(_pattern), list(_first) + ([""] if _tag.endswith("null") else [])
    )


# libyaml's parser (in PyYAML's wheels) reads the course's files ten times faster than the
# pure-Python one, with the same lines and errors; the pure-Python one is the fallback.
try:
    from yaml._yaml import CParser as _Parser

    _PARSER_BASES: tuple = (_Parser,)
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    _PARSER_BASES = (Reader, Scanner, Parser, Composer)
    _Parser = None


class _LineLoader(*_PARSER_BASES, SafeConstructor, _CoreResolver):
    """A safe loader (no arbitrary objects) that records lines, refuses duplicate keys and
    reads plain values by YAML 1.2's rules."""

    def __init__(self, text: str):
        if _Parser is not None:
            _Parser.__init__(self, text)
        else:  # pragma: no cover
            for base in _PARSER_BASES:
                base.__init__(self, *((text,) if base.__name__ == "Reader" else ()))
        SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)
        self.source_lines = text.splitlines()


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise _Refused(
                "a key (the name before ':') is a list or a block; a key must be a plain name",
                key_node.start_mark.line + 1,
            ) from None
        if key in mapping:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    digits = text.lstrip("+-")
    if digits.startswith(("0o", "0x")):
        number = int(digits[2:], 8 if digits[1] == "o" else 16)
    else:
        number = int(digits.replace("_", ""), 10)  # an explicit !!int may carry 1.1's underscores
    value = WrittenInt(-number if text.startswith("-") else number)
    value.written = text
    return value


def _construct_float(loader: _LineLoader, node: yaml.ScalarNode) -> float:
    text = loader.construct_scalar(node)
    special = {".inf": "inf", "+.inf": "inf", "-.inf": "-inf", ".nan": "nan"}
    value = WrittenFloat(float(special.get(text.lower(), text.replace("_", ""))))
    value.written = text
    return value


_COMMENT_AFTER = re.compile(r"[ \t]+#(.*)$")


def _construct_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    text = loader.construct_scalar(node)
    escaped = NOT_ALLOWED.search(text)  # written as an escape in double quotes ("\a", "\uFFFE"): not seen before
    if escaped:
        raise _Refused(
            f"holds the invisible character U+{ord(escaped.group()):04X}, written as an escape in quotes, which "
            "a page shows as nothing or as '\ufffd': delete the escape",
            node.start_mark.line + 1,
        )
    if not node.style and text:  # plain text (style None, or "" from libyaml): cut short by a comment?
        end = node.end_mark
        line = loader.source_lines[end.line] if end.line < len(loader.source_lines) else ""
        comment = _COMMENT_AFTER.match(line[end.column :])
        if comment:
            cut = CutText(text)
            cut.comment = comment.group(1).strip()
            cut.comment_line = end.line + 1
            return cut
    return text


_LineLoader.add_constructor(BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)

# Characters YAML does not allow in a file (it allows tab, line breaks and printable text): control
# characters, surrogates and noncharacters, never in a course text (nor in a translation: problems_of
# in content/translation.py)
NOT_ALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _check_characters(text: str) -> None:
    found = NOT_ALLOWED.search(text)
    if found:
        line, column = _line_and_column(text, found.start())
        raise _Refused(
            f"holds the control character U+{ord(found.group()):04X} at column {column}, which YAML "
            "does not allow (it is invisible in most editors): delete it, or retype the line",
            line,
        )


def _check_shape(text: str) -> None:
    """Walk the parser's events (no recursion, nothing built): refuse a second document, nesting
    deeper than MAX_DEPTH and aliases expanding to more than MAX_VALUES values."""
    depth = 0
    documents = 0
    values = 0
    open_anchors: list[tuple[str | None, int]] = []
    sizes: dict[str, int] = {}
    loader = _LineLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    raise _Refused(
                        "holds a second document, started by the '---' on this line; a course file is "
                        "one document: remove that line (and merge what follows into the rest)",
                        event.start_mark.line + 1,
                    )
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                values += 1
                if depth > MAX_DEPTH:
                    raise _Refused(
                        f"is nested more than {MAX_DEPTH} levels deep (course files need about 6); "
                        "check the brackets and the indentation",
                        event.start_mark.line + 1,
                    )
                open_anchors.append((event.anchor, values))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                anchor, start = open_anchors.pop()
                if anchor is not None:
                    sizes[anchor] = values - start + 1
            elif isinstance(event, yaml.ScalarEvent):
                values += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in open_anchors):
                    raise _Refused(
                        f"the alias *{event.anchor} is used inside the block it names (&{event.anchor}), "
                        "so it never ends; write the text out instead",
                        event.start_mark.line + 1,
                    )
                values += sizes.get(event.anchor, 1)
            if values > MAX_VALUES:
                raise _Refused(
                    f"holds more than {MAX_VALUES:,} values once its aliases (*name) are expanded; course "
                    "files hold a few hundred: write the text out instead of repeating aliases",
                    event.start_mark.line + 1,
                )
    finally:
        loader.dispose()


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int, int] | None:
    """(line, column, closing line) of a quoted text that runs over several lines and ends on the
    line where parsing failed: the signature of a quote left open (YAML reads on to the next quote
    mark, and fails just after it). Lines are 1-based; None when the failure looks different."""
    loader = _LineLoader(text)
    found = None
    try:
        while loader.check_token():
            token = loader.get_token()
            if token.start_mark.line + 1 > error_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line
                and token.end_mark.line + 1 == error_line
            ):
                found = token
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    if found is None:
        return None
    return found.start_mark.line + 1, found.start_mark.column + 1, found.end_mark.line + 1


def _syntax_problem(text: str, err: yaml.MarkedYAMLError) -> tuple[str, int | None]:
    """One sentence for a YAML syntax error, and the line it belongs to."""
    mark = err.problem_mark or err.context_mark
    what = (err.problem or "cannot be read").rstrip(".")
    context = err.context or ""
    if "quoted scalar" in context and err.context_mark is not None and "end of stream" in what:
        opened = err.context_mark
        return (
            f"is not valid YAML: the quote opened on this line (column {opened.column + 1}) is never closed; "
            "add the closing quote",
            opened.line + 1,
        )
    if mark is not None:
        opened = _unclosed_quote(text, mark.line + 1)
        if opened is not None:
            line, column, closing = opened
            return (
                f"is not valid YAML: the quote opened on this line (column {column}) is not closed on it, so YAML "
                f"reads everything up to the next quote mark, on line {closing}, as one text and then fails there "
                f"({what}); close the quote on this line",
                line,
            )
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
        what = "a tab is used for indentation; YAML needs spaces"
    elif "mapping values are not allowed" in what:
        what += "; text that contains ': ' must be put in quotes"
    elif "could not determine a constructor for the tag" in what:
        tag = what.split("tag", 1)[1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        what = f"the tag '{tag}' is not allowed in a course file; text that starts with ! must be put in quotes"
    if mark is not None:
        what += f" (column {mark.column + 1})"
    return f"is not valid YAML: {what}. Check indentation and quotes.", (mark.line + 1 if mark else None)


def read_yaml(path: Path, shown_as: str):
    """Parse one YAML file; raise ContentError naming the file and line on any failure."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(shown_as, "", "", "file not found")]) from None
    except UnicodeDecodeError as err:
        raise ContentError([Problem(shown_as, "", "", f"is not UTF-8 text ({err.reason}); save it as UTF-8")]) from None
    except OSError as err:
        raise ContentError([Problem(shown_as, "", "", f"cannot be read ({err.strerror or err})")]) from None
    return parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str):
    """Parse YAML text read from the file shown as `shown_as`; raise ContentError on any failure."""
    text = text[1:] if text.startswith("\ufeff") else text  # a byte-order mark: columns count from after it
    try:
        _check_characters(text)
        _check_shape(text)
        loader = _LineLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except _Refused as refused:
        raise ContentError([Problem(shown_as, "", "", refused.message, refused.line)]) from None
    except _DuplicateKey as dup:
        raise ContentError(
            [Problem(shown_as, "", str(dup.key), "appears twice in the same block; keep only one", dup.line)]
        ) from None
    except yaml.MarkedYAMLError as err:
        message, line = _syntax_problem(text, err)
        raise ContentError([Problem(shown_as, "", "", message, line)]) from None
    except (yaml.YAMLError, ValueError, OverflowError) as err:
        raise ContentError([Problem(shown_as, "", "", f"is not valid YAML: {err}")]) from None

"""Reading YAML safely, with line numbers and without silent surprises.

PyYAML's safe loader quietly keeps the last of two equal keys; for an
instructor that would mean a scenario node or a field silently vanishing.
This reader reports duplicates instead, and remembers the line of every
mapping so that problems can point into the file.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import ContentError, Problem


class Mapping(dict):
    """A dict that remembers the line where it starts, and the line of each key."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return self.key_lines.get(key, self.line)


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key = key
        self.line = line


# libyaml's parser (in PyYAML's wheels) reads the course's files ten times faster than the
# pure-Python one, with the same lines and errors; the pure-Python one is the fallback.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """SafeLoader (no arbitrary objects) that records lines and refuses duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, shown_as: str):
    """Parse one YAML file; raise ContentError naming the file and line on any failure."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(shown_as, "", "", "file not found")]) from None
    except UnicodeDecodeError as err:
        raise ContentError(
            [Problem(shown_as, "", "", f"is not UTF-8 text ({err.reason}); save it as UTF-8")]
        ) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except _DuplicateKey as dup:
        raise ContentError(
            [Problem(shown_as, "", str(dup.key), "appears twice in the same block; keep only one", dup.line)]
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = err.problem or "cannot be read"
        if "mapping values are not allowed" in what:
            what += "; text that contains ': ' must be put in quotes"
        if mark:
            what += f" (column {mark.column + 1})"
        raise ContentError(
            [Problem(shown_as, "", "", f"is not valid YAML: {what}. Check indentation and quotes.", line)]
        ) from None
    except yaml.YAMLError as err:
        raise ContentError([Problem(shown_as, "", "", f"is not valid YAML: {err}")]) from None

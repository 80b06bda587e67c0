"""Published figures on immigrant pupils and early school leaving, loaded and checked.

- data/education-figures.csv: one published figure a row, each with its source;
- data/education-figures.schema.yml: what each column holds, the indicators,
  groups and places a row may name, the sources, the EU targets, provenance;
- data/templates/my-figures.csv: the table a teacher fills in with their own
  school's or region's figures (see `read_own_figures`).

Every problem is reported like a problem in a chapter file: file, line, row and
column, and what was expected. Nothing here draws or renders; see
charts.py and figures/static_html.py.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from ..content import translation
from ..content.course import find_root, read_interface
from ..content.fields import Block
from ..content.problems import ContentError, Problem, display_path
from ..content.yaml_reader import read_yaml

if TYPE_CHECKING:
    import pandas as pd

FIGURES_FILE = "data/education-figures.csv"
SCHEMA_FILE = "data/education-figures.schema.yml"
TEMPLATE_FILE = "data/templates/my-figures.csv"

COLUMN_TYPES = ("indicator", "group", "geo", "year", "number", "unit", "url", "text")
# ASCII digits only ([0-9], not \d): the page script checks tables with the same patterns.
YEAR = re.compile(r"^([0-9]{4})( edition)?$")
NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


# --- the schema ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    unit: str
    axis: str
    definition: str

    @property
    def is_share(self) -> bool:
        return translation.english(self.unit).startswith("percent")  # the English: the unit may be translated


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    description: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    short: str
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    url: str
    publisher: str
    title: str
    kind: str = ""
    publisher_url: str = ""

    @property
    def urls(self) -> tuple[str, ...]:
        return (self.url, self.publisher_url) if self.publisher_url else (self.url,)


@dataclass(frozen=True)
class Target:
    id: str
    indicator: str
    value: float
    year: int
    label: str
    source: str
    note: str = ""

    @property
    def text(self) -> str:
        return percent_text(format_number(self.value))


@dataclass(frozen=True)
class Schema:
    columns: tuple[Column, ...]
    indicators: dict[str, Indicator]
    groups: dict[str, Group]
    geos: dict[str, Place]
    sources: dict[str, Source]
    targets: tuple[Target, ...]
    provenance: dict = field(default_factory=dict, compare=False)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def source(self, url: str) -> Source:
        return self.sources[url]

    def targets_for(self, indicator: str) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.indicator == indicator)


def load_schema(root: Path | None = None) -> Schema:
    """Read and check data/education-figures.schema.yml; raise ContentError on any problem."""
    root = find_root() if root is None else Path(root)
    problems: list[Problem] = []
    with translation.using(root):  # in $WELCOME_COURSE_LANGUAGE (content/translation.py)
        schema = _parse_schema(root, problems)
    if problems:
        raise ContentError(problems)
    return schema


def _parse_schema(root: Path, problems: list[Problem]) -> Schema | None:
    path = root / SCHEMA_FILE
    shown = display_path(path, root)
    try:
        raw = read_yaml(path, shown)
    except ContentError as err:
        problems.extend(err.problems)
        return None
    top = Block(raw, shown, "schema", problems)
    if not top.ok:
        return None
    top.known_fields("provenance", "columns", "indicators", "groups", "geos", "sources", "targets")
    columns = []
    for number, item in enumerate(top.items("columns", minimum=1), start=1):
        block = top.child(item, item=f"column {number}")
        block.known_fields("name", "type", "required", "description")
        columns.append(
            Column(
                block.text("name"),
                block.choice("type", COLUMN_TYPES),
                block.flag("required", default=True),
                block.text("description", required=False),
            )
        )
    indicators = {}
    for key, item in top.mapping("indicators").items():
        block = top.child(item, item=f"indicator '{key}'")
        block.known_fields("label", "unit", "axis", "definition")
        indicators[str(key)] = Indicator(
            str(key), block.text("label"), block.text("unit"), block.text("axis"), block.text("definition")
        )
    groups = {}
    for key, item in top.mapping("groups").items():
        block = top.child(item, item=f"group '{key}'")
        block.known_fields("label", "description", "phrases")
        groups[str(key)] = Group(str(key), block.text("label"), block.text("description"), block.texts("phrases"))
    geos = {}
    for key, item in top.mapping("geos").items():
        block = top.child(item, item=f"geo '{key}'")
        block.known_fields("name", "short", "phrases")
        phrases = block.texts("phrases") if block.has("phrases") else ()
        name = block.text("name")
        geos[str(key)] = Place(str(key), name, block.text("short", required=False) or name, phrases)
    sources = {}
    for number, item in enumerate(top.items("sources", minimum=1), start=1):
        block = top.child(item, item=f"source {number}")
        block.known_fields("url", "publisher", "title", "kind", "publisher_url")
        source = Source(
            block.text("url"),
            block.text("publisher"),
            block.text("title"),
            block.text("kind", required=False),
            block.text("publisher_url", required=False),
        )
        for name in ("url", "publisher_url"):
            address = getattr(source, name)
            if address and not is_web_address(address):
                block.report(name, f"'{address}' is not a web address; expected one starting with https:// or http://")
        sources[source.url] = source
    targets = []
    for number, item in enumerate(top.items("targets", required=False), start=1):
        block = top.child(item, item=f"target {number}")
        block.known_fields("id", "indicator", "value", "year", "label", "source", "note")
        indicator = block.choice("indicator", tuple(indicators))
        value = block.raw.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            block.report("value", "expected a number")
            value = 0
        source = block.text("source")
        if source and source not in sources:
            block.report("source", "is not one of the addresses listed under sources")
        targets.append(
            Target(
                block.identifier("id"),
                indicator,
                float(value),
                block.integer("year", 1990, 2100) or 0,
                block.text("label"),
                source,
                block.text("note", required=False),
            )
        )
    provenance = top.mapping("provenance")
    return Schema(tuple(columns), indicators, groups, geos, sources, tuple(targets), dict(provenance))


# --- reading CSV text ---------------------------------------------------------


@dataclass(frozen=True)
class Record:
    line: int  # the line of the file where the record starts
    cells: tuple[str, ...]


def read_records(text: str) -> list[Record]:
    """The non-empty records of CSV text, with their line numbers.

    A leading byte-order mark is dropped; a file whose first line has more
    semicolons than commas (as spreadsheets save it in many European
    languages) is read with semicolons. NUL characters (from a binary file) are dropped. Empty cells at the end of a record are
    dropped (spreadsheets add them), and records with no text are skipped.
    The page script (figures.js) reads CSV text by exactly these rules.
    """
    text = text.lstrip("\ufeff").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    first = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    records = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    start = 1
    for cells in reader:
        cells = [c.strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            records.append(Record(start, tuple(cells)))
        start = reader.line_num + 1
    return records


def format_number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value}"


def percent_text(number: str) -> str:
    """How the course writes a share: '25.3 %' (a space before the sign, as the EU style guide asks);
    in a translation, with that language's decimal sign: '25,3 %' in French and Spanish."""
    language = translation.resolve_language()
    if language != translation.SOURCE_LANGUAGE and "." in number:
        from ..i18n.locale_facts import decimal_sign

        number = number.replace(".", decimal_sign(language))
    return f"{number} %"


def is_web_address(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _header_problems(
    header: tuple[str, ...], expected: tuple[str, ...], required: tuple[str, ...], shown: str, line: int
) -> list[Problem]:
    found = []
    listed = ", ".join(expected)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            found.append(
                Problem(shown, "first line", name, f"this column appears twice; the columns are: {listed}", line)
            )
        seen.add(name)
        if name not in expected:
            hint = difflib.get_close_matches(name, expected, n=1)
            extra = f"did you mean '{hint[0]}'?" if hint else f"the columns are: {listed}"
            found.append(Problem(shown, "first line", name or "(empty)", f"unknown column; {extra}", line))
    for name in required:
        if name not in header:
            found.append(Problem(shown, "first line", name, f"this column is missing; the columns are: {listed}", line))
    return found


# --- the published figures --------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One published figure: a row of data/education-figures.csv."""

    indicator: str
    group: str
    geo: str
    year: str  # as published: "2023", or "2023 edition"
    value: float
    value_text: str  # as written in the file: "25.3", "30"
    unit: str
    source_org: str
    source_url: str
    source_type: str
    note: str
    line: int = field(default=0, compare=False)

    @property
    def reference_year(self) -> int:
        return int(self.year[:4])

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.group, self.geo, self.year)

    @property
    def text(self) -> str:
        return percent_text(self.value_text)

    @property
    def dom_id(self) -> str:
        """A stable id for the page: the row's line in the file."""
        return f"row-{self.line}"


class Figures:
    """The checked published figures, with their schema; `frame` is a pandas DataFrame of them.
    `interface` holds the course's interface strings (data/interface.yml), for the chapter's words."""

    def __init__(self, root: Path, schema: Schema, rows: tuple[Figure, ...], interface: dict[str, str]):
        self.root = root
        self.schema = schema
        self.rows = rows
        self.interface = interface
        import pandas as pd  # here, not at the top: checking the figures (every build) needs no pandas

        self.frame = pd.DataFrame(
            [
                {
                    **{name: getattr(r, name) for name in (*schema.column_names, "value_text")},
                    "reference_year": r.reference_year,
                    "line": r.line,
                }
                for r in rows
            ]
        )

    def get(self, indicator: str, group: str, geo: str, year: str | int) -> Figure:
        key = (indicator, group, geo, str(year))
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"no published figure for {' / '.join(key)} in {FIGURES_FILE}")

    def select(self, indicator: str | None = None, group: str | None = None, geo: str | None = None) -> list[Figure]:
        """The rows matching every choice given (None: any), in the file's order."""
        frame = self.frame
        for column, value in (("indicator", indicator), ("group", group), ("geo", geo)):
            if value:
                frame = frame[frame[column] == value]
        lines = set(frame["line"])
        return [r for r in self.rows if r.line in lines]

    def values(self, column: str) -> list[str]:
        """The distinct values of a column, in the order the schema lists them."""
        used = set(self.frame[column])
        order = {"indicator": self.schema.indicators, "group": self.schema.groups, "geo": self.schema.geos}[column]
        return [key for key in order if key in used]

    def source(self, row: Figure) -> Source:
        return self.schema.source(row.source_url)

    def indicator(self, row_or_id) -> Indicator:
        key = row_or_id if isinstance(row_or_id, str) else row_or_id.indicator
        return self.schema.indicators[key]


def figure_problems(root: Path | None = None) -> list[Problem]:
    """Every problem in the schema and in the published figures (empty when all is well, and for a
    course that has neither file)."""
    root = find_root() if root is None else Path(root)
    if not (root / FIGURES_FILE).exists() and not (root / SCHEMA_FILE).exists():
        return []
    problems: list[Problem] = []
    schema = _parse_schema(root, problems)
    if schema is not None and not problems:
        _parse_figures(root, schema, problems)
    return problems


def load_figures(root: Path | None = None) -> Figures:
    """Read and check the published figures and the interface strings that describe them; raise
    ContentError listing every problem."""
    root = find_root() if root is None else Path(root)
    problems: list[Problem] = []
    with translation.using(root):  # in $WELCOME_COURSE_LANGUAGE (content/translation.py)
        interface = read_interface(root, problems)
        schema = _parse_schema(root, problems)
    if schema is None or problems:
        raise ContentError(problems)
    rows = _parse_figures(root, schema, problems)
    if problems:
        raise ContentError(problems)
    return Figures(root, schema, rows, interface)


def _parse_figures(root: Path, schema: Schema, problems: list[Problem]) -> tuple[Figure, ...]:
    path = root / FIGURES_FILE
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(shown, "", "", "file not found"))
        return ()
    except UnicodeDecodeError as err:
        problems.append(Problem(shown, "", "", f"is not UTF-8 text ({err.reason}); save it as UTF-8"))
        return ()
    records = read_records(text)
    if not records:
        problems.append(Problem(shown, "", "", "is empty; the first line must name the columns"))
        return ()
    names = schema.column_names
    required = tuple(c.name for c in schema.columns)  # every column must be there, even if some cells are empty
    header = records[0].cells
    header_problems = _header_problems(header, names, required, shown, records[0].line)
    if header_problems:
        problems.extend(header_problems)
        return ()
    if len(records) == 1:
        problems.append(Problem(shown, "", "", "has no rows below the first line"))
    rows = []
    seen: dict[tuple, int] = {}
    for number, record in enumerate(records[1:], start=1):
        item = f"row {number}"

        def report(column: str, message: str, item=item, record=record) -> None:  # this row's, bound now
            problems.append(Problem(shown, item, column, message, record.line))

        if len(record.cells) > len(header):
            report(
                "",
                f"has {len(record.cells)} values but the first line names {len(header)} columns; "
                "put text that contains a comma in double quotes",
            )
            continue
        cells = dict(zip(header, record.cells + ("",) * (len(header) - len(record.cells)), strict=True))
        ok = True
        for column in schema.columns:
            value = cells[column.name]
            if not value:
                if column.required:
                    report(column.name, "is empty; expected " + _expected(column.type))
                    ok = False
                continue
            message = _cell_problem(schema, column, value, cells)
            if message:
                report(column.name, message)
                ok = False
        if not ok:
            continue
        row = Figure(
            indicator=cells["indicator"],
            group=cells["group"],
            geo=cells["geo"],
            year=cells["year"],
            value=float(cells["value"]),
            value_text=cells["value"],
            unit=cells["unit"],
            source_org=cells["source_org"],
            source_url=cells["source_url"],
            source_type=cells["source_type"],
            note=cells.get("note", ""),
            line=record.line,
        )
        if row.key in seen:
            report("", f"repeats row {seen[row.key]}: the same indicator, group, geo and year appear twice")
            continue
        seen[row.key] = number
        rows.append(row)
    return tuple(rows)


def _expected(kind: str) -> str:
    return {
        "indicator": "one of the indicators listed in the schema",
        "group": "one of the groups listed in the schema",
        "geo": "one of the geo codes listed in the schema",
        "year": "a four-digit year such as 2023, or an edition such as '2023 edition'",
        "number": "a number with a point for decimals, such as 25.3",
        "unit": "the unit of the row's indicator",
        "url": "the address of the page the figure was read from",
        "text": "text",
    }[kind]


def _cell_problem(schema: Schema, column: Column, value: str, cells: dict[str, str]) -> str:
    """What is wrong with one cell of the published figures, or ''."""
    kind = column.type
    if kind in ("indicator", "group", "geo"):
        allowed = {"indicator": schema.indicators, "group": schema.groups, "geo": schema.geos}[kind]
        if value not in allowed:
            hint = difflib.get_close_matches(value, list(allowed), n=1)
            extra = f"did you mean '{hint[0]}'?" if hint else f"expected one of: {', '.join(allowed)}"
            return f"'{value}' is not listed in {SCHEMA_FILE} ({kind}s); {extra}"
    elif kind == "year":
        match = YEAR.match(value)
        if not match or not 1950 <= int(match.group(1)) <= 2100:
            return f"'{value}' is not a year; expected {_expected('year')}"
    elif kind == "number":
        if not NUMBER.match(value):
            return f"'{value}' is not a number; expected {_expected('number')}"
        indicator = schema.indicators.get(cells.get("indicator", ""))
        if indicator and indicator.is_share and not 0 <= float(value) <= 100:
            return f"{value} is not a share: a value in '{indicator.unit}' must be from 0 to 100"
    elif kind == "unit":
        indicator = schema.indicators.get(cells.get("indicator", ""))
        unit = translation.english(indicator.unit) if indicator else ""  # the CSV holds the English unit
        if indicator and value != unit:
            return f"'{value}' does not match the indicator '{indicator.id}', which is measured in '{unit}'"
    elif kind == "url":
        if not is_web_address(value):
            return f"'{value}' is not a web address; expected one starting with https:// or http://"
        if value not in schema.sources:
            return f"this address is not described under sources in {SCHEMA_FILE}; add its publisher and title there"
    return ""


# --- a teacher's own figures ---------------------------------------------------------

OWN_COLUMNS = ("place", "year", "group", "value", "source")
OWN_GROUPS = ("nationals", "other_EU_citizens", "non_EU_citizens", "foreign_born", "native_born", "all")
OWN_YEARS = (1990, 2099)

# The messages about a teacher's table. The page script (figures.js) receives
# these same templates, so a table gets the same messages in the book as in Jupyter.
OWN_MESSAGES = {
    "empty_file": "is empty; start from the template, whose first line is: {columns}",
    "no_rows": "has no rows below the first line; add one row for each figure",
    "missing_column": "this column is missing; the first line must be: {columns}",
    "unknown_column": "unknown column; the first line must be: {columns}",
    "twice": "this column appears twice; the first line must be: {columns}",
    "count": "has {count} values but the first line has {expected} columns; "
    "if a number has a decimal comma, write a point instead (12.5, not 12,5)",
    "empty": "is empty; write {what}",
    "not_year": "'{value}' is not a year; write four digits, such as 2024",
    "year_range": "{value} is not a plausible year; write a year from {low} to {high}",
    "group": "'{value}' is not one of the course's groups; write one of: {groups}",
    "not_number": "'{value}' is not a number; write the share in percent, with a point for decimals, such as 12.5",
    "below_zero": "{value} is below 0; a share in percent is from 0 to 100",
    "above_hundred": "{value} is more than 100; a share in percent is from 0 to 100",
    "duplicate": "repeats row {row}: the same place, year and group appear twice",
}
OWN_WHAT = {
    "place": "your school's or region's name",
    "year": "the year the figure is for, such as 2024",
    "group": "the group, such as nationals",
    "value": "the share in percent, such as 12.5, or delete the row",
    "source": "where the figure comes from, such as 'school office, June 2024'",
}


@dataclass(frozen=True)
class OwnFigure:
    place: str
    year: int
    group: str
    value: float
    source: str
    line: int = field(default=0, compare=False)
    value_text: str = field(default="", compare=False)  # as written, with a decimal point: "12.5"

    @property
    def text(self) -> str:
        return percent_text(self.value_text or format_number(self.value))


def share_text(text: str) -> str:
    """A share as a teacher may write it ('12.5', '12,5', '12.5 %'), with a decimal point and no sign."""
    text = text.strip()
    if text.endswith("%"):
        text = text[:-1].strip()
    return text.replace(",", ".", 1)


def parse_share(text: str) -> float | None:
    """The number in a share as a teacher may write it; None when it is not a number."""
    text = share_text(text)
    return float(text) if NUMBER.match(text) else None


def check_own_figures(text: str, shown: str = "my-figures.csv") -> tuple[list[OwnFigure], list[Problem]]:
    """A teacher's table of their own figures, checked: the rows, and every problem found."""
    msg = OWN_MESSAGES
    columns = ",".join(OWN_COLUMNS)
    problems: list[Problem] = []
    records = read_records(text)
    if not records:
        return [], [Problem(shown, "", "", msg["empty_file"].format(columns=columns))]
    header = tuple(name.lower() for name in records[0].cells)
    line = records[0].line
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(shown, "first line", name, msg["twice"].format(columns=columns), line))
        elif name not in OWN_COLUMNS:
            problems.append(Problem(shown, "first line", name, msg["unknown_column"].format(columns=columns), line))
        seen.add(name)
    for name in OWN_COLUMNS:
        if name not in header:
            problems.append(Problem(shown, "first line", name, msg["missing_column"].format(columns=columns), line))
    if problems:
        return [], problems
    if len(records) == 1:
        return [], [Problem(shown, "", "", msg["no_rows"])]
    rows: list[OwnFigure] = []
    first_seen: dict[tuple, int] = {}
    for number, record in enumerate(records[1:], start=1):
        item = f"row {number}"
        found: list[Problem] = []

        def report(column: str, message: str, found=found, item=item, record=record) -> None:  # this row's
            found.append(Problem(shown, item, column, message, record.line))

        if len(record.cells) > len(header):
            report("", msg["count"].format(count=len(record.cells), expected=len(header)))
            problems.extend(found)
            continue
        cells = dict(zip(header, record.cells + ("",) * (len(header) - len(record.cells)), strict=True))
        for name in OWN_COLUMNS:
            if not cells[name]:
                report(name, msg["empty"].format(what=OWN_WHAT[name]))
        year = cells["year"]
        if year and not re.fullmatch(r"[0-9]{4}", year):
            report("year", msg["not_year"].format(value=year))
        elif year and not OWN_YEARS[0] <= int(year) <= OWN_YEARS[1]:
            report("year", msg["year_range"].format(value=year, low=OWN_YEARS[0], high=OWN_YEARS[1]))
        group = cells["group"]
        if group and group not in OWN_GROUPS:
            report("group", msg["group"].format(value=group, groups=", ".join(OWN_GROUPS)))
        value = parse_share(cells["value"]) if cells["value"] else None
        if cells["value"] and value is None:
            report("value", msg["not_number"].format(value=cells["value"]))
        elif value is not None and value < 0:
            report("value", msg["below_zero"].format(value=cells["value"]))
        elif value is not None and value > 100:
            report("value", msg["above_hundred"].format(value=cells["value"]))
        if not found:
            key = (cells["place"], year, group)
            if key in first_seen:
                report("", msg["duplicate"].format(row=first_seen[key]))
            else:
                first_seen[key] = number
                rows.append(
                    OwnFigure(
                        cells["place"],
                        int(year),
                        group,
                        value,
                        cells["source"],
                        record.line,
                        share_text(cells["value"]),
                    )
                )
        problems.extend(found)
    return (rows if not problems else []), problems


def read_own_figures(path: str | Path, root: Path | None = None) -> list[OwnFigure]:
    """Read a teacher's filled-in copy of the template; raise ContentError naming every problem."""
    path = Path(path)
    shown = display_path(path, root) if root else path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ContentError(
            [Problem(shown, "", "", "file not found; copy data/templates/my-figures.csv and fill it in")]
        ) from None
    except UnicodeDecodeError:
        try:
            text = path.read_text(encoding="cp1252")  # what older spreadsheet programs save
        except UnicodeDecodeError as err:
            raise ContentError(
                [Problem(shown, "", "", f"cannot be read as text ({err.reason}); save it as CSV (UTF-8)")]
            ) from None
    rows, problems = check_own_figures(text, shown)
    if problems:
        raise ContentError(problems)
    return rows


def own_frame(rows: list[OwnFigure]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        [{"place": r.place, "year": r.year, "group": r.group, "value": r.value, "source": r.source} for r in rows],
        columns=["place", "year", "group", "value", "source"],
    )

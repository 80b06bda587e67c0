"""Every share the course states in its text must be a published figure, quoted right and cited.

The check reads the pages in book/ (Markdown files and the Markdown cells of
notebooks) and the chapter files in data/chapters/, and finds every share
written as "25.3 %", "25.3%", "25 per cent" or "… percentage points". Each one
must match exactly one row of data/education-figures.csv (or one EU target in
its schema):

- the same value, as a number;
- a year of that row (2023, or 2023 for a "2023 edition") named in the same
  paragraph (for a chapter file: in the same question, node or item);
- when the words around the number name a group ("non-EU", "nationals", …) or
  a country ("Greece", …) that the row's indicator is measured for, the row's
  group or country; the words that count
  are those of the number's own clause (the sentence cut at commas,
  semicolons, brackets, "and", "against", "compared with", …), and the
  phrases come from the schema (groups/geos: phrases);
- and it must be cited: its source's address is linked in the same section
  (between two headings, or in the same notebook cell), or its publisher is
  named in the same paragraph.

A number that matches no row, or several, is reported with where it is and
what to write instead. Differences ("17.1 percentage points") are never rows,
so the course states them in words ("about three times as often").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..content.course import find_root
from ..content.problems import Problem, display_path
from ..content.yaml_reader import read_yaml
from ..figures.data import Figure, Figures, Target, load_figures

SHARE = re.compile(r"(?<![\w.,])([0-9]+(?:\.[0-9]+)?)\s?(%|per\s?cent\b|percentage points?\b)")
LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)")
CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]]|(?<!\d)[–—](?!\d)|\b(?:and|against|while|whereas|but|versus|compared with|than)\b", re.I
)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Quote:
    """One share written in the course's text, with what surrounds it."""

    file: str
    where: str  # "cell 5", "section 'Why this course'", "quiz question 'x'"
    number: str  # as written: "25.3"
    unit: str  # "%", "per cent", "percentage points"
    clause: str
    paragraph: str  # for a chapter file: the whole item
    section_links: frozenset[str]
    line: int | None = None

    @property
    def text(self) -> str:
        return f"{self.number} {self.unit}" if self.unit != "%" else f"{self.number} %"


@dataclass(frozen=True)
class Match:
    quote: Quote
    row: Figure | Target | None
    problem: str = ""


# --- finding the quotes ----------------------------------------------------------------


def plain_markdown(text: str) -> tuple[str, set[str]]:
    """Markdown as plain words (link texts kept, addresses collected), and the addresses."""
    links = {m.group(2) for m in LINK.finditer(text)}
    text = LINK.sub(lambda m: m.group(1), text)
    text = re.sub(r"\{[a-z]+\}`([^`<]*)(?:<[^>]*>)?`", r"\1", text)  # MyST roles: {doc}`text <target>`
    text = re.sub(r"[*_`]+", "", text)
    return text, links


def _clause_and_paragraph(paragraph: str, start: int, end: int) -> str:
    before = paragraph[:start]
    after = paragraph[end:]
    cut_before = max([m.end() for m in SENTENCE_END.finditer(before)] + [0])
    cut_before = max([cut_before] + [m.end() for m in CLAUSE_BREAK.finditer(before)])
    next_break = [m.start() for m in CLAUSE_BREAK.finditer(after)] + [m.start() for m in SENTENCE_END.finditer(after)]
    cut_after = min([*next_break, len(after)])
    return (before[cut_before:] + paragraph[start:end] + after[:cut_after]).strip()


def _quotes_in(
    text: str, file: str, where: str, section_links: frozenset[str], line: int | None, paragraph: str | None = None
) -> list[Quote]:
    found = []
    for match in SHARE.finditer(text):
        unit = re.sub(r"\s+", " ", match.group(2))
        found.append(
            Quote(
                file,
                where,
                match.group(1),
                unit,
                _clause_and_paragraph(text, match.start(), match.end()),
                paragraph if paragraph is not None else text,
                section_links,
                line,
            )
        )
    return found


def markdown_quotes(markdown: str, file: str, where_prefix: str = "", first_line: int | None = 1) -> list[Quote]:
    """Quotes in Markdown; sections are split at headings, paragraphs at blank lines.
    first_line: the file's line of the text's first line (None when lines mean nothing, as in a notebook cell)."""
    quotes = []
    line = first_line or 1
    for section in re.split(r"(?m)^(?=#{1,6}\s)", markdown):
        heading = re.match(r"#{1,6}\s+(.*)", section)
        where = where_prefix or (f"section '{heading.group(1).strip()}'" if heading else "start of the page")
        links = frozenset(plain_markdown(section)[1])
        offset = 0
        for raw in re.split(r"\n\s*\n", section):
            at = section.find(raw, offset)
            offset = at + len(raw)
            paragraph = re.sub(r"\s+", " ", plain_markdown(raw)[0]).strip()
            raw_line = line + section[:at].count("\n") + len(raw) - len(raw.lstrip("\n")) if first_line else None
            quotes += _quotes_in(paragraph, file, where, links, raw_line)
        line += section.count("\n")
    return quotes


def notebook_quotes(path: Path, shown: str) -> list[Quote]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    quotes = []
    for number, cell in enumerate(cells, start=1):
        if cell["cell_type"] == "markdown":
            quotes += markdown_quotes("".join(cell["source"]), shown, f"cell {number}", first_line=None)
    return quotes


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def chapter_file_quotes(path: Path, shown: str, page_links: frozenset[str]) -> list[Quote]:
    """Quotes in a chapter file: each question, node, reflection or resource is one 'paragraph'."""
    raw = read_yaml(path, shown) or {}  # the course's own reader: YAML 1.2 values, hostile files refused
    items: list[tuple[str, object]] = []
    for key, value in raw.items():
        if key == "quiz":
            items += [
                (f"quiz question '{q.get('id', i)}'", q)
                for i, q in enumerate(value or [], start=1)
                if isinstance(q, dict)
            ]
        elif key == "scenario" and isinstance(value, dict):
            items += [(f"scenario {k}", v) for k, v in value.items() if k != "nodes"]
            items += [(f"scenario node '{k}'", v) for k, v in (value.get("nodes") or {}).items()]
        elif key in ("reflections", "resources"):
            items += [(f"{key[:-1]} {i}", v) for i, v in enumerate(value or [], start=1)]
        else:
            items.append((key, value))
    links = set(page_links)
    for resource in raw.get("resources") or []:
        if isinstance(resource, dict) and resource.get("url"):
            links.add(str(resource["url"]))
    quotes = []
    for where, value in items:
        strings = [re.sub(r"\s+", " ", s) for s in _strings(value)]
        whole = " ".join(strings)
        for text in strings:
            quotes += _quotes_in(text, shown, where, frozenset(links), None, paragraph=whole)
    return quotes


def course_quotes(root: Path) -> list[Quote]:
    """Every share stated in the pages of book/ and in the chapter files."""
    quotes = []
    notebook_links: dict[str, frozenset[str]] = {}
    for path in sorted((root / "book").glob("*.ipynb")):
        shown = display_path(path, root)
        quotes += notebook_quotes(path, shown)
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        notebook_links[path.stem] = frozenset(
            link for c in cells if c["cell_type"] == "markdown" for link in plain_markdown("".join(c["source"]))[1]
        )
    for path in sorted((root / "book").glob("*.md")):
        quotes += markdown_quotes(path.read_text(encoding="utf-8"), display_path(path, root))
    for path in sorted((root / "data" / "chapters").glob("*.yml")):
        quotes += chapter_file_quotes(path, display_path(path, root), notebook_links.get(path.stem, frozenset()))
    return quotes


# --- matching them with the data -------------------------------------------------------


def _names(phrases, text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.I) for p in phrases)


def _year_named(year: int, paragraph: str) -> bool:
    return re.search(rf"(?<!\d){year}(?!\d)", paragraph) is not None


def match_quote(quote: Quote, figures: Figures) -> Match:
    schema = figures.schema
    if quote.unit.startswith("percentage point"):
        return Match(
            quote,
            None,
            "a difference between two figures is no published figure; "
            'say it in words ("about three times as often") or quote both figures',
        )
    value = float(quote.number)
    candidates: list[Figure | Target] = [
        r for r in figures.rows if r.value == value and schema.indicators[r.indicator].is_share
    ]
    candidates += [t for t in schema.targets if t.value == value]
    if not candidates:
        return Match(
            quote,
            None,
            f"no row of data/education-figures.csv has the value {quote.number} "
            "(and no EU target in its schema): quote a published figure, or add its row with its source",
        )
    in_year = [
        c for c in candidates if _year_named(c.reference_year if isinstance(c, Figure) else c.year, quote.paragraph)
    ]
    if not in_year:
        years = ", ".join(sorted({c.year if isinstance(c, Figure) else str(c.year) for c in candidates}))
        return Match(
            quote,
            None,
            f"the rows with the value {quote.number} are for {years}, "
            "but the paragraph names none of these years; say which year the figure is for",
        )
    groups = [g for g in schema.groups.values() if _names(g.phrases, quote.clause)]
    geos = [p for p in schema.geos.values() if p.phrases and _names(p.phrases, quote.clause)]
    measured = {(r.indicator, r.group) for r in figures.rows} | {(r.indicator, r.geo) for r in figures.rows}

    def fits(c, named: list, attribute: str) -> bool:
        # A named group (or country) must be the row's, when the row's indicator is measured for it at all:
        # "born abroad" in a sentence about young people "born abroad or with parents born abroad" names no group.
        if not named:
            return True
        if isinstance(c, Target):
            return False
        ids = {n.id for n in named}
        return getattr(c, attribute) in ids or not any((c.indicator, i) in measured for i in ids)

    chosen = [c for c in in_year if fits(c, groups, "group") and fits(c, geos, "geo")]
    if not chosen:
        named = ", ".join([g.label for g in groups] + [p.name for p in geos])
        rows = "; ".join(_describe(c, figures) for c in in_year)
        return Match(
            quote, None, f"its clause names {named}, but the value {quote.number} in that year belongs to: {rows}"
        )
    if len(chosen) > 1:
        rows = "; ".join(_describe(c, figures) for c in chosen)
        return Match(quote, None, f"matches several rows ({rows}); name the group or the country next to the number")
    row = chosen[0]
    source = schema.source(row.source_url if isinstance(row, Figure) else row.source)
    linked = set(source.urls) & set(quote.section_links)
    if not linked and not _names([source.publisher, *source.publisher.split(" and ")], quote.paragraph):
        return Match(
            quote,
            row,
            f"is not cited: link {source.url} in the same section, or name {source.publisher} in the same paragraph",
        )
    return Match(quote, row)


def _describe(row: Figure | Target, figures: Figures) -> str:
    if isinstance(row, Target):
        return f"target '{row.label}'"
    schema = figures.schema
    return f"{row.indicator}, {schema.groups[row.group].label}, {schema.geos[row.geo].short}, {row.year}"


def quote_matches(root: Path | None = None, figures: Figures | None = None) -> list[Match]:
    root = find_root() if root is None else Path(root)
    figures = figures or load_figures(root)
    return [match_quote(q, figures) for q in course_quotes(root)]


def quote_problems(root: Path | None = None, figures: Figures | None = None) -> list[Problem]:
    """Every share in the course's text that is not a published figure, quoted right and cited."""
    return [
        Problem(m.quote.file, m.quote.where, "", f"'{m.quote.text}' {m.problem}", m.quote.line)
        for m in quote_matches(root, figures)
        if m.problem
    ]

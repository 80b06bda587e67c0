"""The published figures: data/education-figures.csv against its schema, and every mistake an
instructor can make in it reported with the file, the line, the row, the column and what was expected."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
import yaml

from support import ROOT, build_book, copy_course, figure_rows
from welcome_course.content.problems import ContentError
from welcome_course.figures.data import FIGURES_FILE, SCHEMA_FILE, figure_problems, load_figures

CSV = "data/education-figures.csv"
COLUMNS = len(next(csv.reader((ROOT / CSV).read_text(encoding="utf-8").splitlines())))


@pytest.fixture(scope="module")
def figures():
    return load_figures(ROOT)


def test_the_published_figures_load(figures):
    schema = figures.schema
    assert figures.rows and len(figures.rows) == schema.provenance["rows"] == len(figure_rows())
    assert list(figures.frame.columns[: len(schema.column_names)]) == list(schema.column_names)
    header = next(csv.reader((ROOT / FIGURES_FILE).open(encoding="utf-8")))
    assert tuple(header) == schema.column_names


def test_every_row_has_a_described_source_and_a_share_unit(figures):
    schema = figures.schema
    for row in figures.rows:
        source = figures.source(row)
        assert source.publisher and source.title and source.url.startswith("https://")
        assert row.unit == schema.indicators[row.indicator].unit and row.unit.startswith("percent")
        assert 0 <= row.value <= 100
        assert row.group in schema.groups and row.geo in schema.geos
    # every source the schema describes is used by a row or a target
    used = {r.source_url for r in figures.rows} | {t.source for t in schema.targets}
    assert used == set(schema.sources)


def test_targets_are_the_readmes(figures):
    targets = {t.id: (t.indicator, t.value, t.year) for t in figures.schema.targets}
    assert targets == {"eu-2030": ("early_leavers_18_24", 9, 2030), "eu-2020": ("early_leavers_18_24", 10, 2020)}


def test_get_and_select(figures):
    assert figures.get("early_leavers_18_24", "non_EU_citizens", "EU27", 2023).text == "25.3 %"
    assert (
        figures.get("youth_15_34_foreign_born_or_foreign_born_parents", "all", "EU", "2023 edition").reference_year
        == 2023
    )
    greece = figures.select(geo="EL")
    assert {(r.group, r.year) for r in greece} == {
        ("foreign_born", "2010"),
        ("foreign_citizens", "2010"),
        ("all", "2021"),
    }
    with pytest.raises(KeyError, match="no published figure"):
        figures.get("early_leavers_18_24", "nationals", "EL", 2023)


def test_the_loader_uses_pandas(figures):
    frame = figures.frame
    eu = frame[(frame.indicator == "early_leavers_18_24") & (frame.geo == "EU27") & (frame.group == "all")]
    assert eu.sort_values("reference_year")["value"].tolist() == [12.6, 10.2, 9.9, 9.7]


# --- mistakes in the CSV -------------------------------------------------------------------


def course_with(tmp_path, edit_csv=None, edit_schema=None):
    (tmp_path / "data").mkdir(parents=True, exist_ok=True)
    text = (ROOT / CSV).read_text(encoding="utf-8")
    (tmp_path / CSV).write_text(edit_csv(text) if edit_csv else text, encoding="utf-8")
    schema = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    (tmp_path / SCHEMA_FILE).write_text(edit_schema(schema) if edit_schema else schema, encoding="utf-8")
    return tmp_path


def messages(root) -> list[str]:
    return [str(p) for p in figure_problems(root)]


FIRST = "early_leavers_18_24,non_EU_citizens,EU27,2023,25.3,"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            FIRST,
            "early_leavers_18_24,non_EU_citizens,EU27,2023,twenty-five,",
            f"{CSV}, line 2: row 1: value: 'twenty-five' is not a number; expected a number with a point for decimals, such as 25.3",
        ),
        (
            FIRST,
            "early_leavers_18_24,non_EU_citizens,EU27,2023,25,3,",
            f"{CSV}, line 2: row 1: has {COLUMNS + 1} values but the first line names {COLUMNS} columns; "
            "put text that contains a comma in double quotes",
        ),
        (
            FIRST,
            "early_leavers_18_24,non_EU_citizens,EU27,2023,125.3,",
            f"{CSV}, line 2: row 1: value: 125.3 is not a share: a value in 'percent of 18-24 population' must be from 0 to 100",
        ),
        (
            FIRST,
            "early_leavers_18_24,non_EU_citizen,EU27,2023,25.3,",
            f"{CSV}, line 2: row 1: group: 'non_EU_citizen' is not listed in {SCHEMA_FILE} (groups); did you mean 'non_EU_citizens'?",
        ),
        (
            FIRST,
            "early_leavers_18_24,non_EU_citizens,GR,2023,25.3,",
            f"{CSV}, line 2: row 1: geo: 'GR' is not listed in {SCHEMA_FILE} (geos)",
        ),
        (
            FIRST,
            "early_leavers_18_24,non_EU_citizens,EU27,23,25.3,",
            f"{CSV}, line 2: row 1: year: '23' is not a year; expected a four-digit year such as 2023, or an edition such as '2023 edition'",
        ),
        (
            FIRST,
            "early_leavers_18_24,non_EU_citizens,EU27,2023,,",
            f"{CSV}, line 2: row 1: value: is empty; expected a number with a point for decimals, such as 25.3",
        ),
        (
            "25.3,percent of 18-24 population,Eurostat",
            "25.3,percent,Eurostat",
            f"{CSV}, line 2: row 1: unit: 'percent' does not match the indicator 'early_leavers_18_24', which is measured in 'percent of 18-24 population'",
        ),
        (
            "25.3,percent of 18-24 population,Eurostat,https://ec.europa.eu/eurostat/statistics-explained/index.php?oldid=644590",
            "25.3,percent of 18-24 population,Eurostat,https://example.org/figures?oldid=644590",
            f"{CSV}, line 2: row 1: source_url: this address is not described under sources in {SCHEMA_FILE}; add its publisher and title there",
        ),
        (
            "primary (Statistics Explained),by citizenship",
            ",by citizenship",
            f"{CSV}, line 2: row 1: source_type: is empty; expected text",
        ),
    ],
)
def test_a_mistake_names_line_row_and_column(tmp_path, old, new, expected):
    root = course_with(tmp_path, lambda text: text.replace(old, new, 1))
    found = messages(root)
    assert any(m.startswith(expected) for m in found), found
    with pytest.raises(ContentError):
        load_figures(root)


def test_a_missing_column_is_named(tmp_path):
    def drop_unit(text):
        rows = list(csv.reader(text.splitlines()))
        index = rows[0].index("unit")
        out = [",".join(f'"{c}"' if "," in c else c for i, c in enumerate(r) if i != index) for r in rows]
        return "\n".join(out) + "\n"

    found = messages(course_with(tmp_path, drop_unit))
    assert found == [
        f"{CSV}, line 1: first line: unit: this column is missing; the columns are: "
        "indicator, group, geo, year, value, unit, source_org, source_url, source_type, note"
    ]


def test_a_misspelt_column_gets_a_suggestion(tmp_path):
    found = messages(course_with(tmp_path, lambda t: t.replace(",source_url,", ",source_link,", 1)))
    assert f"{CSV}, line 1: first line: source_link: unknown column; did you mean 'source_url'?" in found


def test_a_repeated_row_is_reported(tmp_path):
    def repeat(text):
        lines = text.splitlines(keepends=True)
        return "".join([*lines, lines[1]])

    found = messages(course_with(tmp_path, repeat))
    line = len((ROOT / CSV).read_text(encoding="utf-8").splitlines()) + 1  # the line added after the last
    row = len(figure_rows()) + 1  # and its row
    assert found == [
        f"{CSV}, line {line}: row {row}: repeats row 1: the same indicator, group, geo and year appear twice"
    ]


def test_a_schema_mistake_is_reported_with_its_line(tmp_path):
    root = course_with(
        tmp_path,
        edit_schema=lambda s: s.replace(
            "  - id: eu-2030\n    indicator: early_leavers_18_24", "  - id: eu-2030\n    indicator: early_leavers", 1
        ),
    )
    found = messages(root)
    assert len(found) == 1 and found[0].startswith(f"{SCHEMA_FILE}, line ")
    assert "target 1: indicator: 'early_leavers' is not allowed" in found[0]


def test_the_schema_lists_what_the_csv_may_name(figures):
    raw = yaml.safe_load((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert [c["name"] for c in raw["columns"]] == list(figures.schema.column_names)
    for key in ("provenance", "indicators", "groups", "geos", "sources", "targets"):
        assert raw[key], key
    assert "licences" in raw["provenance"] and raw["provenance"]["caveats"]


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_command_reports_a_broken_figure(tmp_path):
    root = copy_course(tmp_path / "course")
    path = root / CSV
    path.write_text(
        path.read_text(encoding="utf-8").replace(FIRST, FIRST.replace("25.3", "25.3 %"), 1), encoding="utf-8"
    )
    done = subprocess.run([sys.executable, "-m", "welcome_course", "check"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{CSV}, line 2: row 1: value: '25.3 %' is not a number" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.build
def test_a_broken_figures_file_stops_the_build(tmp_path):
    root = copy_course(tmp_path / "course")
    path = root / CSV
    path.write_text(path.read_text(encoding="utf-8").replace(FIRST, FIRST.replace("25.3", "253"), 1), encoding="utf-8")
    done = build_book(root)
    assert done.returncode == 1
    assert f"{CSV}, line 2: row 1: value: 253 is not a share" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (root / "_build" / "html").exists()

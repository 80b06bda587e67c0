"""A teacher's own figures: the template, clear messages naming the row and the column for a
malformed or implausible table, and the same charts as the chapter's for a correct one."""

from __future__ import annotations

import pytest

from support import ROOT
from welcome_course.content.problems import ContentError
from welcome_course.figures.chapter import figures_chapter
from welcome_course.figures.data import (
    OWN_COLUMNS,
    OWN_GROUPS,
    TEMPLATE_FILE,
    check_own_figures,
    load_figures,
    read_own_figures,
)
from welcome_course.figures.widgets import OwnFiguresWidget

FILE = "my-figures.csv"
HEADER = "place,year,group,value,source\n"
GOOD = HEADER + (
    "Greenfield School,2024,nationals,4.5,school office\n"
    "Greenfield School,2024,non_EU_citizens,12,school office\n"
    "Greenfield School,2023,non_EU_citizens,15.5,school office\n"
)

# (table, every message expected, in order). These cases are also given to the page script
# in the browser tests, which must answer with exactly the same messages.
CASES = [
    (
        HEADER + "My school,2024,nationals,twelve,office\n",
        [
            f"{FILE}, line 2: row 1: value: 'twelve' is not a number; write the share in percent, with a point for decimals, such as 12.5"
        ],
    ),
    (
        HEADER + "My school,2024,nationals,112,office\n",
        [f"{FILE}, line 2: row 1: value: 112 is more than 100; a share in percent is from 0 to 100"],
    ),
    (
        HEADER + "My school,2024,nationals,-3,office\n",
        [f"{FILE}, line 2: row 1: value: -3 is below 0; a share in percent is from 0 to 100"],
    ),
    (
        "place,year,group,source\nMy school,2024,nationals,office\n",
        [
            f"{FILE}, line 1: first line: value: this column is missing; the first line must be: place,year,group,value,source"
        ],
    ),
    (
        "place,year,group,valeu,source\nMy school,2024,nationals,5,office\n",
        [
            f"{FILE}, line 1: first line: valeu: unknown column; the first line must be: place,year,group,value,source",
            f"{FILE}, line 1: first line: value: this column is missing; the first line must be: place,year,group,value,source",
        ],
    ),
    (
        HEADER + "My school,2024,nationals,12,5,office\n",
        [
            f"{FILE}, line 2: row 1: has 6 values but the first line has 5 columns; "
            "if a number has a decimal comma, write a point instead (12.5, not 12,5)"
        ],
    ),
    (
        HEADER + "My school,24,migrants,,\n",
        [
            f"{FILE}, line 2: row 1: value: is empty; write the share in percent, such as 12.5, or delete the row",
            f"{FILE}, line 2: row 1: source: is empty; write where the figure comes from, such as 'school office, June 2024'",
            f"{FILE}, line 2: row 1: year: '24' is not a year; write four digits, such as 2024",
            f"{FILE}, line 2: row 1: group: 'migrants' is not one of the course's groups; write one of: "
            "nationals, other_EU_citizens, non_EU_citizens, foreign_born, native_born, all",
        ],
    ),
    (
        HEADER + "My school,1890,nationals,5,office\n",
        [f"{FILE}, line 2: row 1: year: 1890 is not a plausible year; write a year from 1990 to 2099"],
    ),
    (
        HEADER + "\nMy school,2024,nationals,5,office\nMy school,2024,nationals,6,office\n",
        [f"{FILE}, line 4: row 2: repeats row 1: the same place, year and group appear twice"],
    ),
    (HEADER, [f"{FILE}: has no rows below the first line; add one row for each figure"]),
    ("  \n", [f"{FILE}: is empty; start from the template, whose first line is: place,year,group,value,source"]),
    (
        HEADER + '"My school, north site",2024,nationals,"12,5",office\n"Two\nlines",2024,all,x,office\n',
        [
            f"{FILE}, line 3: row 2: value: 'x' is not a number; write the share in percent, with a point for decimals, such as 12.5"
        ],
    ),
    (
        "\ufeffPlace;Year;Group;Value;Source\r\nMy school;2024;nationals;12,5 %;office\r\nMy school;2024;all;1O;office\r\n",
        [
            f"{FILE}, line 3: row 2: value: '1O' is not a number; write the share in percent, with a point for decimals, such as 12.5"
        ],
    ),
    ("place,year,group,value,source\x00\nMy school,2024,all,5\x00,office\n", []),
    (GOOD, []),
]


@pytest.mark.parametrize("table, expected", CASES)
def test_every_problem_names_the_row_and_the_column(table, expected):
    rows, problems = check_own_figures(table)
    assert [str(p) for p in problems] == expected
    assert (rows == []) == bool(expected)


def test_the_template_is_valid_in_form_and_asks_for_values():
    template = (ROOT / TEMPLATE_FILE).read_text(encoding="utf-8")
    assert template.splitlines()[0] == ",".join(OWN_COLUMNS)
    rows, problems = check_own_figures(template)
    assert {p.field for p in problems} == {"value", "source"}
    assert all("is empty" in p.message for p in problems)
    rows = len(template.splitlines()) - 1  # each asks for a value and a source: two problems a row
    assert rows and [p.item for p in problems[::2]] == [f"row {n}" for n in range(1, rows + 1)]


def test_own_groups_are_the_schemas():
    schema = load_figures(ROOT).schema
    assert set(OWN_GROUPS) <= set(schema.groups)


def test_a_correct_table_is_read_with_spreadsheet_habits():
    table = "\ufeffplace;year;group;value;source\r\nNorth;2024;nationals;12,5 %;office;;\r\n"
    rows, problems = check_own_figures(table)
    assert problems == [] and rows[0].value == 12.5 and rows[0].text == "12.5 %"


def test_a_file_is_read_and_its_problems_raised(tmp_path):
    good = tmp_path / "mine.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert [r.value for r in read_own_figures(good)] == [4.5, 12, 15.5]
    old = tmp_path / "old-spreadsheet.csv"
    old.write_bytes((HEADER + "École Sainte-Thérèse,2024,nationals,5,secrétariat\n").encode("cp1252"))
    assert read_own_figures(old)[0].place == "École Sainte-Thérèse"
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "My school,2024,nationals,150,office\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_own_figures(bad)
    assert (
        str(caught.value.problems[0])
        == "bad.csv, line 2: row 1: value: 150 is more than 100; a share in percent is from 0 to 100"
    )
    with pytest.raises(ContentError, match="file not found"):
        read_own_figures(tmp_path / "missing.csv")


@pytest.fixture(scope="module")
def chapter():
    return figures_chapter(ROOT)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_correct_table_gets_the_chapters_charts(chapter, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(GOOD, encoding="utf-8")
    activity = chapter.my_figures(path)
    assert activity.html.count("<svg") == 2  # by group next to the EU's, and over the years
    bars, _used = chapter.own_bars(read_own_figures(path))
    assert [(b.label, b.text) for b in bars] == [
        ("Nationals: Greenfield School, 2024", "4.5 %"),
        ("Nationals: EU27, 2023 (Eurostat)", "8.2 %"),
        ("Non-EU citizens: Greenfield School, 2023", "15.5 %"),
        ("Non-EU citizens: Greenfield School, 2024", "12 %"),
        ("Non-EU citizens: EU27, 2023 (Eurostat)", "25.3 %"),
    ]
    assert "EU target for 2030: below 9 %" in activity.html and "Source: Eurostat" in activity.html


def test_a_wrong_table_gets_the_list_of_corrections_escaped(chapter, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(HEADER + "<img src=x onerror=alert(1)>,2024,nationals,<b>9</b>,office\n", encoding="utf-8")
    activity = chapter.my_figures(path)
    assert "<img" not in activity.html and "&lt;b&gt;9&lt;/b&gt;" in activity.html
    assert "mine.csv, line 2: row 1: value:" in activity.plain


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_live_form_checks_and_draws(chapter):
    template = (ROOT / TEMPLATE_FILE).read_text(encoding="utf-8")
    form = OwnFiguresWidget(chapter, template)
    form.check_button.click()
    assert "row 1: value: is empty" in form.result.value
    form.text.value = GOOD
    form.check_button.click()
    assert "Your table is correct: 3 figures drawn." in form.result.value and form.result.value.count("<svg") == 2
    form.reset_button.click()
    assert form.text.value == template and form.result.value == ""

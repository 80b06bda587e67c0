"""Templates escape every text: hostile text in the content, the data and learners' files comes out as
text, in element content and in (quoted) attribute values alike, and Jinja syntax in it is not run."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser

import pytest

from support import ROOT, make_course, set_interface_word
from welcome_course.charts import horizontal_bars, svg_figure
from welcome_course.figures.chapter import figures_chapter
from welcome_course.figures.data import FIGURES_FILE, SCHEMA_FILE, TEMPLATE_FILE
from welcome_course.figures.widgets import ExplorerWidget, OwnFiguresWidget

SCRIPT = "<script>alert('x')</script>"
HOSTILE = f"""{SCRIPT} "quoted" 'single' & {{{{ 7*7 }}}} &amp;"""  # the last: an entity must stay text too
FILLED = HOSTILE.replace(
    "{{ 7*7 }}", "{ 7*7 }"
)  # an interface word with placeholders filled in: format() halves braces
ESCAPED_SCRIPT = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


class _Parsed(HTMLParser):
    """Every start tag's attributes and every piece of text, as a browser would read them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(str(html))  # a plain str: slices of Markup would escape the text collected from them
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data

    def attribute_values(self, name: str) -> list[str]:
        return [attrs[name] for _, attrs in self.tags if attrs.get(name) is not None]


def _assert_text_only(html: str) -> _Parsed:
    """No hostile markup came through, the hostile text is there as text, and Jinja did not evaluate it."""
    assert "<script" not in html and "<b>" not in html
    assert ESCAPED_SCRIPT in html
    assert "&#39;" not in html and "&#34;" not in html  # spelled like html.escape, as the stored outputs are
    parsed = _Parsed(html)
    assert not {tag for tag, _ in parsed.tags} & {"script", "b"}
    assert HOSTILE in parsed.text  # the reader sees the text exactly as written, {{ 7*7 }} and &amp; included
    return parsed


@pytest.fixture(scope="module")
def hostile_figures(tmp_path_factory):
    """The figures chapter with hostile interface words, schema labels and names, a source address and a row's note."""
    root = make_course(tmp_path_factory.mktemp("hostile-figures"))
    for name in (FIGURES_FILE, SCHEMA_FILE, TEMPLATE_FILE):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    for key in (
        "figures_in_this_chart",
        "figures_none_match",
        "figures_own_label",
        "figures_own_textarea",
        "figures_what",
        "figures_every_geo",
        "figures_own_check",
    ):
        set_interface_word(root, key, HOSTILE)
    set_interface_word(root, "figures_count", HOSTILE + " {shown}/{total}")
    set_interface_word(root, "figures_own_caption", HOSTILE + " {citation} " + HOSTILE)
    schema = (root / SCHEMA_FILE).read_text(encoding="utf-8")
    # the first source the figures cite, its address made hostile
    source_url = next(line.split("url: ", 1)[1] for line in schema.splitlines() if line.startswith("  - url: "))
    hostile_url = source_url + ("&" if "?" in source_url else "?") + "a=<b>&c='d'&e=\"f\""
    schema = schema.replace("    label: Nationals\n", f"    label: {json.dumps(HOSTILE)}\n")
    schema = schema.replace(
        "    title: Migrant integration statistics – education\n", f"    title: {json.dumps(HOSTILE)}\n"
    )
    schema = schema.replace(f"url: {source_url}\n", f"url: {json.dumps(hostile_url)}\n")
    indicator = "tertiary_attainment_25_34"  # a chart's key in the explorer
    hostile_indicator = f"{indicator}{SCRIPT}\"'"
    schema = schema.replace(f"  {indicator}:\n", f"  {json.dumps(hostile_indicator)}:\n")
    (root / SCHEMA_FILE).write_text(schema, encoding="utf-8")
    csv = (root / FIGURES_FILE).read_text(encoding="utf-8")
    csv = csv.replace(f"\n{indicator},", '\n"' + hostile_indicator.replace('"', '""') + '",')
    assert f",{source_url}," in csv, "a row cites the first source"
    csv = csv.replace(f",{source_url},", ',"' + hostile_url.replace('"', '""') + '",')
    csv = csv.replace(",by citizenship\n", ',"' + HOSTILE.replace('"', '""') + '"\n', 1)
    (root / FIGURES_FILE).write_text(csv, encoding="utf-8")
    return figures_chapter(root), hostile_url


@pytest.mark.slow  # over a second: make test runs it, make test-fast does not
def test_the_figures_chapter_shows_hostile_text_as_text(hostile_figures):
    chapter, hostile_url = hostile_figures
    chart = _assert_text_only(chapter.citizenship_chart().html)
    svg = next(attrs for tag, attrs in chart.tags if tag == "svg")
    assert HOSTILE in svg["aria-label"]  # the alternative text names the groups, whole, in a quoted attribute
    explorer = _assert_text_only(chapter.explorer().html)
    assert hostile_url in explorer.attribute_values("href")  # the address stays whole in its attribute
    hostile_indicator = chapter.figures.values("indicator")[1]
    assert SCRIPT in hostile_indicator and hostile_indicator in explorer.attribute_values("data-indicator")
    assert any(i.startswith(f"wc-x-{hostile_indicator}-") for i in explorer.attribute_values("id"))  # its chart's ids
    assert explorer.attribute_values("data-count-text") == [
        HOSTILE + " {shown}/{total}"
    ]  # filled in by the page script
    assert _assert_text_only(chapter.sources().html).attribute_values("href").count(hostile_url) == 1


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_own_figures_tool_keeps_hostile_text_and_tables_as_text(hostile_figures, tmp_path):
    chapter, _ = hostile_figures
    template = f"place,year,group,value,source\n{HOSTILE},2024,nationals,,\n"
    (chapter.figures.root / TEMPLATE_FILE).write_text(template, encoding="utf-8")
    tool = _assert_text_only(chapter.my_figures().html)
    section = next(attrs for tag, attrs in tool.tags if tag == "section")
    assert section["aria-label"] == HOSTILE and section["data-template"] == template
    assert json.loads(section["data-config"])["groups"]["nationals"] == HOSTILE  # JSON whole in its attribute
    assert template in tool.text  # in the text area, as typed

    table = tmp_path / "mine.csv"
    table.write_text(
        f'place,year,group,value,source\n"{HOSTILE.replace(chr(34), 2 * chr(34))}",2024,nationals,5,office\n'
        "North,2023,nationals,6,office\n",
        encoding="utf-8",
    )
    drawn = chapter.my_figures(table).html
    assert "<script" not in drawn and ESCAPED_SCRIPT in drawn and "&#39;" not in drawn
    broken = tmp_path / "broken.csv"
    broken.write_text(f"place,year,group,value,source\n{SCRIPT},24,{SCRIPT},x,\n", encoding="utf-8")
    problems = chapter.my_figures(broken).html
    assert "<script" not in problems and ESCAPED_SCRIPT in problems


@pytest.mark.slow  # over a second: make test runs it, make test-fast does not
def test_the_live_widgets_show_hostile_text_as_text(hostile_figures):
    chapter, _ = hostile_figures
    explorer = ExplorerWidget(chapter)
    for value in (explorer.count.value, explorer.chart.value, explorer.table.value):
        assert "<script" not in value
    assert ESCAPED_SCRIPT in explorer.count.value and ESCAPED_SCRIPT in explorer.table.value
    explorer.indicator.value = chapter.figures.values("indicator")[1]  # the one with a hostile name
    explorer.geo.value = "EL"
    assert _Parsed(explorer.count.value).text == HOSTILE  # figures_none_match
    explorer.geo.value = ""
    assert _Parsed(explorer.count.value).text == f"{FILLED} {len(explorer.rows())}/{len(chapter.figures.rows)}"
    own = OwnFiguresWidget(chapter, f"place,year,group,value,source\n{SCRIPT},2024,nationals,5,office\n")
    assert _Parsed(own.box.children[0].value).text == HOSTILE
    own.check()
    assert "<script" not in own.result.value and ESCAPED_SCRIPT in own.result.value


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_cohort_chart_keeps_hostile_alt_text_and_caption_as_text():
    fig = horizontal_bars([SCRIPT, "B"], [20, 80], HOSTILE, HOSTILE)
    html = svg_figure(fig, "hostile", HOSTILE, HOSTILE)
    assert html.startswith('<figure class="wc-plot"><svg role="img" aria-label="&lt;script&gt;')
    assert "<script" not in html and "&#39;" not in html
    parsed = _Parsed(html)
    svg = next(attrs for tag, attrs in parsed.tags if tag == "svg")
    assert svg["aria-label"] == HOSTILE and svg["role"] == "img"
    assert parsed.text.endswith(HOSTILE)  # the caption, last
    assert "<figcaption>" not in svg_figure(fig, "plain", "alt")

"""`export`: the quizzes as Moodle question banks, checked by independent readers.

- Moodle XML: lxml validates every file against a schema of the format (tests/moodle/moodle-xml.xsd)
  and against the rules Moodle applies when importing (tests/moodle/moodle-import-rules.sch, ISO
  Schematron); then each file is read back as Moodle's importer reads it, and Moodle's grading of
  every possible answer is compared with the course's own grading.
- GIFT: gift-pegjs, a GIFT parser from npm, run by node, reads every file back.
Hostile text (GIFT's ~ = # { } : and backslash, XML's < & >, HTML, line breaks) must come back
exactly as written, in both formats.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree, isoschematron

from support import ROOT, make_course, run_main, valid_chapter
from welcome_course.activities.grading import grade
from welcome_course.content.course import load_course
from welcome_course.export.banks import export
from welcome_course.i18n.languages import configured_languages

HERE = Path(__file__).parent
GIFT_PARSER = HERE / "gift" / "parse-gift.js"
GIFT_MODULE = HERE / "gift" / "node_modules" / "gift-pegjs"

HOSTILE = [
    "Braces {like this} and ~tilde =equals #hash :colon \\backslash",
    "Markup <b>bold</b> <script>alert('x')</script> & &amp; \"quotes\" 'single'",
    "GIFT look-alikes: ::title:: [html] $CATEGORY: x -> y #### %50% // not a comment",
    "CDATA end ]]> and a literal \\n and \\\\ two backslashes",
    "Two lines:\nthe second one",
    "Unicode: Ελληνικά, العربية, 中文, emoji 🙂",
]


# --- reading the files back -------------------------------------------------------------------


@pytest.fixture(scope="module")
def moodle_validators():
    schema = etree.XMLSchema(etree.parse(str(HERE / "moodle" / "moodle-xml.xsd")))
    rules = isoschematron.Schematron(etree.parse(str(HERE / "moodle" / "moodle-import-rules.sch")), store_report=True)

    def validate(path: Path) -> None:
        doc = etree.parse(str(path))
        assert schema.validate(doc), f"{path.name} breaks the Moodle XML schema: {schema.error_log}"
        assert rules.validate(doc), f"{path.name} breaks Moodle's import rules: {rules.error_log}"

    return validate


def html_text(value: str) -> str:
    """What a reader sees of one exported HTML paragraph (the inverse of question_bank.as_html)."""
    match = re.fullmatch(r"<p>(.*)</p>", value, flags=re.S)
    assert match, f"not one paragraph: {value!r}"
    assert "<" not in match.group(1).replace("<br>", ""), f"markup leaked into the text: {value!r}"
    return html.unescape(match.group(1).replace("<br>", "\n"))


def moodle_questions(path: Path) -> list[dict]:
    """The questions of a Moodle XML file, read as Moodle's importer reads them (qformat_xml):
    texts trimmed, fraction attributes in percent, true/false answers matched on their words."""
    out = []
    for q in etree.parse(str(path)).getroot().iter("question"):
        kind = q.get("type")
        if kind == "category":
            out.append({"type": "category", "path": q.findtext("category/text").strip()})
            continue
        answers = [
            {
                "text": a.findtext("text").strip(),
                "fraction": float(a.get("fraction")) / 100,
                "feedback": html_text(a.findtext("feedback/text").strip()),
            }
            for a in q.findall("answer")
        ]
        out.append(
            {
                "type": kind,
                "name": q.findtext("name/text").strip(),
                "prompt": html_text(q.findtext("questiontext/text").strip()),
                "single": (q.findtext("single") or "true").strip() != "false",
                "answers": answers,
            }
        )
    return out


def parse_gift(paths: list[Path]) -> dict[str, list]:
    node = shutil.which("node")
    if node is None or not GIFT_MODULE.is_dir():
        pytest.fail(
            "the GIFT tests need node and gift-pegjs: 'make test' installs them (or run: npm ci --prefix tests/gift)"
        )
    done = subprocess.run([node, str(GIFT_PARSER), *map(str, paths)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {Path(name).name: questions for name, questions in json.loads(done.stdout).items()}


def php_strip_tags(text: str) -> str:
    """PHP's strip_tags as Moodle's clean_param(PARAM_TEXT) applies it to a name: a '<' not followed
    by a space starts a tag that runs to the next '>' (or to the end)."""
    return re.sub(r"<(?!\s)[^>]*(>|$)", "", text)


def moodle_names(path: str) -> list[str]:
    """The category names Moodle shows for a category path: split at each single '/', '//' read as '/',
    trimmed and stripped of tags (qformat_default::split_category_path), then shown by format_string,
    which writes a '&' that starts no entity as &amp; and leaves the rest to the browser."""
    names = []
    for raw in re.split(r"(?<!/)/(?!/)", path):
        name = php_strip_tags(raw.replace("//", "/").strip())
        names.append(html.unescape(re.sub(r"&(?![a-zA-Z0-9#]{1,8};)", "&amp;", name)))
    return names


def gift_category_path(gift_file: Path) -> list[str]:
    """The category paths of a GIFT file as Moodle reads them (qformat_gift::readquestion): GIFT's
    escapes replaced by placeholders (escapedchar_pre), which a category line never turns back."""
    paths = []
    for line in gift_file.read_text(encoding="utf-8").split("\n"):
        if line.startswith("$CATEGORY:"):
            text = line.replace("\\\\", "&&092;")
            for char, code in zip(":#={}~", ("058", "035", "061", "123", "125", "126"), strict=True):
                text = text.replace("\\" + char, f"&&{code};")
            text = text.replace("\\n", "&&010").replace("&&092;", "\\")
            paths.append(text[len("$CATEGORY:") :].strip())
    return paths


def moodle_grade(question: dict, chosen: set[int]) -> float:
    """Moodle's grade for choosing these answers: the fraction of the one chosen (one answer
    allowed), or the sum of the chosen fractions kept between 0 and 1 (several allowed)."""
    total = sum(question["answers"][i]["fraction"] for i in chosen)
    return min(1.0, max(0.0, total))


# --- the comparisons ------------------------------------------------------------------------------


def check_moodle_against_course(course, chapter, questions: list[dict]) -> None:
    assert questions[0]["type"] == "category"
    assert questions[0]["path"].startswith("$course$/top/")
    assert len(questions) == len(chapter.questions) + 1
    for source, exported in zip(chapter.questions, questions[1:], strict=True):
        assert exported["name"] == f"{chapter.id} {source.id}"
        assert exported["prompt"] == source.prompt
        if source.kind == "true_false":
            assert exported["type"] == "truefalse"
            by_word = {a["text"]: a for a in exported["answers"]}
            for option in source.options:  # ids "true" and "false"
                assert by_word[option.id]["feedback"] == option.feedback
                assert by_word[option.id]["fraction"] == (1.0 if option.correct else 0.0)
        else:
            assert exported["type"] == "multichoice"
            assert exported["single"] == (source.kind == "single_choice")
            assert [html_text(a["text"]) for a in exported["answers"]] == [o.text for o in source.options]
            assert [a["feedback"] for a in exported["answers"]] == [o.feedback for o in source.options]
        # Moodle gives full marks exactly when the course says the answer is right.
        ids = [o.id for o in source.options]
        sizes = range(1, len(ids) + 1) if source.kind == "multiple_choice" else [1]
        for size in sizes:
            for chosen in itertools.combinations(range(len(ids)), size):
                if source.kind == "true_false":
                    # Moodle's true/false grade: the fraction of the answer chosen
                    word = ids[chosen[0]]
                    full = next(a for a in exported["answers"] if a["text"] == word)["fraction"] == 1.0
                else:
                    full = abs(moodle_grade(exported, set(chosen)) - 1.0) < 1e-6
                assert full == grade(source, {ids[i] for i in chosen}).correct, (source.id, chosen)


def check_gift_against_course(chapter, parsed: list[dict]) -> None:
    assert parsed[0]["type"] == "Category"
    assert len(parsed) == len(chapter.questions) + 1
    for source, exported in zip(chapter.questions, parsed[1:], strict=True):
        assert exported["title"] == f"{chapter.id} {source.id}"
        assert exported["stem"]["format"] == "html"
        assert html_text(exported["stem"]["text"]) == source.prompt
        if source.kind == "true_false":
            assert exported["type"] == "TF"
            right = next(o for o in source.options if o.correct)
            wrong = next(o for o in source.options if not o.correct)
            assert exported["isTrue"] == (right.id == "true")
            # gift-pegjs names the two feedbacks by position; Moodle reads the first as the feedback
            # for a wrong answer and the second for a right one (qformat_gift::split_truefalse_comment).
            assert html_text(exported["trueFeedback"]["text"]) == wrong.feedback
            assert html_text(exported["falseFeedback"]["text"]) == right.feedback
            continue
        assert exported["type"] == "MC"
        choices = exported["choices"]
        assert [html_text(c["text"]["text"]) for c in choices] == [o.text for o in source.options]
        assert [html_text(c["feedback"]["text"]) for c in choices] == [o.feedback for o in source.options]
        if source.kind == "single_choice":
            # '=' marks the one right answer, and no weights: Moodle allows one answer
            assert [c["isCorrect"] for c in choices] == [o.correct for o in source.options]
            assert all(c["weight"] is None for c in choices)
        else:
            # no '=' at all: Moodle allows several answers, weighted
            assert not any(c["isCorrect"] for c in choices)
            right = sum(o.correct for o in source.options)
            for choice, option in zip(choices, source.options, strict=True):
                assert choice["weight"] == pytest.approx((100 if option.correct else -100) / right, abs=1e-4)


# --- the tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=configured_languages(ROOT))
def real_export(tmp_path_factory, request):
    """The course's question banks in each published language (English, French, Spanish)."""
    course = load_course(ROOT, request.param)
    folder = tmp_path_factory.mktemp(f"export-{request.param}")
    export(course, [], folder)
    if request.param != "en":  # really translated: a prompt reads otherwise than in English
        english = load_course(ROOT, "en")
        assert course.chapter("step-01").questions[0].prompt != english.chapter("step-01").questions[0].prompt
    return course, folder


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_every_chapter_is_valid_moodle_xml_graded_as_in_the_course(real_export, moodle_validators):
    course, folder = real_export
    for chapter in course.chapters.values():
        path = folder / f"{chapter.id}.moodle.xml"
        moodle_validators(path)
        check_moodle_against_course(course, chapter, moodle_questions(path))
    everything = folder / "all-chapters.moodle.xml"
    moodle_validators(everything)
    categories = [q for q in moodle_questions(everything) if q["type"] == "category"]
    assert len(categories) == len(course.chapters)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_every_chapter_is_gift_that_gift_pegjs_reads_back(real_export):
    course, folder = real_export
    files = [folder / f"{c}.gift.txt" for c in course.chapters] + [folder / "all-chapters.gift.txt"]
    parsed = parse_gift(files)
    for chapter in course.chapters.values():
        check_gift_against_course(chapter, parsed[f"{chapter.id}.gift.txt"])
    everything = parsed["all-chapters.gift.txt"]
    assert sum(q["type"] == "Category" for q in everything) == len(course.chapters)
    assert len(everything) == len(course.chapters) + sum(len(c.questions) for c in course.chapters.values())


def hostile_chapter() -> dict:
    chapter = valid_chapter()
    chapter["title"] = "Title with / slash, {braces}, <tags> & :colons:"
    single, multiple, true_false = chapter["quiz"]
    single["prompt"] = HOSTILE[0]
    single["options"][0].update(text=HOSTILE[1], feedback=HOSTILE[2])
    single["options"][1].update(text=HOSTILE[3], feedback=HOSTILE[4])
    multiple["prompt"] = HOSTILE[5] + " " + HOSTILE[0]
    for option, text in zip(multiple["options"], HOSTILE[1:], strict=False):  # the options that carry hostile text
        option.update(text=text, feedback=text[::-1])
    true_false.update(prompt=HOSTILE[2], feedback_true=HOSTILE[3], feedback_false=HOSTILE[4], answer=False)
    return chapter


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_hostile_text_comes_back_exactly_in_both_formats(tmp_path, moodle_validators):
    course = load_course(make_course(tmp_path / "course", {"step-99": hostile_chapter()}))
    chapter = course.chapter("step-99")
    written = export(course, ["step-99"], tmp_path / "out")
    assert sorted(p.name for p in written) == ["step-99.gift.txt", "step-99.moodle.xml"]
    xml_file = tmp_path / "out" / "step-99.moodle.xml"
    moodle_validators(xml_file)
    check_moodle_against_course(course, chapter, moodle_questions(xml_file))
    gift_file = tmp_path / "out" / "step-99.gift.txt"
    parsed = parse_gift([gift_file])["step-99.gift.txt"]
    check_gift_against_course(chapter, parsed)
    # a '/' in a category name is doubled, as Moodle expects; the name is shown as written
    assert parsed[0]["title"].endswith("/3. Title with // slash, {braces}, &lt;tags&gt; & :colons:")
    for path in [*gift_category_path(gift_file), moodle_questions(xml_file)[0]["path"]]:
        assert moodle_names(path)[-1] == "3. " + chapter.title
    # nothing special is left unescaped in the GIFT text
    raw = gift_file.read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    assert "{like this}" not in raw and "\\{like this\\}" in raw


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_title_with_markup_is_a_category_moodle_shows_as_written(tmp_path, moodle_validators):
    """Moodle keeps a category's name as plain text (it strips tags) and shows it through format_string:
    markup, entities and GIFT's escape characters in a title come back exactly, in both formats."""
    chapter = valid_chapter()
    chapter["title"] = '<b>bold</b> & "quotes", &amp; &#60; <tags> a/b /c/ \\: \\n \\\\ {x} =y #z ~w'
    root = make_course(tmp_path / "course", {"step-99": chapter})
    course_file = root / "data" / "course.yml"
    title = "Course <i>in</i> Moodle & co/"
    course_file.write_text(
        re.sub(
            r"^title: .*$", "title: " + json.dumps(title), course_file.read_text(encoding="utf-8"), count=1, flags=re.M
        ),
        encoding="utf-8",
    )
    course = load_course(root)
    assert course.title == title
    chapter = course.chapter("step-99")
    export(course, ["step-99"], tmp_path / "out")
    xml_file = tmp_path / "out" / "step-99.moodle.xml"
    gift_file = tmp_path / "out" / "step-99.gift.txt"
    moodle_validators(xml_file)
    check_moodle_against_course(course, chapter, moodle_questions(xml_file))
    check_gift_against_course(chapter, parse_gift([gift_file])["step-99.gift.txt"])
    expected = ["$course$", "top", title, "3. " + chapter.title]
    assert moodle_names(moodle_questions(xml_file)[0]["path"]) == expected
    assert [moodle_names(p) for p in gift_category_path(gift_file)] == [expected]
    # question names: plain text Moodle keeps as written too
    names = [q["name"] for q in moodle_questions(xml_file)[1:]]
    assert [php_strip_tags(n) for n in names] == [f"step-99 {q.id}" for q in chapter.questions]


def test_control_characters_are_dropped_not_written_into_xml(tmp_path, moodle_validators):
    """`check` refuses a control character in a content file and in a translation; should one reach the
    export all the same (a course object made by other code), it is dropped rather than written into XML
    that Moodle refuses."""
    from dataclasses import replace

    course = load_course(make_course(tmp_path / "course", {"step-99": valid_chapter()}))
    chapter = course.chapter("step-99")
    first = replace(chapter.questions[0], prompt="Bell\x07 and escape\x1b characters")
    chapter = replace(chapter, questions=(first, *chapter.questions[1:]))
    course = replace(course, chapters={**course.chapters, "step-99": chapter})
    export(course, ["step-99"], tmp_path / "out")
    moodle_validators(tmp_path / "out" / "step-99.moodle.xml")
    assert moodle_questions(tmp_path / "out" / "step-99.moodle.xml")[1]["prompt"] == "Bell and escape characters"


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_the_checks_reject_broken_files(real_export, moodle_validators, tmp_path):
    """The schema, the import rules and the GIFT parser do catch mistakes."""
    _, folder = real_export
    good = (folder / "step-01.moodle.xml").read_text(encoding="utf-8")
    broken = {
        "fraction": re.sub(r'fraction="33\.33333"', 'fraction="33"', good, count=1),
        "feedback": re.sub(
            r"<feedback format=\"html\">\s*<text>[^<]*</text>", '<feedback format="html"><text></text>', good, count=1
        ),
        "element": good.replace("<single>true</single>", "<single>true</single><colour>red</colour>", 1),
        "true-false": good.replace("<text>false</text>", "<text>no</text>", 1),
    }
    for name, text in broken.items():
        assert text != good, name
        path = tmp_path / f"{name}.xml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(AssertionError):
            moodle_validators(path)
    gift = (folder / "step-01.gift.txt").read_text(encoding="utf-8")
    bad_gift = tmp_path / "bad.gift.txt"
    bad_gift.write_text(gift.replace("[html]<p>", "[html]<p>{", 1), encoding="utf-8")
    node = shutil.which("node")
    done = subprocess.run([node, str(GIFT_PARSER), str(bad_gift)], capture_output=True, text=True)
    assert done.returncode == 1 and "not valid GIFT" in done.stderr


# --- the command ---------------------------------------------------------------------------------


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "welcome_course", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_export_command_writes_one_chapter_in_one_format(tmp_path):
    done = run_cli("export", "step-02", "--format", "gift", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["step-02.gift.txt"]
    assert "step-02.gift.txt" in done.stdout and "Question bank > Import" in done.stdout


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_export_into_a_folder_that_cannot_be_written(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    code, _, err = run_main(monkeypatch, capsys, ROOT, "export", "--out", blocker / "export")
    assert code == 1
    assert f"Cannot write the export folder {blocker / 'export'}: {blocker} is a file, not a folder" in err


def test_export_of_an_unknown_chapter(tmp_path, monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, ROOT, "export", "step-42", "--out", tmp_path)
    assert code == 1
    assert "Cannot export: no chapter 'step-42'; chapters are: " in err and "step-01" in err
    assert list(tmp_path.iterdir()) == []


def test_export_with_a_broken_content_file(tmp_path, monkeypatch, capsys):
    chapter = valid_chapter()
    del chapter["quiz"][0]["options"][0]["feedback"]
    root = make_course(tmp_path / "course", {"step-99": chapter})
    code, _, err = run_main(monkeypatch, capsys, root, "export", "--out", tmp_path / "out")
    assert code == 1
    assert "data/chapters/step-99.yml, line" in err
    assert "quiz question 'pick-one': options[1].feedback: missing; expected text" in err
    assert not (tmp_path / "out").exists()

"""Broken and hostile YAML, tried on the course's own files as an instructor (or an attacker) would
write it: every mistake is one line naming the file, the line and what to do, never a traceback;
what would hang or crash the build is refused at once; text keeps what was written; and `check`,
`build` and the book's Sphinx extension agree on what is valid."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from support import copy_course, make_course, run_main, set_interface_word, valid_chapter
from welcome_course.activities.static_html import quiz_html
from welcome_course.content.course import RENDER_ENV, ROOT_ENV, load_course
from welcome_course.content.problems import ContentError

STEP = "data/chapters/step-01.yml"
TITLE = "title: Get information on the problem"  # line 7 of step-01.yml
GENEROUS = 60  # seconds: a refusal takes well under a second; a hang or a crash would take forever


@pytest.fixture
def course_copy(tmp_path):
    return copy_course(tmp_path / "course")


def edit(root, old: str, new: str, path: str = STEP) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root, text: str, path: str = STEP) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def check_in_process(monkeypatch, capsys, root) -> tuple[int, list[str], str]:
    """`check` run in this process: exit code, the problem lines, and everything printed."""
    code, out, err = run_main(monkeypatch, capsys, root, "check")
    return code, [line[4:] for line in err.splitlines() if line.startswith("  - ")], out + err


def check_command(root) -> subprocess.CompletedProcess:
    """The real command line, in a process of its own: a crash or a hang cannot take the tests with it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WELCOME_COURSE_")}
    return subprocess.run(
        [sys.executable, "-m", "welcome_course", "check"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=GENEROUS,
    )


# --- one definition of "valid" ------------------------------------------------------------


def cut_step_01_to_three_questions(root) -> None:
    path = root / STEP
    chapter = yaml.safe_load(path.read_text(encoding="utf-8"))
    chapter["quiz"] = chapter["quiz"][:3]
    path.write_text(yaml.safe_dump(chapter, sort_keys=False, allow_unicode=True), encoding="utf-8")


THIN = "data/chapters/step-01.yml: chapter: quiz: has 3 questions; a chapter needs at least 5"


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_build_refuses_what_check_refuses_with_the_same_message(course_copy, monkeypatch, capsys):
    cut_step_01_to_three_questions(course_copy)
    code, _, check_message = run_main(monkeypatch, capsys, course_copy, "check")
    assert code == 1 and f"  - {THIN}\n" in check_message

    import jupyter_book.sphinx

    def sphinx_must_not_run(*args, **kwargs):
        raise AssertionError("build went on to Sphinx although the content has a problem")

    monkeypatch.setattr(jupyter_book.sphinx, "build_sphinx", sphinx_must_not_run)
    code, out, err = run_main(monkeypatch, capsys, course_copy, "build")
    assert code == 1
    assert err == check_message  # the same list of problems, word for word
    assert "Traceback" not in out + err
    assert not (course_copy / "_build" / "html").exists()


def sphinx_config_error(root, tmp_path, monkeypatch) -> str:
    """The message with which the book's Sphinx extension stops Sphinx, before it reads a page."""
    from sphinx.application import Sphinx
    from sphinx.errors import ConfigError
    from sphinx.util.docutils import docutils_namespace

    # the extension tells the notebooks' kernels where the course is and to render statically;
    # those settings must not outlive this test
    monkeypatch.setenv(ROOT_ENV, str(root))
    monkeypatch.setenv(RENDER_ENV, "")
    # docutils_namespace: the nodes and directives this Sphinx registers are forgotten afterwards,
    # as sphinx-build does, so later Sphinx applications in this process start clean
    with docutils_namespace(), pytest.raises(ConfigError) as caught:
        Sphinx(
            str(root),
            None,
            str(tmp_path / "html"),
            str(tmp_path / "doctrees"),
            "html",
            confoverrides={"extensions": "welcome_course.site.extension"},
            status=None,
            warning=None,
        )
    return str(caught.value)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_sphinx_extension_refuses_what_check_refuses_with_the_same_message(
    course_copy, tmp_path, monkeypatch, capsys
):
    cut_step_01_to_three_questions(course_copy)
    code, _, check_message = run_main(monkeypatch, capsys, course_copy, "check")
    assert code == 1 and THIN in check_message
    assert sphinx_config_error(course_copy, tmp_path, monkeypatch) == check_message.strip()


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_toc_entry_without_its_file_is_named_in_toc_yml_before_sphinx_reads_a_page(
    course_copy, tmp_path, monkeypatch
):
    edit(
        course_copy,
        "      - file: book/step-01\n",
        "      - file: book/step-01\n      - file: book/step-42\n",
        "_toc.yml",
    )
    message = sphinx_config_error(course_copy, tmp_path, monkeypatch)
    assert "_toc.yml: entry 'book/step-42': file: no book/step-42.ipynb or book/step-42.md exists" in message
    assert "toctree contains reference" not in message


# --- YAML syntax errors: one line, with the file, the line and the column ------------------------

SYNTAX_ERRORS = {
    # name: (the change, the line reported, what the message says)
    "an unclosed quote": (
        (TITLE, 'title: "Get information on the problem'),
        7,
        "the quote opened on this line (column 8) is not closed on it, so YAML reads everything "
        "up to the next quote mark, on line {next_quote}, as one text",
    ),
    "a tab for indentation": (
        ("minutes: 45\n", "minutes: 45\n\tgoals_extra: 1\n"),
        11,
        "a tab is used for indentation; YAML needs spaces (column 1)",
    ),
    "key: value: more": (
        (TITLE, "title: Get information: on the problem"),
        7,
        "text that contains ': ' must be put in quotes (column 23)",
    ),
    "a NUL byte": (
        (TITLE, "title: Get information\x00 on the problem"),
        7,
        "holds the control character U+0000 at column 23, which YAML does not allow",
    ),
    "a !!python tag": (
        (TITLE, "title: !!python/object/apply:os.system ['echo unsafe']"),
        7,
        "the tag '!!python/object/apply:os.system' is not allowed in a course file; text that starts "
        "with ! must be put in quotes (column 8)",
    ),
    "a list as a key": (
        (TITLE, "title: Get information on the problem\n? [a, b]\n: c"),
        8,
        "a key (the name before ':') is a list or a block; a key must be a plain name",
    ),
}


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
@pytest.mark.parametrize("name", SYNTAX_ERRORS)
def test_a_yaml_syntax_error_is_one_line_with_file_line_and_column(course_copy, monkeypatch, capsys, name):
    (old, new), line, says = SYNTAX_ERRORS[name]
    edit(course_copy, old, new)
    lines = (course_copy / STEP).read_text(encoding="utf-8").split("\n")
    says = says.format(next_quote=next(n for n in range(line + 1, len(lines) + 1) if '"' in lines[n - 1]))
    code, problems, printed = check_in_process(monkeypatch, capsys, course_copy)
    assert code == 1
    assert "Traceback" not in printed
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{STEP}, line {line}: ") and says in problems[0], problems[0]


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_two_documents_in_one_file(course_copy, monkeypatch, capsys):
    (course_copy / STEP).write_text(
        (course_copy / STEP).read_text(encoding="utf-8") + "---\nid: step-01\n", encoding="utf-8"
    )
    code, problems, printed = check_in_process(monkeypatch, capsys, course_copy)
    second = len((course_copy / STEP).read_text(encoding="utf-8").splitlines()) - 1
    assert code == 1 and "Traceback" not in printed
    assert problems == [
        f"{STEP}, line {second}: holds a second document, started by the '---' on this line; a course "
        "file is one document: remove that line (and merge what follows into the rest)"
    ]


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_quote_never_closed_is_reported_where_it_opens(course_copy, monkeypatch, capsys):
    text = (course_copy / STEP).read_text(encoding="utf-8")
    (course_copy / STEP).write_text(text + 'extra: "a quote left open\n', encoding="utf-8")
    code, problems, printed = check_in_process(monkeypatch, capsys, course_copy)
    opened = len(text.splitlines()) + 1
    assert code == 1 and "Traceback" not in printed
    assert problems == [
        f"{STEP}, line {opened}: is not valid YAML: the quote opened on this line (column 8) is never "
        "closed; add the closing quote"
    ]


# --- what would hang or crash the process: refused at once, with a clear message ---------------

LAUGHS = "lol:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  {name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    "name, addition, says",
    [
        ("an alias bomb", LAUGHS, "holds more than 50,000 values once its aliases (*name) are expanded"),
        (
            "an alias inside itself",
            "loop: &loop [*loop]\n",
            "the alias *loop is used inside the block it names (&loop)",
        ),
        ("1,000 levels", "nest: " + "[" * 1_000 + "]" * 1_000 + "\n", "is nested more than 32 levels deep"),
        ("50,000 levels", "nest: " + "[" * 50_000 + "]" * 50_000 + "\n", "is nested more than 32 levels deep"),
        (
            "3,000 indented levels",
            "nest:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3_000)) + " " * 3_000 + "k: v\n",
            "is nested more than 32 levels deep",
        ),
    ],
)
@pytest.mark.slow  # over a second: make test runs it, make test-fast does not
def test_what_would_hang_or_crash_is_refused_at_once(course_copy, name, addition, says):
    path = course_copy / STEP
    text = path.read_text(encoding="utf-8")
    path.write_text(text + addition, encoding="utf-8")
    done = check_command(course_copy)  # the refusal takes well under a second; GENEROUS is for a busy machine
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    [problem] = [line for line in done.stderr.splitlines() if line.startswith("  - ")]
    first, last = len(text.splitlines()) + 1, len(path.read_text(encoding="utf-8").splitlines())
    assert problem.startswith(f"  - {STEP}, line ") and first <= int(problem.split(", line ")[1].split(":")[0]) <= last
    assert says in problem
    assert "Traceback" not in done.stderr + done.stdout


# --- YAML 1.1's surprises: text keeps what was written -------------------------------------


def chapter_text(**replacements: str) -> str:
    text = yaml.safe_dump(valid_chapter(), sort_keys=False, allow_unicode=True)
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_plain_values_that_yaml_1_1_would_change_stay_as_written(tmp_path):
    text = chapter_text(
        **{
            "text: Right\n": "text: 12:30\n",
            "text: Wrong\n": "text: 1.10\n",
            "text: First right\n": "text: 2_500_000\n",
            "text: Second right\n": "text: yes\n",
            "prompt: This is true.\n": "prompt: on\n",
            "- try the machinery\n": "- try the machinery\n- 007\n- no\n- 1e3\n",
        }
    )
    course = load_course(make_course(tmp_path, {"step-99": text}))
    chapter = course.chapter("step-99")
    assert [o.text for o in chapter.question("pick-one").options] == ["12:30", "1.10"]
    assert [o.text for o in chapter.question("pick-all").options][:2] == ["2_500_000", "yes"]
    assert chapter.question("judge").prompt == "on"
    assert chapter.goals == ("try the machinery", "007", "no", "1e3")
    page = quiz_html(course, chapter)
    assert ">12:30<" in page and ">1.10<" in page and ">2_500_000<" in page and "750" not in page


def test_yes_and_no_are_not_true_and_false(tmp_path):
    root = make_course(tmp_path, {"step-99": chapter_text(**{"correct: true\n": "correct: yes\n"})})
    with pytest.raises(ContentError) as refused:
        load_course(root)
    message = str(refused.value)
    assert (
        "options[1].correct: expected true or false, got text (yes, no, on and off are read as text: write true or false)"
        in message
    )


# --- a comment cutting text short ---------------------------------------------------------


def test_text_cut_short_by_a_comment_is_reported_with_the_advice_to_quote_it(tmp_path):
    text = chapter_text(
        **{
            "prompt: Which one?\n": "prompt: Pupils in year #3 of primary school, which one?\n",
            "- try the machinery\n": "- try the machinery #first\n",
            "minutes: 30\n": "minutes: 30  # half an hour: a comment after a number is fine\n",
            "type: single_choice\n": "type: single_choice  # a comment after a keyword is fine\n",
            "next: middle\n": "next: middle  # after a node's name\n",
            "url: https://example.org/page\n": "url: https://example.org/page  # and after an address\n",
        }
    )
    root = make_course(tmp_path, {"step-99": text})
    with pytest.raises(ContentError) as caught:
        load_course(root)
    lines = text.splitlines()
    prompt = next(n for n, line in enumerate(lines, start=1) if "Pupils in year" in line)
    goal = next(n for n, line in enumerate(lines, start=1) if "#first" in line)
    assert [str(p) for p in caught.value.problems] == [
        f"data/chapters/step-99.yml, line {goal}: chapter: goals[1]: the text stops at 'try the machinery': the rest of "
        "the line, ' #first', is read as a comment, because ' #' starts a comment in YAML; put the whole text in quotes",
        f"data/chapters/step-99.yml, line {prompt}: quiz question 'pick-one': prompt: the text stops at 'Pupils in year': "
        "the rest of the line, ' #3 of primary school, which one?', is read as a comment, because ' #' starts a comment "
        "in YAML; put the whole text in quotes",
    ]


# --- a typo in a fixed value: one message, with the nearest valid value ----------------------------


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_an_unknown_question_type_gives_one_message_with_the_nearest_type(course_copy, monkeypatch, capsys):
    edit(course_copy, "type: true_false", "type: truefalse")
    code, problems, _ = check_in_process(monkeypatch, capsys, course_copy)
    assert code == 1
    assert problems == [
        f"{STEP}, line {line_of(course_copy, 'type: truefalse')}: quiz question "
        "'whose-business-recognition': type: 'truefalse' is not allowed; did you mean true_false? "
        "expected one of: single_choice, multiple_choice, true_false"
    ]


def test_an_unknown_outcome_suggests_the_nearest(tmp_path):
    chapter = valid_chapter()
    chapter["scenario"]["nodes"]["good-end"]["outcome"] = "Good!"
    with pytest.raises(ContentError) as caught:
        load_course(make_course(tmp_path, {"step-99": chapter}))
    [problem] = caught.value.problems
    assert "outcome: 'Good!' is not allowed; did you mean good? expected one of: good, mixed, difficult" in str(problem)


# --- interface words --------------------------------------------------------------------


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_an_unknown_interface_word_is_one_clear_line(course_copy, monkeypatch, capsys):
    path = course_copy / "data" / "interface.yml"
    path.write_text(path.read_text(encoding="utf-8") + 'made_up_word: "Hello"\n', encoding="utf-8")
    code, problems, printed = check_in_process(monkeypatch, capsys, course_copy)
    assert code == 1 and "Traceback" not in printed
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"data/interface.yml, line {len(lines)}: interface strings: made_up_word: unknown field; it is none of the "
    )
    assert len(problems[0]) < 300  # not the list of every word


@pytest.mark.parametrize(
    "placeholder", ["{minutes:>99999999999}", "{minutes!r}", "{minutes.real}", "{minutes[0]}", "{}", "{0}"]
)
def test_an_interface_placeholder_is_a_plain_name(tmp_path, placeholder):
    root = make_course(tmp_path, {"step-99": valid_chapter()})
    line = set_interface_word(root, "minutes", f"About {placeholder} minutes")
    with pytest.raises(ContentError) as caught:
        load_course(root)
    assert [str(p) for p in caught.value.problems] == [
        f"data/interface.yml, line {line}: interface strings: minutes: '{placeholder}': a placeholder is a plain name "
        "in braces, such as {number}, with nothing else inside the braces (no ':', '!', '.' or '[')"
    ]


# --- addresses that become links ---------------------------------------------------------


@pytest.mark.parametrize(
    "field, address",
    [
        ("url", "javascript:alert(document.cookie)"),
        ("step_url", "javascript:alert({step})"),
        ("url", "data:text/html,<script>alert(1)</script>"),
        ("step_url", "https://example.org/step {step}"),
    ],
)
@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_guideline_address_must_be_a_web_address(tmp_path, field, address):
    root = make_course(tmp_path, {"step-99": valid_chapter()})
    path = root / "data" / "course.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(f"  {field}:"))
    lines[index] = f"  {field}: '{address}'\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_course(root)
    assert [str(p) for p in caught.value.problems] == [
        f"data/course.yml, line {index + 1}: guideline: {field}: '{address}' is not a web address; "
        "expected one starting with https:// or http://"
    ]


def test_a_resource_address_with_a_space_or_a_javascript_scheme_is_refused(tmp_path):
    chapter = valid_chapter()
    chapter["resources"] = [
        dict(chapter["resources"][0], url=url)
        for url in ("JavaScript:alert(1)", "https://example.org/a page", "https:javascript:alert(1)")
    ]
    with pytest.raises(ContentError) as caught:
        load_course(make_course(tmp_path, {"step-99": chapter}))
    assert [p.item for p in caught.value.problems] == ["resource 1", "resource 2", "resource 3"]
    assert all("is not a web address" in p.message for p in caught.value.problems)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_toc_link_must_be_a_web_address(course_copy, monkeypatch, capsys):
    # an entry `- url: …` is a link in the menu of every page
    edit(
        course_copy,
        "      - file: book/step-01\n",
        "      - file: book/step-01\n      - url: javascript:alert(document.cookie)\n        title: More\n",
        "_toc.yml",
    )
    code, problems, printed = check_in_process(monkeypatch, capsys, course_copy)
    line = line_of(course_copy, "url: javascript", "_toc.yml")
    assert code == 1 and "Traceback" not in printed
    assert problems == [
        f"_toc.yml, line {line}: entry 'javascript:alert(document.cookie)': url: is not a web address; "
        "expected one starting with https:// or http://"
    ]

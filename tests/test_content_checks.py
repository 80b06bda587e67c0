"""Loading content: every kind of mistake an instructor can make is reported
with the file, the item, the field and what was expected."""

from __future__ import annotations

import shutil

import pytest

from support import ROOT, make_course, set_interface_word, valid_chapter
from welcome_course.content.course import load_course
from welcome_course.content.problems import ContentError
from welcome_course.figures.data import FIGURES_FILE, SCHEMA_FILE, load_figures

FILE = "data/chapters/step-99.yml"


def problems_for(tmp_path, chapter) -> list[str]:
    root = make_course(tmp_path, {"step-99": chapter})
    with pytest.raises(ContentError) as caught:
        load_course(root)
    return [str(p) for p in caught.value.problems]


def only_problem(tmp_path, chapter) -> str:
    found = problems_for(tmp_path, chapter)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_chapter_loads(tmp_path):
    course = load_course(make_course(tmp_path, {"step-99": valid_chapter()}))
    chapter = course.chapter("step-99")
    assert [q.id for q in chapter.questions] == ["pick-one", "pick-all", "judge"]
    assert chapter.question("judge").correct_ids == {"true"}
    assert {n.id for n in chapter.scenario.endings} == {"good-end", "bad-end"}


def test_missing_field_names_file_item_and_field(tmp_path):
    chapter = valid_chapter()
    del chapter["quiz"][0]["prompt"]
    message = only_problem(tmp_path, chapter)
    assert message.startswith(FILE)
    assert "quiz question 'pick-one': prompt: missing; expected text" in message


def test_unknown_field_suggests_the_right_name(tmp_path):
    chapter = valid_chapter()
    option = chapter["quiz"][0]["options"][1]
    option["feedbak"] = option.pop("feedback")
    found = problems_for(tmp_path, chapter)
    assert any("options[2].feedbak: unknown field; did you mean 'feedback'?" in p for p in found), found
    assert any("options[2].feedback: missing" in p for p in found), found


def test_wrong_type_says_what_was_expected(tmp_path):
    chapter = valid_chapter()
    chapter["minutes"] = "forty"
    assert "chapter: minutes: expected a whole number, got text" in only_problem(tmp_path, chapter)


def test_yes_no_text_gets_a_hint_about_quotes(tmp_path):
    chapter = valid_chapter()
    chapter["quiz"][0]["options"][1]["text"] = False
    message = only_problem(tmp_path, chapter)
    assert "options[1].text" not in message and "options[2].text: expected text" in message
    assert "quotes" in message


def test_single_choice_without_a_correct_option(tmp_path):
    chapter = valid_chapter()
    chapter["quiz"][0]["options"][0]["correct"] = False
    message = only_problem(tmp_path, chapter)
    assert (
        "quiz question 'pick-one': options: a single_choice question needs exactly one option marked 'correct: true', found 0"
        in message
    )


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_single_choice_with_two_correct_options_suggests_multiple_choice(tmp_path):
    chapter = valid_chapter()
    chapter["quiz"][0]["options"][1]["correct"] = True
    message = only_problem(tmp_path, chapter)
    assert "found 2" in message and "multiple_choice" in message


def test_multiple_choice_needs_a_correct_option(tmp_path):
    chapter = valid_chapter()
    for option in chapter["quiz"][1]["options"]:
        option.pop("correct", None)
    assert "quiz question 'pick-all': options: a multiple_choice question needs at least one" in only_problem(
        tmp_path, chapter
    )


def test_option_without_feedback(tmp_path):
    chapter = valid_chapter()
    del chapter["quiz"][1]["options"][2]["feedback"]
    assert "quiz question 'pick-all': options[3].feedback: missing; expected text" in only_problem(tmp_path, chapter)


def test_true_false_needs_both_feedbacks_and_an_answer(tmp_path):
    chapter = valid_chapter()
    del chapter["quiz"][2]["feedback_false"]
    chapter["quiz"][2]["answer"] = "yes please"
    found = problems_for(tmp_path, chapter)
    assert any("quiz question 'judge': feedback_false: missing" in p for p in found), found
    assert any("quiz question 'judge': answer: expected true or false, got text" in p for p in found), found


def test_unknown_question_type(tmp_path):
    chapter = valid_chapter()
    chapter["quiz"][0]["type"] = "essay"
    message = only_problem(tmp_path, chapter)
    assert "type: 'essay' is not allowed; expected one of: single_choice, multiple_choice, true_false" in message


def test_duplicate_question_id(tmp_path):
    chapter = valid_chapter()
    chapter["quiz"][1]["id"] = "pick-one"
    assert "id: 'pick-one' is used by another question in this chapter" in only_problem(tmp_path, chapter)


def test_duplicate_key_in_the_file_is_reported_with_its_line(tmp_path):
    text = "id: step-99\ntitle: First title\ntitle: Second title\n"
    message = only_problem(tmp_path, text)
    assert message == f"{FILE}, line 3: title: appears twice in the same block; keep only one"


def test_invalid_id_characters(tmp_path):
    chapter = valid_chapter()
    chapter["quiz"][0]["id"] = "Pick One!"
    message = only_problem(tmp_path, chapter)
    assert "id: 'Pick One!' is not a valid id" in message and "lowercase letters, digits and hyphens" in message


def test_file_name_and_id_must_match(tmp_path):
    chapter = valid_chapter()
    chapter["id"] = "step-98"
    assert "chapter: id: is 'step-98' but the file is named 'step-99.yml'" in only_problem(tmp_path, chapter)


def test_choice_leading_to_a_missing_node(tmp_path):
    chapter = valid_chapter()
    chapter["scenario"]["nodes"]["middle"]["choices"][0]["next"] = "nowhere"
    found = problems_for(tmp_path, chapter)
    assert any(
        "scenario node 'middle': choices[1].next: leads to 'nowhere', which is not a node of this scenario" in p
        for p in found
    ), found


def test_unreachable_node(tmp_path):
    chapter = valid_chapter()
    chapter["scenario"]["nodes"]["island"] = {"outcome": "mixed", "title": "Alone", "text": "x", "debrief": "y"}
    message = only_problem(tmp_path, chapter)
    assert "scenario node 'island': cannot be reached from the start" in message


def test_path_that_never_reaches_an_ending(tmp_path):
    chapter = valid_chapter()
    nodes = chapter["scenario"]["nodes"]
    nodes["begin"]["choices"].append({"label": "Wander", "consequence": "You wander.", "next": "loop-a"})
    nodes["loop-a"] = {"text": "A", "choices": [{"label": "to B", "consequence": "b", "next": "loop-b"}]}
    nodes["loop-b"] = {"text": "B", "choices": [{"label": "to A", "consequence": "a", "next": "loop-a"}]}
    found = problems_for(tmp_path, chapter)
    assert sorted(found) == sorted(
        f"{FILE}, line {line}: scenario node '{node}': never reaches an ending: every path from here loops back without ending the story"
        for node, line in (("loop-a", _line_of(tmp_path, "loop-a")), ("loop-b", _line_of(tmp_path, "loop-b")))
    )


def _line_of(tmp_path, node):
    """The line where a node's block starts (its fields begin on the line after its name)."""
    lines = (tmp_path / "data" / "chapters" / "step-99.yml").read_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.strip() == f"{node}:") + 1


def test_start_must_be_a_node(tmp_path):
    chapter = valid_chapter()
    chapter["scenario"]["start"] = "prologue"
    assert "scenario: start: 'prologue' is not a node of this scenario" in only_problem(tmp_path, chapter)


def test_node_with_neither_choices_nor_ending(tmp_path):
    chapter = valid_chapter()
    chapter["scenario"]["nodes"]["middle"] = {"text": "Stuck here."}
    found = problems_for(tmp_path, chapter)
    assert any(
        "scenario node 'middle': needs either 'choices' (to go on) or 'outcome' and 'debrief'" in p for p in found
    ), found


def test_resource_link_must_be_a_web_address(tmp_path):
    chapter = valid_chapter()
    chapter["resources"][0]["url"] = "javascript:alert(1)"
    message = only_problem(tmp_path, chapter)
    assert "resource 1: url: 'javascript:alert(1)' is not a web address; expected one starting with https://" in message


def test_broken_yaml_gives_line_and_advice(tmp_path):
    text = "id: step-99\ntitle: Waiting: a title with a colon\n"
    message = only_problem(tmp_path, text)
    assert message.startswith(f"{FILE}, line 2: is not valid YAML")
    assert "must be put in quotes" in message


def test_yaml_is_loaded_safely(tmp_path):
    text = "id: !!python/object/apply:os.system ['echo unsafe']\n"
    message = only_problem(tmp_path, text)
    assert "is not valid YAML" in message


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    chapter = valid_chapter()
    del chapter["title"]
    chapter["minutes"] = 0
    del chapter["quiz"][0]["options"][0]["feedback"]
    assert len(problems_for(tmp_path, chapter)) == 3


def test_interface_strings_must_keep_their_placeholders(tmp_path):
    root = make_course(tmp_path, {"step-99": valid_chapter()})
    interface = root / "data" / "interface.yml"
    interface.write_text(
        interface.read_text(encoding="utf-8").replace(
            '"Score: {correct} of {total} answered correctly"', '"Score: {correct}"'
        ),
        encoding="utf-8",
    )
    score_line = next(
        i for i, line in enumerate(interface.read_text().splitlines(), start=1) if line.startswith("score:")
    )
    with pytest.raises(ContentError) as caught:
        load_course(root)
    assert [str(p) for p in caught.value.problems] == [
        f"data/interface.yml, line {score_line}: interface strings: score: must contain {{total}}"
    ]


def test_worksheet_figure_and_cohort_words_are_checked_like_the_others(tmp_path):
    root = make_course(tmp_path, {"step-99": valid_chapter()})
    for name in (FIGURES_FILE, SCHEMA_FILE):
        shutil.copy(ROOT / name, root / name)
    interface = root / "data" / "interface.yml"
    set_interface_word(root, "worksheet_why", None)
    done_line = set_interface_word(root, "figures_own_done", "Your table is correct: {number} figures drawn.")
    step_line = set_interface_word(root, "cohort_column_step", "Step {step")
    first_key = next(
        i
        for i, line in enumerate(interface.read_text().splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    )
    expected = [
        f"data/interface.yml, line {first_key}: interface strings: worksheet_why: missing; expected text",
        f"data/interface.yml, line {done_line}: interface strings: figures_own_done: must contain {{count}}",
        f"data/interface.yml, line {done_line}: interface strings: figures_own_done: "
        "uses unknown placeholder(s) {number}; allowed: {count}",
        f"data/interface.yml, line {step_line}: interface strings: cohort_column_step: has a {{ or }} without "
        "its partner; braces only mark the words the course fills in, such as {number}",
    ]
    with pytest.raises(ContentError) as caught:
        load_course(root)
    assert [str(p) for p in caught.value.problems] == expected
    # the data chapter reads the same words, so it reports the same problems
    with pytest.raises(ContentError) as caught:
        load_figures(root)
    assert [str(p) for p in caught.value.problems] == expected


def test_error_shows_as_a_list_not_a_traceback_in_notebooks(tmp_path):
    chapter = valid_chapter()
    del chapter["title"]
    root = make_course(tmp_path, {"step-99": chapter})
    with pytest.raises(ContentError) as caught:
        load_course(root)
    lines = caught.value._render_traceback_()
    assert lines[0] == "The course content has 1 problem:"
    assert lines[1].startswith(f"  - {FILE}") and "title: missing" in lines[1]

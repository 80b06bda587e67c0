"""The translation machinery: catalogues written by `translations update`, the course loaded in another
language with English fallbacks, and what `check` says about the catalogues (issue 17).

The content's catalogues only (`--content-only`: no Sphinx run) keep these tests quick; the pages'
catalogues and the builds per language are tested in test_translated_book.py.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from support import copy_course, run_main, with_prompt
from welcome_course.content.course import load_course
from welcome_course.content.translation import LANGUAGE_ENV

FR = Path("data/locales/fr/LC_MESSAGES")


@pytest.fixture
def course_fr(tmp_path, monkeypatch, capsys) -> Path:
    root = copy_course(tmp_path / "course")
    shutil.rmtree(root / "data/locales/fr")  # French made from scratch, as a translator starting a language would
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    code, out, err = run_main(monkeypatch, capsys, root, "translations", "update", "fr", "--content-only")
    assert code == 0, err
    assert "fr: 16 created" in out
    return root


def entries(path: Path) -> list:
    with path.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def translate(path: Path, wanted: dict[str, str]) -> None:
    """Give the entries whose msgctxt ends with a key of `wanted` that translation, as Poedit would save it."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    found = set()
    for message in catalogue:
        for ending, text in wanted.items():
            if message.context and message.context.endswith(ending):
                message.string = text
                message.flags.discard("fuzzy")
                found.add(ending)
    assert found == set(wanted), f"no entry for {set(wanted) - found}"
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_every_reader_text_is_extracted_with_its_place_and_no_id_answer_or_link(course_fr):
    english = load_course(course_fr, language="en")
    chapter = english.chapter("step-03")
    messages = entries(course_fr / FR / "data/chapters/step-03.po")
    by_context = {m.context: m.id for m in messages}
    question = chapter.questions[0]
    assert by_context[f"data/chapters/step-03.yml | quiz question '{question.id}' | prompt"] == question.prompt
    for number, option in enumerate(question.options, start=1):
        if option.text:
            assert (
                by_context[f"data/chapters/step-03.yml | quiz question '{question.id}' | options[{number}].text"]
                == option.text
            )
        assert option.feedback in by_context.values()
    scenario = chapter.scenario
    for node in scenario.nodes.values():
        assert node.text in by_context.values()
        for choice in node.choices:
            assert choice.label in by_context.values() and choice.consequence in by_context.values()
    assert scenario.title in by_context.values()
    for goal in chapter.goals:
        assert goal in by_context.values()
    for resource in chapter.resources:
        assert resource.title in by_context.values()
    # every entry says where it comes from: file and line
    assert all(
        m.locations and m.locations[0][0] == "data/chapters/step-03.yml" and m.locations[0][1] > 0 for m in messages
    )
    # never extracted: ids, node names, answers, links
    every_id = set(scenario.nodes) | {q.id for q in chapter.questions} | {r.id for r in chapter.reflections}
    texts = {m.id for path in (course_fr / FR).rglob("*.po") for m in entries(path)}
    assert not texts & every_id
    assert not [t for t in texts if t.startswith(("http://", "https://"))]
    assert not texts & {"true", "false", "single_choice", "multiple_choice", "good", "mixed", "difficult"}
    interface = {m.context.rsplit(" | ", 1)[1]: m.id for m in entries(course_fr / FR / "data/interface.po")}
    assert interface["score"] == english.interface["score"]
    assert "Who to contact" in {m.id for m in entries(course_fr / FR / "data/action-plan.po")}
    assert entries(course_fr / FR / "data/self-assessment.po")
    assert "Ireland" in {m.id for m in entries(course_fr / FR / "data/education-figures.schema.po")}


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_course_in_french_keeps_ids_and_falls_back_to_english(course_fr):
    english = load_course(course_fr, language="en")
    question = english.chapter("step-03").questions[0]
    translate(
        course_fr / FR / "data/chapters/step-03.po",
        {
            f"quiz question '{question.id}' | prompt": "Question traduite ?",
            f"quiz question '{question.id}' | options[1].text": "Première réponse traduite",
        },
    )
    translate(course_fr / FR / "data/interface.po", {"| check": "Vérifier ma réponse"})
    french = load_course(course_fr, language="fr")
    assert french.language == "fr"
    translated = french.chapter("step-03").questions[0]
    assert translated.prompt == "Question traduite ?"
    assert translated.options[0].text == "Première réponse traduite"
    assert translated.options[1].text == question.options[1].text  # not translated: English
    assert [o.id for o in translated.options] == [o.id for o in question.options]  # progress survives a switch
    assert [o.correct for o in translated.options] == [o.correct for o in question.options]
    assert french.interface["check"] == "Vérifier ma réponse"
    assert french.interface["try_again"] == english.interface["try_again"]
    assert french.chapter("step-03").scenario.nodes.keys() == english.chapter("step-03").scenario.nodes.keys()


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_environment_variable_chooses_the_language(course_fr, monkeypatch):
    translate(course_fr / FR / "data/interface.po", {"| check": "Vérifier ma réponse"})
    monkeypatch.setenv(LANGUAGE_ENV, "fr")
    assert load_course(course_fr).interface["check"] == "Vérifier ma réponse"
    monkeypatch.setenv(LANGUAGE_ENV, "xx")
    with pytest.raises(Exception, match="'xx' is not a language code"):
        load_course(course_fr)


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_reports_coverage_and_stale_strings(course_fr, monkeypatch, capsys):
    english = load_course(course_fr, language="en")
    question = english.chapter("step-07").questions[0]
    catalogue = course_fr / FR / "data/chapters/step-07.po"
    translate(catalogue, {f"quiz question '{question.id}' | prompt": "Une question traduite"})
    code, out, _ = run_main(monkeypatch, capsys, course_fr, "check")
    assert code == 0
    total = sum(len(entries(p)) for p in (course_fr / FR).rglob("*.po"))
    in_step_07 = len(entries(catalogue))
    assert f"fr: 0 % (1 of {total} texts)" in out
    assert f"{in_step_07 - 1} missing in step-07" in out
    # the English prompt changes: the translation becomes stale, is marked fuzzy, and is not shown
    chapter_file = course_fr / "data/chapters/step-07.yml"
    chapter_file.write_text(
        with_prompt(chapter_file.read_text(encoding="utf-8"), question.id, question.prompt + " Why?"), encoding="utf-8"
    )
    code, out, _ = run_main(monkeypatch, capsys, course_fr, "check")
    assert f"fr: 0 % (0 of {total} texts)" in out
    code, out, err = run_main(monkeypatch, capsys, course_fr, "translations", "update", "fr", "--content-only")
    assert code == 0, err
    fuzzy = [m for m in entries(catalogue) if m.fuzzy]
    assert [(m.id, m.string) for m in fuzzy] == [(question.prompt + " Why?", "Une question traduite")]
    previous = '#, fuzzy\n#| msgid "' + question.prompt[:30]  # the English it translated, shown by Poedit
    assert previous in catalogue.read_text(encoding="utf-8")
    assert load_course(course_fr, language="fr").chapter("step-07").questions[0].prompt == question.prompt + " Why?"
    code, out, _ = run_main(monkeypatch, capsys, course_fr, "check")
    assert code == 0
    assert "1 stale (English changed or gone): data/locales/fr/LC_MESSAGES/data/chapters/step-07.po, line" in out
    assert "fuzzy 'Une" not in out and f"fuzzy '{(question.prompt + ' Why?')[:20]}" in out


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_a_second_update_changes_nothing(course_fr, monkeypatch, capsys):
    before = {p: p.read_bytes() for p in (course_fr / FR).rglob("*.po")}
    code, out, _ = run_main(monkeypatch, capsys, course_fr, "translations", "update", "fr", "--content-only")
    assert code == 0 and "fr: 16 unchanged" in out
    assert {p: p.read_bytes() for p in (course_fr / FR).rglob("*.po")} == before


def problems_for(root, monkeypatch, capsys) -> str:
    code, out, err = run_main(monkeypatch, capsys, root, "check")
    assert code == 1, out
    return err


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_rejects_a_broken_placeholder_with_file_line_and_string(course_fr, monkeypatch, capsys):
    translate(course_fr / FR / "data/interface.po", {"| score": "Score : {correct} sur {totl}"})
    err = problems_for(course_fr, monkeypatch, capsys)
    line = next(m.lineno for m in entries(course_fr / FR / "data/interface.po") if m.context.endswith("| score"))
    assert (
        f"data/locales/fr/LC_MESSAGES/data/interface.po, line {line}: the string 'Score: {{correct}} of "
        "{total} answered correctly': msgstr: the translation lacks {total} and has {totl}"
    ) in err
    # and the course never shows it: English instead
    assert load_course(course_fr, language="fr").interface["score"].startswith("Score: {correct} of {total}")


def test_check_rejects_an_invisible_character_in_a_translation_and_the_course_shows_the_english(
    course_fr, monkeypatch, capsys
):
    """Poedit saves a control character pasted from elsewhere as it is; the content files refuse one
    (content/yaml_reader.py), and so does a translation."""
    translate(course_fr / FR / "data/interface.po", {"| check": "Vérifier\x07 ma réponse"})
    err = problems_for(course_fr, monkeypatch, capsys)
    line = next(m.lineno for m in entries(course_fr / FR / "data/interface.po") if m.context.endswith("| check"))
    assert (
        f"data/locales/fr/LC_MESSAGES/data/interface.po, line {line}: the string 'Check my answer': msgstr: "
        "the translation holds the invisible character U+0007"
    ) in err
    assert load_course(course_fr, language="fr").interface["check"] == "Check my answer"


@pytest.mark.parametrize(
    "injected",
    [
        'Vérifier <img src=x onerror="alert(1)">',
        "Vérifier {doc}`intro`",
        "```{raw} html\n<script>alert(1)</script>\n```",
    ],
)
@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_rejects_markup_that_would_change_the_page(course_fr, monkeypatch, capsys, injected):
    translate(course_fr / FR / "data/interface.po", {"| check": injected})
    err = problems_for(course_fr, monkeypatch, capsys)
    assert "data/locales/fr/LC_MESSAGES/data/interface.po, line" in err
    assert "the string 'Check my answer': msgstr: the translation adds the" in err
    assert load_course(course_fr, language="fr").interface["check"] == "Check my answer"


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_rejects_an_unknown_language(course_fr, monkeypatch, capsys):
    (course_fr / "data/locales/fr").rename(course_fr / "data/locales/french")
    err = problems_for(course_fr, monkeypatch, capsys)
    assert "data/locales/french: 'french' is not a language code the course knows" in err
    code, _, err = run_main(monkeypatch, capsys, course_fr, "translations", "update", "xx", "--content-only")
    assert code == 1 and "'xx' is not a language to translate into" in err


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_check_rejects_an_unknown_language_in_the_config(course_fr, monkeypatch, capsys):
    config = course_fr / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nlanguages: [en, zz]\n", encoding="utf-8")
    err = problems_for(course_fr, monkeypatch, capsys)
    assert "_config.yml: languages: 'zz' is not a language code the course knows" in err


def shown_text(widget) -> str:
    """Every text a widget tree shows: HTML values, labels, button words, option labels."""
    parts, stack = [], [widget]
    while stack:
        item = stack.pop()
        for name in ("value", "description", "placeholder"):
            value = getattr(item, name, None)
            if isinstance(value, str):
                parts.append(value)
        for option in getattr(item, "options", ()) or ():
            parts.append(option[0] if isinstance(option, tuple) else str(option))
        stack.extend(getattr(item, "children", ()) or ())
        if hasattr(item, "box"):
            stack.append(item.box)
    return html.unescape("\n".join(parts))


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
def test_the_live_quiz_speaks_the_chosen_language_and_keeps_answers_across_a_switch(course_fr, monkeypatch, tmp_path):
    from welcome_course.activities.widgets import QuizWidget
    from welcome_course.progress.live import LiveProgress
    from welcome_course.progress.store import ProgressStore

    english = load_course(course_fr, language="en")
    number, question = next(
        (n, q) for n, q in enumerate(english.chapter("step-03").questions) if q.kind == "single_choice"
    )
    translate(
        course_fr / FR / "data/chapters/step-03.po",
        {f"quiz question '{question.id}' | prompt": "Question traduite pour la classe ?"},
    )
    translate(course_fr / FR / "data/interface.po", {"| check": "Vérifier ma réponse"})
    store = tmp_path / "learner" / "progress.json"
    monkeypatch.setenv(LANGUAGE_ENV, "fr")  # the live course's one setting
    french = load_course(course_fr)
    quiz = QuizWidget(french, french.chapter("step-03"), LiveProgress(french, ProgressStore(store)))
    shown = shown_text(quiz)
    assert "Question traduite pour la classe ?" in shown and "Vérifier ma réponse" in shown
    assert question.prompt not in shown
    right = next(o for o in question.options if o.correct)
    first = quiz.questions[number]
    first.selector.value = right.id
    first.check_button.click()
    # the learner switches to English: the same answer comes back
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    again = load_course(course_fr)
    quiz_en = QuizWidget(again, again.chapter("step-03"), LiveProgress(again, ProgressStore(store)))
    assert question.prompt in shown_text(quiz_en) and "Vérifier ma réponse" not in shown_text(quiz_en)
    restored = quiz_en.questions[number].selector.value
    assert restored == first.selector.value


def test_a_role_may_show_translated_words_and_name_its_english_target():
    from welcome_course.content.translation import problems_of

    english = "The {term}`Debrief` starts the discussion."
    assert problems_of(english, "Le {term}`retour sur le scénario <Debrief>` ouvre la discussion.") == []
    tagged = problems_of(english, "Le <b>{term}`retour <Debrief>`</b> ouvre la discussion.")
    assert tagged and "HTML tag" in tagged[0]


@pytest.mark.slow  # reads the course in each language
def test_a_translated_chart_text_is_drawn_as_written(course_fr, monkeypatch, capsys):
    """A chapter's title is drawn in the cohort report's charts: in French too, with whatever characters
    the translation writes (a narrow no-break space before ':', Chinese, an emoji), which check accepts."""
    from welcome_course.progress.cohort import CohortReport, read_folder

    title = "Connaître chaque élève\u202f: \u4e2d\u6587 \U0001f393"
    translate(course_fr / FR / "data/chapters/step-02.po", {"chapter | title": title})
    code, _, err = run_main(monkeypatch, capsys, course_fr, "check")
    assert code == 0, err
    monkeypatch.setenv(LANGUAGE_ENV, "fr")
    report = CohortReport(load_course(course_fr, "fr"), read_folder(course_fr / "data/sample-cohort"))
    chart = report.completion_html()
    assert chart.count(title) == 2  # drawn in the chart, and in its alternative text


@pytest.mark.slow  # reads the course in each language
def test_a_fuzzy_translation_is_stale_not_a_problem_even_if_its_placeholders_no_longer_fit(
    course_fr, monkeypatch, capsys
):
    """After the English changed (a new {name} added, say), `translations update` marks the old
    translation fuzzy: it is not shown, so it must not stop the book, only be listed as stale."""
    path = course_fr / FR / "data/interface.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    score = next(m for m in catalogue if m.context and m.context.endswith("| score"))
    assert "{total}" in score.id
    score.string = "Bonnes réponses : {correct}"  # as translated before {total} was added
    score.flags.add("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    code, out, err = run_main(monkeypatch, capsys, course_fr, "check")
    assert code == 0, err
    assert "1 stale" in out and "fuzzy 'Bonnes" not in out
    score.flags.discard("fuzzy")  # confirmed by a translator as it is: now it is a problem
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    code, _, err = run_main(monkeypatch, capsys, course_fr, "check")
    assert code == 1 and "lacks {total}" in err and "data/locales/fr/LC_MESSAGES/data/interface.po" in err


@pytest.mark.slow  # reads every catalogue
def test_check_refuses_a_page_translation_that_would_read_as_a_numbered_list(tmp_path, monkeypatch, capsys):
    """'3. Analyser …' alone reads as a numbered list, which Sphinx refuses as a title or a cell: the English
    would stay on the French page. check names the file, the line and the string, with the fix (3\\.)."""
    root = copy_course(tmp_path / "course")
    path = root / FR / "book/step-03.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    title = next(m for m in catalogue if m.id.startswith("3. "))
    assert title.string.startswith("3\\. ")  # as the course's French is written
    title.string = title.string.replace("3\\. ", "3. ", 1)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    code, _, err = run_main(monkeypatch, capsys, root, "check")
    assert code == 1
    assert "data/locales/fr/LC_MESSAGES/book/step-03.po" in err and "numbered list" in err and "3\\." in err

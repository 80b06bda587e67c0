"""A learner who changes language keeps their progress: in Chromium, on the French chapter page, a
quiz answered, a scenario played to its ending and a reflection written; then the page's link to
Spanish: the same answer, ending and reflection are shown, in Spanish. The progress record holds
ids, never texts (content/translation.py), so one record serves every language. Every label comes
from the course read in that language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support import ROOT, first_path
from welcome_course.activities.static_html import question_dom_id
from welcome_course.content.course import load_course
from welcome_course.i18n.languages import language_name

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book

FR, ES = load_course(ROOT, "fr"), load_course(ROOT, "es")
WORDS = "Je commencerai chaque cours par le prénom de chacun, bien prononcé."


def test_progress_made_in_french_is_shown_in_spanish(open_page, book_site):
    chapter = FR.chapter("step-01")
    question = next(q for q in chapter.questions if q.kind == "single_choice")
    right = next(o for o in question.options if o.correct)
    page = open_page(book_site.url + "fr/book/step-01.html")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    box = page.locator(f"#{question_dom_id(chapter, question)}")
    box.get_by_label(right.text, exact=True).check()
    box.get_by_role("button", name=FR.interface["check"]).click()
    expect(box.locator(".wc-verdict")).to_have_text(FR.interface["correct"])
    expect(box.locator(f'.wc-option-feedback li[data-option="{right.id}"]')).to_contain_text(right.feedback)
    story = page.locator("#wc-step-01-scenario")
    taken, ending = first_path(chapter.scenario)
    for _node, choice in taken:
        story.get_by_role("button", name=choice.label, exact=True).click()
    expect(story.locator(f'.wc-node[data-node="{ending.id}"]')).to_contain_text(ending.debrief)
    page.locator(f"#wc-step-01-r-{chapter.reflections[0].id}").fill(WORDS)

    page.get_by_role("link", name=language_name("es")).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    chapter = ES.chapter("step-01")
    french_text = right.text
    question = next(q for q in chapter.questions if q.id == question.id)
    right = next(o for o in question.options if o.id == right.id)
    assert right.text != french_text  # the option reads differently: the page really is in Spanish
    box = page.locator(f"#{question_dom_id(chapter, question)}")
    expect(box.get_by_label(right.text, exact=True)).to_be_checked()
    expect(box.locator(".wc-verdict")).to_have_text(ES.interface["correct"])
    expect(box.locator(f'.wc-option-feedback li[data-option="{right.id}"]')).to_contain_text(right.feedback)
    ending = chapter.scenario.nodes[ending.id]
    shown = page.locator("#wc-step-01-scenario").locator(f'.wc-node[data-node="{ending.id}"]')
    expect(shown).to_be_visible()
    expect(shown).to_contain_text(ending.title)
    expect(page.locator(f"#wc-step-01-r-{chapter.reflections[0].id}")).to_have_value(WORDS)
    expect(page.locator(".wc-score")).to_have_text(
        ES.interface["score"].format(correct=1, total=len(chapter.questions))
    )

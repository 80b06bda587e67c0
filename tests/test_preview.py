"""`make preview`, as an instructor uses it: the chapter is open in Chromium; they save an edited
question and the open page shows it by itself; they save a broken file and the page says what is
wrong while still showing the last good version. (How fast is measured by benchmarks/run.py.)"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import copy_course, with_prompt
from welcome_course.content.course import load_course

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on a book built by make preview

WAIT = 90  # seconds: generous on a busy machine; the speed itself is a benchmark figure


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_served(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} was not served within {WAIT} s")


@contextlib.contextmanager
def preview(root, page: str, *options: str):
    """`python -m welcome_course preview` on the copy in `root`, in a process group of its own; yields the
    address of `page` once it is served, and stops the preview afterwards."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WELCOME_COURSE_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "welcome_course", "preview", *options, "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/{page}"
        _wait_until_served(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_preview_shows_a_saved_edit_and_a_broken_file_on_the_open_page(tmp_path, open_page):
    root = copy_course(tmp_path / "course")
    with preview(root, "book/step-01.html") as url:
        page = open_page(url)
        question = load_course(root).chapter("step-01").questions[0]
        assert " ".join(question.prompt.split())[:40] in " ".join(
            page.locator(".wc-question").first.inner_text().split()
        )

        chapter_file = root / "data" / "chapters" / "step-01.yml"
        good = with_prompt(
            chapter_file.read_text(encoding="utf-8"),
            question.id,
            "Saved a moment ago: which colleague do you ask first?",
        )
        chapter_file.write_text(good, encoding="utf-8")
        page.get_by_text("Saved a moment ago: which colleague do you ask first?").wait_for(timeout=WAIT * 1000)
        questions = len(load_course(root).chapter("step-01").questions)

        chapter_file.write_text(good.replace("    options:\n", "    optionz:\n", 1), encoding="utf-8")
        banner = page.get_by_role("alert").filter(has_text="could not be built")
        banner.wait_for(timeout=WAIT * 1000)
        message = banner.inner_text()
        assert "data/chapters/step-01.yml" in message and "optionz: unknown field" in message
        # the last good version stays on the page, its activities still working
        assert page.get_by_text("Saved a moment ago: which colleague do you ask first?").is_visible()
        assert page.locator(".wc-question").count() == questions


def test_a_translation_previewed_marks_what_is_still_in_english(tmp_path, open_page):
    """`make preview LANGS=fr`: the French pages, with each text not translated yet shown in English,
    its paragraph outlined, and the chapter's content texts still in English listed at the top."""
    from babel.messages.pofile import read_po, write_po

    root = copy_course(tmp_path / "course")
    english = load_course(root, "en").chapter("step-03")
    question = english.questions[0]
    untranslated = {"data/chapters/step-03.po": question.prompt, "book/step-03.po": "Why read life stories?"}
    for catalogue, text in untranslated.items():  # as if the translator had not done these two yet
        path = root / "data/locales/fr/LC_MESSAGES" / catalogue
        with path.open("rb") as handle:
            messages = read_po(handle)
        for message in messages:
            if message.id == text:
                message.string = ""
        with path.open("wb") as handle:
            write_po(handle, messages, width=0)
    with preview(root, "book/step-03.html", "--language", "fr") as url:
        page = open_page(url)
        assert page.locator("html").get_attribute("lang") == "fr"
        french = load_course(root, "fr").chapter("step-03")
        assert page.get_by_text(french.questions[1].prompt).is_visible()  # translated texts are French
        listed = page.locator(".wc-untranslated-list")
        assert "1 text" in listed.locator("summary").inner_text()
        listed.locator("summary").click()
        assert question.prompt in listed.inner_text()
        outlined = page.locator(".untranslated")
        assert outlined.count() == 1  # that heading alone: the page's translated texts are not marked
        assert "Why read life stories?" in outlined.first.inner_text()
        assert outlined.first.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"

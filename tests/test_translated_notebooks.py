"""The live course in each published language: book/<lang>/*.ipynb (welcome_course/i18n/notebooks.py).

A learner who launches a French page on Binder or a JupyterHub gets book/fr/<page>.ipynb: French
text, the same code, the language chosen once in its first code cell. nbval runs these notebooks
like the English ones (testpaths: book/); here, that they exist, are complete and up to date.
"""

from __future__ import annotations

import json
import re

import pytest

from support import ROOT
from welcome_course.i18n.languages import configured_languages
from welcome_course.i18n.notebooks import translated_notebook

pytestmark = pytest.mark.slow  # reads every catalogue and notebook
TRANSLATIONS = configured_languages(ROOT)[1:]
SOURCES = sorted((ROOT / "book").glob("*.ipynb"))
NAMES = {p.name for p in SOURCES}
INSTALL_CELLS = ("course-install", "course-install-check")  # authoring/standalone.py


def sources(notebook: dict) -> list[tuple[str, str]]:
    return [(cell["cell_type"], "".join(cell["source"])) for cell in notebook["cells"]]


def test_french_and_spanish_are_published():
    assert {"fr", "es"} <= set(TRANSLATIONS), "_config.yml's languages: should list fr and es"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_notebook_has_its_translation_up_to_date_and_complete(language):
    folder = ROOT / "book" / language
    assert sorted(p.name for p in folder.glob("*.ipynb")) == sorted(NAMES), (
        f"book/{language}/ should hold one notebook per notebook of book/: run make notebooks"
    )
    for source in SOURCES:
        fresh = translated_notebook(ROOT, source, language, NAMES)
        stored = json.loads((folder / source.name).read_text(encoding="utf-8"))
        # the install note and check are written in the language by `execute`, from interface.yml's words
        install_note = [i for i, c in enumerate(stored["cells"]) if c.get("id") in INSTALL_CELLS]
        want = [c for i, c in enumerate(sources(fresh.notebook)) if i not in install_note]
        got = [c for i, c in enumerate(sources(stored)) if i not in install_note]
        assert got == want, f"book/{language}/{source.name} is out of date with its catalogue: run make notebooks"
        assert fresh.missing == [], f"book/{language}/{source.name} still shows in English: {fresh.missing[:3]}"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_notebook_chooses_its_language_before_any_activity(language):
    stored = json.loads((ROOT / "book" / language / "step-03.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in stored["cells"] if c["cell_type"] == "code"]
    first_activity = next(i for i, text in enumerate(code) if "load_chapter" in text)
    assert f'use_language("{language}")' in code[first_activity - 1]
    english = json.loads((ROOT / "book" / "step-03.ipynb").read_text(encoding="utf-8"))
    english_code = ["".join(c["source"]) for c in english["cells"] if c["cell_type"] == "code"]
    # the same code as the English notebook, but for the line that chooses the language
    assert [c for c in code if "use_language" not in c][1:] == english_code[1:]


def test_links_from_a_translated_notebook_reach_the_course():
    for language in TRANSLATIONS:
        for path in (ROOT / "book" / language).glob("*.ipynb"):
            notebook = json.loads(path.read_text(encoding="utf-8"))
            for cell in notebook["cells"]:
                if cell["cell_type"] != "markdown":
                    continue
                text = "".join(cell["source"])
                for target in re.findall(r"\]\(([^)\s]+)\)", text):
                    if "://" in target or target.startswith("#"):
                        continue
                    assert (path.parent / target.split("#")[0]).exists(), f"{path.name}: broken link {target}"


def test_use_language_refuses_an_unknown_code():
    import welcome_course

    with pytest.raises(welcome_course.ContentError, match="xx"):
        welcome_course.use_language("xx")

"""The course's own PO reader (welcome_course/i18n/po.py), which reads the catalogues where Babel is not
installed (the learners' environment), and the language facts kept from Babel's CLDR
(welcome_course/i18n/locale_facts.py, locale-facts.json)."""

from __future__ import annotations

import importlib.util
import io
import sys

import pytest
from babel import Locale, localedata
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from babel.numbers import get_decimal_symbol

from support import ROOT, copy_course, run_main
from welcome_course.i18n import locale_facts
from welcome_course.i18n.po import PoError, parse, read_catalogue

CATALOGUES = sorted((ROOT / "data" / "locales").rglob("*.po"))


def as_babel_reads(text: str):
    catalogue = read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
    entries = [(m.context, m.id, m.string, m.fuzzy, m.lineno) for m in catalogue if m.id and isinstance(m.id, str)]
    obsolete = sorted((m.context, m.id, m.lineno) for m in catalogue.obsolete.values())
    return entries, obsolete


def as_we_read(text: str):
    catalogue = parse(text)
    return (
        [(e.context, e.id, e.string, e.fuzzy, e.line) for e in catalogue],
        sorted((e.context, e.id, e.line) for e in catalogue.obsolete),
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.relative_to(ROOT / "data" / "locales").as_posix())
def test_every_catalogue_of_the_course_reads_as_babel_reads_it(path):
    text = path.read_text(encoding="utf-8")
    assert as_we_read(text) == as_babel_reads(text)


def test_fuzzy_obsolete_escapes_continued_lines_and_plurals_read_as_babel_reads_them():
    catalogue = Catalog(locale="fr", fuzzy=False)
    catalogue.add('Say "hi"\n\tthen\\go', "Dis « salut »\n\tpuis\\va", context="a | b", flags=("fuzzy",))
    catalogue.add("A long text " * 20, "Un long texte " * 20, context="c")
    catalogue.add(("one apple", "{n} apples"), ("une pomme", "{n} pommes"), context="plural")
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=40, include_previous=True)
    text = (
        buffer.getvalue().decode("utf-8") + '\n#~ msgctxt "old"\n#~ msgid "gone"\n#~ msgstr "parti"\n'
    )  # as msgmerge keeps it
    assert "#~ " in text and "#, fuzzy" in text and '\n"' in text  # what the test is about is in the file
    ours = as_we_read(text)
    assert ours == as_babel_reads(text)
    assert [e[0] for e in ours[0]] == ["a | b", "c"]  # the plural entry is left out
    assert ours[0][0][2] == "Dis « salut »\n\tpuis\\va" and ours[0][0][3] is True
    assert [o[1] for o in ours[1]] == ["gone"]


@pytest.mark.parametrize(
    "text, says",
    [
        ('msgid "a\nmsgstr "b"\n', "line 1: a text in double quotes was expected"),
        ('msgid "a"\nmsgstr b\n', "line 2: a text in double quotes was expected"),
        ('msgid "a"\nmsgstr "b "c" d"\n', "line 2: a double quote inside a text"),
        ('msgid "a"\nmsgstr "b\\q"\n', "line 2: an unknown escape"),
        ('msgid "a"\nmsgtsr "b"\n', "line 2: expected msgctxt, msgid or msgstr"),
        ('msgid "a"\n\nmsgstr "b"\n', "line 1: msgid without msgstr"),
        ('"stray"\n', "line 1: a text that follows no msgid"),
        ('msgid "a"\nmsgid "b"\nmsgstr ""\n', "line 2: a second msgid"),
    ],
)
def test_a_broken_catalogue_names_its_line_where_polib_would_say_nothing(text, says):
    with pytest.raises(PoError, match=says.replace("(", r"\(")):
        parse(text)


def test_a_catalogue_that_is_not_utf8_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid "caf\xe9"\nmsgstr ""\n')
    with pytest.raises(PoError, match="not UTF-8"):
        read_catalogue(path)


def test_check_names_the_catalogue_and_line_a_translator_broke(tmp_path, monkeypatch, capsys):
    root = copy_course(tmp_path / "course")
    path = root / "data/locales/fr/LC_MESSAGES/data/interface.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith("msgstr ") and line != 'msgstr ""')
    lines[broken] = lines[broken].replace('msgstr "', "msgstr ", 1)  # the opening quote lost
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run_main(monkeypatch, capsys, root, "check")
    assert code == 1
    assert f"data/locales/fr/LC_MESSAGES/data/interface.po: is not a readable PO catalogue (line {broken + 1}:" in err


# --- the language facts, kept from Babel's CLDR -------------------------------------------------------


def test_the_language_facts_are_babels_for_every_locale():
    """locale-facts.json is what tools/make_locale_facts.py writes from the installed Babel: after an
    upgrade of Babel, run it again."""
    spec = importlib.util.spec_from_file_location("make_locale_facts", ROOT / "tools" / "make_locale_facts.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert locale_facts.FACTS_FILE.read_text(encoding="utf-8") == tool.written(tool.facts()), (
        "welcome_course/i18n/locale-facts.json differs from the installed Babel: run python tools/make_locale_facts.py"
    )


@pytest.mark.parametrize("code", ["fr", "es", "el", "it", "pt", "pt_BR", "ro", "tr", "de", "sr_Latn"])
def test_what_the_course_asks_of_a_language_is_what_babel_says(code):
    assert locale_facts.known(code)
    locale = Locale.parse(code)
    assert locale_facts.name_in_itself(code) == locale.get_display_name(code)
    assert locale_facts.english_name(code) == locale.get_display_name("en")
    assert locale_facts.decimal_sign(code) == get_decimal_symbol(code)


@pytest.mark.parametrize("code", ["xx", "zz", "french", "FR", "fr-FR", "", "fr_fr", "en_XX"])
def test_a_code_the_cldr_does_not_know_is_refused(code):
    assert not locale_facts.known(code)
    assert code not in localedata.locale_identifiers() or not locale_facts.CODE.fullmatch(code)


def test_the_learners_course_reads_translations_without_babel(tmp_path):
    """As in the learners' environment: Babel cannot be imported, and the course in French still reads its
    catalogues, writes shares with a decimal comma and names its languages."""
    script = (
        "import sys\n"
        "class NoBabel:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'babel' or name.startswith('babel.'): raise ImportError('no Babel here')\n"
        "sys.meta_path.insert(0, NoBabel())\n"
        "from welcome_course.content.course import load_course\n"
        "from welcome_course.figures.data import percent_text\n"
        "from welcome_course.i18n.languages import language_name\n"
        "course = load_course(language='fr')\n"
        "print(course.interface['check'])\n"
        "import os; os.environ['WELCOME_COURSE_LANGUAGE'] = 'fr'\n"
        "print(percent_text('25.3'), language_name('es'))\n"
        "print('babel' in sys.modules)\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    words, share, babel_loaded = done.stdout.splitlines()
    assert words and words != "Check my answer", words  # the French of data/interface.yml's 'check'

    assert share == "25,3 % Español"
    assert babel_loaded == "False"

"""Writes welcome_course/i18n/locale-facts.json: the facts about languages that the course uses,
taken from Babel's copy of the Unicode CLDR (see welcome_course/i18n/locale_facts.py for why).

Run from the course folder after upgrading Babel:  python tools/make_locale_facts.py
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import babel
from babel import Locale, localedata
from babel.numbers import get_decimal_symbol

from welcome_course.i18n.locale_facts import CODE, FACTS_FILE


def facts() -> dict:
    """Every locale Babel knows whose code the course accepts: [name in itself, English name, decimal sign]."""
    locales = {}
    for code in sorted(localedata.locale_identifiers()):
        if not CODE.fullmatch(code):
            continue
        locale = Locale.parse(code)
        locales[code] = [
            locale.get_display_name(code) or code,
            locale.get_display_name("en") or code,
            get_decimal_symbol(code),
        ]
    return {"from": f"Babel {babel.__version__} (Unicode CLDR)", "locales": locales}


def written(table: dict) -> str:
    """One locale a line, so that a new Babel's changes read as a short diff."""
    lines = [
        json.dumps(code, ensure_ascii=False) + ": " + json.dumps(row, ensure_ascii=False)
        for code, row in table["locales"].items()
    ]
    return '{"from": ' + json.dumps(table["from"]) + ', "locales": {\n' + ",\n".join(lines) + "\n}}\n"


if __name__ == "__main__":
    table = facts()
    FACTS_FILE.write_text(written(table), encoding="utf-8")
    shown = FACTS_FILE.relative_to(Path.cwd()) if FACTS_FILE.is_relative_to(Path.cwd()) else FACTS_FILE
    print(f"{shown}: {len(table['locales'])} locales")

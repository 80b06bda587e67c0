"""What the course needs to know about a language, without Babel: is the code real, what is the
language called, which decimal sign does it write.

Babel holds these facts (the Unicode CLDR), but Babel with its data is 36 MB, and the learners'
environment (binder/requirements.txt) has no other use for it: it reads the catalogues with polib.
So the facts the course uses are kept as data, in locale-facts.json beside this module, one line
per locale Babel knows: its name in itself ("français"), in English ("French") and its decimal sign.
`python tools/make_locale_facts.py` writes the file from Babel (whose version it records), and
tests/test_locale_facts.py fails when the file and the installed Babel disagree.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

FACTS_FILE = Path(__file__).with_name("locale-facts.json")
# A code as Sphinx and gettext write it: a language, then an optional script and region (pt_BR, sr_Latn)
CODE = re.compile(r"[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2})?")


@cache
def _facts() -> dict[str, list[str]]:
    with FACTS_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)["locales"]


def known(code: str) -> bool:
    """'fr', 'es', 'pt_BR': a locale the CLDR knows; not 'xx', 'french' or 'FR'."""
    return bool(CODE.fullmatch(code or "")) and code in _facts()


def name_in_itself(code: str) -> str:
    """'français', 'español', 'English' (as the CLDR writes it: lower case in French)."""
    return _facts()[code][0]


def english_name(code: str) -> str:
    """'French', 'Spanish', 'Portuguese (Brazil)'."""
    return _facts()[code][1]


def decimal_sign(code: str) -> str:
    """',' in French and Spanish, '.' in English."""
    return _facts()[code][2]

"""Several languages built one after the other in one process: each with its own words.

Written for: sphinx 7.4.7

Why: `python -m welcome_course build` builds English, then each translation, in the same Python
process (site/building.py). Sphinx keeps every message catalogue it has loaded (its own, the
theme's) in the module-level dict sphinx.locale.translators, and when a later build asks for the
same catalogue in another language it only adds that language as a *fallback* of the first one:
the Spanish book would show the theme's words in French ("Rechercher" for "Buscar"). So before
each build, building.py calls `forget_loaded_catalogues()`, and each build loads its own.

Check after an upgrade: sphinx.locale still keeps the loaded catalogues in `translators`, keyed by
(namespace, catalogue), and loads them again when the key is missing; a Spanish page then says
"Buscar" on its search button (tests/test_translated_book.py).
"""

from __future__ import annotations

TARGETS = {"sphinx": "7.4.7"}


def forget_loaded_catalogues() -> None:
    """Make the next Sphinx build in this process load its message catalogues anew, in its language."""
    from sphinx import locale

    locale.translators.clear()


def connect(app) -> None:
    """Nothing to connect: building.py calls forget_loaded_catalogues() between builds."""

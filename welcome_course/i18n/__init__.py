"""The course in other languages: catalogues, their checks and the builds per language.

- catalogues.py  `translations update`: extract the content files' and the pages' texts into
                 gettext templates and create or update each language's PO catalogues
- report.py      what `check` says about the catalogues: coverage per language and file, stale
                 (fuzzy, obsolete) entries, and the catalogues it refuses (a placeholder lost,
                 markup added, an unknown language code)
- po.py          reads a PO catalogue strictly, with the standard library only (what reads the
                 catalogues where the course runs; Babel only writes them)
- locale_facts.py  a language's names and decimal sign, kept from Babel's CLDR in locale-facts.json
                 (tools/make_locale_facts.py writes it), so that no learner needs Babel
- languages.py   the languages to publish (_config.yml `languages:`), the per-language Sphinx
                 settings and the links between a page's languages

The content's translations are applied where the content files are read: content/translation.py.
"""

"""sphinx-multitoc-numbering, declared safe for parallel reading.

Written for: sphinx-multitoc-numbering 0.1.3, sphinx 7.4.7

Why: sphinx-external-toc loads sphinx-multitoc-numbering, whose setup() does
not say whether it is safe for parallel reading, so Sphinx would read the pages
one by one (and, with warnings as errors, fail). It only renumbers sections
once all pages are read, in the main process (it replaces Sphinx's
TocTreeCollector.assign_section_numbers): it is safe. Reading in parallel runs
two notebooks at once and halves the build. The flag is set on Sphinx's record
of the loaded extension (app.extensions[name].parallel_read_safe), a Sphinx
internal.

Check after an upgrade: the extension still declares nothing (then this is
still needed), and still only acts after reading.
"""

from __future__ import annotations

TARGETS = {"sphinx-multitoc-numbering": "0.1.3", "sphinx": "7.4.7"}


def declare_multitoc_parallel_safe(app) -> None:
    """Mark sphinx-multitoc-numbering parallel-safe, if it is loaded and declares nothing itself."""
    multitoc = app.extensions.get("sphinx_multitoc_numbering")
    if multitoc is not None and multitoc.parallel_read_safe is None:
        multitoc.parallel_read_safe = True


def connect(app) -> None:
    declare_multitoc_parallel_safe(app)  # at once: sphinx-external-toc loaded it before the course's extension

"""`make preview` rebuilds in its own warm process, instead of starting Python again at every save.

Written for: sphinx-autobuild 2025.8.25, sphinx 7.4.7

Why: at every save, sphinx-autobuild's Builder runs `python -m sphinx build …` as a new Python, which
starts Python and imports Sphinx, Jupyter Book, myst-nb, the theme, the course's package and pandas
(the cohort report's page) all over again before it reads the one page that changed: about
half of the few seconds an instructor waits to see an edited question. WarmBuilder runs the same
build, with the same arguments, with sphinx.cmd.build.build_main: the first build in the preview's
own process, each rebuild in the child process sphinx-autobuild forks from it for the rebuild, which
inherits everything already imported (and leaves nothing behind in the preview's process). Each build is a new Sphinx application, as before; what Sphinx keeps
between builds in a process (its loaded message catalogues) is cleared first (languages.py), and
the course's own caches are keyed by the files' contents (content/course.py).

Check after an upgrade: sphinx_autobuild.__main__ still makes its builder as
`Builder(build_args, url_host=…, pre_build_commands=…, post_build_commands=…)` and calls it as
`builder(changed_paths=…)`; the build's arguments are still in `sphinx_args`; sphinx.cmd.build.build_main
still takes those arguments and returns the exit status. tests/test_preview.py edits a question and a
translation while the page is open.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_message

TARGETS = {"sphinx-autobuild": "2025.8.25", "sphinx": "7.4.7"}


class WarmBuilder(Builder):
    """sphinx-autobuild's Builder, building with Sphinx in this process rather than in a new Python.
    (sphinx-autobuild calls it in a process forked from the preview's for every rebuild, so the class
    lives at the top of a module, where pickle finds it, and the fork inherits every import.)"""

    def __call__(self, *, changed_paths: Sequence[Path]):
        from sphinx.cmd.build import build_main

        from .languages import forget_loaded_catalogues

        if changed_paths:
            shown = []
            for path in changed_paths[:5]:
                with contextlib.suppress(ValueError):
                    path = path.relative_to(Path.cwd())
                shown.append(Path(path).as_posix())
            show_message(f"Detected changes ({', '.join(shown)})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        forget_loaded_catalogues()
        if build_main(list(self.sphinx_args)) == 0:
            self._run_commands(self.post_build_commands, "post-build")
        else:  # the message is already shown (and, for a content problem, on the open page)
            print("The last good build is still served; fix the problem above and save again.", flush=True)
        show_message(f"Serving on {self.uri}")


def install() -> None:
    """Make sphinx-autobuild build with WarmBuilder (preview.py calls it before starting sphinx-autobuild)."""
    import sphinx_autobuild.__main__ as autobuild

    autobuild.Builder = WarmBuilder


def connect(app) -> None:
    """Nothing to connect in a build: preview.py installs the builder before the first build."""

"""`python -m welcome_course preview` (`make preview`): edit, save, see.

The book is built once, served on 127.0.0.1, and built again whenever a content file, a
notebook, a page, _toc.yml or _config.yml is saved; the open page then reloads itself. The
watching, serving and reloading are sphinx-autobuild's. Since a notebook's activities are
rendered from the content files without a kernel (notebook_outputs.py), and Sphinx reads again
only the pages that depend on what changed, a saved question is on the page in a few seconds.

When a saved file breaks the course, the build stops at the content check as `build` does:
the terminal shows the same message as `check`, the last good build stays served, and every
page of the preview shows the message in a banner until the file is fixed
(static/welcome-course-preview.js reads PREVIEW_STATUS, which the extension writes at each
build: see site/extension.py).

`--language fr` previews a translation (data/locales/fr/): the pages in French, with every text
not translated yet shown in English, outlined, and listed at the top of its page, so that the
translator sees what is left (extension.py; Sphinx's translation_progress_classes marks the pages'
own paragraphs, i18n/report.py lists the content files' texts).

sphinx-autobuild runs plain `sphinx-build`, which needs a conf.py: a two-line one in
_build/preview/conf/ (never in the course's own folder) that asks Jupyter Book for the settings of
_config.yml, with the same overrides as `build`, at every build, so an edited _config.yml counts too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..content.translation import LOCALES, SOURCE_LANGUAGE, resolve_language

PREVIEW = Path("_build") / "preview"
PREVIEW_STATUS = Path("_static") / "welcome-course-preview.json"  # under the built html folder
WATCHED = ("data", "_toc.yml", "_config.yml")  # besides the book's own pages, which Sphinx's folder holds


def build_overrides(root: Path) -> dict:
    """The settings `build` and `preview` give Jupyter Book beyond _config.yml: those of
    `jupyter-book build . --warningiserror --nitpick --keep-going`."""
    return {"external_toc_path": (root / "_toc.yml").as_posix(), "nitpicky": True, "latex_individualpages": False}


def sphinx_settings(root: Path, language: str = "en") -> dict:
    """The Sphinx settings Jupyter Book makes of _config.yml, with build_overrides, for a preview
    in `language`."""
    from jupyter_book.config import get_final_config

    settings, _ = get_final_config(
        user_yaml=root / "_config.yml", cli_config=build_overrides(root), sourcedir=root, use_external_toc=True
    )
    for name in ("html_favicon", "html_logo"):  # Sphinx reads these from the conf.py's folder
        value = settings.get(name)
        if value and "://" not in value:
            settings[name] = str(root / value)
    for name in ("html_static_path", "html_extra_path", "templates_path"):
        settings[name] = [str(root / value) for value in settings.get(name, [])]
    settings = {**settings, "welcome_course_preview": True}
    if language != SOURCE_LANGUAGE:
        settings.update(
            language=language,
            locale_dirs=[str(root / LOCALES)],  # conf.py is elsewhere: an absolute folder
            gettext_compact=False,
            translation_progress_classes="untranslated",  # Sphinx marks each paragraph left in English
        )
    return settings


CONF = """\
# Written by `python -m welcome_course preview`: the settings come from _config.yml, read anew
# at every build, so edit that file, not this one.
from pathlib import Path
from welcome_course.site.preview import sphinx_settings

globals().update(sphinx_settings(Path({root!r}), {language!r}))
"""


def write_conf(root: Path, language: str = SOURCE_LANGUAGE) -> Path:
    """A folder holding a conf.py for sphinx-build that reads _config.yml at every build."""
    folder = root / PREVIEW / "conf"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(CONF.format(root=str(root), language=language), encoding="utf-8")
    return folder


def autobuild_arguments(root: Path, port: int, jobs: int, language: str = SOURCE_LANGUAGE) -> list[str]:
    """sphinx-autobuild's command line for the course in `root`, in `language`."""
    conf = write_conf(root, language)
    out = root / PREVIEW / "html"
    arguments = [
        str(root),
        str(out),
        "-c",
        str(conf),
        "-W",
        "--keep-going",
        "-q",
        "-j",
        str(jobs),
        "-d",
        str(root / PREVIEW / ("doctrees" if language == SOURCE_LANGUAGE else f"doctrees-{language}")),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    for name in WATCHED:
        arguments += ["--watch", str(root / name)]
    for ignored in (
        "_build",
        ".venv",
        ".venv-lab",
        ".venv-binder",
        ".git",
        "tests",
        "benchmarks",
        "welcome_course",
        "tools",
    ):
        arguments += ["--ignore", str(root / ignored)]
    arguments += ["--re-ignore", r"(\.ipynb_checkpoints|__pycache__|node_modules|~$|\.swp$|/\.#)"]
    return arguments


def run(root: Path, port: int, jobs: int) -> int:
    """Build, serve and rebuild on every save until Ctrl+C, in the language of --language or
    $WELCOME_COURSE_LANGUAGE (English by default)."""
    from sphinx_autobuild.__main__ import main as autobuild

    from .theme import autobuild as warm

    warm.install()  # each rebuild in this process, its imports done once (theme/autobuild.py)
    # The book's theme imports a11y_pygments, which sends every library's INFO messages to the
    # terminal (logging.basicConfig(level=INFO)) unless logging is set up already: warnings only.
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(name)s: %(message)s")
    language = resolve_language()
    print(
        f"Previewing the course at http://127.0.0.1:{port}/ : save a file in data/ or book/ and the "
        "open page shows it in a few seconds (press Ctrl+C to stop).",
        flush=True,
    )
    try:
        autobuild(autobuild_arguments(root, port, jobs, language))
    except KeyboardInterrupt:
        pass
    return 0

"""The course's own page scripts and style sheets as readers receive them: without comments and spaces.

The files in welcome_course/static/ are written to be read: their comments say why a rule or a line
is there. Readers' browsers need none of that, and on a chapter page it was 16 KB of 386. After each
build of the book (not in `make preview`, whose pages are read on this computer), every
`_static/welcome-course*.js` and `.css` of the built book is rewritten minified by rjsmin and
rcssmin (maintained minifiers of the Python world, pure Python), with a first comment that names
the source to read.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = "welcome_course/static"
HEADER = "/* minified from {source}/{name}: read that file, with its comments */\n"


def minify_file(path: Path) -> bool:
    """Rewrite one built script or style sheet minified; False if it was already."""
    import rcssmin
    import rjsmin

    text = path.read_text(encoding="utf-8")
    header = HEADER.format(source=SOURCE, name=path.name)
    if text.startswith(header):
        return False
    small = header + (rjsmin.jsmin(text) if path.suffix == ".js" else rcssmin.cssmin(text)) + "\n"
    if len(small) >= len(text):  # a file of a few rules, with no comment: as it is
        return False
    path.write_text(small, encoding="utf-8")
    return True


def minify_course_files(outdir: Path) -> list[Path]:
    """Every welcome-course script and style sheet of a built book, minified; the files rewritten."""
    static = Path(outdir) / "_static"
    files = sorted([*static.glob("welcome-course*.js"), *static.glob("welcome-course*.css")])
    return [path for path in files if minify_file(path)]


def _minify_built(app, exception) -> None:
    if exception is None and app.builder.format == "html" and not app.config.welcome_course_preview:
        minify_course_files(Path(app.outdir))


def connect(app) -> None:
    app.connect("build-finished", _minify_built, priority=810)  # after theme/assets.py read the scripts (800)

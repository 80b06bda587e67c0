"""Sphinx extension: the course's part of building the hosted book.

The course's own hooks:
- checks every content file before anything is built, and stops the build
  with the list of problems (file, line, item, field) if one is wrong;
- renders each notebook page's outputs from the content files while Sphinx reads it, in
  this process and in static mode, without a kernel (notebook_outputs.py);
- adds the course's own script and style sheet to every page, the progress
  script with the progress record's rules (progress/record.py's RULES, from
  static/welcome-course-progress-rules.json) as its data-rules attribute;
- makes every notebook page depend on the files in data/ it shows, so that
  editing a question and rebuilding shows the change on that page and re-reads
  no other (Sphinx would otherwise only re-read the notebooks that changed themselves);
- gives every page a description;
- adds the `self-assessment` directive for Markdown pages (directives.py), and the script and
  style sheet of the course's end (the self-assessment, the action plan, the certificate:
  static/welcome-course-completion.js and .css) to every page;
- in `make preview` (preview.py), tells the open pages whether the last save could be built;
- keeps the built book to the pages of this build (output.py): a page taken out of _toc.yml
  disappears, and a page whose code cell failed is removed and read again at the next build;
- reports each stage of the build to `python -m welcome_course build` (building.py).

Everything that reaches into another package (the book theme, its extensions,
Sphinx internals) is in theme/, each patch headed by the versions it was
written for, which setup() checks: lighter pages (no 1.5 MB icon script, no
icon font, no unused style rules, no search index outside the search page,
fewer files that block the first paint), the menu built once per folder,
parallel reading, and a valid index.html that sends readers on to the first page.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from sphinx.errors import ConfigError
from sphinx.util import logging

from ..content.course import RENDER_ENV, ROOT_ENV
from ..content.translation import LANGUAGE_ENV, SOURCE_LANGUAGE
from ..progress.record import RULES as PROGRESS_RULES
from ..templating import render
from . import building, directives, minify, output, theme
from .notebook_outputs import CellError, rendered

STATIC = Path(__file__).parents[1] / "static"  # the course's own script and style sheets
DATA_SUFFIXES = (".yml", ".yaml", ".csv", ".json")
logger = logging.getLogger(__name__)


def _content_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "data").rglob("*") if p.suffix in DATA_SUFFIXES)


def _check_content(app, config) -> None:
    root = Path(app.srcdir)
    os.environ[ROOT_ENV] = str(root)
    os.environ[RENDER_ENV] = "static"  # the pages show static HTML, made in this process (and any kernel)
    os.environ[LANGUAGE_ENV] = config.language or SOURCE_LANGUAGE  # the content files' texts in the page's language
    config.html_static_path.append(str(STATIC))
    if config.welcome_course_preview:
        app.add_js_file("welcome-course-preview.js", defer="defer")
    from ..checks.pipeline import course_report  # what `check` runs, so the book never holds what it refuses

    report = course_report(root, one_language=True)  # this build's language: `build` checked the others first
    _preview_status(app, report.message if report.problems else None)
    if report.problems:
        raise ConfigError(report.message)
    # the theme's search box says Jupyter Book's English words unless told: the course's, in the page's language
    options = config.html_theme_options = dict(config.html_theme_options or {})
    options["search_bar_text"] = report.course.interface["search_placeholder"]


def _preview_status(app, problem: str | None) -> None:
    """In `make preview` (site/preview.py), tell the open pages whether this build could be made:
    when it could not, they show the message over the last good build that stays served."""
    if not app.config.welcome_course_preview:
        return
    from .preview import PREVIEW_STATUS

    status = Path(app.outdir) / PREVIEW_STATUS
    status.parent.mkdir(parents=True, exist_ok=True)
    report = (
        {"ok": True}
        if problem is None
        else {
            "ok": False,
            "message": problem,
            "heading": "Your last change could not be built. The pages show the last version that could. "
            "Fix the file and save it again:",
        }
    )
    status.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def content_dependencies(root: Path, docname: str) -> list[Path]:
    """The content files a notebook page shows. A chapter's notebook (book/step-01.ipynb, with
    data/chapters/step-01.yml) shows its own chapter file and the shared files (course.yml,
    interface.yml, figures, ...), not the other chapters; any other notebook (My progress, the
    cohort report) may show every chapter. So editing one question re-runs its chapter and
    those pages, not every notebook."""
    files = _content_files(root)
    chapters = root / "data" / "chapters"
    own = [p for p in files if p.parent == chapters and p.stem == Path(docname).name]
    if not own:
        return files
    return [p for p in files if p in own or chapters not in p.parents]


def _render_notebook(app, docname: str, source: list[str]) -> None:
    """A notebook page: its outputs rendered from the content files now, without a kernel
    (notebook_outputs.py), and the page marked as depending on those files."""
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".ipynb":
        return
    for dependency in content_dependencies(Path(app.srcdir), docname):
        app.env.note_dependency(str(dependency))
    try:
        source[0] = rendered(source[0], path)
    except CellError as err:
        output.note_failed_page(app, docname)  # not published, and read again next time
        logger.error(str(err), location=docname)


def _describe_page(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A <meta name="description"> for search engines and link previews: the page's first
    paragraph of some length (not one of the activities' notices), cut near 155 characters."""
    if 'name="description"' in context.get("metatags", ""):
        return
    for attributes, paragraph in re.findall(r"<p(\s[^>]*)?>(.*?)</p>", context.get("body", ""), re.S):
        if "hidden" in attributes or "wc-" in attributes:
            continue
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", paragraph)).split())
        if len(text) >= 40 and "://" not in text:
            break
    else:
        text = app.config.html_title or app.config.project
    if len(text) > 160:
        text = text[:155].rsplit(" ", 1)[0] + " …"
    context["metatags"] = context.get("metatags", "") + "\n" + render("site/description-meta.html", text=text)


def _language_links(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Links to the same page in the book's other languages, at the top of the page, when _config.yml
    lists more than one (`make book` passes them as welcome_course_languages: i18n/languages.py)."""
    languages = [code for code in app.config.welcome_course_languages.split(",") if code]
    if len(languages) < 2:
        return
    from ..i18n.languages import page_links

    language = app.config.language or SOURCE_LANGUAGE
    links = page_links(pagename, language, languages)
    # once the book's address is known (_config.yml html: baseurl:), every page, Sphinx's search page and
    # index of terms too, names its other languages in its head: <link rel="alternate" hreflang>, with the
    # full address search engines ask for (a relative one is not enough for them)
    base = (app.config.html_baseurl or "").rstrip("/")
    if base:
        alternates = [
            {**link, "href": f"{base}/{'' if link['code'] == SOURCE_LANGUAGE else link['code'] + '/'}{pagename}.html"}
            for link in links
        ]
        context["metatags"] = (
            context.get("metatags", "") + "\n" + render("site/language-alternates.html", links=alternates)
        )
    if "body" not in context:  # the search page and the index of terms have no body to put the links in
        return
    if getattr(app, "_welcome_course_languages_label", None) is None:  # read once per build
        from ..content.course import load_course

        app._welcome_course_languages_label = load_course(Path(app.srcdir), language).interface["languages_label"]
    label = app._welcome_course_languages_label
    context["body"] = render("site/language-links.html", links=links, label=label) + context["body"]


def _untranslated_notice(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """`make preview --language LANG` (preview.py): at the top of each page, the texts of the content
    files it shows that are still in English, so that the translator sees what is left there."""
    language = app.config.language or SOURCE_LANGUAGE
    if not app.config.welcome_course_preview or language == SOURCE_LANGUAGE or "body" not in context:
        return
    root = Path(app.srcdir)
    if getattr(app, "_welcome_course_untranslated", None) is None:  # once per build
        from ..i18n.report import untranslated_content

        app._welcome_course_untranslated = untranslated_content(root, language)
    left = app._welcome_course_untranslated
    if Path(app.env.doc2path(pagename)).suffix != ".ipynb":  # only notebooks show the content files
        return
    shown = [p.relative_to(root).as_posix() for p in content_dependencies(root, pagename)]
    files = [(Path(file).with_suffix(".po").as_posix(), left[file]) for file in shown if file in left]
    if not files:
        return
    from ..content.translation import LOCALES
    from ..i18n.languages import language_name

    context["body"] = (
        render(
            "site/untranslated.html",
            files=files,
            count=sum(len(texts) for _file, texts in files),
            language_name=language_name(language),
            catalogue=f"{LOCALES}/{language}/LC_MESSAGES",
        )
        + context["body"]
    )


def _class_pattern(*names: str) -> re.Pattern:
    """A class attribute that holds one of `names` as a whole class name."""
    words = "|".join(re.escape(name) for name in names)
    return re.compile(rf'class="(?:[^"]*\s)?(?:{words})(?:\s[^"]*)?"')


# Page scripts and style sheets that only some pages need, and the classes of what they work on: the
# other pages do not load them (a chapter page loads 63 KB less).
ONLY_WHERE_USED = {
    "welcome-course-figures.": _class_pattern("wc-explorer", "wc-own", "wc-figure"),  # the data chapter's tools
    "welcome-course-completion.": _class_pattern(  # the self-assessment, the action plan, the certificate
        "wc-self-assessment",
        "wc-self-results",
        "wc-action-plan",
        "wc-plan-view",
        "wc-certificate-panel",
        "wc-import-status",
    ),
    # sphinx-togglebutton 0.4.5 works on .toggle, .admonition.dropdown and details.toggle-details
    # (its togglebutton.js); no page of the course has one today
    "togglebutton.": _class_pattern("toggle", "dropdown", "toggle-details"),
    # Pygments' colours, for code shown highlighted (the instructors' page); the chapters show none
    "pygments.": _class_pattern("highlight"),
}


def _only_where_used(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Leave the scripts and style sheets of ONLY_WHERE_USED out of the pages that show none of their parts."""
    body = context.get("body", "")
    unused = [name for name, used in ONLY_WHERE_USED.items() if not used.search(body)]
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if unused and isinstance(files, list):
            files[:] = [f for f in files if not any(name in str(getattr(f, "filename", f)) for name in unused)]


def setup(app):
    app.add_config_value("welcome_course_preview", False, "html")  # set by `make preview` only
    app.add_config_value(
        "welcome_course_languages", "", "html"
    )  # set by `make book` when several languages are published
    theme.install(app)  # the patches to the theme and Sphinx, after checking their versions (theme/__init__.py)
    app.connect("config-inited", _check_content)
    app.connect("source-read", _render_notebook)
    app.connect("html-page-context", _describe_page)
    output.connect(app)
    minify.connect(app)
    building.connect(app)
    app.connect("html-page-context", _language_links)
    app.connect("html-page-context", _untranslated_notice)
    app.connect("html-page-context", _only_where_used, priority=950)  # after the theme's and head.py's (900)
    app.add_css_file("welcome-course.css")
    app.add_css_file("welcome-course-print.css", media="print")  # a chapter printed as a clean handout
    app.add_js_file("welcome-course.js", defer="defer")
    app.add_js_file(
        "welcome-course-progress.js",
        defer="defer",  # Sphinx escapes the attribute's value
        **{"data-rules": json.dumps(PROGRESS_RULES, separators=(",", ":"))},
    )
    app.add_css_file("welcome-course-figures.css")
    app.add_js_file("welcome-course-figures.js", defer="defer")
    app.add_css_file("welcome-course-completion.css")
    app.add_js_file("welcome-course-completion.js", defer="defer")  # after the progress script, which it uses
    directives.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

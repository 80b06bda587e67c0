"""HTML from templates: every fragment and page the package writes comes from welcome_course/templates/.

Autoescaping is on for every template, so text from the content files, the interface words
and learners' own files is escaped by Jinja, not by hand at each line. The only unescaped
values are those a template receives as `Markup`: HTML that the package itself made (another
rendered template, or a chart's SVG from templates/charts/), each marked so
where it is made, with a comment saying why it is safe.

Use:

    from ..templating import render
    html = render("activities/quiz.html", course=course, chapter=chapter)

Template names are paths under templates/; one folder per room of the package (activities/,
figures/, progress/, export/, site/). `render` returns a `str`; wrap it in `Markup` to hand
it to another template.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"

__all__ = ["TEMPLATES", "Markup", "environment", "render"]


def _escaped(value):
    """Every value a template prints, escaped as Python's html.escape does (' as &#x27;, " as
    &quot;), the spelling the course's pages have always had; Markup (HTML the package made
    itself) passes as it is. Autoescape would give the same characters as &#39; and &#34;."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


@cache
def environment() -> Environment:
    """The one Jinja environment: autoescape on for every template, whatever its suffix; an
    undefined name is an error rather than an empty string; every printed value goes through
    `_escaped`; `{%- ... -%}` and
    trim_blocks/lstrip_blocks control whitespace, so output stays the same bytes run after run
    (notebook outputs are compared by nbval)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        finalize=_escaped,
    )
    return env


def render(name: str, /, **context) -> str:
    """The template `name` (a path under templates/) rendered with `context`."""
    return environment().get_template(name).render(**context)

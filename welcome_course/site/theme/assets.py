"""What the book theme sends to readers, cut down to what the course's pages use.

Written for: pydata-sphinx-theme 0.17.1, sphinx-book-theme 1.3.0, myst-nb 1.4.0, sphinx-togglebutton 0.4.5, sphinx 7.4.7

Why: out of the box, a chapter page of the theme (pydata-sphinx-theme under
sphinx-book-theme) weighs 2.6 MB: a 1.5 MB script (fontawesome.js) that
redraws ~20 icons as SVG, two icon fonts (275 KB) that load even so, a 400 KB
style sheet (Bootstrap, the theme, rules for 2,000 icons) and the search index
on every page. After each build, `slim_theme` rewrites the theme's style sheet
and fonts in the built book; `templates/layout.html` leaves the icon script out
of every page and the search index out of every page but the search page.

- Icons in the page (`<i class="fa-solid fa-bars">` inside labelled buttons and
  links) are drawn from Font Awesome's own SVG path, read from the theme's
  fontawesome.js, as a CSS mask in the text colour: no font, no script, and no
  private-use character in what a screen reader reads.
- The theme also draws a few icons in style rules (admonition titles, the
  "contents" arrow): the icon fonts are cut down to those glyphs (fontTools),
  a few KB instead of 275 KB.
- theme.css, which only imports Sphinx's basic.css (a chained request before
  the first paint), gets basic.css's rules instead.
- In the theme's style sheets and those of myst-nb, sphinx-togglebutton and
  Pygments, a selector is dropped when it needs a class that no built page and
  no script ever names: no element can ever have it (unused Bootstrap
  utilities and components, the glyph rules of the 2,000 icons, notebook cell
  styles for cells the course does not show). Classes under :not(), :is() and
  the like do not count, and selectors with escaped characters are kept.

Check after an upgrade: the files named below (THEME_CSS, ICON_SCRIPT,
FONTS, OTHER_SHEETS, theme.css's single @import of Sphinx's basic.css) are
where they were, and fontawesome.js still holds its icons as ICON_DEF reads
them; tests/test_quality.py checks that every icon a page uses is drawn.

Icons and fonts: Font Awesome Free by Fonticons, Inc., https://fontawesome.com
(icons CC BY 4.0, fonts SIL OFL 1.1), the copy the theme ships.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

TARGETS = {
    "pydata-sphinx-theme": "0.17.1",
    "sphinx-book-theme": "1.3.0",
    "myst-nb": "1.4.0",
    "sphinx-togglebutton": "0.4.5",
    "sphinx": "7.4.7",
}

MARKER = "/* welcome-course: slimmed, see welcome_course/site/theme/assets.py */"
THEME_CSS = Path("_static") / "styles" / "pydata-sphinx-theme.css"
ICON_SCRIPT = Path("_static") / "scripts" / "fontawesome.js"
FONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
# the other style sheets that every page (or every page with code) loads, under _static/
OTHER_SHEETS = ("styles/sphinx-book-theme.css", "styles/theme.css", "mystnb.*.css", "togglebutton.css", "pygments.css")
STYLE_CLASSES = {
    "fa-solid": "solid",
    "fas": "solid",
    "fa-regular": "regular",
    "far": "regular",
    "fa-brands": "brands",
    "fab": "brands",
}
ICON_USE = re.compile(r"""class(?:List)?\s*=\s*["']([^"']*\bfa-[^"']*)["']""")
# In fontawesome.js: `name:[width,height,[aliases],"unicode","path"]`
ICON_DEF = re.compile(r'"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]+",("[^"]*"|\[[^\]]*\])\]')
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")  # a rule with no nested block
CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
FONT_FACE_SRC = re.compile(r"src:url\(\.\./vendor/fontawesome/webfonts/(fa-[a-z]+-\d+)\.woff2\)[^;}]*")
PRIVATE_USE = re.compile(r"\\([ef][0-9a-f]{3})\b|([\ue000-\uf8ff])")


def icon_paths(script: str) -> dict[str, dict[str, tuple[int, int, str]]]:
    """Every icon in the theme's fontawesome.js: {style: {name: (width, height, svg path)}}."""
    styles: dict[str, dict[str, tuple[int, int, str]]] = {}
    # each pack is `var p={...}` (icon paths hold no braces), then handed over as `d("fab",p)`
    for pack in re.finditer(r"var p=\{([^}]*)\}", script):
        handed = re.compile(r'\bd\("(fa[srb])",p\)').search(script, pack.end())
        if handed is None:
            continue
        icons = styles.setdefault({"fas": "solid", "far": "regular", "fab": "brands"}[handed.group(1)], {})
        for match in ICON_DEF.finditer(pack.group(1)):
            name, width, height, aliases, path = match.groups()
            path_value = json.loads(path)
            if isinstance(path_value, list):  # duotone icons: the paths on top of each other
                path_value = " ".join(path_value)
            for alias in [name, *json.loads(f"[{aliases}]")]:
                if isinstance(alias, str):
                    icons.setdefault(alias, (int(width), int(height), path_value))
    return styles


def icons_used(texts: list[str]) -> set[tuple[str, str]]:
    """The (style, icon name) pairs that pages and scripts use, read from their class lists."""
    used = set()
    for text in texts:
        for classes in ICON_USE.findall(text):
            names = classes.split()
            style = next((STYLE_CLASSES[n] for n in names if n in STYLE_CLASSES), "solid")
            used |= {(style, n[3:]) for n in names if n.startswith("fa-") and n not in STYLE_CLASSES}
    return used


def mask_rules(used: set[tuple[str, str]], paths: dict[str, dict[str, tuple[int, int, str]]]) -> str:
    """Style rules drawing each used icon as an SVG mask in the text colour."""
    rules = []
    for style, name in sorted(used):
        icon = paths.get(style, {}).get(name)
        if icon is None:  # a size or animation class (fa-lg, fa-spin), not an icon
            continue
        width, height, path = icon
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        prefixes = [cls for cls, s in STYLE_CLASSES.items() if s == style]
        selector = ",".join(f".{p}.fa-{name}::before" for p in prefixes)
        rules.append(
            f"{selector}{{width:{width / height:.4g}em;"
            f'--wc-icon:url("data:image/svg+xml,{quote(svg, safe=" /=:.,-")}")}}'
        )
    elements = ",".join(f".{p}" for p in STYLE_CLASSES)
    before = ",".join(f".{p}::before" for p in STYLE_CLASSES)
    return (
        f"\n{MARKER}\n"
        f"{elements}{{font-family:inherit}}\n"
        f'{before}{{content:"";display:inline-block;height:1em;vertical-align:-.125em;'
        "background-color:currentColor;-webkit-mask:var(--wc-icon) no-repeat center/contain;"
        "mask:var(--wc-icon) no-repeat center/contain}\n" + "\n".join(rules) + "\n"
    )


def top_level_split(selectors: str) -> list[str]:
    """`a, b:is(.c, .d)` -> ["a", "b:is(.c, .d)"]: the commas that separate selectors, not those
    inside a pseudo-class's brackets or an attribute selector."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(selectors):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(selectors[start:at])
            start = at + 1
    parts.append(selectors[start:])
    return [part.strip() for part in parts]


def required_classes(selector: str) -> set[str]:
    """The classes an element (or its ancestors, siblings) must have for `selector` to match.
    Classes inside brackets do not count: in :not(.x) the class must be absent, in :is(.x, .y)
    either will do, and [href$=".pdf"] is no class at all."""
    bare = selector
    while True:  # innermost brackets first, so nested ones go too
        stripped = BRACKETS.sub("", bare)
        if stripped == bare:
            break
        bare = stripped
    return set(CLASS_NAME.findall(bare))


def drop_unused_rules(css: str, words: set[str]) -> str:
    """Drop every selector that needs a class named nowhere in `words` (the text of every built
    page and script): no element can ever have that class, so the selector never matches. A rule
    left with no selector goes. At-rules, keyframe steps and selectors with escaped characters
    are kept as they are."""

    def keep_or_drop(rule: re.Match) -> str:
        selectors = rule.group(1).strip()
        if selectors.startswith("@") or "/*" in selectors or "\\" in selectors:
            return rule.group(0)
        parts = top_level_split(selectors)
        kept = [part for part in parts if required_classes(part) <= words]
        if len(kept) == len(parts):
            return rule.group(0)
        return ",".join(kept) + "{" + rule.group(2) + "}" if kept else ""

    slim = RULE.sub(keep_or_drop, css)
    # media queries and @supports blocks left empty
    return re.sub(r"@(?:media|supports)[^{}]*\{\s*\}", "", slim)


def font_glyphs(css: str) -> set[int]:
    """The private-use code points (icon glyphs) that style rules put in `content`."""
    return {int(esc, 16) if esc else ord(char) for esc, char in PRIVATE_USE.findall(css)}


def subset_fonts(outdir: Path, css: str, glyphs: set[int]) -> str:
    """Cut each icon font to `glyphs`, as WOFF beside it; point the @font-face rules at the cuts."""
    import logging

    from fontTools import subset

    # fontTools reports every step at INFO, and accessible_pygments (imported by the theme) sends
    # INFO to the terminal (logging.basicConfig): 78 lines of noise in every build.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from fontTools.ttLib import TTFont

    def point_at_cut(match: re.Match) -> str:
        name = match.group(1)
        source = outdir / FONTS / f"{name}.ttf"
        if not source.is_file():
            return match.group(0)
        font = TTFont(source)
        present = set(font.getBestCmap()) & glyphs
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = []
        options.name_IDs = [0, 1, 2]  # keep the copyright notice, the family and style names
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=present)
        subsetter.subset(font)
        font.flavor = "woff"
        font.save(outdir / FONTS / f"{name}-used.woff")
        return f'src:url(../vendor/fontawesome/webfonts/{name}-used.woff) format("woff")'

    return FONT_FACE_SRC.sub(point_at_cut, css)


def inline_basic_css(outdir: Path) -> None:
    """The theme's theme.css only imports Sphinx's basic.css: a second, chained request before
    the first paint. Put basic.css's rules into theme.css instead (its image addresses adjusted)."""
    theme, basic = outdir / "_static" / "styles" / "theme.css", outdir / "_static" / "basic.css"
    if not (theme.is_file() and basic.is_file()):
        return
    rules = re.sub(r"/\*.*?\*/", "", theme.read_text(encoding="utf-8"), flags=re.S).strip()
    if rules not in ('@import "../basic.css";', "@import url(../basic.css);"):
        return
    text = re.sub(r"url\((?!['\"]?(?:data:|https?:|/))(['\"]?)", r"url(\1../", basic.read_text(encoding="utf-8"))
    theme.write_text(
        "/* Sphinx's basic.css, put here by welcome_course/site/theme/assets.py */\n" + text, encoding="utf-8"
    )


def slim_sheets(outdir: Path, words: set[str]) -> None:
    """Drop the unused rules of the other style sheets of the theme and its extensions."""
    for pattern in OTHER_SHEETS:
        for sheet in sorted((outdir / "_static").glob(pattern)):
            text = sheet.read_text(encoding="utf-8")
            if MARKER not in text:
                sheet.write_text(drop_unused_rules(text, words) + "\n" + MARKER + "\n", encoding="utf-8")


def slim_theme(outdir: Path) -> None:
    """Rewrite the theme's style sheets (and icon fonts) in a built book; see the module's notes."""
    inline_basic_css(outdir)
    css_file, script_file = outdir / THEME_CSS, outdir / ICON_SCRIPT
    if not css_file.is_file() or not script_file.is_file():
        return
    texts = [p.read_text(encoding="utf-8") for p in outdir.rglob("*.html")]
    texts += [p.read_text(encoding="utf-8") for p in (outdir / "_static").rglob("*.js") if p != script_file]
    words = set(re.findall(r"[\w-]+", "\n".join(texts)))
    slim_sheets(outdir, words)
    css = css_file.read_text(encoding="utf-8")
    if MARKER in css:  # done already, and the theme's copy was not refreshed since
        return
    slim = drop_unused_rules(css, words)
    others = "\n".join(p.read_text(encoding="utf-8") for p in (outdir / "_static").rglob("*.css") if p != css_file)
    slim = subset_fonts(outdir, slim, font_glyphs(slim + others))
    paths = icon_paths(script_file.read_text(encoding="utf-8"))
    css_file.write_text(slim + mask_rules(icons_used(texts), paths), encoding="utf-8")


def slim_built_theme(app, exception) -> None:
    # not in `make preview` (site/preview.py): its pages are read on this computer, and every second counts
    if exception is None and app.builder.format == "html" and not getattr(app.config, "welcome_course_preview", False):
        slim_theme(Path(app.outdir))


def connect(app) -> None:
    app.connect("build-finished", slim_built_theme, priority=800)  # after myst-nb copies its style sheet

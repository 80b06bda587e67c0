"""The font the charts are drawn in, and which characters it can draw.

charts.py draws every text in DejaVu Sans (bold for titles). A character that font
has no glyph for (many emoji, CJK, U+FFFE, a control character) makes matplotlib warn
"Glyph … missing from font(s)", and the book's build stops on that warning. So:

- `check` refuses such a character in every course text that is drawn in a chart
  (checks/chart_text.py), naming the file, item and field;
- charts.py passes every text through `drawable` as a last guard, for text that no
  check sees (a teacher's own table in the live tool): a character the font cannot
  draw becomes U+FFFD (�), and a tab or other space character a plain space.

The font is found the way matplotlib finds it (its font manager), and its character
map is read once (ft2font). Printable Latin-1 needs no look-up: the font has all of it.
"""

from __future__ import annotations

from functools import cache

FAMILY = "DejaVu Sans"
REPLACEMENT = "\ufffd"  # in the font, regular and bold


def _plain(char: str) -> bool:
    """Printable ASCII and Latin-1: drawn by the font, known without reading it."""
    return " " <= char <= "~" or "\xa0" <= char <= "\xff"


@cache
def charmap() -> frozenset[int]:
    """The code points the chart font has a glyph for, in its regular and its bold weight."""
    from matplotlib import ft2font
    from matplotlib.font_manager import FontProperties, findfont

    maps = []
    for weight in ("normal", "bold"):
        path = findfont(FontProperties(family=FAMILY, weight=weight), fallback_to_default=False)
        maps.append(set(ft2font.FT2Font(path).get_charmap()))
    return frozenset(set.intersection(*maps))


def undrawable(text: str) -> str:
    """The characters of `text` the chart font cannot draw, each once, in order ('' when none).
    A line break and other space characters are not counted: the charts draw them as such or as a space."""
    odd = [c for c in text if not _plain(c) and not c.isspace()]
    if not odd:
        return ""
    known = charmap()
    return "".join(dict.fromkeys(c for c in odd if ord(c) not in known))


def drawable(text: str) -> str:
    """`text` as the charts draw it: as written, except a character the font cannot draw (U+FFFD)
    and a space character other than a line break or one the font has (a plain space)."""
    if all(_plain(c) or c == "\n" for c in text):
        return text
    known = charmap()
    return "".join(
        c if c == "\n" or _plain(c) or ord(c) in known else " " if c.isspace() else REPLACEMENT for c in text
    )


def describe(chars: str) -> str:
    """'🎓' (U+1F393), '\\x07' (U+0007): characters named so that an instructor can find them."""

    def one(c: str) -> str:
        shown = c if c.isprintable() else repr(c)[1:-1]
        return f"'{shown}' (U+{ord(c):04X})"

    return ", ".join(one(c) for c in chars)

"""Keyboard focus and small screens, in Chromium, on the built book, in light and dark mode.

- WCAG 2.4.7 (focus visible), which axe does not test: every button of the page header (the menu
  toggle, the launch and download menus and their items, the repository link, the full-screen and
  colour-mode buttons), reached with Tab, shows a ring at least 2 px wide whose colour stands out
  3:1 (WCAG 1.4.11) from the background around it.
- At 390 px wide (a phone), no page scrolls sideways, and no form control (the figures explorer's
  selects, buttons, text areas) is cut off at the edge of the screen.
"""

from __future__ import annotations

import pytest
from test_quality import book_pages, to_dark

pytestmark = [pytest.mark.browser, pytest.mark.build]  # Chromium on the built book

PHONE = {"width": 390, "height": 844}

# The header's buttons, as the reader reaches them with Tab, and the name each is known by
HEADER_BUTTONS = ".bd-header-article .btn, .bd-header .btn"
NAME = "e => e.getAttribute('aria-label') || e.title || e.textContent.trim().replace(/\\s+/g, ' ')"

FOCUS_STYLE = """() => {{
  const e = document.activeElement, s = getComputedStyle(e), name = {};
  const colour = c => (c.match(/[\\d.]+/g) || []).map(Number);
  let around = e.parentElement, background = [255, 255, 255, 0];
  while (around) {{  // the first opaque background behind the element: what its ring is seen against
    const c = colour(getComputedStyle(around).backgroundColor);
    if (c.length === 3 || c[3] > 0) {{ background = c; break; }}
    around = around.parentElement;
  }}
  return {{name: name(e), header: !!e.closest('{}'),
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: colour(s.outlineColor),
          shadow: s.boxShadow, background: background.slice(0, 3)}};
}}""".format(NAME, HEADER_BUTTONS.replace(" .btn", ""))


def luminance(rgb) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, two) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def visible_ring(focus: dict) -> bool:
    """An outline at least 2 px wide, or a box shadow that draws one."""
    if focus["style"] != "none" and focus["width"] >= 2:
        return True
    shadow = focus["shadow"]
    return shadow != "none" and "rgba(0, 0, 0, 0)" not in shadow and " 0px 0px 0px 0px" not in shadow


def open_in(open_page, book_site, path: str, mode: str, viewport=None):
    page = open_page(book_site.url + path, another_profile=True)
    if viewport:
        page.set_viewport_size(viewport)
    if mode == "dark":
        to_dark(page)
    return page


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_header_button_shows_a_focus_ring_when_reached_with_tab(open_page, book_site, mode):
    page = open_in(open_page, book_site, "book/step-01.html", mode)
    expected = page.eval_on_selector_all(
        HEADER_BUTTONS, f"buttons => buttons.filter(b => b.checkVisibility()).map({NAME})"
    )
    # (the launch button is left out while _config.yml names no published address, as shipped)
    assert {"Toggle primary sidebar", "Download this page", "Fullscreen mode", "Color mode"} <= set(expected)
    reached = {}
    for _ in range(120):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["header"]:
            reached[focus["name"]] = focus
        if set(expected) <= set(reached):
            break
    # a menu's items too: Enter opens the download menu, the arrow key moves into it
    page.locator(".bd-header-article .dropdown-toggle[aria-label='Download this page']").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    item = page.evaluate(FOCUS_STYLE)
    assert item["name"] in (".ipynb", ".pdf", ".md"), item
    reached["menu item " + item["name"]] = item
    assert set(expected) <= set(reached), f"never reached with Tab: {set(expected) - set(reached)}"
    for name, focus in reached.items():
        assert visible_ring(focus), f"{name}: no visible focus ring in {mode} mode: {focus}"
        ratio = contrast(focus["colour"], focus["background"])
        assert ratio >= 3, (
            f"{name}: the focus ring stands out {ratio:.2f}:1 from the background in {mode} mode: {focus}"
        )


CONTROLS_CUT_OFF = """width => [...document.querySelectorAll('select, input, textarea, button')]
  .filter(e => e.checkVisibility({visibilityProperty: true, opacityProperty: true}) && e.getBoundingClientRect().width > 0)
  .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
  .filter(([_, r]) => r.left < -0.5 || r.right > width + 0.5)
  .map(([html, r]) => `${html} from ${Math.round(r.left)} to ${Math.round(r.right)} px`)"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_page_is_wider_than_a_phone(open_page, book_site, built_book, mode):
    page = open_in(open_page, book_site, "book/intro.html", mode, PHONE)
    wide, cut_off = {}, {}
    for path in book_pages(built_book):
        page.goto(book_site.url + path, wait_until="networkidle")
        if mode == "dark":
            page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
        controls = page.evaluate(CONTROLS_CUT_OFF, PHONE["width"])
        if controls:
            cut_off[path] = controls
    assert wide == {}, f"pages wider than {PHONE['width']} px in {mode} mode"
    assert cut_off == {}, f"form controls cut off at {PHONE['width']} px in {mode} mode"

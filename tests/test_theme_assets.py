"""The theme's assets cut down to what the book uses (welcome_course/site/theme/assets.py): a style
rule is dropped only when no element can ever match it. The built book's pages, icons and weight are
checked in test_quality.py."""

from __future__ import annotations

from welcome_course.site.theme.assets import drop_unused_rules


def test_unused_style_rules_are_dropped_only_when_nothing_can_use_them():
    css = (
        '.mt-3{margin:1rem}.btn:hover{color:red}.fa-bars:before{content:"\\f0c9"}'
        ".a .b{x:1}div.c{x:1}.d::after{x:1}.e,.f{x:2}@media (min-width:1px){.g{x:1}}"
        '.btn .nope{x:3}.btn:not(.nope){x:4}:is(.nope,.f) p{x:5}a[href$=".pdf"]{x:6}'
        ".md\\:flex{x:7}.btn>.f.nope{x:8}.f :where(.nope .deeper){x:9}"
        "@font-face{font-family:X}@keyframes k{0%{x:1}}"
    )
    slim = drop_unused_rules(css, words={"btn", "f"})
    # a selector that needs a class nothing names can never match: dropped, and its rule if alone
    for dropped in (
        ".mt-3",
        ".fa-bars",
        ".a .b",
        "div.c",
        ".d::after",
        ".e",
        ".g{",
        "@media",
        ".btn .nope",
        ".btn>.f.nope",
    ):
        assert dropped not in slim, dropped
    # what can still match stays: classes that are named, classes that must be absent (:not) or
    # are one of several (:is, :where), attributes, escaped names, at-rules
    for kept in (
        ".btn:hover",
        ".f{x:2}",
        ".btn:not(.nope)",
        ":is(.nope,.f) p",
        'a[href$=".pdf"]',
        ".md\\:flex",
        ".f :where(.nope .deeper)",
        "@font-face",
        "@keyframes k{0%{x:1}}",
    ):
        assert kept in slim, kept

"""Patches to other packages that the book's build needs: the theme's menu, assets and templates.

- book_menu.py the left-hand menu rendered once per folder instead of twice per page
- assets.py    the theme's style sheets, icon fonts and scripts cut down to what pages use
- templates/   the theme's templates the course replaces
"""

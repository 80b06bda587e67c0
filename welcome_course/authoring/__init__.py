"""Tools for instructors who write chapters.

- new_chapter.py a new chapter that builds and passes the tests at once (`new-chapter ID`)
- notebooks.py   running chapter notebooks and storing clean, deterministic outputs (`execute`)
"""

"""The data chapter: published figures on immigrant pupils and early school leaving.

- data.py        the figures (data/education-figures.csv) and a teacher's own table, loaded and checked
- chapter.py     what the chapter's code cells display (charts, explorer, own-figures tool, sources)
- static_html.py its static rendering for the hosted book
- widgets.py     its live rendering with ipywidgets

The charts themselves are drawn by ../charts.py.
"""

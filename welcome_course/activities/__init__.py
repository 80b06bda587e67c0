"""A chapter's activities (overview, quiz, case scenario, reflections, resources), one definition
shown in several ways.

- grading.py     grading an answer: a pure function of the question and the answer
- static_html.py the static rendering for the hosted book (HTML + the page script)
- widgets.py     the live rendering with ipywidgets, for Jupyter, Binder and JupyterHub
- display.py     what a chapter's code cells display: both renderings in one output
"""

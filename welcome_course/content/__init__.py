"""The course's content, read and checked: what every other room works from.

- yaml_reader.py  YAML read safely, with line numbers, duplicate keys refused
- fields.py       reading fields while collecting every problem (file, line, item, field)
- problems.py     Problem and ContentError: how a mistake is reported to an instructor
- chapter_file.py one chapter file (data/chapters/*.yml) checked and turned into a Chapter
- course.py       finding the course folder and loading it whole (course.yml, interface.yml, chapters)
- model.py        the frozen model: Course, Chapter, Question, Scenario, ...
- interface.py    the interface words (data/interface.yml) with their placeholders filled in
- toc.py          the book's pages as _toc.yml lists them
"""

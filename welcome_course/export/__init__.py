"""The course outside the book: question banks for Moodle and printable worksheets.

- question_bank.py what the Moodle XML and GIFT exports share (categories, text as HTML, grades)
- moodle.py        a chapter's quiz as Moodle XML
- gift.py          a chapter's quiz as GIFT
- banks.py         writing the question bank files (`python -m welcome_course export`)
- worksheets.py    worksheets and answer keys, HTML and PDF (`python -m welcome_course worksheets`)
"""

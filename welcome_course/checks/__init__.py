"""What makes a course valid beyond each file being well-formed (content/ checks that).

- standards.py the course's minimums for a chapter (questions, decisions, endings, ...) and
               that each chapter notebook shows its activities
- pages.py     _toc.yml against the pages in book/, and warnings that do not stop the book
- quotes.py    every share stated in the text is a published figure, quoted right and cited
- cue_rules.py no answer given away by its length, its position or the number of right answers
"""

"""A learner's progress: what they answered, which endings they reached, what they wrote.

- record.py   the versioned record format, checking, upgrading, applying events, merging
- store.py    the live store: one JSON file in the learner's own space, safe against crashes,
              concurrent notebooks and corrupt files
- summary.py  per-chapter figures derived from a record
- restore.py  what a chapter's quiz and scenario show again from a record
- portfolio.py the learner's printable portfolio
- page.py     the "My progress" page (static HTML + live widgets)
- cohort.py   the trainer's report over a folder of exported records
- self_assessment.py, action_plan.py, certificate.py  the end of the course: ratings before and
              after, my school's action plan, the certificate of completion and its verification
              code (`python -m welcome_course verify`); completion.py shows them in notebooks

The static book keeps the same record format in the browser (static/welcome-course-progress.js),
so an export from either side can be imported on the other.
"""

"""What the command-line subcommands do (see __main__.py for their help)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .checking import course_warnings, toc_problems
from .content.course import find_root, load_course
from .content.problems import ContentError
from .figure_quotes import quote_problems
from .figures import FIGURES_FILE, figure_problems
from .notebooks import execute_notebook
from .serving import book_server
from .standards import course_problems


def _course_or_report():
    try:
        return load_course()
    except ContentError as err:
        print(err, file=sys.stderr)
        return None


def check(args) -> int:
    try:
        root = find_root()
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    problems = []
    try:
        course = load_course(root)
    except ContentError as err:
        course = None
        problems += err.problems + toc_problems(root)  # _toc.yml can be checked without the content
    if course is not None:
        try:
            problems += course_problems(course)
        except ContentError as err:
            problems += err.problems
    figures = figure_problems(root)  # data/education-figures.csv against its schema
    problems += figures
    if not figures and (root / FIGURES_FILE).is_file():
        problems += quote_problems(root)  # every share stated in the text is a published figure, cited
    if problems:
        print(ContentError(problems), file=sys.stderr)
    else:
        chapters = len(course.chapters)
        questions = sum(len(c.questions) for c in course.chapters.values())
        print(f"All content is valid: {chapters} chapters, {questions} quiz questions.")
    warnings = course_warnings(course) if course is not None else []
    if warnings:
        print(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''} (the book still builds):")
        print("\n".join(f"  - {w}" for w in warnings))
    return 1 if problems else 0


def execute(args) -> int:
    root = find_root()
    if _course_or_report() is None:
        return 1
    paths = [Path(p) for p in args.notebooks] or sorted((root / "book").glob("*.ipynb"))
    for number, path in enumerate(paths, start=1):
        print(f"[{number}/{len(paths)}] running {path.name} …", flush=True)
        execute_notebook(path)
    print(f"Stored fresh outputs in {len(paths)} notebook{'s' if len(paths) != 1 else ''}.")
    return 0


def build(args) -> int:
    root = find_root()
    print("Checking the content …", flush=True)
    if _course_or_report() is None:
        return 1
    figures = figure_problems(root)
    if figures:
        print(ContentError(figures), file=sys.stderr)
        return 1
    jobs = args.jobs or os.cpu_count() or 1
    print(f"Building the book: every notebook is run, {jobs} at a time; this takes a minute or so …", flush=True)
    # Jupyter Book's own build function, in this process: the command `jupyter-book build` would
    # start Python and import Sphinx, the theme and this package a second time, and has no option
    # for parallel reading. The settings are those of
    # `jupyter-book build . --warningiserror --nitpick --keep-going`.
    from jupyter_book.sphinx import build_sphinx

    result = build_sphinx(
        root, root / "_build" / "html", noconfig=True, path_config=str(root / "_config.yml"),
        confoverrides={"external_toc_path": (root / "_toc.yml").as_posix(), "nitpicky": True,
                       "latex_individualpages": False},
        warningiserror=True, keep_going=True, jobs=jobs,
    )
    if result != 0:  # an exit status, or the exception that stopped the build (already reported)
        print("The build failed: see the messages above.", file=sys.stderr)
        return result if isinstance(result, int) else 1
    index = root / "_build" / "html" / "index.html"
    print(f"The book is ready: open {index}\nor run: python -m welcome_course serve")
    return 0


def serve(args) -> int:
    folder = Path(args.folder)
    if not (folder / "index.html").is_file():
        print(f"No book found in {folder}: build it first with 'make book'.", file=sys.stderr)
        return 1
    with book_server(folder, args.port) as server:  # text gzip-compressed, as static hosts send it
        print(f"Serving the course at http://127.0.0.1:{server.server_port}/ (press Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def cohort(args) -> int:
    from .progress.cohort import CohortReport, completion, questions

    course = _course_or_report()
    if course is None:
        return 1
    try:
        report = CohortReport.from_folder(args.folder, course)
    except FileNotFoundError as err:
        print(f"Cannot read the cohort: {err}.", file=sys.stderr)
        return 1
    print(f"Read {len(report.cohort.records)} learner file(s) from {args.folder}.")
    for name, reason in report.cohort.rejected:
        print(f"Skipped {name}: {reason}")
    if report.cohort.records:
        print("\nShare of each chapter done (%):")
        print(completion(course, report.cohort).to_string())
        print("\nQuestions:")
        print(questions(course, report.cohort).to_string(index=False))
    if args.output:
        try:
            Path(args.output).write_text(report.document(), encoding="utf-8")
        except OSError as err:
            print(f"Cannot write {args.output}: {err.strerror or err}.", file=sys.stderr)
            return 1
        print(f"\nThe full report is in {args.output}")
    return 0

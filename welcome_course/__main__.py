"""Command line of the course: `python -m welcome_course --help`."""

from __future__ import annotations

import argparse
import sys

from . import commands, export, scaffold, worksheets


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m welcome_course",
        description="Tools for the course 'Welcoming immigrant students': check the content, "
        "refresh the notebooks' stored outputs, build and serve the hosted book, start a chapter, "
        "export the quizzes to Moodle, print worksheets.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = sub.add_parser(
        "check",
        help="check every content file and report every problem",
        description="Read every file in data/ and list each problem as file, line, item and field, "
        "with what was expected. Exit code 0 when all is well, 1 when a problem was found.",
    )
    check.set_defaults(run=commands.check)

    execute = sub.add_parser(
        "execute",
        help="run chapter notebooks and store their outputs",
        description="Run notebooks in book/ and save them with their outputs, so that the tests "
        "(which compare stored outputs with fresh ones) pass after you edit a question file. "
        "Without arguments, every notebook in book/ is run.",
    )
    execute.add_argument("notebooks", nargs="*", help="notebooks to run (default: all in book/)")
    execute.set_defaults(run=commands.execute)

    build = sub.add_parser(
        "build",
        help="check the content, then build the hosted book into _build/html",
        description="Check the content, then build the book with Jupyter Book, treating every "
        "warning as an error. Notebooks are run in parallel, one per processor core. "
        "Open _build/html/index.html afterwards, or run 'serve'.",
    )
    build.add_argument("--jobs", type=_at_least_one, default=None, metavar="N",
                       help="pages read and notebooks run at the same time (default: the number of processor cores)")
    build.set_defaults(run=commands.build)

    serve = sub.add_parser(
        "serve",
        help="serve the built book on this computer",
        description="Serve _build/html at http://127.0.0.1:PORT/ so you can read it in a browser.",
    )
    serve.add_argument("--port", type=int, default=8000, help="port number (default: 8000)")
    serve.add_argument("--folder", default="_build/html", help="folder to serve (default: _build/html)")
    serve.set_defaults(run=commands.serve)

    new_chapter = sub.add_parser(
        "new-chapter",
        help="start a new chapter: its notebook, its content file and its _toc.yml entry",
        description="Create data/chapters/ID.yml (every text a placeholder starting with 'TO WRITE', "
        "already meeting the course's minimums), book/ID.ipynb (run once, so its stored outputs pass the "
        "tests) and a '- file: book/ID' line in _toc.yml. The book builds at once; 'check' then lists "
        "the placeholders still to write. Refuses an id that exists or is not valid.",
    )
    new_chapter.add_argument("id", help="the chapter's id: lowercase letters, digits and hyphens, e.g. family-meetings")
    new_chapter.add_argument("--title", help="the chapter's title (default: a placeholder)")
    new_chapter.add_argument("--minutes", type=int, default=45, help="estimated time for the chapter (default: 45)")
    new_chapter.add_argument("--part", metavar="CAPTION",
                             help="the _toc.yml part (caption) to add it to (default: the part of the last chapter)")
    new_chapter.set_defaults(run=scaffold.run)

    export_cmd = sub.add_parser(
        "export",
        help="export the quizzes as Moodle question banks (Moodle XML and GIFT)",
        description="Write each chapter's quiz as a Moodle XML file (CHAPTER.moodle.xml) and a GIFT file "
        "(CHAPTER.gift.txt), keeping every option's feedback; with no chapter named, also one file with "
        "every chapter (all-chapters.*), each chapter in its own question category. Import them in "
        "Moodle under Question bank > Import.",
    )
    export_cmd.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapter ids, e.g. step-01 (default: all)")
    export_cmd.add_argument("--out", metavar="FOLDER", help="where to write the files (default: _build/export)")
    export_cmd.add_argument("--format", choices=("moodle", "gift", "both"), default="both",
                            help="which format to write (default: both)")
    export_cmd.set_defaults(run=export.run)

    sheets = sub.add_parser(
        "worksheets",
        help="make printable worksheets and answer keys (HTML and PDF)",
        description="For each chapter, write a worksheet (the quiz with boxes to tick, the case scenario "
        "as a paper activity with its decision points, space for the reflections) and a separate answer "
        "key, as HTML pages with print styles and as PDF (printed by Chromium or Chrome).",
    )
    sheets.add_argument("chapters", nargs="*", metavar="CHAPTER", help="chapter ids, e.g. step-01 (default: all)")
    sheets.add_argument("--out", metavar="FOLDER", help="where to write the files (default: _build/worksheets)")
    sheets.add_argument("--no-pdf", action="store_true", help="write the HTML pages only (no browser needed)")
    sheets.add_argument("--chromium", metavar="PATH", help="the Chromium or Chrome program to print the PDFs with")
    sheets.set_defaults(run=worksheets.run)

    cohort = sub.add_parser(
        "cohort",
        help="report on a folder of learners' progress files",
        description="Read every progress file (.json) that learners downloaded from 'My progress' and "
        "sent you, and report completion per chapter, questions answered right first time, the wrong "
        "options chosen most often and the scenario endings reached. Files that cannot be read are "
        "listed with the reason and skipped.",
    )
    cohort.add_argument("folder", help="folder holding the learners' .json files")
    cohort.add_argument("--output", metavar="FILE", help="also write the full report, with plots, as an HTML page")
    cohort.set_defaults(run=commands.cohort)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

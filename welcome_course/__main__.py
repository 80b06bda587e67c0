"""Command line of the course: `python -m welcome_course --help`."""

from __future__ import annotations

import argparse
import sys

from . import commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m welcome_course",
        description="Tools for the course 'Welcoming immigrant students': check the content, "
        "refresh the notebooks' stored outputs, build and serve the hosted book.",
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
        "warning as an error. Open _build/html/index.html afterwards, or run 'serve'.",
    )
    build.set_defaults(run=commands.build)

    serve = sub.add_parser(
        "serve",
        help="serve the built book on this computer",
        description="Serve _build/html at http://127.0.0.1:PORT/ so you can read it in a browser.",
    )
    serve.add_argument("--port", type=int, default=8000, help="port number (default: 8000)")
    serve.add_argument("--folder", default="_build/html", help="folder to serve (default: _build/html)")
    serve.set_defaults(run=commands.serve)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

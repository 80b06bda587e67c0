"""The command line, `python -m welcome_course COMMAND`: every command's options, help and what it does.

Each command is a function taking the parsed arguments and returning the exit status; the
work itself lives in the package's rooms (checks/, export/, authoring/, site/, progress/).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .checks.pipeline import course_report
from .content.course import ROOT_ENV, find_root, load_course
from .content.problems import ContentError
from .site.serving import book_server, port_message, port_problem
from .terminal import safe, safe_table  # every text from a file or a path, printed: control characters escaped


def _course_or_report():
    try:
        return load_course()
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return None


def _language_or_report(args) -> bool:
    """Apply a command's --language (a code such as fr): the course's texts are then read in that
    language, for this command and any notebook or build it starts. False once the reason it cannot
    be used is printed."""
    code = getattr(args, "language", None)
    if not code:
        return True
    from .content.translation import LANGUAGE_ENV, resolve_language

    try:
        os.environ[LANGUAGE_ENV] = resolve_language(code)
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return False
    return True


def _language_folder(folder: Path) -> Path:
    """A default output folder, with the language's own subfolder for a translation (_build/export/fr),
    so that one language's files never overwrite another's."""
    from .content.translation import SOURCE_LANGUAGE, resolve_language

    code = resolve_language()
    return folder if code == SOURCE_LANGUAGE else folder / code


def _root_or_report():
    """The course folder, or None once the reason it was not found is printed."""
    try:
        return find_root()
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return None


def check(args) -> int:
    root = _root_or_report()
    if root is None:
        return 1
    report = course_report(root)  # the one definition of "valid", shared with build and the book's extension
    if report.problems:
        print(safe(report.message, lines=True), file=sys.stderr)
    else:
        print(report.summary())
    warnings = report.warnings
    if warnings:
        print(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''} (the book still builds):")
        print("\n".join(f"  - {safe(w, lines=True)}" for w in warnings))
    return 1 if report.problems else 0


def _notebook_problem(path: Path) -> str | None:
    if not path.exists():
        return f"{path} does not exist"
    if not path.is_file() or path.suffix != ".ipynb":
        return f"{path} is not a notebook (a .ipynb file)"
    return None


def execute(args) -> int:
    if _course_or_report() is None:  # also when no course is found
        return 1
    from .authoring.notebooks import execute_notebook  # here: nbclient is needed by this command alone

    root = find_root()
    paths = [Path(p) for p in args.notebooks]
    if not paths:  # every notebook: first the translations of _config.yml's languages written anew
        from .i18n.languages import configured_languages
        from .i18n.notebooks import write_translated_notebooks

        languages = configured_languages(root)
        write_translated_notebooks(root, languages)
        paths = sorted((root / "book").glob("*.ipynb"))
        paths += [p for code in languages[1:] for p in sorted((root / "book" / code).glob("*.ipynb"))]
    problems = [problem for problem in map(_notebook_problem, paths) if problem]
    if problems:
        print("Cannot run the notebooks: " + "; ".join(problems) + ".", file=sys.stderr)
        return 1
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbformat import ValidationError
    from nbformat.reader import NotJSONError

    broken = (CellExecutionError, CellTimeoutError, DeadKernelError, NotJSONError, ValidationError)
    for number, path in enumerate(paths, start=1):
        print(f"[{number}/{len(paths)}] running {safe(path.name)} …", flush=True)
        try:
            execute_notebook(path)
        except broken as err:  # the notebook's own code or file: its message, no traceback of ours
            print(
                f"Cannot run {safe(path)}: {safe(err, lines=True)}\nThe notebook was left as it was.", file=sys.stderr
            )
            return 1
    print(f"Stored fresh outputs in {len(paths)} notebook{'s' if len(paths) != 1 else ''}.")
    return 0


def build(args) -> int:
    from .site.building import build as build_book  # progress lines, quiet libraries, no stale pages

    try:
        root = find_root()
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    return build_book(root, args.jobs or os.cpu_count() or 1, verbose=args.verbose)


def serve(args) -> int:
    folder = Path(args.folder)
    if not (folder / "index.html").is_file():
        print(f"No book found in {safe(folder)}: build it first with 'make book'.", file=sys.stderr)
        return 1
    try:
        server = book_server(folder, args.port)  # text gzip-compressed, as static hosts send it
    except OSError as err:
        print(f"Cannot serve the book: {port_message(args.port, err)}.", file=sys.stderr)
        return 1
    with server:
        print(f"Serving the course at http://127.0.0.1:{server.server_port}/ (press Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def preview(args) -> int:
    from .site.preview import run

    root = _root_or_report()
    if root is None:
        return 1
    problem = port_problem(args.port)  # before the first build, not after it
    if problem:
        print(f"Cannot preview the book: {problem}.", file=sys.stderr)
        return 1
    return run(root, args.port, args.jobs or 1)


def cohort(args) -> int:
    from .progress.cohort import CohortReport, completion, questions, write_csv

    course = _course_or_report()
    if course is None:
        return 1
    try:
        report = CohortReport.from_folder(args.folder, course)
    except FileNotFoundError as err:
        print(f"Cannot read the cohort: {safe(err)}.", file=sys.stderr)
        return 1
    # learners' files are untrusted: their names, file names and values never reach the terminal raw
    group, words = report.cohort, report.words
    lines = [words("cohort_read", count=len(group.records))]
    if args.output:  # a short summary: the page has the details
        if group.rejected:
            lines.append(words("cohort_summary_skipped", count=len(group.rejected)))
        if group.changed:
            lines.append(words("cohort_regraded_changed", count=group.changed))
        if group.not_counted:
            lines.append(words("cohort_summary_not_counted", count=len(group.not_counted)))
    else:
        if group.rejected:
            lines.append(words("cohort_skipped", count=len(group.rejected)))
            lines.extend(f"  {safe(name)}: {safe(reason)}" for name, reason in report.skipped())
        lines.append(
            words("cohort_regraded")
            + (f" {words('cohort_regraded_changed', count=group.changed)}" if group.changed else "")
        )
        if group.not_counted:
            lines.append(words("cohort_not_counted", count=len(group.not_counted)))
            lines.extend(f"  - {safe(sentence)}" for sentence in report.not_counted())
        if group.records:
            lines += [
                "",
                words("cohort_section_completion"),
                safe_table(completion(course, group)),
                "",
                words("cohort_section_questions"),
                safe_table(questions(course, group), index=False),
            ]
    print("\n".join(lines))
    written = []
    try:
        if args.csv:
            write_csv(course, group, Path(args.csv))
            written.append(words("cohort_saved_csv", path=args.csv))
        if args.output:
            Path(args.output).write_text(report.document(), encoding="utf-8")
            written.append(words("cohort_saved_report", path=args.output))
    except OSError as err:
        print(f"Cannot write {safe(err.filename)}: {safe(err.strerror or err)}.", file=sys.stderr)
        return 1
    finally:
        if written:
            print(safe("\n".join(written), lines=True))
    return 0


def verify(args) -> int:
    import json

    from .progress.certificate import verify as verify_code
    from .progress.record import RecordError, checked

    course = _course_or_report()
    if course is None:
        return 1
    try:
        record = checked(json.loads(Path(args.file).read_text(encoding="utf-8")))
    except OSError as err:
        print(f"Cannot read {args.file}: {err.strerror or err}.", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"{args.file} is not a progress file: it is not a text file.", file=sys.stderr)
        return 1
    except json.JSONDecodeError as err:
        print(
            f"{args.file} is not a progress file: it is not valid JSON (line {err.lineno}: {err.msg}).", file=sys.stderr
        )
        return 1
    except RecordError as err:
        print(f"{args.file} cannot be read as a progress file: the file {err}.", file=sys.stderr)
        return 1
    verdict = verify_code(course, record, args.code)
    print(verdict.message, file=sys.stdout if verdict.matches else sys.stderr)
    return 0 if verdict.matches else 1


def export(args) -> int:
    from .export import banks
    from .export.question_bank import ExportError

    try:
        course = load_course()
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return 1
    folder = Path(args.out) if args.out else _language_folder(find_root() / "_build" / "export")
    formats = banks.FORMATS if args.format == "both" else (args.format,)
    try:
        written = banks.export(course, args.chapters, folder, formats)
    except ExportError as err:
        print(f"Cannot export: {safe(err, lines=True)}", file=sys.stderr)
        return 1
    except OSError as err:
        print(
            f"Cannot write the export folder {safe(folder)}: {safe(banks.folder_problem(folder, err))}", file=sys.stderr
        )
        return 1
    print(f"Wrote {len(written)} question bank file{'s' if len(written) != 1 else ''} to {safe(folder)}:")
    for path in written:
        print(f"  {safe(path.name)}")
    print(
        "In Moodle: Question bank > Import, choose 'Moodle XML format' for .moodle.xml files "
        "or 'GIFT format' for .gift.txt files, then upload the file."
    )
    return 0


def new_chapter(args) -> int:
    from .authoring import new_chapter as scaffold

    root = _root_or_report()
    if root is None:
        return 1
    here = Path.cwd().resolve()
    if not os.environ.get(ROOT_ENV) and root != here and root not in here.parents:
        # find_root() falls back to the course the package was installed from; a command that
        # writes files must not change that course from somewhere else by accident.
        print(
            f"Cannot create chapter '{safe(args.id)}': run this command inside the course's folder "
            f"(the one holding data/course.yml), or set {ROOT_ENV}",
            file=sys.stderr,
        )
        return 1
    title = args.title or f"{scaffold.PLACEHOLDER}: the chapter's title"
    try:
        scaffold.new_chapter(root, args.id, title, args.minutes, args.part)
    except scaffold.ScaffoldError as err:
        print(f"Cannot create chapter '{safe(args.id)}': {safe(err, lines=True)}", file=sys.stderr)
        return 1
    print(
        f"The chapter '{args.id}' is ready to fill in:\n"
        f"  1. write its text in book/{args.id}.ipynb and its activities in data/chapters/{args.id}.yml\n"
        "  2. python -m welcome_course check      (lists the placeholders still to write)\n"
        "  3. python -m welcome_course execute    (refreshes the notebook's stored outputs)\n"
        "  4. python -m welcome_course build      (builds the book)"
    )
    return 0


def worksheets(args) -> int:
    from .export import worksheets as sheets
    from .export.banks import folder_problem
    from .export.question_bank import ExportError, selected_chapters

    try:
        course = load_course()
        chapters = selected_chapters(course, args.chapters)
        chromium = None if args.no_pdf else sheets.find_chromium(args.chromium)
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return 1
    except (ExportError, sheets.WorksheetError) as err:
        print(f"Cannot make the worksheets: {safe(err, lines=True)}", file=sys.stderr)
        return 1
    folder = Path(args.out) if args.out else _language_folder(find_root() / "_build" / "worksheets")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"Cannot write the worksheets folder {folder}: {folder_problem(folder, err)}", file=sys.stderr)
        return 1
    steps = len(chapters) * 2 * (1 if args.no_pdf else 2)
    what = "HTML" if args.no_pdf else "HTML and PDF"
    print(
        f"Making {len(chapters)} worksheet{'s' if len(chapters) != 1 else ''} and answer "
        f"key{'s' if len(chapters) != 1 else ''} ({what}) in {safe(folder)} …",
        flush=True,
    )
    try:
        written = sheets.make_worksheets(course, chapters, folder, chromium, sheets.Progress(steps))
    except sheets.WorksheetError as err:
        print(f"Cannot make the worksheets: {safe(err, lines=True)}", file=sys.stderr)
        return 1
    except OSError as err:
        print(
            f"Cannot write the worksheets folder {safe(folder)}: {safe(folder_problem(folder, err))}", file=sys.stderr
        )
        return 1
    how = "print the PDFs on A4" if chromium else "open the HTML pages in a browser and print them (A4)"
    print(f"Done: {len(written)} files in {safe(folder)}; {how}.")
    return 0


def translations(args) -> int:
    from .i18n.catalogues import language_folders, update
    from .i18n.languages import configured_languages

    try:
        root = find_root()
        languages = args.languages or sorted((set(language_folders(root)) | set(configured_languages(root))) - {"en"})
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return 1
    if not languages:
        print("No language to update: name one, e.g. python -m welcome_course translations update fr", file=sys.stderr)
        return 1
    from .content.translation import known_language

    unknown = [code for code in languages if code == "en" or not known_language(code)]
    if unknown:
        print(
            f"'{safe(unknown[0])}' is not a language to translate into: give a language code such as fr, es, el, "
            "it, pt, ro or tr (English is the course's own language)",
            file=sys.stderr,
        )
        return 1
    try:
        update(root, languages, pages=not args.content_only)
    except ContentError as err:
        print(safe(err, lines=True), file=sys.stderr)
        return 1
    except RuntimeError as err:
        print(safe(err), file=sys.stderr)
        return 1
    print("Next: translate the .po files (Poedit opens them), then run: python -m welcome_course check")
    return 0


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _port(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 65535, not {text!r}") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 1 to 65535, not {number}")
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m welcome_course",
        description="Tools for the course 'Welcoming immigrant students': check the content, "
        "refresh the notebooks' stored outputs, build and serve the hosted book, start a chapter, "
        "export the quizzes to Moodle, print worksheets, report on a cohort, verify a certificate.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check_cmd = sub.add_parser(
        "check",
        help="check every content file and report every problem",
        description="Read every file in data/ and list each problem as file, line, item and field, "
        "with what was expected. Exit code 0 when all is well, 1 when a problem was found.",
    )
    check_cmd.set_defaults(run=check)

    execute_cmd = sub.add_parser(
        "execute",
        aliases=["notebooks"],  # `make notebooks`
        help="run chapter notebooks and store their outputs",
        description="Run notebooks in book/ and save them with their outputs, so that the tests "
        "(which compare stored outputs with fresh ones) pass after you edit a question file. "
        "Without arguments, every notebook in book/ is run.",
    )
    execute_cmd.add_argument("notebooks", nargs="*", help="notebooks to run (default: all in book/)")
    execute_cmd.set_defaults(run=execute)

    build_cmd = sub.add_parser(
        "build",
        aliases=["book"],  # `make book`
        help="check the content, then build the hosted book into _build/html",
        description="Check the content, then build the book with Jupyter Book, treating every "
        "warning as an error. No notebook is run: each page's activities are made from the files in "
        "data/ as the page is read, several pages at a time (one per processor core). Shows a line per "
        "stage and every warning; --verbose also shows Sphinx's own messages. "
        "Open _build/html/index.html afterwards, or run 'serve'.",
    )
    build_cmd.add_argument(
        "--jobs",
        type=_at_least_one,
        default=None,
        metavar="N",
        help="pages read at the same time (default: the number of processor cores)",
    )
    build_cmd.add_argument(
        "-v", "--verbose", action="store_true", help="also show the messages of Sphinx and its extensions"
    )
    build_cmd.set_defaults(run=build)

    serve_cmd = sub.add_parser(
        "serve",
        help="serve the built book on this computer",
        description="Serve _build/html at http://127.0.0.1:PORT/ so you can read it in a browser.",
    )
    serve_cmd.add_argument("--port", type=_port, default=8000, help="port number, 1 to 65535 (default: 8000)")
    serve_cmd.add_argument("--folder", default="_build/html", help="folder to serve (default: _build/html)")
    serve_cmd.set_defaults(run=serve)

    new_chapter_cmd = sub.add_parser(
        "new-chapter",
        help="start a new chapter: its notebook, its content file and its _toc.yml entry",
        description="Create data/chapters/ID.yml (every text a placeholder starting with 'TO WRITE', "
        "already meeting the course's minimums), book/ID.ipynb (run once, so its stored outputs pass the "
        "tests) and a '- file: book/ID' line in _toc.yml. The book builds at once; 'check' then lists "
        "the placeholders still to write. Refuses an id that exists or is not valid.",
    )
    new_chapter_cmd.add_argument(
        "id", help="the chapter's id: lowercase letters, digits and hyphens, e.g. family-meetings"
    )
    new_chapter_cmd.add_argument("--title", help="the chapter's title (default: a placeholder)")
    new_chapter_cmd.add_argument("--minutes", type=int, default=45, help="estimated time for the chapter (default: 45)")
    new_chapter_cmd.add_argument(
        "--part",
        metavar="CAPTION",
        help="the _toc.yml part (caption) to add it to (default: the part of the last chapter)",
    )
    new_chapter_cmd.set_defaults(run=new_chapter)

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
    export_cmd.add_argument(
        "--format", choices=("moodle", "gift", "both"), default="both", help="which format to write (default: both)"
    )
    export_cmd.set_defaults(run=export)

    worksheets_cmd = sub.add_parser(
        "worksheets",
        help="make printable worksheets and answer keys (HTML and PDF)",
        description="For each chapter, write a worksheet (the quiz with boxes to tick, the case scenario "
        "as a paper activity with its decision points, space for the reflections) and a separate answer "
        "key, as HTML pages with print styles and as PDF (printed by Chromium or Chrome).",
    )
    worksheets_cmd.add_argument(
        "chapters", nargs="*", metavar="CHAPTER", help="chapter ids, e.g. step-01 (default: all)"
    )
    worksheets_cmd.add_argument("--out", metavar="FOLDER", help="where to write the files (default: _build/worksheets)")
    worksheets_cmd.add_argument("--no-pdf", action="store_true", help="write the HTML pages only (no browser needed)")
    worksheets_cmd.add_argument(
        "--chromium", metavar="PATH", help="the Chromium or Chrome program to print the PDFs with"
    )
    worksheets_cmd.set_defaults(run=worksheets)

    preview_cmd = sub.add_parser(
        "preview",
        help="build the book, serve it, and rebuild and reload the open page at every save",
        description="Build the book into _build/preview/html, serve it at http://127.0.0.1:PORT/, and "
        "build again whenever a file in data/ or book/, _toc.yml or _config.yml is saved: the open page "
        "reloads itself. If a saved file breaks the course, the terminal and every page show the "
        "message 'check' gives, and the last good build stays served. Stop with Ctrl+C.",
    )
    preview_cmd.add_argument("--port", type=_port, default=8000, help="port number, 1 to 65535 (default: 8000)")
    preview_cmd.add_argument(
        "--jobs",
        type=_at_least_one,
        default=None,
        metavar="N",
        help="pages read at the same time (default: 1, the quickest for the few pages a save builds again)",
    )
    preview_cmd.set_defaults(run=preview)

    cohort_cmd = sub.add_parser(
        "cohort",
        help="report on a folder of learners' progress files",
        description="Read every progress file (.json) that learners downloaded from 'My progress' and "
        "sent you, and report completion per chapter, questions answered right first time, the wrong "
        "options chosen most often and the scenario endings reached. Every answer is graded again "
        "against the current questions (the mark saved in a file is not used); an answer to a question "
        "or option no longer in the course is listed and not counted. Files that cannot be read are "
        "listed with the reason and skipped.",
    )
    cohort_cmd.add_argument("folder", help="folder holding the learners' .json files")
    cohort_cmd.add_argument(
        "--output",
        metavar="FILE",
        help="write the full report, with charts, as an HTML page (the terminal then shows a short summary)",
    )
    cohort_cmd.add_argument(
        "--csv",
        metavar="FILE",
        help="write every learner's answers for a spreadsheet: one row per learner and question, "
        "with the columns learner, chapter, chapter_title, question, prompt, attempts, chosen "
        "(the last choice), correct and right_first_time (true or false, graded again)",
    )
    cohort_cmd.set_defaults(run=cohort)

    verify_cmd = sub.add_parser(
        "verify",
        help="check a certificate's verification code against a learner's progress file",
        description="Check that a certificate of completion belongs with a learner's exported progress file "
        "(the file 'Download my progress file' saves on My progress): the file must show a completed course "
        "(every chapter's quiz answered right, against the course as it is now, and a scenario ending reached "
        "in every chapter), and the code printed on the certificate must be the one computed from the file's "
        "name, date of completion, answers and endings. Exit code 0 and a sentence when they match; 1 and the "
        "reason when they do not. This is a consistency check, not proof against forgery: the algorithm is "
        "public, so anyone with the course's tools can make a file and a code that agree.",
    )
    verify_cmd.add_argument("file", metavar="FILE", help="the learner's progress file (.json)")
    verify_cmd.add_argument(
        "code",
        metavar="CODE",
        help="the code on the certificate, such as 7K3QD-M2XPA (case, spaces and hyphens do not matter)",
    )
    verify_cmd.set_defaults(run=verify)

    translations_cmd = sub.add_parser(
        "translations",
        help="create or update the translation catalogues (gettext .po files) of one or more languages",
        description="Extract every text a reader sees (the content files in data/, the pages in book/) and "
        "create or update each language's catalogues in data/locales/LANG/LC_MESSAGES/, which Poedit, Weblate "
        "and Transifex open. A text whose English changed keeps its old translation marked 'fuzzy' (to be "
        "checked); a text no longer in the course is kept as obsolete. See book/instructors.md.",
    )
    translations_sub = translations_cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    update_cmd = translations_sub.add_parser(
        "update",
        help="extract the texts and create or update the catalogues",
        description="Extract the texts and create or update the catalogues of LANG (a code such as fr, es, el, it, "
        "pt, ro, tr); without LANG, of every language in data/locales/ and in _config.yml's languages.",
    )
    update_cmd.add_argument("languages", nargs="*", metavar="LANG", help="language codes, e.g. fr es")
    update_cmd.add_argument(
        "--content-only",
        action="store_true",
        help="only the content files (data/), not the pages (quicker: no Sphinx run)",
    )
    translations_cmd.set_defaults(run=translations)

    for command in (export_cmd, worksheets_cmd, cohort_cmd, preview_cmd):
        command.add_argument(
            "--language",
            metavar="LANG",
            help="the language of the texts, a code such as fr or es whose translation is in data/locales/ "
            "(default: $WELCOME_COURSE_LANGUAGE, else English); a translation's files go into a folder "
            "of their own (e.g. _build/export/fr)",
        )

    args = parser.parse_args(argv)
    if not _language_or_report(args):
        return 2
    return args.run(args)

"""Benchmarks of the course: build, edit loop, anchor book, tests, page weight, quiz response, Lighthouse, environment.

Run with `make benchmark` (or `python benchmarks/run.py --help`). Every run prints its
figures, writes them all to benchmarks/results/<date-time>.json (not kept in git) and
rewrites benchmarks/latest.md, the short summary that is kept in git, beside the previous
run's figures so that two runs can be compared.

What each step measures, on copies of the course (the working tree is never touched):
- build: the clean build in English (`python -m welcome_course build`, as `make book`, with
  _config.yml's languages: [en]; the quicker of two), then once as published (every language),
  its time per page, and how many notebooks myst-nb still ran in a kernel (the course's
  notebooks are rendered from the content files without one, so 0 is expected); then the same
  with 22 more pages, which splits the build into a fixed cost and a cost per further page;
- rebuild: one question's prompt in data/chapters/step-01.yml saved with new text, as an
  instructor edits it, 5 times; the seconds from saving the file to the new text being in the
  page's HTML, (a) with `make preview` running (`python -m welcome_course preview`: the page is
  fetched over HTTP every 50 ms), and (b) running `python -m welcome_course build` again after the
  save (the command's wall time; the HTML pages it wrote again are counted too);
- anchor: a Jupyter Book 1 book of about 100 pages, jmshea/Foundations-of-Data-Science-with-Python
  (--anchor), built clean the same way (Jupyter Book's build function, execution off, the
  quicker of two), and the course's seconds per page as a ratio of the anchor's;
- pages: for each chapter page, the bytes transferred on a cold load, by kind (Chromium);
- quiz: the time a quiz takes to answer a click made at the page's load event (Chromium);
- lighthouse: Lighthouse's mobile scores for one chapter page (npm's lighthouse, benchmarks/package.json);
- environment: the size of the full environment (requirements.txt) and of the learners' one
  (binder/requirements.txt, what Binder builds, with a kernel), each installed fresh, and their ratio;
- tests: the full test suite (`python -m pytest -q`, in the working tree, as `make test`).
Build, rebuild and anchor are figures of this machine at the time of the run: run them on a quiet
machine (the quicker of two clean builds, and medians, damp but do not remove other work's effect).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import yaml

from welcome_course.i18n.languages import configured_languages
from welcome_course.site.serving import book_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import CHROMIUM, CHROMIUM_FLAGS, NOT_COPIED, installed_distributions, with_prompt  # noqa: E402 - an instructor's edit of one prompt, as the tests make it

HERE = ROOT / "benchmarks"
RESULTS = HERE / "results"
LATEST = HERE / "latest.md"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
COPY_IGNORE = shutil.ignore_patterns(*NOT_COPIED, "results")
LIGHTHOUSE_PAGE = "book/step-01.html"
BUILD_RUNS = 2  # the quicker of two builds: other work on the machine only ever slows one down
LIGHTHOUSE_RUNS = 3  # its simulated timings vary by a few points from run to run
QUIZ_PAGE = "book/step-01.html"
EDITED_CHAPTER = "step-01"  # the rebuild step edits the prompt of this chapter's first question
EDITS = 5  # saves of an edited prompt, per way of rebuilding
POLL_SECONDS = 0.05  # how often the preview's page is fetched while waiting for the new text
PREVIEW_WAIT = 300  # seconds: at most, for the preview's first build and for each rebuild
ANCHOR_NAME = "jmshea/Foundations-of-Data-Science-with-Python"
ANCHOR_DEFAULT = Path("/work/.mirror/jmshea+Foundations-of-Data-Science-with-Python/repo")
STEPS = ["build", "rebuild", "anchor", "pages", "quiz", "lighthouse", "environment", "tests"]
LEARNERS_SHARE = "learners' environment, share of the full one"
TARGETS = {  # what issues 7, 13 and 14 ask for
    "clean build": "≤ 15 s",
    "rebuild after one question's text changes": "≤ 3 s",
    "chapter page, cold load": "≤ 386 KB (issue 13: no heavier than before), < 600 KB",
    "Lighthouse mobile performance": ">= 95",
    "Lighthouse mobile accessibility": "100",
    "quiz answers a click at load within": "< 100 ms",
    "clean build, each further page": "< 0.10 s",
    "full test suite": "< 5 min",
    LEARNERS_SHARE: "≤ 60 %",  # issue 14
}


def say(message: str) -> None:
    print(message, flush=True)


class Site:
    """The built book served on 127.0.0.1: as `python -m http.server` does (no compression), or,
    with compress=True, gzip-compressing text as static hosts (GitHub Pages, Netlify, ...) and
    `make serve` do."""

    def __init__(self, folder: Path, compress: bool = False):
        self.server = book_server(folder, compress=compress, quiet=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def course_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("WELCOME_COURSE_")}


def build(root: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "welcome_course", "build"], cwd=root, env=course_env(), capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"The build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


def kernel_runs(log: str) -> dict[str, float]:
    """The notebooks myst-nb ran in a kernel, with their run times, as the build log reports them."""
    found = re.findall(r"([\w./-]+\.ipynb): Executed notebook in ([\d.]+) seconds", re.sub(r"\x1b\[[0-9;]*m", "", log))
    return {Path(path).name: float(seconds) for path, seconds in found}


def pages_of(html: Path) -> list[Path]:
    return sorted(
        p for p in html.rglob("*.html") if not p.relative_to(html).as_posix().startswith(("_static/", "_sources/"))
    )


def documents_read(build_folder: Path) -> int:
    """The pages Sphinx read from sources (one doctree each): the book's own pages, without the
    index, search and redirect pages Sphinx adds."""
    return len(list((build_folder / ".doctrees").rglob("*.doctree")))


def add_copies_of_pages(root: Path, copies: int) -> int:
    """Make the book longer: `copies` more copies of every step chapter and of the trainer's guide,
    in a new part of _toc.yml. Returns the number of pages added."""
    sources = [*sorted((root / "book").glob("step-*.ipynb")), root / "book" / "trainers-guide.md"]
    lines = ["  - caption: Copies, for measuring", "    chapters:"]
    for number in range(1, copies + 1):
        for source in sources:
            copy = source.with_name(f"copy{number}-{source.name}")
            shutil.copyfile(source, copy)
            lines.append(f"      - file: book/{copy.stem}")
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").rstrip() + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return copies * len(sources)


def quickest_clean_build(root: Path, runs: int = BUILD_RUNS) -> tuple[float, dict[str, float]]:
    """The quicker of `runs` clean builds, and the notebooks myst-nb ran in a kernel in it."""
    count, runs = runs, []
    for _ in range(count):
        shutil.rmtree(root / "_build", ignore_errors=True)
        seconds, log = build(root)
        runs.append((seconds, kernel_runs(log)))
    return min(runs, key=lambda run: run[0])


def english_only(root: Path) -> None:
    """The copy in `root` published in English alone (_config.yml's languages: [en])."""
    config = root / "_config.yml"
    config.write_text(
        re.sub(r"(?m)^languages: \[[^\]]*\]", "languages: [en]", config.read_text(encoding="utf-8")), encoding="utf-8"
    )


def measure_build(work: Path, results: dict) -> Path:
    """The clean build of the whole book in English, the quicker of two (the target's and the anchor's
    measure: one language). Built again with 22 more pages (copies of the chapters), it splits into a
    fixed cost (starting Python, checking the content, Sphinx and the theme; copying and slimming the
    theme's files; the search index) and a cost per page. Then the book as _config.yml publishes it, in
    every language (once): the copy the later steps use."""
    root = work / "course"
    shutil.copytree(ROOT, root, ignore=COPY_IGNORE)
    english = work / "course-en"
    shutil.copytree(ROOT, english, ignore=COPY_IGNORE)
    english_only(english)
    say(f"  clean build in English, the quicker of {BUILD_RUNS} …")
    seconds, kernels = quickest_clean_build(english)
    pages = documents_read(english / "_build")
    longer = work / "course-longer"
    shutil.copytree(english, longer, ignore=COPY_IGNORE)
    added = add_copies_of_pages(longer, copies=2)
    say(f"  the same with {added} more pages …")
    longer_seconds, _ = quickest_clean_build(longer)
    longer_pages = documents_read(longer / "_build")
    shutil.rmtree(longer)
    shutil.rmtree(english)
    per_page = (longer_seconds - seconds) / (longer_pages - pages)
    languages = configured_languages(root)
    say(f"  clean build of the book as published, in {len(languages)} languages ({', '.join(languages)}) …")
    all_seconds, _ = quickest_clean_build(root, runs=1)
    results["build"] = {
        "seconds": round(seconds, 2),
        "pages": pages,
        "seconds_per_page": round(seconds / pages, 3),
        "jobs": os.cpu_count(),
        "runs": BUILD_RUNS,
        "notebooks_run_in_a_kernel": len(kernels),
        "kernel_seconds": {name: round(s, 2) for name, s in sorted(kernels.items())},
        "longer_book": {"pages": longer_pages, "seconds": round(longer_seconds, 2)},
        "each_further_page_seconds": round(per_page, 3),
        "fixed_seconds": round(seconds - per_page * pages, 2),
        "all_languages": {"languages": languages, "seconds": round(all_seconds, 2)},
    }
    say(
        f"  {seconds:.1f} s for {pages} pages ({seconds / pages:.3f} s a page), {len(kernels)} notebooks run in a kernel"
        + (f" ({', '.join(sorted(kernels))})" if kernels else "")
        + f"; {longer_seconds:.1f} s for {longer_pages}: "
        + (
            f"{per_page:.3f} s for each further page, {seconds - per_page * pages:.1f} s fixed"
            if per_page > 0
            else "no split into fixed cost and cost per page (the longer book built quicker: other work slowed the machine)"
        )
        + f"; in {len(languages)} languages: {all_seconds:.1f} s"
    )
    return root


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def _edits(text: str, question_id: str, way: str) -> list[tuple[str, str]]:
    """EDITS versions of the chapter file, each with a prompt found nowhere else, and that prompt."""
    stamp = dt.datetime.now().strftime("%H%M%S")
    prompts = [
        f"Edited for the benchmark ({way}, save {n} at {stamp}): whom do you ask first" for n in range(1, EDITS + 1)
    ]
    return [(with_prompt(text, question_id, prompt), prompt) for prompt in prompts]


def _median_and_max(seconds: list[float]) -> dict:
    return {
        "median_seconds": round(statistics.median(seconds), 2),
        "max_seconds": round(max(seconds), 2),
        "seconds": [round(s, 2) for s in seconds],
    }


class Preview:
    """`python -m welcome_course preview` on a copy of the course, in its own process group,
    its output read line by line to know when a build has finished."""

    def __init__(self, root: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/book/{EDITED_CHAPTER}.html"
        self.lines: list[str] = []
        self.finished = threading.Condition()
        self.builds = 0  # builds finished: sphinx-autobuild says "Serving on …" after each
        self.rebuilds = 0  # builds started after a change: it says "Rebuilding..." before each
        self.process = subprocess.Popen(
            [sys.executable, "-m", "welcome_course", "preview", "--port", str(self.port)],
            cwd=root,
            env={**course_env(), "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self.finished:
                self.lines.append(line)
                if "Rebuilding" in line:
                    self.rebuilds += 1
                if "Serving on" in line:
                    self.builds += 1
                self.finished.notify_all()

    def output(self) -> str:
        return "".join(self.lines[-40:])

    def wait_until_idle(self, after: int) -> None:
        """Until more than `after` builds have finished and no other has started (a save can be
        seen as two changes, and the second starts a build of its own), so that the next save
        starts from a preview at rest."""

        def idle() -> bool:
            return self.builds > after and self.builds > self.rebuilds  # the first build is no rebuild

        while True:
            with self.finished:
                if not self.finished.wait_for(lambda: idle() or self.process.poll() is not None, timeout=PREVIEW_WAIT):
                    raise SystemExit(f"The preview did not finish a build within {PREVIEW_WAIT} s:\n{self.output()}")
            if self.process.poll() is not None:
                raise SystemExit(f"The preview stopped:\n{self.output()}")
            time.sleep(0.5)
            with self.finished:
                if idle():
                    return

    def wait_until_served(self) -> None:
        deadline = time.monotonic() + PREVIEW_WAIT
        while _fetch(self.url) is None:
            if self.process.poll() is not None:
                raise SystemExit(f"The preview stopped:\n{self.output()}")
            if time.monotonic() > deadline:
                raise SystemExit(f"The preview served nothing at {self.url} within {PREVIEW_WAIT} s:\n{self.output()}")
            time.sleep(0.2)

    def seconds_until_served(self, text: str) -> float:
        """Seconds from now until the page's HTML holds `text`, fetched every POLL_SECONDS."""
        start = time.perf_counter()
        while True:
            page = _fetch(self.url)
            seconds = time.perf_counter() - start
            if page is not None and text in page:
                return seconds
            if self.process.poll() is not None:
                raise SystemExit(f"The preview stopped:\n{self.output()}")
            if seconds > PREVIEW_WAIT:
                raise SystemExit(f"The new text was not on {self.url} within {PREVIEW_WAIT} s:\n{self.output()}")
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        """The whole process group (sphinx-autobuild, its worker and any sphinx-build it runs):
        SIGTERM as Ctrl+C would stop it, then SIGKILL if it has not stopped within 30 s."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass


def measure_preview_rebuild(work: Path, results: dict) -> None:
    root = work / "course-preview"
    shutil.copytree(ROOT, root, ignore=COPY_IGNORE)
    chapter = root / "data" / "chapters" / f"{EDITED_CHAPTER}.yml"
    text = chapter.read_text(encoding="utf-8")
    question = yaml.safe_load(text)["quiz"][0]["id"]
    say("  make preview: first build …")
    start = time.perf_counter()
    preview = Preview(root)
    try:
        preview.wait_until_idle(after=0)
        preview.wait_until_served()
        first = time.perf_counter() - start
        time.sleep(1)  # sphinx-autobuild starts watching files as it starts serving: a moment to settle
        say(
            f"  served after {first:.1f} s; {EDITS} saves of an edited prompt, the page fetched every "
            f"{POLL_SECONDS * 1000:.0f} ms …"
        )
        times = []
        for edited, prompt in _edits(text, question, "preview"):
            builds = preview.builds
            chapter.write_text(edited, encoding="utf-8")
            times.append(preview.seconds_until_served(prompt))
            preview.wait_until_idle(after=builds)  # the build is over before the next save
    finally:
        preview.stop()
    shutil.rmtree(root)
    results["rebuild"]["preview"] = {"first_build_served_seconds": round(first, 2), **_median_and_max(times)}
    say(
        f"  saved → on the served page: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"({', '.join(f'{s:.2f}' for s in times)})"
    )


def measure_build_rebuild(root: Path, results: dict) -> None:
    chapter = root / "data" / "chapters" / f"{EDITED_CHAPTER}.yml"
    page = root / "_build" / "html" / "book" / f"{EDITED_CHAPTER}.html"
    text = chapter.read_text(encoding="utf-8")
    question = yaml.safe_load(text)["quiz"][0]["id"]
    say(f"  python -m welcome_course build after each of {EDITS} saves …")
    times, rewritten = [], []
    for edited, prompt in _edits(text, question, "build"):
        written = {p: p.stat().st_mtime_ns for p in pages_of(root / "_build" / "html")}
        start = time.perf_counter()
        chapter.write_text(edited, encoding="utf-8")
        build(root)
        times.append(time.perf_counter() - start)
        if prompt not in page.read_text(encoding="utf-8"):
            raise SystemExit(f"After the build, {page.relative_to(root)} does not show the edited prompt {prompt!r}")
        rewritten.append(
            sorted(
                p.relative_to(root / "_build" / "html").as_posix()
                for p, ns in written.items()
                if not p.exists() or p.stat().st_mtime_ns != ns
            )
        )
    chapter.write_text(text, encoding="utf-8")
    build(root)  # the book as it is again, for the steps after this one
    results["rebuild"]["build_command"] = {**_median_and_max(times), "html_pages_written_again": rewritten[-1]}
    say(
        f"  saved → build done: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"({', '.join(f'{s:.2f}' for s in times)}); HTML pages written again: {', '.join(rewritten[-1])}"
    )


def measure_rebuild(work: Path, root: Path, results: dict) -> None:
    """One question's prompt saved with new text, EDITS times: seconds until the new text is in the
    page's HTML, with `make preview` running and with `python -m welcome_course build` run again."""
    results["rebuild"] = {"chapter_file": f"data/chapters/{EDITED_CHAPTER}.yml", "edits": EDITS}
    measure_preview_rebuild(work, results)
    measure_build_rebuild(root, results)


ANCHOR_BUILD = """
import sys
from pathlib import Path
from jupyter_book.sphinx import build_sphinx

root = Path(sys.argv[1])
result = build_sphinx(root, root / "_build" / "html", noconfig=True, path_config=str(root / "_config.yml"),
                      confoverrides={"external_toc_path": (root / "_toc.yml").as_posix(),
                                     "latex_individualpages": False, "nb_execution_mode": "off"},
                      jobs=int(sys.argv[2]))
sys.exit(0 if result == 0 else 1)
"""


def unpack_anchor(source: Path, dest: Path) -> dict:
    """The anchor book's files in `dest`, from a folder holding the book or from a git directory
    (the files of its HEAD). A snapshot's largest files may be absent from its git directory, which
    makes `git archive` fail: those are left out and named. Returns where the book came from."""
    if (source / "_config.yml").is_file():
        shutil.copytree(source, dest, ignore=COPY_IGNORE)
        return {"source": str(source), "commit": None, "absent_files": []}
    git = ["git", f"--git-dir={source}"]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True)
    if commit.returncode != 0:
        raise SystemExit(f"--anchor {source}: neither a git directory nor a folder with a _config.yml")
    listed = subprocess.run([*git, "ls-tree", "-r", "-z", "HEAD"], capture_output=True, check=True).stdout
    files = []  # (mode, object, path) of every file; submodules have no files here
    for entry in filter(None, listed.split(b"\0")):
        info, path = entry.split(b"\t", 1)
        mode, kind, name = info.split()
        if kind == b"blob":
            files.append((mode, name, path.decode()))
    objects = subprocess.run(
        [*git, "cat-file", "--batch"],
        input=b"".join(name + b"\n" for _, name, _ in files),
        capture_output=True,
        check=True,
    ).stdout
    absent, at = [], 0
    for mode, _name, path in files:
        end = objects.index(b"\n", at)
        header, at = objects[at:end].split(), end + 1
        if header[1] == b"missing":
            absent.append(path)
            continue
        size = int(header[2])
        data, at = objects[at : at + size], at + size + 1
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == b"120000":
            target.symlink_to(data.decode())
        else:
            target.write_bytes(data)
    return {"source": str(source), "commit": commit.stdout.strip(), "absent_files": absent}


def _importable(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:  # a parent package is missing
        return False


def without_missing_extensions(root: Path) -> list[str]:
    """Drop from the anchor's _config.yml the Sphinx extensions this environment cannot import
    (nothing is installed for them); returns their names."""
    config_file = root / "_config.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    sphinx = config.get("sphinx") or {}
    dropped = []
    for names in (sphinx.get("extra_extensions"), (sphinx.get("config") or {}).get("extensions")):
        for name in list(names or []):
            if not _importable(name):
                names.remove(name)
                dropped.append(name)
    if dropped:
        config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dropped


def measure_anchor(work: Path, anchor: Path | None, results: dict) -> None:
    """The anchor book built clean as the course is: Jupyter Book's build function, in a Python
    of its own, with execution off and the same number of parallel jobs; the quicker of two."""
    if anchor is None or not anchor.exists():
        where = anchor or ANCHOR_DEFAULT
        say(f"  skipped: the anchor book ({ANCHOR_NAME}) is not at {where}; pass --anchor GITDIR_OR_FOLDER")
        results["anchor"] = {"skipped": f"{ANCHOR_NAME} not found at {where}"}
        return
    root = work / "anchor"
    unpacked = unpack_anchor(anchor, root)
    used = unpacked["source"] + (f", commit {unpacked['commit'][:12]}" if unpacked["commit"] else "")
    dropped = without_missing_extensions(root)
    say(
        f"  {ANCHOR_NAME} ({used}), execution off"
        + (f"; absent from the snapshot: {', '.join(unpacked['absent_files'])}" if unpacked["absent_files"] else "")
        + (f"; extensions left out, not installed here: {', '.join(dropped)}" if dropped else "")
        + f"; clean build, the quicker of {BUILD_RUNS} …"
    )
    jobs = os.cpu_count() or 1
    runs = []
    for _ in range(BUILD_RUNS):
        shutil.rmtree(root / "_build", ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", ANCHOR_BUILD, str(root), str(jobs)],
            cwd=root,
            env=course_env(),
            capture_output=True,
            text=True,
        )
        runs.append(time.perf_counter() - start)
        if done.returncode != 0:
            say(f"  the anchor's build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
            results["anchor"] = {"book": ANCHOR_NAME, **unpacked, "failed": (done.stdout + done.stderr)[-3000:]}
            shutil.rmtree(root)
            return
    log = done.stdout + done.stderr
    seconds = min(runs)
    pages = documents_read(root / "_build")
    warnings = [line for line in re.sub(r"\x1b\[[0-9;]*m", "", log).splitlines() if "WARNING:" in line]
    results["anchor"] = {
        "book": ANCHOR_NAME,
        "source": unpacked["source"],
        "commit": unpacked["commit"],
        "pages": pages,
        "seconds": round(seconds, 2),
        "seconds_per_page": round(seconds / pages, 3),
        "jobs": jobs,
        "runs": BUILD_RUNS,
        "extensions_left_out": dropped,
        "absent_files": unpacked["absent_files"],
        "notebooks_run_in_a_kernel": len(kernel_runs(log)),
        "read_in_parallel": "doing serial read" not in log,
        "read_serially_because_of": re.findall(
            r"the (\S+) extension (?:does not declare if it is|is not) "
            r"safe for parallel reading",
            log,
        ),
        "build_warnings": len(warnings),
        "build_warnings_first": warnings[:8],
    }
    say(
        f"  {seconds:.1f} s for {pages} pages ({seconds / pages:.3f} s a page); {len(warnings)} warnings from its build"
        + "".join(f"\n    {line}" for line in warnings[:8])
    )
    shutil.rmtree(root)


def compare_with_anchor(results: dict) -> None:
    ours, anchor = results.get("build"), results.get("anchor", {})
    if ours and "seconds_per_page" in anchor:
        ratio = ours["seconds_per_page"] / anchor["seconds_per_page"]
        anchor["ours_per_page_ratio"] = round(ratio, 2)
        say(
            f"Seconds per page, the course / the anchor: {ours['seconds_per_page']:.3f} / "
            f"{anchor['seconds_per_page']:.3f} = {ratio:.2f}"
        )


def _kind(resource_type: str, mime: str) -> str:
    if resource_type == "Document":
        return "html"
    if resource_type == "Script" or "javascript" in mime:
        return "js"
    if resource_type == "Stylesheet" or mime == "text/css":
        return "css"
    if resource_type == "Font" or "font" in mime:
        return "fonts"
    if resource_type == "Image" or mime.startswith("image/"):
        return "images"
    return "other"


def cold_load(browser, url: str) -> dict:
    """Bytes transferred by one load in a fresh browser profile (empty cache), by kind."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    kinds, sizes, hosts = {}, {}, set()
    cdp.on(
        "Network.responseReceived",
        lambda e: kinds.__setitem__(e["requestId"], _kind(e["type"], e["response"].get("mimeType", ""))),
    )
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: hosts.add(e["request"]["url"].split("/")[2] if "://" in e["request"]["url"] else ""),
    )
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    context.close()
    by_kind: dict[str, int] = defaultdict(int)
    for request, size in sizes.items():
        by_kind[kinds.get(request, "other")] += int(size)
    return {
        "bytes": sum(by_kind.values()),
        "requests": len(sizes),
        "by_kind": dict(sorted(by_kind.items())),
        "hosts": sorted(h for h in hosts if h),
    }


def measure_pages(html: Path, browser, results: dict) -> None:
    """Every page of the book, cold: as python -m http.server sends it, and gzip-compressed."""
    weights = {}
    for compress in (False, True):
        site = Site(html, compress=compress)
        try:
            for page in pages_of(html):
                name = page.relative_to(html).as_posix()
                if name.startswith("book/"):
                    load = cold_load(browser, site.url + name)
                    if compress:
                        weights[name]["gzip_bytes"] = load["bytes"]
                    else:
                        weights[name] = load
        finally:
            site.close()
    results["pages"] = weights
    chapters = {k: v for k, v in weights.items() if k.startswith("book/step-")}
    heaviest = max(chapters.items(), key=lambda kv: kv[1]["bytes"])
    say(
        f"  chapter pages: {min(v['bytes'] for v in chapters.values()) / 1024:.0f}–{heaviest[1]['bytes'] / 1024:.0f} KB "
        f"on a cold load, {heaviest[1]['gzip_bytes'] / 1024:.0f} KB compressed (heaviest {heaviest[0]}); "
        f"hosts asked: {sorted({h for v in weights.values() for h in v['hosts']})}"
    )


QUIZ_PROBE = """
window.__quiz = {};
window.addEventListener("load", () => {
  const loaded = performance.now();
  const question = document.querySelector(".wc-question");
  const feedback = question.querySelector(".wc-verdict");
  new MutationObserver(() => {
    if (feedback.textContent.trim() && !window.__quiz.answered) {
      window.__quiz = {load: loaded, answered: performance.now()};
    }
  }).observe(question, {subtree: true, childList: true, characterData: true, attributes: true});
  question.querySelector("input").click();
  question.querySelector(".wc-check").click();
});
"""


def measure_quiz(html: Path, browser, results: dict, repeats: int = 7) -> None:
    """At the load event, tick the first answer and press "Check my answer": how long until the verdict shows."""
    site = Site(html)
    runs = []
    try:
        for _ in range(repeats):
            context = browser.new_context(viewport={"width": 1100, "height": 900})
            context.add_init_script(QUIZ_PROBE)
            page = context.new_page()
            page.goto(site.url + QUIZ_PAGE, wait_until="load")
            page.wait_for_function("window.__quiz.answered !== undefined", timeout=10_000)
            quiz = page.evaluate("window.__quiz")
            runs.append(
                {"load_ms": round(quiz["load"], 1), "answer_after_load_ms": round(quiz["answered"] - quiz["load"], 1)}
            )
            context.close()
    finally:
        site.close()
    after = [r["answer_after_load_ms"] for r in runs]
    results["quiz"] = {
        "page": QUIZ_PAGE,
        "runs": runs,
        "median_answer_after_load_ms": statistics.median(after),
        "median_load_ms": statistics.median(r["load_ms"] for r in runs),
    }
    say(
        f"  a click at load is answered after {statistics.median(after):.1f} ms (median of {repeats}); "
        f"load event at {results['quiz']['median_load_ms']:.0f} ms"
    )


def lighthouse(html: Path, work: Path, compress: bool, page: str = LIGHTHOUSE_PAGE) -> dict:
    site = Site(html, compress=compress)
    report = work / f"lighthouse-{'gzip' if compress else 'plain'}-{page.replace('/', '-')}.json"
    try:
        flags = " ".join([*CHROMIUM_FLAGS, f"--user-data-dir={work / ('lighthouse-profile-' + report.stem)}"])
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                site.url + page,
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--chrome-flags={flags}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        site.close()
    if done.returncode != 0 or not report.exists():
        return {"failed": done.stderr[-1500:]}
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    metrics = {
        name: audits[name]["numericValue"]
        for name in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
            "interactive",
            "total-byte-weight",
        )
        if name in audits
    }
    failing = sorted(
        f"{key}: {audits[key]['title']}"
        for cat in data["categories"].values()
        for ref in cat["auditRefs"]
        if (key := ref["id"]) in audits and audits[key].get("score") not in (None, 1) and ref["weight"] > 0
    )
    return {
        "page": page,
        "served": "gzip-compressed" if compress else "python -m http.server, no compression",
        "form_factor": data["configSettings"]["formFactor"],
        "throttling": data["configSettings"]["throttlingMethod"],
        "scores": {key: round(cat["score"] * 100) for key, cat in data["categories"].items()},
        "metrics": {k: round(v, 3) for k, v in metrics.items()},
        "failing_audits": failing,
        "version": data["lighthouseVersion"],
    }


def measure_lighthouse(html: Path, work: Path, results: dict) -> None:
    """Lighthouse, mobile (its default: simulated slow 4G and a 4x slower processor), on one chapter
    page served compressed as static hosts do, and as python -m http.server serves it."""
    if not LIGHTHOUSE.exists():
        say("  lighthouse is missing: run `npm ci --prefix benchmarks` (make benchmark does); skipped")
        results["lighthouse"] = {"skipped": "lighthouse not installed"}
        return
    for compress, key, runs in ((True, "lighthouse", LIGHTHOUSE_RUNS), (False, "lighthouse_uncompressed", 1)):
        found = [lighthouse(html, work, compress) for _ in range(runs)]
        failed = [f for f in found if "failed" in f]
        if failed:
            say(f"  lighthouse failed: {failed[0]['failed']}")
            results[key] = failed[0]
            continue
        found.sort(key=lambda f: f["scores"]["performance"])
        median = results[key] = found[len(found) // 2]  # the run with the median performance score
        median["performance_of_each_run"] = [f["scores"]["performance"] for f in found]
        say(
            f"  {LIGHTHOUSE_PAGE}, mobile, {median['served']}"
            + (f" (median of {runs} runs: {median['performance_of_each_run']})" if runs > 1 else "")
            + ": "
            + ", ".join(f"{k} {v}" for k, v in median["scores"].items())
        )
    for language in configured_languages(ROOT)[1:]:  # each translation's chapter page, once, compressed
        page = f"{language}/{LIGHTHOUSE_PAGE}"
        if not (html / page).is_file():
            continue
        found = results[f"lighthouse_{language}"] = lighthouse(html, work, True, page)
        if "failed" in found:
            say(f"  lighthouse failed on {page}: {found['failed']}")
        else:
            say(f"  {page}, mobile, gzip-compressed: " + ", ".join(f"{k} {v}" for k, v in found["scores"].items()))


def _install(work: Path, source: Path, name: str, requirements: str) -> dict:
    """A fresh virtual environment with `pip install -r requirements` (pip's cache as this machine has it)."""
    venv = work / name
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    start = time.perf_counter()
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", requirements],
        cwd=source,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        say(f"  pip failed for {requirements}: {done.stderr[-1500:]}")
        return {"failed": done.stderr[-1500:]}
    site = next((venv / "lib").glob("python*/site-packages"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.is_symlink())
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True
    )
    biggest = sorted(
        (
            (sum(f.stat().st_size for f in d.rglob("*") if f.is_file()), d.name)
            for d in site.iterdir()
            if d.is_dir() and not d.name.endswith((".dist-info", "__pycache__"))
        ),
        reverse=True,
    )[:8]
    # what the requirements installed (as tests/test_binder.py counts it): not the venv's own pip and setuptools
    distributions = installed_distributions(python, source / requirements)
    installed = sum(size for _version, size in distributions.values())
    say(
        f"  {requirements}: {installed / 1e6:.0f} MB in {len(distributions)} distributions "
        f"({size / 2**20:.0f} MiB in site-packages with pip and setuptools; pip took {seconds:.0f} s, with its cache)"
    )
    return {
        "installed_mb": round(installed / 1e6, 1),
        "distributions": len(distributions),
        "site_packages_mb": round(size / 2**20, 1),
        "packages": len(json.loads(listed.stdout)),
        "install_seconds": round(seconds, 1),
        "largest_mb": {name: round(b / 2**20, 1) for b, name in biggest},
    }


def measure_environment(work: Path, results: dict) -> None:
    """The full environment (requirements.txt: the book build, the tests' kernel) and the learners' one
    (binder/requirements.txt, what Binder installs, with the kernel Binder brings:
    tests/binder-requirements.txt), each installed fresh; the learners' as a share of the full one."""
    source = work / "source"
    if not source.exists():
        shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    full = _install(work, source, "full-env", "requirements.txt")
    learners = _install(work, source, "learners-env", "tests/binder-requirements.txt")
    results["environment"] = full
    results["learners_environment"] = learners
    if "site_packages_mb" in full and "site_packages_mb" in learners:
        learners["share_of_full"] = round(learners["installed_mb"] / full["installed_mb"], 3)
        say(f"  the learners' environment is {100 * learners['share_of_full']:.0f} % of the full one")


def measure_tests(results: dict) -> None:
    say("  python -m pytest -q (the full suite, in the working tree) …")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q"], cwd=ROOT, env=course_env(), capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    summary = next(
        (
            line
            for line in reversed(done.stdout.splitlines())
            if " in " in line and ("passed" in line or "failed" in line)
        ),
        "",
    )
    results["tests"] = {"seconds": round(seconds, 1), "exit_code": done.returncode, "summary": summary.strip("= ")}
    say(f"  {seconds:.0f} s: {summary.strip('= ')}")


def previous_results() -> dict | None:
    runs = sorted(RESULTS.glob("*.json"))
    return json.loads(runs[-1].read_text(encoding="utf-8")) if runs else None


def _fmt_kb(n: float) -> str:
    return f"{n / 1024:.0f} KB"


def summary_markdown(r: dict, before: dict | None) -> str:
    def was(*keys, fmt=lambda v: str(v), also=()):
        """The previous run's figure at `keys` (or, from a run before the keys changed, at `also`)."""
        for path in (keys, also):
            value = before
            for key in path:
                if not isinstance(value, dict) or key not in value:
                    break
                value = value[key]
            else:
                if path:
                    return fmt(value)
        return ""

    lines = [
        "# Benchmarks: latest run",
        "",
        f"Written by `make benchmark` (benchmarks/run.py) on {r['when']}, on {r['machine']}. "
        "All figures of every run are in benchmarks/results/ (not kept in git); "
        '"before" is the previous run there, if any.',
        "",
        "| measure | now | before | target |",
        "|---|---|---|---|",
    ]
    b = r.get("build")
    if b:
        kernels = b["notebooks_run_in_a_kernel"]
        split = b["each_further_page_seconds"] > 0  # else the longer book built quicker: a busy machine
        fixed = (
            f"{b['fixed_seconds']:.1f} s" if split else "not measured: the longer book built quicker (a busy machine)"
        )
        further = f"{b['each_further_page_seconds']:.3f} s" if split else "not measured"
        lines += [
            f"| clean build in English ({b['pages']} pages, the quicker of {b['runs']}) | {b['seconds']:.1f} s, {b['seconds_per_page']:.3f} s a page | "
            f"{was('build', 'seconds', fmt=lambda v: f'{v:.1f} s')} | {TARGETS['clean build']} |",
        ]
        if "all_languages" in b:
            every = b["all_languages"]
            lines.append(
                f"| clean build of the book as published, {len(every['languages'])} languages "
                f"({', '.join(every['languages'])}), {b['pages']} pages each | {every['seconds']:.1f} s | "
                f"{was('build', 'all_languages', 'seconds', fmt=lambda v: f'{v:.1f} s')} | |"
            )
        lines += [
            f"| notebooks run in a kernel during the build | {kernels}"
            + (f" ({', '.join(b['kernel_seconds'])})" if kernels else "")
            + " | "
            f"{was('build', 'notebooks_run_in_a_kernel', also=('build', 'notebooks'), fmt=lambda v: str(v if isinstance(v, int) else len(v)))} | 0 |",
            f"| of which fixed (start-up, content check, theme files, search index) | {fixed} | "
            f"{was('build', 'fixed_seconds', also=('build_without_execution', 'fixed_seconds'), fmt=lambda v: f'{v:.1f} s')} | |",
            f"| each further page (built with {b['longer_book']['pages']} pages: {b['longer_book']['seconds']:.1f} s) | "
            f"{further} | "
            f"{was('build', 'each_further_page_seconds', also=('build_without_execution', 'each_further_page_seconds'), fmt=lambda v: f'{v:.3f} s')} "
            f"| {TARGETS['clean build, each further page']} |",
        ]
    rb = r.get("rebuild")
    if rb:
        p, c = rb["preview"], rb["build_command"]
        target = TARGETS["rebuild after one question's text changes"]
        lines += [
            f"| rebuild after one question's text changes, `make preview`: saved → new text in the served page "
            f"(median of {rb['edits']}, max) | {p['median_seconds']:.2f} s, max {p['max_seconds']:.2f} s | "
            f"{was('rebuild', 'preview', 'median_seconds', fmt=lambda v: f'{v:.2f} s')} | {target} |",
            f"| the same, `python -m welcome_course build` run again: saved → command done "
            f"(median of {rb['edits']}, max) | {c['median_seconds']:.2f} s, max {c['max_seconds']:.2f} s | "
            f"{was('rebuild', 'build_command', 'median_seconds', also=('rebuild', 'seconds'), fmt=lambda v: f'{v:.2f} s')} | |",
            f"| HTML pages that build wrote again | {len(c['html_pages_written_again'])}: "
            f"{', '.join(c['html_pages_written_again'])} | | |",
            f"| `make preview`: first build, until the page is served | {p['first_build_served_seconds']:.1f} s | "
            f"{was('rebuild', 'preview', 'first_build_served_seconds', fmt=lambda v: f'{v:.1f} s')} | |",
        ]
    an = r.get("anchor", {})
    if "seconds" in an:
        lines.append(
            f"| anchor book, {an['book']} ({an['pages']} pages, execution off): clean build | "
            f"{an['seconds']:.1f} s, {an['seconds_per_page']:.3f} s a page | "
            f"{was('anchor', 'seconds', fmt=lambda v: f'{v:.1f} s')} | |"
        )
        if "ours_per_page_ratio" in an:
            lines.append(
                f"| seconds per page, the course / the anchor | {an['ours_per_page_ratio']:.2f} | "
                f"{was('anchor', 'ours_per_page_ratio', fmt=lambda v: f'{v:.2f}')} | |"
            )
    elif an:
        lines.append(
            f"| anchor book | {'skipped: ' + an['skipped'] if 'skipped' in an else 'its build failed (see the results file)'} | | |"
        )
    if r.get("tests"):
        lines.append(
            f"| full test suite | {r['tests']['seconds']:.0f} s ({r['tests']['summary']}) | "
            f"{was('tests', 'seconds', fmt=lambda v: f'{v:.0f} s')} | {TARGETS['full test suite']} |"
        )
    if r.get("pages"):
        chapters = {k: v for k, v in r["pages"].items() if k.startswith("book/step-")}
        heaviest = max(v["bytes"] for v in chapters.values())
        old = {k: v for k, v in (before or {}).get("pages", {}).items() if k.startswith("book/step-")}
        lines.append(
            f"| heaviest chapter page, cold load | {_fmt_kb(heaviest)} | "
            f"{_fmt_kb(max(v['bytes'] for v in old.values())) if old else ''} | {TARGETS['chapter page, cold load']} |"
        )
        hosts = sorted({h for v in r["pages"].values() for h in v["hosts"] if not h.startswith("127.0.0.1")})
        lines.append(f"| requests to other hosts, all pages | {len(hosts)} | | 0 |")
    if r.get("quiz"):
        lines.append(
            f"| quiz answers a click made at load after | {r['quiz']['median_answer_after_load_ms']:.1f} ms | "
            f"{was('quiz', 'median_answer_after_load_ms', fmt=lambda v: f'{v:.1f} ms')} | {TARGETS['quiz answers a click at load within']} |"
        )
    lh = r.get("lighthouse", {})
    if "scores" in lh:
        for key, label in (
            ("performance", "performance"),
            ("accessibility", "accessibility"),
            ("best-practices", "best practices"),
            ("seo", "SEO"),
        ):
            target = TARGETS.get(f"Lighthouse mobile {label}", "")
            lines.append(
                f"| Lighthouse mobile {label} ({lh['page']}, compressed) | {lh['scores'].get(key)} | "
                f"{was('lighthouse', 'scores', key)} | {target} |"
            )
    plain = r.get("lighthouse_uncompressed", {})
    if "scores" in plain:
        lines.append(
            "| the same, from python -m http.server (no compression) | "
            + ", ".join(f"{k} {v}" for k, v in plain["scores"].items())
            + " | | |"
        )
    for key in sorted(k for k in r if k.startswith("lighthouse_") and k != "lighthouse_uncompressed"):
        found = r[key]
        if "scores" in found:  # each translation's chapter page (one run)
            lines.append(
                f"| the same in {key.split('_', 1)[1]} ({found['page']}, compressed) | "
                + ", ".join(f"{k} {v}" for k, v in found["scores"].items())
                + " | | |"
            )
    env = r.get("environment", {})
    if "site_packages_mb" in env:
        lines.append(
            f"| environment from requirements.txt, installed in {env['install_seconds']:.0f} s | "
            f"{env.get('installed_mb', 0):.0f} MB in {env.get('distributions', 0)} distributions "
            f"({env['site_packages_mb']:.0f} MiB in site-packages, {env['packages']} packages with pip's own) | "
            f"{was('environment', 'site_packages_mb', fmt=lambda v: f'{v:.0f} MB')} | |"
        )
    lean = r.get("learners_environment", {})
    if "installed_mb" in lean and "share_of_full" in lean:
        lines.append(
            f"| learners' environment (binder/requirements.txt and a kernel), installed in "
            f"{lean['install_seconds']:.0f} s | {lean['installed_mb']:.0f} MB in {lean['distributions']} distributions: "
            f"{100 * lean['share_of_full']:.0f} % of the full one | "
            f"{was('learners_environment', 'share_of_full', fmt=lambda v: f'{100 * v:.0f} %')} | "
            f"{TARGETS[LEARNERS_SHARE]} |"
        )
    if r.get("pages"):
        lines += [
            "",
            "## Book pages on a cold load (bytes transferred, empty cache; as python -m http.server sends "
            "them, and gzip-compressed as static hosts send them)",
            "",
            "| page | total | gzip-compressed | requests | HTML | JS | CSS | fonts | images |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, v in r["pages"].items():
            k = v["by_kind"]
            lines.append(
                f"| {name} | {_fmt_kb(v['bytes'])} | {_fmt_kb(v.get('gzip_bytes', 0))} | {v['requests']} | "
                + " | ".join(_fmt_kb(k.get(kind, 0)) for kind in ("html", "js", "css", "fonts", "images"))
                + " |"
            )
    if rb:
        lines += [
            "",
            f"## Rebuild after one question's text changes ({rb['chapter_file']}, its first question's prompt)",
            "",
            f"Each of {rb['edits']} saves, seconds from saving the file to the new text being in the page's HTML: "
            f"`make preview` (the page fetched every {POLL_SECONDS * 1000:.0f} ms) "
            + ", ".join(f"{s:.2f}" for s in rb["preview"]["seconds"])
            + "; `python -m welcome_course build` run again "
            + ", ".join(f"{s:.2f}" for s in rb["build_command"]["seconds"])
            + ".",
        ]
    if "seconds" in an:
        lines += [
            "",
            "## Anchor book",
            "",
            f"{an['book']}"
            + (f", commit {an['commit'][:12]}" if an["commit"] else "")
            + f" (from {an['source']}), built clean as the course is: Jupyter Book's build function "
            f"(jupyter_book.sphinx.build_sphinx), execution off, {an['jobs']} parallel jobs, the quicker of {an['runs']} builds"
            + (
                ""
                if an.get("read_in_parallel", True)
                else " (Sphinx read its pages one at a time: "
                + (", ".join(an["read_serially_because_of"]) or "an extension it loads")
                + ", which Jupyter Book loads for it, does not declare itself safe for parallel reading)"
            )
            + "; "
            f"{an['notebooks_run_in_a_kernel']} notebooks run in a kernel, {an['build_warnings']} warnings from its build. "
            + (
                f"Extensions its _config.yml names that are not installed here, left out: {', '.join(an['extensions_left_out'])}."
                if an["extensions_left_out"]
                else "Every extension its _config.yml names was installed."
            )
            + (
                f" Files absent from the git snapshot it was built from, left out: {', '.join(an['absent_files'])}."
                if an["absent_files"]
                else ""
            ),
        ]
    if "metrics" in lh:
        m = lh["metrics"]
        lines += [
            "",
            f"## Lighthouse {lh['version']} ({lh['form_factor']}, {lh['throttling']} throttling) on {lh['page']}, "
            "compressed",
            "",
            f"First contentful paint {m.get('first-contentful-paint', 0) / 1000:.2f} s, largest contentful paint "
            f"{m.get('largest-contentful-paint', 0) / 1000:.2f} s, total blocking time {m.get('total-blocking-time', 0):.0f} ms, "
            f"layout shift {m.get('cumulative-layout-shift', 0):.3f}, speed index {m.get('speed-index', 0) / 1000:.2f} s, "
            f"bytes {_fmt_kb(m.get('total-byte-weight', 0))}.",
        ]
        if lh["failing_audits"]:
            lines += ["", "Audits not passed: " + "; ".join(lh["failing_audits"]) + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    intro, _, rest = __doc__.partition("\n\n")
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description=intro,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=rest[rest.index("What each step") :].strip()
        + "\n\nSteps, in this order: "
        + ", ".join(STEPS)
        + ". Results: benchmarks/results/*.json and benchmarks/latest.md.",
    )
    parser.add_argument(
        "--only", metavar="STEP[,STEP]", help="run only these steps (rebuild, pages, quiz and lighthouse need build)"
    )
    parser.add_argument(
        "--skip", metavar="STEP[,STEP]", default="", help="leave these steps out (e.g. tests,environment)"
    )
    parser.add_argument(
        "--anchor",
        metavar="GITDIR_OR_FOLDER",
        type=Path,
        default=ANCHOR_DEFAULT if ANCHOR_DEFAULT.exists() else None,
        help=f"the anchor book ({ANCHOR_NAME}): a git directory (its HEAD is built) or a folder "
        f"holding the book (default: {ANCHOR_DEFAULT} when it exists; without it the anchor step is skipped)",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the figures and the summary; write neither results nor latest.md"
    )
    args = parser.parse_args(argv)
    chosen = set(args.only.split(",") if args.only else STEPS) - set(args.skip.split(","))
    unknown = chosen - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}; steps are {', '.join(STEPS)}")
    if {"rebuild", "pages", "quiz", "lighthouse"} & chosen:
        chosen.add("build")
    steps = [step for step in STEPS if step in chosen]  # always in this order: build comes first
    if args.anchor is not None and not args.anchor.exists():
        parser.error(f"--anchor {args.anchor}: no such folder")

    results: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "steps": steps,
    }
    before = previous_results()
    say(f"Benchmarks: {', '.join(steps)}")
    with tempfile.TemporaryDirectory(prefix="welcome-course-bench-") as tmp:
        work = Path(tmp)
        root = None
        for number, step in enumerate(steps, start=1):
            say(f"[{number}/{len(steps)}] {step}")
            if step == "build":
                root = measure_build(work, results)
            elif step == "rebuild":
                measure_rebuild(work, root, results)
            elif step == "anchor":
                measure_anchor(work, args.anchor, results)
            elif step in ("pages", "quiz"):
                from playwright.sync_api import sync_playwright

                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                    (measure_pages if step == "pages" else measure_quiz)(root / "_build" / "html", browser, results)
                    browser.close()
            elif step == "lighthouse":
                measure_lighthouse(root / "_build" / "html", work, results)
            elif step == "environment":
                measure_environment(work, results)
            elif step == "tests":
                measure_tests(results)
    compare_with_anchor(results)
    if args.no_write:
        print(json.dumps(results, indent=1))
        print(summary_markdown(results, before))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{results['when'].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    LATEST.write_text(summary_markdown(results, before), encoding="utf-8")
    say(f"Wrote {out.relative_to(ROOT)} and {LATEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

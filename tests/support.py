"""What the tests share, apart from fixtures (those are in conftest.py):

- a small valid chapter, a course folder to put it in, and a way to change one interface word;
- the published figures as the csv module reads them (to count what a test expects);
- the command line run inside the test process (`run_main`);
- a copy of the whole course, and its build as `make book` does it;
- a folder served on 127.0.0.1, and a browser tab that records what leaves it.
"""

from __future__ import annotations

import copy
import csv
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import yaml

from welcome_course.cli import main
from welcome_course.content.course import ROOT_ENV
from welcome_course.content.translation import LANGUAGE_ENV

ROOT = Path(__file__).resolve().parents[1]
# what a copy of the course leaves out: environments, builds, caches (benchmarks/run.py adds its results)
NOT_COPIED = (
    "_build",
    ".venv",
    ".venv-lab",
    ".venv-binder",
    ".git",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ipynb_checkpoints",
    "node_modules",
)
COPY_IGNORE = shutil.ignore_patterns(*NOT_COPIED)
# Debian's Chromium, driven by Playwright (no browser download), with nothing that calls home
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

VALID_CHAPTER = {
    "id": "step-99",
    "title": "A chapter for tests",
    "guideline_step": 3,
    "source": "guideline",
    "minutes": 30,
    "goals": ["try the machinery"],
    "quiz": [
        {
            "id": "pick-one",
            "type": "single_choice",
            "prompt": "Which one?",
            "options": [
                {"text": "Right", "correct": True, "feedback": "Yes, because."},
                {"text": "Wrong", "feedback": "No, because."},
            ],
        },
        {
            "id": "pick-all",
            "type": "multiple_choice",
            "prompt": "Which ones?",
            "options": [
                {"text": "First right", "correct": True, "feedback": "Yes, first."},
                {"text": "Second right", "correct": True, "feedback": "Yes, second."},
                {"text": "Wrong", "feedback": "No, third."},
            ],
        },
        {
            "id": "judge",
            "type": "true_false",
            "prompt": "This is true.",
            "answer": True,
            "feedback_true": "Indeed.",
            "feedback_false": "It is true.",
        },
    ],
    "scenario": {
        "title": "A story",
        "setting": "Once upon a time.",
        "start": "begin",
        "nodes": {
            "begin": {
                "text": "What now?",
                "choices": [
                    {"label": "Go on", "consequence": "You go on.", "next": "middle"},
                    {"label": "Stop", "consequence": "You stop.", "next": "bad-end"},
                ],
            },
            "middle": {
                "text": "And now?",
                "choices": [
                    {"label": "Finish well", "consequence": "Well done.", "next": "good-end"},
                    {"label": "Give up", "consequence": "Oh no.", "next": "bad-end"},
                ],
            },
            "good-end": {"outcome": "good", "title": "Good", "text": "It ended well.", "debrief": "Because."},
            "bad-end": {"outcome": "difficult", "title": "Bad", "text": "It ended badly.", "debrief": "Because not."},
        },
    },
    "reflections": [{"id": "think", "prompt": "Think about it."}],
    "resources": [{"title": "A page", "url": "https://example.org/page", "kind": "Web page", "note": "Useful."}],
}


def valid_chapter() -> dict:
    return copy.deepcopy(VALID_CHAPTER)


def make_course(tmp_path: Path, chapters: dict[str, object] | None = None) -> Path:
    """A course folder with the real course.yml and interface.yml and the given chapter files.

    A chapter value that is a dict is written as YAML; a string is written as it is.
    """
    data = tmp_path / "data"
    (data / "chapters").mkdir(parents=True)
    for name in ("course.yml", "interface.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    for chapter_id, content in (chapters or {}).items():
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
        (data / "chapters" / f"{chapter_id}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def set_interface_word(root: Path, key: str, value: str | None) -> int:
    """Give `key` a new value in the course's data/interface.yml (None: delete the line); return its line number."""
    path = root / "data" / "interface.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    if value is None:
        del lines[index]
    else:
        lines[index] = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"  # a JSON string is a quoted YAML string
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def figure_rows(**columns: str) -> list[dict[str, str]]:
    """The rows of data/education-figures.csv, read with the csv module rather than the course's own
    loader, that have the given values, such as figure_rows(geo="EL"); with none, every row."""
    with (ROOT / "data" / "education-figures.csv").open(encoding="utf-8", newline="") as file:
        return [row for row in csv.DictReader(file) if all(row[k] == v for k, v in columns.items())]


def run_main(monkeypatch, capsys, root: Path, *args: str) -> tuple[int, str, str]:
    """Run `python -m welcome_course …` in the course folder `root`, inside the test process: as the
    command line does, without the cost of starting Python (the tests that must prove the real
    command line run it as a subprocess). Returns (exit code, standard output, standard error)."""
    monkeypatch.chdir(root)
    monkeypatch.delenv(ROOT_ENV, raising=False)
    # A command's --language sets WELCOME_COURSE_LANGUAGE for its process: undone after the test, as the
    # end of a real command's process would (monkeypatch records a variable only once it has set it)
    language = os.environ.get(LANGUAGE_ENV)
    monkeypatch.setenv(LANGUAGE_ENV, language or "en")
    if language is None:
        monkeypatch.delenv(LANGUAGE_ENV)
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def copy_course(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    return target


def build_book(root: Path) -> subprocess.CompletedProcess:
    """Build the book in `root` exactly as `make book` does: checks first, warnings are errors."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WELCOME_COURSE_")}
    return subprocess.run(
        [sys.executable, "-m", "welcome_course", "build"], cwd=root, env=env, capture_output=True, text=True
    )


class Site:
    """A folder served over HTTP on 127.0.0.1, on a free port."""

    def __init__(self, folder: Path):
        class QuietHandler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        # (a short poll interval: close() waits up to one interval, 0.5 s by default)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class GuardedPage:
    """A browser tab that records every request leaving 127.0.0.1 (and blocks it) and every console error."""

    def __init__(self, context):
        self.outside_requests: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"{e.message}\n{e.stack or ''}"))

    def _route(self, route):
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()


def with_prompt(text: str, question_id: str, prompt: str) -> str:
    """The chapter file's text with one question's prompt replaced, as an instructor edits it:
    every other line, comment and blank line as it was."""
    lines = text.split("\n")
    start = lines.index(f"  - id: {question_id}")
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("    prompt:"))
    last = next(i for i in range(first + 1, len(lines)) if not lines[i].startswith("      "))
    return "\n".join([*lines[:first], f'    prompt: "{prompt}"', *lines[last:]])


# --- Publishing (tests/test_publishing.py, tests/test_standalone_notebook.py) -------------------

REAL_URL = "https://github.com/example-school/welcome-course"  # a repository address as a teacher would write it


def set_config(
    root: Path, url: str | None = None, hub: str | None = None, branch: str | None = None, baseurl: str | None = None
) -> None:
    """Change settings of the copy's _config.yml as a teacher would, in place."""
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    if baseurl is not None:
        text, count = re.subn(r'(?m)^(  baseurl: )""', lambda m: m[1] + baseurl, text)
        assert count == 1
    if url is not None:
        text, count = re.subn(r"(?m)^(  url: )\S+", lambda m: m[1] + url, text)
        assert count == 1
    if hub is not None:
        text, count = re.subn(r'(?m)^(  jupyterhub_url: )""', lambda m: m[1] + hub, text)
        assert count == 1
    if branch is not None:
        text, count = re.subn(r"(?m)^(  branch: )\S+", lambda m: m[1] + branch, text)
        assert count == 1
    config.write_text(text, encoding="utf-8")


def rewrite_install_cells(root: Path) -> None:
    """What `make notebooks` does to the notebooks' first cells, without running them."""
    from welcome_course.authoring.standalone import with_install_cells
    from welcome_course.content.course import load_course
    from welcome_course.site.publishing import publication

    course, published = load_course(root), publication(root)
    for path in (root / "book").glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if with_install_cells(notebook, course, published):
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def first_path(scenario):
    """A case scenario played by always taking the first choice: the (node, choice) pairs taken, and the
    ending they lead to."""
    node, taken = scenario.nodes[scenario.start], []
    while not node.is_ending:
        taken.append((node, node.choices[0]))
        node = scenario.nodes[node.choices[0].next]
    return taken, node


# Run by an environment's Python: the distributions a requirements file installs there (followed through
# their requirements), with their versions and the bytes of their installed files. Not pip, setuptools
# or anything else the environment holds for other reasons.
CLOSURE = r"""
import json, sys
from importlib import metadata
from pathlib import Path
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

def lines(path):
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r"):
            yield from lines(Path(path).parent / line[2:].strip())
        elif line in ("-e .", "."):
            yield "welcome-course"
        elif line and not line.startswith("-"):
            yield line

dists = {canonicalize_name(d.metadata["Name"]): d for d in metadata.distributions()}
wanted, done = [Requirement(line) for line in lines(sys.argv[1])], {}
while wanted:
    requirement = wanted.pop()
    name = canonicalize_name(requirement.name)
    extras = set(requirement.extras)
    if name in done and extras <= done[name]:
        continue
    done[name] = done.get(name, set()) | extras
    for text in dists[name].requires or []:
        needed = Requirement(text)
        if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in done[name] | {""}):
            wanted.append(needed)

def size(dist):
    total = 0
    for file in dist.files or []:
        try:
            total += file.locate().stat().st_size
        except OSError:
            pass
    return total

print(json.dumps({name: [dists[name].version, size(dists[name])] for name in done}))
"""


def installed_distributions(python: Path, requirements: Path) -> dict[str, tuple[str, int]]:
    """{name: (version, bytes)} of what `requirements` installed in the environment of `python`."""
    done = subprocess.run([str(python), "-c", CLOSURE, str(requirements)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return {name: tuple(value) for name, value in json.loads(done.stdout).items()}

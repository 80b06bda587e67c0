"""Binder as a learner meets it: the Python that repo2docker (what mybinder.org runs) chooses, the
learners' environment of binder/requirements.txt, and every notebook of book/ run in it.

The learners' environment, .venv-binder, is made by `make test` (the Makefile's .venv-binder rule:
binder/requirements.txt, plus the kernel that Binder's own environment provides,
tests/binder-requirements.txt) and kept between runs while the files it is made from stay the same:
the Makefile writes their hash into .venv-binder/.installed, and these tests refuse an environment
made from other files. Its kernel runs the notebooks, so nothing of the book build (Sphinx, Jupyter
Book, the theme) can be imported there: a notebook or a module that needs it fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
from kernels import kernel_environment, learners_python, problems_in, run_notebook
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from support import ROOT, installed_distributions

# the chapters, then their translations (book/fr/, book/es/: each chooses its language in a cell of its own)
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb")) + sorted((ROOT / "book").glob("*/*.ipynb"))
# The oldest Python the course runs on: pandas 3.1 and numpy 2.4 need 3.11.
MINIMUM_PYTHON = Version("3.11")
LEARNERS_SHARE = 0.60  # the learners' environment's size, at most this share of the full one's (issue 14)
# What repo2docker builds with when nothing names a version (repo2docker/buildpacks/conda/__init__.py,
# major_pythons), and the versions it has a base environment for (conda/supported_python_version.py).
REPO2DOCKER_DEFAULT = "3.10"
REPO2DOCKER_SUPPORTED = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14")
# Distributions that only the book build needs: none may be in the learners' environment.
BOOK_BUILD = {
    "jupyter-book",
    "sphinx",
    "sphinx-book-theme",
    "pydata-sphinx-theme",
    "myst-nb",
    "myst-parser",
    "docutils",
    "sphinx-autobuild",
    "jupyter-cache",
    "pystemmer",
    "sphinx-external-toc",
}
BOOK_BUILD_MODULES = {
    "sphinx",
    "jupyter_book",
    "sphinx_book_theme",
    "pydata_sphinx_theme",
    "myst_nb",
    "myst_parser",
    "docutils",
    "sphinx_autobuild",
}


# --- The Python repo2docker chooses ----------------------------------------------------------


def repo2docker_python(root: Path) -> str:
    """The Python version repo2docker builds the repository in `root` with, by its own rules
    (repo2docker/buildpacks/base.py: binder_dir, runtime; python/__init__.py: python_version):
    binder/ (or .binder/), when it exists, holds the configuration and files at the top are then
    ignored; runtime.txt reads "python-X.Y", or "python-X.Y-YYYY-MM-DD"; "python-3" means its
    default; without runtime.txt it uses its default, unless (without a binder folder)
    pyproject.toml's requires-python rules that out, when it takes the newest version allowed."""
    folders = [name for name in ("binder", ".binder") if (root / name).is_dir()]
    assert len(folders) < 2, "repo2docker refuses a repository with both binder/ and .binder/"
    runtime = root / (folders[0] if folders else "") / "runtime.txt"
    if runtime.is_file():
        text = runtime.read_text(encoding="utf-8").strip()
        parts = text.split("-")
        assert len(parts) in (2, 4, 5) and all(parts), f"repo2docker cannot read {runtime}: {text!r}"
        assert parts[0] == "python", (
            f"{runtime} names {parts[0]}, not python: repo2docker would not install Python packages"
        )
        if len(parts) in (2, 5):
            version = parts[1]
            return REPO2DOCKER_DEFAULT if len(Version(version).release) == 1 else version
        return REPO2DOCKER_DEFAULT
    pyproject = root / "pyproject.toml"
    if not folders and pyproject.is_file():
        required = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("requires-python")
        if required and Version(REPO2DOCKER_DEFAULT) not in SpecifierSet(required):
            allowed = list(SpecifierSet(required).filter(REPO2DOCKER_SUPPORTED))
            assert allowed, f"repo2docker has no Python that pyproject.toml's requires-python {required} allows"
            return allowed[-1]
    return REPO2DOCKER_DEFAULT


@pytest.mark.parametrize(
    "files, expected",
    [
        ({}, REPO2DOCKER_DEFAULT),
        ({"runtime.txt": "python-3.12\n"}, "3.12"),
        ({"binder/requirements.txt": "pandas\n"}, REPO2DOCKER_DEFAULT),
        ({"binder/runtime.txt": "python-3.10"}, "3.10"),
        ({"binder/runtime.txt": "python-3.13-2026-01-31"}, "3.13"),
        ({"runtime.txt": "python-3.12", "binder/requirements.txt": "pandas\n"}, REPO2DOCKER_DEFAULT),
        ({"pyproject.toml": '[project]\nname = "x"\nrequires-python = ">=3.11"\n'}, "3.14"),
        (
            {"pyproject.toml": '[project]\nname = "x"\nrequires-python = ">=3.11"\n', "binder/requirements.txt": ""},
            REPO2DOCKER_DEFAULT,
        ),
    ],
)
def test_the_reading_of_repo2dockers_rules(tmp_path, files, expected):
    """The rules above, on repositories laid out in other ways: without a version, Binder would use 3.10."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert repo2docker_python(tmp_path) == expected


def test_binder_builds_the_course_with_python_311_or_newer():
    version = repo2docker_python(ROOT)
    assert Version(version) >= MINIMUM_PYTHON, (
        f"Binder would build the course with Python {version}; the course needs {MINIMUM_PYTHON} or newer "
        "(binder/runtime.txt, e.g. python-3.11)"
    )
    assert version in REPO2DOCKER_SUPPORTED, f"repo2docker has no base environment for Python {version}"


@pytest.mark.build  # a kernel of the learners' environment (.venv-binder)
def test_binder_installs_the_learners_environment():
    """With binder/, repo2docker's Python build pack installs binder/requirements.txt (and nothing at the
    top: neither requirements.txt, with the book build, nor pyproject.toml). A local reference there
    (`-e .`) makes repo2docker install it after copying the whole repository, with pip run from the
    repository's top folder, which is what "." means to pip."""
    binder = ROOT / "binder"
    assert (binder / "requirements.txt").is_file()
    # any of these would make repo2docker choose another build pack, which ignores requirements.txt
    others = [
        name
        for name in (
            "environment.yml",
            "environment.yaml",
            "Pipfile",
            "Pipfile.lock",
            "Project.toml",
            "install.R",
            "DESCRIPTION",
        )
        if (binder / name).exists()
    ]
    assert others == [], f"binder/ holds {others}: repo2docker would not use binder/requirements.txt"
    lines = [
        line.split("#")[0].strip() for line in (binder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ]
    local = [line for line in lines if re.sub(r"^(-e|--editable)(=|\s+)", "", line).startswith((".", "/", "file:"))]
    assert local == ["-e ."], f"binder/requirements.txt names local folders {local}: only '-e .' (the course) is meant"


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name.strip()).lower()] = version.strip()
    return pins


def test_the_learners_environment_has_the_versions_of_the_full_one_and_nothing_of_the_book_build():
    lean, full = _pins(ROOT / "binder" / "requirements.txt"), _pins(ROOT / "requirements.txt")
    assert not BOOK_BUILD & set(lean), f"binder/requirements.txt installs the book build: {BOOK_BUILD & set(lean)}"
    differ = {name: (version, full[name]) for name, version in lean.items() if name in full and full[name] != version}
    assert differ == {}, f"binder/requirements.txt and requirements.txt pin other versions (learners', full): {differ}"
    for name in ("ipywidgets", "pandas", "pyyaml", "jinja2"):
        assert name in lean, f"the chapters need {name}, and binder/requirements.txt does not pin it"


def test_the_python_minimum_is_stated_where_people_read_it():
    required = SpecifierSet(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    )
    older = Version(f"{MINIMUM_PYTHON.major}.{MINIMUM_PYTHON.minor - 1}.99")
    assert MINIMUM_PYTHON in required and older not in required, (
        f"pyproject.toml's requires-python is {required}; the course needs Python {MINIMUM_PYTHON} or newer"
    )
    for page in ("README.md", "book/instructors.md"):
        stated = re.findall(r"Python (\d+\.\d+) or newer", (ROOT / page).read_text(encoding="utf-8"))
        assert stated, f"{page} does not say which Python the course needs"
        assert set(stated) == {str(MINIMUM_PYTHON)}, f"{page} says Python {', '.join(stated)} or newer"


# --- The learners' environment ---------------------------------------------------------------


# Run by each environment's Python: the installed distributions that the requirement file given
# (and the files it includes with -r) installs, with their dependencies, and the bytes of each one's
# files. "-e ." is the course itself.
def _installed(python: Path, requirements: Path) -> dict[str, tuple[str, int]]:
    return installed_distributions(python, requirements)


@pytest.mark.build  # a kernel of the learners' environment (.venv-binder)
def test_the_learners_environment_runs_binders_python():
    lean_python = learners_python()
    version = subprocess.run(
        [str(lean_python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    binder = repo2docker_python(ROOT)
    if shutil.which(f"python{binder}"):  # the Makefile uses it when this machine has it
        assert version == binder, f"the notebooks are tested with Python {version}, Binder runs {binder}"
    else:
        assert Version(version) >= Version(binder), (
            f"the notebooks are tested with Python {version}, older than Binder's {binder}"
        )


@pytest.mark.build  # a kernel of the learners' environment (.venv-binder)
def test_the_learners_environment_is_the_full_one_without_the_book_build():
    lean_python = learners_python()
    """What the learners' environment installs (binder/requirements.txt and a kernel), against what
    requirements.txt installs in .venv (which has its kernel too): the same distributions, fewer, and
    none of the book build. Sizes are the bytes of each distribution's installed files."""
    lean = _installed(lean_python, ROOT / "tests" / "binder-requirements.txt")
    full = _installed(Path(sys.executable), ROOT / "requirements.txt")
    assert "welcome-course" in lean and "ipywidgets" in lean
    assert not BOOK_BUILD & set(lean), f"the learners' environment installs the book build: {BOOK_BUILD & set(lean)}"
    extra = sorted(set(lean) - set(full))
    assert extra == [], f"the learners' environment installs what the full one does not: {extra}"
    lean_bytes, full_bytes = sum(size for _, size in lean.values()), sum(size for _, size in full.values())
    print(
        f"\nlearners' environment: {len(lean)} distributions, {lean_bytes / 1e6:.0f} MB; "
        f"full environment: {len(full)} distributions, {full_bytes / 1e6:.0f} MB "
        f"({100 * lean_bytes / full_bytes:.0f} %)"
    )
    # Issue 14: Binder installs at most 60 % of what the book build needs. pandas and numpy are most of
    # it (about 150 MB); the charts need no plotting library and the catalogues no Babel.
    largest = sorted(((size, name) for name, (_version, size) in lean.items()), reverse=True)[:6]
    assert lean_bytes <= LEARNERS_SHARE * full_bytes, (
        f"the learners' environment is {100 * lean_bytes / full_bytes:.1f} % of the full one "
        f"(at most {100 * LEARNERS_SHARE:.0f} %); its largest parts: "
        + ", ".join(f"{name} {size / 1e6:.0f} MB" for size, name in largest)
    )


@pytest.mark.build  # a kernel of the learners' environment (.venv-binder)
def test_the_course_commands_that_need_no_book_build_run_in_the_learners_environment(tmp_path):
    """On Binder or a hub, a trainer can check the content and make the cohort report."""
    python = str(learners_python())
    checked = subprocess.run(
        [python, "-m", "welcome_course", "check"], cwd=ROOT, capture_output=True, text=True, env=kernel_environment()
    )
    assert checked.returncode == 0 and checked.stdout.startswith("All content is valid"), checked.stderr
    report = tmp_path / "report.html"
    made = subprocess.run(
        [python, "-m", "welcome_course", "cohort", "data/sample-cohort", "--output", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=kernel_environment(),
    )
    assert made.returncode == 0, made.stderr
    assert "<svg" in report.read_text(encoding="utf-8")


# --- Every notebook in the learners' environment ----------------------------------------------


@pytest.mark.build  # a kernel of the learners' environment (.venv-binder)
@pytest.mark.parametrize("where", ["book", "top"])
def test_every_notebook_runs_in_the_learners_environment(tmp_path, where):
    """Every notebook of book/, in the learners' kernel: from book/, where Binder, JupyterLab and a hub
    start a notebook's kernel, and from the top folder (papermill, a script). To stay quick, one kernel
    runs them all, one after the other, and its namespace is emptied before each (%reset -f), as a new
    kernel's would be; the modules it imported stay loaded. A last cell lists where the course's
    package came from and which modules of the book build were imported."""
    folder = ROOT / "book" if where == "book" else ROOT
    combined = nbformat.v4.new_notebook()
    origin = []  # (notebook name, code cell number, whether it has a stored output) for each cell run
    for path in NOTEBOOKS:
        combined.cells.append(nbformat.v4.new_code_cell("%reset -f"))
        origin.append((path.relative_to(ROOT / "book").as_posix(), 0, False))
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        for number, cell in enumerate(code, 1):
            combined.cells.append(nbformat.v4.new_code_cell(cell.source))
            origin.append((path.relative_to(ROOT / "book").as_posix(), number, bool(cell.outputs)))
    combined.cells.append(
        nbformat.v4.new_code_cell(
            "import json, sys, welcome_course\n"
            f"print(json.dumps([welcome_course.__file__, sorted(set({sorted(BOOK_BUILD_MODULES)!r}) & {{m.split('.')[0] for m in sys.modules}})]))"
        )
    )
    run_notebook(combined, learners_python(), folder, tmp_path)

    failures = [
        f"{name}, code cell {number}: {problem}"
        for cell, (name, number, _) in zip(combined.cells[:-1], origin, strict=True)
        for problem in problems_in([cell])
    ]
    assert failures == [], "notebooks fail in the learners' environment:\n" + "\n".join(failures)
    silent = [
        f"{name}, code cell {number}"
        for cell, (name, number, stored) in zip(combined.cells[:-1], origin, strict=True)
        if stored and not cell.outputs
    ]
    assert silent == [], f"cells that show something in the book showed nothing here: {silent}"
    last = combined.cells[-1]
    assert problems_in([last]) == []
    package, build_modules = json.loads(last.outputs[0].text)
    assert Path(package).is_relative_to(ROOT), f"the kernel imported the course from {package}, not from {ROOT}"
    assert build_modules == [], f"running the notebooks imported the book build: {build_modules}"

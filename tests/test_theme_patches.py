"""The course's patches to other packages (welcome_course/site/theme/): each names the versions it
was written for, and a build with other versions says so, once, as a Sphinx warning."""

from __future__ import annotations

import ast
import re
from importlib import metadata

import pytest
from sphinx.errors import SphinxWarning
from sphinx.testing.util import SphinxTestApp

from support import ROOT
from welcome_course.site import theme

THEME = ROOT / "welcome_course" / "site" / "theme"


def _pinned() -> dict[str, str]:
    """The versions requirements.txt pins: jupyter-book, which brings the theme and extensions."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s#]+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_every_module_of_the_theme_folder_is_a_registered_patch():
    modules = {p.stem for p in THEME.glob("*.py") if p.name != "__init__.py"}
    assert modules == {m.__name__.rsplit(".", 1)[1] for m in theme.PATCHES}


@pytest.mark.parametrize("module", theme.PATCHES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_each_patch_is_headed_by_the_versions_it_checks(module):
    """The header's 'Written for:' line names exactly the packages and versions in TARGETS, and says why."""
    source = (THEME / f"{module.__name__.rsplit('.', 1)[1]}.py").read_text(encoding="utf-8")
    header = ast.get_docstring(ast.parse(source))
    assert header, "a patch starts with a header"
    [written_for] = re.findall(r"^Written for: (.+)$", header, re.M)
    named = dict(item.rsplit(" ", 1) for item in written_for.split(", "))
    assert named == module.TARGETS
    assert "\nWhy: " in header
    assert "Check after an upgrade:" in header


def test_the_installed_packages_are_those_the_patches_were_written_for():
    assert theme.mismatches() == []
    # and what is installed is what requirements.txt asks for
    assert metadata.version("jupyter-book") == _pinned()["jupyter-book"]


@pytest.fixture
def sphinx_app(tmp_path):
    """A real Sphinx application on an empty project; its warnings in app.warning."""
    apps = []

    def make(warningiserror: bool) -> SphinxTestApp:
        (tmp_path / "conf.py").write_text("", encoding="utf-8")
        (tmp_path / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
        apps.append(SphinxTestApp("html", srcdir=tmp_path, warningiserror=warningiserror))
        return apps[-1]

    yield make
    for app in apps:
        app.cleanup()


def _upgraded(package: str, installed: str | None):
    """What importlib.metadata finds, but `installed` for `package`."""
    real = theme.installed_version

    def version(name: str) -> str | None:
        return installed if name == package else real(name)

    return version


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_a_newer_theme_gives_one_warning_naming_each_patch_and_what_to_do(sphinx_app, monkeypatch):
    app = sphinx_app(warningiserror=False)
    monkeypatch.setattr(theme, "installed_version", _upgraded("pydata-sphinx-theme", "0.18.0"))
    theme.install(app)
    text = app.warning.getvalue()
    assert text.count("WARNING") == 1
    patches = [m for m in theme.PATCHES if "pydata-sphinx-theme" in m.TARGETS]
    assert patches, "some patch targets the theme"
    for module in patches:
        written_for = module.TARGETS["pydata-sphinx-theme"]
        line = f"{theme.patch_file(module)}: written for pydata-sphinx-theme {written_for}, but 0.18.0 is installed"
        assert line in text
    assert "parallel.py" not in text  # a patch that does not touch the theme is not named
    assert "still does its job" in text and "update its header" in text


def test_a_missing_package_is_named_too(sphinx_app):
    app = sphinx_app(warningiserror=False)
    theme.check_versions(version=_upgraded("sphinx-external-toc", None))
    assert "start_page.py: written for sphinx-external-toc 1.1.0, but it is not installed" in app.warning.getvalue()


def test_with_warnings_as_errors_a_mismatch_stops_the_build(sphinx_app):
    sphinx_app(warningiserror=True)
    with pytest.raises(
        SphinxWarning, match=re.escape("head.py: written for sphinx-togglebutton 0.4.5, but 0.5.0 is installed")
    ):
        theme.check_versions(version=_upgraded("sphinx-togglebutton", "0.5.0"))


def test_matching_versions_give_no_warning(sphinx_app):
    app = sphinx_app(warningiserror=True)
    theme.check_versions()
    assert app.warning.getvalue() == ""

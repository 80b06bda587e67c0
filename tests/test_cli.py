"""The command line answers a user's mistake with one clear line, never a traceback; and every make
target that runs one of the course's tools has a command of the same name."""

from __future__ import annotations

import re
import socket

import pytest

from support import ROOT, copy_course, run_main
from welcome_course.__main__ import main

# the make targets that only set up environments (or delete _build): no command of their own
MAKE_ONLY = {"test", "test-fast", "lab", "benchmark", "clean"}


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got:\n{text}"
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def busy_port():
    """A port on 127.0.0.1 that another program listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_serve_on_a_port_in_use_says_so_and_suggests_a_free_one(tmp_path, busy_port, capsys):
    (tmp_path / "index.html").write_text("<!doctype html><title>A book</title>", encoding="utf-8")
    assert main(["serve", "--folder", str(tmp_path), "--port", str(busy_port)]) == 1
    printed = capsys.readouterr()
    line = one_line(printed.err)
    assert f"port {busy_port} is already in use" in line
    suggested = int(re.search(r"--port (\d+)", line).group(1))
    assert suggested != busy_port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:  # the port suggested is free
        probe.bind(("127.0.0.1", suggested))
    assert "Serving" not in printed.out


def test_preview_on_a_port_in_use_says_so_before_building(monkeypatch, capsys, busy_port):
    code, out, err = run_main(monkeypatch, capsys, ROOT, "preview", "--port", str(busy_port))
    assert code == 1
    line = one_line(err)
    assert line.startswith("Cannot preview the book: ") and f"port {busy_port} is already in use" in line
    assert "--port" in line
    assert out == ""


@pytest.mark.parametrize("command", ["serve", "preview"])
@pytest.mark.parametrize(
    "port, says",
    [
        ("99999", "must be from 1 to 65535, not 99999"),
        ("0", "must be from 1 to 65535, not 0"),
        ("-1", "must be from 1 to 65535, not -1"),
        ("eighty", "must be a whole number from 1 to 65535, not 'eighty'"),
    ],
)
def test_a_port_out_of_range_is_refused_with_a_clear_message(command, port, says, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([command, "--port", port])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --port: {says}" in err
    assert "Traceback" not in err


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
@pytest.mark.parametrize("command", ["execute", "notebooks"])
def test_running_a_notebook_that_does_not_exist_says_so(command, monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, ROOT, command, "book/no-such.ipynb")
    assert code == 1
    assert one_line(err) == "Cannot run the notebooks: book/no-such.ipynb does not exist."
    assert "running" not in out


def test_running_a_file_that_is_not_a_notebook_says_so(monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, ROOT, "execute", "book/intro.md")
    assert code == 1
    assert one_line(err) == "Cannot run the notebooks: book/intro.md is not a notebook (a .ipynb file)."


@pytest.mark.parametrize("command", ["export", "worksheets"])
@pytest.mark.parametrize("below", ["", "sub"])
def test_an_output_folder_that_is_a_file_is_one_line(command, below, tmp_path, monkeypatch, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    out_folder = a_file / below if below else a_file
    extra = ["--no-pdf"] if command == "worksheets" else []
    code, out, err = run_main(monkeypatch, capsys, ROOT, command, "step-01", "--out", out_folder, *extra)
    assert code == 1
    line = one_line(err)
    assert f"{a_file} is a file, not a folder; choose another folder with --out" in line
    assert out == ""  # nothing announced that was not done


@pytest.mark.slow  # over 0.15 s: make test runs it, make test-fast does not
@pytest.mark.parametrize("command", ["build", "book"])
def test_build_when_build_folder_cannot_be_written_is_one_line(command, tmp_path, monkeypatch, capsys):
    root = copy_course(tmp_path / "course")
    (root / "_build").write_text("a file where the build folder goes", encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsys, root, command)
    assert code == 1
    assert one_line(err) == (
        f"Cannot build the book into {root / '_build' / 'html'}: "
        f"{root / '_build'} is a file, not a folder: move it away or delete it."
    )
    assert "Reading" not in out


def make_targets() -> dict[str, str | None]:
    """Each .PHONY target of the Makefile, with the welcome_course command its recipe runs (or None)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", text, re.M).group(1).split()
    targets = {}
    for name in phony:
        recipe = re.search(rf"^{re.escape(name)}:.*\n((?:\t.*\n?)*)", text, re.M)
        assert recipe, f"no rule for {name}"
        command = re.search(r"-m welcome_course ([\w-]+)", recipe.group(1))
        targets[name] = command.group(1) if command else None
    return targets


def help_text(command: str, capsys) -> str:
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"])
    assert stopped.value.code == 0
    return capsys.readouterr().out


@pytest.mark.slow  # about a tenth of a second or more: make test runs it, make test-fast does not
def test_every_make_target_that_runs_a_tool_is_a_command_of_the_same_name(capsys):
    targets = make_targets()
    assert {"book", "notebooks", "check", "serve", "export", "worksheets"} <= set(targets)
    for name, runs in targets.items():
        if name in MAKE_ONLY:
            assert runs is None, f"make {name} runs 'welcome_course {runs}': it is not make-only"
            with pytest.raises(SystemExit):  # and there is no such command
                main([name])
            assert "invalid choice" in capsys.readouterr().err
        else:
            assert runs, f"make {name} runs none of the course's commands, and is not in MAKE_ONLY"
            # the command of the target's name is the one its recipe runs (the same help)
            assert help_text(name, capsys) == help_text(runs, capsys)


def _paragraph(text: str, words: str) -> str:
    joined = " ".join(text.split())
    return next(sentence for sentence in re.split(r"(?<=\.) (?=`?[A-Z`])", joined) if words in sentence)


@pytest.mark.parametrize("page", ["README.md", "book/instructors.md"])
def test_the_guides_say_which_make_targets_are_commands_and_which_are_make_only(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    targets = make_targets()
    make_only = _paragraph(text, "are make targets only")
    assert set(re.findall(r"`make ([\w-]+)`", make_only)) == MAKE_ONLY
    commands = _paragraph(text, "the command of the same name")
    assert set(re.findall(r"`make ([\w-]+)`", commands)) == {name for name in targets if name not in MAKE_ONLY}
    assert "Every command is also" not in text

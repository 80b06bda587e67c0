"""Running `python -m welcome_course …` inside the test process: as the command line does,
without the cost of starting Python (the tests that must prove the real command line run it
as a subprocess)."""

from __future__ import annotations

from pathlib import Path

from welcome_course.__main__ import main
from welcome_course.content.course import ROOT_ENV


def run_main(monkeypatch, capsys, root: Path, *args: str) -> tuple[int, str, str]:
    """(exit code, standard output, standard error) of the command run in the course folder `root`."""
    monkeypatch.chdir(root)
    monkeypatch.delenv(ROOT_ENV, raising=False)
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err

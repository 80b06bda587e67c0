"""End to end in JupyterLab: a teacher opens a chapter, runs it, answers the quiz.

The widget tests (test_rendering.py) click ipywidgets in Python; this one checks
what Binder or a school JupyterHub gives a teacher: a real JupyterLab server, the
chapter notebook opened in a real browser, every cell run from the Run menu, the
quiz drawn by JupyterLab's widget manager (jupyterlab_widgets), an answer clicked,
the feedback read on the page and the answer found in the progress file; then the
kernel restarted from the Kernel menu and every cell run again: the answer, its
feedback and the score are shown again, from the progress file.

JupyterLab runs from an environment of its own (.venv-lab, made by `make test` from
tests/jupyterlab-requirements.txt), as on a hub; the notebook's kernel is the course's
environment, this Python, named in a kernel spec the server finds first.
The server gets its own throwaway Jupyter, IPython and JupyterLab folders, so the
developer's own settings, kernels and workspaces are neither read nor touched, and
JupyterLab's features that call outside hosts (news, update check, the extension
manager's PyPI listing) are switched off. No request may leave 127.0.0.1: the
browser's requests are recorded by Playwright, and the server's and the kernel's
own connections by a Python audit hook (see GUARD).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import ROOT, GuardedPage, copy_course
from welcome_course.content.course import load_course
from welcome_course.progress.record import checked

pytestmark = [pytest.mark.browser, pytest.mark.build]  # JupyterLab in Chromium, running a kernel

LAB_PYTHON = ROOT / ".venv-lab" / "bin" / "python"
TOKEN = "welcome-course-test-token"
WIDGET_MANAGER = "@jupyter-widgets/jupyterlab-manager"
CHAPTER = "step-01"
START_TIMEOUT = 60  # seconds for the server to answer
UI_TIMEOUT = 30_000  # milliseconds for JupyterLab, the kernel and the widgets to show something

# Loaded by every Python process of the server (the server itself, the kernel) through
# PYTHONPATH: writes each connection or name lookup to a host other than this machine to
# the file in WELCOME_COURSE_TEST_OUTSIDE_LOG.
GUARD = """
import ipaddress, os, sys

_LOG = os.environ.get("WELCOME_COURSE_TEST_OUTSIDE_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _local(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str) or host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard(event, args):
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else None  # AF_UNIX: a path
    elif event == "socket.getaddrinfo":
        host = args[0]
    else:
        return
    if not _local(host):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {event} {host!r}\\n")


if _LOG:
    sys.addaudithook(_guard)
"""

# Server settings: listen on 127.0.0.1 only, and no feature that calls outside hosts.
SERVER_CONFIG = {
    "ServerApp": {
        "ip": "127.0.0.1",
        "open_browser": False,
        "port_retries": 0,
        "allow_root": True,
    },  # CI and Binder-like containers may run as root
    "IdentityProvider": {"token": TOKEN},
    "LabApp": {
        "news_url": None,  # default: the JupyterLab announcements feed on github.io
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",  # default: asks pypi.org
        "extension_manager": "readonly",  # default "pypi": lists and searches pypi.org
    },
    # jupyter-lsp looks for language servers (running `npm prefix --global`, which logs to ~/.npm)
    "LanguageServerManager": {"autodetect": False},
}
# JupyterLab's own settings (the browser side) to match: no news or update notices asked for.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status


def _read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


class LabServer:
    def __init__(self, process: subprocess.Popen, url: str, course: Path, progress: Path, outside_log: Path, log: Path):
        self.process = process
        self.url = url
        self.course = course
        self.progress = progress
        self.outside_log = outside_log
        self.log = log

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def outside_connections(self) -> list[str]:
        return self.outside_log.read_text(encoding="utf-8").splitlines() if self.outside_log.exists() else []


@pytest.fixture
def jupyterlab(tmp_path):
    if not LAB_PYTHON.is_file():
        pytest.fail(
            f"JupyterLab's environment {LAB_PYTHON.parent.parent} is missing: 'make test' makes it "
            "(or: python3 -m venv .venv-lab && .venv-lab/bin/pip install -r tests/jupyterlab-requirements.txt)"
        )
    for module in ("jupyterlab", "jupyterlab_widgets"):
        found = subprocess.run([str(LAB_PYTHON), "-c", f"import {module}"], capture_output=True)
        if found.returncode != 0:
            pytest.fail(
                f"{module} is missing from {LAB_PYTHON.parent.parent}: pip install -r tests/jupyterlab-requirements.txt"
            )

    course = copy_course(tmp_path / "course")
    progress = tmp_path / "learner" / "progress.json"
    outside_log = tmp_path / "outside-connections.log"
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    config = tmp_path / "jupyter-config"
    (config / "labconfig").mkdir(parents=True)
    (config / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG), encoding="utf-8")
    (config / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(LAB_SETTINGS), encoding="utf-8")
    # The kernel: the course's environment (this Python), found before any kernel of JupyterLab's own.
    # It imports the course copy's own package (first on its path), whichever checkout the
    # environment's editable install points to: the code under test is the code of this checkout.
    kernel = tmp_path / "jupyter-data" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
                "metadata": {"debugger": True},
                "env": {"PYTHONPATH": f"{guard}{os.pathsep}{course}"},
            }
        ),
        encoding="utf-8",
    )

    # Nothing of the developer's environment that would point the server or the course elsewhere.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("WELCOME_COURSE_", "JUPYTER", "IPYTHON", "PYTHONPATH"))
    }
    env.update(
        {
            "WELCOME_COURSE_PROGRESS": str(progress),
            "WELCOME_COURSE_TEST_OUTSIDE_LOG": str(outside_log),
            "PYTHONPATH": str(guard),
            "JUPYTER_CONFIG_DIR": str(config),
            "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data"),
            "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-user-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces"),
            "IPYTHONDIR": str(tmp_path / "ipython"),
            "JUPYTER_PLATFORM_DIRS": "1",
            # the kernel spec above before the one in JupyterLab's environment (Jupyter prefers an
            # environment's own folders when it runs in a virtual environment)
            "JUPYTER_PREFER_ENV_PATH": "0",
            "PATH": f"{LAB_PYTHON.parent}{os.pathsep}{os.environ.get('PATH', '')}",  # JupyterLab's own tools
        }
    )
    port = _free_port()
    log = tmp_path / "jupyterlab.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(LAB_PYTHON), "-m", "jupyterlab", f"--ServerApp.port={port}", f"--ServerApp.root_dir={course}"],
            cwd=course,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, ended whole at teardown
        )
    url = f"http://127.0.0.1:{port}/"
    server = LabServer(process, url, course, progress, outside_log, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab stopped at start (exit {process.returncode}):\n{server.log_tail()}")
            try:
                if _get(f"{url}api/status?token={TOKEN}") == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer on {url} within {START_TIMEOUT} s:\n{server.log_tail()}")
            time.sleep(0.2)  # polling interval, bounded by the deadline above
        yield server
    finally:
        _stop(server)


def _stop(server: LabServer) -> None:
    """Ask the server to shut down, which stops its kernels; end its process group if it does not
    (a kernel left behind stops by itself once the server is gone: ipykernel watches its parent)."""
    process = server.process
    if process.poll() is None:
        try:
            request = urllib.request.Request(
                f"{server.url}api/shutdown", method="POST", headers={"Authorization": f"token {TOKEN}"}
            )
            urllib.request.urlopen(request, timeout=10).close()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    # Whatever the server left behind in its own process group (a kernel that would not stop).
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if process.poll() is None:
        process.wait(timeout=10)


def run_all(page) -> None:
    page.get_by_role("menubar").get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menu").get_by_role("menuitem", name="Run All Cells", exact=True).click()


def test_a_teacher_answers_the_quiz_in_jupyterlab_and_finds_it_again_after_a_restart(jupyterlab, chromium):
    from playwright.sync_api import expect  # imported here, not at the top: `make test-fast` collects this file too

    course = load_course(jupyterlab.course)
    ui = course.interface
    question = course.chapter(CHAPTER).questions[0]
    right = next(o for o in question.options if o.correct)
    assert question.kind == "single_choice", "this test clicks a radio button: the first question must be single choice"

    # ipywidgets' JupyterLab extension is among those the page loads (else only static HTML would show).
    assert WIDGET_MANAGER in _read(f"{jupyterlab.url}lab?token={TOKEN}"), (
        f"JupyterLab does not load {WIDGET_MANAGER} (from jupyterlab_widgets, which ipywidgets 8 installs)"
    )

    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab = GuardedPage(context)  # aborts and records requests to hosts other than 127.0.0.1
        page = tab.page
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.set_default_timeout(UI_TIMEOUT)

        page.goto(f"{jupyterlab.url}lab/tree/book/{CHAPTER}.ipynb?token={TOKEN}")
        notebook = page.locator(".jp-NotebookPanel")
        expect(notebook).to_be_visible(timeout=UI_TIMEOUT)
        # The status bar says the notebook's kernel has started and waits: "Python 3 (ipykernel) | Idle".
        kernel_status = page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$"))
        expect(kernel_status).to_be_visible(timeout=UI_TIMEOUT)

        # Before it runs, the notebook says how to run it, and shows no answer and no button.
        expect(notebook.get_by_text(ui["before_run_first"])).to_be_visible(timeout=UI_TIMEOUT)
        for option in question.options:
            expect(notebook.get_by_text(option.feedback)).to_have_count(0)
        expect(notebook.locator(".jp-OutputArea").get_by_role("button")).to_have_count(0)

        run_all(page)

        # The live widget (not the static HTML saved in the notebook): its boxes carry wc-live.
        box = notebook.locator(".wc-live", has_text=question.prompt)
        expect(box).to_be_visible(timeout=UI_TIMEOUT)
        box.get_by_role("radio", name=right.text).check()
        box.get_by_role("button", name=ui["check"]).click()

        expect(box).to_contain_text(f"\u2713 {ui['correct']}", timeout=UI_TIMEOUT)
        expect(box).to_contain_text(f"{right.text}: {right.feedback}", timeout=UI_TIMEOUT)
        score = ui["score"].format(correct=1, total=len(course.chapter(CHAPTER).questions))
        # The score is redrawn after the answer is saved: once it shows, the file is written.
        expect(notebook.get_by_text(score)).to_be_visible(timeout=UI_TIMEOUT)

        assert jupyterlab.progress.exists(), f"no progress file at {jupyterlab.progress}"
        record = checked(json.loads(jupyterlab.progress.read_text(encoding="utf-8")))
        key = f"{CHAPTER}/{question.id}"
        assert list(record["answers"]) == [key]
        [attempt] = record["answers"][key]
        assert attempt["chosen"] == [right.id]
        assert attempt["correct"] is True

        # Kernel ▸ Restart Kernel…, confirmed; then Run ▸ Run All Cells again.
        page.get_by_role("menubar").get_by_role("menuitem", name="Kernel", exact=True).click()
        page.get_by_role("menu").get_by_role("menuitem", name=re.compile(r"^Restart Kernel…")).click()
        page.get_by_role("button", name="Confirm Kernel Restart", exact=True).click()  # the dialog's "Restart"
        expect(page.locator(".jp-Dialog")).to_have_count(0)
        expect(kernel_status).to_be_visible(timeout=UI_TIMEOUT)
        answered = jupyterlab.progress.read_bytes()
        run_all(page)
        box = notebook.locator(".wc-live", has_text=question.prompt)
        expect(box).to_have_count(1, timeout=UI_TIMEOUT)
        expect(box.get_by_role("radio", name=right.text)).to_be_checked(timeout=UI_TIMEOUT)
        expect(box).to_contain_text(f"\u2713 {ui['correct']}", timeout=UI_TIMEOUT)
        expect(box).to_contain_text(f"{right.text}: {right.feedback}", timeout=UI_TIMEOUT)
        expect(notebook.get_by_text(score)).to_be_visible(timeout=UI_TIMEOUT)
        assert jupyterlab.progress.read_bytes() == answered, "showing the answer again records nothing"

        assert tab.outside_requests == [], "the page asked for something outside 127.0.0.1"
        assert tab.errors == [], "JupyterLab's page logged errors"
        assert all(url.startswith(jupyterlab.url.replace("http", "ws", 1)) for url in sockets), sockets
    finally:
        context.close()
    assert jupyterlab.outside_connections() == [], "the server or the kernel reached for a host outside this machine"

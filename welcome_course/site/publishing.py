"""Where the course is published: one setting, `repository: url:` in _config.yml, and what follows from it.

The setting names the Git repository that holds the published copy of the course. From it (and
`repository: branch:`) come:
- the book's Binder, JupyterHub and repository buttons, which Jupyter Book's theme builds itself
  (Binder: BINDERHUB/v2/gh/OWNER/NAME/BRANCH?urlpath=lab/tree/book/step-01.ipynb; JupyterHub, through
  nbgitpuller: HUB/hub/user-redirect/git-pull?repo=URL&urlpath=lab/tree/NAME/book/step-01.ipynb&branch=BRANCH,
  once `launch_buttons: jupyterhub_url:` names the hub);
- the one command with which a chapter opened on its own installs the course (authoring/standalone.py).

As the course is shipped, the setting holds PLACEHOLDER_URL. Until someone replaces it, `check`
warns (checks/pipeline.py), the book shows no Binder, JupyterHub or repository button
(site/theme/launch.py), and a chapter opened on its own says to open it from a copy of the whole
course. An address the book's theme cannot use, or one that could not go safely into a command, is
a problem that stops the book, with a message saying what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.problems import Problem

CONFIG = "_config.yml"
PLACEHOLDER_URL = "https://github.com/OWNER/REPOSITORY"
PROJECT = "welcome-course"  # the course's package as pip knows it: [project] name in pyproject.toml
# The theme names the Binder and repository buttons' provider after the address's host, and stops
# the build for any other host (sphinx_book_theme.header_buttons.update_context_with_repository_info).
PROVIDERS = ("github", "gitlab", "bitbucket")
# An address and a branch as they may appear in a command a learner runs: no space, quote or
# character a shell or pip would read as something else.
URL_PATTERN = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~-]+){2,}/?")
BRANCH_PATTERN = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")
HUB_PATTERN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~-]+)*/?")


@dataclass(frozen=True)
class Publication:
    """The publishing settings of _config.yml, as the course uses them."""

    url: str  # the repository's address as written, "" when missing
    branch: str
    jupyterhub_url: str
    binderhub_url: str
    lines: dict[str, int]  # the line of each setting in _config.yml, for messages ("repository.url": 32)

    @property
    def placeholder(self) -> bool:
        """True while the address is the placeholder the course is shipped with."""
        return self.url.rstrip("/") == PLACEHOLDER_URL

    @property
    def published(self) -> bool:
        """True when the address is real and usable: the launch buttons and the install command use it."""
        return bool(self.url) and not self.placeholder and not _repository_problems(self)

    def install_command(self) -> str | None:
        """What a learner runs in a notebook cell to install the course from the published repository:
        an editable install, so that the package finds the course's files (data/) in the folder pip
        checks the repository out into. None while the course is not published."""
        if not self.published:
            return None
        return f'%pip install -q -e "git+{self.url.rstrip("/")}@{self.branch}#egg={PROJECT}"'


def is_placeholder(url: str | None) -> bool:
    """True for the placeholder, and for no address at all: nothing a button could lead to."""
    return not (url or "").strip() or (url or "").strip().rstrip("/") == PLACEHOLDER_URL


def _setting_lines(text: str) -> dict[str, int]:
    """The line of each setting of interest, from the YAML's nodes ("repository.url": line)."""
    lines: dict[str, int] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if key.value in ("repository", "launch_buttons") and isinstance(value, yaml.MappingNode):
            for inner_key, inner_value in value.value:
                lines[f"{key.value}.{inner_key.value}"] = inner_value.start_mark.line + 1
    return lines


def publication(root: Path) -> Publication:
    """The publishing settings of the course in `root`; an unreadable _config.yml counts as unpublished
    (the build reports it)."""
    try:
        text = (Path(root) / CONFIG).read_text(encoding="utf-8")
        config = yaml.safe_load(text) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        text, config = "", {}
    repository = config.get("repository") if isinstance(config, dict) else None
    launch = config.get("launch_buttons") if isinstance(config, dict) else None
    repository = repository if isinstance(repository, dict) else {}
    launch = launch if isinstance(launch, dict) else {}

    def setting(block: dict, key: str, default: str = "") -> str:
        value = block.get(key, default)
        return "" if value is None else str(value).strip()

    return Publication(
        url=setting(repository, "url"),
        branch=setting(repository, "branch", "main") or "main",
        jupyterhub_url=setting(launch, "jupyterhub_url"),
        binderhub_url=setting(launch, "binderhub_url"),
        lines=_setting_lines(text),
    )


def _problem(publication: Publication, setting: str, message: str) -> Problem:
    block, field = setting.split(".")
    return Problem(CONFIG, block, field, message, publication.lines.get(setting))


def _repository_problems(publication: Publication) -> list[Problem]:
    """What is wrong with a real address or its branch; nothing while the address is the placeholder."""
    if publication.placeholder:
        return []
    found, url = [], publication.url
    if not url and "repository.url" in publication.lines:  # written, but empty: Jupyter Book would stop on it
        found.append(
            _problem(
                publication,
                "repository.url",
                "is empty: write the address of the repository that "
                f"holds your copy of the course, or keep the placeholder {PLACEHOLDER_URL} until there is one",
            )
        )
    elif url and not URL_PATTERN.fullmatch(url):
        found.append(
            _problem(
                publication,
                "repository.url",
                f"'{url}' is not the address of a repository: write it "
                "as https://github.com/OWNER/NAME (or the same on gitlab.com or bitbucket.org)",
            )
        )
    elif url and not any(provider in url.split("/")[2].lower() for provider in PROVIDERS):
        found.append(
            _problem(
                publication,
                "repository.url",
                f"'{url}' is on a host the book's theme cannot make "
                "buttons for: publish the course on GitHub, GitLab or Bitbucket",
            )
        )
    if url and not BRANCH_PATTERN.fullmatch(publication.branch):
        found.append(
            _problem(publication, "repository.branch", f"'{publication.branch}' is not a branch name (e.g. main)")
        )
    return found


def address_problems(publication: Publication) -> list[Problem]:
    """What is wrong with a real address, its branch, or the JupyterHub's address."""
    found = _repository_problems(publication)
    hub = publication.jupyterhub_url
    if hub and not HUB_PATTERN.fullmatch(hub):
        found.append(
            _problem(
                publication,
                "launch_buttons.jupyterhub_url",
                f"'{hub}' is not the address of a JupyterHub: write it as https://hub.example.org, or \"\" for none",
            )
        )
    return found


def publishing_warnings(publication: Publication) -> list[Problem]:
    """While the address is the placeholder: one warning saying what the book leaves out and what to set."""
    if not publication.placeholder:
        return []
    hidden = (
        "Binder, JupyterHub and repository buttons" if publication.jupyterhub_url else "Binder and repository buttons"
    )
    return [
        Problem(
            CONFIG,
            "repository",
            "url",
            f"does not say yet where the course is published, so the book shows no {hidden}, and a "
            "chapter opened on its own cannot say how to install the course: set it to the address of "
            "the repository that holds your copy (e.g. https://github.com/OWNER/NAME), then run "
            "'python -m welcome_course execute' (make notebooks) to write it into the notebooks",
            publication.lines.get("repository.url"),
        )
    ]

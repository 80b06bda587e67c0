"""Every patch the course makes to other packages: the book theme, its extensions, Sphinx internals.

Each module here reaches into another package's files, markup, hooks or
internal classes, so it is only known to work with the versions it was written
for. Each starts with a header naming those versions ("Written for: …"), why
the patch exists and what to check after an upgrade, and holds the same
versions in TARGETS, which `check_versions` compares with what is installed:

- parallel.py    sphinx-multitoc-numbering declared safe for parallel reading
- head.py        the theme's scripts deferred, pygments.css left out of pages without code
- start_page.py  the index.html that replaces sphinx-external-toc's bare redirect
- book_menu.py   the theme's left-hand menu built once per folder, not once per page
- assets.py      the theme's style sheets, icon script and fonts cut down after the build
- layout.py      the theme's templates the course replaces (templates/)
- launch.py      no launch or repository button while _config.yml's repository.url is the placeholder;
                 a translation's pages launch the notebook in their language
- languages.py   each language built in one process gets its own theme words (Sphinx's catalogue cache)
- autobuild.py   `make preview` rebuilds in its own warm process (sphinx-autobuild's builder)

`install(app)`, called by the course's extension (site/extension.py) in its
setup(), checks the versions and connects every patch. An upgrade that changes
a version the patches were written for gives one Sphinx warning (with -W, as
`python -m welcome_course build` runs, the build fails): check that each patch
it names still does its job, then update that patch's header and TARGETS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from sphinx.util import logging

from . import assets, autobuild, book_menu, head, languages, launch, layout, parallel, start_page

PATCHES = (parallel, head, start_page, book_menu, assets, layout, launch, languages, autobuild)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mismatch:
    patch: str  # the module, e.g. "welcome_course/site/theme/head.py"
    package: str
    written_for: str
    installed: str | None  # None: not installed


def patch_file(module) -> str:
    return module.__name__.replace(".", "/") + ".py"


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def mismatches(patches=PATCHES, version: Callable[[str], str | None] | None = None) -> list[Mismatch]:
    """Each (patch, package) whose installed version (`version(package)`, by default what
    importlib.metadata finds) is not the one the patch was written for."""
    version = version or installed_version
    found = []
    for module in patches:
        for package, written_for in module.TARGETS.items():
            installed = version(package)
            if installed != written_for:
                found.append(Mismatch(patch_file(module), package, written_for, installed))
    return found


def mismatch_message(found: list[Mismatch]) -> str:
    """One message for all mismatches: which patch, which package, written for what, what is installed,
    and what to do."""
    lines = ["the course's patches to other packages were written for other versions than those installed:"]
    for m in found:
        now = f"{m.installed} is installed" if m.installed else "it is not installed"
        lines.append(f"  - {m.patch}: written for {m.package} {m.written_for}, but {now}")
    lines.append(
        "Check that each patch named above still does its job with the installed version (its header "
        "says what to check), then update its header ('Written for:') and TARGETS to that version; "
        "or install the versions in requirements.txt."
    )
    return "\n".join(lines)


def check_versions(patches=PATCHES, version: Callable[[str], str | None] | None = None) -> None:
    """Warn once (a Sphinx warning: with -W the build fails) if any patch meets another version."""
    found = mismatches(patches, version)
    if found:
        logger.warning(mismatch_message(found), type="welcome-course", subtype="theme-patch")


def install(app) -> None:
    """Check the versions, then connect every patch to the build."""
    check_versions()
    for module in PATCHES:
        module.connect(app)

"""The built book holds the pages of this build and nothing else.

Sphinx never deletes what an earlier build wrote, and with --keep-going it writes a page even when
reading it failed. Two hooks (connected by extension.py) keep the output honest:

- a page taken out of _toc.yml disappears at the next build: every page (.html), copied source
  (_sources/), image (_images/) and download (_downloads/) that no document of this build owns is
  removed, so the folder holds exactly the pages of _toc.yml plus Sphinx's own (index.html,
  search.html, genindex.html, _static/). Sphinx itself drops such pages from the search index.
- a notebook page whose code cell failed (notebook_outputs.CellError, which fails the build) is
  removed from the output instead of being left with the notebook's stored "run this notebook"
  words in place of its activities, and it is read again at the next build, even when no file it
  depends on changed.
"""

from __future__ import annotations

from pathlib import Path

FAILED = "welcome_course_failed_pages"  # attribute of Sphinx's environment: the docnames whose cell failed
SPHINX_PAGES = ("index", "search", "genindex")  # index: theme/start_page.py; the others: Sphinx's


def failed_pages(env) -> set[str]:
    """The pages of this environment whose notebook cell failed (kept in the pickled environment)."""
    if not isinstance(getattr(env, FAILED, None), set):
        setattr(env, FAILED, set())
    return getattr(env, FAILED)


def note_failed_page(app, docname: str) -> None:
    failed_pages(app.env).add(docname)


def _purge(app, env, docname: str) -> None:  # the page is read again, or was removed
    failed_pages(env).discard(docname)


def _merge(app, env, docnames, other) -> None:  # parallel reading: what the other process noted
    failed_pages(env).update(failed_pages(other) & set(docnames))


def _read_failed_again(app, env, added, changed, removed) -> list[str]:
    return sorted((failed_pages(env) & env.found_docs) - set(removed))


def expected_files(app) -> dict[str, set[str]]:
    """Per folder of the output ("" for the pages), the files this build's documents own."""
    builder, env, config = app.builder, app.env, app.config
    pages = {builder.get_target_uri(doc) for doc in env.all_docs}
    pages |= {f"{name}{builder.out_suffix}" for name in SPHINX_PAGES}
    pages |= {f"{name}{builder.out_suffix}" for name in config.html_additional_pages}
    pages |= {f"{index[0]}{builder.out_suffix}" for index in getattr(builder, "domain_indices", [])}
    for extra in config.html_extra_path:  # files copied as they are: kept
        folder = Path(app.confdir or app.srcdir, extra)
        pages |= {p.relative_to(folder).as_posix() for p in folder.rglob("*")} if folder.is_dir() else {folder.name}
    sources = set()
    if config.html_copy_source:
        for doc in env.all_docs:
            name = doc + env.doc2path(doc, False)[len(doc) :]
            if not name.endswith(config.html_sourcelink_suffix):
                name += config.html_sourcelink_suffix
            sources.add(name)
    return {
        "": pages,
        "_sources": sources,
        "_images": {dest for _, dest in env.images.values()},
        "_downloads": {dest for _, dest in env.dlfiles.values()},
    }


def _remove(path: Path, top: Path) -> None:
    path.unlink()
    for folder in path.parents:  # folders left empty
        if folder == top or not folder.is_relative_to(top) or any(folder.iterdir()):
            break
        folder.rmdir()


def remove_stale_output(app, exception) -> None:
    """After an html build: remove what no document of this build owns, and the pages whose cell failed."""
    if app.builder.name != "html":  # page names below are the html builder's (not dirhtml's or singlehtml's)
        return
    outdir = Path(app.outdir)
    for doc in failed_pages(app.env):
        page = outdir / app.builder.get_target_uri(doc)
        if page.is_file():
            page.unlink()
    if exception is not None:
        return
    # the other languages' books, built into folders of this one's (i18n/languages.py): theirs to tidy
    languages = {code for code in str(getattr(app.config, "welcome_course_languages", "") or "").split(",") if code}
    for folder, owned in expected_files(app).items():
        top = outdir / folder
        if not top.is_dir():
            continue
        for path in sorted(top.rglob("*")):
            name = path.relative_to(top).as_posix()
            if folder == "" and (
                not path.name.endswith(app.builder.out_suffix)
                or name.startswith("_")
                or name.split("/", 1)[0] in languages
            ):
                continue  # the pages only; _static/ and the folders below are Sphinx's, fr/ is French's
            if path.is_file() and name not in owned:
                _remove(path, top)


def connect(app) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _read_failed_again)
    # after the start page (theme/start_page.py, 400) and sphinx-external-toc's (500), before the
    # theme's style sheets are cut down to the rules the pages use (theme/assets.py, 800)
    app.connect("build-finished", remove_stale_output, priority=700)

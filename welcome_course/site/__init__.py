"""The hosted book: the course's part of the Jupyter Book build, and serving it locally.

- extension.py the Sphinx extension named in _config.yml (checks the content before building,
               makes pages depend on their content files, adds the course's scripts and styles)
- building.py  the `build` command: Jupyter Book's build with a line per stage, a summary and every
               warning; nothing of a failed build reused
- minify.py    the course's own scripts and style sheets minified in the built book
- output.py    the built book holds this build's pages only (none out of _toc.yml, none whose cell failed)
- serving.py   serving the built book on 127.0.0.1, compressed as static hosts send it; port problems
- theme/       every patch to another package (the theme, Sphinx, sphinx-external-toc, ...),
               each naming the version it was written for
"""

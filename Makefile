# Two commands do everything (see README.md):
#   make book        builds the hosted book into _build/html
#   make test        runs every test (some 4 to 5 minutes)
# and one is for the edit loop:
#   make test-fast   runs the unit tests only, in seconds: no book build, no notebooks, no browser
# All create a virtual environment in .venv and install what is needed.

PYTHON ?= python3
VENV := .venv
BINDER_VENV := .venv-binder
PY := $(VENV)/bin/python

.PHONY: book test test-fast check notebooks serve preview lab export worksheets benchmark clean translations

book: $(VENV)/.course-installed
	$(PY) -m welcome_course build

# ruff first (lint and format, settings in pyproject.toml): seconds, and it names the line to mend
LINTED := welcome_course tests tools benchmarks/run.py

test: $(VENV)/.tests-installed .venv-lab/.installed $(BINDER_VENV)/.installed
	bash tools/install-system-packages.sh
	$(MAKE) --no-print-directory tests/gift/node_modules/.package-lock.json tests/quality/node_modules/.package-lock.json
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(PY) -m pytest

# the tests marked neither browser, build nor slow (markers: pyproject.toml), and no nbval
# (node and gift-pegjs are needed: the GIFT export is read back by an independent parser)
test-fast: $(VENV)/.tests-installed
	bash tools/install-system-packages.sh
	$(MAKE) --no-print-directory tests/gift/node_modules/.package-lock.json
	$(VENV)/bin/ruff check $(LINTED)
	$(PY) -m pytest -o addopts="" -p no:nbval -p no:cacheprovider --strict-markers \
		-m "not browser and not build and not slow" tests

# build, rebuild, test-suite, page-weight, quiz and Lighthouse figures: benchmarks/latest.md
benchmark: $(VENV)/.tests-installed .venv-lab/.installed $(BINDER_VENV)/.installed
	bash tools/install-system-packages.sh
	$(MAKE) --no-print-directory tests/gift/node_modules/.package-lock.json tests/quality/node_modules/.package-lock.json benchmarks/node_modules/.package-lock.json
	$(PY) benchmarks/run.py

check: $(VENV)/.course-installed
	$(PY) -m welcome_course check

# create or update the translation catalogues (data/locales/LANG/LC_MESSAGES/*.po) of every language
# there and in _config.yml's languages; one language: make translations LANGS=it
translations: $(VENV)/.course-installed
	$(PY) -m welcome_course translations update $(LANGS)

notebooks: $(VENV)/.course-installed
	$(PY) -m welcome_course execute

serve: $(VENV)/.course-installed
	$(PY) -m welcome_course serve

# edit, save, see: the book rebuilt and the open page reloaded at every save (http://127.0.0.1:8000/)
preview: $(VENV)/.course-installed
	$(PY) -m welcome_course preview $(if $(LANGS),--language $(firstword $(LANGS)))

# the course in JupyterLab, as on Binder: JupyterLab from .venv-lab, the notebooks' kernel from .venv
lab: $(VENV)/.course-installed .venv-lab/.installed
	$(PY) -m ipykernel install --prefix .venv-lab --name python3 --display-name "Python 3 (the course)" > /dev/null
	.venv-lab/bin/jupyter lab --ServerApp.ip=127.0.0.1

export: $(VENV)/.course-installed      # the quizzes as Moodle XML and GIFT, in _build/export (LANGS=fr: in French, in _build/export/fr)
	$(PY) -m welcome_course export $(if $(LANGS),--language $(firstword $(LANGS)))

worksheets: $(VENV)/.course-installed  # printable worksheets and answer keys, in _build/worksheets (LANGS=fr: in French)
	$(PY) -m welcome_course worksheets $(if $(LANGS),--language $(firstword $(LANGS)))

$(VENV)/.course-installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.tests-installed: $(VENV)/.course-installed tests/requirements.txt
	$(PY) -m pip install --quiet -r tests/requirements.txt
	touch $@

# JupyterLab for `make lab` and tests/test_jupyterlab.py, in an environment of its own
# (see tests/jupyterlab-requirements.txt)
.venv-lab/.installed: tests/jupyterlab-requirements.txt
	$(PYTHON) -m venv .venv-lab
	.venv-lab/bin/python -m pip install --quiet --upgrade pip
	.venv-lab/bin/python -m pip install --quiet -r tests/jupyterlab-requirements.txt
	touch $@

# The learners' environment, as Binder makes it from binder/ (binder/requirements.txt, and the kernel
# Binder provides: tests/binder-requirements.txt), for tests/test_binder.py. The stamp holds a hash of
# the files it was made from: the test refuses an environment made from other ones.
# Made with the Python version of binder/runtime.txt when this machine has it (e.g. python3.11).
BINDER_FILES := binder/requirements.txt tests/binder-requirements.txt pyproject.toml
BINDER_PYTHON := $(shell v=$$(sed -n 's/^python-\([0-9.]*\).*/\1/p' binder/runtime.txt 2>/dev/null); command -v python$$v 2>/dev/null || echo $(PYTHON))
$(BINDER_VENV)/.installed: $(BINDER_FILES)
	rm -rf $(BINDER_VENV)
	$(BINDER_PYTHON) -m venv $(BINDER_VENV)
	$(BINDER_VENV)/bin/python -m pip install --quiet -r tests/binder-requirements.txt
	cat $(BINDER_FILES) | sha256sum | cut -d' ' -f1 > $@

# gift-pegjs, the independent GIFT parser the export tests use (run by node)
tests/gift/node_modules/.package-lock.json: tests/gift/package.json tests/gift/package-lock.json
	npm ci --prefix tests/gift --no-audit --no-fund --silent

# axe-core and the Nu HTML Checker (vnu.jar), which tests/test_quality.py runs over every built page;
# --ignore-scripts: vnu-jar's install script would fetch a Java runtime, Debian's is used instead
tests/quality/node_modules/.package-lock.json: tests/quality/package.json tests/quality/package-lock.json
	npm ci --prefix tests/quality --no-audit --no-fund --silent --ignore-scripts

# Lighthouse, for the benchmarks only
benchmarks/node_modules/.package-lock.json: benchmarks/package.json benchmarks/package-lock.json
	npm ci --prefix benchmarks --no-audit --no-fund --silent --ignore-scripts

clean:
	rm -rf _build

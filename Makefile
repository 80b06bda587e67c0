# Two commands do everything (see README.md):
#   make book   builds the hosted book into _build/html
#   make test   runs every test
# Both create a virtual environment in .venv and install what is needed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: book test check notebooks serve clean

book: $(VENV)/.course-installed
	$(PY) -m welcome_course build

test: $(VENV)/.tests-installed
	bash tools/install-system-packages.sh
	$(PY) -m pytest

check: $(VENV)/.course-installed
	$(PY) -m welcome_course check

notebooks: $(VENV)/.course-installed
	$(PY) -m welcome_course execute

serve: $(VENV)/.course-installed
	$(PY) -m welcome_course serve

$(VENV)/.course-installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.tests-installed: $(VENV)/.course-installed tests/requirements.txt
	$(PY) -m pip install --quiet -r tests/requirements.txt
	touch $@

clean:
	rm -rf _build

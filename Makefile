# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
PIP    := $(BIN)/python -m pip install --quiet -c constraints.txt

.PHONY: run test lint install install-dev install-postgres system-deps constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[dev,postgres]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## The PostgreSQL driver (the `postgres` extra); SQLite needs nothing extra.
install-postgres: install
	$(PIP) -e '.[postgres]'

## System packages the tests need (Chromium for the browser test, LibreOffice for round trips).
system-deps:
	bash scripts/install-system-deps.sh

run: install
	$(BIN)/riskframe db upgrade
	$(BIN)/riskframe app --address 127.0.0.1 --port $(PORT)

## The whole suite, after the quality gates (ruff and mypy, configured in pyproject.toml).
test: install-dev system-deps
	$(BIN)/ruff check riskframe
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

## Ruff and mypy (configuration in pyproject.toml).
lint: install-dev
	$(BIN)/ruff check riskframe
	$(BIN)/mypy

## Pin what the current .venv has (after adding or upgrading a dependency and running the tests).
constraints: install-dev
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --all --exclude-editable | grep -iv '^riskframe\b'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) build dist *.egg-info riskframe/_data .pytest_cache .hypothesis

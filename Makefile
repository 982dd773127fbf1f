# Escalade — `make run` serves the LSU demo, `make test` runs the whole suite,
# `make check` (the default) is the loop to run before every commit.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Test processes (pytest-xdist): one per core here; 0 runs the tests in one process.
# Tests that share a server with fixed names run in one group (tests/conftest.py).
WORKERS ?= 2
XDIST   := -n $(WORKERS) --dist loadgroup
# Stamps: pip and the Debian packages run again only when what they install changed.
INSTALLED     := $(VENV)/.installed
INSTALLED_DEV := $(VENV)/.installed-dev
SYSTEM_DEPS   := $(VENV)/.system-deps

.DEFAULT_GOAL := check
.PHONY: check run test fast lint typecheck migrations-check install install-dev system-deps clean

## make check: ruff, mypy, migrations, then the fast tests (no browser)
check: lint typecheck migrations-check fast

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e .
	@touch $@

$(INSTALLED_DEV): pyproject.toml requirements/constraints.txt | $(BIN)/python
	@bash scripts/system-deps.sh --build
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@touch $@ $(INSTALLED)

$(SYSTEM_DEPS): scripts/system-deps.sh | $(BIN)/python
	@bash scripts/system-deps.sh
	@touch $@

install: $(INSTALLED)
install-dev: $(INSTALLED_DEV)
## system-deps: the Debian packages the tests drive (installed only when missing; needs root)
system-deps: $(SYSTEM_DEPS)

## make run: install, migrate the SQLite database, load the LSU demo, serve on :8000 with a worker
run: install
	$(BIN)/escalade migrate --noinput
	$(BIN)/escalade demo
	$(BIN)/escalade run --host $(HOST) --port $(PORT)

## make test: the whole suite (browser tests included)
test: install-dev system-deps
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

## make fast: the suite without the browser tests
fast: install-dev system-deps
	$(BIN)/python -m pytest $(XDIST) -m "not browser" -q $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install-dev
	$(BIN)/mypy

migrations-check: install-dev
	$(BIN)/escalade makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

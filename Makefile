# Escalade — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-dev system-deps lint typecheck migrations-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e .

install-dev: $(BIN)/python
	@bash scripts/system-deps.sh --build
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"

## make run: install, migrate the SQLite database, load the LSU demo, serve on :8000 with a worker
run: install
	$(BIN)/escalade migrate --noinput
	$(BIN)/escalade demo
	$(BIN)/escalade run --host $(HOST) --port $(PORT)

## system-deps: the Debian packages the tests drive (installed only when missing; needs root)
system-deps:
	@bash scripts/system-deps.sh

## make test: the whole suite
test: install-dev system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install-dev
	$(BIN)/mypy

migrations-check: install-dev
	$(BIN)/escalade makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

# Two commands for a fresh machine: `make run` (set up, initialise with a demo, serve) and
# `make test` (set up, then every gate of CI). Dependencies are pinned in requirements.lock.
# The 'spark' extra (PySpark, for --engine spark and its parity tests) is installed too.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= jejaring.db
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ACTORS ?= 300

.PHONY: setup run test check lint typecheck unit lock reset bench messages

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,spark]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	@if [ ! -f $(DB) ]; then \
	  $(BIN)/jejaring init --db sqlite:///$(DB) && \
	  $(BIN)/jejaring demo --db sqlite:///$(DB) --actors $(DEMO_ACTORS) --seed 1; \
	else \
	  $(BIN)/jejaring init --db sqlite:///$(DB); \
	  echo "Using the existing $(DB) (make reset to start again with a new demo community)."; \
	fi
	$(BIN)/jejaring serve --db sqlite:///$(DB) --host $(HOST) --port $(PORT)

reset:
	rm -f $(DB) $(DB)-wal $(DB)-shm

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest

check: test

bench: setup
	$(BIN)/python -m bench.import_customers --rows 1000000

lock:
	rm -rf /tmp/jejaring-lock && $(PYTHON) -m venv /tmp/jejaring-lock
	/tmp/jejaring-lock/bin/python -m pip install --quiet --upgrade pip
	/tmp/jejaring-lock/bin/python -m pip install --quiet -e '.[dev,spark]'
	/tmp/jejaring-lock/bin/python -m pip freeze --exclude-editable > requirements.lock

messages: setup
	$(BIN)/python -m tools.catalogues

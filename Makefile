# civiclab: one command for each everyday job. `make help` lists them.
# Every target runs from the repository root, so manage.py and pytest find
# src/civiclab and civiclab.settings without any environment set by hand.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
VENV_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.civiclab-installed
VENDOR := src/civiclab/static/vendor
HTMX := $(VENDOR)/htmx.min.js
# Charts: Vega-Lite specs built in Python, drawn in the browser by vega-embed.
VEGA := $(VENDOR)/vega.min.js $(VENDOR)/vega-lite.min.js $(VENDOR)/vega-embed.min.js
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH ?=

export DJANGO_SETTINGS_MODULE ?= civiclab.settings

.PHONY: help venv assets messages setup run test test-postgres lint lint-check bench clean

help:
	@echo "make run            set everything up, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make setup          venv + front-end assets + translations + migrations"
	@echo "make test           whole test suite on SQLite (PYTEST_ARGS='-k foo' to narrow)"
	@echo "make test-postgres  same suite on a throwaway PostgreSQL cluster"
	@echo "make lint           ruff format + ruff check --fix   (lint-check: no changes)"
	@echo "make bench          every bench/*.py (BENCH=name for one)"
	@echo "make clean          remove everything generated, except the data in var/"

# --- Python environment ------------------------------------------------------
venv: $(VENV_STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when pyproject.toml changes (or the venv is new).
$(VENV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# --- Front-end libraries (npm registry, served from our own static files) ----
assets: $(HTMX) $(VEGA)

$(NPM_STAMP): package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	touch $@

$(HTMX): $(NPM_STAMP)
	mkdir -p $(@D)
	cp node_modules/htmx.org/dist/htmx.min.js $@

# With the source map the file names, if any: collectstatic's manifest needs it.
$(VENDOR)/%.min.js: $(NPM_STAMP)
	mkdir -p $(@D)
	cp node_modules/$*/build/$*.min.js $@
	if [ -f node_modules/$*/build/$*.min.js.map ]; then cp node_modules/$*/build/$*.min.js.map $(@D)/; fi

# --- Translations (compilemessages skips .po files older than their .mo) -----
messages: $(VENV_STAMP)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity=0

# --- Running -------------------------------------------------------------------
setup: venv assets messages
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

# The task worker (imports, exports, analyses) runs beside the web server and stops with it.
run: setup
	$(MANAGE) demo --url http://$(HOST):$(PORT)
	@echo
	@echo "civiclab is served on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# --- Tests -----------------------------------------------------------------------
test: venv assets messages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: venv assets messages
	bash scripts/test-postgres $(PYTEST_ARGS)

# --- Code style ------------------------------------------------------------------
lint: $(VENV_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lint-check: $(VENV_STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

# --- Benchmarks ----------------------------------------------------------------
bench: venv
	@shopt -s nullglob; found=0; failed=(); \
	if [ -n "$(BENCH)" ]; then files=("bench/$(BENCH).py"); else files=(bench/[!_]*.py); fi; \
	for f in "$${files[@]}"; do \
	  [ -f "$$f" ] || { echo "no such benchmark: $$f" >&2; exit 2; }; \
	  found=1; echo "=== $$f"; \
	  $(PY) "$$f" || failed+=("$$f"); \
	done; \
	[ $$found = 1 ] || echo "no benchmark in bench/"; \
	if [ $${#failed[@]} -gt 0 ]; then echo "failed: $${failed[*]}" >&2; exit 1; fi

# --- Cleaning ----------------------------------------------------------------------
# var/ holds the local database and uploads: never removed here.
clean:
	rm -rf $(VENV) node_modules src/civiclab/static/vendor screenshots \
	  .pytest_cache .ruff_cache build src/*.egg-info
	find src tests bench -name __pycache__ -type d -prune -exec rm -rf {} +
	find src -path '*/locale/*' -name '*.mo' -delete

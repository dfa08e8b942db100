# One way in. `make site` and `make test` work on a fresh clone: they create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible builds: dates in the site (sitemap) come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site serve generate validate test lint fix bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)  ## validate, generate the pages and build the static site into site/
	$(BIN)/python -m generator generate
	$(BIN)/mkdocs build --strict --site-dir site.tmp || { rm -rf site.tmp; exit 1; }
	rm -rf site.old && { [ ! -d site ] || mv site site.old; } && mv site.tmp site && rm -rf site.old

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, regenerating when a YAML file changes
	$(BIN)/python -m generator generate
	$(BIN)/mkdocs serve --strict

generate: $(STAMP)  ## write the Markdown pages under docs/
	$(BIN)/python -m generator generate

validate: $(STAMP)  ## check every file in practices/ and list all problems
	$(BIN)/python -m generator validate

test: $(STAMP)  ## lint, then every test
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff and mypy --strict
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

bench: $(STAMP)  ## print how fast hostile input is refused
	$(BIN)/python bench/hostile_inputs.py

fix: $(STAMP)  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix generator tests bench
	$(BIN)/ruff format generator tests bench

clean:
	rm -rf site site.tmp site.old $(VENV) docs/index.md docs/practices docs/cities

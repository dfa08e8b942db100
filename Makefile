# One way in. `make site` and `make test` work on a fresh clone: they create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible builds: dates in the site (sitemap) come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site offline serve generate validate new schema check-links from-issue compare-zensical test lint fix bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)  ## validate, generate the pages and build the static site into site/
	$(BIN)/python -m generator generate
	$(BIN)/mkdocs build --strict --site-dir site.tmp || { rm -rf site.tmp; exit 1; }
	rm -rf site.old && { [ ! -d site ] || mv site site.old; } && mv site.tmp site && rm -rf site.old

offline: $(STAMP)  ## the offline edition: a site that works from a folder or zip, with the data files
	$(BIN)/python -m generator generate
	rm -rf site-offline && OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	$(BIN)/python -m generator pack site-offline city-climate-practices-offline.zip

serve: $(STAMP)  ## preview on http://127.0.0.1:8000/city-climate-practices/, regenerating when a YAML file changes
	$(BIN)/python -m generator generate
	$(BIN)/mkdocs serve --strict --dirty

generate: $(STAMP)  ## write the Markdown pages under docs/
	$(BIN)/python -m generator generate

validate: $(STAMP)  ## check every file in practices/ and list all problems (FORMAT=github for annotations)
	$(BIN)/python -m generator validate $(if $(FORMAT),--format $(FORMAT))

new: $(STAMP)  ## start a case study: make new [SECTOR=energy CITY=oslo TITLE="..."] (asks for what is missing)
	$(BIN)/python -m generator new $(if $(SECTOR),--sector "$(SECTOR)") $(if $(CITY),--city "$(CITY)") $(if $(TITLE),--title "$(TITLE)")

schema: $(STAMP)  ## rewrite schema/*.json from the models (after changing generator/schema/model.py)
	$(BIN)/python -m generator schema

check-links: $(STAMP)  ## check every source address; writes links-report.md and links-report.json
	$(BIN)/python -m generator check-links --out links-report.md

from-issue: $(STAMP)  ## make from-issue BODY=file.md: turn a submitted issue form into practices/<sector>/<id>.yaml
	$(BIN)/python -m generator from-issue --body "$(BODY)"

compare-zensical: site  ## build the same pages with Zensical (its own venv) and compare the page lists
	python3 -m venv .venv-zensical && .venv-zensical/bin/python -m pip install --quiet "zensical==0.0.73"
	{ cat mkdocs.yml; echo "site_dir: site-zensical"; } > .zensical.yml
	rm -rf site-zensical && .venv-zensical/bin/zensical build -f .zensical.yml
	$(BIN)/python -m generator compare-pages site site-zensical

test: $(STAMP)  ## lint, then every test
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff, mypy --strict, and the committed JSON Schema is current
	$(BIN)/python -m generator schema --check
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

bench: $(STAMP)  ## print how fast hostile input is refused, the YAML test suite counts, then the scale table (SIZES="1000 10000" RUNS=3)
	$(BIN)/python bench/hostile_inputs.py
	$(BIN)/python bench/yaml_suite.py
	$(BIN)/python bench/scale.py --sizes $(or $(SIZES),1000 10000) --runs $(or $(RUNS),3)

fix: $(STAMP)  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix generator tests bench
	$(BIN)/ruff format generator tests bench

clean:
	rm -rf .cache site site.tmp site.old site-offline city-climate-practices-offline.zip site-zensical .zensical.yml .venv-zensical $(VENV) docs/index.md docs/coverage.md docs/reference.md docs/practices docs/cities

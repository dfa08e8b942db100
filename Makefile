# One way in. `make site` and `make test` work on a fresh clone: they create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Reproducible builds: dates in the site (sitemap) come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# The engine that builds the site: mkdocs (default), properdocs or zensical (make site ENGINE=zensical).
# Each other engine has its own environment, .venv-<engine>, pinned by requirements-<engine>.lock.
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs zensical
ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE=$(ENGINE) is not an engine; choose one of: $(ENGINES))
endif
ENGINE_STAMP := $(if $(filter mkdocs,$(ENGINE)),$(STAMP),.venv-$(ENGINE)/.installed)

.PHONY: site offline serve generate validate new translate messages schema check-links from-issue engines test lint fix bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

.venv-%/.installed: requirements-%.lock
	$(PYTHON) -m venv .venv-$*
	.venv-$*/bin/python -m pip install --quiet --upgrade pip
	.venv-$*/bin/python -m pip install --quiet -r requirements-$*.lock
	touch $@

site: $(STAMP) $(ENGINE_STAMP)  ## validate, generate, build site/ with ENGINE (default mkdocs) and index it for search
	$(BIN)/python -m generator generate
	$(BIN)/python -m generator build --engine $(ENGINE)

offline: $(STAMP)  ## the offline edition: a site that works from a folder or zip, with the data files
	$(BIN)/python -m generator generate
	$(BIN)/python -m generator build --offline --site-dir site-offline
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

translate: $(STAMP)  ## start a translation: make translate TO=fr ID=<id> (without ID: every file not yet translated)
	$(BIN)/python -m generator translate --to "$(TO)" $(if $(ID),--id "$(ID)")

messages: $(STAMP)  ## collect the site's strings into generator/locale/messages.pot and add new ones to each <lang>.po
	$(BIN)/python -m generator messages

schema: $(STAMP)  ## rewrite schema/*.json from the models (after changing generator/schema/model.py)
	$(BIN)/python -m generator schema

check-links: $(STAMP)  ## check every source address; writes links-report.md and links-report.json
	$(BIN)/python -m generator check-links --out links-report.md

from-issue: $(STAMP)  ## make from-issue BODY=file.md: turn a submitted issue form into practices/<sector>/<id>.yaml
	$(BIN)/python -m generator from-issue --body "$(BODY)"

engines: $(STAMP) .venv-properdocs/.installed .venv-zensical/.installed  ## install every engine (the tests build with each)

test: engines  ## lint, then every test (the site is built with each engine)
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff, mypy --strict, and the committed JSON Schema is current
	$(BIN)/python -m generator schema --check
	$(BIN)/python -m generator messages --check
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
	rm -rf .cache site site.tmp site.tmp-* site.old site-offline site-offline.tmp site-offline.tmp-* .build-*.yml city-climate-practices-offline.zip .zensical.yml .venv-zensical .venv-properdocs $(VENV) $(addprefix docs/,index.md agenda.md agenda funded.md catalogue.md compare.md fits scorecard.md scorecard coverage.md progress.md progress reference.md tags feed.xml data practices cities ar zh fr ru es)

# Two commands set everything up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_INSTALL := $(VENV)/.stamp-install
STAMP_TEST := $(VENV)/.stamp-test
STAMP_BROWSER := $(VENV)/.stamp-browser
export SOURCE_DATE_EPOCH ?= 1700000000
export NO_MKDOCS_2_WARNING := 1
ifdef SITE_URL
export SITE_URL
endif
ifdef BRIEFINGS_EDIT_URL
export BRIEFINGS_EDIT_URL
endif

.PHONY: site serve test test-fast bench lighthouse clean install ingest check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP_INSTALL): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[html,pdf]'
	touch $@

install: $(STAMP_INSTALL)

ingest: $(STAMP_INSTALL)
	$(BIN)/briefings ingest seeds/

check: $(STAMP_INSTALL)
	$(BIN)/briefings check

site: ingest
	$(BIN)/briefings build --strict

serve: ingest
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

$(STAMP_TEST): pyproject.toml $(STAMP_INSTALL)
	$(BIN)/pip install -q -e '.[html,pdf,test]'
	touch $@

# Debian's chromium drives the browser tests (Playwright never downloads a browser).
$(STAMP_BROWSER):
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; }
	@mkdir -p $(VENV) && touch $@

# PYTEST_ARGS adds pytest options, e.g. make test PYTEST_ARGS="-k search --durations=20".
PYTEST_ARGS ?=
test: $(STAMP_TEST) $(STAMP_BROWSER)
	$(BIN)/python -m pytest -q -n 2 --dist worksteal $(PYTEST_ARGS)

# The quick loop: unit and integration tests, without the browser and the slow tiers.
test-fast: $(STAMP_TEST)
	$(BIN)/python -m pytest -q -n 2 --dist worksteal -m "not browser and not slow" $(PYTEST_ARGS)

# The default takes 5-8 minutes on 2 cores; N="100 300 1000" adds a middle point (about 13).
N ?= 100 1000
REPEATS ?= 2
bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run.py --sizes $(N) --repeats $(REPEATS)
	$(MAKE) lighthouse

# Lighthouse (four scores per page, ours beside plain Material's) and the Nu HTML checker on the seed site.
# Installs lighthouse and vnu-jar from the npm registry into benchmarks/lighthouse/node_modules (needs Node, Java, chromium).
LIGHTHOUSE_RUNS ?= 3
lighthouse: site
	$(BIN)/python benchmarks/lighthouse.py --runs $(LIGHTHOUSE_RUNS)

clean:
	rm -rf site site.tmp-* site.old-* .briefings-cache tests/artifacts .pytest_cache benchmarks/out benchmarks/lighthouse/node_modules

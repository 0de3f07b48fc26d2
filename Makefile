# Nightstand: `make run` for the quick start, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nightstand
# The HTTP benchmark's own database: dropped and made again on every `make bench`.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nightstand_bench
# Where `make run` serves, e.g. `make run PORT=8080` (or PORT=8080 in the environment).
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo test lint format messages bench backup restore clean

$(STAMP): pyproject.toml
	@# A local .env with a random SECRET_KEY, so manage.py works in this checkout without DEBUG.
	@test -f .env || $(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > .env
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Quick start: SQLite in ./data, demo household (only while it has no accounts), dev server.
run: install
	DEBUG=1 DATABASE_URL= $(PY) manage.py migrate --noinput
	DEBUG=1 DATABASE_URL= $(PY) manage.py demo
	DEBUG=1 DATABASE_URL= $(PY) manage.py runserver $(HOST):$(PORT)

# The demo household in the quick-start database even when it has accounts of its own.
demo: install
	DEBUG=1 DATABASE_URL= $(PY) manage.py demo --force

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test: install
	$(PY) -m ruff check .
	DATABASE_URL=$(DATABASE_URL) DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py makemigrations --check --dry-run
	DATABASE_URL=$(DATABASE_URL) $(PY) -m pytest

# Translations: extract the strings into locale/{de,es}/LC_MESSAGES/*.po (fill in every msgstr;
# tests/test_translations_complete.py fails on any left empty or fuzzy), then compile the .mo
# files, which are committed: a fresh checkout and the Docker image need no gettext to run.
messages: install
	DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py messages
	DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py compilemessages -i .venv -i staticfiles -i data

# In-process timings (bench/run.py), then the pages over HTTP under load with wrk (bench/load.py),
# which writes bench/results.md. Fails when either misses a budget.
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }
	DATABASE_URL=$(DATABASE_URL) $(PY) bench/run.py; status=$$?; \
	DATABASE_URL=$(DATABASE_URL) $(PY) bench/archive_import.py || status=1; \
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/load.py && exit $$status

# pg_dump -Fc of DATABASE_URL into FILE (default backups/nightstand-<UTC time>.dump).
backup:
	DATABASE_URL=$(DATABASE_URL) bin/backup $(FILE)

# pg_restore FILE into DATABASE_URL: an empty database, or REPLACE=1 to overwrite its tables.
restore:
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/....dump [REPLACE=1]" >&2; exit 2; }
	DATABASE_URL=$(DATABASE_URL) bin/restore $(if $(REPLACE),--replace) $(FILE)

clean:
	rm -rf $(VENV) data staticfiles .pytest_cache

# Nightstand: `make run` for the quick start, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nightstand

.PHONY: install run demo test lint format bench clean

$(STAMP): pyproject.toml
	@# A local .env with a random SECRET_KEY, so manage.py works in this checkout without DEBUG.
	@test -f .env || $(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > .env
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Quick start: SQLite in ./data, demo household, development server.
run: install
	DEBUG=1 DATABASE_URL= $(PY) manage.py migrate --noinput
	DEBUG=1 DATABASE_URL= $(PY) manage.py demo
	DEBUG=1 DATABASE_URL= $(PY) manage.py runserver 127.0.0.1:8000

demo: install
	$(PY) manage.py demo

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

bench: install
	DATABASE_URL=$(DATABASE_URL) $(PY) bench/run.py

clean:
	rm -rf $(VENV) data staticfiles .pytest_cache

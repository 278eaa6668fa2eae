# PM-VT — the README's commands. Needs Python 3.11+ only.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install demo worker messages clean bench

$(STAMP): pyproject.toml requirements/constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("PM-VT needs Python 3.11 or newer.") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, load the demo territory, serve http://$(HOST):$(PORT)
run: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_load
	@echo "PM-VT: http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (SQLite in memory; PostgreSQL when DATABASE_URL is set)
test: $(STAMP)
	$(PY) -m pytest -q

## make lint: ruff, mypy, and no missing migration
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy src config
	$(PY) manage.py makemigrations --check --dry-run

demo: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_load

## make worker: run background tasks (emails, exports)
worker: $(STAMP)
	$(PY) manage.py db_worker

## make messages: refresh the English catalogue from the French source strings, then compile it
messages: $(STAMP)
	cd src/pmvt && ../../$(PY) ../../manage.py makemessages -l en --no-obsolete --ignore '*/tests/*'
	$(PY) scripts/compile_messages.py

clean:
	rm -rf $(VENV) var/static

## make bench: generate a large territory on PostgreSQL, serve it with gunicorn, load it with locust
bench: $(STAMP)
	$(PIP) install --quiet -c requirements/constraints.txt -e '.[bench]'
	$(PY) bench/run.py

# edu-plans: `make run` to try it, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist). One by default: the order of tests, and so the keys the
# database hands out, is then the same every run (two workers shuffle it, and found a test
# that matched "target-12" inside "target-120"). TEST_WORKERS=2 halves the time on two
# cores; --dist load hands each worker tests in the collection's order, which keeps
# pytest-django's (database tests before those that empty the database) in each worker.
TEST_WORKERS ?= 0
PYTEST_ARGS := -n $(TEST_WORKERS) --dist load

.PHONY: run test lint test-sqlite test-postgres system-deps messages bench bench-load clean

# The virtual environment is rebuilt only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# local.env (written once, never committed) holds DEBUG=1 and a generated SECRET_KEY, so
# that the README's manage.py lines also work in a fresh shell. honcho runs the Procfile:
# the development server, a background worker and the daily reminders; when one stops, or
# on Ctrl-C, it stops the others (each in its process group, with its autoreloader's child).
run: $(STAMP)
	@scripts/ensure_system_deps.sh run
	@$(BIN)/python -m edu_plans.local_env
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_seed_data
	$(BIN)/python manage.py create_demo_accounts
	$(BIN)/python manage.py load_demo_data
	@echo ""
	@echo "edu-plans: open http://$(HOST):$(PORT)/ and log in with one of the accounts above."
	@echo "The web server, a background worker and the daily reminders run together (Procfile);"
	@echo "e-mail is written to sent-mail/. Ctrl-C stops all three."
	HOST=$(HOST) PYTHONUNBUFFERED=1 $(BIN)/honcho start --procfile Procfile --port $(PORT)

system-deps:
	@scripts/ensure_system_deps.sh test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	EDU_PLANS_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run -v 0

test-sqlite: $(STAMP) system-deps
	EDU_PLANS_TESTING=1 $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(STAMP) system-deps
	EDU_PLANS_TESTING=1 scripts/with_postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

test: lint test-sqlite test-postgres

# Export timings against WeasyPrint and openpyxl alone, then the load run (not part of
# make test). The load run alone: make bench-load; LOAD_DURATION (seconds a page, 30) and
# LOAD_CLIENTS (8) change it, e.g. make bench-load LOAD_DURATION=10.
LOAD_DURATION ?= 30
LOAD_CLIENTS ?= 8
export LOAD_DURATION LOAD_CLIENTS

bench: $(STAMP)
	@scripts/ensure_system_deps.sh bench
	scripts/bench.sh
	$(MAKE) --no-print-directory bench-load

# The production start under load on PostgreSQL: requests per second and p99 per page;
# fails on any 5xx.
bench-load: $(STAMP)
	@scripts/ensure_system_deps.sh bench
	scripts/with_postgres.sh $(BIN)/python scripts/load_run.py

# Rebuild the Vietnamese catalogue after changing user-facing strings.
messages: $(STAMP)
	EDU_PLANS_TESTING=1 $(BIN)/python manage.py makemessages -l vi --no-obsolete --ignore=.venv
	EDU_PLANS_TESTING=1 $(BIN)/python manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

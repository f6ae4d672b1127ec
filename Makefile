# Làng Nghề — the four commands of SPEC §2. Every target installs what it needs first.
VENV    ?= .venv
BIN     := $(VENV)/bin
PORT    ?= 5000
WORKERS ?= 4
FLASK   := $(BIN)/flask --app wsgi

.PHONY: install run serve test lint translations benchmark

install: $(VENV)/.installed node_modules/.installed translations

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d app/translations

run: install
	FLASK_DEBUG=1 $(FLASK) db upgrade
	FLASK_DEBUG=1 $(FLASK) seed
	FLASK_DEBUG=1 PUBLIC_URL=$${PUBLIC_URL:-http://127.0.0.1:$(PORT)} $(FLASK) run --port $(PORT)

serve: install
	$(FLASK) db upgrade
	$(BIN)/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

lint: install
	$(BIN)/ruff check app tests benchmarks config.py wsgi.py
	$(BIN)/lint-imports

test: install lint
	$(BIN)/python -m pytest

benchmark: install
	$(BIN)/python benchmarks/handbook.py

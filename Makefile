# Two commands do everything on a fresh machine:
#   make run   — create .venv, install, build the graph, validate it, show results
#   make test  — lint, type-check and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
STAMP  := $(VENV)/.installed-stamp

FOUNDATION_QUERIES := cq01-attacks-on-ashraf-after-transfer cq03-july-2009-deaths-per-source \
	cq04-july-2009-disputed-figures cq11-mou-parties cq15-move-from-france cq17-resettlement-countries

.PHONY: run test install build validate stats queries lint typecheck pytest clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

build: install
	$(KG) build

validate: install
	$(KG) validate

stats: install
	$(KG) stats

queries: install
	@for q in $(FOUNDATION_QUERIES); do \
		echo; echo "== $$q: $$(head -1 queries/$$q.rq | sed 's/^# *//')"; \
		$(KG) query $$q || exit 1; \
	done

run: build validate stats queries

lint: install
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

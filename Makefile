# socialplan: every target sets itself up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint typecheck pytest fuzz screenshots bench bigdata clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/socialplan $(ARGS)

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check storage tui tests scripts
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy storage tui

pytest: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The property-based tests with many more examples than make test gives them.
FUZZ_TESTS := tests/storage/test_plan_machine.py tests/storage/test_properties.py
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -n 2 $(FUZZ_TESTS) $(PYTEST_ARGS)

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP)
	@for p in calcurse newsboat; do command -v $$p >/dev/null || [ "$$(id -u)" != 0 ] || apt-get install -y -qq $$p >/dev/null 2>&1 || true; done
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

bigdata: $(STAMP)
	$(BIN)/python scripts/bigdata.py bench-data/socialplan.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

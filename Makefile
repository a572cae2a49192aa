# socialplan: every target sets itself up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint typecheck pytest fuzz catalog screenshots bench bigdata clean

# socialplan is installed as a plain path entry (editable_mode=compat), not setuptools' import
# hook: the hook's import costs every start (make run, a check-in from a shell's start-up file)
# about 10 ms. If a future setuptools drops compat mode, the default mode is used.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]' --config-settings editable_mode=compat \
	  || $(BIN)/python -m pip install -q -e '.[test]'
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
FUZZ_TESTS := tests/storage/test_plan_machine.py tests/storage/test_properties.py tests/storage/test_merge.py
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -n 2 $(FUZZ_TESTS) $(PYTEST_ARGS)

# The French catalogue: extract every _() and ngettext() of storage/ and tui/ into the template,
# bring the .po up to date with it (new or changed messages come in empty: tests/test_catalogue.py
# fails until they are translated), compile it.
LOCALE := storage/locale
catalog: $(STAMP)
	$(BIN)/pybabel extract -F $(LOCALE)/babel.cfg -k _ -k ngettext:1,2 --no-default-keywords \
	  --sort-by-file --no-wrap --project socialplan --version 0.1.0 --copyright-holder socialplan \
	  -o $(LOCALE)/socialplan.pot storage tui
	$(BIN)/pybabel update -i $(LOCALE)/socialplan.pot -d $(LOCALE) -D socialplan --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALE) -D socialplan --statistics

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP)
	@for p in calcurse newsboat; do command -v $$p >/dev/null || [ "$$(id -u)" != 0 ] || apt-get install -y -qq $$p >/dev/null 2>&1 || true; done
	@# Bytecode as an installed copy has it: with PYTHONDONTWRITEBYTECODE set (as on the project's
	@# machines) every measured process would otherwise compile each changed module again.
	$(BIN)/python -m compileall -q storage tui scripts >/dev/null
	$(BIN)/python scripts/bench.py $(BENCH_ARGS) $(ARGS)

bigdata: $(STAMP)
	$(BIN)/python scripts/bigdata.py bench-data/socialplan.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

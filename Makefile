# detente: `make demo` and `make test` each do all the set-up they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.duckdb

.PHONY: setup test lint demo bench fuzz clean

# Debian's chromium, for the browser tests (tests/web/test_browser.py): where it cannot be installed
# (not root) they skip, except under CI, where its absence fails them.
setup: $(STAMP)
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "setup: chromium not installed; the browser tests will skip" >&2

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check detente tests bench

test: lint
	$(BIN)/pytest -q

demo: setup
	rm -f $(DEMO_DB)
	$(BIN)/detente ingest detente/data/demo --db $(DEMO_DB)
	$(BIN)/detente timeline Trump Putin --db $(DEMO_DB)
	$(BIN)/detente brief Trump Putin --db $(DEMO_DB)

bench: setup
	$(BIN)/python -m bench.timex_speed
	$(BIN)/python -m bench.actors_speed
	$(BIN)/python -m bench.events_speed
	$(BIN)/python -m bench.quotes_speed
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.reingest
	$(BIN)/python -m bench.memory
	$(BIN)/python -m bench.serve_load
	$(BIN)/python -m bench.run_on

# The long fuzzing profile (100,000 examples per reader test) and the 20-kill exactly-once runs: hours, not part of make test.
fuzz: setup
	HYPOTHESIS_PROFILE=long RELIABILITY_FULL=1 $(BIN)/pytest -q tests/fuzz tests/test_reliability.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .ruff_cache

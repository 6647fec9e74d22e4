# tidal: every target creates and uses .venv itself. See README.md.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: demo test test-fast fuzz lint bench soak system-deps clean

RUN_STAMP := $(VENV)/.installed-run

# What running needs: tidal and its runtime dependencies only.
$(RUN_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $(RUN_STAMP)

# What testing needs on top: the test extra (pytest, playwright, mypy, ruff, ...).
# Component packages from PyPI that the tests drive: --no-deps, since they require `streamlit`
# (tidal's drop-in alias stands in for it).
# Components v2 releases of a package pinned above at its v1 version go to a folder of their own
# (--target) that the test app puts first on sys.path; so do older releases of a package pinned
# above at a newer one (components-older-requirements.txt).
$(STAMP): $(RUN_STAMP) tests/components-requirements.txt tests/components-v2-requirements.txt tests/components-older-requirements.txt
	$(PY) -m pip install -q -e '.[test]'
	$(PY) -m pip install -q --no-deps -r tests/components-requirements.txt
	$(PY) -m pip install -q --no-deps --upgrade --target $(VENV)/components-v2 -r tests/components-v2-requirements.txt
	$(PY) -m pip install -q --no-deps --upgrade --target $(VENV)/components-older -r tests/components-older-requirements.txt
	@touch $(STAMP)

## demo: serve the demo app (the seed apps as pages) on http://localhost:8501
demo: $(RUN_STAMP)
	$(VENV)/bin/tidal hello --server.port $(PORT)

## system-deps: Debian's chromium, redis-server and nginx for the real-server tests
system-deps:
	@bash scripts/system-deps.sh

## test: lint, type-check and run every test (browser, redis and nginx included)
test: $(STAMP) system-deps
	$(VENV)/bin/ruff check src tests bench examples
	$(VENV)/bin/mypy
	$(PY) -m pytest

## test-fast: the tests without a browser
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

## fuzz: the protocol fuzzer with many random examples (FUZZ_EXAMPLES, default 5000)
FUZZ_EXAMPLES ?= 5000
fuzz: $(STAMP)
	TIDAL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) TIDAL_FUZZ_RANDOM=1 $(PY) -m pytest tests/test_fuzz_protocol.py -p no:cacheprovider -s

## soak: 500 sessions connecting, clicking and leaving in waves (SOAK_SECONDS, default 600)
SOAK_SECONDS ?= 600
soak: $(STAMP)
	$(PY) bench/soak.py --duration $(SOAK_SECONDS)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench examples
	$(VENV)/bin/ruff format --check src tests bench examples
	$(VENV)/bin/mypy

bench: $(STAMP) system-deps
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Every target sets up what it needs first, so each works as the first command on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: setup serve build build-zensical test test-fast lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,zensical]'
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

# The same site built with Zensical (no MkDocs plugins): generated pages and config in build/zensical/,
# the site with its Content-Security-Policy in site/.
build-zensical: $(STAMP)
	$(PY) -m generator.zensical site

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/mypy

test: $(STAMP)
	@scripts/ensure-chromium
	$(MAKE) lint
	node --test tests/
	$(PY) -m pytest

# Everything but the browser tests: for authors and quick checks (no Chromium needed).
test-fast: $(STAMP)
	$(MAKE) lint
	node --test tests/
	$(PY) -m pytest -m "not browser"

bench: $(STAMP)
	$(PY) benchmarks/bench.py

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache

# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test venv system-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## build the graph of the bundled example articles into out/
demo: venv
	$(BIN)/kg build examples --out out

## the Debian packages the tests drive: headless Chromium, Apache Jena, raptor
system-deps:
	bash .ci/system-deps

## set up and run the whole test suite
test: venv system-deps
	$(BIN)/python -m pytest -q

## benchmarks (not part of the tests; quick variants: see each script's --help)
bench: venv system-deps
	$(BIN)/python benchmarks/bench_temporal.py
	$(BIN)/python benchmarks/bench_viz.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_long.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_warc.py

clean:
	rm -rf $(VENV) out

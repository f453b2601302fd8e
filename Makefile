# Gapscope — every target installs what it needs first (scripts/setup.sh is
# idempotent and takes about a second when everything is there).
#
#   make serve        build the wasm and serve www/ on http://127.0.0.1:$(PORT)
#   make test         formatting, lints, Rust tests, the DuckDB check, wasm build, browser tests
#   make build        build the wasm into www/pkg
#   make bench        load time, sizes, 100k-row analysis (reports, never fails)
#   make demo         regenerate www/demo/bank-survey.csv
#   make clean        remove build outputs (make distclean: node_modules too)

PORT ?= 8080
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: all setup build serve test lint test-rust test-scale test-browser check-demo bench demo clean distclean

all: build

setup:
	bash scripts/setup.sh

build: setup
	bash scripts/build-wasm.sh

serve: build
	node scripts/serve.mjs --port $(PORT)

# In order, also under make -j: each step needs the one before it.
test: setup
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-rust
	$(MAKE) --no-print-directory test-scale
	$(MAKE) --no-print-directory check-demo
	bash scripts/build-wasm.sh
	$(MAKE) --no-print-directory test-browser

lint:
	cargo fmt --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p gapscope-workbook -p gapscope-methods -p gapscope-document -p gapscope-stream --lib --target wasm32-unknown-unknown -- -D warnings
	# Every page module parses (a stray quote in a message breaks the page).
	find www -name '*.js' -not -path 'www/pkg/*' -print0 | xargs -0 -n1 node --experimental-default-type=module --check
	find tests/browser bench -name '*.mjs' -print0 | xargs -0 -n1 node --check

test-rust:
	cargo test --workspace

# The warehouse path against DuckDB (docs/scale.md): `gapscope sql` → DuckDB →
# `analyze --summaries` must give the report of the raw file.
test-scale:
	cargo build --quiet --bin gapscope
	python3 tests/scale/duckdb_summaries.py target/debug/gapscope

# The TAP reporter ends with node's summary (# tests, # pass, # fail) in CI logs too.
test-browser:
	node --test --test-reporter=tap tests/browser/

# The committed demo must be what the generator makes.
check-demo:
	@tmp=$$(mktemp) && python3 scripts/make-demo.py "$$tmp" >/dev/null && \
	if cmp -s "$$tmp" www/demo/bank-survey.csv; then rm -f "$$tmp"; echo "demo: www/demo/bank-survey.csv is up to date"; \
	else rm -f "$$tmp"; echo "demo: www/demo/bank-survey.csv differs from scripts/make-demo.py output: run make demo" >&2; exit 1; fi

bench: build
	cargo build --release
	node bench/run.mjs

demo:
	python3 scripts/make-demo.py

clean:
	cargo clean
	rm -rf www/pkg

distclean: clean
	rm -rf node_modules

# sockbox: the two commands a new user needs are `make demo` and `make test`.
# Both install what is missing first (Debian packages, npm packages).

DENO := node_modules/.bin/deno
SHELL := /bin/bash

.PHONY: all setup bundle demo test check lint unit bench clean as-examples

all: test

setup:
	@scripts/setup.sh

# The single-file entries bin/sockbox starts from while they are fresh (start-up
# time; scripts/bundle.sh rebuilds only stale ones, bin/sockbox falls back to
# the sources otherwise).
bundle: setup
	@scripts/bundle.sh

demo: setup bundle
	@scripts/demo.sh

# Type-check and lint every TypeScript file, then run every test on Deno and on Bun.
test: setup check lint bundle
	@$(DENO) run -A tests/run.ts

# Bun's type definitions change globals (URL, fetch…) for the whole program they
# join, so the files that load them (a `/// <reference path=…types.d.ts>` line)
# are checked on their own, and everything else without them.
TS_FILES = $(shell git ls-files '*.ts' | grep -v -e '^guest/assemblyscript/' -e '\.d\.ts$$')
BUN_TS = $(shell git grep -l 'reference path=.*types\.d\.ts' -- '*.ts' | grep -v '^guest/assemblyscript/')
check: setup
	@$(DENO) check --quiet $(filter-out $(BUN_TS),$(TS_FILES))
	@$(DENO) check --quiet $(BUN_TS)

lint: setup
	@$(DENO) lint --quiet

# The AssemblyScript examples, into build/assemblyscript/ (the tests build them too).
as-examples: setup
	@guest/assemblyscript/build.sh

bench: setup bundle
	@$(DENO) run -A bench/run.ts

clean:
	rm -rf build bench/out

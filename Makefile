# sockbox: the two commands a new user needs are `make demo` and `make test`.
# Both install what is missing first (Debian packages, npm packages).

DENO := node_modules/.bin/deno
SHELL := /bin/bash

.PHONY: all setup demo test check lint unit bench clean as-examples

all: test

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

# Type-check and lint every TypeScript file, then run every test on Deno and on Bun.
test: setup check lint
	@$(DENO) run -A tests/run.ts

check: setup
	@$(DENO) check --quiet $$(git ls-files '*.ts' | grep -v '^guest/assemblyscript/' ; git ls-files --others --exclude-standard '*.ts' | grep -v '^guest/assemblyscript/')

lint: setup
	@$(DENO) lint --quiet

# The AssemblyScript examples, into build/assemblyscript/ (the tests build them too).
as-examples: setup
	@guest/assemblyscript/build.sh

bench: setup
	@$(DENO) run -A bench/run.ts

clean:
	rm -rf build bench/out

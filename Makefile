# Periksa: the two commands are `make demo` and `make test`.
SWIFT ?= swift
DEBUG_BIN := .build/debug
RELEASE_BIN := .build/release

.PHONY: all deps build demo test bench format clean

all: build

deps:
	@scripts/ensure-deps

build: deps
	$(SWIFT) build

# Sets up the embedded PostgreSQL cluster (.periksa/) and shows everything built so far.
demo: build
	scripts/demo $(DEBUG_BIN)/periksa

# The whole test suite, against a throwaway PostgreSQL server started by pg_virtualenv.
test: deps
	@scripts/ensure-deps chromium
	$(SWIFT) build --build-tests
	pg_virtualenv -o shared_buffers=256MB $(SWIFT) test --skip-build

# Benchmarks against psql (release build, several alternating runs, medians). Not tests.
bench: deps
	$(SWIFT) build -c release --product periksa
	$(SWIFT) build -c release --product periksa-bench
	scripts/bench $(RELEASE_BIN)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Benchmarks SQL/SQLFiles.swift

clean:
	rm -rf .build

# Periksa: the two commands are `make demo` and `make test`.
SWIFT ?= swift
DEBUG_BIN := .build/debug
RELEASE_BIN := .build/release

.PHONY: all deps build demo test lint bench faults fuzz soak format clean

# The Swift files swift format checks (the checked-in .swift-format).
SWIFT_FILES := Sources Tests Benchmarks SQL/SQLFiles.swift Reports/ReportTemplates.swift Package.swift

all: build

deps:
	@scripts/ensure-deps

build: deps
	$(SWIFT) build

# Sets up the embedded PostgreSQL cluster (.periksa/) and shows everything built so far.
demo: build
	scripts/demo $(DEBUG_BIN)/periksa

# The whole test suite, against a throwaway PostgreSQL server started by pg_virtualenv.
test: deps lint
	@scripts/ensure-deps chromium playwright
	$(SWIFT) build --build-tests
	pg_virtualenv -o shared_buffers=256MB $(SWIFT) test --skip-build

# Benchmarks against psql (release build, several alternating runs, medians). Not tests.
bench: deps
	$(SWIFT) build -c release --product periksa
	$(SWIFT) build -c release --product periksa-bench
	scripts/bench $(RELEASE_BIN)

# The long reliability suites (not tests): thousands of mutated files through `periksa import`.
faults: deps
	$(SWIFT) build --build-tests
	PERIKSA_MUTATIONS=$${PERIKSA_MUTATIONS:-3000} pg_virtualenv -o shared_buffers=256MB $(SWIFT) test --skip-build \
	  --filter 'HostileInputTests|FaultTests|ServerCrashTests'

# The fuzzing harnesses under libFuzzer with AddressSanitizer (a build of their own in
# .build/fuzz), FUZZ_RUNS executions each from the committed seeds; a crash stops it.
FUZZ_RUNS ?= 1000000
fuzz: deps
	scripts/fuzz $(FUZZ_RUNS)

# Fifty cycles of import, audit, reports and web requests on a cluster of its own, with memory
# and disk per cycle (SOAK_CYCLES, SOAK_EMPLOYERS change it).
soak: deps
	$(SWIFT) build -c release --product periksa
	scripts/soak $(RELEASE_BIN) $${SOAK_CYCLES:-50} $${SOAK_EMPLOYERS:-2000}

# swift format's lint with the checked-in configuration; warnings fail it.
lint:
	$(SWIFT) format lint --strict --recursive $(SWIFT_FILES)

format:
	$(SWIFT) format --in-place --recursive $(SWIFT_FILES)

clean:
	rm -rf .build

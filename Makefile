# Ordo — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
TSAN_BUILD ?= build-tsan
FUZZ_SECONDS ?= 60
DATA ?= data
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps deps-fuzz build build-asan build-fuzz build-tsan tsan fuzz run test test-fast bench bench-exports soak sim power-cuts clean format

all: build

deps:
	@bash scripts/install-deps.sh

# Debian's clang and its libFuzzer runtime, for `make fuzz` only (`make test` needs neither).
deps-fuzz:
	@bash scripts/install-deps.sh fuzz

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

$(ASAN_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DORDO_SANITIZE=ON

$(TSAN_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORDO_TSAN=ON

$(FUZZ_BUILD)/CMakeCache.txt: | deps deps-fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORDO_FUZZ=ON

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# Only what `make tsan` runs: the server and the test programs of the layers that run threads.
build-tsan: deps $(TSAN_BUILD)/CMakeCache.txt
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target ordo ordo_store_sqlite_test ordo_http_test \
	  ordo_jobs_test ordo_app_test

# Serves the API and the staff console with demo data; the demo accounts (one per role) and
# their password are logged at start (README.md, "The staff console").
run: build
	@echo "Staff console: http://$(LISTEN)/  (demo accounts: see the lines below; Ctrl-C stops)"
	$(BUILD)/ordo serve --data $(DATA) --listen $(LISTEN) --demo

# The whole suite: unit, store and HTTP integration tests, on the optimised build and again
# under AddressSanitizer + UndefinedBehaviorSanitizer.
test: build build-asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# ThreadSanitizer (GCC, $(TSAN_BUILD)): the tests that run threads against each other: the
# store's writer, group commit and completion thread, the HTTP server, the export runner and its
# chunk channel, the document renderer, the jobs, imports and backups, the concurrent inventory
# workload, and the integration tests that run concurrent clients against a real server
# (TSAN_TESTS, a CTest regex). A race fails the test (halt_on_error); races inside system
# libraries are suppressed in tests/tsan/tsan.supp, each with its reason.
TSAN_TESTS ?= ^(SqliteStoreTest|ServerTest|ExportRunner|ChunkChannel|JobRunnerTest|InventoryConcurrencyTest|ImportOrdersTest|DocumentRenderer|PaymentJobsTest|BackupTest|Metrics|LoginThrottle)[.]|^http_test_(concurrency|durability|backup|imports|exports|queries)$$
tsan: build-tsan
	cd $(TSAN_BUILD) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan/tsan.supp" \
	  ctest --output-on-failure -j $(JOBS) -R '$(TSAN_TESTS)'

# The libFuzzer targets of tests/fuzz (clang, ASan + UBSan, in $(FUZZ_BUILD)), each run for
# FUZZ_SECONDS from its committed seeds, one after the other; the executions and exec/s of each
# are printed, and a crash is written to $(FUZZ_BUILD)/crashes/<target>/ and fails the target.
# FUZZ_TARGETS="order_json pdf_text" runs only those (tests/fuzz/README.md).
FUZZ_TARGETS ?=
build-fuzz: deps deps-fuzz $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target ordo_fuzz_targets

fuzz: build-fuzz
	bash scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The optimised build's suite alone, for quick iterations.
test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Intake, platform order imports (bench/imports.sh: 100,000 Taobao rows), then the whole life
# cycle on an empty and on a preloaded store of 1,000,000 orders (bench/lifecycle.sh: a few GB
# in the temporary directory, and some minutes).
bench: build
	bash bench/run.sh $(BUILD)/ordo
	bash bench/imports.sh $(BUILD)/ordo
	bash bench/lifecycle.sh $(BUILD)/ordo

# The crash loop: `ordo serve` under mixed load killed with kill -9 at 200 seeded random moments,
# each restart checked against every acknowledged answer (tests/soak/soak.py; about 20 minutes),
# then the ThreadSanitizer run (`make tsan`).
# SOAK_ARGS="--seed N" replays a run's choices; "--kills 20 --verbose" for a shorter look.
SOAK_ARGS ?=
soak: build
	ORDO_BIN=$(BUILD)/ordo python3 tests/soak/soak.py --kills 200 $(SOAK_ARGS)
	$(MAKE) tsan

# The seeded simulation of the app layer (src/app/simulation_test.cc) at length: SIM_SEEDS seeds
# of SIM_STEPS random commands each, every invariant checked after every step. `make test` runs 3
# seeds of 300. A failure names its seed: ORDO_SIM_SEED=<seed> replays exactly that run.
SIM_SEEDS ?= 200
SIM_STEPS ?= 1000
sim: build
	ORDO_SIM_SEEDS=$(SIM_SEEDS) ORDO_SIM_STEPS=$(SIM_STEPS) \
	  $(BUILD)/ordo_app_test --gtest_filter='Simulation.*'

# Power cuts at length (src/store/sqlite/power_cut_test.cc): POWER_CUTS cut points across
# migrations, group commits, checkpoints and backups, each followed by recovery and the checks.
# `make test` replays 40. A failure names its seed: ORDO_POWER_CUT_SEED=<seed> starts there.
POWER_CUTS ?= 1000
power-cuts: build
	ORDO_POWER_CUTS=$(POWER_CUTS) $(BUILD)/ordo_store_sqlite_test --gtest_filter='PowerCutTest.*'

# Exports and reports on a store of 1,000,000 orders (bench/exports.py: about 3 GB in the
# temporary directory, and some minutes): the export rate to CSV and XLSX, the exporter's peak
# memory, and each report over a month.
bench-exports: build
	python3 bench/exports.py $(BUILD)/ordo

format:
	clang-format -i $$(git ls-files 'src/*.h' 'src/*.cc' 'tests/*.cc')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(TSAN_BUILD)

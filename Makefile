# Short verbs over CMake. `make demo` and `make test` are the README's quick
# start: each installs what is missing, builds, and runs.
JOBS ?= $(shell nproc)
PRESET ?= release
BUILD_DIR := build/$(PRESET)
ADOPTSIM := $(BUILD_DIR)/adoptsim

.PHONY: setup configure build demo test test-fast test-clang test-asan test-tsan tidy check-format bench format docs golden clean

setup:
	bash scripts/setup.sh

configure: setup
	cmake --preset $(PRESET) > /dev/null

build: configure
	cmake --build --preset $(PRESET) -j $(JOBS)

demo: build
	bash scripts/demo.sh $(ADOPTSIM)

test: build
	ctest --preset $(PRESET) -j $(JOBS)

# Everything but the statistical tests tagged [slow].
test-fast: build
	$(BUILD_DIR)/tests/adoptsim_tests "~[slow]"

# The fast tests built with Clang 14, warnings as errors: both of Debian 12's
# compilers must build the project clean.
test-clang: setup
	cmake --preset clang > /dev/null
	cmake --build --preset clang -j $(JOBS)
	build/clang/tests/adoptsim_tests "~[slow]"

# The fast tests under AddressSanitizer and UBSan (preset asan-ubsan, GCC 12):
# any report stops the run and fails it.
test-asan: setup
	cmake --preset asan-ubsan > /dev/null
	cmake --build --preset asan-ubsan --target adoptsim_tests -j $(JOBS)
	ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  build/asan-ubsan/tests/adoptsim_tests "~[slow]"

# The tests of the runner's parallel loop under ThreadSanitizer (preset tsan,
# Clang 14): the runner's ([runner]) and the sweep's evaluation, which runs
# on it through runner::for_each_unit ([experiment]). Any report stops the
# run and fails it (exit status 66). Debian's libtbb is not instrumented, so
# under TSan the loop runs on std::threads (sim/runner/parallel.hpp): what is
# checked is the loop's bodies and the state they share, not TBB's scheduler.
test-tsan: setup
	cmake --preset tsan > /dev/null
	cmake --build --preset tsan --target adoptsim_tests -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 build/tsan/tests/adoptsim_tests "[runner],[experiment]"

# clang-tidy 14 with the checks of .clang-tidy on the project's sources (sim/;
# include/ and sim/'s headers through its header filter), from the release
# build's compile_commands.json. .clang-tidy makes every finding an error;
# the log is checked for warnings too (log: build/release/clang-tidy.log).
# -Wno-unknown-warning-option: the flags are GCC's (-Wno-restrict).
tidy: configure
	@run-clang-tidy-14 -p $(BUILD_DIR) -j $(JOBS) -quiet -extra-arg=-Wno-unknown-warning-option '^$(CURDIR)/sim/' > $(BUILD_DIR)/clang-tidy.log 2>&1; \
	  status=$$?; \
	  if [ $$status -ne 0 ] || grep -q -E '(warning|error):' $(BUILD_DIR)/clang-tidy.log; then \
	    grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$$' $(BUILD_DIR)/clang-tidy.log; \
	    echo "tidy: clang-tidy reported the findings above"; exit 1; \
	  fi
	@echo "tidy: no findings in sim/ and include/"

# Fails when a C++ file is not as clang-format (.clang-format) writes it.
check-format: setup
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

bench: build
	bash bench/run.sh $(BUILD_DIR)

# Regenerates the files generated from code: scenarios/README.md (from the
# parameter table) and the README's figures (from the demo run).
docs: build
	$(ADOPTSIM) validate --print-reference > scenarios/README.md
	bash scripts/demo.sh $(ADOPTSIM) out/demo > /dev/null
	cp out/demo/figures/overlay.png docs/images/demo_overlay.png
	cp out/demo/figures/fan_chart_pilot_then_scale.png docs/images/demo_fan_chart.png

# Rewrites the pinned result sets in tests/golden/ from this build. Only for a
# change to what the model computes or what a run writes, committed with a
# message that says why (tests/golden/README.md).
golden: build
	ADOPTSIM_GOLDEN_UPDATE=1 $(BUILD_DIR)/tests/adoptsim_tests "[golden]"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build

# Short verbs over CMake. `make demo` and `make test` are the README's quick
# start: each installs what is missing, builds, and runs.
JOBS ?= $(shell nproc)
PRESET ?= release
BUILD_DIR := build/$(PRESET)
ADOPTSIM := $(BUILD_DIR)/adoptsim

.PHONY: setup configure build demo test test-fast test-clang check-format bench format docs golden clean

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

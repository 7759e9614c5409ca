# The two commands of the quick start: `make run` and `make test`. Each installs what it needs
# (Debian packages, through scripts/install-deps), configures and builds first.
.PHONY: deps configure build run test test-asan fuzz fuzz-build bench format clean

PRESET ?= release

deps:
	./scripts/install-deps

configure: deps
	cmake --preset $(PRESET) >/dev/null

build: configure
	cmake --build --preset $(PRESET)

run: build
	./build/computefit recommend examples/drill.yaml

test: build
	ctest --preset $(PRESET) -j2

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-dev/).
test-asan:
	$(MAKE) test PRESET=dev

# libFuzzer harnesses (fuzz/, the `fuzz` preset, build-fuzz/), each run for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60

fuzz-build: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run-fuzzers

bench: build
	./build/bench/computefit_bench
	tools/time-drill

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-dev build-fuzz

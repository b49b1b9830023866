# seismic.h — `make` builds the CLI, the examples and the tests; `make test` also installs what is
# missing (Debian packages, npm packages from the committed lock file) and runs everything.
CC ?= cc
CXX ?= c++
WARN := -Wall -Wextra -Wpedantic -Werror
CFLAGS ?= -O2 -g
LIBS := -lsecp256k1 -lbearssl
BUILD := build

APT_PACKAGES := libsecp256k1-dev libbearssl-dev clang libclang-rt-14-dev g++ libuv1-dev openssl

TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
EXAMPLES := $(patsubst examples/%.c,$(BUILD)/examples/%,$(wildcard examples/*.c))
FUZZERS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
BENCHES := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

.PHONY: all deps test fuzz bench demo clean
all: $(BUILD)/seismic $(EXAMPLES) $(TESTS) $(BENCHES)

$(BUILD)/seismic: tools/seismic.c seismic.h
	@mkdir -p $(dir $@)
	$(CC) -std=c99 $(WARN) $(CFLAGS) -I. $< -o $@ $(LIBS)

$(BUILD)/examples/libuv_loop: LIBS += -luv
$(BUILD)/examples/%: examples/%.c seismic.h
	@mkdir -p $(dir $@)
	$(CC) -std=c99 $(WARN) $(CFLAGS) -I. $< -o $@ $(LIBS)

$(BUILD)/tests/%: tests/%.c seismic.h tests/harness.h
	@mkdir -p $(dir $@)
	$(CC) -std=c99 $(WARN) $(CFLAGS) -I. -Itests $< -o $@ $(LIBS)

$(BUILD)/bench/%: bench/%.c bench/clock.h seismic.h
	@mkdir -p $(dir $@)
	$(CC) -std=c99 $(WARN) -O2 -I. $< -o $@ $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c seismic.h
	@mkdir -p $(dir $@)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -I. $< -o $@ $(LIBS)

# Installs only what is missing: Debian packages with apt-get, npm packages with npm ci.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	@if [ -f tools/package-lock.json ] && [ ! -f tools/node_modules/.package-lock.json -o tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then \
	  npm ci --prefix tools --no-audit --no-fund --loglevel=error; fi

test: deps
	@$(MAKE) --no-print-directory -j$$(nproc) all $(FUZZERS)
	@bash tests/run.sh

fuzz: deps $(FUZZERS)
	@for f in $(FUZZERS); do name=$${f##*/fuzz_}; mkdir -p $(BUILD)/corpus/$$name; \
	  echo "== $$f (60 s)"; $$f -max_total_time=$${FUZZ_SECONDS:-60} -artifact_prefix=$(BUILD)/ $(BUILD)/corpus/$$name tests/fuzz/corpus/$$name || exit 1; done

bench: deps $(BENCHES)
	@echo "== bench/micro"; $(BUILD)/bench/micro
	@bash bench/run.sh

# Starts Anvil and the dev node on free ports, deploys the example contracts and runs every example.
demo: deps
	@$(MAKE) --no-print-directory all
	@bash tools/demo.sh

clean:
	rm -rf $(BUILD)

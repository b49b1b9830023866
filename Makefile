# seismic.h — `make` builds the CLI, the examples, the tests and the benchmarks in parallel; `make test` also
# installs what is missing (Debian packages, npm packages from the committed lock file) and runs everything.
# The implementation is compiled once per configuration (build/obj, build/asan, build/fuzz) and linked into
# every program; a source file that defines SEISMIC_IMPLEMENTATION itself (a test of private functions)
# is built on its own instead. V=1 prints the full commands.
CC ?= cc
CXX ?= c++
WARN := -Wall -Wextra -Wpedantic -Werror
CFLAGS ?= -O2 -g
LIBS := -lsecp256k1 -lbearssl
BUILD := build
# Programs that link the implementation object still use POSIX (clock_gettime, ...) under -std=c99.
POSIX := -D_POSIX_C_SOURCE=200809L
TESTENV := tools/testenv

APT_PACKAGES := libsecp256k1-dev libbearssl-dev clang libclang-rt-14-dev g++ libuv1-dev openssl cmake pkg-config jq \
  gcc-mingw-w64-x86-64 wine64 wine

ASAN_FLAGS := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_FLAGS := -g -O1 -fsanitize=address,undefined

TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
ASAN_TESTS := $(patsubst tests/%.c,$(BUILD)/asan/%,$(wildcard tests/test_*.c))
EXAMPLES := $(patsubst examples/%.c,$(BUILD)/examples/%,$(wildcard examples/*.c))
FUZZERS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
BENCHES := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
DEPLOY := $(BUILD)/tools/deploy_contracts
CLI_OBJS := $(patsubst tools/cli/%.c,$(BUILD)/obj/cli/%.o,$(wildcard tools/cli/*.c))
ASAN_CLI_OBJS := $(patsubst tools/cli/%.c,$(BUILD)/asan/cli/%.o,$(wildcard tools/cli/*.c))

# The sources that include the implementation themselves.
hash := \#
SELF_CONTAINED := $(shell grep -l '^$(hash)define SEISMIC_IMPLEMENTATION' tests/*.c tests/fuzz/*.c examples/*.c bench/*.c 2>/dev/null)
# $(call impl,SOURCE,OBJECT): OBJECT unless SOURCE carries its own implementation.
impl = $(if $(filter $1,$(SELF_CONTAINED)),,$2)

# Parallel by default (make -j1 for one step at a time).
ifeq ($(MAKELEVEL)$(filter -j%,$(MAKEFLAGS)),0)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif

ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-5s %s\n'
endif

.PHONY: all asan windows deps test fuzz bench demo devnet devnet-stop install clean FORCE
all: $(BUILD)/seismic $(EXAMPLES) $(DEPLOY) $(TESTS) $(BENCHES)
asan: $(ASAN_TESTS) $(BUILD)/asan/seismic

# The implementation, once per configuration.
$(BUILD)/obj/seismic.o: seismic.h
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) -std=c99 $(WARN) $(CFLAGS) -DSEISMIC_IMPLEMENTATION -x c -c $< -o $@

$(BUILD)/asan/seismic.o: seismic.h
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)clang -std=c99 $(WARN) $(ASAN_FLAGS) -DSEISMIC_IMPLEMENTATION -x c -c $< -o $@

$(BUILD)/fuzz/seismic.o: seismic.h
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)clang -std=c99 $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -DSEISMIC_IMPLEMENTATION -x c -c $< -o $@

# `seismic --version` names the commit the CLI was built from ("unknown" outside a git checkout) and the
# time (SOURCE_DATE_EPOCH when set, for reproducible builds). main.o is rebuilt when the commit changes.
CLI_COMMIT := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
CLI_VERSION_FLAGS = -DSEISMIC_CLI_COMMIT='"$(CLI_COMMIT)"' -DSEISMIC_CLI_BUILD_TIME=$${SOURCE_DATE_EPOCH:-$$(date +%s)}
$(BUILD)/cli-commit: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CLI_COMMIT)' | cmp -s - $@ || echo '$(CLI_COMMIT)' >$@
FORCE:
$(BUILD)/obj/cli/main.o $(BUILD)/asan/cli/main.o $(BUILD)/win/obj/cli/main.o: $(BUILD)/cli-commit
$(BUILD)/obj/cli/main.o $(BUILD)/asan/cli/main.o $(BUILD)/win/obj/cli/main.o: EXTRA_CFLAGS = $(CLI_VERSION_FLAGS)
# `seismic devnet` runs tools/testenv/devnet.sh of this checkout.
$(BUILD)/obj/cli/devnet.o $(BUILD)/asan/cli/devnet.o: EXTRA_CFLAGS = -DSEISMIC_CLI_SOURCE_DIR='"$(CURDIR)"'

$(BUILD)/obj/cli/%.o: tools/cli/%.c tools/cli/cli.h seismic.h
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) -std=c99 $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -I. -c $< -o $@

$(BUILD)/seismic: $(CLI_OBJS) $(BUILD)/obj/seismic.o
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $^ -o $@ $(LIBS) -pthread

# The CLI under AddressSanitizer and UndefinedBehaviorSanitizer, for the CLI suites in tests/run.sh.
$(BUILD)/asan/cli/%.o: tools/cli/%.c tools/cli/cli.h seismic.h
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)clang -std=c99 $(WARN) $(ASAN_FLAGS) $(EXTRA_CFLAGS) -I. -c $< -o $@

$(BUILD)/asan/seismic: $(ASAN_CLI_OBJS) $(BUILD)/asan/seismic.o
	$(say) LD $@
	$(Q)clang $(ASAN_FLAGS) $^ -o $@ $(LIBS) -pthread

.SECONDEXPANSION:
$(BUILD)/examples/libuv_loop: LIBS += -luv
$(BUILD)/examples/%: examples/%.c examples/clock.h examples/example.h seismic.h $$(call impl,examples/$$*.c,$(BUILD)/obj/seismic.o)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) -std=c99 $(WARN) $(CFLAGS) $(POSIX) -I. $(filter %.c %.o,$^) -o $@ $(LIBS)

# The setup tool that deploys the examples' contracts (make devnet, make demo, tests/examples.sh).
$(DEPLOY): tools/testenv/deploy_contracts.c seismic.h $(BUILD)/obj/seismic.o
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) -std=c99 $(WARN) $(CFLAGS) $(POSIX) -I. $(filter %.c %.o,$^) -o $@ $(LIBS)

$(BUILD)/tests/%: tests/%.c seismic.h tests/harness.h tests/support.h tests/memnet.h $$(call impl,tests/$$*.c,$(BUILD)/obj/seismic.o)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) -std=c99 $(WARN) $(CFLAGS) $(POSIX) -I. -Itests $(filter %.c %.o,$^) -o $@ $(LIBS)

$(BUILD)/asan/%: tests/%.c seismic.h tests/harness.h tests/support.h tests/memnet.h $$(call impl,tests/$$*.c,$(BUILD)/asan/seismic.o)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)clang -std=c99 $(WARN) $(ASAN_FLAGS) $(POSIX) -I. -Itests $(filter %.c %.o,$^) -o $@ $(LIBS)

$(BUILD)/bench/%: bench/%.c bench/clock.h seismic.h $$(call impl,bench/$$*.c,$(BUILD)/obj/seismic.o)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) -std=c99 $(WARN) $(CFLAGS) $(POSIX) -I. $(filter %.c %.o,$^) -o $@ $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c seismic.h $$(call impl,tests/fuzz/$$*.c,$(BUILD)/fuzz/seismic.o)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)clang $(FUZZ_FLAGS) -fsanitize=fuzzer $(POSIX) -I. $(filter %.c %.o,$^) -o $@ $(LIBS)

# Windows (x86_64, mingw-w64, run under Wine by make test): everything in build/win/. The two libraries
# come from Debian's source packages (tools/windows/deps.sh, once); then the implementation once, the CLI,
# every test and every example but libuv_loop, as .exe. Link flags for Windows: -lws2_32 -lbcrypt -lcrypt32
# -liphlpapi.
WIN := $(BUILD)/win
WIN_CC := x86_64-w64-mingw32-gcc
WIN_CFLAGS := -std=c99 $(WARN) -O2 -D__USE_MINGW_ANSI_STDIO=1 -I$(WIN)/include
WIN_LIBS := -L$(WIN)/lib -lsecp256k1 -lbearssl -lws2_32 -lbcrypt -lcrypt32 -liphlpapi
WIN_DEPS := $(WIN)/lib/deps.stamp
WIN_TESTS := $(patsubst tests/%.c,$(WIN)/tests/%.exe,$(wildcard tests/test_*.c))
WIN_EXAMPLES := $(patsubst examples/%.c,$(WIN)/examples/%.exe,$(filter-out examples/libuv_loop.c,$(wildcard examples/*.c)))
WIN_CLI_OBJS := $(patsubst tools/cli/%.c,$(WIN)/obj/cli/%.o,$(wildcard tools/cli/*.c))

windows: $(WIN)/seismic.exe $(WIN_TESTS) $(WIN_EXAMPLES)

$(WIN_DEPS): tools/windows/deps.sh
	$(say) DEPS $(WIN)/lib
	$(Q)bash tools/windows/deps.sh $(WIN) && touch $@

$(WIN)/obj/seismic.o: seismic.h $(WIN_DEPS)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -DSEISMIC_IMPLEMENTATION -x c -c $< -o $@

$(WIN)/obj/cli/%.o: tools/cli/%.c tools/cli/cli.h seismic.h $(WIN_DEPS)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) $(EXTRA_CFLAGS) -I. -c $< -o $@

$(WIN)/seismic.exe: $(WIN_CLI_OBJS) $(WIN)/obj/seismic.o
	$(say) LD $@
	$(Q)$(WIN_CC) $^ -o $@ $(WIN_LIBS)

$(WIN)/examples/%.exe: examples/%.c examples/clock.h seismic.h $(WIN_DEPS) $$(call impl,examples/$$*.c,$(WIN)/obj/seismic.o)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -I. $(filter %.c %.o,$^) -o $@ $(WIN_LIBS)

$(WIN)/tests/%.exe: tests/%.c seismic.h tests/harness.h tests/support.h tests/memnet.h $(WIN_DEPS) $$(call impl,tests/$$*.c,$(WIN)/obj/seismic.o)
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -I. -Itests $(filter %.c %.o,$^) -o $@ $(WIN_LIBS)

# Installs only what is missing: Debian packages with apt-get, npm packages with npm ci (skipped when every
# package of the lock file is installed at its locked version).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	@node $(TESTENV)/check-deps.js 2>/dev/null || \
	  npm ci --prefix $(TESTENV) --no-audit --no-fund --loglevel=error

test: deps
	@$(MAKE) --no-print-directory all asan windows $(FUZZERS)
	@bash tests/run.sh

fuzz: deps $(FUZZERS)
	@for f in $(FUZZERS); do name=$${f##*/fuzz_}; mkdir -p $(BUILD)/corpus/$$name; \
	  echo "== $$f (60 s)"; $$f -max_total_time=$${FUZZ_SECONDS:-60} -artifact_prefix=$(BUILD)/ $(BUILD)/corpus/$$name tests/fuzz/corpus/$$name || exit 1; done

bench: deps
	@$(MAKE) --no-print-directory $(BENCHES)
	@echo "== bench/micro"; $(BUILD)/bench/micro
	@echo "== bench/idle"; $(BUILD)/bench/idle
	@bash bench/run.sh

# Starts Anvil and the dev node on free ports, deploys the example contracts and runs every example.
demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/seismic $(EXAMPLES) $(DEPLOY)
	@bash $(TESTENV)/demo.sh

# make install PREFIX=/usr/local [DESTDIR=...]: the header, the CLI, seismic.pc (pkg-config) and the CMake
# package (find_package(seismic) -> seismic::seismic).
PREFIX ?= /usr/local
version_part = $(shell sed -n 's/^$(hash)define SEISMIC_VERSION_$1 \([0-9]*\)$$/\1/p' seismic.h)
VERSION = $(call version_part,MAJOR).$(call version_part,MINOR).$(call version_part,PATCH)
install: $(BUILD)/seismic
	$(say) INSTALL $(DESTDIR)$(PREFIX)
	$(Q)install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/lib/cmake/seismic
	$(Q)install -m 644 seismic.h $(DESTDIR)$(PREFIX)/include/seismic.h
	$(Q)install -m 755 $(BUILD)/seismic $(DESTDIR)$(PREFIX)/bin/seismic
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' pkg/seismic.pc.in \
	  >$(DESTDIR)$(PREFIX)/lib/pkgconfig/seismic.pc
	$(Q)install -m 644 pkg/seismicConfig.cmake $(DESTDIR)$(PREFIX)/lib/cmake/seismic/seismicConfig.cmake
	$(Q)sed -e 's|@VERSION@|$(VERSION)|' -e 's|@MAJOR@|$(call version_part,MAJOR)|' \
	  -e 's|@MINOR@|$(call version_part,MINOR)|' pkg/seismicConfigVersion.cmake.in \
	  >$(DESTDIR)$(PREFIX)/lib/cmake/seismic/seismicConfigVersion.cmake

# A dev node on http://127.0.0.1:8545 (DEVNET_PORT=...) with the example contracts, in the background.
devnet: deps
	@$(MAKE) --no-print-directory $(DEPLOY)
	@bash $(TESTENV)/devnet.sh start

devnet-stop:
	@bash $(TESTENV)/devnet.sh stop

clean:
	rm -rf $(BUILD)

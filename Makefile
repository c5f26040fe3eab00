# SPDX-License-Identifier: GPL-2.0
#
# make            zircon.ko for this machine's kernel, libzx and the selftests
# make check      every test suite on every test kernel, in VMs
# make run        boot a VM and run the demo (or PROGRAMS="...", FLAVOR=...)
# make status     regenerate the syscall status table in README.md
# make bench      boot a VM (FLAVOR=..., default stock-6.12), run zx-bench,
#                 write bench/results/ (table, CSV, chart)
# make fuzz       boot a VM (FLAVOR=..., default debug) and run zx-fuzz for
#                 DURATION seconds (default 600) from SEED (default random)
#
# module-build and selftests-build are what scripts/check.sh uses to build for
# one kernel (KDIR, ARCH, LLVM) into one directory (BUILD).

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
ARCH ?= $(shell uname -m)
override ARCH := $(patsubst aarch64,arm64,$(ARCH))
BUILD ?= $(ROOT)/build/host

# The running kernel's build tree, else the newest Debian headers.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64 /usr/src/linux-headers-*-arm64))))

MODULE_SOURCES := Kbuild $(wildcard uapi/*.h zx_*/*.c zx_*/*.h zx_*/kcompat/*.h) \
	$(shell find libzx/include -name '*.h')

ifeq ($(ARCH),arm64)
CROSS_COMPILE ?= $(if $(filter aarch64,$(shell uname -m)),,aarch64-linux-gnu-)
endif
CC := $(CROSS_COMPILE)gcc
CXX := $(CROSS_COMPILE)g++
AR := $(CROSS_COMPILE)ar

# kselftest's harness comes from the kernel source Debian ships.
KSRC_TARBALL ?= $(lastword $(sort $(wildcard /usr/src/linux-source-*.tar.xz)))
KSELFTEST_DIR := $(ROOT)/build/kselftest

WARN := -Wall -Wextra -Werror
CPPFLAGS_ZX := -I$(ROOT)/libzx/include
CXXFLAGS_ZX := -std=c++20 -O2 -g -fPIC -fno-exceptions -fno-rtti $(WARN) $(CPPFLAGS_ZX)
CFLAGS_TEST := -std=gnu11 -O2 -g $(WARN) -Wno-unused-parameter $(CPPFLAGS_ZX) \
	-I$(KSELFTEST_DIR) -D_GNU_SOURCE -pthread

LIBZX_SRCS := $(wildcard libzx/src/*.cc)
LIBZX_OBJS := $(patsubst libzx/src/%.cc,$(BUILD)/libzx/%.o,$(LIBZX_SRCS)) \
	$(BUILD)/libzx/fallbacks.o


SELFTEST_SRCS := $(wildcard selftests/*_test.c)
SELFTEST_BINS := $(patsubst selftests/%.c,$(BUILD)/bin/%,$(SELFTEST_SRCS))
PROGRAM_SRCS := $(wildcard samples/*.cc)
PROGRAM_BINS := $(patsubst samples/%.cc,$(BUILD)/bin/%,$(PROGRAM_SRCS))
BENCH_BINS := $(BUILD)/bin/zx-bench
# Test tools that ride along with the selftests into the VM.
TOOL_BINS := $(BUILD)/bin/zx-fuzz $(BUILD)/bin/as-user

.PHONY: all module module-build libzx selftests selftests-build abi-check \
	bench-build check run bench fuzz status clean lint

all: module libzx selftests abi-check

module:
	$(MAKE) module-build BUILD=$(ROOT)/build/module
	cp $(ROOT)/build/module/zircon.ko $(ROOT)/zircon.ko

# Kbuild writes next to the sources, so each kernel gets its own copy.
module-build:
	@test -n "$(KDIR)" || { echo "no kernel headers: set KDIR" >&2; exit 1; }
	mkdir -p $(BUILD)
	cd $(ROOT) && cp --parents -u $(MODULE_SOURCES) $(BUILD)/
	$(MAKE) -C $(KDIR) M=$(BUILD) W=1 $(if $(filter 1,$(LLVM)),LLVM=1) \
		$(if $(filter arm64,$(ARCH)),ARCH=arm64) modules

libzx: $(BUILD)/libzx/libzx.a $(BUILD)/libzx/libzx.so
	cp $(BUILD)/libzx/libzx.a $(BUILD)/libzx/libzx.so $(ROOT)/libzx/

$(BUILD)/libzx/%.o: libzx/src/%.cc $(wildcard libzx/src/*.h) uapi/zircon_ioctl.h
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_ZX) -c $< -o $@

$(BUILD)/libzx/fallbacks.cc: docs/syscalls.tsv $(LIBZX_SRCS) scripts/syscalls.py \
		libzx/include/zircon/syscalls.h libzx/include/zircon/syscalls-next.h \
		libzx/include/zircon/testonly-syscalls.h
	@mkdir -p $(dir $@)
	python3 scripts/syscalls.py fallbacks $@

$(BUILD)/libzx/fallbacks.o: $(BUILD)/libzx/fallbacks.cc
	$(CXX) $(CXXFLAGS_ZX) -Wno-unused-parameter -c $< -o $@

$(BUILD)/libzx/libzx.a: $(LIBZX_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/libzx/libzx.so: $(LIBZX_OBJS)
	$(CXX) -shared -o $@ $^ -pthread

$(KSELFTEST_DIR)/kselftest_harness.h:
	@test -n "$(KSRC_TARBALL)" || { echo "need linux-source-*: run scripts/vm/deps.sh" >&2; exit 1; }
	mkdir -p $(KSELFTEST_DIR)
	tar -xJf $(KSRC_TARBALL) -C $(KSELFTEST_DIR) --strip-components=4 --wildcards \
		'*/tools/testing/selftests/kselftest_harness.h' '*/tools/testing/selftests/kselftest.h'

# checkpatch, from the same source, for `make lint`.
CHECKPATCH_DIR := $(ROOT)/build/checkpatch
CHECKPATCH := $(CHECKPATCH_DIR)/checkpatch.pl
KERNEL_C_SOURCES := $(sort $(wildcard zx_*/*.c zx_*/*.h uapi/*.h))

$(CHECKPATCH):
	@test -n "$(KSRC_TARBALL)" || { echo "need linux-source-*: run scripts/vm/deps.sh" >&2; exit 1; }
	mkdir -p $(CHECKPATCH_DIR)
	tar -xJf $(KSRC_TARBALL) -C $(CHECKPATCH_DIR) --strip-components=2 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch'

# Kernel style: any checkpatch error or warning fails.
lint: $(CHECKPATCH)
	@fail=0; for f in $(KERNEL_C_SOURCES); do \
		perl $(CHECKPATCH) --no-tree --quiet --file $$f || fail=1; \
	done; \
	if [ $$fail = 0 ]; then echo "lint: $(words $(KERNEL_C_SOURCES)) files checkpatch-clean"; fi; \
	exit $$fail

selftests: selftests-build

selftests-build: abi-check $(SELFTEST_BINS) $(PROGRAM_BINS) $(TOOL_BINS) $(BUILD)/bin/run-all

$(BUILD)/bin/%_test: selftests/%_test.c selftests/zx_test.h $(KSELFTEST_DIR)/kselftest_harness.h \
		$(BUILD)/libzx/libzx.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_TEST) -c $< -o $@.o
	$(CXX) -static -pthread -o $@ $@.o $(BUILD)/libzx/libzx.a
	rm -f $@.o

$(BUILD)/bin/%: samples/%.cc $(BUILD)/libzx/libzx.a
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_ZX) -static -pthread -o $@ $< $(BUILD)/libzx/libzx.a

# The benchmark is built like the samples (static, libzx only).
bench-build: $(BENCH_BINS)

$(BUILD)/bin/zx-bench: bench/zx-bench.cc $(BUILD)/libzx/libzx.a
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_ZX) -static -pthread -o $@ $< $(BUILD)/libzx/libzx.a

$(BUILD)/bin/zx-fuzz: tools/zx-fuzz/zx-fuzz.cc $(BUILD)/libzx/libzx.a
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_ZX) -static -pthread -o $@ $< $(BUILD)/libzx/libzx.a

$(BUILD)/bin/as-user: tools/as-user/as-user.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 $(WARN) -static -o $@ $<

$(BUILD)/bin/run-all: selftests/run-all
	@mkdir -p $(dir $@)
	cp $< $@

# The public headers compile as C and C++, and their layouts match Fuchsia's;
# all_headers.c includes every one of them (a header it misses fails here).
# selftests-build runs it, so every `make check` flavor checks its ARCH.
abi-check:
	@missing=$$(cd $(ROOT)/libzx/include && find . -name '*.h' | sed 's|^\./||' | LC_ALL=C sort | \
		while read -r h; do grep -qxF "#include <$$h>" $(ROOT)/libzx/tests/all_headers.c || echo "$$h"; done); \
	if [ -n "$$missing" ]; then \
		echo "libzx/tests/all_headers.c does not include:" $$missing >&2; exit 1; fi
	$(CC) -std=c11 $(WARN) -pedantic $(CPPFLAGS_ZX) -c libzx/tests/abi_check.c -o /dev/null
	$(CXX) -std=c++17 $(WARN) -pedantic $(CPPFLAGS_ZX) -x c++ -c libzx/tests/abi_check.c -o /dev/null
	$(CC) -std=c11 $(WARN) -pedantic $(CPPFLAGS_ZX) -c libzx/tests/all_headers.c -o /dev/null
	$(CXX) -std=c++17 $(WARN) -pedantic $(CPPFLAGS_ZX) -x c++ -c libzx/tests/all_headers.c -o /dev/null

check:
	scripts/vm/deps.sh
	python3 scripts/syscalls.py check README.md
	$(MAKE) lint
	scripts/check.sh

run:
	scripts/vm/deps.sh
	scripts/run.sh $(if $(FLAVOR),--flavor $(FLAVOR)) $(PROGRAMS)

bench:
	scripts/vm/deps.sh
	scripts/bench.sh $(if $(FLAVOR),--flavor $(FLAVOR))

fuzz:
	scripts/vm/deps.sh
	scripts/fuzz.sh $(if $(FLAVOR),--flavor $(FLAVOR)) $(if $(DURATION),--duration $(DURATION)) \
		$(if $(SEED),--seed $(SEED))

status:
	python3 scripts/syscalls.py readme README.md

clean:
	rm -rf build zircon.ko libzx/libzx.a libzx/libzx.so

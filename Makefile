# openita — build, test, benchmark.
#
#   make            build build/openita (and build/libopenita.a)
#   make demo       build, score the bundled demo data, then start the web system on a fresh
#                   demo database (build/demo.db) and print its URL and accounts
#   make test       every test: unit and CLI tests, again under ASan+UBSan, fuzzers for a
#                   bounded time; ends with one line "N passed, N failed"
#   make bench      the national scoring benchmark (bench/README.md)
#   make bench-reports  the four documents of every agency, against LibreOffice (bench/reports.sh)
#   make bench-evidence  OIT evidence capture of 10,000 URLs, against curl --parallel
#
# Variables: BUILD (output folder), SAN=1 (AddressSanitizer + UndefinedBehaviorSanitizer).

CC       ?= cc
BUILD    ?= build
CSTD      = -std=c11 -D_GNU_SOURCE
WARN      = -Wall -Wextra -Werror -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes
OPT      ?= -O2 -g
ifeq ($(SAN),1)
OPT       = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
endif
PKGS      = pangocairo cairo
CPPFLAGS += -Iinclude -Isrc/core -Isrc/web -Isrc/store -Isrc/render -Isrc/check
CFLAGS   += $(CSTD) $(WARN) $(OPT)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS    = -lmicrohttpd -lsqlite3 -lsodium -lqrencode -lxlsxwriter -lzip $(PKG_LIBS) \
            -ljansson -lcurl -lz -lm -lpthread

# Layers (docs/architecture.md): core ← store ← render, check ← web ← cli. All of them go into
# libopenita.a, so tests and benchmarks link exactly what the program runs.
CORE_SRC  = $(wildcard src/core/*.c)
LIB_SRC   = $(CORE_SRC) $(wildcard src/store/*.c src/render/*.c src/check/*.c src/web/*.c)
CLI_SRC   = $(wildcard src/cli/*.c)
FRAMEWORKS = $(sort $(wildcard frameworks/*.json))
PLAYBOOKS = $(sort $(wildcard playbooks/*.json))
CORE_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/builtin_frameworks.o \
            $(BUILD)/gen/builtin_playbooks.o
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC  = $(wildcard tests/*/test_*.c)
TEST_BIN  = $(TEST_SRC:%.c=$(BUILD)/%)

all: $(BUILD)/openita

$(BUILD)/%.o: %.c $(wildcard include/openita/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 $< -o $@

$(BUILD)/gen/builtin_frameworks.c: $(BUILD)/tools/embed $(FRAMEWORKS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(FRAMEWORKS)

$(BUILD)/gen/builtin_frameworks.o: $(BUILD)/gen/builtin_frameworks.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/gen/builtin_playbooks.c: $(BUILD)/tools/embed $(PLAYBOOKS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ --table oi_builtin_playbooks $(PLAYBOOKS)

$(BUILD)/gen/builtin_playbooks.o: $(BUILD)/gen/builtin_playbooks.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libopenita.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/openita: $(CLI_OBJ) $(BUILD)/libopenita.a
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h tests/*/*.h) $(BUILD)/libopenita.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(PKG_CFLAGS) $< $(BUILD)/libopenita.a $(LDLIBS) -lcmocka -o $@

tests: $(TEST_BIN) $(BUILD)/openita

DEMO_LISTEN ?= 127.0.0.1:8080
# Parallel compile jobs of `make test` (the machine's cores).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

demo: $(BUILD)/openita
	$(BUILD)/openita score --framework ita-2565 --agencies data/demo/agencies.csv \
	  --iit data/demo/iit.csv --eit data/demo/eit.csv --oit data/demo/oit.csv --format text
	rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	$(BUILD)/openita serve --db $(BUILD)/demo.db --demo --listen $(DEMO_LISTEN)

# The whole suite: plain build, sanitizer build, fuzzers. tests/run.sh prints the closing line.
test:
	$(MAKE) -j$(JOBS) tests BUILD=build
	$(MAKE) -j$(JOBS) tests BUILD=build-san SAN=1
	$(MAKE) -j$(JOBS) fuzzers
	tests/run.sh build build-san build-fuzz

FUZZ_CC    = clang
FUZZ_FLAGS = $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc/core -Isrc/web \
             -Isrc/check
FUZZ_SRC   = $(wildcard fuzz/fuzz_*.c)
# The web parsers the fuzzers drive besides the core (they depend on the core only).
FUZZ_WEB   = src/web/form.c src/web/buf.c
# What evidence capture does with outside bytes (content types, first bytes, HTML text, the
# JSON line); core only.
FUZZ_CHECK = src/check/content_type.c src/check/capture_json.c src/check/html_text.c src/check/date_words.c

fuzzers: $(FUZZ_SRC:fuzz/%.c=build-fuzz/%)

build-fuzz/gen/builtin_frameworks.c: $(BUILD)/tools/embed $(FRAMEWORKS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(FRAMEWORKS)

build-fuzz/gen/builtin_playbooks.c: $(BUILD)/tools/embed $(PLAYBOOKS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ --table oi_builtin_playbooks $(PLAYBOOKS)

build-fuzz/%: fuzz/%.c $(CORE_SRC) $(FUZZ_WEB) $(FUZZ_CHECK) build-fuzz/gen/builtin_frameworks.c \
              build-fuzz/gen/builtin_playbooks.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $< $(CORE_SRC) $(FUZZ_WEB) $(FUZZ_CHECK) \
	  build-fuzz/gen/builtin_frameworks.c build-fuzz/gen/builtin_playbooks.c \
	  -ljansson -lm -o $@

bench: $(BUILD)/openita
	bash bench/run.sh

# Survey submissions under load beside nginx, and the kill -9 durability test (docs/BENCHMARKS.md).
bench-load: $(BUILD)/openita
	OPENITA_BIN=$(BUILD)/openita bash bench/load.sh

bench-reports: $(BUILD)/openita $(BUILD)/bench/report_bench
	OPENITA=$(BUILD)/openita REPORT_BENCH=$(BUILD)/bench/report_bench bash bench/reports.sh

# The document benchmark's driver links libopenita.a like the tests.
$(BUILD)/bench/report_bench: bench/report_bench.c $(BUILD)/libopenita.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) $< $(BUILD)/libopenita.a $(LDLIBS) -o $@

# The NACC admin's plan overview of 8,300 agencies beside one SQLite query (docs/BENCHMARKS.md).
bench-plans: $(BUILD)/bench/plans_bench
	bash bench/plans.sh $(BUILD)/bench/plans_bench

$(BUILD)/bench/plans_bench: bench/plans_bench.c $(BUILD)/libopenita.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) $< $(BUILD)/libopenita.a $(LDLIBS) -o $@

bench-crash: $(BUILD)/openita
	OPENITA_BIN=$(BUILD)/openita bash bench/crash.sh

# OIT evidence capture of 10,000 URLs beside curl --parallel (docs/BENCHMARKS.md).
bench-evidence: $(BUILD)/openita
	OPENITA_BIN=$(BUILD)/openita bash bench/evidence.sh

clean:
	rm -rf build build-san build-fuzz

.PHONY: all tests demo test fuzzers bench bench-load bench-reports bench-crash bench-evidence bench-plans clean

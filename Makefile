# engage - build, test and run the toolkit.
#
#   make          build every executable into bin/
#   make deps     install the Debian packages the build needs (apt-get)
#   make test     deps, build, then every unit and end-to-end test
#   make demo     deps, build, run pipelines/demo.pipeline, print the report path
#   make check    every test built with ASan and UBSan, the demo under valgrind,
#                 the CSV reader's threads under ThreadSanitizer
#   make fuzz     each libFuzzer target for FUZZ_SECONDS (default 60) seconds
#   make clean    remove bin/ and build/ (the check and fuzz builds too)

CC      ?= gcc
CFLAGS  ?= -O2
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -pthread -Iinclude
DEP_CFLAGS = $(shell pkg-config --cflags xlsxwriter libpcre2-8 libxxhash nettle libidn2 2>/dev/null)
DEP_LIBS   = $(shell pkg-config --libs xlsxwriter libpcre2-8 libxxhash nettle libidn2 2>/dev/null) -lunistring -lcsv -lm -pthread
TEST_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null)

# BUILD and BIN name the folders a build goes to, and SANFLAGS is added to
# every compile and link: make check builds into build/check/ with the
# sanitizers, make fuzz into build/fuzz/ with clang, beside the normal build.
BUILD    ?= build
BIN      ?= bin
SANFLAGS ?=

STAGES  := extract clean join compute render engage
BINS    := $(STAGES:%=$(BIN)/%)
LIB_SRC := $(wildcard stages/lib/*.c)
LIB_OBJ := $(LIB_SRC:stages/lib/%.c=$(BUILD)/lib/%.o)
LIB     := $(BUILD)/libengage.a
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Every fuzz target's harness, replayed over its seeds and the inputs that
# once crashed it (tests/fuzz/corpus/TARGET/) as a cmocka binary of make test.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN   := $(FUZZ_TARGETS:%=$(BUILD)/tests/replay_%)

# Each compile writes the headers its source includes into a .d file beside
# its object (build/fuzz/dep/ for the libFuzzer programs, built in one
# step), read at the end of this file: touching a header rebuilds
# only what includes it. -MP adds an empty rule per header, so a deleted
# header does not stop the build. Every compile also depends on this file,
# which holds the flags.
DEPFLAGS = -MMD -MP

.PHONY: all deps test unit e2e demo clean update-golden test-bins

all: $(BINS)

# Every executable and test binary of one build (BUILD, BIN, SANFLAGS).
test-bins: all $(UNIT_BIN) $(REPLAY_BIN)

# A library counts as present when pkg-config finds it (libcsv and
# libunistring ship no .pc file: their headers are looked for instead);
# apt-get runs only for what is missing, through sudo when not root.
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists libpcre2-8 2>/dev/null || missing="$$missing libpcre2-dev"; \
	pkg-config --exists cmocka 2>/dev/null || missing="$$missing libcmocka-dev"; \
	pkg-config --exists libxxhash 2>/dev/null || missing="$$missing libxxhash-dev"; \
	pkg-config --exists nettle 2>/dev/null || missing="$$missing nettle-dev"; \
	[ -f /usr/include/csv.h ] || missing="$$missing libcsv-dev"; \
	pkg-config --exists libidn2 2>/dev/null || missing="$$missing libidn2-dev"; \
	[ -f /usr/include/unicase.h ] || missing="$$missing libunistring-dev"; \
	command -v unzip >/dev/null 2>&1 || missing="$$missing unzip"; \
	command -v sqlite3 >/dev/null 2>&1 || missing="$$missing sqlite3"; \
	/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing="$$missing python3-openpyxl"; \
	command -v xz >/dev/null 2>&1 || missing="$$missing xz-utils"; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing" >&2; \
		sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BUILD)/lib/%.o: stages/lib/%.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) $(DEP_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# Programs are linked from their objects, so a header change recompiles
# only the sources that include it (and relinks what uses the library).
$(BUILD)/main/%.o: stages/%/main.c Makefile
	@mkdir -p $(BUILD)/main
	$(CC) $(CFLAGS) $(SANFLAGS) $(DEP_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BIN)/%: $(BUILD)/main/%.o $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(LIB) $(DEP_LIBS)

$(BUILD)/unit/%.o: tests/unit/%.c Makefile
	@mkdir -p $(BUILD)/unit
	$(CC) $(CFLAGS) $(SANFLAGS) $(DEP_CFLAGS) $(TEST_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/unit/%.o $(LIB)
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(LIB) $(DEP_LIBS) $(TEST_LIBS)

# A replay binary is two sources (the harness and the replayer), each
# compiled to its own object.
$(BUILD)/replay/fuzz_%.o: tests/fuzz/fuzz_%.c Makefile
	@mkdir -p $(BUILD)/replay
	$(CC) $(CFLAGS) $(SANFLAGS) $(DEP_CFLAGS) $(TEST_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/replay/replay_%.o: tests/fuzz/replay.c Makefile
	@mkdir -p $(BUILD)/replay
	$(CC) $(CFLAGS) $(SANFLAGS) $(DEP_CFLAGS) $(TEST_CFLAGS) $(DEPFLAGS) \
		-DFUZZ_TARGET='"$*"' -c -o $@ $<

# The objects of programs are kept, not removed as intermediate files.
.SECONDARY: $(STAGES:%=$(BUILD)/main/%.o) $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%.o) \
	$(FUZZ_TARGETS:%=$(BUILD)/replay/fuzz_%.o) $(FUZZ_TARGETS:%=$(BUILD)/replay/replay_%.o)

$(BUILD)/tests/replay_%: $(BUILD)/replay/replay_%.o $(BUILD)/replay/fuzz_%.o $(LIB)
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(BUILD)/replay/replay_$*.o $(BUILD)/replay/fuzz_$*.o \
		$(LIB) $(DEP_LIBS) $(TEST_LIBS)

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(REPLAY_BIN)
	@bash tests/run.sh $(UNIT_BIN) $(REPLAY_BIN)

demo: deps
	@$(MAKE) --no-print-directory all
	@bin/engage run pipelines/demo.pipeline
	@echo "$(CURDIR)/out/demo/report.xlsx"

update-golden: all
	@bash tests/run.sh --update-golden

clean:
	rm -rf bin build

# make check: the whole suite again with AddressSanitizer and
# UndefinedBehaviorSanitizer (LeakSanitizer too), built into build/check/
# so the normal build stays as it is, and run in a copy of the tree whose
# bin/ holds those executables (tests/faults/sanitized_suite.sh). Every
# sanitizer report aborts the process, which fails its test.
# Then the demo pipeline under valgrind memcheck, every stage included: no
# error and no leak (tests/faults/valgrind_demo.sh).
CHECK_SANFLAGS := -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

.PHONY: check check-deps
check-deps:
	@command -v valgrind >/dev/null 2>&1 || { \
		echo "check: installing valgrind" >&2; \
		sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq valgrind >/dev/null; }

check: deps check-deps
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory -j$$(nproc) test-bins && \
	$(MAKE) --no-print-directory -j$$(nproc) BUILD=build/check BIN=build/check/bin \
		SANFLAGS="$(CHECK_SANFLAGS)" test-bins && \
	bash tests/faults/sanitized_suite.sh && \
	bash tests/faults/valgrind_demo.sh && \
	$(MAKE) --no-print-directory check-threads && \
	echo "check: passed in $$(( $$(date +%s) - start )) s"

# make check-threads (part of make check): the CSV reader's parsing threads
# and render's second thread under ThreadSanitizer, built into build/tsan/:
# the reader's unit tests, extract on a file cut into many pieces, and
# render on the demo shop (tests/faults/thread_suite.sh).
TSAN_SANFLAGS := -g -fsanitize=thread
.PHONY: check-threads
check-threads: deps
	@$(MAKE) --no-print-directory -j$$(nproc) BUILD=build/tsan BIN=build/tsan/bin \
		SANFLAGS="$(TSAN_SANFLAGS)" build/tsan/bin/extract build/tsan/bin/render \
		build/tsan/tests/test_csv_table \
		build/tsan/tests/test_csv_cut && \
	bash tests/faults/thread_suite.sh

# make fuzz: each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS seconds
# (default 60): the CSV reader, money, dates, the pipeline parser, and
# extract once per mapping of stages/extract/sources (fuzz_extract with
# FUZZ_SOURCE=NAME). Built with clang into build/fuzz/ with ASan and UBSan;
# each target starts from its seeds (fixtures, tests/fuzz/corpus/TARGET/)
# and the corpus it grew before (build/fuzz/corpus/TARGET/). A crash stops
# make fuzz and leaves its input in build/fuzz/crashes/: fix it, then keep
# the input in tests/fuzz/corpus/TARGET/, which make test replays. make fuzz
# -j2 runs two targets at a time.
FUZZ_SECONDS ?= 60
FUZZ_SANFLAGS := -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
EXTRACT_SOURCES := $(basename $(notdir $(wildcard stages/extract/sources/*.source)))
FUZZ_RUNS := $(filter-out extract,$(FUZZ_TARGETS)) $(EXTRACT_SOURCES:%=extract.%)

.PHONY: fuzz fuzz-deps fuzz-build
fuzz-deps:
	@echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' | \
	clang -fsanitize=fuzzer -x c -o /dev/null - >/dev/null 2>&1 || { \
		echo "fuzz: installing clang and its libFuzzer runtime" >&2; \
		sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq clang \
			"libclang-rt-$$(clang --version 2>/dev/null | sed -n 's/.*version \([0-9]*\).*/\1/p' | head -n 1)-dev" \
			>/dev/null 2>&1 || \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; }

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libengage.a Makefile
	@mkdir -p build/fuzz/dep
	clang $(CFLAGS) $(FUZZ_SANFLAGS) -fsanitize=fuzzer $(DEP_CFLAGS) $(DEPFLAGS) \
		-MF build/fuzz/dep/fuzz_$*.d -o $@ $< build/fuzz/libengage.a $(DEP_LIBS)

fuzz-build:
	@$(MAKE) --no-print-directory -j$$(nproc) BUILD=build/fuzz BIN=build/fuzz/bin CC=clang \
		SANFLAGS="$(FUZZ_SANFLAGS)" build/fuzz/libengage.a
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=build/fuzz/fuzz_%) $(REPLAY_BIN)

fuzz: deps fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	@rm -f build/fuzz/summary
	@$(MAKE) --no-print-directory $(FUZZ_RUNS:%=fuzz-run-%)
	@cat build/fuzz/summary
	@echo "fuzz: $(words $(FUZZ_RUNS)) targets, $(FUZZ_SECONDS) s each, no crash"

# One run: fuzz-run-csv, or fuzz-run-extract.SOURCE for one mapping.
fuzz-run-%:
	@bash tests/fuzz/run.sh $* $(FUZZ_SECONDS)

# make bench: stage times, throughput and peak memory on the Online Retail
# file (1x and 10x) and a generated Shopify shop (1M and 10M order lines),
# against DuckDB and sqlite doing the same sums (bench/README.md). Never
# part of make test. BENCH=quick: Online Retail 1x and 1M lines, 3 runs.
BENCH       ?= full
BENCH_TOOLS := build/bench/gen_shop build/bench/timeit build/bench/retail_copies \
	       build/bench/fit_time

# fit_time times the library's BG/NBD fit, so it links the library.
build/bench/fit_time: bench/fit_time.c $(LIB) Makefile
	@mkdir -p build/bench
	$(CC) $(CFLAGS) $(DEP_CFLAGS) $(DEPFLAGS) -o $@ $< $(LIB) $(DEP_LIBS)

build/bench/%: bench/%.c
	@mkdir -p build/bench
	$(CC) $(CFLAGS) -o $@ $< -lm

.PHONY: bench
bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_TOOLS)
	@bash bench/run.sh $(BENCH)

# The headers each object and program was built from (see DEPFLAGS); a .d
# file is only ever written by a compile, never made by a rule.
%.d: ;
-include $(wildcard $(BUILD)/lib/*.d $(BUILD)/main/*.d $(BUILD)/unit/*.d \
	$(BUILD)/replay/*.d build/fuzz/dep/*.d build/bench/*.d)

# engage - build, test and run the toolkit.
#
#   make          build every executable into bin/
#   make deps     install the Debian packages the build needs (apt-get)
#   make test     deps, build, then every unit and end-to-end test
#   make demo     deps, build, run pipelines/demo.pipeline, print the report path
#   make clean    remove bin/ and build/

CC      ?= gcc
CFLAGS  ?= -O2
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Iinclude
DEP_CFLAGS = $(shell pkg-config --cflags xlsxwriter libpcre2-8 libxxhash 2>/dev/null)
DEP_LIBS   = $(shell pkg-config --libs xlsxwriter libpcre2-8 libxxhash 2>/dev/null) -lcsv -lm
TEST_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null)

STAGES  := extract clean join compute render engage
BINS    := $(STAGES:%=bin/%)
LIB_SRC := $(wildcard stages/lib/*.c)
LIB_OBJ := $(LIB_SRC:stages/lib/%.c=build/lib/%.o)
LIB     := build/libengage.a
HEADERS := $(wildcard include/engage/*.h)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)




.PHONY: all deps test unit e2e demo clean update-golden

all: $(BINS)

# A library counts as present when pkg-config finds it (libcsv ships no .pc
# file: its header is looked for instead); apt-get runs only for what is
# missing, through sudo when not root.
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists xlsxwriter 2>/dev/null || missing="$$missing libxlsxwriter-dev"; \
	pkg-config --exists libpcre2-8 2>/dev/null || missing="$$missing libpcre2-dev"; \
	pkg-config --exists cmocka 2>/dev/null || missing="$$missing libcmocka-dev"; \
	pkg-config --exists libxxhash 2>/dev/null || missing="$$missing libxxhash-dev"; \
	[ -f /usr/include/csv.h ] || missing="$$missing libcsv-dev"; \
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

build/lib/%.o: stages/lib/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEP_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

bin/%: stages/%/main.c $(LIB) $(HEADERS)
	@mkdir -p bin
	$(CC) $(CFLAGS) $(DEP_CFLAGS) -o $@ $< $(LIB) $(DEP_LIBS)

build/tests/%: tests/unit/%.c $(LIB) $(HEADERS)
	@mkdir -p build/tests
	$(CC) $(CFLAGS) $(DEP_CFLAGS) $(TEST_CFLAGS) -o $@ $< $(LIB) $(DEP_LIBS) $(TEST_LIBS)

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@bash tests/run.sh $(UNIT_BIN)

demo: deps
	@$(MAKE) --no-print-directory all
	@bin/engage run pipelines/demo.pipeline
	@echo "$(CURDIR)/out/demo/report.xlsx"

update-golden: all
	@bash tests/run.sh --update-golden

clean:
	rm -rf bin build

# make bench: stage times, throughput and peak memory on the Online Retail
# file (1x and 10x) and a generated Shopify shop (1M and 10M order lines),
# against DuckDB and sqlite doing the same sums (bench/README.md). Never
# part of make test. BENCH=quick: Online Retail 1x and 1M lines, 3 runs.
BENCH       ?= full
BENCH_TOOLS := build/bench/gen_shop build/bench/timeit build/bench/retail_copies \
	       build/bench/fit_time

# fit_time times the library's BG/NBD fit, so it links the library.
build/bench/fit_time: bench/fit_time.c $(LIB) $(HEADERS)
	@mkdir -p build/bench
	$(CC) $(CFLAGS) $(DEP_CFLAGS) -o $@ $< $(LIB) $(DEP_LIBS)

build/bench/%: bench/%.c
	@mkdir -p build/bench
	$(CC) $(CFLAGS) -o $@ $< -lm

.PHONY: bench
bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_TOOLS)
	@bash bench/run.sh $(BENCH)

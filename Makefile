# promocap: build the library, the CLI, the tests and the benchmarks.
#   make            library + CLI             make test     the fast test suite
#   make test-long  the long tests (kill, hostile inputs, fuzz corpus)
#   make run        deps, build, double11      make bench    reference benchmarks
#   make deps       install Debian packages    make install  PREFIX=/usr/local
#   make SANITIZE=address,undefined test       make WERROR=1 (CI) warnings are errors
#   make fuzz       libFuzzer harnesses, FUZZ_SECONDS (60) each (FUZZ_TARGETS=fit: one)
#   make memcheck   a run under valgrind

# The release, printed by promocap --version and in the manual page.
VERSION  := 0.1.0

CC       ?= cc
PREFIX   ?= /usr/local
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpedantic -Wno-overlength-strings
DEBS     := pkg-config libgsl-dev libcsv-dev libinih-dev libxlsxwriter-dev libglpk-dev gnuplot-nox fonts-wqy-microhei
# libFuzzer is in clang's runtime package (libclang_rt.fuzzer), Debian's
# default clang version; valgrind for the memcheck step.
FUZZ_DEBS := clang libclang-rt-dev
MEMCHECK_DEBS := valgrind
PKGS     := gsl inih xlsxwriter

ifneq ($(WERROR),)
WARN += -Werror
endif

BUILD    := build
ifneq ($(SANITIZE),)
BUILD    := build-san
CFLAGS   += -O1 -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=$(SANITIZE)
endif

# make MPI=1: the same promocap against Open MPI (mpicc), into its own
# folder; `mpirun -n N build-mpi/promocap ...` shares the tasks over N ranks.
# Without MPI=1 nothing needs MPI.
MPI_DEBS := libopenmpi-dev openmpi-bin
ifneq ($(MPI),)
BUILD    := $(BUILD:build%=build-mpi%)
CC       := mpicc
CPPFLAGS += -DPC_MPI
DEBS     += $(MPI_DEBS)
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -linih -lxlsxwriter -lz)
CPPFLAGS  += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L $(PKG_CFLAGS)
# libcsv and GLPK ship no pkg-config file.
LDLIBS    += $(PKG_LIBS) -lcsv -lglpk -lpthread -lm

LIB_SRC   := $(wildcard src/*.c)
CLI_SRC   := $(wildcard src/cli/*.c)
TEST_SRC  := $(wildcard tests/test_*.c)
TOOL_SRC  := $(wildcard tests/tool_*.c)
BENCH_SRC := $(wildcard bench/*.c)

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS     := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TOOLS     := $(TOOL_SRC:tests/%.c=$(BUILD)/tests/%)
BENCHES   := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
LIB       := $(BUILD)/libpromocap.a
BIN       := $(BUILD)/promocap

.PHONY: all run test test-suite test-long test-long-suite test-mpi test-mpi-run bench bench-suite bench-mpi \
	bench-mpi-run deps fuzz-deps memcheck-deps install clean fuzz fuzz-build fuzz-run memcheck memcheck-run FORCE

all: $(BIN) $(if $(filter build,$(BUILD)),promocap) $(BUILD)/promocap.1 $(BUILD)/promocap.bash

promocap: $(BIN)
	ln -sf $(BIN) $@

$(BUILD)/%.o: %.c $(wildcard include/promocap/*.h src/*.h src/cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

# version.h for --version: VERSION, the git commit when built from a
# checkout ("-dirty" with uncommitted changes; empty without git or .git, a
# tarball), and inih's version (it has no version macro: pkg-config's, else
# the Debian package's, else unknown).  Rewritten only when its text
# changes, so only the CLI relinks after a commit.
FORCE:

$(BUILD)/gen/version.h: FORCE
	@mkdir -p $(dir $@)
	@c=""; if [ -e .git ] && command -v git >/dev/null 2>&1; then \
		c=$$(git rev-parse --short=12 HEAD 2>/dev/null); \
		if [ -n "$$c" ] && ! git diff --quiet HEAD -- 2>/dev/null; then c="$$c-dirty"; fi; fi; \
	i=$$(pkg-config --modversion inih 2>/dev/null || dpkg-query -W -f='$${Version}' libinih-dev 2>/dev/null || echo unknown); \
	printf '#define PC_VERSION "%s"\n#define PC_COMMIT "%s"\n#define PC_INIH_VERSION "%s"\n' \
		'$(VERSION)' "$$c" "$$i" > $@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/src/cli/version.o: $(BUILD)/gen/version.h
$(BUILD)/src/cli/version.o: CPPFLAGS += -I$(BUILD)/gen

# The manual page and the bash completion, written by the binary from the
# tables its --help and the key reference come from (no second copy).
$(BUILD)/promocap.1: $(BIN)
	$(BIN) manpage > $@.tmp && mv $@.tmp $@

$(BUILD)/promocap.bash: $(BIN)
	$(BIN) completion bash > $@.tmp && mv $@.tmp $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# The fuzz corpus test compiles the harnesses in.
$(BUILD)/tests/test_fuzz_corpus: $(wildcard fuzz/*.c fuzz/*.h)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# Installs the Debian packages $(1) when they are missing: as root with
# apt-get, otherwise with sudo -n if that works, otherwise names them.
define apt_install
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "installing:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "missing Debian packages:$$missing (install them: apt-get install$$missing)" >&2; exit 1; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing
endef

deps:
	$(call apt_install,$(DEBS))

fuzz-deps:
	$(call apt_install,$(FUZZ_DEBS))

memcheck-deps:
	$(call apt_install,$(MEMCHECK_DEBS))

# The packages go in first, then a fresh make builds with their flags.
run: deps
	@$(MAKE) --no-print-directory all
	$(BIN) run scenarios/double11.ini -o out/double11

test: deps
	@$(MAKE) --no-print-directory test-suite

test-suite: $(BIN) $(BUILD)/promocap.1 $(BUILD)/promocap.bash $(TESTS) $(TOOLS)
	@BUILD=$(BUILD) SUITE=fast sh tests/run.sh

# The long tests (tests/run.sh names them): CI runs them too.
test-long: deps
	@$(MAKE) --no-print-directory test-long-suite

test-long-suite: $(BIN) $(TESTS) $(TOOLS)
	@BUILD=$(BUILD) SUITE=long sh tests/run.sh

# The MPI tests (tests/mpi_test.sh): outputs of mpirun -n 2 and -n 3 against
# the build without MPI, byte for byte; a rank stopped mid-run.  They skip,
# saying so, without MPI=1 or without mpirun.
test-mpi: deps
	@$(MAKE) --no-print-directory test-mpi-run

test-mpi-run: $(if $(MPI),$(BIN))
	@$(MAKE) --no-print-directory MPI= all
	@MPI_BUILD=$(if $(MPI),$(BUILD)) PLAIN_BUILD=$(BUILD:build-mpi%=build%) sh tests/mpi_test.sh

# The MPI benchmark (bench/mpi.sh): task costs, scaling at 1 and 2 ranks, the
# estimate for 64 ranks.
bench-mpi: deps
	@$(MAKE) --no-print-directory bench-mpi-run

bench-mpi-run: $(if $(MPI),$(BIN))
	@[ -n "$(MPI)" ] || { echo "bench-mpi needs the MPI build: make MPI=1 bench-mpi" >&2; exit 2; }
	@$(MAKE) --no-print-directory MPI= all
	@MPI_BUILD=$(BUILD) sh bench/mpi.sh

bench: deps
	@$(MAKE) --no-print-directory bench-suite

bench-suite: $(BIN) $(BENCHES)
	@BUILD=$(BUILD) sh bench/run.sh

install: $(BIN) $(LIB) $(BUILD)/promocap.1 $(BUILD)/promocap.bash
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/promocap
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/promocap
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libpromocap.a
	install -m 644 include/promocap/*.h $(DESTDIR)$(PREFIX)/include/promocap/
	install -d $(DESTDIR)$(PREFIX)/share/promocap/plots
	install -m 644 plots/*.gp $(DESTDIR)$(PREFIX)/share/promocap/plots/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 $(BUILD)/promocap.1 $(DESTDIR)$(PREFIX)/share/man/man1/promocap.1
	install -m 644 $(BUILD)/promocap.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/promocap

# ---- valgrind ------------------------------------------------------------
# A short run under memcheck: any invalid access, uninitialised value or
# leak (definite, indirect or possible) fails it.  CI runs it.
MEMCHECK_DIR := $(BUILD)/memcheck
VALGRIND     := valgrind --quiet --error-exitcode=3 --leak-check=full \
                --show-leak-kinds=definite,indirect,possible \
                --errors-for-leak-kinds=definite,indirect,possible

memcheck: deps memcheck-deps
	@$(MAKE) --no-print-directory memcheck-run

memcheck-run: $(BIN)
	@rm -rf $(MEMCHECK_DIR)
	$(VALGRIND) $(BIN) run tests/data/sim/golden.ini --reps 2 --threads 2 -o $(MEMCHECK_DIR) --quiet
	$(VALGRIND) $(BIN) check scenarios/double11.ini >/dev/null
	$(VALGRIND) $(BIN) run tests/data/bad_daily_sum.ini >/dev/null 2>&1; [ $$? -eq 2 ]
	@echo "memcheck: no errors, no leaks"

# ---- fuzzing (libFuzzer, clang) -----------------------------------------
# Each fuzz/fuzz_NAME.c is a harness; the library is built again into
# build-fuzz/ with coverage, AddressSanitizer and UndefinedBehaviorSanitizer.
# The corpus grows in build-fuzz/corpus/NAME from the seeds (scenarios/,
# tests/data/ and the regression corpus tests/data/fuzz/NAME); findings land
# in build-fuzz/findings/ and belong, once fixed, in tests/data/fuzz/NAME/,
# which `make test-long` replays (tests/test_fuzz_corpus.c).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR     := build-fuzz
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=all
FUZZ_SRC     := $(wildcard fuzz/fuzz_*.c)
FUZZ_NAMES   := $(FUZZ_SRC:fuzz/fuzz_%.c=%)
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
# The harnesses `make fuzz` builds and runs: all, or e.g. FUZZ_TARGETS=fit.
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_DIR)/%.o)

$(FUZZ_DIR)/src/%.o: src/%.c $(wildcard include/promocap/*.h src/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS) -c $< -o $@

$(FUZZ_DIR)/libpromocap.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_env.h $(FUZZ_DIR)/libpromocap.a
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer $(CPPFLAGS) -o $@ $< \
		$(FUZZ_DIR)/libpromocap.a $(LDLIBS)

# Seeds: every CSV for the CSV harnesses; every value written in an INI
# file (durations, dates, distributions) for the value harness; the INI
# files themselves for the scenario harnesses.  The dictionary holds the
# sections, keys and words of the key table, from `promocap check`.
# The fit harness reads tests/data/fit's exports, as UTF-8, as GBK, renamed
# through a mapping file and in a window of three days (fuzz/fuzz_fit.c has
# the input's layout), with the words of fuzz/fit.dict.
$(FUZZ_DIR)/seeds/.stamp: $(BIN) $(wildcard scenarios/*.ini scenarios/*/*.csv tests/data/*.ini tests/data/*.csv tests/data/*/*.csv)
	@rm -rf $(FUZZ_DIR)/seeds; mkdir -p $(FUZZ_DIR)/seeds/csv $(FUZZ_DIR)/seeds/dist $(FUZZ_DIR)/seeds/ini \
		$(FUZZ_DIR)/seeds/fit
	@d=tests/data/fit; s=$(FUZZ_DIR)/seeds/fit; \
	{ printf '\002'; cat $$d/messy_orders.csv; printf '\f'; cat $$d/messy_refunds.csv; printf '\f'; \
	  cat $$d/messy_work.csv; } >$$s/utf8; \
	{ printf '\052'; cat $$d/messy_orders.csv; printf '\f'; cat $$d/messy_refunds.csv; printf '\f'; \
	  cat $$d/messy_work.csv; } >$$s/window; \
	{ printf '\003'; iconv -f UTF-8 -t GBK $$d/messy_orders.csv; printf '\f'; \
	  iconv -f UTF-8 -t GBK $$d/messy_refunds.csv; printf '\f'; iconv -f UTF-8 -t GBK $$d/messy_work.csv; } >$$s/gbk; \
	{ printf '\006'; sed '1s/订单付款时间/付款日期/; 1s/买家实际支付金额/Amount/' $$d/messy_orders.csv; printf '\f'; \
	  sed '1s/申请退款时间/RequestTime/' $$d/messy_refunds.csv; printf '\f'; cat $$d/messy_work.csv; printf '\f'; \
	  printf '[orders]\npaid = 付款日期\namount = Amount\n[refunds]\nrequested = RequestTime\n'; } >$$s/map
	@for f in $$(find scenarios tests/data -name '*.csv' -not -path '*/fuzz/*'); do \
		cp "$$f" "$(FUZZ_DIR)/seeds/csv/$$(echo "$$f" | tr / _)"; done
	@for f in $$(find scenarios tests/data -name '*.ini' -not -path '*/fuzz/*'); do \
		cp "$$f" "$(FUZZ_DIR)/seeds/ini/$$(echo "$$f" | tr / _)"; done
	@$(BIN) check tests/data/minimal.ini > $(FUZZ_DIR)/seeds/ini/resolved.ini
	@i=0; cat $(FUZZ_DIR)/seeds/ini/* | sed -n 's/^[^;=[]*[=:] *//p' | sed 's/ *;.*//' | sort -u | \
	while IFS= read -r v; do i=$$((i + 1)); printf '%s' "$$v" > $(FUZZ_DIR)/seeds/dist/v$$i; done
	@{ sed -n 's/^\[\(.*\)\]$$/"[\1]"/p; s/^\([a-z_]*\) = .*/"\1 = "/p' $(FUZZ_DIR)/seeds/ini/resolved.ini; \
	  for w in fixed exponential lognormal gamma weibull empirical mean= sd= cv= shape= scale= \
		s min h d % none uniform yes no within below /d .csv nan inf 1e308 -0 \
		date share hour start_min start_h datetime rate_per_min rate_per_h time_min \
		headcount capacity shift value value_s value_min value_h value_d weight; do \
		printf '"%s"\n' "$$w"; done; } | sort -u > $(FUZZ_DIR)/scenario.dict
	@touch $@

fuzz: deps fuzz-deps
	@$(MAKE) --no-print-directory fuzz-run

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%) $(FUZZ_DIR)/seeds/.stamp

# Runs each harness FUZZ_SECONDS; prints per harness the runs, executions per
# second and findings; fails if any harness found something.
fuzz-run: fuzz-build
	@mkdir -p $(FUZZ_DIR)/logs $(FUZZ_DIR)/findings; found=0; \
	for h in $(FUZZ_TARGETS); do \
		dict=$(FUZZ_DIR)/scenario.dict; \
		case $$h in table|csv) seeds="$(FUZZ_DIR)/seeds/csv";; dist|set) seeds="$(FUZZ_DIR)/seeds/dist";; \
			fit) seeds="$(FUZZ_DIR)/seeds/fit"; dict=fuzz/fit.dict;; \
			*) seeds="$(FUZZ_DIR)/seeds/ini";; esac; \
		mkdir -p $(FUZZ_DIR)/corpus/$$h tests/data/fuzz/$$h; \
		$(FUZZ_DIR)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-max_len=65536 -print_final_stats=1 -dict=$$dict \
			-artifact_prefix=$(FUZZ_DIR)/findings/$$h- \
			$(FUZZ_DIR)/corpus/$$h $$seeds tests/data/fuzz/$$h >$(FUZZ_DIR)/logs/$$h.log 2>&1 || found=1; \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/logs/$$h.log); \
		secs=$$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' $(FUZZ_DIR)/logs/$$h.log); \
		eps=$$(sed -n 's/^stat::average_exec_per_sec: *//p' $(FUZZ_DIR)/logs/$$h.log); \
		printf 'fuzz_%-10s %8s runs in %4s s, %6s exec/s, corpus %s\n' $$h "$${runs:-?}" "$${secs:-?}" \
			"$${eps:-?}" "$$(ls $(FUZZ_DIR)/corpus/$$h | wc -l)"; \
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' $(FUZZ_DIR)/logs/$$h.log | head -3; \
	done; \
	ls $(FUZZ_DIR)/findings | sed 's|^|finding: $(FUZZ_DIR)/findings/|'; \
	[ $$found -eq 0 ] || { echo "a harness found a crash, a leak or a hang: see $(FUZZ_DIR)/logs/"; exit 1; }

clean:
	rm -rf build build-san build-fuzz build-mpi build-mpi-san promocap

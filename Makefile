# promocap: build the library, the CLI, the tests and the benchmarks.
#   make            library + CLI             make test     the test suite
#   make run        deps, build, double11      make bench    reference benchmarks
#   make deps       install Debian packages    make install  PREFIX=/usr/local
#   make SANITIZE=address,undefined test       make WERROR=1 (CI) warnings are errors

CC       ?= cc
PREFIX   ?= /usr/local
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpedantic -Wno-overlength-strings
DEBS     := pkg-config libgsl-dev libcsv-dev libinih-dev gnuplot-nox fonts-wqy-microhei
PKGS     := gsl inih

ifneq ($(WERROR),)
WARN += -Werror
endif

BUILD    := build
ifneq ($(SANITIZE),)
BUILD    := build-san
CFLAGS   += -O1 -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=$(SANITIZE)
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -linih)
CPPFLAGS  += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L $(PKG_CFLAGS)
# libcsv ships no pkg-config file.
LDLIBS    += $(PKG_LIBS) -lcsv -lpthread -lm

LIB_SRC   := $(wildcard src/*.c)
CLI_SRC   := $(wildcard src/cli/*.c)
TEST_SRC  := $(wildcard tests/test_*.c)
BENCH_SRC := $(wildcard bench/*.c)

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS     := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCHES   := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
LIB       := $(BUILD)/libpromocap.a
BIN       := $(BUILD)/promocap

.PHONY: all run test test-suite bench bench-suite deps install clean

all: $(BIN) $(if $(filter build,$(BUILD)),promocap)

promocap: $(BIN)
	ln -sf $(BIN) $@

$(BUILD)/%.o: %.c $(wildcard include/promocap/*.h src/*.h src/cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# Installs the Debian packages the build needs when they are missing: as root
# with apt-get, otherwise with sudo -n if that works, otherwise names them.
deps:
	@missing=""; for p in $(DEBS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "installing:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "missing Debian packages:$$missing (install them: apt-get install$$missing)" >&2; exit 1; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing

# The packages go in first, then a fresh make builds with their flags.
run: deps
	@$(MAKE) --no-print-directory all
	$(BIN) run scenarios/double11.ini -o out/double11

test: deps
	@$(MAKE) --no-print-directory test-suite

test-suite: $(BIN) $(TESTS)
	@BUILD=$(BUILD) sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory bench-suite

bench-suite: $(BIN) $(BENCHES)
	@BUILD=$(BUILD) sh bench/run.sh

install: $(BIN) $(LIB)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/promocap
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/promocap
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libpromocap.a
	install -m 644 include/promocap/*.h $(DESTDIR)$(PREFIX)/include/promocap/
	install -d $(DESTDIR)$(PREFIX)/share/promocap/plots
	install -m 644 plots/*.gp $(DESTDIR)$(PREFIX)/share/promocap/plots/

clean:
	rm -rf build build-san promocap

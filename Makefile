# RUIZHU backend build. `make` builds common/ as a static library and one binary
# per directory under handlers/ (build/bin/<area>), plus fakes and tests.
# Sources are discovered, so adding a file or an area needs no edit here.

CXX      ?= g++
SAN      ?=
BUILD    ?= build
CCACHE   := $(shell command -v ccache 2>/dev/null)
OPT      ?= -O2 -g1
override CXXFLAGS += $(OPT) -std=c++17 -Wall -Wextra -pthread -MMD -MP $(SAN)
CPPFLAGS += -I. -Icommon $(shell pkg-config --cflags mariadb 2>/dev/null || echo -I/usr/include/mariadb) \
            -DCPPHTTPLIB_OPENSSL_SUPPORT -DBOOST_TEST_DYN_LINK
LDLIBS   := -lsoci_mysql -lsoci_core -lmariadb -lhiredis -lfcgi -lcpp-httplib -lssl -lcrypto -ldl -pthread
LDFLAGS  += $(SAN)

COMMON_SRC := $(shell find common -name '*.cc' 2>/dev/null | sort)
COMMON_OBJ := $(COMMON_SRC:%.cc=$(BUILD)/obj/%.o)
COMMON_LIB := $(BUILD)/lib/libruizhu_common.a

AREAS    := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard handlers/*/main.cc)))))
AREA_BIN := $(AREAS:%=$(BUILD)/bin/%)

FAKE_SRC := $(wildcard tests/fakes/*.cc)
FAKE_BIN := $(FAKE_SRC:tests/fakes/%.cc=$(BUILD)/bin/%)

UNIT_SRC := $(shell find tests/unit -name '*_test.cc' 2>/dev/null | sort)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.cc=$(BUILD)/tests/unit/%)
INTEG_SUPPORT := $(wildcard tests/integration/support/*.cc)
INTEG_SRC := $(shell find tests/integration -maxdepth 1 -name '*_test.cc' 2>/dev/null | sort)
INTEG_BIN := $(INTEG_SRC:tests/integration/%.cc=$(BUILD)/tests/integration/%)
TOOL_SRC := $(wildcard scripts/tools/*.cc)
TOOL_BIN := $(TOOL_SRC:scripts/tools/%.cc=$(BUILD)/bin/%)

.PHONY: all run stop test unit integration bench clean format asan deps
all: $(AREA_BIN) $(FAKE_BIN) $(TOOL_BIN)

$(BUILD)/obj/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CCACHE) $(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

$(COMMON_LIB): $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

# One binary per area: every .cc in handlers/<area>/.
area_objs = $(patsubst %.cc,$(BUILD)/obj/%.o,$(wildcard handlers/$(1)/*.cc))
.SECONDEXPANSION:
$(AREA_BIN): $(BUILD)/bin/%: $$(call area_objs,$$*) $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $(filter %.o,$^) $(COMMON_LIB) $(LDLIBS)

$(FAKE_BIN): $(BUILD)/bin/%: $(BUILD)/obj/tests/fakes/%.o $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(COMMON_LIB) $(LDLIBS)

$(TOOL_BIN): $(BUILD)/bin/%: $(BUILD)/obj/scripts/tools/%.o $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(COMMON_LIB) $(LDLIBS)

$(BUILD)/tests/unit/%: $(BUILD)/obj/tests/unit/%.o $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(COMMON_LIB) -lboost_unit_test_framework $(LDLIBS)

INTEG_SUPPORT_OBJ := $(INTEG_SUPPORT:%.cc=$(BUILD)/obj/%.o)
$(BUILD)/tests/integration/%: $(BUILD)/obj/tests/integration/%.o $(INTEG_SUPPORT_OBJ) $(COMMON_LIB)
	@mkdir -p $(dir $@)
	$(CXX) $(LDFLAGS) -o $@ $< $(INTEG_SUPPORT_OBJ) $(COMMON_LIB) -lboost_unit_test_framework $(LDLIBS)

unit: $(UNIT_BIN)
	@scripts/run-tests unit $(UNIT_BIN)

integration: all $(INTEG_BIN)
	@scripts/run-tests integration $(INTEG_BIN)

deps:
	@scripts/install-deps

# The README's two commands.
run: deps
	@$(MAKE) --no-print-directory -j$$(nproc) all
	@scripts/stack start --profile local
	@scripts/create-admin --profile local --if-none

stop:
	@scripts/stack stop --profile local

test: deps
	@$(MAKE) --no-print-directory -j$$(nproc) all $(UNIT_BIN) $(INTEG_BIN)
	@scripts/run-tests all $(UNIT_BIN) -- $(INTEG_BIN)

# Unit tests under AddressSanitizer + UBSan in a separate build tree (.ci/run).
asan:
	@$(MAKE) --no-print-directory -j$$(nproc) BUILD=build/asan OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer -fno-sanitize-recover=all" unit

bench: deps
	@$(MAKE) --no-print-directory -j$$(nproc) all
	@scripts/bench

format:
	@find common handlers tests scripts/tools -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

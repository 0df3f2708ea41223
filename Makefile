# remote_relationship: PGXS build of the extension, plus the project's own targets
#   make demo   install what is missing, build, start PostgreSQL + the GraphQL server, run the seed example
#   make test   the same set-up, then unit tests, pg_regress and fault tests; ends with "N passed, M failed"
#   make unit   build the GoogleTest unit tests of src/core
#   make bench  the benchmarks of bench/ (same set-up as make test), each printing ratios

EXTENSION   = remote_relationship
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big  = $(EXTENSION)

CORE_SRCS   = $(sort $(wildcard src/core/*.cpp))
PG_SRCS     = $(sort $(wildcard src/pg/*.cpp))
CORE_OBJS   = $(CORE_SRCS:.cpp=.o)
OBJS        = $(CORE_OBJS) $(PG_SRCS:.cpp=.o)

DATA        = sql/$(EXTENSION)--$(EXTVERSION).sql
REGRESS     = $(shell cat test/regress_schedule 2>/dev/null)
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION) --encoding=UTF8
EXTRA_CLEAN = test/unit/unit_tests results regression.diffs regression.out bench/convert/*.o bench/convert/*.so

PG_CPPFLAGS = -I$(CURDIR)/src
PG_CXXFLAGS = -std=c++17 -Wall -Wno-register -Wno-missing-field-initializers
SHLIB_LINK  = -lstdc++ -lcurl

# No JIT bitcode: our code is not worth inlining into JIT-compiled expressions, and this
# spares the clang toolchain at install time.
override with_llvm = no

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all:
	@echo "PostgreSQL server headers (postgresql-server-dev-15) are missing: run 'make demo' or 'make test'," >&2
	@echo "which install them, or install them yourself." >&2
	@exit 1
endif

# src/core is pure C++: compiled without the PostgreSQL include path, so a PostgreSQL
# header there fails the build (and core.hpp checks POSTGRES_H as well).
CORE_CXXFLAGS = -std=c++17 -O2 -g -fPIC -Wall -Wextra -DRR_CORE_BUILD -I$(CURDIR)/src
src/core/%.o: src/core/%.cpp $(wildcard src/core/*.hpp)
	$(CXX) $(CORE_CXXFLAGS) -c -o $@ $<

# PGXS tracks no header dependencies: rebuild on any header change.
$(PG_SRCS:.cpp=.o): $(wildcard src/pg/*.hpp src/core/*.hpp)

UNIT_SRCS = $(sort $(wildcard test/unit/*.cpp))
test/unit/unit_tests: $(UNIT_SRCS) $(wildcard test/unit/*.hpp test/unit/*.inc) $(CORE_OBJS)
	$(CXX) $(CORE_CXXFLAGS) -o $@ $(UNIT_SRCS) $(CORE_OBJS) -lgtest -lgtest_main -lcurl -pthread

.PHONY: unit demo test bench
unit: test/unit/unit_tests

demo:
	EXPLORE=$(EXPLORE) bash scripts/demo.sh

test:
	bash scripts/test.sh

bench:
	bash bench/run.sh

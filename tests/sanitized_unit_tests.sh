#!/usr/bin/env bash
# Runs the unit test binary of the sanitized fuzz build (ASan + UBSan; scripts/fuzz.sh
# --build-only makes it) once over every test. Exit 77 (skipped) when that build does not exist.
# Usage: sanitized_unit_tests.sh BINARY [gtest options]
set -u
bin=$1
shift
if [ ! -x "$bin" ]; then
  echo "$bin not built (scripts/fuzz.sh --build-only makes it); skipped"
  exit 77
fi
# Any finding fails the run: UBSan stops at the first report (the build also has
# -fno-sanitize-recover), ASan always does; leaks count too.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(dirname "$0")/lsan.supp:print_suppressions=0}
# The parity tests need a golden file and skip without one; the rest is the torch-free suite.
exec "$bin" --gtest_brief=1 "$@"

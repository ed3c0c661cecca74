#!/usr/bin/env bash
# Sets up what is missing, builds, and runs every test: unit tests, the same unit tests under
# AddressSanitizer + UBSan (sanitize.unit_tests), parity with Hugging Face, end-to-end and bad-input
# CLI checks, a few seconds of fuzzing per fuzz target (label fuzz). The sanitized tests and the
# fuzzing use build-fuzz/, one clang build (libFuzzer + ASan + UBSan) made here when clang is
# installed; ATTNMAP_SKIP_FUZZ=1 skips it, and they are then skipped. Extra arguments go to ctest
# (e.g. -L unit, -R parity, -LE fuzz).
#   scripts/test.sh --sanitize   every torch-free test, gcc's ASan + UBSan build (build-asan/)
#   scripts/fuzz.sh              longer fuzzing (--seconds N)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
  shift
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
  ATTNMAP_BUILD_DIR=build-asan CMAKE_ARGS="-DATTNMAP_WITH_TORCH=OFF -DATTNMAP_SANITIZE=ON" scripts/setup.sh
  exec ctest --test-dir build-asan --output-on-failure -j "$(nproc)" "$@"
fi
scripts/setup.sh
if [ "${ATTNMAP_SKIP_FUZZ:-0}" != 1 ] && command -v clang++ >/dev/null; then
  scripts/fuzz.sh --build-only
fi
ctest --test-dir "${ATTNMAP_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"

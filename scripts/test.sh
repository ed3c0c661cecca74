#!/usr/bin/env bash
# Sets up what is missing, builds, and runs every test: unit tests, parity with Hugging Face,
# end-to-end CLI checks, a few seconds of fuzzing per fuzz target (label fuzz; the libFuzzer build
# build-fuzz/ is made here when clang is installed, ATTNMAP_SKIP_FUZZ=1 skips it). Extra arguments
# go to ctest (e.g. -L unit, -R parity, -LE fuzz).
#   scripts/test.sh --sanitize   the torch-free tests under AddressSanitizer + UBSan (build-asan/)
#   scripts/fuzz.sh              longer fuzzing (--seconds N)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
  shift
  ATTNMAP_BUILD_DIR=build-asan CMAKE_ARGS="-DATTNMAP_WITH_TORCH=OFF -DATTNMAP_SANITIZE=ON" scripts/setup.sh
  exec ctest --test-dir build-asan --output-on-failure -j "$(nproc)" "$@"
fi
scripts/setup.sh
if [ "${ATTNMAP_SKIP_FUZZ:-0}" != 1 ] && command -v clang++ >/dev/null; then
  scripts/fuzz.sh --build-only
fi
ctest --test-dir "${ATTNMAP_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"

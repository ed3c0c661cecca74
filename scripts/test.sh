#!/usr/bin/env bash
# Sets up what is missing, builds, and runs every test: unit tests, parity with Hugging Face,
# end-to-end CLI checks. Extra arguments go to ctest (e.g. -L unit, -R parity).
#   scripts/test.sh --sanitize   the torch-free tests under AddressSanitizer + UBSan (build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
  shift
  ATTNMAP_BUILD_DIR=build-asan CMAKE_ARGS="-DATTNMAP_WITH_TORCH=OFF -DATTNMAP_SANITIZE=ON" scripts/setup.sh
  exec ctest --test-dir build-asan --output-on-failure -j "$(nproc)" "$@"
fi
scripts/setup.sh
ctest --test-dir "${ATTNMAP_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"

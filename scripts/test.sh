#!/usr/bin/env bash
# Sets up what is missing, builds, and runs every test: unit tests, parity with Hugging Face,
# end-to-end CLI checks. Extra arguments go to ctest (e.g. -L unit, -R parity).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${ATTNMAP_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"

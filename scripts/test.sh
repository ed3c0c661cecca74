#!/usr/bin/env bash
# Sets up what the tests need (scripts/setup.sh --tests), builds, and runs every test: unit tests,
# the same unit tests under AddressSanitizer + UBSan (sanitize.unit_tests), parity with Hugging
# Face, end-to-end and bad-input CLI checks, pages in headless Chromium, a few seconds of fuzzing
# per fuzz target (label fuzz). The sanitized tests and the fuzzing use build-fuzz/, one clang
# build (libFuzzer + ASan + UBSan); ATTNMAP_SKIP_FUZZ=1 skips it, and they are then skipped.
# Extra arguments go to ctest (e.g. -L unit, -R parity, -LE fuzz).
#   scripts/test.sh --quick      the edit-build-test loop: unit tests and the fuzz corpora replayed
#                                (ctest -L unit -LE sanitize), no set-up beyond the build
#   scripts/test.sh --sanitize   every torch-free test, gcc's ASan + UBSan build (build-asan/)
#   scripts/fuzz.sh              longer fuzzing (--seconds N)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
build_dir=${ATTNMAP_BUILD_DIR:-build}
case ${1:-} in
  --sanitize)
    shift
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
    ATTNMAP_BUILD_DIR=build-asan CMAKE_ARGS="-DATTNMAP_WITH_TORCH=OFF -DATTNMAP_SANITIZE=ON" scripts/setup.sh --tests
    exec ctest --test-dir build-asan --output-on-failure -j "$(nproc)" "$@"
    ;;
  --quick)
    shift
    [ -f "$build_dir/build.ninja" ] && grep -q '^ATTNMAP_BUILD_TESTS:BOOL=ON' "$build_dir/CMakeCache.txt" ||
      die "no test build in $build_dir yet: run scripts/test.sh once"
    ninja -C "$build_dir" quick_tests | { grep -v '^\[' || true; }
    [ "${PIPESTATUS[0]}" -eq 0 ] || die "build failed"
    exec ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" -L unit -LE sanitize "$@"
    ;;
esac
scripts/setup.sh --tests
if [ "${ATTNMAP_SKIP_FUZZ:-0}" != 1 ] && command -v clang++ >/dev/null && ! built build-fuzz; then
  step_begin "building build-fuzz (clang, libFuzzer + ASan + UBSan)"
  scripts/fuzz.sh --build-only --log build-fuzz/logs/build.log
  step_end
fi
exec ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" "$@"

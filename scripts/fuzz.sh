#!/usr/bin/env bash
# Builds the libFuzzer configuration (clang, ASan + UBSan, torch-free; also the unit test binary)
# into build-fuzz/ and runs each fuzz target of tests/fuzz for a while, one after the other; prints
# per target how long it ran, how many inputs it executed and what it found. Fails when any target
# crashes, hangs, leaks or breaks an invariant; the input that did it is kept under
# build-fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh                          every target, 10 s each
#   scripts/fuzz.sh --seconds 600 encode     one target, 10 minutes
# Options:
#   --seconds N      fuzzing time per target (default 10)
#   --build-dir DIR  the fuzz build (default build-fuzz)
#   --no-build       use the build as it is; exit 77 (skip) when a target is not built
#   --build-only     configure and build, run nothing
#   --log FILE       configure and build output into FILE (default: shown), its end shown on failure
#   --fresh          start from the committed corpus only (default: also what earlier runs found,
#                    kept in DIR/corpus/<target>; new finds go there, never into tests/)
#   --quiet          print only the summary line of each target
# Environment: ATTNMAP_BUILD_JOBS limits the build's parallel jobs; extra libFuzzer flags in
# ATTNMAP_FUZZ_FLAGS (e.g. "-jobs=2" or "-max_len=512").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
# Stacks for UBSan reports too; ASan and UBSan stop at the first error.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

seconds=10 build_dir=build-fuzz build=1 run=1 fresh=0 quiet=0 log= targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift ;;
    --build-dir) build_dir=$2; shift ;;
    --no-build) build=0 ;;
    --build-only) run=0 ;;
    --log) log=$2; shift ;;
    --fresh) fresh=1 ;;
    --quiet) quiet=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) targets+=("$1") ;;
  esac
  shift
done
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/fuzz_*.cpp; do t=${f#tests/fuzz/fuzz_}; targets+=("${t%.cpp}"); done
fi

if [ "$build" = 1 ]; then
  command -v clang++ >/dev/null || die "clang++ not found (scripts/setup.sh installs it)"
  # The unit test binary is built here too (tests/CMakeLists.txt): ctest's sanitize.unit_tests runs
  # it. A build directory configured before that is configured again.
  build_step() {  # the command's output goes to --log when given
    if [ -n "$log" ]; then logged "$log" "$@"; else "$@"; fi
  }
  [ -z "$log" ] || mkdir -p "$(dirname "$log")"
  # The sentencepiece the main build links (scripts/build_sentencepiece.sh), so that the unit tests
  # of .model tokenizers expect the same pieces here.
  spm_prefix=$(scripts/build_sentencepiece.sh "${ATTNMAP_BUILD_DIR:-build}/deps") || exit 1
  if [ ! -f "$build_dir/build.ninja" ] || ! grep -q '^ATTNMAP_BUILD_TESTS:BOOL=ON' "$build_dir/CMakeCache.txt" ||
     ! grep -qxF "SentencePiece_ROOT:UNINITIALIZED=$spm_prefix" "$build_dir/CMakeCache.txt"; then
    [ -n "$log" ] || say "configuring $build_dir (clang, libFuzzer + ASan + UBSan)"
    STEP_WHAT="configuring $build_dir" build_step env CXX=clang++ cmake -S . -B "$build_dir" -G Ninja \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATTNMAP_FUZZ=ON -DATTNMAP_WITH_TORCH=OFF -DATTNMAP_BUILD_TESTS=ON \
      "-DSentencePiece_ROOT=$spm_prefix" -Wno-dev
  fi
  STEP_WHAT="building $build_dir" build_step ninja -C "$build_dir" ${ATTNMAP_BUILD_JOBS:+-j "$ATTNMAP_BUILD_JOBS"}
fi
[ "$run" = 1 ] || exit 0

# Runs one target; prints "name seconds executions exec/s corpus result".
fuzz_one() {
  local name=$1 binary="$build_dir/tests/fuzz/fuzz_$1" seeds="tests/fuzz/corpus/$1"
  if [ ! -x "$binary" ]; then
    [ "$build" = 0 ] && { say "$binary not built (scripts/fuzz.sh --build-only); skipped"; exit 77; }
    die "$binary missing"
  fi
  local work="$build_dir/corpus/$name" artifacts="$build_dir/artifacts/$name/" log
  if [ "$fresh" = 1 ]; then work=$(mktemp -d); fi
  mkdir -p "$work" "$artifacts"
  log=$(mktemp)
  local flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
               -artifact_prefix="$artifacts")
  [ -f "tests/fuzz/dict/$name.dict" ] && flags+=(-dict="tests/fuzz/dict/$name.dict")
  local start end status=0
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$binary" "${flags[@]}" ${ATTNMAP_FUZZ_FLAGS:-} "$work" "$seeds" >"$log" 2>&1 || status=$?
  end=$(date +%s.%N)
  local execs corpus
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  local result=ok
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status), log: $log"
    [ "$quiet" = 1 ] || grep -E 'ERROR|SUMMARY|fuzz finding|Test unit written|runtime error|==[0-9]+==' "$log" | head -20 >&2
  else
    rm -f "$log"
  fi
  [ "$fresh" = 1 ] && rm -rf "$work"
  awk -v n="$name" -v s="$start" -v e="$end" -v x="${execs:-0}" -v c="$corpus" -v r="$result" \
    'BEGIN { t = e - s; printf "%-16s %7.1f s %10d execs %8.0f exec/s %6d corpus  %s\n", n, t, x, x / (t > 0 ? t : 1), c, r }'
  return "$status"
}

failed=0
for t in "${targets[@]}"; do
  fuzz_one "$t" || failed=1
done
[ "$failed" = 0 ] || die "fuzzing found a problem (inputs under $build_dir/artifacts/)"

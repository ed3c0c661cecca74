#!/usr/bin/env bash
# Every benchmark of attnmap against the Python way, one table (method: scripts/bench/run_all.py).
# Builds the benchmark programs first (and attnmap itself when the build directory has libtorch).
#   scripts/bench/run.sh [--repeat N] [--quick] [--only CASE,...] [--json FILE] [--markdown]
# $ATTNMAP_BIN: another attnmap binary; $ATTNMAP_BUILD_DIR: another build directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
source scripts/bench/build.sh
[ -x .venv/bin/python ] || die "no .venv (scripts/setup.sh makes it)"

bench_configure
targets=(attnmap_tokenizer_bench attnmap_render_bench)
if [ -z "${ATTNMAP_BIN:-}" ] && ninja -C "$BENCH_BUILD_DIR" -t targets all | grep -q '^attnmap:'; then
  targets+=(attnmap)
fi
bench_build "${targets[@]}"
attnmap=${ATTNMAP_BIN:-$BENCH_BUILD_DIR/attnmap}
[ -x "$attnmap" ] || attnmap=build/attnmap
[ -x "$attnmap" ] || die "no attnmap binary: build it (scripts/demo.sh) or name one with ATTNMAP_BIN"
exec .venv/bin/python scripts/bench/run_all.py --attnmap "$attnmap" --bench-dir "$BENCH_BUILD_DIR/bench" "$@"

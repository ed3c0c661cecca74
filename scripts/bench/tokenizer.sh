#!/usr/bin/env bash
# Tokenizer throughput, attnmap vs Hugging Face tokenizers, for minilm, tiny-roberta and tiny-xlmr
# on the parity corpus and the sentiment data set (see scripts/bench/tokenizer.py for the method).
# Builds attnmap_tokenizer_bench first: in $ATTNMAP_BUILD_DIR (default build) when that is
# configured, else in a torch-free Release build-bench/.
#   scripts/bench/tokenizer.sh [--repeat N] [--json results.json]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

dir=${ATTNMAP_BUILD_DIR:-build}
if [ ! -f "$dir/build.ninja" ]; then
  dir=build-bench
  if [ ! -f "$dir/build.ninja" ]; then
    say "configuring $dir (Release, torch-free)"
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DATTNMAP_WITH_TORCH=OFF -DATTNMAP_BUILD_TESTS=OFF \
      -Wno-dev >/dev/null
  fi
fi
ninja -C "$dir" ${ATTNMAP_BUILD_JOBS:+-j "$ATTNMAP_BUILD_JOBS"} attnmap_tokenizer_bench | { grep -v '^\[' || true; }
[ "${PIPESTATUS[0]}" -eq 0 ] || die "build failed"
[ -x .venv/bin/python ] || die "no .venv (scripts/setup.sh makes it)"
exec .venv/bin/python scripts/bench/tokenizer.py --bench "$dir/bench/attnmap_tokenizer_bench" "$@"

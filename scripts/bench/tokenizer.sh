#!/usr/bin/env bash
# Tokenizer throughput, attnmap vs Hugging Face tokenizers, for minilm, tiny-roberta and tiny-xlmr
# on the parity corpus and the sentiment data set (see scripts/bench/tokenizer.py for the method).
# Builds attnmap_tokenizer_bench first: in $ATTNMAP_BUILD_DIR (default build) when that is
# configured, else in a torch-free Release build-bench/.
#   scripts/bench/tokenizer.sh [--repeat N] [--json results.json]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
source scripts/bench/build.sh

bench_configure
bench_build attnmap_tokenizer_bench
[ -x .venv/bin/python ] || die "no .venv (scripts/setup.sh makes it)"
exec .venv/bin/python scripts/bench/tokenizer.py --bench "$BENCH_BUILD_DIR/bench/attnmap_tokenizer_bench" "$@"

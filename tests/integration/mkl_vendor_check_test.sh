#!/usr/bin/env bash
# The attnmap executable answers MKL's CPU-vendor check itself (src/cli/mkl_vendor_check.cpp):
# it exports the function, the libtorch it runs with has the one it replaces, and the answers are
# the same numbers, to rounding, with MKL's own check (ATTNMAP_MKL_VENDOR_CHECK=1) — forward
# (probabilities, the faithfulness run's perturbed inputs) and backward (IG's gradients).
# Skipped (77) with a libtorch that has no MKL inside. Usage: mkl_vendor_check_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
set -eo pipefail

# (grep reads all of nm's output: a pipe cut short would fail under pipefail)
exports() { nm -D --defined-only "$1" | grep -cw mkl_serv_intel_cpu_true >/dev/null; }
exports "$bin" ||
  { echo "FAIL: the executable does not export mkl_serv_intel_cpu_true" >&2; exit 1; }
torch_cpu=$(ldd "$bin" | awk '$1 ~ /^libtorch_cpu/ {print $3}')
[ -n "$torch_cpu" ] || { echo "FAIL: the executable does not link libtorch_cpu" >&2; exit 1; }
exports "$torch_cpu" ||
  { echo "SKIP: $(basename "$torch_cpu") has no MKL vendor check to answer (a libtorch without MKL)"; exit 77; }

model=$src/models/sentiment-bert
text="a gripping, beautifully acted film that never lets up"
head -6 "$src/examples/sentiment/test.tsv" >"$work/five.tsv"
for check in "" 1; do
  ATTNMAP_MKL_VENDOR_CHECK=$check "$bin" saliency --model "$model" --text "$text" --method ig --steps 20 --json \
    --threads 1 >"$work/ig-$check.json" 2>/dev/null
  ATTNMAP_MKL_VENDOR_CHECK=$check "$bin" faithfulness --model "$model" --input "$work/five.tsv" --methods rollout \
    --threads 1 --no-progress --out-dir "$work/faith-$check" >/dev/null 2>&1
done
"$py" - "$work" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
def numbers(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items(): yield from numbers(v, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x): yield from numbers(v, f"{path}[{i}]")
    elif isinstance(x, float):
        yield path, x
def load(name):
    p = work / name
    return [json.loads(l) for l in p.read_text().splitlines()] if p.suffix == ".jsonl" else json.loads(p.read_text())
pairs = [("ig-.json", "ig-1.json"), ("faith-/faithfulness.jsonl", "faith-1/faithfulness.jsonl")]
count = 0
for ours, mkls in pairs:
    a, b = dict(numbers(load(ours))), dict(numbers(load(mkls)))
    assert a.keys() == b.keys(), f"{ours}: other fields than with MKL's check"
    for key in a:
        assert abs(a[key] - b[key]) <= 1e-5 + 1e-4 * abs(b[key]), f"{ours}{key}: {a[key]} vs {b[key]} with MKL's check"
    count += len(a)
assert count > 100, f"only {count} numbers compared"
print(f"mkl vendor check: {count} numbers equal to rounding with MKL's own check")
PY

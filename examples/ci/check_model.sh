#!/usr/bin/env bash
# The same smoke test as github-actions.yml, for any CI system (or by hand):
#   examples/ci/check_model.sh HF_MODEL_DIR [OUT_DIR]
# Exports HF_MODEL_DIR to OUT_DIR/bundle (the exporter compares the traced module with Hugging
# Face and fails loudly on a mismatch), records reference outputs, and runs `attnmap check`,
# leaving JUnit XML in OUT_DIR/attnmap-check.xml. Exit code 0 when every check passed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
model=${1:?usage: check_model.sh HF_MODEL_DIR [OUT_DIR]}
out=${2:-attnmap-check}
mkdir -p "$out"
# The exporter is a module of attnmap's checkout (PYTHONPATH); -P keeps a scripts/ of the current
# directory from shadowing it.
PYTHONPATH="$root" "$root/.venv/bin/python" -P -m scripts.models.export_model "$model" "$out/bundle" \
  --golden "$out/golden.json"
"$root/build/attnmap" check --model "$out/bundle" --golden "$out/golden.json" --junit "$out/attnmap-check.xml"

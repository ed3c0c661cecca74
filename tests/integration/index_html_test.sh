#!/usr/bin/env bash
# The batch report page end to end without a model: fake `attnmap batch` output directories
# (make_fake_batch.py), index.html written by the library (attnmap_write_index_html), then checked
# in headless Chromium (check_index_html.py). Exits 77 (skipped) when Chromium is not installed.
# Usage: index_html_test.sh WRITER PYTHON
set -euo pipefail
writer=$1
python=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_case() {  # run_case NAME MAKE_FAKE_BATCH_ARGS...
  local dir="$work/$1"; shift
  local selected
  selected=$("$python" "$here/make_fake_batch.py" "$dir" "$@")
  "$writer" "$dir"
  "$python" "$here/check_index_html.py" "$dir" --expect "$selected"
}

run_case one-model --models 1 --select all --rows 40
run_case two-models --models 2 --select misclassified --rows 60 --faithfulness
run_case unlabelled --models 2 --select all --rows 30 --unlabelled
run_case nothing-selected --models 1 --select misclassified --rows 1

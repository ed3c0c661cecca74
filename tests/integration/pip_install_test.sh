#!/usr/bin/env bash
# `pip install` of the repository into a fresh virtual environment that holds only the pinned torch
# and transformers, as a user's own environment would: the build finds that environment's libtorch,
# and from its bin/, without LD_LIBRARY_PATH, `attnmap --version`, `attnmap export` of a tiny
# Hugging Face model and `attnmap render` of the bundle work; `pip uninstall` takes it all away.
#
# The environment (build/pip-test-env) and pip's build directory (build/pip/, pyproject.toml) are
# kept between runs, so a second run rebuilds only what changed; the environment is remade when
# the pins change. Usage: pip_install_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
export HF_HUB_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
unset LD_LIBRARY_PATH
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; tail -5 "$work/err" >&2 2>/dev/null; fi
}
die() { echo "FAIL: $*" >&2; tail -25 "$work/err" >&2 2>/dev/null; exit 1; }

env_dir=$src/build/pip-test-env
pins=$(grep -E '^(torch|transformers)==' "$src/requirements.txt" | sort)
stamp=$(printf '%s\n%s\n' "$pins" "$("$py" -c 'import sys; print(sys.version)')" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$env_dir/.attnmap-stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$env_dir"
  base=$("$py" -c 'import sys; print(sys.base_prefix)')/bin/python3
  "$base" -m venv "$env_dir" >"$work/err" 2>&1 || die "cannot make a virtual environment with $base"
  # shellcheck disable=SC2086  # the pins are words
  "$env_dir/bin/pip" install -q --no-compile -c "$src/requirements.txt" $(echo "$pins" | cut -d= -f1) \
    >"$work/err" 2>&1 || die "cannot install torch and transformers into the test environment"
  echo "$stamp" >"$env_dir/.attnmap-stamp"
fi
check "the environment has no attnmap yet" test ! -e "$env_dir/bin/attnmap"

start=$SECONDS
"$env_dir/bin/pip" install --no-compile "$src" >"$work/err" 2>&1 || die "pip install of the repository failed"
echo "pip install: $((SECONDS - start)) s"
attnmap=$env_dir/bin/attnmap
check "pip installs the attnmap command into the environment's bin/" test -x "$attnmap"
"$attnmap" --version >"$work/out" 2>"$work/err"
check "attnmap --version runs without LD_LIBRARY_PATH" grep -q "^attnmap $("$env_dir/bin/python" -c \
  'import importlib.metadata as m; print(m.version("attnmap"))') (libtorch $("$env_dir/bin/python" -c 'import torch; print(torch.__version__.split("+")[0])')" "$work/out"
torch_lib=$("$env_dir/bin/python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
check "it loads the environment's libtorch" grep -q "libtorch_cpu.so => $torch_lib/" <(ldd "$attnmap")
check "the exporter is installed beside it" test -f "$env_dir/share/attnmap/python/scripts/models/export_model.py"

"$attnmap" export "$src/models/tiny-bert/hf" "$work/bundle" >"$work/out" 2>"$work/err"
check "attnmap export (with the environment's Python) exits 0" test $? -eq 0
"$attnmap" render "A fine film." --model "$work/bundle" -o "$work/fig.svg" >"$work/out" 2>"$work/err"
check "attnmap render of the exported bundle exits 0" test $? -eq 0
check "the figure is an SVG" grep -q "<svg" "$work/fig.svg"

"$env_dir/bin/pip" uninstall -y attnmap >"$work/err" 2>&1
check "pip uninstall removes the command" test ! -e "$attnmap"
check "and the exporter (no file left; pip keeps empty folders)" \
  test -z "$(find "$env_dir/share/attnmap" -type f 2>/dev/null)"

echo "pip install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

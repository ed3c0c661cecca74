#!/usr/bin/env bash
# cmake --install into a temporary prefix, then build and run a separate project that finds
# attnmap with find_package and calls the library.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/attnmap"
test -f "$work/prefix/include/attnmap/tokenizer.h"
"$work/prefix/bin/attnmap" --version
cmake -S "$src/tests/integration/consumer" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" -Wno-dev >/dev/null
ninja -C "$work/consumer" >/dev/null
out=$("$work/consumer/consumer" "$src/models/minilm" "Hello, world!")
echo "$out"
[ "$out" = "[CLS] hello , world ! [SEP] | layers 6" ]

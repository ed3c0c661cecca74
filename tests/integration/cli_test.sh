#!/usr/bin/env bash
# End-to-end checks of the attnmap command line, as a user runs it.
# Usage: cli_test.sh ATTNMAP_BINARY SOURCE_DIR
source "$(dirname "$0")/common.sh" "$@"
passed=0 failed=0

check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; fi
}
# run_cli: runs attnmap, keeping stdout, stderr and the exit code.
run_cli() { "$bin" "$@" >"$work/out" 2>"$work/err"; echo $? >"$work/rc"; }
rc_is() { [ "$(cat "$work/rc")" = "$1" ]; }
err_has() { grep -q -- "$1" "$work/err"; }
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }
one_line_error() { [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q '^attnmap: error: ' "$work/err"; }

run_cli --version
check "--version exits 0" rc_is 0
check "--version names attnmap and libtorch" grep -q 'attnmap .* (libtorch ' "$work/out"

run_cli --help
check "--help exits 0" rc_is 0
check "--help lists render" grep -q 'render' "$work/out"

run_cli render --help
check "render --help explains rows and columns" grep -q 'Rows are queries' "$work/out"

run_cli --bogus
check "unknown option exits 2" rc_is 2
check "unknown option is one clear line" one_line_error
check "unknown option is named" err_has -- '--bogus'

run_cli
check "no subcommand exits 2" rc_is 2

# The default model: the bundled sentiment-bert.
cd "$work"
run_cli render --text "The movie was not bad at all!"
check "default render exits 0" rc_is 0
check "default output name comes from the text" test -f "$work/the-movie-was-not-bad-at-all.png"
check "default output is a PNG" is_png "$work/the-movie-was-not-bad-at-all.png"
check "stdout names the file" grep -qx 'the-movie-was-not-bad-at-all.png' "$work/out"

run_cli render --model "$src/models/sentiment-bert" --text "Great." --layer 0 --head 3 -o "$work/h.png"
check "single head renders" rc_is 0
check "single head output is a PNG" is_png "$work/h.png"

echo "Terrible food, rude staff." | "$bin" render - -o "$work/stdin.png" >/dev/null 2>&1
check "text from standard input" is_png "$work/stdin.png"

"$bin" render "Wonderful." -o - >"$work/stdout.png" 2>/dev/null
check "-o - writes the PNG to stdout" is_png "$work/stdout.png"

run_cli render --text "Great." --layer 99 -o "$work/bad.png"
check "layer out of range exits 2" rc_is 2
check "layer out of range names the range" err_has 'layer 99 is out of range: the model has'
check "no file on error" test ! -e "$work/bad.png"

run_cli render --text "Great." --head 12x -o "$work/bad.png"
check "bad head exits 2" rc_is 2

run_cli render --model "$work/nowhere" --text "x" -o "$work/bad.png"
check "missing model exits 5" rc_is 5
check "missing model is one line" one_line_error

run_cli render --text $'bad \xff byte' -o "$work/bad.png"
check "invalid UTF-8 exits 3" rc_is 3
check "invalid UTF-8 names the byte" err_has 'byte 4'
check "no file on invalid UTF-8" test ! -e "$work/bad.png"

run_cli render --text "Great." -o "$work/no/such/dir/x.png"
check "unwritable output exits 5" rc_is 5

run_cli render --text "Great." --device cuda -o "$work/bad.png"
if "$bin" --version | grep -q 'CPU only'; then
  check "--device cuda without CUDA exits 2" rc_is 2
  check "--device cuda without CUDA says so" err_has 'CUDA was asked for but is not available'
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Bad input never crashes attnmap or loses work. Each case feeds one subcommand a damaged or hostile
# model, tokenizer, manifest, text, option or output location, and asserts:
#   - the exit code of the error's class (2 usage, 3 input, 4 model, 5 I/O); 1 (an internal error)
#     or a signal always fails the case;
#   - stderr is exactly one line of valid UTF-8, "attnmap: error: ...", that names the problem
#     (and the file, where there is one);
#   - nothing was left in the output directory: no output file, no temporary .NAME.tmp-*.
# A few inputs must work instead: a 100,000-character text, a FIFO, standard output.
# Usage: bad_input_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
out=$work/out  # where the commands write; compared before and after each case
mkdir -p "$out" "$work/bundles"
tiny=$src/models/tiny-bert
cases=0 failed=0 skipped=0

# --- running a case -----------------------------------------------------------------------------
# attnmap with stdout in $work/stdout, stderr in $work/stderr, the exit code in $rc.
run_cli() { "$bin" "$@" >"$work/stdout" 2>"$work/stderr"; rc=$?; }
# The same with standard output on a full disk.
run_cli_full() { "$bin" "$@" >/dev/full 2>"$work/stderr"; rc=$?; }

# Every path under $out with its type (f, d, l, p): a file replaced by a link shows too.
listing() { (cd "$out" && find . -mindepth 1 -printf '%p %y\n' | sort); }
snapshot() { listing >"$work/before"; }

report() {  # report NAME PROBLEMS
  cases=$((cases + 1))
  [ -z "$2" ] && return
  failed=$((failed + 1))
  echo "FAIL: $1" >&2
  printf '%s\n' "$2" | sed 's/^/  - /' >&2
  sed 's/^/  stderr: /' "$work/stderr" >&2
}

# What is wrong with the last run, taken as a failure of exit code CODE whose message matches
# PATTERN (grep -E); nothing when all is right.
error_problems() {
  local code=$1 pattern=$2 lines
  if [ "$rc" -gt 128 ]; then
    echo "killed by signal $((rc - 128))"
  elif [ "$rc" = 1 ]; then
    echo "internal error (exit 1)"
  elif [ "$rc" != "$code" ]; then
    echo "exit $rc, expected $code"
  fi
  lines=$(grep -c '' "$work/stderr")
  [ "$lines" = 1 ] || echo "$lines lines on stderr, expected 1"
  grep -q '^attnmap: error: ' "$work/stderr" || echo "stderr does not start with 'attnmap: error: '"
  if LC_ALL=C.UTF-8 grep -qaxv '.*' "$work/stderr"; then echo "stderr is not valid UTF-8"; fi
  grep -qE -- "$pattern" "$work/stderr" || echo "the message does not match /$pattern/"
  if ! listing | diff "$work/before" - >"$work/diff"; then
    echo "the output directory changed: $(grep '^[<>]' "$work/diff" | tr '\n' ' ')"
  fi
}

# fails NAME CODE PATTERN ARGS...: attnmap ARGS must fail as error_problems says.
fails() {
  local name=$1 code=$2 pattern=$3
  shift 3
  snapshot
  run_cli "$@"
  report "$name" "$(error_problems "$code" "$pattern")"
}

succeeded() { [ "$rc" = 0 ] || echo "exit $rc, expected 0"; }

skip() {  # skip NAME WHY
  skipped=$((skipped + 1))
  echo "skipped: $1 ($2)"
}

# decodes FILE: a PNG that decodes (Pillow) to a non-trivial image.
decodes() {
  "$py" - "$1" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]); im.load()
assert im.format == "PNG" and im.size[0] > 50 and im.size[1] > 50, (im.format, im.size)
PY
}

# --- fixtures -----------------------------------------------------------------------------------
# bundle NAME [FROM]: a copy of a bundle (default tiny-bert) in $work/bundles/NAME, to damage.
bundle() {
  local dir=$work/bundles/$1 from=${2:-$tiny} f
  mkdir -p "$dir"
  for f in attnmap.json tokenizer.json tokenizer_config.json model.pt sentencepiece.bpe.model; do
    if [ -f "$from/$f" ]; then cp "$from/$f" "$dir/"; fi
  done
  echo "$dir"
}

# damage_zip_member SOURCE TARGET SUFFIX HOW: TARGET is the zip archive SOURCE (a TorchScript
# file) with each member whose name ends in SUFFIX emptied (HOW empty) or overwritten with as
# many 0x7f bytes (HOW garbage).
damage_zip_member() {
  "$py" - "$@" <<'PY'
import sys, zipfile
source, target, suffix, how = sys.argv[1:5]
with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename.endswith(suffix):
            data = b"" if how == "empty" else b"\x7f" * len(data)
        dst.writestr(info, data)
PY
}
# edit_json FILE CODE: runs Python CODE on the JSON of FILE as `j` and writes it back.
edit_json() {
  "$py" - "$1" "$2" <<'PY'
import json, sys
path = sys.argv[1]
j = json.load(open(path))
exec(sys.argv[2])
json.dump(j, open(path, "w"))
PY
}
# nested N OPEN CLOSE: OPEN N times, then CLOSE N times.
nested() { "$py" -c 'import sys; n = int(sys.argv[1]); print(sys.argv[2] * n + sys.argv[3] * n, end="")' "$@"; }

"$py" "$(dirname "$0")/make_bad_modules.py" "$work" || { echo "cannot make the TorchScript modules" >&2; exit 1; }
text="The film was not bad at all."
# 122 tokens, just below tiny-bert's maximum: outputs of hundreds of KB, no truncation warning.
"$py" -c 'print("The film was not bad. " * 20, end="")' >"$work/medium.txt"

# --- the explorer page (render -o page.html) ------------------------------------------------------
fails "explorer: an unknown method" 2 "unknown method 'bogus' \(matrix, .*\) \(--methods\)" \
  render --model "$src/models/tiny-bert" --text "$text" --methods rollout,bogus -o "$out/page.html"
fails "explorer: its own token toggles" 2 'the explorer page has its own word and special-token toggles' \
  render --model "$src/models/tiny-bert" --text "$text" --merge-subwords -o "$out/page.html"
fails "explorer: no such directory" 5 "the output's directory does not exist" \
  render --model "$src/models/tiny-bert" --text "$text" -o "$out/none/page.html"
fails "explorer: a bad colormap, before the model runs" 2 'cmap' \
  render --model "$src/models/tiny-bert" --text "$text" --cmap nosuch -o "$out/page.html"

# --- model.pt -----------------------------------------------------------------------------------
b=$(bundle no-model); rm "$b/model.pt"
fails "render: model.pt missing" 5 'model file not found \(.*no-model/model\.pt\)' \
  render --model "$b" --text "$text" -o "$out/a.png"
b=$(bundle empty-model); : >"$b/model.pt"
fails "dump: model.pt empty" 4 'model file is empty \(.*empty-model/model\.pt\)' \
  dump --model "$b" --text "$text" -o "$out/a.json"
b=$(bundle truncated-model); head -c 300000 "$tiny/model.pt" >"$b/model.pt"
fails "saliency: model.pt truncated" 4 'truncated.*\(.*truncated-model/model\.pt\)' \
  saliency --model "$b" --text "$text" -o "$out/a.png"
b=$(bundle random-model); head -c 300000 /dev/urandom >"$b/model.pt"
fails "inspect: model.pt of random bytes" 4 'not a TorchScript file.*\(.*random-model/model\.pt\)' \
  inspect --model "$b"
fails "check: model.pt of random bytes" 4 "checks failed, first 'module loads': not a TorchScript file" \
  check --model "$b"
b=$(bundle model-directory); rm "$b/model.pt"; mkdir "$b/model.pt"
fails "render: model.pt is a directory" 5 'model file is a directory \(.*model\.pt\)' \
  render --model "$b" --text "$text" -o "$out/a.png"
# A zip that holds a damaged member: libtorch refuses it, and the reason it gives is shown.
b=$(bundle damaged-code)
damage_zip_member "$tiny/model.pt" "$b/model.pt" export_model.py empty
fails "render: model.pt with its code emptied" 4 'cannot load TorchScript model: [A-Za-z].*\(.*damaged-code/model\.pt\)' \
  render --model "$b" --text "$text" -o "$out/a.png"
# Garbage where the position ids are stored: the module loads and fails as it runs.
b=$(bundle damaged-buffer)
damage_zip_member "$tiny/model.pt" "$b/model.pt" /data/0 garbage
fails "dump: model.pt whose position ids are garbage" 4 'the model failed to run: .*(index|range)' \
  dump --model "$b" --text "$text" -o "$out/a.json"

# --- TorchScript modules that are no attention classifier (a plain .pt with --tokenizer) --------
tok=$tiny/tokenizer.json
fails "render: a module returning one tensor" 4 'no attention tensors found' \
  render --model "$work/tensor-only.pt" --tokenizer "$tok" --text "$text" -o "$out/a.png"
fails "dump: a module returning logits without attentions" 4 'no attention tensors found' \
  dump --model "$work/no-attentions.pt" --tokenizer "$tok" --text "$text" -o "$out/a.json"
fails "saliency: a module returning attentions without logits" 4 'no logits .* found' \
  saliency --model "$work/no-logits.pt" --tokenizer "$tok" --text "$text" --method rollout -o "$out/a.png"
fails "render: a module that raises" 4 'the model failed to run: RuntimeError: this model refuses every input' \
  render --model "$work/raises.pt" --tokenizer "$tok" --text "$text" -o "$out/a.png"
fails "render: attention rows that are scores" 4 'does not hold probabilities' \
  render --model "$work/scores.pt" --tokenizer "$tok" --text "$text" --view rollout -o "$out/a.png"
fails "dump: NaN attentions" 4 'does not hold probabilities' \
  dump --model "$work/nans.pt" --tokenizer "$tok" --text "$text" -o "$out/a.npy"
fails "render: an attention stack of no layers" 4 'attention tensor .* is empty' \
  render --model "$work/no-layers.pt" --tokenizer "$tok" --text "$text" --view grid -o "$out/a.png"
fails "check: a module returning one tensor" 4 "checks failed, first 'forward on sentences.*no attention tensors" \
  check --model "$work/tensor-only.pt" --tokenizer "$tok"
fails "render: a plain .pt without --tokenizer" 2 'needs its tokenizer' \
  render --model "$work/tensor-only.pt" --text "$text" -o "$out/a.png"

# --- a tokenizer that does not fit the model ------------------------------------------------------
big=$src/models/sentiment-bert/tokenizer.json  # 30,522 ids; tiny-bert's embedding table has 1,000 rows
if [ -f "$big" ]; then
  fails "render: a tokenizer whose ids pass the embedding table" 3 'token id [0-9]+ does not fit the model.s embedding table of 1000 rows' \
    render --model "$tiny" --tokenizer "$big" --text "The extraordinary cinematography" -o "$out/a.png"
  b=$(bundle lying-manifest); cp "$big" "$b/tokenizer.json"; edit_json "$b/attnmap.json" 'j["vocab_size"] = 30522'
  fails "dump: a manifest that claims a larger embedding table" 3 'does not fit the model.s embedding table of 1000 rows' \
    dump --model "$b" --text "The extraordinary cinematography" -o "$out/a.json"
  fails "saliency: IG with a tokenizer that does not fit" 3 'does not fit' \
    saliency --model "$tiny" --tokenizer "$big" --text "The extraordinary cinematography" --method ig -o "$out/a.png"
  fails "check: a tokenizer that does not fit" 4 "first 'token ids fit the embedding table'" \
    check --model "$tiny" --tokenizer "$big"
else
  skip "tokenizer mismatch cases" "models/sentiment-bert not built"
fi

# --- tokenizer files ------------------------------------------------------------------------------
b=$(bundle malformed-tokenizer); echo '{"model": ' >"$b/tokenizer.json"
fails "render: malformed tokenizer.json" 3 'malformed tokenizer JSON: .*\(.*malformed-tokenizer/tokenizer\.json\)' \
  render --model "$b" --text "$text" -o "$out/a.png"
b=$(bundle truncated-tokenizer); head -c 5000 "$tiny/tokenizer.json" >"$b/tokenizer.json"
fails "tokenize: truncated tokenizer.json" 3 'malformed tokenizer JSON: .*truncated-tokenizer/tokenizer\.json' \
  tokenize --model "$b" --text "$text"
b=$(bundle empty-tokenizer); : >"$b/tokenizer.json"
fails "dump: empty tokenizer.json" 3 'malformed tokenizer JSON.*empty-tokenizer/tokenizer\.json' \
  dump --model "$b" --text "$text" -o "$out/a.json"
b=$(bundle no-tokenizer); rm "$b/tokenizer.json"
fails "inspect: tokenizer.json missing" 5 'not found \(.*no-tokenizer/tokenizer\.json\)' \
  inspect --model "$b"
b=$(bundle mystery-model); edit_json "$b/tokenizer.json" 'j["model"]["type"] = "Mystery"'
fails "tokenize: unknown tokenizer model type" 3 "unsupported model type 'Mystery' \(.*tokenizer\.json\)" \
  tokenize --model "$b" --text "$text"
b=$(bundle newline-type); edit_json "$b/tokenizer.json" 'j["normalizer"]["type"] = "Bert\nNormalizer\u001b[31m"'
fails "tokenize: a component type with a line break and an escape code" 3 "unsupported normalizer type 'Bert\\\\nNormalizer\\\\x1b\[31m'" \
  tokenize --model "$b" --text "$text"
b=$(bundle sequence-depth)
edit_json "$b/tokenizer.json" '
n = j["normalizer"]
for _ in range(20): n = {"type": "Sequence", "normalizers": [n]}
j["normalizer"] = n'
fails "tokenize: normalizer Sequences nested 20 deep" 3 'normalizer Sequences nested deeper than 16 levels' \
  tokenize --model "$b" --text "$text"
b=$(bundle sequence-bomb)
"$py" - "$tiny/tokenizer.json" "$b/tokenizer.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
inner = json.dumps(j.pop("pre_tokenizer"))
n = 100000
deep = '{"type": "Sequence", "pretokenizers": [' * n + inner + "]}" * n
open(sys.argv[2], "w").write(json.dumps(j)[:-1] + ', "pre_tokenizer": ' + deep + "}")
PY
fails "render: pre-tokenizer Sequences nested 100,000 deep" 3 'nested deeper than 64 levels \(.*sequence-bomb/tokenizer\.json\)' \
  render --model "$b" --text "$text" -o "$out/a.png"
b=$(bundle array-bomb); edit_json "$b/tokenizer.json" 'j["padding"] = {"pad_id": "BOMB"}'
"$py" - "$b/tokenizer.json" <<'PY'
import sys
p = sys.argv[1]
text = open(p).read().replace('"BOMB"', "[" * 100000 + "]" * 100000)
open(p, "w").write(text)
PY
fails "tokenize: a pad id nested in 100,000 arrays" 3 'nested deeper than 64 levels' \
  tokenize --model "$b" --text "$text"
b=$(bundle unknown-kind); edit_json "$b/attnmap.json" 'j["tokenizer"]["kind"] = "tiktoken"'
fails "render: unknown tokenizer kind in the manifest" 3 "unknown tokenizer kind 'tiktoken'.*\(.*unknown-kind/attnmap\.json\)" \
  render --model "$b" --text "$text" -o "$out/a.png"
head -c 3000 /dev/urandom >"$work/tokenizer.bin"
fails "tokenize: --tokenizer of an unknown kind" 3 'cannot tell the tokenizer kind.*tokenizer\.bin' \
  tokenize --tokenizer "$work/tokenizer.bin" --text "$text"
b=$(bundle damaged-spm "$src/models/tiny-xlmr")
head -c 3000 "$src/models/tiny-xlmr/sentencepiece.bpe.model" >"$b/sentencepiece.bpe.model"
edit_json "$b/attnmap.json" 'j["tokenizer"] = {"kind": "sentencepiece", "file": "sentencepiece.bpe.model"}'
fails "render: truncated sentencepiece .model" 3 \
  'not a sentencepiece model: the file does not parse as one.*\(.*damaged-spm/sentencepiece\.bpe\.model\)' \
  render --model "$b" --text "$text" -o "$out/a.png"
mkdir -p "$work/legacy"; printf '[PAD]\n[UNK]\nca\xff\n' >"$work/legacy/vocab.txt"
fails "tokenize: vocab.txt with invalid UTF-8" 3 'invalid UTF-8 in vocab\.txt on line 3, byte 2 \(.*vocab\.txt\)' \
  tokenize --tokenizer "$work/legacy/vocab.txt" --text "$text"
mkdir -p "$work/legacy-bpe"
echo '{"a": 0, "b": 1e300}' >"$work/legacy-bpe/vocab.json"
printf '#version: 0.2\na b\n' >"$work/legacy-bpe/merges.txt"
fails "tokenize: vocab.json with a float id" 3 "vocab\.json id of 'b' is not an integer" \
  tokenize --tokenizer "$work/legacy-bpe/vocab.json" --text "ab"

# --- manifest -------------------------------------------------------------------------------------
b=$(bundle malformed-manifest); echo '{"format_version": 1, ' >"$b/attnmap.json"
fails "render: malformed attnmap.json" 3 'malformed manifest: .*\(.*malformed-manifest/attnmap\.json\)' \
  render --model "$b" --text "$text" -o "$out/a.png"
b=$(bundle truncated-manifest); head -c 100 "$tiny/attnmap.json" >"$b/attnmap.json"
fails "inspect: truncated attnmap.json" 3 'malformed manifest.*truncated-manifest/attnmap\.json' \
  inspect --model "$b"
b=$(bundle empty-manifest); : >"$b/attnmap.json"
fails "check: empty attnmap.json" 4 "first 'manifest': malformed manifest" \
  check --model "$b"
b=$(bundle no-manifest); rm "$b/attnmap.json"
fails "saliency: attnmap.json missing" 5 'cannot open file.*\(.*no-manifest/attnmap\.json\)' \
  saliency --model "$b" --text "$text" -o "$out/a.png"
fails "render: bundle directory missing" 5 'model bundle directory not found' \
  render --model "$work/bundles/nowhere" --text "$text" -o "$out/a.png"
b=$(bundle label-key); edit_json "$b/attnmap.json" 'j["id2label"] = {"0": "negative", "1abc": "neutral", "2": "positive"}'
fails "render: id2label key 1abc" 3 "id2label key '1abc' is not a class id" \
  render --model "$b" --text "$text" -o "$out/a.png"
b=$(bundle label-zero); edit_json "$b/attnmap.json" 'j["id2label"] = {"0": "negative", "01": "neutral", "2": "positive"}'
fails "dump: id2label key 01" 3 "id2label key '01' is not a class id" \
  dump --model "$b" --text "$text" -o "$out/a.json"
b=$(bundle huge-number); edit_json "$b/attnmap.json" 'j["num_layers"] = 1e300'
fails "render: num_layers 1e300" 3 'positive integer "num_layers"' \
  render --model "$b" --text "$text" -o "$out/a.png"
b=$(bundle escaping-file); edit_json "$b/attnmap.json" 'j["tokenizer"]["file"] = "../../tokenizer.json"'
fails "tokenize: a tokenizer file outside the bundle" 3 'must be inside the bundle' \
  tokenize --model "$b" --text "$text"
b=$(bundle binary-manifest); printf '\xff\xfe{\x1b[2J}' >"$b/attnmap.json"
fails "inspect: attnmap.json of binary bytes" 3 'malformed manifest' \
  inspect --model "$b"
b=$(bundle manifest-bomb); nested 100000 '[' ']' >"$work/bomb"
"$py" - "$b/attnmap.json" "$work/bomb" <<'PY'
import sys
p = sys.argv[1]
text = open(p).read().replace('"format_version": 1', '"format_version": ' + open(sys.argv[2]).read())
open(p, "w").write(text)
PY
fails "saliency: format_version nested 100,000 deep" 3 'nested deeper than 64 levels \(.*manifest-bomb/attnmap\.json\)' \
  saliency --model "$b" --text "$text" -o "$out/a.png"
fails "check: a golden file nested 100,000 deep" 4 "first 'matches the golden reference outputs': JSON nested deeper than 64 levels" \
  check --model "$tiny" --golden "$work/bomb"

# --- the text -------------------------------------------------------------------------------------
fails "render: invalid UTF-8 in --text" 3 'invalid UTF-8 in text \(--text, byte 4\)' \
  render --model "$tiny" --text "$(printf 'caf\xe9 au lait')" -o "$out/a.png"
printf 'The caf\xe9 was fine.\n' >"$work/latin1.txt"
fails "dump: invalid UTF-8 in --text-file" 3 'invalid UTF-8 in text \(.*latin1\.txt, byte 8\)' \
  dump --model "$tiny" --text-file "$work/latin1.txt" -o "$out/a.json"
printf 'fine\nnot \xff fine\n' >"$work/lines.txt"
fails "tokenize: invalid UTF-8 on line 2 of standard input" 3 'invalid UTF-8 in text \(line 2, byte 4\)' \
  tokenize --model "$tiny" - <"$work/lines.txt"
fails "saliency: invalid UTF-8 in --pair" 3 'invalid UTF-8 in second text' \
  saliency --model "$tiny" --text "$text" --pair "$(printf 'x\xff')" -o "$out/a.png"
fails "render: --text empty" 2 'no text' \
  render --model "$tiny" --text "" -o "$out/a.png"
: >"$work/empty.txt"
fails "render: an empty --text-file" 3 'text is empty.*\(.*empty\.txt\)' \
  render --model "$tiny" --text-file "$work/empty.txt" -o "$out/a.png"
fails "dump: a text of whitespace only" 3 'text is empty or only whitespace' \
  dump --model "$tiny" --text "   " -o "$out/a.json"
fails "saliency: empty standard input" 3 'text is empty.*standard input' \
  saliency --model "$tiny" - -o "$out/a.png" </dev/null
fails "render: --text-file missing" 5 'cannot open file.*\(.*missing\.txt\)' \
  render --model "$tiny" --text-file "$work/missing.txt" -o "$out/a.png"
fails "dump: --text-file is a directory" 5 'is a directory.*\(.*bundles\)' \
  dump --model "$tiny" --text-file "$work/bundles" -o "$out/a.json"
"$py" - >"$work/long.txt" <<'PY'
import random
random.seed(1)
print("".join(random.choice("abcde fghij klm café 東京 😀,.") for _ in range(100000)), end="")
PY
fails "dump: a 100,000-character text with --no-truncate" 3 'longer than the maximum of 128' \
  dump --model "$tiny" --text-file "$work/long.txt" --no-truncate -o "$out/a.json"

run_cli render --model "$tiny" --text-file "$work/long.txt" -o "$work/long.png"
problems=""
[ "$rc" = 0 ] || problems="exit $rc, expected 0"
grep -q 'warning: text truncated to 128 tokens' "$work/stderr" || problems+=$'\n'"no truncation warning"
decodes "$work/long.png" || problems+=$'\n'"the PNG does not decode"
report "render: a 100,000-character text is truncated and drawn" "$problems"
run_cli tokenize --model "$tiny" --text-file "$work/long.txt" --json
report "tokenize: a 100,000-character text" "$(succeeded
  "$py" -c 'import json, sys; assert len(json.load(open(sys.argv[1]))["ids"]) > 10000' "$work/stdout" || echo "bad JSON")"

# --- options --------------------------------------------------------------------------------------
fails "render: --layer out of range" 2 'layer 9 is out of range: the model has 2 layers' \
  render --model "$tiny" --text "$text" --layer 9 -o "$out/a.png"
fails "render --view heads: --layer -3" 2 'layer -3 is out of range' \
  render --model "$tiny" --text "$text" --view heads --layer -3 -o "$out/a.png"
fails "render: --head out of range" 2 'head 4 is out of range: the model has 4 heads' \
  render --model "$tiny" --text "$text" --head 4 -o "$out/a.png"
fails "render --view cls: --token out of range" 2 'token 99 is out of range' \
  render --model "$tiny" --text "$text" --view cls --token 99 -o "$out/a.png"
fails "render: --max-length that leaves no room for the text" 3 'maximum length 2 leaves no room for text' \
  render --model "$tiny" --text "$text" --max-length 2 -o "$out/a.png"
if "$bin" --version | grep -q 'CUDA available'; then
  skip "--device cuda without CUDA" "CUDA is available here"
else
  fails "render: --device cuda without CUDA" 2 'CUDA was asked for but is not available' \
    render --model "$tiny" --text "$text" --device cuda -o "$out/a.png"
  fails "inspect: --device cuda:3 without CUDA" 2 'CUDA was asked for but is not available' \
    inspect --model "$tiny" --device cuda:3
fi
fails "dump: --device tpu" 2 "unknown device 'tpu'" \
  dump --model "$tiny" --text "$text" --device tpu -o "$out/a.json"
fails "render: --threads 100000 (libtorch crashed on it)" 2 'threads.*not in range' \
  render --model "$tiny" --text "$text" --threads 100000 -o "$out/a.png"
fails "saliency: --steps 2000000000 (once out of memory)" 2 'steps must be at most 10000' \
  saliency --model "$tiny" --text "$text" --steps 2000000000 -o "$out/a.png"
fails "render: --font missing" 5 'font file not found \(.*missing\.ttf\)' \
  render --model "$tiny" --text "$text" --font "$work/missing.ttf" -o "$out/a.png"
head -c 5000 /dev/urandom >"$work/junk.ttf"
fails "saliency: --font of random bytes" 5 'cannot load font: .*\(.*junk\.ttf\)' \
  saliency --model "$tiny" --text "$text" --method rollout --font "$work/junk.ttf" -o "$out/a.png"

# --- where the output goes ------------------------------------------------------------------------
fails "render: output directory missing" 5 'directory does not exist \(.*nowhere/a\.png\)' \
  render --model "$tiny" --text "$text" -o "$out/nowhere/a.png"
mkdir "$out/taken.png" "$out/taken.json"
fails "render: output is a directory" 5 'output is a directory \(.*taken\.png\)' \
  render --model "$tiny" --text "$text" -o "$out/taken.png"
fails "dump -o x.npy: the sidecar x.json is a directory" 5 'output is a directory \(.*taken\.json\)' \
  dump --model "$tiny" --text "$text" -o "$out/taken.npy"
fails "check: --junit in a missing directory" 5 'directory does not exist \(.*nowhere/junit\.xml\)' \
  check --model "$tiny" --junit "$out/nowhere/junit.xml"
ln -s /dev/full "$out/full.png"
ln -s /dev/full "$out/full.npy"
fails "render: a device that is full (/dev/full)" 5 'No space left on device \(.*full\.png\)' \
  render --model "$tiny" --text "$text" -o "$out/full.png"
fails "dump: .npy to a device that is full" 5 'No space left on device \(.*full\.npy\)' \
  dump --model "$tiny" --text "$text" -o "$out/full.npy"
for args in "tokenize --json" "inspect --json" "dump -o -" "render -o -"; do
  read -r -a words <<<"$args"
  snapshot
  if [ "${words[0]}" = inspect ]; then
    run_cli_full "${words[@]}" --model "$tiny"
  else
    run_cli_full "${words[0]}" --model "$tiny" --text "$text" "${words[@]:1}"
  fi
  report "$args: standard output on a full disk" "$(error_problems 5 'cannot write to standard output')"
done
# A file size limit: write() fails with EFBIG once SIGXFSZ is ignored; nothing partial stays.
for output in a.png a.npy a.json; do
  snapshot
  cmd=render; [ "$output" = a.png ] || cmd=dump
  (ulimit -f 8; trap '' XFSZ; exec "$bin" "$cmd" --model "$tiny" --text-file "$work/medium.txt" -o "$out/$output") \
    >"$work/stdout" 2>"$work/stderr"
  rc=$?
  report "$cmd -o $output: a file size limit (EFBIG)" "$(error_problems 5 "File too large \(.*$output\)")"
done
# A reader that went away: with SIGPIPE at its default, as a shell leaves it, the write fails.
snapshot
"$py" - "$work/stderr" "$bin" render --model "$tiny" --text "$text" -o - <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
rc = subprocess.run(sys.argv[2:], stdout=w, stderr=open(sys.argv[1], "w")).returncode
sys.exit(128 - rc if rc < 0 else rc)
PY
rc=$?
report "render -o -: the reader of standard output is gone" "$(error_problems 5 'cannot write to standard output: Broken pipe')"

# A small file system, read-only or full, in a mount namespace of our own (root only); without
# one, a directory without write permission (not for root, whom permissions do not stop).
# tmpfs_run MOUNT_OPTIONS ARGS...: attnmap ARGS with $out/fs a fresh tmpfs; $work/fs-left lists
# what stayed in it (the tmpfs goes with the namespace).
tmpfs_run() {
  local options=$1
  shift
  unshare -m sh -c 'mount -t tmpfs -o "$1" attnmap-test "$2" || exit 97
    dir=$2 left=$3 stdout=$4 stderr=$5; shift 5
    "$@" >"$stdout" 2>"$stderr"; rc=$?
    ls -A "$dir" >"$left"; exit $rc' sh "$options" "$out/fs" "$work/fs-left" "$work/stdout" "$work/stderr" "$bin" "$@"
  rc=$?
}
mkdir "$out/fs"
if [ "$(id -u)" = 0 ] && unshare -m sh -c "mount -t tmpfs -o size=64k attnmap-test '$out/fs'" 2>/dev/null; then
  snapshot
  tmpfs_run ro,size=64k render --model "$tiny" --text "$text" -o "$out/fs/a.png"
  report "render: a read-only file system" "$(error_problems 5 'Read-only file system \(.*fs/a\.png\)')"
  for output in a.json a.npy; do
    snapshot
    tmpfs_run size=64k dump --model "$tiny" --text-file "$work/medium.txt" -o "$out/fs/$output"
    report "dump -o $output: a file system that fills up" "$(error_problems 5 "No space left on device \(.*fs/$output\)"
      [ -s "$work/fs-left" ] && echo "left in the file system: $(cat "$work/fs-left")")"
  done
elif [ "$(id -u)" != 0 ]; then
  chmod 555 "$out/fs"
  fails "render: a directory without write permission" 5 'Permission denied \(.*fs/a\.png\)' \
    render --model "$tiny" --text "$text" -o "$out/fs/a.png"
  chmod 755 "$out/fs"
  skip "a file system that fills up" "needs root for a tmpfs of its own; /dev/full and the size limit cover it"
else
  skip "a read-only or full file system" "unshare -m or mount -t tmpfs is not allowed here"
fi

# --- outputs that are not regular files must work -------------------------------------------------
mkfifo "$out/fifo.png"
timeout 120 cat "$out/fifo.png" >"$work/from-fifo.png" &
reader=$!
run_cli render --model "$tiny" --text "$text" -o "$out/fifo.png"
[ "$rc" = 0 ] || { exec 3>"$out/fifo.png"; exec 3>&-; }  # let the reader go if nothing was written
wait "$reader"
report "render -o FIFO: written directly, still a FIFO" \
  "$(succeeded; [ -p "$out/fifo.png" ] || echo "the FIFO was replaced"
     decodes "$work/from-fifo.png" || echo "the reader did not get a PNG"
     [ -z "$(find "$out" -name '.*.tmp-*')" ] || echo "a temporary file was left")"
# faithfulness: no mask token for --removal mask, unknown methods, empty data; a method that
# cannot run on a long text (flow: 128 tokens, more than tiny-bert takes) is skipped and counted
# while the others go on.
b=$(bundle no-mask-token)
edit_json "$b/tokenizer.json" '
for t in j["added_tokens"]:
    if t["content"] == "[MASK]": t["content"] = "[MASQUE]"
j["model"]["vocab"]["[MASQUE]"] = j["model"]["vocab"].pop("[MASK]")'
fails "faithfulness --removal mask: no mask token" 2 "needs the model's mask token.*none.*\\(.*no-mask-token\\)" \
  faithfulness --model "$b" --text "$text" --removal mask --methods rollout
fails "faithfulness: an unknown method" 2 "unknown saliency method 'saliencee'.*\\(--methods\\)" \
  faithfulness --model "$tiny" --text "$text" --methods rollout,saliencee
printf 'id\ttext\tlabel\n' >"$work/empty.tsv"
fails "faithfulness: a data set without rows" 3 'the data set has no rows.*empty\.tsv' \
  faithfulness --model "$tiny" --input "$work/empty.tsv" --no-progress
# faithfulness --scores: each bad file is one line naming the file and its line.
printf 'id\ttext\na\tnot bad at all\n' >"$work/one.tsv"
printf '{"line": 2, "scores": {"mine": [0, 1, 2]}}\n' >"$work/short.jsonl"
fails "faithfulness --scores: fewer scores than tokens" 3 "line 2: 'mine' has 3 scores for the [0-9]* tokens of that row.*short\\.jsonl" \
  faithfulness --model "$tiny" --input "$work/one.tsv" --scores "$work/short.jsonl" --methods none --no-progress
printf '{"line": 2, "scores": {"rollout": [0, 1, 2]}}\n' >"$work/taken.jsonl"
fails "faithfulness --scores: a method name of attnmap's own" 2 "'rollout', which is attnmap's own.*taken\\.jsonl" \
  faithfulness --model "$tiny" --input "$work/one.tsv" --scores "$work/taken.jsonl" --no-progress
printf '{"line": 2, "scores": {"mine": [0, 1]}}\n{"line": 2, "scores": {"mine": [0, 1]}}\n' >"$work/twice.jsonl"
fails "faithfulness --scores: an example given twice" 3 "twice\\.jsonl:2: line 2 is given twice" \
  faithfulness --model "$tiny" --input "$work/one.tsv" --scores "$work/twice.jsonl" --no-progress
printf '{"line": 2, "scores": {"mine": [0, "1"]}}\n' >"$work/string.jsonl"
fails "faithfulness --scores: a score that is not a number" 3 "string\\.jsonl:1: 'mine' has a value that is not a number" \
  faithfulness --model "$tiny" --input "$work/one.tsv" --scores "$work/string.jsonl" --no-progress
printf '{"scores": {"mine": [0, 1]}}\n' >"$work/nokey.jsonl"
fails "faithfulness --scores: neither line nor id" 3 "nokey\\.jsonl:1: give the example's \"line\"" \
  faithfulness --model "$tiny" --input "$work/one.tsv" --scores "$work/nokey.jsonl" --no-progress
fails "faithfulness --scores with one --text" 2 "use it with --input.*\\(--scores\\)" \
  faithfulness --model "$tiny" --text "$text" --scores "$work/short.jsonl"
fails "faithfulness --methods none without --scores" 2 "leaves nothing to rank.*\\(--methods\\)" \
  faithfulness --model "$tiny" --input "$work/one.tsv" --methods none --no-progress
long=$(for i in $(seq 1 140); do printf 'word%d ' "$i"; done)
run_cli faithfulness --model "$src/models/sentiment-bert" --text "$long" --methods rollout,flow --json
report "faithfulness: flow over its length limit is skipped, rollout goes on" \
  "$(succeeded
     grep -q 'flow could not run on 1 of 1 examples' "$work/stderr" || echo "no skip count on stderr: $(cat "$work/stderr")"
     "$py" -c 'import json, sys; s = json.load(open(sys.argv[1])); assert s["skipped"] == {"flow": 1}, s["skipped"]; assert "rollout" in s["methods"] and "flow" not in s["methods"], list(s["methods"])' \
       "$work/stdout" || echo "the summary does not show it")"
run_cli render --model "$tiny" --text "$text" -o -
cp "$work/stdout" "$work/stdout.png"
report "render -o -: the PNG on standard output" "$(succeeded; decodes "$work/stdout.png" || echo "stdout is not a PNG")"
run_cli saliency --model "$tiny" --text "$text" --method rollout -o - --format svg
report "saliency -o - --format svg: SVG on standard output" \
  "$(succeeded
     "$py" -c 'import sys, xml.etree.ElementTree as E; assert E.parse(sys.argv[1]).getroot().tag.endswith("svg")' \
       "$work/stdout" || echo "stdout is not SVG")"

echo "bad input: $cases cases, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# attnmap export, the exporter as a subcommand (here from the build tree: the exporter of the
# sources, the Python of .venv): a tiny Hugging Face model exported and rendered; a checkpoint
# directory given as --model names the command to run; a missing Python, a Python without torch
# and a `scripts` folder in the working directory each fail or stay harmless as they should.
# Usage: export_command_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
export HF_HUB_OFFLINE=1
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; tail -3 "$work/err" >&2; fi
}
run_cli() { "$bin" "$@" >"$work/out" 2>"$work/err"; echo $? >"$work/rc"; }
rc_is() { [ "$(cat "$work/rc")" = "$1" ]; }
err_has() { grep -q -- "$1" "$work/err"; }
hf=$src/models/tiny-bert/hf
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")  # the test changes directory

run_cli export "$hf" "$work/bundle" --max-length 64
check "export exits 0" rc_is 0
check "the exporter reports its traced-vs-eager check" err_has "traced vs eager max |diff|"
check "the bundle has its manifest" test -f "$work/bundle/attnmap.json"
check "the manifest records --max-length" grep -q '"max_length": 64' "$work/bundle/attnmap.json"
run_cli render "A fine film." --model "$work/bundle" -o "$work/fig.png"
check "the exported bundle renders" rc_is 0
check "the figure is a PNG" test "$(head -c 4 "$work/fig.png" | od -An -c | tr -d ' ')" = "211PNG"

# DeBERTa-v3 and ModernBERT as checkpoints ship them: DeBERTa with its spm.model and no
# tokenizer.json (transformers converts it, and the bundle's tokenizer must match that), ModernBERT
# with its tokenizer.json. Exported with the one command; the bundle's tokenizer and model agree
# with transformers on a sentence with accents, a combining mark and a run of spaces.
mkdir -p "$work/deberta-checkpoint"
cp "$src/models/tiny-deberta/hf/"{config.json,model.safetensors,spm.model,tokenizer_config.json} "$work/deberta-checkpoint/"
for checkpoint in "$work/deberta-checkpoint" "$src/models/tiny-modernbert/hf"; do
  name=$(basename "$(dirname "$checkpoint")")-$(basename "$checkpoint")
  run_cli export "$checkpoint" "$work/$name"
  check "$name: export exits 0" rc_is 0
  text=$'Cafe\u0301 cre\u0300me   and na\u00efve r\u00e9sum\u00e9s, 42!'
  run_cli dump --model "$work/$name" --text "$(printf "$text")" -o "$work/$name.json"
  check "$name: dump exits 0" rc_is 0
  check "$name: ids and logits match transformers" "$py" - "$checkpoint" "$work/$name.json" "$(printf "$text")" <<'PY'
import json, sys, torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer
checkpoint, dumped, text = sys.argv[1:]
got = json.load(open(dumped))
tokenizer = AutoTokenizer.from_pretrained(checkpoint)
model = AutoModelForSequenceClassification.from_pretrained(checkpoint, attn_implementation="eager").eval()
enc = tokenizer(text, return_tensors="pt")
with torch.no_grad():
    logits = model(**enc).logits[0]
ids = got["encoding"]["ids"]
assert ids == enc["input_ids"][0].tolist(), (ids, enc["input_ids"][0].tolist())
assert (torch.tensor(got["prediction"]["logits"]) - logits).abs().max() < 1e-4, (got["prediction"], logits)
PY
done

run_cli render "A fine film." --model "$hf" -o "$work/fig2.png"
check "a checkpoint directory as --model is a usage error (exit 2)" rc_is 2
check "it names the export command" err_has "attnmap export $hf $hf-attnmap"

ATTNMAP_PYTHON=$work/no-such-python run_cli export "$hf" "$work/b2"
check "a missing ATTNMAP_PYTHON is an I/O error (exit 5)" rc_is 5
check "it says which Python and what to set" err_has "ATTNMAP_PYTHON"
"$py" -m venv --without-pip "$work/bare"
ATTNMAP_PYTHON=$work/bare/bin/python run_cli export "$hf" "$work/b3"
check "a Python without torch fails" test "$(cat "$work/rc")" -ne 0
check "it says torch is missing in that Python" err_has "torch is not installed in $work/bare/bin/python"

# A `scripts` package in the working directory must not replace the exporter's.
mkdir -p "$work/cwd/scripts/models"
touch "$work/cwd/scripts/__init__.py" "$work/cwd/scripts/models/__init__.py"
echo 'raise SystemExit("the working directory shadowed the exporter")' >"$work/cwd/scripts/models/export_model.py"
(cd "$work/cwd" && "$bin" export "$hf" "$work/b4" >"$work/out" 2>"$work/err"; echo $? >"$work/rc")
check "a scripts/ folder in the working directory does not shadow the exporter" rc_is 0

run_cli export --help
check "export --help names ATTNMAP_PYTHON" grep -q ATTNMAP_PYTHON "$work/out"

echo "export: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

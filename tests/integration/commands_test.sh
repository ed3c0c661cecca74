#!/usr/bin/env bash
# Every subcommand and every view of the command line on the sample bundles: files exist and
# decode, JSON parses and agrees with itself across commands, exit codes match the error class.
# Usage: commands_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
passed=0 failed=0
bert=$src/models/sentiment-bert
roberta=$src/models/sentiment-roberta
tiny=$src/models/tiny-xlmr

check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; cat "$work/err" >&2 2>/dev/null; fi
}
run_cli() { "$bin" "$@" >"$work/out" 2>"$work/err"; echo $? >"$work/rc"; }
rc_is() { [ "$(cat "$work/rc")" = "$1" ]; }
# decodes: the PNG decodes (Pillow) to a non-trivial image, or the SVG parses as XML.
decodes() {
  "$py" - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
from PIL import Image
p = sys.argv[1]
if p.endswith(".svg"):
    root = ET.parse(p).getroot()
    assert root.tag.endswith("svg"), root.tag
else:
    im = Image.open(p); im.load()
    assert im.size[0] > 50 and im.size[1] > 50, im.size
    import numpy as np
    colours = np.unique(np.asarray(im.convert("RGB")).reshape(-1, 3), axis=0)
    assert len(colours) > 5, "blank image"
PY
}
no_file() { [ ! -e "$1" ] && [ -z "$(ls "$(dirname "$1")" | grep -F "$(basename "$1")")" ]; }

# --- render: every view, PNG and SVG ----------------------------------------------------------
text="The film was not bad at all, but the ending dragged."
for view in matrix grid heads cls rollout flow gradattn valuenorm; do
  for ext in png svg; do
    run_cli render --model "$bert" --text "$text" --view "$view" -o "$work/$view.$ext"
    check "render --view $view .$ext exits 0" rc_is 0
    check "render --view $view .$ext decodes" decodes "$work/$view.$ext"
  done
done
for view in matrix rollout gradattn; do
  run_cli render --model "$roberta" --text "$text" --view "$view" --hide-special --merge-subwords -o "$work/rb-$view.png"
  check "roberta --view $view with merged words and hidden specials" decodes "$work/rb-$view.png"
done
run_cli render --model "$bert" --text "$text" --compare "$roberta" -o "$work/compare.png"
check "--compare renders two models side by side" decodes "$work/compare.png"
run_cli render --model "$tiny" --text "Un café à Tōkyō, 東京." --label-rotation 45 --tokens raw -o "$work/xlmr.svg"
check "sentencepiece bundle, 45-degree labels, raw tokens" decodes "$work/xlmr.svg"
check "raw tokens keep the sentencepiece mark" grep -q '▁' "$work/xlmr.svg"
run_cli render --model "$bert" --text "Great." --pair "Was it?" --view gradattn --layer 1 --target positive -o "$work/pair.png"
check "a sentence pair, one gradient-weighted layer, a named target" decodes "$work/pair.png"

# --- render errors: right exit code, one line, no file ---------------------------------------
run_cli render --model "$bert" --text "Great." --view heads --layer 9 -o "$work/e1.png"
check "layer out of range: exit 2" rc_is 2
check "layer out of range names the range" grep -q 'layers (0..2' "$work/err"
check "layer out of range: no file" no_file "$work/e1.png"
run_cli render --model "$bert" --text "Great." --head 12 -o "$work/e2.png"
check "head out of range: exit 2" rc_is 2
run_cli render --model "$bert" --text "Great." -o "$work/e3.jpg"
check "unsupported extension: exit 2" rc_is 2
run_cli render --model "$bert" --text "Great." --view gradattn --target nonsense -o "$work/e4.png"
check "unknown target: exit 2" rc_is 2
run_cli render --model "$bert" --text "Great." --view valuenorm --head max -o "$work/e5.png"
check "value-norm max is refused: exit 2" rc_is 2
run_cli render --model "$bert" --text "Great." --font "$work/missing.ttf" -o "$work/e6.png"
check "missing font: exit 5" rc_is 5
check "missing font: no file" no_file "$work/e6.png"
run_cli render --model "$bert" --text "$(printf 'word %.0s' $(seq 600))" --no-truncate -o "$work/e7.png"
check "too long with --no-truncate: exit 3" rc_is 3
run_cli render --model "$bert" --text "$(printf 'word %.0s' $(seq 600))" -o "$work/long.png"
check "too long is truncated with a warning" grep -q 'truncated to 512 tokens' "$work/err"

# --- dump: JSON and .npy agree ----------------------------------------------------------------
run_cli dump --model "$bert" --text "$text" -o "$work/full.json"
check "dump .json exits 0" rc_is 0
run_cli dump --model "$bert" --text "$text" -o "$work/d.npy"
check "dump .npy exits 0" rc_is 0
check "dump .npy and its sidecar agree with dump .json" "$py" - "$work" <<'PY'
import json, sys, numpy as np
w = sys.argv[1]
full = json.load(open(f"{w}/full.json"))
side = json.load(open(f"{w}/d.json"))
assert side["attentions"] == {**{k: v for k, v in full["attentions"].items() if k != "values"}, "file": "d.npy"}
assert side["encoding"] == full["encoding"] and side["prediction"] == full["prediction"]
a = np.load(f"{w}/d.npy")
assert a.dtype == np.float32 and list(a.shape) == full["attentions"]["shape"], (a.shape, full["attentions"]["shape"])
assert np.array_equal(a.flatten(), np.array(full["attentions"]["values"], dtype=np.float32))
assert np.allclose(a.sum(-1), 1, atol=1e-5)
assert len(full["encoding"]["tokens"]) == a.shape[2]
p = full["prediction"]
assert abs(sum(p["probabilities"]) - 1) < 1e-5 and p["predicted"]["label"] in p["labels"]
PY
run_cli dump --model "$bert" --text "Great." -o "$work/d.txt"
check "dump to an unknown extension: exit 2" rc_is 2

# --- saliency ---------------------------------------------------------------------------------
run_cli saliency --model "$bert" --text "$text" --method all --steps 32 --json -o "$work/sal.png"
check "saliency --method all exits 0" rc_is 0
check "saliency figure decodes" decodes "$work/sal.png"
check "saliency JSON has every method and a consistent completeness gap" "$py" - "$work/out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
n = len(j["encoding"]["tokens"])
for m in ("ig", "gradattn", "rollout", "flow", "valuenorm"):
    assert len(j["methods"][m]["values"]) == n, m
ig = j["methods"]["ig"]
assert abs(sum(ig["values"]) - ig["attribution_sum"]) < 1e-4
# The gap reported is the gap (its size at 300 steps is checked against Captum's runs elsewhere).
assert abs(abs(ig["attribution_sum"] - (ig["f_input"] - ig["f_baseline"])) - ig["completeness_gap"]) < 1e-6
assert abs(sum(j["methods"]["rollout"]["values"]) - 1) < 1e-4
assert j["target"]["label"] == j["prediction"]["predicted"]["label"]
PY
run_cli saliency --model "$bert" --text "Great." --steps 0
check "saliency --steps 0: exit 2" rc_is 2
run_cli saliency --model "$bert" --text "Great." --method nope
check "unknown saliency method: exit 2" rc_is 2

# --- inspect ----------------------------------------------------------------------------------
run_cli inspect --model "$bert" --json
check "inspect --json exits 0" rc_is 0
check "inspect --json describes the bundle" "$py" - "$work/out" "$bert/attnmap.json" <<'PY'
import json, sys
j, m = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert j["layers"] == m["num_layers"] and j["heads"] == m["num_heads"]
assert j["labels"] == [m["id2label"][str(i)] for i in range(len(m["id2label"]))]
assert set(m["methods"]) <= set(j["methods"]) and j["parameters"] > 0
PY
run_cli inspect --model "$tiny"
check "inspect prints a summary" grep -q 'layers ×' "$work/out"
run_cli inspect --model "$src/models/tiny-modernbert"
check "inspect names what a family is without, and why" grep -q '^  without .*alti.*: ModernBERT.s layers are pre-LayerNorm' "$work/out"
run_cli saliency --model "$src/models/tiny-modernbert" --text "A fine film." --method alti
check "a method the family has not is a usage error (exit 2)" rc_is 2
check "it says why" grep -q "'alti' is not available for this model: ModernBERT" "$work/err"

# --- check ------------------------------------------------------------------------------------
PYTHONPATH="$src" "$py" -m scripts.ref.make_golden model --hf-dir "$src/models/tiny-bert/hf" -o "$work/golden.json" 2>/dev/null
run_cli check --model "$src/models/tiny-bert" --golden "$work/golden.json" --junit "$work/junit.xml"
check "check passes on tiny-bert with its golden" rc_is 0
check "check prints one line per check" [ "$(grep -c '^ok ' "$work/out")" -ge 9 ]
check "check's JUnit XML parses and has no failures" "$py" - "$work/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot().find("testsuite")
assert int(s.get("tests")) >= 9 and s.get("failures") == "0", (s.get("tests"), s.get("failures"))
PY
run_cli check --model "$src/models/tiny-roberta" --golden "$work/golden.json" --junit "$work/junit2.xml"
check "check against another model's golden fails with exit 4" rc_is 4
check "the failing check is reported" grep -q '^FAIL matches the golden' "$work/out"
check "the JUnit XML records the failure" grep -q '<failure' "$work/junit2.xml"

echo "commands: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

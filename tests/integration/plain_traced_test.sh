#!/usr/bin/env bash
# A model traced "the plain way" (tuple outputs — torchscript=True in transformers 4,
# return_dict=False in 5 — with output_attentions=True, forward taking only input_ids and
# attention_mask) renders with its tokenizer named.
# Usage: plain_traced_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
source "$(dirname "$0")/common.sh" "$@"
set -eo pipefail

HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error "$py" - "$src/models/tiny-bert/hf" "$work/plain.pt" <<'PY' 2>"$work/py.err" || { cat "$work/py.err" >&2; exit 1; }
import sys, torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer
hf_dir, out = sys.argv[1], sys.argv[2]
model = AutoModelForSequenceClassification.from_pretrained(hf_dir, attn_implementation="eager").eval()
enc = AutoTokenizer.from_pretrained(hf_dir)(["a plain traced model", "hello"], padding=True, return_tensors="pt")
class WithAttentions(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m
    def forward(self, input_ids, attention_mask):
        return self.m(input_ids=input_ids, attention_mask=attention_mask, output_attentions=True,
                      return_dict=False)
torch.jit.trace(WithAttentions(model), (enc["input_ids"], enc["attention_mask"]), strict=False).save(out)
PY
"$bin" render --model "$work/plain.pt" --tokenizer "$src/models/tiny-bert/hf/tokenizer.json" \
  --text "A plain traced model renders too." -o "$work/plain.png"
[ "$(head -c 4 "$work/plain.png" | od -An -c | tr -d ' ')" = "211PNG" ]
# Without its tokenizer, a plain model is a usage error that says what is missing.
set +e
"$bin" render --model "$work/plain.pt" --text "x" -o "$work/x.png" 2>"$work/err"
rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q -- '--tokenizer' "$work/err" && [ ! -e "$work/x.png" ]
# A module without the exporter's entry points keeps the methods that need only forward, and names
# the re-export for those that need the newer ones.
"$bin" saliency --model "$work/plain.pt" --tokenizer "$src/models/tiny-bert/hf/tokenizer.json" \
  --text "an old model" --method rollout --json >"$work/old.json"
grep -q '"rollout"' "$work/old.json"
for method in alti valuezeroing decompx; do
  set +e
  "$bin" saliency --model "$work/plain.pt" --tokenizer "$src/models/tiny-bert/hf/tokenizer.json" \
    --text "an old model" --method "$method" --json >"$work/new.json" 2>"$work/err"
  rc=$?
  set -e
  [ "$rc" -ne 0 ] && grep -q "attnmap export HF_MODEL_DIR BUNDLE_DIR" "$work/err" \
    || { echo "--method $method on an old model: rc $rc, $(cat "$work/err")" >&2; exit 1; }
done
echo "plain traced model: rendered, refused without --tokenizer, old methods kept and new ones name the re-export"

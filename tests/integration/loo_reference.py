#!/usr/bin/env python3
"""`attnmap saliency --method loo` against leave-one-out computed with the Hugging Face model: for
each token that is not special, p(target | x) - p(target | x with that token deleted), the target
the predicted class; special tokens score 0.

Usage: loo_reference.py ATTNMAP BUNDLE_DIR, with the repository root on PYTHONPATH.
"""
import json
import os
import subprocess
import sys

import torch

from scripts.ref import hf
from scripts.ref.texts import EXPORT_CHECK_PAIR, IG_TEXTS

TOLERANCE = 1e-5  # probabilities, absolute


def probabilities(model, enc):
    with torch.no_grad():
        return torch.softmax(model(**enc).logits, -1)


def reference(model, tokenizer, text, pair):
    enc = tokenizer(text, pair, return_tensors="pt", return_special_tokens_mask=True)
    special = enc.pop("special_tokens_mask")[0].bool()
    p = probabilities(model, enc)[0]
    target = int(p.argmax())
    scores = []
    for t in range(len(special)):
        if special[t]:
            scores.append(0.0)
            continue
        keep = torch.arange(len(special)) != t
        removed = {k: v[:, keep] for k, v in enc.items()}
        scores.append((p[target] - probabilities(model, removed)[0, target]).item())
    return target, scores


def main():
    attnmap, bundle = sys.argv[1], sys.argv[2]
    ref = hf.load(os.path.join(bundle, "hf"))
    worst, failed = 0.0, False
    for text, pair in [(t, None) for t in IG_TEXTS] + [EXPORT_CHECK_PAIR]:
        command = [attnmap, "saliency", "--model", bundle, "--text", text, "--method", "loo", "--json"]
        if pair:
            command += ["--pair", pair]
        got = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        target, want = reference(ref.model, ref.tokenizer, text, pair)
        mine = got["methods"]["loo"]["values"]
        diff = max(abs(a - b) for a, b in zip(mine, want)) if len(mine) == len(want) else float("inf")
        worst = max(worst, diff)
        if got["target"]["id"] != target or diff > TOLERANCE:
            print(f"FAIL {text!r}: target {got['target']['id']} vs {target}, max |diff| {diff:.2e}\n"
                  f" ours      {mine}\n reference {want}")
            failed = True
    print(f"{os.path.basename(bundle)}: loo matches deletion with transformers, max |diff| {worst:.2e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

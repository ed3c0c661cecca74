#!/usr/bin/env python3
"""`render --view headimportance --json` and `--view headweighted` against Michel et al.'s (2019)
definition computed with the Hugging Face model: a multiplier xi_h on each head's output (a hook on
every self-attention module, xi = 1), importance = |d logit / d xi_h| for the predicted class; and
the importance-weighted mean of a layer's heads from Hugging Face's own attentions.

Usage: head_importance_reference.py ATTNMAP BUNDLE_DIR, with the repository root on PYTHONPATH.
The reference knows the BERT-style module names (BERT, RoBERTa, XLM-R, CamemBERT, ELECTRA).
"""
import json
import os
import subprocess
import sys

import torch

from scripts.ref import hf
from scripts.ref.texts import IG_TEXTS

TOLERANCE = 1e-4


def reference(model, tokenizer, text):
    enc = tokenizer(text, return_tensors="pt")
    layers = model.base_model.encoder.layer
    heads = model.config.num_attention_heads
    xi = torch.ones(len(layers), heads, requires_grad=True)
    handles = []
    for l, layer in enumerate(layers):
        def scale(_module, _inputs, output, l=l):
            context = output[0]
            b, t, d = context.shape
            scaled = (context.view(b, t, heads, d // heads) * xi[l][None, None, :, None]).view(b, t, d)
            return (scaled,) + tuple(output[1:])
        handles.append(layer.attention.self.register_forward_hook(scale))
    try:
        out = model(**enc, output_attentions=True)
    finally:
        for h in handles:
            h.remove()
    target = int(out.logits[0].argmax())
    gradient, = torch.autograd.grad(out.logits[0, target], xi)
    importance = gradient.abs()
    last = out.attentions[-1][0].detach()  # (H, T, T)
    w = importance[-1] / importance[-1].sum()
    return importance, (w[:, None, None] * last).sum(0)


def ours(attnmap, bundle, text, view):
    out = subprocess.run([attnmap, "render", "--model", bundle, "--text", text, "--view", view, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return torch.tensor(json.loads(out)["values"])


def main():
    attnmap, bundle = sys.argv[1], sys.argv[2]
    ref = hf.load(os.path.join(bundle, "hf"))
    worst = {"headimportance": 0.0, "headweighted": 0.0}
    failed = False
    for text in IG_TEXTS:
        importance, weighted = reference(ref.model, ref.tokenizer, text)
        for view, want in (("headimportance", importance), ("headweighted", weighted)):
            got = ours(attnmap, bundle, text, view)
            diff = ((got - want).abs().max() / want.abs().max()).item() if got.shape == want.shape else float("inf")
            worst[view] = max(worst[view], diff)
            if diff > TOLERANCE:
                print(f"FAIL {view} on {text!r}: relative diff {diff:.2e}\n ours      {got.tolist()}\n reference {want.tolist()}")
                failed = True
    print(f"{os.path.basename(bundle)}: head importance matches the head-mask gradient, max relative diff "
          f"{worst['headimportance']:.1e}; importance-weighted heads {worst['headweighted']:.1e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

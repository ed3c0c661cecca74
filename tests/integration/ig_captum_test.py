#!/usr/bin/env python3
"""Integrated Gradients from `attnmap saliency` against Captum's LayerIntegratedGradients on the
word-embedding layer of the same Hugging Face model (same baseline, steps and rule), and the
completeness of our attributions at 300 steps.

Completeness is checked from the pad baseline, except where that baseline is the zero input (a zero
[PAD] row and no absolute position or token-type embeddings, as in DeBERTa-v3): there the path
starts at the embedding LayerNorm's singular point (its input's variance goes from 0 to that of
the text within the first ~1% of the path), which 300 points do not resolve to 1% on every model.
The mask baseline is then used, and the script says so.

Usage: ig_captum_test.py ATTNMAP BUNDLE_DIR, with the repository root on PYTHONPATH: the texts and
the model loading are the reference's (scripts/ref/).
"""
import json
import os
import subprocess
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import torch  # noqa: E402
from captum.attr import LayerIntegratedGradients  # noqa: E402

from scripts.ref import hf  # noqa: E402
from scripts.ref.texts import IG_TEXTS  # noqa: E402

CASES = [("pad", "gausslegendre", 50), ("mask", "riemann_right", 20), ("zero", "riemann_middle", 16)]


def ours(attnmap, bundle, text, baseline, rule, steps):
    out = subprocess.run([attnmap, "saliency", "--model", bundle, "--text", text, "--method", "ig", "--json",
                          "--baseline", baseline, "--rule", rule, "--steps", str(steps)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def captum(model, tokenizer, text, baseline, rule, steps, target):
    enc = tokenizer(text, return_tensors="pt", return_special_tokens_mask=True)
    special = enc.pop("special_tokens_mask").bool()
    ids = enc["input_ids"]
    kwargs = {k: v for k, v in enc.items() if k != "input_ids"}
    embeddings = model.get_input_embeddings()

    def forward(input_ids):
        return model(input_ids=input_ids, **{k: v.expand(input_ids.shape[0], -1) for k, v in kwargs.items()}).logits

    lig = LayerIntegratedGradients(forward, embeddings)
    if baseline == "zero":
        # A baseline in embedding space (zero vectors for content tokens, specials kept) cannot be
        # given to LayerIntegratedGradients, whose baselines are input ids: integrate with Captum's
        # own quadrature rule, replacing the embedding layer's output along the path.
        from captum.attr._utils.approximation_methods import approximation_parameters
        with torch.no_grad():
            x = embeddings(ids)
            base = torch.where(special[..., None], x, torch.zeros_like(x))
        step_sizes, alphas = approximation_parameters(rule)
        total = torch.zeros_like(x)
        for a, w in zip(alphas(steps), step_sizes(steps)):
            point = (base + a * (x - base)).detach().requires_grad_(True)
            handle = embeddings.register_forward_hook(lambda _m, _i, _o, p=point: p)
            try:
                y = forward(ids)[0, target]
            finally:
                handle.remove()
            total += w * torch.autograd.grad(y, point)[0]
        return ((x - base) * total).sum(-1)[0].tolist()
    replace = tokenizer.pad_token_id if baseline == "pad" else tokenizer.mask_token_id
    base_ids = torch.where(special, ids, torch.full_like(ids, replace))
    attributions = lig.attribute(ids, baselines=base_ids, target=target, n_steps=steps, method=rule,
                                 internal_batch_size=steps)
    return attributions.sum(-1)[0].tolist()


def has_input_positions(model):
    """Whether anything but the word embedding enters the embedding LayerNorm (absolute positions,
    token types): then even an all-zero word embedding is not the zero input."""
    embeddings = model.base_model.embeddings
    config = model.config
    if getattr(embeddings, "position_embeddings", None) is not None and getattr(config, "position_biased_input", True):
        return True
    return getattr(embeddings, "token_type_embeddings", None) is not None


def main():
    attnmap, bundle = sys.argv[1], sys.argv[2]
    ref = hf.load(os.path.join(bundle, "hf"))
    model, tokenizer = ref.model, ref.tokenizer
    worst = 0.0
    for text in IG_TEXTS:
        for baseline, rule, steps in CASES:
            if baseline == "mask" and tokenizer.mask_token_id is None:
                continue
            got = ours(attnmap, bundle, text, baseline, rule, steps)
            target = got["target"]["id"]
            want = captum(model, tokenizer, text, baseline, rule, steps, target)
            mine = got["methods"]["ig"]["values"]
            scale = max(abs(v) for v in want)
            diff = max(abs(a - b) for a, b in zip(mine, want)) / scale
            worst = max(worst, diff)
            if len(mine) != len(want) or diff > 1e-4:
                print(f"FAIL {text!r} {baseline} {rule} {steps}: relative diff {diff:.2e}\n ours   {mine}\n captum {want}")
                return 1
    print(f"{os.path.basename(bundle)}: IG matches Captum, max relative diff {worst:.2e}")
    gaps = []
    baseline = "pad"
    pad_row = model.get_input_embeddings().weight[tokenizer.pad_token_id]
    if not pad_row.any() and not has_input_positions(model) and tokenizer.mask_token_id is not None:
        baseline = "mask"
        print("the pad baseline is the zero input here (zero [PAD] row, no absolute positions): completeness "
              "from the mask baseline")
    for text in IG_TEXTS:
        got = ours(attnmap, bundle, text, baseline, "gausslegendre", 300)
        gaps.append(got["methods"]["ig"]["relative_completeness_gap"])
    print(f"completeness gap at 300 steps: max {max(gaps):.2e} of |F(x) - F(baseline)|")
    if max(gaps) > 0.01:
        print("FAIL: completeness gap above 1%")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

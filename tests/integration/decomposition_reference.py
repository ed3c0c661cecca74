#!/usr/bin/env python3
"""ALTI, GlobEnc, value zeroing and DecompX of a bundle against references written here from the
papers, run on the Hugging Face model itself, and the properties each method claims.

  value zeroing  Hugging Face's own forward pass with token j's value vector zeroed in one layer by
                 a hook on that layer's value projection (the authors' definition: the biased value,
                 every head, attention weights unchanged), 1 - cos of the layer outputs.
  ALTI, GlobEnc  per head and token from the layer's weights and the recorded attentions (ALTI:
                 L1 distances after LN1 linearised with its std; GlobEnc: L2 norms after LN1 and LN2).
  DecompX        the token parts propagated through every module, biases shared by |p_k . b|.

Compared, to 1e-4 relative: each per-layer matrix (or DecompX's token x class parts) of the bundle's
model.pt with the reference; the `attnmap saliency --json` scores with the rollout's first row
of those matrices (DecompX: the reference's target column); and, on one text, each layer's matrix
as `attnmap render --view NAME --layer L..L --json` gives it with model.pt's (rows as shares). Checked: ALTI rows are non-negative shares, value zeroing in [0, 2], GlobEnc's
norms non-negative, DecompX's parts add up to the logits.

Usage: decomposition_reference.py ATTNMAP BUNDLE_DIR [--no-value-zeroing-reference], with the
repository root on PYTHONPATH (the option for random tiny models, whose value-zeroing scores are
below float32's resolution). The
references know the BERT-style module names (BERT, RoBERTa, XLM-R, CamemBERT, ELECTRA).
"""
import json
import os
import subprocess
import sys

import torch

from scripts.ref import hf
from scripts.ref.texts import IG_TEXTS, EXPORT_CHECK_PAIR

TOLERANCE = 1e-4
METHODS = ("alti", "globenc", "valuezeroing", "decompx")


def relative(got, want):
    return ((got - want).abs().max() / want.abs().max().clamp_min(1e-12)).item()


def layer_norm_std(ln, x):
    return torch.sqrt(x.var(-1, unbiased=False, keepdim=True) + ln.eps)


def linearised(ln, parts, whole):
    """gamma (p - mean p) / std(whole), for parts (T, K, D) of whole (T, D)."""
    return ln.weight * (parts - parts.mean(-1, keepdim=True)) / layer_norm_std(ln, whole).unsqueeze(1)


class Layer:
    """One encoder layer's modules under their Hugging Face names."""

    def __init__(self, layer, heads):
        inner = layer.attention.self
        self.value = inner.value_proj if hasattr(inner, "value_proj") else inner.value  # DeBERTa: value_proj
        self.out = layer.attention.output.dense
        self.ln1 = layer.attention.output.LayerNorm
        self.ffn_in = layer.intermediate.dense
        self.act = layer.intermediate.intermediate_act_fn
        self.ffn_out = layer.output.dense
        self.ln2 = layer.output.LayerNorm
        self.heads = heads

    def head_outputs(self, values):
        """(H, T, D): every token's (biased) value through each head's slice of W_O."""
        t, d = values.shape[0], self.out.weight.shape[0]
        dh = values.shape[1] // self.heads
        per_head = values.view(t, self.heads, dh)
        return torch.stack([per_head[:, h] @ self.out.weight[:, h * dh:(h + 1) * dh].T for h in range(self.heads)])

    def block_parts(self, x, attention):
        """Token i's x_i + attention output, split by source token j (T, T, D), and the whole (T, D)."""
        f = self.head_outputs(self.value(x))
        parts = torch.einsum("hij,hjd->ijd", attention, f) + torch.diag_embed(x.T).permute(1, 2, 0)
        return parts, parts.sum(1) + self.out.bias


def recorded(model, enc):
    with torch.no_grad():
        out = model(**enc, output_attentions=True, output_hidden_states=True)
    return out


def layers_of(model):
    heads = model.config.num_attention_heads
    return [Layer(layer, heads) for layer in model.base_model.encoder.layer]


def per_layer(model, enc, matrix_of):
    """(L, T, T): matrix_of(layer, parts, whole, output) for each layer, with its attention block's
    parts and whole from the recorded forward pass and the layer's recorded output."""
    out = recorded(model, enc)
    matrices = []
    with torch.no_grad():
        for l, layer in enumerate(layers_of(model)):
            parts, whole = layer.block_parts(out.hidden_states[l][0], out.attentions[l][0])
            matrices.append(matrix_of(layer, parts, whole, out.hidden_states[l + 1][0]))
    return torch.stack(matrices)


def alti_reference(model, enc):
    def contributions(layer, parts, whole, _output):
        transformed = linearised(layer.ln1, parts, whole)
        y = layer.ln1(whole).unsqueeze(1)
        c = (y.abs().sum(-1) - (y - transformed).abs().sum(-1)).clamp_min(0)
        return c / c.sum(-1, keepdim=True)
    return per_layer(model, enc, contributions)


def globenc_reference(model, enc):
    def norms(layer, parts, whole, output):
        h = layer.ln1(whole)
        second_whole = h + layer.ffn_out(layer.act(layer.ffn_in(h)))
        assert relative(layer.ln2(second_whole), output) < 1e-5, "layer modules misread"
        return linearised(layer.ln2, linearised(layer.ln1, parts, whole), second_whole).norm(dim=-1)
    return per_layer(model, enc, norms)


def value_zeroing_reference(model, enc):
    """(L, T, T) from full forward passes: batch row j has token j's value zeroed in layer l."""
    tokens = enc["input_ids"].shape[1]
    batch = {k: v.expand(tokens, -1) for k, v in enc.items()}
    real = recorded(model, enc).hidden_states
    matrices = []
    for l, layer in enumerate(layers_of(model)):
        def zero_own_token(_module, _inputs, output):
            output = output.clone()
            output[torch.arange(tokens), torch.arange(tokens)] = 0
            return output
        handle = layer.value.register_forward_hook(zero_own_token)
        try:
            zeroed = recorded(model, batch).hidden_states[l + 1]  # (J, T, D)
        finally:
            handle.remove()
        similarity = torch.nn.functional.cosine_similarity(zeroed, real[l + 1].expand_as(zeroed), dim=-1)
        matrices.append((1 - similarity).T)  # (T_i, J)
    return torch.stack(matrices)


def share(parts, bias):
    """DecompX's absdot rule: part k takes |p_k . b| / sum |p . b| of the bias."""
    weight = (parts @ bias).abs().unsqueeze(-1)
    total = weight.sum(-2, keepdim=True)
    weight = torch.where(total > 0, weight / total, torch.full_like(weight, 1 / parts.shape[-2]))
    return parts + weight * bias


def decomposed_ln(ln, parts):
    return share(linearised(ln, parts, parts.sum(-2)), ln.bias)


def through_activation(act, parts):
    z = parts.sum(-2, keepdim=True)
    return parts * torch.where(z != 0, act(z) / torch.where(z != 0, z, torch.ones_like(z)), torch.zeros_like(z))


def head_of(model):
    """The classifier head as (linear, activation after it or None) steps from the first token."""
    if model.config.model_type == "bert":
        return [(model.bert.pooler.dense, torch.tanh), (model.classifier, None)]
    if model.config.model_type == "electra":
        return [(model.classifier.dense, torch.nn.functional.gelu), (model.classifier.out_proj, None)]
    if model.config.model_type == "deberta-v2":  # ContextPooler
        from transformers.activations import ACT2FN
        return [(model.pooler.dense, ACT2FN[model.config.pooler_hidden_act]), (model.classifier, None)]
    return [(model.classifier.dense, torch.tanh), (model.classifier.out_proj, None)]


def decompx_reference(model, enc):
    """(T, C): token k's part of each logit."""
    out = recorded(model, enc)
    x = out.hidden_states[0][0]
    tokens = x.shape[0]
    eye = torch.eye(tokens).unsqueeze(-1)
    parts = eye * x.unsqueeze(1)  # (T_i, K, D)
    with torch.no_grad():
        for l, layer in enumerate(layers_of(model)):
            attention = out.attentions[l][0]
            values = parts @ layer.value.weight.T
            if l == 0:
                values = values + eye * layer.value.bias
                bias = layer.out.bias
            else:
                bias = layer.out.weight @ layer.value.bias + layer.out.bias
            f = torch.stack([layer.head_outputs(values[:, k]) for k in range(tokens)], dim=2)  # (H, T_j, K, D)
            attended = torch.einsum("hij,hjkd->ikd", attention, f)
            h = decomposed_ln(layer.ln1, share(attended + parts, bias))
            inner = through_activation(layer.act, share(h @ layer.ffn_in.weight.T, layer.ffn_in.bias))
            parts = decomposed_ln(layer.ln2, share(inner @ layer.ffn_out.weight.T, layer.ffn_out.bias) + h)
        first = parts[0]
        for linear, act in head_of(model):
            first = share(first @ linear.weight.T, linear.bias)
            if act is not None:
                first = through_activation(act, first)
    return first, out.logits[0]


def rollout_first_row(matrices, row_shares):
    result = None
    for m in matrices.double():
        if row_shares:
            m = m / m.sum(-1, keepdim=True)
        result = m if result is None else m @ result
    first = result[0]
    return first / first.sum()


def ours(attnmap, bundle, text, pair):
    command = [attnmap, "saliency", "--model", bundle, "--text", text, "--method", ",".join(METHODS), "--json"]
    if pair:
        command += ["--pair", pair]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def view_matrix(attnmap, bundle, text, view, layer):
    out = subprocess.run([attnmap, "render", "--model", bundle, "--text", text, "--view", view,
                          "--layer", f"{layer}..{layer}", "--json"], check=True, capture_output=True, text=True).stdout
    return torch.tensor(json.loads(out)["values"], dtype=torch.float64)


def check(attnmap, bundle, traced, model, tokenizer, text, pair, zeroing_reference):
    enc = tokenizer(text, pair, return_tensors="pt", return_token_type_ids=True)
    ids, mask, types = enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]
    worst = {}
    failures = []

    def compare(name, got, want, tolerance=TOLERANCE):
        diff = relative(got.double(), want.double())
        worst[name] = max(worst.get(name, 0.0), diff)
        if got.shape != want.shape or diff > tolerance:
            failures.append(f"{name} on {text!r}: relative diff {diff:.2e}")

    with torch.no_grad():
        references = {"alti": alti_reference(model, enc), "globenc": globenc_reference(model, enc),
                      "valuezeroing": value_zeroing_reference(model, enc)}
        exported = {"alti": traced.alti(ids, mask, types)[:, 0], "globenc": traced.globenc(ids, mask, types)[:, 0],
                    "valuezeroing": traced.value_zeroing(ids, mask, types, torch.arange(ids.shape[1]))[:, 0]}
        parts, logits = decompx_reference(model, enc)
        exported_parts = traced.decompx(ids, mask, types)[0]
    for name in references:
        if name != "valuezeroing" or zeroing_reference:
            compare(f"{name} per layer", exported[name], references[name])
    compare("decompx parts", exported_parts, parts)

    alti, zeroing = exported["alti"], exported["valuezeroing"]
    if alti.min() < 0 or (alti.sum(-1) - 1).abs().max() > 1e-5:
        failures.append(f"ALTI rows are not non-negative shares on {text!r}")
    if zeroing.min() < -1e-6 or zeroing.max() > 2 + 1e-6:
        failures.append(f"value zeroing leaves [0, 2] on {text!r}")
    if exported["globenc"].min() < 0:
        failures.append(f"GlobEnc norms are negative on {text!r}")
    conservation = relative(exported_parts.sum(0).double(), logits.double())
    worst["decompx conservation"] = max(worst.get("decompx conservation", 0.0), conservation)
    if conservation > TOLERANCE:
        failures.append(f"DecompX parts add up to {exported_parts.sum(0).tolist()}, not {logits.tolist()}")

    got = ours(attnmap, bundle, text, pair)
    scores = got["methods"]
    for name, row_shares in (("alti", True), ("globenc", False), ("valuezeroing", True)):
        # The rollout of the bundle's own matrices: a float32 difference of 1e-6 in a layer's small
        # entries grows through the row normalisations, and the per-layer check above is the method's.
        # On a random tiny model (no value zeroing reference) 1 - cos is at float32's resolution, and
        # the rollout of those rows shows which matrix-product kernels ran: MKL's AVX-512 path in
        # attnmap against its AVX2 path in this Python on AMD CPUs differ there by 1.6e-3 relative
        # (tiny-xlmr, tiny-deberta), and by nothing where both run the same kernels.
        noise = name == "valuezeroing" and not zeroing_reference
        compare(f"{name} saliency", torch.tensor(scores[name]["values"]), rollout_first_row(exported[name], row_shares),
                1e-2 if noise else TOLERANCE)
    target = got["target"]["id"]
    compare("decompx saliency", torch.tensor(scores["decompx"]["values"]), parts[:, target])
    if pair is None and text == IG_TEXTS[0]:
        # Each layer's own matrix, as `render --layer L..L` shows it (rows as shares), against the
        # bundle's: value zeroing's 1 - cos is ~1e-4 on some rows, where float32 leaves 3 digits,
        # and dividing by such a row's sum shows it; the per-layer check above is the method's.
        for name in ("alti", "globenc", "valuezeroing"):
            for layer in range(exported[name].shape[0]):
                want = exported[name][layer].double()
                compare(f"{name} render --layer L..L", view_matrix(attnmap, bundle, text, name, layer),
                        want / want.sum(-1, keepdim=True))
    return worst, failures


def main():
    attnmap, bundle = sys.argv[1], sys.argv[2]
    # A random tiny model moves its layer outputs by ~1e-7 when a value is zeroed, below what
    # float32 resolves: there, value zeroing is checked for its properties and plumbing only.
    zeroing_reference = "--no-value-zeroing-reference" not in sys.argv[3:]
    ref = hf.load(os.path.join(bundle, "hf"))
    traced = torch.jit.load(os.path.join(bundle, "model.pt"))
    worst, failures = {}, []
    cases = [(text, None) for text in IG_TEXTS] + [EXPORT_CHECK_PAIR]
    for text, pair in cases:
        w, f = check(attnmap, bundle, traced, ref.model, ref.tokenizer, text, pair, zeroing_reference)
        failures += f
        for k, v in w.items():
            worst[k] = max(worst.get(k, 0.0), v)
    for failure in failures:
        print("FAIL", failure)
    print(f"{os.path.basename(bundle)}: max relative differences from the references: "
          + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""The parts of an exported encoder that the decomposition methods take apart, per family.

Every family attnmap decomposes is a post-LayerNorm Transformer encoder: each layer computes

    y_i = sum_h sum_j A[h,i,j] (x_j W_V^h + b_V^h) W_O^h + b_O        (the attention sub-layer)
    h_i = LN1(x_i + y_i)
    out_i = LN2(h_i + W_2 act(W_1 h_i + b_1) + b_2)

and the classifier head is a short chain of linear layers, each but the last followed by an
activation, on the first token's last hidden state. The families differ only in where Hugging Face
keeps these modules; `layer_parts` and `head_steps` find them, and `check_parts` rebuilds every
layer's output and the logits from them, so that a family whose layout changes fails the export
instead of explaining the wrong computation. DeBERTa's disentangled attention fits: its relative
terms change the weights A, not how they mix the values. ModernBERT (pre-LayerNorm, gated MLP) does
not, and `NOT_DECOMPOSABLE` says why.
"""
from typing import Callable, NamedTuple, Optional

import torch
from transformers.activations import ACT2FN

BERT_LIKE = ("bert", "roberta", "xlm-roberta", "camembert", "electra")

# Families whose layers are not of the form above, and why the decompositions and LRP rules are
# not traced for them (the manifest records it; attnmap says it when such a method is asked for).
NOT_DECOMPOSABLE = {
    "modernbert": "ModernBERT's layers are pre-LayerNorm with a gated (GLU) MLP and no biases; ALTI, GlobEnc, "
                  "value zeroing, DecompX and the LRP rules are defined here for post-LayerNorm layers with a "
                  "plain MLP",
}


class LayerParts(NamedTuple):
    module: torch.nn.Module       # what Hugging Face calls once per layer (ALBERT: shared by layers)
    value: torch.nn.Linear        # x -> the values of every head, (B, T, H*dh)
    projection: torch.nn.Linear   # W_O, b_O: the heads' outputs back to the model's width
    ln1: torch.nn.LayerNorm
    ffn_in: torch.nn.Linear       # W_1, b_1
    activation: Callable
    ffn_out: torch.nn.Linear      # W_2, b_2
    ln2: torch.nn.LayerNorm


class HeadStep(NamedTuple):
    linear: torch.nn.Linear
    activation: Optional[Callable]  # None after the last linear layer, whose outputs are the logits


def layer_parts(model):
    """The parts of every layer in the order they run, or None for a family we do not know."""
    kind = model.config.model_type
    base = model.base_model
    if kind in BERT_LIKE:
        return [LayerParts(layer, layer.attention.self.value, layer.attention.output.dense,
                           layer.attention.output.LayerNorm, layer.intermediate.dense,
                           layer.intermediate.intermediate_act_fn, layer.output.dense, layer.output.LayerNorm)
                for layer in base.encoder.layer]
    if kind == "deberta-v2":
        if getattr(model.config, "conv_kernel_size", 0) > 0:
            return None  # the first layer's output goes through a convolution the parts do not know
        return [LayerParts(layer, layer.attention.self.value_proj, layer.attention.output.dense,
                           layer.attention.output.LayerNorm, layer.intermediate.dense,
                           layer.intermediate.intermediate_act_fn, layer.output.dense, layer.output.LayerNorm)
                for layer in base.encoder.layer]
    if kind == "distilbert":
        return [LayerParts(block, block.attention.v_lin, block.attention.out_lin, block.sa_layer_norm,
                           block.ffn.lin1, block.ffn.activation, block.ffn.lin2, block.output_layer_norm)
                for block in base.transformer.layer]
    if kind == "albert":
        config = model.config
        groups = base.encoder.albert_layer_groups
        parts = []
        for i in range(config.num_hidden_layers):
            group = groups[int(i / (config.num_hidden_layers / config.num_hidden_groups))]
            for layer in group.albert_layers:
                parts.append(LayerParts(layer, layer.attention.value, layer.attention.dense,
                                        layer.attention.LayerNorm, layer.ffn, layer.activation,
                                        layer.ffn_output, layer.full_layer_layer_norm))
        return parts
    return None


def head_steps(model, has_head):
    """The classifier head on the first token, as linear steps; None without a head we know."""
    if not has_head:
        return None
    kind = model.config.model_type
    base = model.base_model
    if kind == "bert":
        return [HeadStep(base.pooler.dense, torch.tanh), HeadStep(model.classifier, None)]
    if kind == "albert":
        return [HeadStep(base.pooler, torch.tanh), HeadStep(model.classifier, None)]
    if kind == "distilbert":
        return [HeadStep(model.pre_classifier, torch.relu), HeadStep(model.classifier, None)]
    if kind in ("roberta", "xlm-roberta", "camembert"):
        return [HeadStep(model.classifier.dense, torch.tanh), HeadStep(model.classifier.out_proj, None)]
    if kind == "electra":
        return [HeadStep(model.classifier.dense, model.classifier.activation),
                HeadStep(model.classifier.out_proj, None)]
    if kind == "deberta-v2":  # ContextPooler: dense and pooler_hidden_act on the first token
        return [HeadStep(model.pooler.dense, ACT2FN[model.config.pooler_hidden_act]), HeadStep(model.classifier, None)]
    return None


def why_no_parts(model):
    """Why `layer_parts` has none for this model: what the methods that need them say."""
    kind = model.config.model_type
    if kind in NOT_DECOMPOSABLE:
        return NOT_DECOMPOSABLE[kind]
    if kind == "deberta-v2" and getattr(model.config, "conv_kernel_size", 0) > 0:
        return ("this DeBERTa-v2 adds a convolution to its first layer's output (conv_kernel_size > 0), which the "
                "decompositions do not model")
    return f"attnmap does not know where {kind} keeps the parts of its layers"


class LayerCapture:
    """Records each layer's input while the model runs: a forward pre-hook on every layer module."""

    def __init__(self, parts):
        self.parts = parts
        self.inputs = []
        self.handles = []

    def __enter__(self):
        self.inputs = []
        seen = set()
        for part in self.parts:
            if id(part.module) in seen:  # ALBERT: one module runs every layer, and its hook fires each time
                continue
            seen.add(id(part.module))
            self.handles.append(part.module.register_forward_pre_hook(self._record))
        return self

    def _record(self, _module, args):
        self.inputs.append(args[0])

    def __exit__(self, *exc):
        for handle in self.handles:
            handle.remove()
        self.handles = []


def per_head(linear, heads):
    """W_O as (H, dh, D): head h's slice maps its dh-dimensional output to the model's width."""
    return linear.weight.view(linear.weight.shape[0], heads, -1).permute(1, 2, 0)


def layer_norm(ln, z):
    return torch.nn.functional.layer_norm(z, ln.normalized_shape, ln.weight, ln.bias, ln.eps)


def layer_norm_std(ln, z):
    """The standard deviation LN divides by, (..., 1): what the decompositions hold fixed."""
    return torch.sqrt(z.var(dim=-1, unbiased=False, keepdim=True) + ln.eps)


def ffn(part, h):
    """The feed-forward sub-layer, residual and LN2 included: the layer's output given h."""
    return layer_norm(part.ln2, h + part.ffn_out(part.activation(part.ffn_in(h))))


def attention_output(part, attention, values, heads):
    """y (B, T, D) from the attention (B, H, T, T) and the value states (B, H, T, dh)."""
    f = torch.einsum("bhtd,hde->bhte", values, per_head(part.projection, heads))
    return torch.einsum("bhij,bhje->bie", attention, f) + part.projection.bias


def head_logits(steps, last_hidden):
    x = last_hidden[:, 0]
    for step in steps:
        x = step.linear(x)
        if step.activation is not None:
            x = step.activation(x)
    return x


def check_parts(parts, steps, inputs, attentions, values, last_hidden, logits, heads):
    """Rebuilds every layer's output from its parts, and the logits from the head's; returns the
    worst relative difference. The next layer's input (or the last hidden state) is the truth."""
    worst = 0.0
    outputs = list(inputs[1:]) + [last_hidden]
    for l, part in enumerate(parts):
        x = inputs[l]
        h = layer_norm(part.ln1, x + attention_output(part, attentions[l], values[l], heads))
        rebuilt = ffn(part, h)
        worst = max(worst, ((rebuilt - outputs[l]).abs().max() / outputs[l].abs().max().clamp_min(1e-12)).item())
    if steps is not None:
        rebuilt = head_logits(steps, last_hidden)
        worst = max(worst, ((rebuilt - logits).abs().max() / logits.abs().max().clamp_min(1e-12)).item())
    return worst

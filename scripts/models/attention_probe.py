"""The attention functions the exporter traces: Hugging Face's own math, step for step, with what
the bundle's methods need added. Each call records the layer's attention weights and value states
(value-norm views, decompositions), multiplies the weights by `attention_scale` before they weigh
the values (gradient-weighted views) and takes its two products from the LRP rule in force.

Families whose attention goes through transformers' AttentionInterface (BERT, RoBERTa, XLM-R,
DistilBERT, ALBERT, ELECTRA, ModernBERT) get `probed_eager_attention` by name; DeBERTa-v2/v3
computes its disentangled attention inside the module, so `install` replaces the forward of each
of its attention modules with `probed_disentangled_attention`.
"""
import functools

import torch
from transformers import AttentionInterface
from transformers.masking_utils import ALL_MASK_ATTENTION_FUNCTIONS, AttentionMaskInterface

from scripts.models import lrp

IMPLEMENTATION = "attnmap_eager"


class AttentionProbe:
    """What our attention functions read and record during one call of the wrapper.

    Hugging Face calls the attention function once per layer, in layer order, with the module of
    that layer (ALBERT calls one shared module for every layer), so the call count is the layer.
    """

    def __init__(self):
        self.rule = None  # an LRP rule of scripts/models/lrp.py for the attention products, or None
        self.start(None)

    def start(self, scale):
        self.scale = scale
        self.layer = 0
        self.values = []  # (attention module, value states (B,H,T,dh)) per layer
        self.attentions = []  # the attention weights (B,H,T,T) per layer

    def weigh(self, module, weights, value):
        """Records one layer and returns the weights that weigh its values."""
        # The recorded weights stay unscaled (they are the attention); the scaled ones weigh the values.
        used = weights * self.scale[self.layer] if self.scale is not None else weights
        self.values.append((module, value))
        self.attentions.append(weights)
        self.layer += 1
        return used


PROBE = AttentionProbe()


def probed_eager_attention(module, query, key, value, attention_mask, scaling=None, dropout=0.0, **kwargs):
    """Hugging Face's eager attention (the mask already holds any sliding window)."""
    if scaling is None:
        scaling = query.size(-1) ** -0.5
    query_key, attend = lrp.attention_products(PROBE.rule)
    weights = query_key(query, key.transpose(2, 3)) * scaling
    if attention_mask is not None:
        weights = weights + attention_mask
    weights = torch.nn.functional.softmax(weights, dim=-1)
    weights = torch.nn.functional.dropout(weights, p=dropout, training=module.training)
    used = PROBE.weigh(module, weights, value)
    output = attend(used, value).transpose(1, 2).contiguous()
    return output, weights


AttentionInterface.register(IMPLEMENTATION, probed_eager_attention)
# Without this, an unknown implementation gets sdpa's boolean mask, which eager math would add.
AttentionMaskInterface.register(IMPLEMENTATION, ALL_MASK_ATTENTION_FUNCTIONS["eager"])


def probed_disentangled_attention(module, hidden_states, attention_mask, output_attentions=False, query_states=None,
                                  relative_pos=None, rel_embeddings=None):
    """DeBERTa-v2's DisentangledSelfAttention.forward: content-to-content scores plus the
    content-to-position and position-to-content terms, masked, softmaxed, weighing the values.

    Only Q K^T takes the LRP rule for products: each relative term is a product of one input-dependent
    factor (Q or K) with projected relative embeddings, which are parameters, so it is linear in the
    input and its plain gradient is LRP's.
    """
    if query_states is None:
        query_states = hidden_states
    heads = module.num_attention_heads
    batch, length = hidden_states.shape[0], hidden_states.shape[1]
    query = module.transpose_for_scores(module.query_proj(query_states), heads)  # (B*H, T, dh)
    key = module.transpose_for_scores(module.key_proj(hidden_states), heads)
    value = module.transpose_for_scores(module.value_proj(hidden_states), heads)
    scale_factor = 1 + ("c2p" in module.pos_att_type) + ("p2c" in module.pos_att_type)
    scale = torch.sqrt(torch.tensor(query.size(-1), dtype=torch.float) * scale_factor)
    query_key, attend = lrp.attention_products(PROBE.rule)
    scores = query_key(query, key.transpose(-1, -2) / scale.to(dtype=query.dtype))
    if module.relative_attention:
        scores = scores + module.disentangled_attention_bias(query, key, relative_pos,
                                                             module.pos_dropout(rel_embeddings), scale_factor)
    scores = scores.view(-1, heads, scores.size(-2), scores.size(-1))
    scores = scores.masked_fill(~attention_mask.bool(), torch.finfo(query.dtype).min)
    weights = module.dropout(torch.nn.functional.softmax(scores, dim=-1))
    value = value.view(batch, heads, length, -1)
    used = PROBE.weigh(module, weights, value)
    context = attend(used, value).permute(0, 2, 1, 3).contiguous().view(batch, length, -1)
    return context, (weights if output_attentions else None)


def install(model):
    """Makes every attention of `model` one of ours."""
    model.set_attn_implementation(IMPLEMENTATION)
    for module in model.modules():
        if type(module).__name__ == "DisentangledSelfAttention":
            module.forward = functools.partial(probed_disentangled_attention, module)


class PlainEager:
    """Within it, the model runs Hugging Face's own eager attention instead of ours."""

    def __init__(self, model):
        self.model = model

    def __enter__(self):
        self.model.set_attn_implementation("eager")
        for module in self.model.modules():
            if isinstance(module.__dict__.get("forward"), functools.partial):
                del module.forward  # the class's forward again

    def __exit__(self, *exc):
        install(self.model)

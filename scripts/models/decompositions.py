"""The decomposition methods the exporter traces into model.pt, computed from one forward pass.

Each function takes what a forward pass records (every layer's input, attention and value states,
see `Recorded`) and the layer parts of `encoder_parts`, and returns plain tensors:

    value_zeroing   (L, B, T, J): 1 - cos(out_i, out_i with token keys[j]'s value vector zeroed in
                    that layer) (Mohebbi et al. 2023); the layer's input is the real one, so each
                    layer's matrix is that layer's own mixing. In [0, 2].
"""
from typing import List, NamedTuple

import torch

from scripts.models import encoder_parts as parts_of


class Recorded(NamedTuple):
    inputs: List[torch.Tensor]      # per layer, its input x (B, T, D)
    attentions: List[torch.Tensor]  # per layer, A (B, H, T, T)
    values: List[torch.Tensor]      # per layer, the value states x W_V + b_V, (B, H, T, dh)


def value_vectors(part, values, heads):
    """f (B, H, T, D): each token's value through each head's slice of W_O (b_O not included)."""
    return torch.einsum("bhtd,hde->bhte", values, parts_of.per_head(part.projection, heads))


def value_zeroing(parts, recorded, heads, keys):
    scores = []
    for l, part in enumerate(parts):
        x, attention = recorded.inputs[l], recorded.attentions[l]
        f = value_vectors(part, recorded.values[l], heads)
        y = torch.einsum("bhij,bhje->bie", attention, f) + part.projection.bias
        out = parts_of.ffn(part, parts_of.layer_norm(part.ln1, x + y))
        # Zeroing token j's value vector takes sum_h A[h,i,j] f[h,j] out of every token's y_i; the
        # attention weights themselves do not change.
        removed = torch.einsum("bhij,bhje->bjie", attention.index_select(3, keys), f.index_select(2, keys))
        zeroed = parts_of.ffn(part, parts_of.layer_norm(part.ln1, (x + y).unsqueeze(1) - removed))  # (B, J, T, D)
        similarity = torch.nn.functional.cosine_similarity(zeroed, out.unsqueeze(1).expand_as(zeroed), dim=-1)
        scores.append((1 - similarity).transpose(1, 2))  # (B, T, J)
    return torch.stack(scores)


def token_parts(part, recorded, l, heads):
    """Token i's attention block input x_i + y_i, split by source token j: (B, T_i, T_j, D).

    Part j is sum_h A[h,i,j] f_h(x_j) (the value bias b_V included, as it is in f), plus x_i itself
    when j == i (the residual). What is left of x_i + y_i is b_O, which belongs to no token.
    """
    attention = recorded.attentions[l]
    f = value_vectors(part, recorded.values[l], heads)
    mixed = torch.einsum("bhij,bhje->bije", attention, f)
    x = recorded.inputs[l]
    eye = torch.eye(x.shape[1], dtype=x.dtype, device=x.device)
    return mixed + eye[None, :, :, None] * x[:, :, None, :]


def linearised_layer_norm(ln, pieces, whole):
    """LN applied to each piece of `whole` (pieces sum to it, up to bias) with the std of `whole`:
    gamma (p - mean(p)) / std(whole). The pieces then add up to LN(whole) - beta, less the bias part."""
    std = parts_of.layer_norm_std(ln, whole).unsqueeze(2)
    return ln.weight * (pieces - pieces.mean(dim=-1, keepdim=True)) / std


def alti(parts, recorded, heads):
    """(L, B, T, T): ALTI's contributions (Ferrando et al. 2022), rows summing to 1 (a row of zeros
    where nothing contributes): c_ij = max(0, |x~_i|_1 - |x~_i - T_i(x_j)|_1), normalised per row,
    with x~_i the first LayerNorm's output and T_i(x_j) token j's part of it."""
    matrices = []
    for l, part in enumerate(parts):
        pieces = token_parts(part, recorded, l, heads)
        whole = recorded.inputs[l] + torch.einsum(
            "bhij,bhje->bie", recorded.attentions[l], value_vectors(part, recorded.values[l], heads)) + part.projection.bias
        transformed = linearised_layer_norm(part.ln1, pieces, whole)   # (B, T, T, D)
        output = parts_of.layer_norm(part.ln1, whole).unsqueeze(2)      # x~_i, (B, T, 1, D)
        norm = output.abs().sum(-1)
        c = torch.clamp(norm - (output - transformed).abs().sum(-1), min=0)
        matrices.append(c / c.sum(-1, keepdim=True).clamp_min(1e-30))
    return torch.stack(matrices)


def globenc(parts, recorded, heads):
    """(L, B, T, T): GlobEnc (Modarressi et al. 2022): token j's part of token i's layer output
    through the attention, both residuals and both LayerNorms (each with its measured std); the
    feed-forward network, not linear, is left out of the parts (it enters through LN2's std). Its
    L2 norm, not normalised: the authors chain the raw norms through the layers, and normalising
    each layer's rows first would reweight the tokens in between."""
    matrices = []
    for l, part in enumerate(parts):
        pieces = token_parts(part, recorded, l, heads)
        whole = recorded.inputs[l] + torch.einsum(
            "bhij,bhje->bie", recorded.attentions[l], value_vectors(part, recorded.values[l], heads)) + part.projection.bias
        first = linearised_layer_norm(part.ln1, pieces, whole)
        h = parts_of.layer_norm(part.ln1, whole)
        second_whole = h + part.ffn_out(part.activation(part.ffn_in(h)))
        second = linearised_layer_norm(part.ln2, first, second_whole)
        matrices.append(second.norm(dim=-1))
    return torch.stack(matrices)


def share_bias(pieces, bias):
    """Adds `bias` (..., D) to the pieces (..., K, D) of a vector, each piece taking the part
    |p_k . b| / sum_k |p_k . b| of it (DecompX's "absdot" rule, paper Eq. 5); equal parts where
    every weight is 0, so that the pieces always add up to their sum plus the bias exactly."""
    weight = (pieces * bias.unsqueeze(-2)).sum(-1, keepdim=True).abs()
    total = weight.sum(dim=-2, keepdim=True)
    equal = torch.full_like(weight, 1.0 / pieces.shape[-2])
    weight = torch.where(total > 0, weight / total.clamp_min(1e-30), equal)
    return pieces + weight * bias.unsqueeze(-2)


def linearised_activation(activation, pieces):
    """act(z) split like z: each piece scaled elementwise by act(z) / z (0 where z is 0)."""
    z = pieces.sum(dim=-2, keepdim=True)
    slope = torch.where(z != 0, activation(z) / torch.where(z != 0, z, torch.ones_like(z)), torch.zeros_like(z))
    return pieces * slope


def decomposed_layer_norm(ln, pieces):
    """LN of the pieces' sum, split: gamma (p_k - mean(p_k)) / std(sum), then beta shared."""
    z = pieces.sum(dim=-2)
    std = parts_of.layer_norm_std(ln, z).unsqueeze(-2)
    return share_bias(ln.weight * (pieces - pieces.mean(dim=-1, keepdim=True)) / std, ln.bias)


def decomposed_linear(linear, pieces):
    return share_bias(pieces @ linear.weight.T, linear.bias)


def decompx(parts, steps, recorded, heads):
    """(B, T, C): DecompX (Modarressi et al. 2023). Every token's hidden state is kept as a sum of
    one part per input token, through every layer (values, W_O, residuals, LayerNorms with their
    std held, the feed-forward activation linearised) and the classifier head; every bias is shared
    among the parts. Token k's part of each logit; over k they add up to the logits."""
    x = recorded.inputs[0]
    tokens = x.shape[1]
    eye = torch.eye(tokens, dtype=x.dtype, device=x.device)
    pieces = eye[None, :, :, None] * x[:, :, None, :]  # (B, T_i, K, D): token i is all its own
    for l, part in enumerate(parts):
        attention = recorded.attentions[l]
        b, t, k, _ = pieces.shape
        values = pieces @ part.value.weight.T
        if l == 0:
            # In the first layer every token is only itself: b_V stays in token j's value, weighted
            # by the attention like the rest of it (paper section 3.1), and only b_O is shared.
            values = values + eye[None, :, :, None] * part.value.bias
            bias = part.projection.bias
        else:
            # Later, b_V would be split like the pieces; it reaches every token the same way
            # (sum_j A[h,i,j] b_V^h = b_V^h) and is shared with b_O instead.
            bias = part.value.bias @ part.projection.weight.T + part.projection.bias
        mixed = torch.einsum("bhij,bjkhd->bikhd", attention, values.view(b, t, k, heads, -1)).reshape(b, t, k, -1)
        attended = mixed @ part.projection.weight.T
        # The attention bias is shared over the attention parts and the residual together, as the
        # authors' code does (their paper's text reads as the attention parts alone; the code's
        # choice is the one their published numbers come from).
        h = decomposed_layer_norm(part.ln1, share_bias(attended + pieces, bias))
        inner = linearised_activation(part.activation, decomposed_linear(part.ffn_in, h))
        pieces = decomposed_layer_norm(part.ln2, decomposed_linear(part.ffn_out, inner) + h)
    first = pieces[:, 0]  # (B, K, D): the first token's state, split
    for step in steps:
        first = decomposed_linear(step.linear, first)
        if step.activation is not None:
            first = linearised_activation(step.activation, first)
    return first

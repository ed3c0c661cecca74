"""LRP's rules for Transformers as a modified forward pass whose ordinary gradient is LRP's.

Relevance is Gradient x Input through a backward pass with LRP's rules (Achtibat et al. 2024, AttnLRP;
Ali et al. 2022, CP-LRP). Each rule is written as a forward computation with the same value and
the rule's gradient, by holding a factor constant (`detach`), so that the traced module needs no
custom backward and libtorch's autograd runs it:

    LayerNorm (both)         gamma (x - mean x) / std(x).detach() + beta: the std held constant.
    attention (CP-LRP)       A.detach() @ V: relevance flows through the values only.
    Q K^T and A V (AttnLRP)  the uniform rule: half the gradient to each factor,
                             0.5 (a @ b.detach()) + 0.5 (a.detach() @ b).
    softmax (AttnLRP)        the plain gradient: its rule (relevance x (R - s sum R)) is
                             Gradient x Input at the softmax's input.
    activations (both)       the identity rule, relevance passed through unchanged: the FFN's and
                             the classifier head's activations as z * (act(z) / z).detach().
    linear layers, sums      the plain gradient (LRP-0 / epsilon with epsilon -> 0): biases keep
                             their share of the relevance, which is why the token relevances add up
                             to the logit only where the biases are zero.

CP-LRP is Ali et al.'s two rules (attention held, LayerNorm std held) with LRP's usual treatment of
everything else, the identity rule at elementwise activations included: with the plain gradient
there, x act'(x) != act(x) for GELU and tanh, and relevance would be made or lost at every
activation even with all biases zero. With the identity rule, CP-LRP's relevances add up to the
logit exactly when every bias is zero (tests/integration/lrp_reference.py checks it).

Relevance is taken at each token's full input vector, the sum of its word, position and token-type
embeddings before the embedding LayerNorm (`Rules.embedding_sum` records it): the gradient with
respect to the word embeddings equals the gradient with respect to that sum, and the position
embeddings, part of every token's input, take a large share of the relevance.
"""
import torch

RULES = ("attnlrp", "cplrp")


def uniform_matmul(a, b):
    """a @ b with half the gradient to each factor (AttnLRP's uniform rule for a bilinear product)."""
    return 0.5 * torch.matmul(a, b.detach()) + 0.5 * torch.matmul(a.detach(), b)


def attention_products(rule):
    """(Q K^T, A V): the two products of an attention function under `rule` (None: plain)."""
    if rule == "attnlrp":
        return uniform_matmul, uniform_matmul
    if rule == "cplrp":
        return torch.matmul, lambda attention, value: torch.matmul(attention.detach(), value)
    return torch.matmul, torch.matmul


def identity_rule(z, a):
    """A value equal to a = act(z) whose gradient with respect to z is act(z) / z (0 where z is 0)."""
    safe = torch.where(z != 0, z, torch.ones_like(z))
    return z * torch.where(z != 0, a / safe, torch.zeros_like(z)).detach()


class Rules:
    """Within it, the model computes its ordinary outputs with `rule`'s gradient.

    Hooks on the model's modules: every LayerNorm's output recomputed with its std held, the input of
    the layer after each activation (the FFN's second linear layer, the head's next step) rewritten
    by the identity rule. The attention products are the attention function's: it reads `rule`.
    """

    def __init__(self, model, parts, steps, rule):
        if rule not in RULES:
            raise ValueError(f"unknown LRP rule {rule!r}")
        self.model, self.parts, self.steps, self.rule = model, parts, steps, rule
        self.handles = []
        self.embedding_sum = None

    def _record_embedding_sum(self, _module, inputs):
        self.embedding_sum = inputs[0].detach()

    def _activation_pair(self, before, after):
        """The identity rule for the activation between linear layers `before` and `after`."""
        seen = {}

        def remember(_module, _inputs, output):
            seen["z"] = output

        def rewrite(_module, inputs):
            return (identity_rule(seen.pop("z"), inputs[0]),) + tuple(inputs[1:])

        self.handles.append(before.register_forward_hook(remember))
        self.handles.append(after.register_forward_pre_hook(rewrite))

    def __enter__(self):
        for module in self.model.modules():
            if isinstance(module, torch.nn.LayerNorm):
                self.handles.append(module.register_forward_hook(held_std_layer_norm))
        embeddings_norm = self.model.base_model.embeddings.LayerNorm
        self.handles.append(embeddings_norm.register_forward_pre_hook(self._record_embedding_sum))
        # ALBERT's layers share modules: its calls still come in pairs, before then after.
        for part in {id(p.ffn_in): p for p in self.parts}.values():
            self._activation_pair(part.ffn_in, part.ffn_out)
        for step, following in zip(self.steps, self.steps[1:]):
            if step.activation is not None:
                self._activation_pair(step.linear, following.linear)
        return self

    def __exit__(self, *exc):
        for handle in self.handles:
            handle.remove()
        self.handles = []


def held_std_layer_norm(module, inputs, _output):
    x = inputs[0]
    mean = x.mean(-1, keepdim=True)
    std = torch.sqrt(x.var(-1, unbiased=False, keepdim=True) + module.eps)
    out = module.weight * (x - mean) / std.detach()
    return out + module.bias if module.bias is not None else out

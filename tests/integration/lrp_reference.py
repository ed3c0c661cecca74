#!/usr/bin/env python3
"""AttnLRP and CP-LRP of a bundle against a reference written here from the papers, which passes
relevance itself backwards, and the gradient methods of `attnmap saliency` against Captum.

The reference re-runs BERT or RoBERTa from the Hugging Face weights in float64, every step a
torch.autograd.Function whose backward takes the relevance of its output and returns that of its
inputs (not a gradient), seeded with R = the target logit:

  linear layers, sums  LRP-epsilon (epsilon 1e-12, sign-aware): R_x = x ((R / z) W); biases keep
                       their share
  LayerNorm            epsilon rule on + beta, identity on * gamma and / std, epsilon rule on the
                       centering x - mean(x) (AttnLRP Prop. 3.4)
  Q K^T, A V           AttnLRP: the uniform rule, R_a = a ((R / 2z) b^T), R_b = b (a^T (R / 2z))
                       (Prop. 3.3); CP-LRP: the attention a constant, all of R into V
  softmax              AttnLRP: R_x = x (R - s sum R) at the scaled scores (Prop. 3.1)
  GELU, head tanh      the identity rule R_x = R_y (LRP's for any elementwise activation)
  1/sqrt(d)            relevance unchanged
A token's relevance is that of its input vector, word + position + token-type embedding (the
input of the embedding LayerNorm); RoBERTa numbers positions from padding_idx + 1.

Compared, to 1e-4 relative (max |diff| / max |reference|), on IG_TEXTS and EXPORT_CHECK_PAIR:
  - model.pt's forward_attnlrp / forward_cplrp: sum_d embedding_sum * d logit / d inputs_embeds
    for the predicted class, per token, with the reference;
  - `attnmap saliency --method gradnorm,gradxinput,attnlrp,cplrp --json`: attnlrp and cplrp with
    the reference for the reported target, gradxinput with Captum's InputXGradient and gradnorm
    with the L2 norm of Captum's Saliency(abs=False), both on the word embeddings of the Hugging
    Face model.
Printed: the share of the target logit that the reference's token relevances add up to (not 1:
the biases keep some). Checked: on a copy of the model with every bias and LayerNorm beta zero,
the exporter's own rules (scripts/models/lrp.py driving the Hugging Face forward, as model.pt was
traced) give CP-LRP relevances that add up to the logit within 1e-4 relative; AttnLRP's share is
printed (its softmax rule is not conservative).

Usage: lrp_reference.py ATTNMAP BUNDLE_DIR, with the repository root on PYTHONPATH. The reference
knows BERT's and RoBERTa's module names (XLM-R and CamemBERT are RoBERTa's).
"""
import copy
import json
import math
import os
import subprocess
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import torch  # noqa: E402
from captum.attr import InputXGradient, Saliency  # noqa: E402

from scripts.ref import hf  # noqa: E402
from scripts.ref.texts import IG_TEXTS, EXPORT_CHECK_PAIR  # noqa: E402

TOLERANCE = 1e-4
RULES = ("attnlrp", "cplrp")
METHODS = ("gradnorm", "gradxinput") + RULES
EPSILON = 1e-12  # the reference runs in float64


def relative(got, want):
    return ((got - want).abs().max() / want.abs().max().clamp_min(1e-12)).item()


def stabilised(z):
    return z + EPSILON * torch.where(z >= 0, torch.ones_like(z), -torch.ones_like(z))


# The relevance-passing steps: each backward receives R of the output and returns R of the inputs.

class Linear(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias):
        z = torch.nn.functional.linear(x, weight, bias)
        ctx.save_for_backward(x, weight, z)
        return z

    @staticmethod
    def backward(ctx, r):
        x, weight, z = ctx.saved_tensors
        return x * ((r / stabilised(z)) @ weight), None, None


class Sum(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        z = a + b
        ctx.save_for_backward(a, b, z)
        return z

    @staticmethod
    def backward(ctx, r):
        a, b, z = ctx.saved_tensors
        share = r / stabilised(z)
        return a * share, b * share


class UniformProduct(torch.autograd.Function):
    """a @ b, half of the relevance to each factor."""

    @staticmethod
    def forward(ctx, a, b):
        z = a @ b
        ctx.save_for_backward(a, b, z)
        return z

    @staticmethod
    def backward(ctx, r):
        a, b, z = ctx.saved_tensors
        share = r / stabilised(2 * z)
        return a * (share @ b.transpose(-1, -2)), b * (a.transpose(-1, -2) @ share)


class ValuesOnly(torch.autograd.Function):
    """attention @ values with the attention a constant: a linear map of the values."""

    @staticmethod
    def forward(ctx, attention, values):
        z = attention @ values
        ctx.save_for_backward(attention, values, z)
        return z

    @staticmethod
    def backward(ctx, r):
        attention, values, z = ctx.saved_tensors
        return None, values * (attention.transpose(-1, -2) @ (r / stabilised(z)))


class Scaled(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, factor):
        return x * factor

    @staticmethod
    def backward(ctx, r):
        return r, None


class Softmax(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = torch.softmax(x, dim=-1)
        ctx.save_for_backward(x, s)
        return s

    @staticmethod
    def backward(ctx, r):
        x, s = ctx.saved_tensors
        return x * (r - s * r.sum(-1, keepdim=True))


class PassThrough(torch.autograd.Function):
    """act(x), its relevance passed to x unchanged (the identity rule)."""

    @staticmethod
    def forward(ctx, x, act):
        return act(x)

    @staticmethod
    def backward(ctx, r):
        return r, None


class Gradient(torch.autograd.Function):
    """act(x), relevance as gradient x input of the plain derivative: R_x = x act'(x) R_y / y."""

    @staticmethod
    def forward(ctx, x, act):
        with torch.enable_grad():
            inner = x.detach().requires_grad_(True)
            y = act(inner)
            slope, = torch.autograd.grad(y.sum(), inner)  # act is elementwise
        ctx.save_for_backward(x, y.detach(), slope)
        return y.detach()

    @staticmethod
    def backward(ctx, r):
        x, y, slope = ctx.saved_tensors
        return x * slope * r / stabilised(y), None


class LayerNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias, eps):
        centred = x - x.mean(-1, keepdim=True)
        scaled = centred / torch.sqrt(centred.pow(2).mean(-1, keepdim=True) + eps) * weight
        y = scaled + bias
        ctx.save_for_backward(x, centred, scaled, y)
        return y

    @staticmethod
    def backward(ctx, r):
        x, centred, scaled, y = ctx.saved_tensors
        r_centred = scaled * r / stabilised(y)  # + beta; * gamma and / std pass it on
        share = r_centred / stabilised(centred)
        return x * (share - share.mean(-1, keepdim=True)), None, None, None


def linear(x, module):
    return Linear.apply(x, module.weight, module.bias)


def layer_norm(x, module):
    return LayerNorm.apply(x, module.weight, module.bias, module.eps)


# RoBERTa's position numbering (from padding_idx + 1, padding skipped).
ROBERTA_POSITIONS = ("roberta", "xlm-roberta", "camembert")


def position_ids(config, ids):
    if config.model_type in ROBERTA_POSITIONS:
        real = ids.ne(config.pad_token_id).long()
        return torch.cumsum(real, dim=1) * real + config.pad_token_id
    return torch.arange(ids.shape[1])[None]


def head_of(model):
    """(dense, out): the classifier on the first token, dense -> tanh -> out."""
    if model.config.model_type == "bert":
        return model.bert.pooler.dense, model.classifier
    return model.classifier.dense, model.classifier.out_proj


def reference_relevance(model, ids, types, rule, target=None):
    """Per-token relevance (T,) of one unpadded example under `rule`, the logits and the target.

    `model` is a float64 copy of the Hugging Face classifier (eval mode); target None: predicted.
    """
    config, base = model.config, model.base_model
    embeddings = base.embeddings
    heads = config.num_attention_heads
    size = config.hidden_size // heads
    with torch.no_grad():
        inputs = (embeddings.word_embeddings(ids) + embeddings.position_embeddings(position_ids(config, ids))
                  + embeddings.token_type_embeddings(types))
    inputs.requires_grad_(True)
    act = PassThrough.apply
    split = lambda t: t.view(1, ids.shape[1], heads, size).transpose(1, 2)  # noqa: E731
    with torch.enable_grad():
        h = layer_norm(inputs, embeddings.LayerNorm)
        for layer in base.encoder.layer:
            attention = layer.attention
            q, k, v = (split(linear(h, m)) for m in (attention.self.query, attention.self.key, attention.self.value))
            if rule == "attnlrp":
                weights = Softmax.apply(Scaled.apply(UniformProduct.apply(q, k.transpose(-1, -2)), size ** -0.5))
                context = UniformProduct.apply(weights, v)
            else:
                with torch.no_grad():
                    weights = torch.softmax(q @ k.transpose(-1, -2) * size ** -0.5, dim=-1)
                context = ValuesOnly.apply(weights, v)
            context = context.transpose(1, 2).reshape(1, ids.shape[1], heads * size)
            h = layer_norm(Sum.apply(linear(context, attention.output.dense), h), attention.output.LayerNorm)
            inner = act(linear(h, layer.intermediate.dense), layer.intermediate.intermediate_act_fn)
            h = layer_norm(Sum.apply(linear(inner, layer.output.dense), h), layer.output.LayerNorm)
        dense, out = head_of(model)
        logits = linear(act(linear(h[:, 0], dense), torch.tanh), out)
        if target is None:
            target = int(logits[0].argmax())
        seed = torch.zeros_like(logits)
        seed[0, target] = logits[0, target].detach()
        logits.backward(seed)
    return inputs.grad[0].sum(-1), logits.detach()[0], target


def encoded(tokenizer, text, pair):
    enc = tokenizer(text, pair, return_tensors="pt", return_token_type_ids=True)
    return enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]


def traced_relevance(method, embed, ids, mask, types):
    """sum_d embedding_sum * d logit / d inputs_embeds for the predicted class, and that class."""
    embeds = embed(ids, types).detach().requires_grad_(True)
    logits, embedding_sum = method(embeds, mask, types)
    target = int(logits[0].argmax())
    gradient, = torch.autograd.grad(logits[0, target], embeds)
    return (embedding_sum * gradient).sum(-1)[0].detach(), logits.detach()[0], target


def captum_gradients(model, ids, mask, types, target):
    """(gradxinput, gradnorm) per token from Captum on the word embeddings, plain gradients."""
    kwargs = {"attention_mask": mask, "token_type_ids": types}
    if model.config.model_type in ROBERTA_POSITIONS:
        # Given inputs_embeds, Hugging Face numbers every position: pass the ones input_ids would get.
        kwargs["position_ids"] = torch.cumsum(mask, dim=1) * mask + model.config.pad_token_id

    def forward(inputs_embeds):
        return model(inputs_embeds=inputs_embeds, **kwargs).logits

    with torch.no_grad():
        embeds = model.get_input_embeddings()(ids)
    times = InputXGradient(forward).attribute(embeds.clone().requires_grad_(True), target=target)
    gradient = Saliency(forward).attribute(embeds.clone().requires_grad_(True), target=target, abs=False)
    return times.sum(-1)[0].detach(), gradient.norm(dim=-1)[0].detach()


def zero_bias_totals(model, ids, mask, types):
    """{rule: (sum of the token relevances, target logit)} from the exporter's rules on a copy of the
    model with every bias and LayerNorm beta zero."""
    from scripts.models.export_model import BundleModule

    plain = copy.deepcopy(model)
    with torch.no_grad():
        for name, parameter in plain.named_parameters():
            if name.endswith("bias"):
                parameter.zero_()
    wrapper = BundleModule(plain, True).eval()
    totals = {}
    for rule in RULES:
        relevance, logits, target = traced_relevance(getattr(wrapper, "forward_" + rule), wrapper.embed,
                                                     ids, mask, types)
        totals[rule] = (relevance.sum().item(), logits[target].item())
    return totals


def ours(attnmap, bundle, text, pair):
    command = [attnmap, "saliency", "--model", bundle, "--text", text, "--method", ",".join(METHODS), "--json"]
    if pair:
        command += ["--pair", pair]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        return None, f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}"
    return json.loads(done.stdout), None


def check(attnmap, bundle, traced, model, double, tokenizer, text, pair, worst, shares):
    ids, mask, types = encoded(tokenizer, text, pair)
    failures = []
    label = repr(text) + (f" + {pair!r}" if pair else "")

    def compare(name, got, want):
        got, want = torch.as_tensor(got, dtype=torch.float64), torch.as_tensor(want, dtype=torch.float64)
        diff = relative(got, want) if got.shape == want.shape else math.inf
        worst[name] = max(worst.get(name, 0.0), diff)
        if diff > TOLERANCE:
            failures.append(f"{name} on {label}: relative diff {diff:.2e}\n  ours      {got.tolist()}\n"
                            f"  reference {want.tolist()}")

    with torch.no_grad():
        hf_logits = model(input_ids=ids, attention_mask=mask, token_type_ids=types).logits[0].double()
    references = {}
    for rule in RULES:
        want, logits, target = reference_relevance(double, ids, types, rule)
        references[rule] = (want, target)
        compare("reference logits", logits, hf_logits)
        got, _, traced_target = traced_relevance(getattr(traced, "forward_" + rule), traced.embed, ids, mask, types)
        if traced_target != target:
            failures.append(f"model.pt {rule} predicts class {traced_target}, the reference {target} on {label}")
        compare(f"model.pt {rule}", got, want)
        shares.setdefault(rule, []).append((want.sum() / logits[target]).item())
    for rule, (total, logit) in zero_bias_totals(model, ids, mask, types).items():
        shares.setdefault("zero-bias " + rule, []).append(total / logit)
        if rule == "cplrp" and abs(total - logit) > TOLERANCE * abs(logit):
            failures.append(f"zero-bias CP-LRP on {label}: token relevances add up to {total:.6f}, "
                            f"not the logit {logit:.6f}")

    got, error = ours(attnmap, bundle, text, pair)
    if error:
        return failures + [error]
    methods, target = got["methods"], got["target"]["id"]
    gradxinput, gradnorm = captum_gradients(model, ids, mask, types, target)
    compare("cli gradxinput", methods["gradxinput"]["values"], gradxinput)
    compare("cli gradnorm", methods["gradnorm"]["values"], gradnorm)
    for rule in RULES:
        want, predicted = references[rule]
        if target != predicted:
            want = reference_relevance(double, ids, types, rule, target)[0]
        compare(f"cli {rule}", methods[rule]["values"], want)
    return failures


def span(values):
    return f"{min(values):.3f}..{max(values):.3f}"


def main():
    attnmap, bundle = sys.argv[1], sys.argv[2]
    ref = hf.load(os.path.join(bundle, "hf"))
    traced = torch.jit.load(os.path.join(bundle, "model.pt"))
    double = copy.deepcopy(ref.model).double()
    worst, shares, failures = {}, {}, []
    for text, pair in [(text, None) for text in IG_TEXTS] + [EXPORT_CHECK_PAIR]:
        failures += check(attnmap, bundle, traced, ref.model, double, ref.tokenizer, text, pair, worst, shares)
    for failure in failures:
        print("FAIL", failure)
    print(f"{os.path.basename(bundle)}: max relative differences from the references: "
          + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
    print("token relevances / target logit: " + ", ".join(f"{k} {span(v)}" for k, v in shares.items()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

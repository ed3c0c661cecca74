#!/usr/bin/env python3
"""Export a Hugging Face encoder (BERT, RoBERTa, XLM-R, DistilBERT, ALBERT, ELECTRA, DeBERTa-v2/v3,
ModernBERT) into an attnmap model bundle:

    model.pt        TorchScript, traced with eager attention, with three methods:
                      forward(input_ids, attention_mask, token_type_ids)
                          -> (logits (B,C), attentions (L,B,H,T,T), hidden_states (L+1,B,T,D))
                      embed(input_ids, token_type_ids) -> inputs_embeds (B,T,D)
                      forward_embeds(inputs_embeds, attention_mask, token_type_ids) -> as forward
                      forward_scaled(input_ids, attention_mask, token_type_ids, attention_scale)
                          -> as forward, with every attention matrix multiplied elementwise by
                             attention_scale (L,B,H,T,T) before it weighs the values; at
                             attention_scale = 1 the gradient of a logit with respect to it is
                             (d logit / d attention) * attention, what gradient-weighted views need
                      value_vectors(input_ids, attention_mask, token_type_ids)
                          -> (f (L,B,H,T,D), output_bias (L,D)): f[l,b,h,j] is token j's value vector
                             through head h's slice of the attention output projection, so that
                             sum_h sum_j attention[l,b,h,i,j] * f[l,b,h,j] + output_bias[l] is the
                             attention sub-layer's output for token i (value-norm views)
    tokenizer.json  and whatever other tokenizer files the model ships
    attnmap.json    the manifest the C++ tool reads

A model without a classification head exports with zero classes: logits are (B, 0).

Before it finishes, the script runs the traced module on sentences of several lengths, a pair and
a padded batch, and compares logits and attentions with the Hugging Face model; it fails loudly
when they differ by more than --tolerance.

Usage: `attnmap export HF_MODEL_DIR OUT_BUNDLE_DIR [--max-length N] [--golden FILE]`, which runs
this module with the Python of attnmap's environment; or, from the repository root,
    .venv/bin/python -m scripts.models.export_model HF_MODEL_DIR OUT_BUNDLE_DIR [...]

--golden FILE also writes the Hugging Face model's own outputs on fixed sentences (several
lengths, a pair, a padded batch), for `attnmap check --golden FILE` in CI.
"""
import argparse
import inspect
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

try:
    import torch  # noqa: E402
    import transformers  # noqa: E402
except ImportError as missing:
    sys.exit(f"export_model: error: {missing.name} is not installed in {sys.executable}: the exporter needs torch "
             "and transformers (pip install torch transformers, or set ATTNMAP_PYTHON to a Python that has them)")
from scripts.models import decompositions, encoder_parts, lrp  # noqa: E402
from scripts.models.attention_probe import PROBE, PlainEager, install  # noqa: E402
from scripts.ref import hf  # noqa: E402
from scripts.ref.make_golden import golden_of, write_golden  # noqa: E402
from scripts.ref.texts import EXPORT_CHECK_PAIR, EXPORT_CHECK_TEXTS  # noqa: E402

FORMAT_VERSION = 1
SUPPORTED_TYPES = {"bert", "roberta", "xlm-roberta", "distilbert", "albert", "electra", "camembert", "deberta-v2",
                   "modernbert"}


class ExportError(Exception):
    pass


def output_projections(model):
    """Maps each attention module to the Linear that projects its heads' outputs back to the model."""
    found = {}
    for module in model.modules():
        inner = getattr(module, "self", None)
        dense = getattr(getattr(module, "output", None), "dense", None)
        if inner is not None and isinstance(dense, torch.nn.Linear):  # BERT, RoBERTa, XLM-R, ELECTRA, DeBERTa
            found[id(inner)] = dense
        elif hasattr(module, "Wqkv") and isinstance(getattr(module, "Wo", None), torch.nn.Linear):  # ModernBERT
            found[id(module)] = module.Wo
        elif isinstance(getattr(module, "out_lin", None), torch.nn.Linear):  # DistilBERT
            found[id(module)] = module.out_lin
        elif hasattr(module, "query") and isinstance(getattr(module, "dense", None), torch.nn.Linear):  # ALBERT
            found[id(module)] = module.dense
    return found


def takes_token_types(model):
    # inspect.signature follows the decorators' __wrapped__; __code__ would see only the wrapper.
    return "token_type_ids" in inspect.signature(model.forward).parameters


class BundleModule(torch.nn.Module):
    """The thin wrapper that is traced: fixed inputs, fixed tuple outputs, stacked tensors."""

    def __init__(self, model, has_head):
        super().__init__()
        self.model = model
        self.has_head = has_head
        self.takes_token_types = takes_token_types(model)
        # RoBERTa-style models number positions from padding_idx + 1 and skip padding, working that
        # out from input_ids; given inputs_embeds they cannot see the padding and number every
        # position. forward_embeds passes the positions forward would have used.
        self.padding_positions = model.config.model_type in ("roberta", "xlm-roberta", "camembert")
        self.padding_idx = model.config.pad_token_id
        self.projections = output_projections(model)
        self.parts = encoder_parts.layer_parts(model)
        self.steps = encoder_parts.head_steps(model, has_head) if self.parts is not None else None
        self.heads = model.config.num_attention_heads
        install(model)

    def _run(self, input_ids, inputs_embeds, attention_mask, token_type_ids, attention_scale=None):
        PROBE.start(attention_scale)
        kwargs = dict(attention_mask=attention_mask, output_attentions=True,
                      output_hidden_states=True, return_dict=True)
        if self.takes_token_types:
            kwargs["token_type_ids"] = token_type_ids
        if input_ids is not None:
            out = self.model(input_ids=input_ids, **kwargs)
        else:
            if self.padding_positions:
                mask = attention_mask.to(torch.long)
                kwargs["position_ids"] = torch.cumsum(mask, dim=1) * mask + self.padding_idx
            out = self.model(inputs_embeds=inputs_embeds, **kwargs)
        batch = attention_mask.shape[0]
        if self.has_head:
            logits = out.logits
        else:
            logits = torch.zeros(batch, 0, dtype=out.hidden_states[-1].dtype)
        return logits, torch.stack(out.attentions), torch.stack(out.hidden_states)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self._run(input_ids, None, attention_mask, token_type_ids)

    def embed(self, input_ids, token_type_ids):
        # inputs_embeds in Hugging Face's sense: the word embeddings only; position and token-type
        # embeddings are added inside the model, as for input_ids.
        return self.model.get_input_embeddings()(input_ids)

    def forward_embeds(self, inputs_embeds, attention_mask, token_type_ids):
        return self._run(None, inputs_embeds, attention_mask, token_type_ids)

    def forward_scaled(self, input_ids, attention_mask, token_type_ids, attention_scale):
        return self._run(input_ids, None, attention_mask, token_type_ids, attention_scale)

    def value_vectors(self, input_ids, attention_mask, token_type_ids):
        self._run(input_ids, None, attention_mask, token_type_ids)
        vectors, biases = [], []
        for module, value in PROBE.values:
            projection = self.projections[id(module)]
            heads, head_size = value.shape[1], value.shape[3]
            # W_O is (D, H*dh); head h's slice maps its dh-dimensional output to the model's D.
            per_head = projection.weight.view(projection.weight.shape[0], heads, head_size).permute(1, 2, 0)
            vectors.append(torch.einsum("bhtd,hde->bhte", value, per_head))
            # ModernBERT's projections have no bias (attention_bias false): the bias is zero.
            biases.append(projection.bias if projection.bias is not None
                          else torch.zeros(projection.weight.shape[0], dtype=projection.weight.dtype))
        return torch.stack(vectors), torch.stack(biases)

    def why_not(self, method):
        """Why `method` is not traced for this model (it is in DECOMPOSITIONS, LRP_METHODS or value_vectors)."""
        if method == "value_vectors":
            return "attnmap does not know which module projects this model's attention heads back to its width"
        if self.parts is None:
            return encoder_parts.why_no_parts(self.model)
        if not self.has_head:
            return "the model has no classification head: the method explains a class's logit"
        return f"attnmap does not know the classification head of {self.model.config.model_type}"

    def has_value_vectors(self):
        return bool(self.projections)

    def has_parts(self):
        return self.parts is not None

    def _record(self, input_ids, attention_mask, token_type_ids):
        """One forward pass, and what the decompositions need of it."""
        with encoder_parts.LayerCapture(self.parts) as capture:
            self._run(input_ids, None, attention_mask, token_type_ids)
        return decompositions.Recorded(capture.inputs, [a for a in PROBE.attentions],
                                       [value for _, value in PROBE.values])

    def _lrp(self, rule, inputs_embeds, attention_mask, token_type_ids):
        with lrp.Rules(self.model, self.parts, self.steps, rule) as rules:
            PROBE.rule = rule
            try:
                logits, _, _ = self._run(None, inputs_embeds, attention_mask, token_type_ids)
            finally:
                PROBE.rule = None
        return logits, rules.embedding_sum

    def forward_attnlrp(self, inputs_embeds, attention_mask, token_type_ids):
        return self._lrp("attnlrp", inputs_embeds, attention_mask, token_type_ids)

    def forward_cplrp(self, inputs_embeds, attention_mask, token_type_ids):
        return self._lrp("cplrp", inputs_embeds, attention_mask, token_type_ids)

    def value_zeroing(self, input_ids, attention_mask, token_type_ids, keys):
        return decompositions.value_zeroing(self.parts, self._record(input_ids, attention_mask, token_type_ids),
                                            self.heads, keys)

    def alti(self, input_ids, attention_mask, token_type_ids):
        return decompositions.alti(self.parts, self._record(input_ids, attention_mask, token_type_ids), self.heads)

    def globenc(self, input_ids, attention_mask, token_type_ids):
        return decompositions.globenc(self.parts, self._record(input_ids, attention_mask, token_type_ids), self.heads)

    def decompx(self, input_ids, attention_mask, token_type_ids):
        return decompositions.decompx(self.parts, self.steps, self._record(input_ids, attention_mask, token_type_ids),
                                      self.heads)


def load(hf_dir):
    config = hf.config(hf_dir)
    if config.model_type not in SUPPORTED_TYPES:
        raise ExportError(f"model_type '{config.model_type}' is not an encoder attnmap can export "
                          f"(supported: {', '.join(sorted(SUPPORTED_TYPES))})")
    ref = hf.load(hf_dir)
    if not ref.tokenizer.is_fast:
        raise ExportError("the model has no fast tokenizer (tokenizer.json); attnmap needs one")
    return ref


def max_length_of(config, tokenizer, requested):
    positions = getattr(config, "max_position_embeddings", 512)
    if config.model_type in ("roberta", "xlm-roberta", "camembert"):
        positions -= config.pad_token_id + 1  # RoBERTa's position ids start after the padding id
    limit = min(positions, tokenizer.model_max_length if tokenizer.model_max_length < 10**6 else positions)
    if requested:
        if requested > limit:
            raise ExportError(f"--max-length {requested} exceeds the model's limit of {limit}")
        return requested
    return limit


def encode(tokenizer, texts, pairs=None):
    return tokenizer(texts, pairs, padding=True, return_tensors="pt", return_token_type_ids=True)


def inputs_of(batch):
    return batch["input_ids"], batch["attention_mask"], batch["token_type_ids"]


def trace(wrapper, tokenizer):
    # Trace on a padded batch so that the attention-mask path is recorded with real padding.
    ids, mask, types = inputs_of(encode(tokenizer, EXPORT_CHECK_TEXTS[:2]))
    with torch.no_grad():
        embeds = wrapper.embed(ids, types)
        _, attentions, _ = wrapper(ids, mask, types)
        methods = {"forward": (ids, mask, types), "embed": (ids, types), "forward_embeds": (embeds, mask, types),
                   "forward_scaled": (ids, mask, types, torch.ones_like(attentions))}
        if wrapper.has_value_vectors():
            methods["value_vectors"] = (ids, mask, types)
        if wrapper.has_parts():
            # Traced on one example: the decompositions explain one input at a time.
            one = (ids[1:], mask[1:], types[1:])
            methods["alti"] = methods["globenc"] = one
            methods["value_zeroing"] = one + (torch.arange(ids.shape[1]),)
            if wrapper.steps is not None:
                methods["decompx"] = one
                for rule in lrp.RULES:
                    methods["forward_" + rule] = (embeds, mask, types)
        return torch.jit.trace_module(wrapper, methods, check_trace=False, strict=False)


def check_cases(tokenizer):
    cases = [("single " + repr(t[:20]), encode(tokenizer, [t])) for t in EXPORT_CHECK_TEXTS]
    cases.append(("pair", encode(tokenizer, [EXPORT_CHECK_PAIR[0]], [EXPORT_CHECK_PAIR[1]])))
    cases.append(("padded batch", encode(tokenizer, EXPORT_CHECK_TEXTS)))
    return cases


def reference(model, has_head, batch, outputs=None):
    """The Hugging Face model called the ordinary way, not through our wrapper.

    `outputs` collects what each attention output projection returns (for the value-vector check).
    """
    kwargs = {k: v for k, v in batch.items() if k != "token_type_ids" or takes_token_types(model)}
    hooks = []
    if outputs is not None:
        for projection in output_projections(model).values():
            hooks.append(projection.register_forward_hook(lambda _m, _i, out: outputs.append(out)))
    try:
        with PlainEager(model):
            out = model(**kwargs, output_attentions=True, return_dict=True)
    finally:
        for h in hooks:
            h.remove()
    logits = out.logits if has_head else torch.zeros(batch["input_ids"].shape[0], 0)
    return logits, torch.stack(out.attentions)


def check_attention_gradients(traced, model, has_head, batch, name):
    """forward_scaled at scale 1 is forward, and its gradient is (d logit / d attention) * attention
    as autograd gives it on the Hugging Face model."""
    if not has_head:
        return 0.0
    ids, mask, types = inputs_of(batch)
    kwargs = {k: v for k, v in batch.items() if k != "token_type_ids" or takes_token_types(model)}
    with PlainEager(model):
        out = model(**kwargs, output_attentions=True, return_dict=True)
    for a in out.attentions:
        a.retain_grad()
    target = out.logits.argmax(dim=1)
    out.logits.gather(1, target[:, None]).sum().backward()
    want = torch.stack([a.grad * a for a in out.attentions]).detach()
    model.zero_grad(set_to_none=True)
    scale = torch.ones_like(want).requires_grad_(True)
    logits, _, _ = traced.forward_scaled(ids, mask, types, scale)
    logits.gather(1, target[:, None]).sum().backward()
    diff = (scale.grad - want).abs().max().item()
    relative = diff / max(want.abs().max().item(), 1e-12)
    if relative > 1e-4:
        raise ExportError(f"traced attention gradients differ from Hugging Face autograd by {diff:.3g} "
                          f"({relative:.3g} relative) on {name}")
    return relative


DECOMPOSITIONS = ("alti", "globenc", "value_zeroing", "decompx")
LRP_METHODS = tuple("forward_" + rule for rule in lrp.RULES)


def methods_of(traced):
    return sorted(m for m in ("forward", "embed", "forward_embeds", "forward_scaled", "value_vectors")
                  + DECOMPOSITIONS + LRP_METHODS if hasattr(traced, m))


def lrp_relevance(method, ids, mask, types, embed):
    """Each token's relevance for its predicted class under an LRP forward, and the logits."""
    embeds = embed(ids, types).detach().requires_grad_(True)
    logits, embedding_sum = method(embeds, mask, types)
    target = logits.argmax(1)
    gradient, = torch.autograd.grad(logits.gather(1, target[:, None]).sum(), embeds)
    return (embedding_sum * gradient).sum(-1), logits.detach().gather(1, target[:, None])[:, 0]


def check_lrp(traced, wrapper, batch, name):
    """The LRP forwards compute the model's logits; traced relevances equal eager ones. Returns how
    much of the logit the token relevances add up to (the biases take the rest)."""
    if not hasattr(traced, "forward_attnlrp"):
        return []
    ids, mask, types = inputs_of(batch)
    with torch.no_grad():
        logits = wrapper(ids, mask, types)[0]
    shares = []
    for rule in lrp.RULES:
        traced_method, eager_method = getattr(traced, "forward_" + rule), getattr(wrapper, "forward_" + rule)
        got, target_logits = lrp_relevance(traced_method, ids, mask, types, traced.embed)
        want, _ = lrp_relevance(eager_method, ids, mask, types, wrapper.embed)
        with torch.no_grad():
            computed = traced_method(traced.embed(ids, types), mask, types)[0]
        if (computed - logits).abs().max().item() > 1e-4 * max(1.0, logits.abs().max().item()):
            raise ExportError(f"{rule}'s forward does not compute the model's logits on {name}")
        if not torch.isfinite(got).all() or (got - want).abs().max().item() > 1e-4 * max(1e-6, want.abs().max().item()):
            raise ExportError(f"traced {rule} relevances differ from eager ones on {name}")
        shares.append((rule, (got.sum(1) / target_logits).min().item()))
    return shares


def check_value_vectors(traced, model, has_head, batch, name):
    """sum over heads and keys of attention * f, plus the output bias, is each layer's attention output."""
    if not hasattr(traced, "value_vectors"):
        return 0.0
    outputs = []
    with torch.no_grad():
        _, attentions = reference(model, has_head, batch, outputs)
        vectors, bias = traced.value_vectors(*inputs_of(batch))
        rebuilt = torch.einsum("lbhij,lbhjd->lbid", attentions, vectors) + bias[:, None, None, :]
        want = torch.stack(outputs)
    diff = (rebuilt - want).abs().max().item()
    if diff > 1e-4 * max(1.0, want.abs().max().item()):
        raise ExportError(f"value vectors do not rebuild the attention output (|diff| {diff:.3g}) on {name}")
    return diff


def check_decompositions(traced, wrapper, batch, name):
    """The decompositions on one example: the layer parts rebuild every layer's output and the
    logits; traced equals eager; each method's claimed property holds. Returns the worst rebuild
    and conservation errors (relative)."""
    if not wrapper.has_parts():
        return 0.0, 0.0
    ids, mask, types = inputs_of(batch)
    with torch.no_grad():
        recorded = wrapper._record(ids, mask, types)
        logits, _, hidden = wrapper(ids, mask, types)
        rebuild = encoder_parts.check_parts(wrapper.parts, wrapper.steps, recorded.inputs, recorded.attentions,
                                            recorded.values, hidden[-1], logits, wrapper.heads)
        if rebuild > 1e-4:
            raise ExportError(f"the layer parts do not rebuild the model's outputs ({rebuild:.3g} relative) on {name}: "
                              f"this version of {model_type_of(wrapper)} keeps its modules elsewhere")
        keys = torch.arange(ids.shape[1])
        results = {"alti": traced.alti(ids, mask, types), "globenc": traced.globenc(ids, mask, types),
                   "value_zeroing": traced.value_zeroing(ids, mask, types, keys)}
        eager = {"alti": wrapper.alti(ids, mask, types), "globenc": wrapper.globenc(ids, mask, types),
                 "value_zeroing": wrapper.value_zeroing(ids, mask, types, keys)}
        conservation = 0.0
        if wrapper.steps is not None:
            results["decompx"] = traced.decompx(ids, mask, types)
            eager["decompx"] = wrapper.decompx(ids, mask, types)
            total = results["decompx"].sum(1)
            conservation = ((total - logits).abs().max() / logits.abs().max().clamp_min(1e-12)).item()
            if conservation > 1e-4:
                raise ExportError(f"DecompX's parts add up to {total.tolist()}, not the logits {logits.tolist()} on {name}")
    for method, got in results.items():
        diff = (got - eager[method]).abs().max().item()
        if diff > 1e-5 * max(1.0, eager[method].abs().max().item()):
            raise ExportError(f"traced {method} differs from eager by {diff:.3g} on {name}")
    rows = results["alti"].sum(-1)
    if results["alti"].min().item() < 0 or (rows - 1).abs().max().item() > 1e-5:
        raise ExportError(f"alti's rows are not non-negative shares summing to 1 on {name}")
    if results["globenc"].min().item() < 0:  # norms, chained as they are
        raise ExportError(f"globenc's norms are negative on {name}")
    zeroing = results["value_zeroing"]
    if zeroing.min().item() < -1e-6 or zeroing.max().item() > 2 + 1e-6:
        raise ExportError(f"value zeroing's cosine distances leave [0, 2] on {name}")
    return rebuild, conservation


def model_type_of(wrapper):
    return wrapper.model.config.model_type


def verify(traced, wrapper, model, has_head, tokenizer, tolerance):
    """Compares the traced module with the eager Hugging Face model; returns the worst differences."""
    worst = {"logits": 0.0, "attentions": 0.0, "gradients": 0.0, "values": 0.0, "rebuild": 0.0, "conservation": 0.0}
    for name, batch in check_cases(tokenizer):
        if batch["input_ids"].shape[0] == 1:
            rebuild, conservation = check_decompositions(traced, wrapper, batch, name)
            worst["rebuild"] = max(worst["rebuild"], rebuild)
            worst["conservation"] = max(worst["conservation"], conservation)
            for rule, share in check_lrp(traced, wrapper, batch, name):
                worst.setdefault(rule, []).append(share)
        worst["gradients"] = max(worst["gradients"],
                                 check_attention_gradients(traced, model, has_head, batch, name))
        worst["values"] = max(worst["values"], check_value_vectors(traced, model, has_head, batch, name))
    with torch.no_grad():
        for name, batch in check_cases(tokenizer):
            ids, mask, types = inputs_of(batch)
            want = reference(model, has_head, batch)
            got = traced(ids, mask, types)
            got_embeds = traced.forward_embeds(traced.embed(ids, types), mask, types)
            for label, g in (("forward", got), ("forward_embeds", got_embeds)):
                for key, i in (("logits", 0), ("attentions", 1)):
                    if g[i].shape != want[i].shape:
                        raise ExportError(f"{label} {key} shape {tuple(g[i].shape)} != {tuple(want[i].shape)} ({name})")
                    diff = (g[i] - want[i]).abs().max().item() if g[i].numel() else 0.0
                    worst[key] = max(worst[key], diff)
                    if diff > tolerance:
                        raise ExportError(f"traced {label} differs from Hugging Face: {key} by {diff:.3g} "
                                          f"> {tolerance} on {name}")
    return worst


def copy_tokenizer_files(tokenizer, hf_dir, out_dir):
    # A sentencepiece model the source ships is kept as it is: the tokenizer may be rebuilt from it.
    for name in os.listdir(hf_dir):
        if name.endswith(".model"):
            shutil.copy(os.path.join(hf_dir, name), out_dir / name)
    with tempfile.TemporaryDirectory() as tmp:
        tokenizer.save_pretrained(tmp)
        for name in os.listdir(tmp):
            if name == "tokenizer.json" or name.endswith(".model") or name in (
                    "vocab.txt", "vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"):
                shutil.copy(os.path.join(tmp, name), out_dir / name)


def manifest(config, model, tokenizer, has_head, max_length, source, methods, unavailable):
    id2label = {str(k): v for k, v in config.id2label.items()} if has_head else {}
    return {
        "format_version": FORMAT_VERSION,
        "model_type": config.model_type,
        "num_layers": config.num_hidden_layers,
        "num_heads": config.num_attention_heads,
        "hidden_size": config.hidden_size,
        "max_length": max_length,
        "vocab_size": model.get_input_embeddings().num_embeddings,
        "id2label": id2label,
        "tokenizer": {"kind": "tokenizer.json", "file": "tokenizer.json",
                      "pad_id": tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0},
        "methods": methods,
        "unavailable_methods": unavailable,
        "source": source,
        "torch_version": torch.__version__.split("+")[0],
        "transformers_version": transformers.__version__,
    }


def write_golden_file(model, tokenizer, config, has_head, name, path):
    with PlainEager(model):
        write_golden(golden_of(model, tokenizer, config, has_head, name), path)


def export(hf_dir, out_dir, max_length=None, tolerance=1e-5, source=None, golden=None):
    torch.manual_seed(0)
    config, model, tokenizer, has_head = load(hf_dir)
    length = max_length_of(config, tokenizer, max_length)
    wrapper = BundleModule(model, has_head).eval()
    traced = trace(wrapper, tokenizer)
    worst = verify(traced, wrapper, model, has_head, tokenizer, tolerance)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp_model = out_dir / "model.pt.tmp"
    traced.save(str(tmp_model))
    os.replace(tmp_model, out_dir / "model.pt")
    copy_tokenizer_files(tokenizer, hf_dir, out_dir)
    methods = methods_of(traced)
    unavailable = {m: wrapper.why_not(m) for m in ("value_vectors",) + DECOMPOSITIONS + LRP_METHODS if m not in methods}
    data = manifest(config, model, tokenizer, has_head, length, source or Path(hf_dir).name, methods, unavailable)
    (out_dir / "attnmap.json").write_text(json.dumps(data, indent=2) + "\n")
    if golden:
        write_golden_file(model, tokenizer, config, has_head, out_dir.name, golden)
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("hf_dir", help="Hugging Face model directory (config.json, weights, tokenizer)")
    parser.add_argument("out_dir", help="bundle directory to write")
    parser.add_argument("--max-length", type=int, help="longest input the bundle accepts (default: the model's)")
    parser.add_argument("--tolerance", type=float, default=1e-5, help="largest allowed traced-vs-eager difference")
    parser.add_argument("--source", help="what to record as the model's source in the manifest")
    parser.add_argument("--golden", help="also write reference outputs for `attnmap check --golden`")
    args = parser.parse_args()
    try:
        worst = export(args.hf_dir, args.out_dir, args.max_length, args.tolerance, args.source, args.golden)
    except (ExportError, OSError, ValueError) as e:
        print(f"export_model: error: {e}", file=sys.stderr)
        return 1
    print(f"exported {args.out_dir}: traced vs eager max |diff| logits {worst['logits']:.2e}, "
          f"attentions {worst['attentions']:.2e}; attention gradients {worst['gradients']:.2e} relative; "
          f"value vectors {worst['values']:.2e}; layer parts rebuild {worst['rebuild']:.2e}, "
          f"DecompX conservation {worst['conservation']:.2e} relative", file=sys.stderr)
    for rule in lrp.RULES:
        if worst.get(rule):
            # Not a check: the biases keep their share of the relevance (scripts/models/lrp.py).
            print(f"  {rule}: token relevances add up to {min(worst[rule]):.3f} to {max(worst[rule]):.3f} "
                  f"of the predicted logit", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

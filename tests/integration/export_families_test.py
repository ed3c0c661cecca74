#!/usr/bin/env python3
"""The families that have no sample classifier (DistilBERT, ALBERT with shared layers, ELECTRA)
exported and explained end to end: a small random classifier of each is built from a config (every
weight perturbed, so that biases and LayerNorm parameters are not their neutral initial values),
exported with scripts/models/export_model.py, which refuses a bundle whose layer parts do not
rebuild the model's outputs, whose traced methods differ from the eager ones, whose DecompX parts do
not add up to the logits or whose LRP forwards change the logits; then `attnmap saliency --method
all --json` and `render --json` of the matrix methods run on it and their claimed properties hold:
DecompX's parts add up to the target's logit, ALTI and value-zeroing rows (layer by layer) are shares,
scores are finite, leave-one-out matches deletion with transformers, and on a copy without biases
CP-LRP's relevances add up to the logit.

Usage: export_families_test.py ATTNMAP WORK_DIR, with the repository root on PYTHONPATH. The
tokenizer is tiny-bert's (WordPiece), which every family here can use.
"""
import copy
import json
import math
import os
import shutil
import subprocess
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import torch  # noqa: E402
from transformers import (AlbertConfig, AlbertForSequenceClassification, AutoTokenizer,  # noqa: E402
                          DistilBertConfig, DistilBertForSequenceClassification, ElectraConfig,
                          ElectraForSequenceClassification)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOKENIZER = os.path.join(ROOT, "models", "tiny-bert", "hf")
LABELS = {0: "negative", 1: "positive"}
TEXT = "The film was not bad at all, but the ending dragged."


def families(vocab):
    common = dict(vocab_size=vocab, max_position_embeddings=128, id2label=LABELS,
                  label2id={v: k for k, v in LABELS.items()}, attn_implementation="eager")
    return {
        "distilbert": DistilBertForSequenceClassification(DistilBertConfig(
            dim=32, n_layers=2, n_heads=4, hidden_dim=64, **common)),
        "albert": AlbertForSequenceClassification(AlbertConfig(
            embedding_size=16, hidden_size=32, num_hidden_layers=3, num_attention_heads=4, intermediate_size=64,
            num_hidden_groups=1, **common)),
        "electra": ElectraForSequenceClassification(ElectraConfig(
            embedding_size=16, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
            **common)),
    }


def perturbed(model, seed):
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.1 * torch.randn(p.shape, generator=generator))
    return model.eval()


def export(hf_dir, bundle, model, tokenizer):
    model.save_pretrained(hf_dir)
    tokenizer.save_pretrained(hf_dir)
    return subprocess.run([sys.executable, "-m", "scripts.models.export_model", hf_dir, bundle],
                          capture_output=True, text=True, cwd=ROOT)


def conservative_cplrp(attnmap, tokenizer, model, bundle, failures, family):
    """With every bias and LayerNorm beta zero, CP-LRP's relevances add up to the logit (the LRP
    rules reach every module of the family: an activation left to the plain gradient breaks it)."""
    model = copy.deepcopy(model)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith(".bias"):
                p.zero_()
    done = export(os.path.join(bundle, "hf"), bundle, model, tokenizer)
    if done.returncode != 0:
        failures.append(f"{family} without biases: export failed: {done.stderr.strip().splitlines()[-1:]}")
        return float("nan")
    got = run_json([attnmap, "saliency", "--model", bundle, "--text", TEXT, "--method", "cplrp", "--json"])
    parameters = got["methods"]["cplrp"]["parameters"]
    share = parameters["sum"] / parameters["logit"]
    if abs(share - 1) > 1e-4:
        failures.append(f"{family} without biases: CP-LRP relevances add up to {parameters['sum']}, "
                        f"the logit is {parameters['logit']}")
    return share


def run_json(command):
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main():
    attnmap, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    torch.manual_seed(0)  # the configs' initial weights; the perturbations have seeds of their own
    tokenizer = AutoTokenizer.from_pretrained(TOKENIZER)
    failures = []
    for seed, (family, model) in enumerate(families(len(tokenizer)).items()):
        model = perturbed(model, seed)
        bundle = os.path.join(work, family)
        done = export(os.path.join(bundle, "hf"), bundle, model, tokenizer)
        if done.returncode != 0:
            failures.append(f"{family}: export failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        got = run_json([attnmap, "saliency", "--model", bundle, "--text", TEXT, "--method", "all", "--json"])
        methods = got["methods"]
        for name, m in methods.items():
            if not all(math.isfinite(v) for v in m["values"]):
                failures.append(f"{family}: {name} has values that are not finite")
        for name in ("alti", "globenc", "valuezeroing", "decompx", "attnlrp", "cplrp", "gradnorm", "gradxinput", "loo"):
            if name not in methods:
                failures.append(f"{family}: saliency --method all has no {name}")
        logit = methods["decompx"]["parameters"]["logit"]
        total = sum(methods["decompx"]["values"])
        if abs(total - logit) > 1e-4 * max(1.0, abs(logit)):
            failures.append(f"{family}: DecompX parts add up to {total}, the logit is {logit}")
        for view in ("alti", "valuezeroing"):
            for layer in range(model.config.num_hidden_layers if family != "distilbert" else model.config.n_layers):
                rows = run_json([attnmap, "render", "--model", bundle, "--text", TEXT, "--view", view,
                                 "--layer", f"{layer}..{layer}", "--json"])["values"]
                if any(v < -1e-6 for row in rows for v in row) or any(abs(sum(row) - 1) > 1e-4 for row in rows):
                    failures.append(f"{family}: {view} layer {layer} rows are not shares")
        enc = tokenizer(TEXT, return_tensors="pt")
        with torch.no_grad():
            p = torch.softmax(model(**{k: v for k, v in enc.items() if k in ("input_ids", "attention_mask")}
                                    | ({"token_type_ids": enc["token_type_ids"]} if family != "distilbert" else {})).logits, -1)[0]
        target = got["target"]["id"]
        ids = enc["input_ids"][0]
        for t in range(1, len(ids) - 1):
            keep = torch.arange(len(ids)) != t
            kwargs = {"input_ids": ids[keep][None]}
            with torch.no_grad():
                q = torch.softmax(model(**kwargs).logits, -1)[0, target]
            want = (p[target] - q).item()
            if abs(methods["loo"]["values"][t] - want) > 1e-5:
                failures.append(f"{family}: loo of token {t} is {methods['loo']['values'][t]}, deletion gives {want}")
        share = conservative_cplrp(attnmap, tokenizer, model, os.path.join(work, family + "-no-bias"), failures, family)
        print(f"{family}: exported and explained by {len(methods)} methods; DecompX sum {total:.6f} = logit "
              f"{logit:.6f}; zero-bias CP-LRP sum / logit {share:.6f}")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write Hugging Face reference outputs ("goldens") that the C++ tests compare against.

Two kinds:

  model      scripts/make_golden.py model --hf-dir DIR -o golden.json [--name NAME]
             Runs the Hugging Face model itself (eager attention, not our traced export) on fixed
             cases: single sentences of several lengths, a sentence pair and a padded batch. Writes,
             per example: ids, tokens, offsets, type ids, logits and the attention of every layer and
             head with padding removed, (L, H, T, T) flattened; for a classifier also the gradient of
             the predicted class's logit with respect to each attention weight, times that weight,
             (d logit / d A) * A, from autograd on the same model, also (L, H, T, T).

  tokenizer  scripts/make_golden.py tokenizer --tokenizer tokenizer.json --corpus FILE -o out.jsonl
             Encodes every line of the corpus with Hugging Face `tokenizers` (no padding, no
             truncation) and writes one JSON object per line: ids, tokens, offsets.
"""
import argparse
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

CASES = [
    {"name": "short", "texts": ["Great film."]},
    {"name": "medium", "texts": ["The movie was not bad at all, but the ending dragged on far too long."]},
    {"name": "accents-and-cjk", "texts": ["Café crème and 東京 — naïve résumé!"]},
    {"name": "pair", "texts": ["Is the soup good?"], "pairs": ["The soup was cold, bland and overpriced."]},
    {"name": "padded-batch", "texts": ["Wonderful.", "I expected more from such a famous director, honestly.",
                                       "Not good, not terrible."]},
]


def model_golden(args):
    import torch
    from transformers import AutoConfig, AutoModel, AutoModelForSequenceClassification, AutoTokenizer

    config = AutoConfig.from_pretrained(args.hf_dir)
    has_head = any(a.endswith("ForSequenceClassification") for a in (config.architectures or []))
    cls = AutoModelForSequenceClassification if has_head else AutoModel
    model = cls.from_pretrained(args.hf_dir, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(args.hf_dir, use_fast=True)
    out_cases = []
    for case in CASES:
        batch = tokenizer(case["texts"], case.get("pairs"), padding=True, return_tensors="pt",
                          return_token_type_ids=True, return_offsets_mapping=True)
        offsets = batch.pop("offset_mapping")
        kwargs = {k: v for k, v in batch.items() if k != "token_type_ids" or config.model_type == "bert"}
        out = model(**kwargs, output_attentions=True, return_dict=True)
        gradients = None
        if has_head:
            # Eager attention returns the very tensors that weigh the values, so autograd's
            # gradient with respect to them is the gradient with respect to the attention.
            for a in out.attentions:
                a.retain_grad()
            out.logits.gather(1, out.logits.argmax(dim=1, keepdim=True)).sum().backward()
            gradients = torch.stack([a.grad * a for a in out.attentions]).detach()
            model.zero_grad(set_to_none=True)
        attentions = torch.stack(out.attentions).detach()  # (L, B, H, T, T)
        examples = []
        for b in range(len(case["texts"])):
            n = int(batch["attention_mask"][b].sum())
            ids = batch["input_ids"][b][:n].tolist()
            examples.append({
                "ids": ids,
                # The tokenizer's own token strings: for an unknown run Unigram keeps the text
                # ("東京"), where convert_ids_to_tokens would say "<unk>".
                "tokens": batch.tokens(b)[:n],
                "offsets": offsets[b][:n].tolist(),
                "type_ids": batch["token_type_ids"][b][:n].tolist(),
                "logits": out.logits[b].tolist() if has_head else [],
                "predicted": int(out.logits[b].argmax()) if has_head else -1,
                "gradient_times_attention": gradients[:, b, :, :n, :n].flatten().tolist() if has_head else [],
                "attention_shape": [attentions.shape[0], attentions.shape[2], n, n],
                "attentions": attentions[:, b, :, :n, :n].flatten().tolist(),
            })
        out_cases.append({**case, "examples": examples})
    golden = {"model": args.name or os.path.basename(os.path.normpath(args.hf_dir)), "cases": out_cases}
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False)


def tokenizer_golden(args):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(args.tokenizer)
    tok.no_padding()
    tok.no_truncation()
    with open(args.corpus, encoding="utf-8", newline="\n") as corpus, open(args.output, "w", encoding="utf-8") as out:
        for line in corpus:
            text = line[:-1] if line.endswith("\n") else line
            e = tok.encode(text)
            out.write(json.dumps({"text": text, "ids": e.ids, "tokens": e.tokens,
                                  "offsets": [list(o) for o in e.offsets]}, ensure_ascii=False) + "\n")


def ensure_parent(path):
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="kind", required=True)
    m = sub.add_parser("model", help="logits and attentions of a Hugging Face model")
    m.add_argument("--hf-dir", required=True)
    m.add_argument("--name")
    m.add_argument("-o", "--output", required=True)
    t = sub.add_parser("tokenizer", help="ids, tokens and offsets for every line of a corpus")
    t.add_argument("--tokenizer", required=True, help="tokenizer.json")
    t.add_argument("--corpus", required=True)
    t.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    ensure_parent(args.output)
    (model_golden if args.kind == "model" else tokenizer_golden)(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())

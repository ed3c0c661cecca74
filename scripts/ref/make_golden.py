#!/usr/bin/env python3
"""Write Hugging Face reference outputs ("goldens") that the C++ tests compare against.

    .venv/bin/python -m scripts.ref.make_golden KIND ...   (from the repository root)

Four kinds:

  model      --hf-dir DIR -o golden.json [--name NAME]
             Runs the Hugging Face model itself (eager attention, not our traced export) on fixed
             cases (texts.GOLDEN_CASES): single sentences of several lengths, a sentence pair and a
             padded batch. Writes, per example: ids, tokens, offsets, type ids, logits and the
             attention of every layer and head with padding removed, (L, H, T, T) flattened; for a
             classifier also the gradient of the predicted class's logit with respect to each
             attention weight, times that weight, (d logit / d A) * A, from autograd on the same
             model, also (L, H, T, T).

  tokenizer  --tokenizer tokenizer.json --corpus FILE -o out.jsonl
             Encodes every line of the corpus with Hugging Face `tokenizers` (no padding, no
             truncation) and writes one JSON object per line: ids, tokens, offsets.

  sentencepiece  --model X.model --family xlm-roberta|camembert|albert|deberta-v2
             [--no-lower-case] [--keep-accents] [--no-remove-space] --corpus FILE -o out.jsonl
             The same for a bare .model, as transformers 4's slow tokenizers encoded it
             (XLMRobertaTokenizer, CamembertTokenizer, AlbertTokenizer). transformers 5 has no slow
             tokenizers left (use_fast=False is ignored and a .model is converted to a fast
             tokenizer), so their logic is re-created on the `sentencepiece` library
             (slow_sentencepiece.py), with transformers' own Trie for splitting out special tokens.
             Slow tokenizers had no offsets: the offsets written are sentencepiece's byte spans
             converted to code points and mapped back through the family's preprocessing (ALBERT's),
             which is what attnmap reports.

  legacy     --from DIR --kind wordpiece|bpe --out-dir OUT --corpus FILE -o out.jsonl
             Writes legacy tokenizer files into OUT (vocab.txt, or vocab.json + merges.txt, from
             DIR's vocab.txt or tokenizer.json, with DIR's tokenizer_config.json), then encodes the
             corpus with transformers' tokenizer loaded from OUT alone (BertTokenizer /
             RobertaTokenizer built from those files).
"""
import argparse
import json
import os
import sys

from scripts.ref import hf, texts
from scripts.ref.slow_sentencepiece import SlowSentencePiece


def model_golden(args):
    ref = hf.load(args.hf_dir)
    name = args.name or os.path.basename(os.path.normpath(args.hf_dir))
    write_golden(golden_of(ref.model, ref.tokenizer, ref.config, ref.has_head, name), args.output)


def write_golden(golden, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False)


def golden_of(model, tokenizer, config, has_head, name):
    """Reference outputs of `model` (with Hugging Face's eager attention) on texts.GOLDEN_CASES."""
    import torch

    out_cases = []
    for case in texts.GOLDEN_CASES:
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
                # Chefer et al. 2021 per layer: mean over heads of the positive part, (L, T, T).
                "gradient_weighted_heads": gradients[:, b, :, :n, :n].clamp(min=0).mean(dim=1).flatten().tolist()
                if has_head else [],
                "attention_shape": [attentions.shape[0], attentions.shape[2], n, n],
                "attentions": attentions[:, b, :, :n, :n].flatten().tolist(),
            })
        out_cases.append({**case, "examples": examples})
    return {"model": name, "torch_version": torch.__version__, "cases": out_cases}


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


def write_jsonl(args, encode):
    with open(args.corpus, encoding="utf-8", newline="\n") as corpus, open(args.output, "w", encoding="utf-8") as out:
        for line in corpus:
            text = line[:-1] if line.endswith("\n") else line
            ids, tokens, offsets = encode(text)
            out.write(json.dumps({"text": text, "ids": ids, "tokens": tokens,
                                  "offsets": [list(o) for o in offsets]}, ensure_ascii=False) + "\n")


def sentencepiece_golden(args):
    lower = False if args.no_lower_case else True if args.lower_case else None  # None: the family's default
    tok = SlowSentencePiece(args.model, args.family, do_lower_case=lower, remove_space=not args.no_remove_space,
                            keep_accents=args.keep_accents, split_by_punct=args.split_by_punct)
    write_jsonl(args, tok.encode)


def legacy_golden(args):
    import shutil
    from transformers import AutoTokenizer

    os.makedirs(args.out_dir, exist_ok=True)
    for name in ("vocab.txt", "vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json"):
        if os.path.exists(os.path.join(args.out_dir, name)):
            os.remove(os.path.join(args.out_dir, name))
    source = json.load(open(os.path.join(args.source, "tokenizer.json"), encoding="utf-8"))
    model = source["model"]
    if args.file_kind == "wordpiece":
        if os.path.exists(os.path.join(args.source, "vocab.txt")):
            shutil.copy(os.path.join(args.source, "vocab.txt"), os.path.join(args.out_dir, "vocab.txt"))
        else:
            with open(os.path.join(args.out_dir, "vocab.txt"), "w", encoding="utf-8", newline="\n") as f:
                for token, _ in sorted(model["vocab"].items(), key=lambda kv: kv[1]):
                    f.write(token + "\n")
    else:
        with open(os.path.join(args.out_dir, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(model["vocab"], f, ensure_ascii=False)
        with open(os.path.join(args.out_dir, "merges.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("#version: 0.2\n")
            for m in model["merges"]:
                f.write((m if isinstance(m, str) else " ".join(m)) + "\n")
    config = json.load(open(os.path.join(args.source, "tokenizer_config.json"), encoding="utf-8"))
    config.pop("tokenizer_file", None)
    config.pop("model_max_length", None)
    with open(os.path.join(args.out_dir, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
    tok = AutoTokenizer.from_pretrained(args.out_dir)

    def encode(text):
        e = tok(text, return_offsets_mapping=True)
        return e["input_ids"], e.tokens(), e["offset_mapping"]

    write_jsonl(args, encode)


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
    s = sub.add_parser("sentencepiece", help="a .model as transformers' slow tokenizers encoded it")
    s.add_argument("--model", required=True)
    s.add_argument("--family", required=True, choices=["xlm-roberta", "camembert", "albert", "deberta-v2"])
    s.add_argument("--no-lower-case", action="store_true", help="ALBERT: do_lower_case false")
    s.add_argument("--lower-case", action="store_true", help="DeBERTa-v2: do_lower_case true")
    s.add_argument("--split-by-punct", action="store_true", help="DeBERTa-v2: split_by_punct true")
    s.add_argument("--keep-accents", action="store_true", help="ALBERT: keep_accents true")
    s.add_argument("--no-remove-space", action="store_true", help="ALBERT: remove_space false")
    s.add_argument("--corpus", required=True)
    s.add_argument("-o", "--output", required=True)
    g = sub.add_parser("legacy", help="vocab.txt or vocab.json + merges.txt through transformers")
    g.add_argument("--from", dest="source", required=True, help="directory with tokenizer.json and tokenizer_config.json")
    g.add_argument("--kind", dest="file_kind", required=True, choices=["wordpiece", "bpe"])
    g.add_argument("--out-dir", required=True)
    g.add_argument("--corpus", required=True)
    g.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    ensure_parent(args.output)
    {"model": model_golden, "tokenizer": tokenizer_golden, "sentencepiece": sentencepiece_golden,
     "legacy": legacy_golden}[args.kind](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())

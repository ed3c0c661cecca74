#!/usr/bin/env python3
"""Write Hugging Face reference outputs ("goldens") that the C++ tests compare against.

    .venv/bin/python -m scripts.ref.make_golden KIND ...   (from the repository root)

Four kinds:

  model      --hf-dir DIR -o golden.json [--name NAME]
             Runs the Hugging Face model itself (eager attention, not our traced export) on fixed
             cases: single sentences of several lengths, a sentence pair and a padded batch. Writes,
             per example: ids, tokens, offsets, type ids, logits and the attention of every layer and
             head with padding removed, (L, H, T, T) flattened; for a classifier also the gradient of
             the predicted class's logit with respect to each attention weight, times that weight,
             (d logit / d A) * A, from autograd on the same model, also (L, H, T, T).

  tokenizer  --tokenizer tokenizer.json --corpus FILE -o out.jsonl
             Encodes every line of the corpus with Hugging Face `tokenizers` (no padding, no
             truncation) and writes one JSON object per line: ids, tokens, offsets.

  sentencepiece  --model X.model --family xlm-roberta|camembert|albert
             [--no-lower-case] [--keep-accents] [--no-remove-space] --corpus FILE -o out.jsonl
             The same for a bare .model, as transformers 4's slow tokenizers encoded it
             (XLMRobertaTokenizer, CamembertTokenizer, AlbertTokenizer). transformers 5 has no slow
             tokenizers left (use_fast=False is ignored and a .model is converted to a fast
             tokenizer), so their logic is re-created here on the `sentencepiece` library, with
             transformers' own Trie for splitting out special tokens. Slow tokenizers had no offsets:
             the offsets written are sentencepiece's byte spans converted to code points and mapped
             back through the family's preprocessing (ALBERT's), which is what attnmap reports.

  legacy     --from DIR --kind wordpiece|bpe --out-dir OUT --corpus FILE -o out.jsonl
             Writes legacy tokenizer files into OUT (vocab.txt, or vocab.json + merges.txt, from
             DIR's vocab.txt or tokenizer.json, with DIR's tokenizer_config.json), then encodes the
             corpus with transformers' tokenizer loaded from OUT alone (BertTokenizer /
             RobertaTokenizer built from those files).
"""
import argparse
import json
import os
import re
import sys
import unicodedata

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
    from transformers import AutoConfig, AutoModel, AutoModelForSequenceClassification, AutoTokenizer

    config = AutoConfig.from_pretrained(args.hf_dir)
    has_head = any(a.endswith("ForSequenceClassification") for a in (config.architectures or []))
    cls = AutoModelForSequenceClassification if has_head else AutoModel
    model = cls.from_pretrained(args.hf_dir, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(args.hf_dir, use_fast=True)
    name = args.name or os.path.basename(os.path.normpath(args.hf_dir))
    write_golden(golden_of(model, tokenizer, config, has_head, name), args.output)


def write_golden(golden, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False)


def golden_of(model, tokenizer, config, has_head, name):
    """Reference outputs of `model` (with Hugging Face's eager attention) on CASES."""
    import torch

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


class Aligned:
    """A string with, per character, the original [begin, end) it stands for."""

    def __init__(self, chars, spans):
        self.chars, self.spans = list(chars), list(spans)

    @classmethod
    def of(cls, text, start=0):
        return cls(text, [(start + i, start + i + 1) for i in range(len(text))])

    def text(self):
        return "".join(self.chars)

    def map(self, f):
        chars, spans = [], []
        for c, s in zip(self.chars, self.spans):
            for d in f(c):
                chars.append(d)
                spans.append(s)
        return Aligned(chars, spans)

    def span(self, b, e):
        if b < e:
            return (self.spans[b][0], self.spans[e - 1][1])
        if not self.spans:
            return (0, 0)
        at = self.spans[b][0] if b < len(self.spans) else self.spans[-1][1]
        return (at, at)


class SlowSentencePiece:
    """transformers 4's slow XLMRobertaTokenizer / CamembertTokenizer / AlbertTokenizer."""

    def __init__(self, model_file, family, do_lower_case=True, remove_space=True, keep_accents=False):
        import sentencepiece as spm
        from transformers.tokenization_python import Trie

        self.sp = spm.SentencePieceProcessor(model_file=model_file)
        self.family = family
        self.do_lower_case, self.remove_space, self.keep_accents = do_lower_case, remove_space, keep_accents
        n = self.sp.get_piece_size()
        if family == "xlm-roberta":
            self.reserved, self.offset = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}, 1
            specials, mask, self.cls, self.sep = ["<s>", "<pad>", "</s>", "<unk>"], "<mask>", "<s>", "</s>"
            self.added = {**self.reserved, mask: n + 1}
        elif family == "camembert":
            self.reserved = {"<s>NOTUSED": 0, "<pad>": 1, "</s>NOTUSED": 2, "<unk>": 3, "<unk>NOTUSED": 4}
            self.offset = 4
            specials, mask, self.cls, self.sep = list(self.reserved) + ["<s>", "</s>"], "<mask>", "<s>", "</s>"
            self.added = {}
            self.added = {**self.reserved, "<s>": self.piece_to_id("<s>"), "</s>": self.piece_to_id("</s>"), mask: n + 4}
        else:
            self.reserved, self.offset = {}, 0
            specials, mask, self.cls, self.sep = ["<pad>", "<unk>", "[CLS]", "[SEP]"], "[MASK]", "[CLS]", "[SEP]"
            self.added = {t: self.sp.piece_to_id(t) for t in specials + [mask]}
        self.specials = specials + [mask]
        self.lstrip = {mask}
        self.trie = Trie()
        for t in self.specials:
            self.trie.add(t)

    def piece_to_id(self, piece):
        if piece in self.added:
            return self.added[piece]
        if piece in self.reserved:
            return self.reserved[piece]
        spm_id = self.sp.piece_to_id(piece)
        if self.family == "albert":
            return spm_id
        return spm_id + self.offset if spm_id else 3

    def encode(self, text):
        pieces = []  # (token, (begin, end))
        t = Aligned.of(text)
        if self.family == "albert" and self.do_lower_case:
            # PreTrainedTokenizer.tokenize: re.sub of specials|(.+?) lowercases one character at a
            # time, leaving the special tokens (and "\n", which "." skips) alone.
            pattern = "(" + "|".join(re.escape(s) for s in self.specials) + r")|(.+?)"
            chars, spans, pos = [], [], 0
            for m in re.finditer(pattern, t.text()):
                for i in range(pos, m.start()):
                    chars.append(t.chars[i]); spans.append(t.spans[i])
                seg = m.group(0)
                if m.group(1) is not None:
                    for i in range(m.start(), m.end()):
                        chars.append(t.chars[i]); spans.append(t.spans[i])
                else:
                    for d in seg.lower():
                        chars.append(d); spans.append(t.spans[m.start()])
                pos = m.end()
            for i in range(pos, len(t.chars)):
                chars.append(t.chars[i]); spans.append(t.spans[i])
            t = Aligned(chars, spans)
        # Trie split, then the lstrip of <mask> / [MASK] takes the whitespace off its left neighbour.
        parts, pos = [], 0
        for piece in self.trie.split(t.text()):
            parts.append(Aligned(t.chars[pos:pos + len(piece)], t.spans[pos:pos + len(piece)]))
            pos += len(piece)
        for i, part in enumerate(parts):
            if part.text() in self.specials and part.text() in self.lstrip and i > 0 and parts[i - 1].chars:
                left = parts[i - 1]
                keep = len(left.text().rstrip())
                parts[i - 1] = Aligned(left.chars[:keep], left.spans[:keep])
        for part in parts:
            if not part.chars:
                continue
            if part.text() in self.specials:
                pieces.append((part.text(), part.span(0, len(part.chars))))
            else:
                pieces.extend(self.tokenize_segment(part))
        tokens = [self.cls] + [p for p, _ in pieces] + [self.sep]
        ids = [self.piece_to_id(p) for p in tokens]
        offsets = [(0, 0)] + [o for _, o in pieces] + [(0, 0)]
        return ids, tokens, offsets

    def preprocess(self, t):
        if self.remove_space:
            chars, spans, pending = [], [], None
            for c, s in zip(t.chars, t.spans):
                if c.isspace():
                    pending = pending or s
                    continue
                if pending and chars:
                    chars.append(" "); spans.append(pending)
                pending = None
                chars.append(c); spans.append(s)
            t = Aligned(chars, spans)
        for pair in ("``", "''"):
            chars, spans, i = [], [], 0
            while i < len(t.chars):
                if "".join(t.chars[i:i + 2]) == pair:
                    chars.append('"'); spans.append((t.spans[i][0], t.spans[i + 1][1])); i += 2
                else:
                    chars.append(t.chars[i]); spans.append(t.spans[i]); i += 1
            t = Aligned(chars, spans)
        if not self.keep_accents:
            t = t.map(lambda c: [d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d)])
        if self.do_lower_case:
            # str.lower() of the whole string (its final-sigma rule included), aligned per character.
            lowered = iter(t.text().lower())
            t = t.map(lambda c: [next(lowered) for _ in c.lower()])
        return t

    def proto(self, text):
        spt = self.sp.encode(text, return_type="proto")
        starts = {}
        b = 0
        for i, c in enumerate(text):
            starts[b] = i
            b += len(c.encode("utf-8"))
        starts[b] = len(text)
        return [(p.piece, starts[p.begin], starts[p.end]) for p in spt.pieces]

    def tokenize_segment(self, part):
        if self.family == "albert":
            part = self.preprocess(part)
        out = []
        for piece, b, e in self.proto(part.text()):
            if self.family == "albert" and len(piece) > 1 and piece[-1] == "," and piece[-2].isdigit():
                out.extend(self.split_digit_comma(part, piece, b, e))
            else:
                out.append((piece, part.span(b, e)))
        return out

    def split_digit_comma(self, part, piece, b, e):
        stem = piece[:-1].replace("\u2581", "")
        sub = self.proto(stem)
        cur = [p for p, _, _ in sub]
        first = 0
        if piece[0] != "\u2581" and cur and cur[0][0] == "\u2581":
            if len(cur[0]) == 1:
                cur, first = cur[1:], 1
            else:
                cur[0] = cur[0][1:]
        comma = e - 1 if e > b else b
        base = comma - len(stem) if comma >= b + len(stem) else b
        out = []
        for k, token in enumerate(cur):
            _, sb, se = sub[k + first]
            out.append((token, part.span(min(base + sb, comma), min(base + se, comma))))
        out.append((",", part.span(comma, e)))
        return out


def sentencepiece_golden(args):
    tok = SlowSentencePiece(args.model, args.family, do_lower_case=not args.no_lower_case,
                            remove_space=not args.no_remove_space, keep_accents=args.keep_accents)
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
    s.add_argument("--family", required=True, choices=["xlm-roberta", "camembert", "albert"])
    s.add_argument("--no-lower-case", action="store_true", help="ALBERT: do_lower_case false")
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

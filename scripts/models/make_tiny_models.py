#!/usr/bin/env python3
"""Build the tiny sample bundles used by CI smoke tests: models/tiny-bert, tiny-roberta, tiny-xlmr,
tiny-deberta, tiny-modernbert.

Each is a randomly initialised sequence classifier (2 layers, 4 heads, hidden 64, 3 labels; ModernBERT
3 layers, so that a local layer sits between two global ones) with a tokenizer trained here on the
text we ship (examples/sentiment/train.tsv): WordPiece for tiny-bert, byte-level BPE for tiny-roberta
and tiny-modernbert, a sentencepiece Unigram model (shipped as a .model file and as tokenizer.json,
the latter converted by transformers as for a real checkpoint) for tiny-xlmr and tiny-deberta.
DeBERTa-v3's relative attention (log buckets, shared keys, c2p + p2c, no absolute positions) and
ModernBERT's alternating global / local attention (a window of 8 tokens, shorter than most test
sentences) are configured as the released models have them, scaled down. Fixed seeds make the weights reproducible on the same versions; the
tokenizer trainers are not (the order of equally frequent pieces follows a hash map's order from
run to run), so the committed tokenizers are the reference and `--export-only` re-exports the
bundles from their committed Hugging Face sources without training anything.

Each bundle keeps its Hugging Face source in models/NAME/hf/ and is exported with
scripts/models/export_model.py, which checks the traced module against Hugging Face before writing.

Usage: .venv/bin/python -m scripts.models.make_tiny_models [--export-only] [NAME ...]
"""
import csv
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import torch  # noqa: E402
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers  # noqa: E402
from transformers import (AutoTokenizer, BertConfig, BertForSequenceClassification, BertTokenizerFast,  # noqa: E402
                          DebertaV2Config, DebertaV2ForSequenceClassification, ModernBertConfig,
                          ModernBertForSequenceClassification, PreTrainedTokenizerFast, RobertaConfig, RobertaForSequenceClassification, RobertaTokenizerFast, XLMRobertaConfig,
                          XLMRobertaForSequenceClassification)

from scripts.models.export_model import export  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

SEED = 1234
LABELS = {0: "negative", 1: "neutral", 2: "positive"}
SIZE = dict(num_hidden_layers=2, num_attention_heads=4, hidden_size=64, intermediate_size=128)
MAX_LENGTH = 128


def training_text():
    with open(ROOT / "examples" / "sentiment" / "train.tsv", encoding="utf-8", newline="") as f:
        return [row["text"] for row in csv.DictReader(f, delimiter="\t")]


def tiny_bert(out):
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok.train_from_iterator(training_text(), trainers.WordPieceTrainer(vocab_size=1000, special_tokens=specials))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    tok.decoder = decoders.WordPiece()
    fast = BertTokenizerFast(tokenizer_object=tok, model_max_length=MAX_LENGTH)
    config = BertConfig(vocab_size=tok.get_vocab_size(), max_position_embeddings=MAX_LENGTH, id2label=LABELS,
                        label2id={v: k for k, v in LABELS.items()}, **SIZE)
    return BertForSequenceClassification(config), fast


def byte_level_bpe(specials):
    """A byte-level BPE of 1,000 tokens trained on our text, the specials first, ByteLevel decoding."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.train_from_iterator(training_text(), trainers.BpeTrainer(
        vocab_size=1000, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tok.decoder = decoders.ByteLevel()
    return tok


def tiny_roberta(out):
    tok = byte_level_bpe(["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    tok.post_processor = processors.RobertaProcessing(("</s>", tok.token_to_id("</s>")), ("<s>", tok.token_to_id("<s>")))
    fast = RobertaTokenizerFast(tokenizer_object=tok, model_max_length=MAX_LENGTH)
    config = RobertaConfig(vocab_size=tok.get_vocab_size(), max_position_embeddings=MAX_LENGTH + 2, pad_token_id=1,
                           bos_token_id=0, eos_token_id=2, type_vocab_size=1, id2label=LABELS,
                           label2id={v: k for k, v in LABELS.items()}, **SIZE)
    return RobertaForSequenceClassification(config), fast


def tiny_xlmr(out):
    with tempfile.TemporaryDirectory() as tmp:
        # XLM-R's sentencepiece model has <unk> at 0, <s> at 1, </s> at 2 and no <pad>; the fast
        # tokenizer shifts ids by one and adds <pad> and <mask>, as for the real model.
        train_sentencepiece(tmp, "sentencepiece.bpe", unk_id=0, bos_id=1, eos_id=2, pad_id=-1)
        # Loading a directory that holds only the .model file makes transformers convert it to a
        # fast tokenizer (Precompiled normalizer, Metaspace, Unigram), as for a real XLM-R checkpoint.
        (Path(tmp) / "tokenizer_config.json").write_text(json.dumps(
            {"tokenizer_class": "XLMRobertaTokenizer", "model_max_length": MAX_LENGTH}))
        fast = AutoTokenizer.from_pretrained(tmp)
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(tmp) / "sentencepiece.bpe.model", out / "sentencepiece.bpe.model")
    config = XLMRobertaConfig(vocab_size=len(fast), max_position_embeddings=MAX_LENGTH + 2, pad_token_id=1,
                              bos_token_id=0, eos_token_id=2, type_vocab_size=1, id2label=LABELS,
                              label2id={v: k for k, v in LABELS.items()}, **SIZE)
    return XLMRobertaForSequenceClassification(config), fast


def train_sentencepiece(tmp, prefix, **ids):
    import sentencepiece as spm

    corpus = Path(tmp) / "corpus.txt"
    corpus.write_text("\n".join(training_text()) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(Path(tmp) / prefix), vocab_size=800, model_type="unigram",
        character_coverage=1.0, seed_sentencepiece_size=100000, num_threads=1, minloglevel=2, **ids)


def tiny_deberta(out):
    with tempfile.TemporaryDirectory() as tmp:
        # DeBERTa-v3's spm.model: [PAD]=0, [CLS]=1, [SEP]=2, [UNK]=3, [MASK] a user-defined piece.
        train_sentencepiece(tmp, "spm", pad_id=0, bos_id=1, eos_id=2, unk_id=3, pad_piece="[PAD]", bos_piece="[CLS]",
                            eos_piece="[SEP]", unk_piece="[UNK]", user_defined_symbols=["[MASK]"])
        (Path(tmp) / "tokenizer_config.json").write_text(json.dumps(
            {"tokenizer_class": "DebertaV2Tokenizer", "model_max_length": MAX_LENGTH}))
        fast = AutoTokenizer.from_pretrained(tmp)
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(tmp) / "spm.model", out / "spm.model")
    config = DebertaV2Config(vocab_size=len(fast), max_position_embeddings=MAX_LENGTH, relative_attention=True,
                             position_buckets=32, max_relative_positions=-1, pos_att_type=["p2c", "c2p"],
                             norm_rel_ebd="layer_norm", share_att_key=True, position_biased_input=False,
                             type_vocab_size=0, pad_token_id=0, id2label=LABELS,
                             label2id={v: k for k, v in LABELS.items()}, **SIZE)
    return DebertaV2ForSequenceClassification(config), fast


def tiny_modernbert(out):
    tok = byte_level_bpe(["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"])
    # ModernBERT's template: no token type ids, the pair joined by [SEP] with type 0.
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS]:0 $A:0 [SEP]:0", pair="[CLS]:0 $A:0 [SEP]:0 $B:0 [SEP]:0",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=MAX_LENGTH, unk_token="[UNK]",
                                   cls_token="[CLS]", sep_token="[SEP]", pad_token="[PAD]", mask_token="[MASK]",
                                   model_input_names=["input_ids", "attention_mask"])
    ids = {name: tok.token_to_id(token) for name, token in
           (("pad_token_id", "[PAD]"), ("bos_token_id", "[CLS]"), ("eos_token_id", "[SEP]"),
            ("cls_token_id", "[CLS]"), ("sep_token_id", "[SEP]"))}
    config = ModernBertConfig(vocab_size=tok.get_vocab_size(), max_position_embeddings=MAX_LENGTH,
                              num_hidden_layers=3, num_attention_heads=4, hidden_size=64, intermediate_size=96,
                              local_attention=8, global_attn_every_n_layers=2, id2label=LABELS,
                              label2id={v: k for k, v in LABELS.items()}, **ids)
    return ModernBertForSequenceClassification(config), fast


BUILDERS = {"tiny-bert": tiny_bert, "tiny-roberta": tiny_roberta, "tiny-xlmr": tiny_xlmr,
            "tiny-deberta": tiny_deberta, "tiny-modernbert": tiny_modernbert}


def build(name, export_only):
    torch.manual_seed(SEED)
    bundle = ROOT / "models" / name
    hf_dir = bundle / "hf"
    if not export_only:
        shutil.rmtree(hf_dir, ignore_errors=True)
        model, tokenizer = BUILDERS[name](hf_dir)
        model.config.attn_implementation = "eager"
        model.eval()
        model.save_pretrained(hf_dir)
        tokenizer.save_pretrained(hf_dir)
    worst = export(str(hf_dir), str(bundle), source=f"random init, scripts/models/make_tiny_models.py (seed {SEED})")
    print(f"{name}: traced vs HF max |diff| logits {worst['logits']:.1e}, attentions {worst['attentions']:.1e}")


def main():
    args = sys.argv[1:]
    export_only = "--export-only" in args
    names = [a for a in args if a != "--export-only"] or list(BUILDERS)
    for name in names:
        if name not in BUILDERS:
            print(f"make_tiny_models: unknown model '{name}' (known: {', '.join(BUILDERS)})", file=sys.stderr)
            return 1
        build(name, export_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())

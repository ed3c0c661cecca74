#!/usr/bin/env python3
"""Train tests/fixtures/tiny-albert/spiece.model: a tiny ALBERT-style sentencepiece model for the
`.model` parity test (transformers' AlbertTokenizer logic: lowercasing, accent stripping, the
digit + "," split).

Like albert-base-v2's spiece.model it is a Unigram model with <pad>=0, <unk>=1, [CLS]=2, [SEP]=3,
[MASK]=4 and the nmt_nfkc normalizer. Numbers are not split from what follows them, so the
vocabulary has pieces such as "▁1990," that the digit + "," rule splits. The training text is the
sentiment training set plus seeded sentences with numbers; one thread and a fixed seed make the file
reproducible with the same sentencepiece version.

    .venv/bin/python -m scripts.models.make_albert_spm
"""
import csv
import io
import json
import random
from pathlib import Path

import sentencepiece as spm

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "tiny-albert"


def training_text():
    with open(ROOT / "examples" / "sentiment" / "train.tsv", encoding="utf-8", newline="") as f:
        lines = [row["text"] for row in csv.DictReader(f, delimiter="\t")]
    rng = random.Random(1234)
    years = [str(y) for y in range(1950, 2030)]
    for _ in range(2000):
        n = rng.choice(years + [str(rng.randint(0, 99)), f"{rng.randint(1, 999)},{rng.randint(100, 999)}"])
        lines.append(rng.choice([f"In {n}, the film was released.", f"It cost {n}, which was too much.",
                                 f"Rated {n}, then {rng.choice(years)}, and again."]))
    return lines


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    spm.set_random_generator_seed(1234)
    # Sentences from an iterator, the model into memory: no temporary path ends up in the file.
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_text()), model_writer=model, vocab_size=1000, model_type="unigram",
        character_coverage=1.0, seed_sentencepiece_size=100000, num_threads=1,
        pad_id=0, unk_id=1, bos_id=-1, eos_id=-1, control_symbols=["[CLS]", "[SEP]", "[MASK]"],
        split_by_number=False, minloglevel=2)
    (OUT / "spiece.model").write_bytes(model.getvalue())
    (OUT / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "AlbertTokenizer", "do_lower_case": True, "remove_space": True, "keep_accents": False},
        indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

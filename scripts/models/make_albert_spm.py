#!/usr/bin/env python3
"""Train tests/fixtures/tiny-albert/spiece.model: a tiny ALBERT-style sentencepiece model for the
`.model` parity test (transformers' AlbertTokenizer logic: lowercasing, accent stripping, the
digit + "," split).

Like albert-base-v2's spiece.model it is a Unigram model with <pad>=0, <unk>=1, [CLS]=2, [SEP]=3,
[MASK]=4 and the nmt_nfkc normalizer. Numbers are not split from what follows them, so the
vocabulary has pieces such as "▁1990," that the digit + "," rule splits. The training text is the
sentiment training set plus seeded sentences with numbers; one thread and a fixed seed make the file
reproducible with the same sentencepiece version.

    .venv/bin/python -m scripts.models.make_albert_spm           # rewrite the fixture
    .venv/bin/python -m scripts.models.make_albert_spm --check   # exit 1 when it is stale
"""
import argparse
import csv
import io
import json
import random
import sys
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


def generate():
    """The fixture's files, by name."""
    spm.set_random_generator_seed(1234)
    # Sentences from an iterator, the model into memory: no temporary path ends up in the file.
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_text()), model_writer=model, vocab_size=1000, model_type="unigram",
        character_coverage=1.0, seed_sentencepiece_size=100000, num_threads=1,
        pad_id=0, unk_id=1, bos_id=-1, eos_id=-1, control_symbols=["[CLS]", "[SEP]", "[MASK]"],
        split_by_number=False, minloglevel=2)
    config = json.dumps(
        {"tokenizer_class": "AlbertTokenizer", "do_lower_case": True, "remove_space": True, "keep_accents": False},
        indent=2) + "\n"
    return {"spiece.model": model.getvalue(), "tokenizer_config.json": config.encode("utf-8")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the fixture differs from what would be generated")
    args = parser.parse_args()
    files = generate()
    if args.check:
        stale = [OUT / name for name, data in files.items()
                 if not (OUT / name).exists() or (OUT / name).read_bytes() != data]
        for path in stale:
            print(f"{path} is stale; rerun .venv/bin/python -m scripts.models.make_albert_spm", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Peer of attnmap_tokenizer_bench: Hugging Face `tokenizers` encoding the same texts one at a
time on one thread (no padding, no truncation), a warm-up pass and then --repeat timed passes.
Prints one JSON object with the same keys as attnmap_tokenizer_bench.

  hf_tokenize.py --tokenizer tokenizer.json [--repeat 3] FILE...
"""
import os

# Before tokenizers is imported: its Rayon pool reads these once.
os.environ["RAYON_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from tokenizers import Tokenizer  # noqa: E402

from tokenizer_texts import read_texts  # noqa: E402  (the texts attnmap_tokenizer_bench reads)

parser = argparse.ArgumentParser()
parser.add_argument("--tokenizer", required=True)
parser.add_argument("--repeat", type=int, default=3)
parser.add_argument("files", nargs="+")
args = parser.parse_args()

texts = read_texts([str(Path(f).resolve()) for f in args.files])
tok = Tokenizer.from_file(args.tokenizer)
tok.no_padding()
tok.no_truncation()
tokens = sum(len(tok.encode(t).ids) for t in texts)  # warm-up
seconds = []
for _ in range(args.repeat):
    start = time.perf_counter()
    for t in texts:
        tok.encode(t)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"tokenizer": args.tokenizer, "texts": len(texts), "bytes": sum(len(t.encode()) for t in texts),
                  "tokens": tokens, "repeat": args.repeat, "seconds": seconds,
                  "median_s": statistics.median(seconds)}))

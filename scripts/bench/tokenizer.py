#!/usr/bin/env python3
"""Tokenizer throughput, attnmap against Hugging Face `tokenizers`, on the same texts.

For each tokenizer and corpus: attnmap_tokenizer_bench (C++, one text at a time), and
tokenizers' Tokenizer.from_file(...) with encode() one text at a time and with encode_batch(),
both pinned to one thread (RAYON_NUM_THREADS=1, TOKENIZERS_PARALLELISM=false). Each runs a
warm-up pass, then --repeat timed passes; the table shows medians. No truncation and no padding
on either side (as in the parity goldens). ratio = Hugging Face time / attnmap time: above 1,
attnmap is faster.

  scripts/bench/tokenizer.py --bench build/bench/attnmap_tokenizer_bench [--repeat 5] [--json out.json]
"""
import os

# Before tokenizers is imported: its Rayon pool reads these once.
os.environ["RAYON_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from peers.tokenizer_texts import read_texts  # noqa: E402  (the texts attnmap_tokenizer_bench reads)

ROOT = Path(__file__).resolve().parents[2]
TOKENIZERS = {
    "minilm (WordPiece)": "models/minilm/hf/tokenizer.json",
    "tiny-roberta (BPE)": "models/tiny-roberta/hf/tokenizer.json",
    "tiny-xlmr (Unigram)": "models/tiny-xlmr/hf/tokenizer.json",
}
CORPORA = {
    "parity corpus": ["tests/corpus/tokenizer_corpus.txt"],
    "sentiment tsv": sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples/sentiment").glob("*.tsv")),
}


def timed(fn, repeat):
    fn()  # warm-up
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def hugging_face(tokenizer_json, texts, repeat):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(ROOT / tokenizer_json))
    tok.no_padding()
    tok.no_truncation()
    one = timed(lambda: [tok.encode(t) for t in texts], repeat)
    batch = timed(lambda: tok.encode_batch(texts), repeat)
    tokens = sum(len(e.ids) for e in tok.encode_batch(texts))
    return one, batch, tokens


def ours(bench, tokenizer_json, files, repeat):
    out = subprocess.run([bench, "--tokenizer", str(ROOT / tokenizer_json), "--repeat", str(repeat),
                          *[str(ROOT / f) for f in files]], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, help="the attnmap_tokenizer_bench binary")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    rows = []
    header = (f"{'tokenizer':<21} {'corpus':<14} {'texts':>6} {'MB':>5} {'attnmap s':>9} {'MB/s':>6} "
              f"{'texts/s':>8} {'HF encode s':>11} {'ratio':>5} {'HF batch s':>10} {'ratio':>5}")
    print(header)
    print("-" * len(header))
    for tname, tpath in TOKENIZERS.items():
        if not (ROOT / tpath).exists():
            print(f"{tname:<21} skipped: no {tpath} (scripts/setup.sh builds it)")
            continue
        for cname, files in CORPORA.items():
            texts = read_texts(files)
            c = ours(args.bench, tpath, files, args.repeat)
            one, batch, hf_tokens = hugging_face(tpath, texts, args.repeat)
            if c["texts"] != len(texts) or c["tokens"] != hf_tokens:
                raise SystemExit(f"{tname} / {cname}: attnmap saw {c['texts']} texts and {c['tokens']} tokens, "
                                 f"Hugging Face {len(texts)} and {hf_tokens}")
            mb = c["bytes"] / 1e6
            rows.append({"tokenizer": tname, "corpus": cname, "texts": len(texts), "bytes": c["bytes"],
                         "tokens": hf_tokens, "attnmap_s": c["median_s"], "hf_encode_s": one, "hf_batch_s": batch})
            print(f"{tname:<21} {cname:<14} {len(texts):>6} {mb:>5.2f} {c['median_s']:>9.4f} {mb / c['median_s']:>6.2f} "
                  f"{len(texts) / c['median_s']:>8.0f} {one:>11.4f} {one / c['median_s']:>5.2f} {batch:>10.4f} "
                  f"{batch / c['median_s']:>5.2f}", flush=True)
    print(f"\nmedian of {args.repeat} passes after a warm-up, one thread; ratio = Hugging Face s / attnmap s "
          "(> 1: attnmap faster)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Integrated Gradients, ours against Captum's, for the same model, text, baseline and steps.

Both are timed end to end as a user runs them (process start to attributions), and Captum also
in-process (model already loaded), median of --repeat runs after one warm-up, single thread each.

Usage: scripts/bench/ig_bench.py [--model models/sentiment-bert] [--steps 50] [--repeat 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEXT = "The acting was not bad at all, but the plot made no sense and the ending dragged on."

CAPTUM_SCRIPT = r'''
import os, sys, time
os.environ["HF_HUB_OFFLINE"] = "1"
import torch
torch.set_num_threads(1)
from captum.attr import LayerIntegratedGradients
from transformers import AutoModelForSequenceClassification, AutoTokenizer
hf, text, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
model = AutoModelForSequenceClassification.from_pretrained(hf, attn_implementation="eager").eval()
tok = AutoTokenizer.from_pretrained(hf)
enc = tok(text, return_tensors="pt", return_special_tokens_mask=True)
special = enc.pop("special_tokens_mask").bool()
ids = enc["input_ids"]
extra = {k: v for k, v in enc.items() if k != "input_ids"}
fwd = lambda x: model(input_ids=x, **{k: v.expand(x.shape[0], -1) for k, v in extra.items()}).logits
target = int(fwd(ids).argmax())
base = torch.where(special, ids, torch.full_like(ids, tok.pad_token_id))
lig = LayerIntegratedGradients(fwd, model.get_input_embeddings())
start = time.perf_counter()
attr = lig.attribute(ids, baselines=base, target=target, n_steps=steps, internal_batch_size=steps).sum(-1)
print(time.perf_counter() - start)
'''


def median_time(cmd, repeat, env):
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # warm-up (page cache, first load)
    times, inner = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
        times.append(time.perf_counter() - start)
        inner.append(out)
    return statistics.median(times), inner


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=os.path.join(ROOT, "models", "sentiment-bert"))
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--attnmap", default=os.path.join(ROOT, "build", "attnmap"))
    args = p.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", TRANSFORMERS_VERBOSITY="error",
               PYTHONWARNINGS="ignore")
    ours_cmd = [args.attnmap, "saliency", "--model", args.model, "--text", TEXT, "--method", "ig", "--json",
                "--steps", str(args.steps), "--threads", "1"]
    captum_cmd = [sys.executable, "-c", CAPTUM_SCRIPT, os.path.join(args.model, "hf"), TEXT, str(args.steps)]
    ours, _ = median_time(ours_cmd, args.repeat, env)
    captum, inner = median_time(captum_cmd, args.repeat, env)
    captum_inner = statistics.median(float(o.strip().splitlines()[-1]) for o in inner)
    print(f"IG, {os.path.basename(os.path.normpath(args.model))}, {args.steps} steps, 1 thread, median of {args.repeat}")
    print(f"  attnmap saliency (process start to JSON)   {ours:7.3f} s")
    print(f"  Captum, process start to attributions      {captum:7.3f} s   ratio {captum / ours:5.1f}x")
    print(f"  Captum, attribute() alone (model loaded)   {captum_inner:7.3f} s   ratio {captum_inner / ours:5.1f}x")


if __name__ == "__main__":
    main()

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
from inputs import IG_TEXT as TEXT  # noqa: E402  (the text run_all.py uses too)

CAPTUM = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers", "captum_ig.py")


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
               PYTHONWARNINGS="ignore", HF_HUB_OFFLINE="1")
    ours_cmd = [args.attnmap, "saliency", "--model", args.model, "--text", TEXT, "--method", "ig", "--json",
                "--steps", str(args.steps), "--threads", "1"]
    captum_cmd = [sys.executable, CAPTUM, os.path.join(args.model, "hf"), TEXT, str(args.steps)]
    ours, _ = median_time(ours_cmd, args.repeat, env)
    captum, inner = median_time(captum_cmd, args.repeat, env)
    captum_inner = statistics.median(float(o.strip().splitlines()[-1]) for o in inner)
    print(f"IG, {os.path.basename(os.path.normpath(args.model))}, {args.steps} steps, 1 thread, median of {args.repeat}")
    print(f"  attnmap saliency (process start to JSON)   {ours:7.3f} s")
    print(f"  Captum, process start to attributions      {captum:7.3f} s   ratio {captum / ours:5.1f}x")
    print(f"  Captum, attribute() alone (model loaded)   {captum_inner:7.3f} s   ratio {captum_inner / ours:5.1f}x")


if __name__ == "__main__":
    main()

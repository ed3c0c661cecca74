#!/usr/bin/env python3
"""Peer of attnmap_render_bench: the same N x N matrix (a 2-D .npy, or the same synthetic one) as
a seaborn heatmap (no numbers in the cells, tick labels thinned by seaborn as it sees fit),
savefig at the pixel size attnmap's figure has. One untimed warm-up figure, then --repeat timed
ones (heatmap, savefig, close). Prints one JSON object like attnmap_render_bench's.

  mpl_heatmap.py [--matrix attention.npy | --size 512] [--repeat 5] [--pixels 1711x1647] -o out.png
"""
import argparse
import json
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402


def matrix(n):
    """Row i of exp(-|i - j| / 8) + 0.3 * noise(i, j), rows summing to 1 (bench/render_bench.cpp)."""
    i, j = np.meshgrid(np.arange(n, dtype=np.uint32), np.arange(n, dtype=np.uint32), indexing="ij")
    h = (i * np.uint32(73856093)) ^ (j * np.uint32(19349663))
    h ^= h >> np.uint32(13)
    h *= np.uint32(0x5BD1E995)
    h ^= h >> np.uint32(15)
    noise = (h & np.uint32(0xFFFFFF)).astype(np.float64) / 16777216.0
    m = np.exp(-np.abs(i.astype(np.float64) - j) / 8.0) + 0.3 * noise
    return (m / m.sum(axis=1, keepdims=True)).astype(np.float32)


def draw(frame, pixels, out, what):
    width, height = (int(v) / 100 for v in pixels.split("x"))
    plt.figure(figsize=(width, height))
    sns.heatmap(frame, cmap="viridis", cbar_kws={"label": "attention weight"})
    plt.title(f"{len(frame)} x {len(frame)} {what}")
    plt.xlabel("key (attended to)")
    plt.ylabel("query (attending from)")
    plt.tight_layout()
    plt.savefig(out, dpi=100)
    plt.close()


parser = argparse.ArgumentParser()
parser.add_argument("--matrix", help="a 2-D float32 .npy")
parser.add_argument("--size", type=int, default=512)
parser.add_argument("--repeat", type=int, default=5)
parser.add_argument("--pixels", default="1711x1647")
parser.add_argument("-o", dest="out", required=True)
args = parser.parse_args()

values = np.load(args.matrix) if args.matrix else matrix(args.size)
labels = [f"tok{k}" for k in range(len(values))]
frame = pd.DataFrame(values, index=labels, columns=labels)
what = "matrix" if args.matrix else "attention-like matrix"  # the titles attnmap_render_bench gives
draw(frame, args.pixels, args.out, what)  # warm-up
seconds = []
for _ in range(args.repeat):
    start = time.perf_counter()
    draw(frame, args.pixels, args.out, what)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"size": len(values), "repeat": args.repeat, "pixels": args.pixels,
                  "png_bytes": os.path.getsize(args.out), "seconds": seconds,
                  "median_s": statistics.median(seconds)}))

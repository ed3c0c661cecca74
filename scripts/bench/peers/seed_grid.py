#!/usr/bin/env python3
"""Peer of `attnmap render --view grid`: every layer x every head as a matplotlib subplot grid of
seaborn heatmaps on one colour scale with one colour bar, headers for layers and heads, no tick
labels (attnmap's model view has none either), plt.savefig.

  seed_grid.py MODEL_DIR TEXT_FILE OUT.png [--size WxH]
"""
import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402
import torch  # noqa: E402
from transformers import AutoModelForSequenceClassification, AutoTokenizer  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("model")
parser.add_argument("text_file")
parser.add_argument("out")
parser.add_argument("--size", default="2400x1400")
args = parser.parse_args()
with open(args.text_file, encoding="utf-8") as f:
    text = f.read().strip()

tokenizer = AutoTokenizer.from_pretrained(args.model)
model = AutoModelForSequenceClassification.from_pretrained(
    args.model, output_attentions=True, attn_implementation="eager")
model.eval()

inputs = tokenizer(text, return_tensors="pt", truncation=True, max_length=512)
with torch.no_grad():
    outputs = model(**inputs)
attentions = torch.stack(outputs.attentions)[:, 0].numpy()  # (layers, heads, query, key)
layers, heads = attentions.shape[:2]

width, height = (int(v) / 100 for v in args.size.split("x"))
fig, axes = plt.subplots(layers, heads, figsize=(width, height), squeeze=False)
vmin, vmax = attentions.min(), attentions.max()
for layer in range(layers):
    for head in range(heads):
        ax = axes[layer][head]
        sns.heatmap(attentions[layer, head], ax=ax, cmap="viridis", vmin=vmin, vmax=vmax, cbar=False, square=True,
                    xticklabels=False, yticklabels=False)
        if layer == 0:
            ax.set_title(f"head {head}", fontsize=8)
        if head == 0:
            ax.set_ylabel(f"layer {layer}", fontsize=8)
fig.suptitle(f"every layer x every head\n{text[:80]}")
fig.tight_layout()
fig.colorbar(axes[0][0].collections[0], ax=axes, label="attention weight", fraction=0.02)
fig.savefig(args.out, dpi=100)

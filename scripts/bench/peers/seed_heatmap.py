#!/usr/bin/env python3
"""Peer of `attnmap render`: the notebook snippet people paste, as a script.

Hugging Face model with output_attentions=True (eager attention), the mean over heads of the last
layer, a seaborn heatmap with the tokens as tick labels and the weights written in the cells,
plt.savefig. One sentence in, one PNG out.

  seed_heatmap.py MODEL_DIR TEXT_FILE OUT.png [--no-annot] [--size WxH]

--no-annot is for long inputs (a 512 x 512 matrix of numbers is unreadable, and drawing 262,144
text objects takes minutes); --size gives the PNG's pixel size (100 dpi), to match attnmap's.
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
parser.add_argument("--no-annot", action="store_true")
parser.add_argument("--size", default="880x843")
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
attention = outputs.attentions[-1][0].mean(dim=0).numpy()  # last layer, mean over heads
tokens = tokenizer.convert_ids_to_tokens(inputs["input_ids"][0])

width, height = (int(v) / 100 for v in args.size.split("x"))
plt.figure(figsize=(width, height))
sns.heatmap(attention, xticklabels=tokens, yticklabels=tokens, cmap="viridis",
            annot=not args.no_annot, fmt=".2f", cbar_kws={"label": "attention weight"})
plt.title(f"last layer, mean over heads\n{text[:80]}")
plt.xlabel("key (attended to)")
plt.ylabel("query (attending from)")
plt.tight_layout()
plt.savefig(args.out, dpi=100)

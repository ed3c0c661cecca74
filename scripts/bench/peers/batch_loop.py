#!/usr/bin/env python3
"""Peer of `attnmap batch --select misclassified --views mean`: the Python loop people write over
a labelled .tsv (header id, text, label). The model and tokenizer are loaded once; each text is
run alone; for every example the model gets wrong, the mean attention of the last layer is drawn
as an annotated seaborn heatmap with the tokens as tick labels and saved as OUT_DIR/<id>.png.
Prints {"examples": N, "misclassified": K} on stdout.

  batch_loop.py HF_MODEL_DIR INPUT.tsv OUT_DIR
"""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402
import torch  # noqa: E402
from transformers import AutoModelForSequenceClassification, AutoTokenizer  # noqa: E402

model_dir, input_tsv, out_dir = sys.argv[1:4]
os.makedirs(out_dir, exist_ok=True)
tokenizer = AutoTokenizer.from_pretrained(model_dir)
model = AutoModelForSequenceClassification.from_pretrained(
    model_dir, output_attentions=True, attn_implementation="eager")
model.eval()

with open(input_tsv, encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

wrong = 0
for row in rows:
    inputs = tokenizer(row["text"], return_tensors="pt", truncation=True, max_length=512)
    with torch.no_grad():
        outputs = model(**inputs)
    predicted = model.config.id2label[outputs.logits.argmax(-1).item()]
    if predicted == row["label"]:
        continue
    wrong += 1
    attention = outputs.attentions[-1][0].mean(dim=0).numpy()
    tokens = tokenizer.convert_ids_to_tokens(inputs["input_ids"][0])
    size = 0.45 * len(tokens) + 2
    plt.figure(figsize=(size + 1, size))
    sns.heatmap(attention, xticklabels=tokens, yticklabels=tokens, annot=True, fmt=".2f", cmap="viridis")
    plt.title(f"{row['id']}: {row['label']}, predicted {predicted}")
    plt.tight_layout()
    plt.savefig(os.path.join(out_dir, f"{row['id']}.png"), dpi=100)
    plt.close()

print(json.dumps({"examples": len(rows), "misclassified": wrong}))

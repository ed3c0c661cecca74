#!/usr/bin/env python3
"""Peer of `attnmap saliency --method valuezeroing`: value zeroing as its authors compute it, one
layer call per layer and zeroed token (Mohebbi et al. 2023): layer l run on the model's real input
to it, with token j's value vector zeroed by a hook on the value projection, 1 - cos against the
real output; rows normalised, layers rolled out, the first row kept. On every text of the file.

  value_zeroing_loop.py HF_MODEL_DIR TEXT_FILE   (one text per line; a .tsv: its "text" column)
"""
import csv
import sys

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

torch.set_grad_enabled(False)
hf, path = sys.argv[1], sys.argv[2]
model = AutoModelForSequenceClassification.from_pretrained(hf, attn_implementation="eager").eval()
tok = AutoTokenizer.from_pretrained(hf)
if path.endswith(".tsv"):
    with open(path, encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
else:
    texts = [line.strip() for line in open(path, encoding="utf-8") if line.strip()]
layers = model.base_model.encoder.layer


def scores(text):
    enc = tok(text, return_tensors="pt")
    out = model(**enc, output_hidden_states=True)
    tokens = enc["input_ids"].shape[1]
    rollout = None
    for l, layer in enumerate(layers):
        x = out.hidden_states[l]
        matrix = torch.zeros(tokens, tokens)
        for j in range(tokens):
            def zero(_m, _i, output, j=j):
                output = output.clone()
                output[:, j] = 0
                return output
            handle = layer.attention.self.value.register_forward_hook(zero)
            try:
                zeroed = layer(x)  # one text, no padding: no attention mask
            finally:
                handle.remove()
            if isinstance(zeroed, tuple):  # transformers 4 returns a tuple, 5 the hidden states
                zeroed = zeroed[0]
            matrix[:, j] = 1 - torch.nn.functional.cosine_similarity(zeroed[0], out.hidden_states[l + 1][0], dim=-1)
        matrix = matrix / matrix.sum(-1, keepdim=True)
        rollout = matrix if rollout is None else matrix @ rollout
    return rollout[0]


for text in texts:
    scores(text)

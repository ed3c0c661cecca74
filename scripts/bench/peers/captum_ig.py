#!/usr/bin/env python3
"""Peer of `attnmap saliency --method ig`: Captum's LayerIntegratedGradients on the word
embeddings of the Hugging Face model, the same target (the predicted class), baseline (padding
tokens, specials kept) and number of steps, one thread. Prints the seconds attribute() alone took.

  captum_ig.py HF_MODEL_DIR TEXT STEPS
"""
import sys
import time

import torch
from captum.attr import LayerIntegratedGradients
from transformers import AutoModelForSequenceClassification, AutoTokenizer

torch.set_num_threads(1)
hf, text, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
model = AutoModelForSequenceClassification.from_pretrained(hf, attn_implementation="eager").eval()
tok = AutoTokenizer.from_pretrained(hf)
enc = tok(text, return_tensors="pt", return_special_tokens_mask=True)
special = enc.pop("special_tokens_mask").bool()
ids = enc["input_ids"]
extra = {k: v for k, v in enc.items() if k != "input_ids"}


def forward(x):
    return model(input_ids=x, **{k: v.expand(x.shape[0], -1) for k, v in extra.items()}).logits


target = int(forward(ids).argmax())
baseline = torch.where(special, ids, torch.full_like(ids, tok.pad_token_id))
lig = LayerIntegratedGradients(forward, model.get_input_embeddings())
start = time.perf_counter()
attributions = lig.attribute(ids, baselines=baseline, target=target, n_steps=steps,
                             internal_batch_size=steps).sum(-1)
print(time.perf_counter() - start)

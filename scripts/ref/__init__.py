"""The Hugging Face reference that attnmap is held to.

texts.py               the probe sentences, as named sets, one per check
hf.py                  a model directory's Hugging Face model and tokenizer, loaded once per process
make_golden.py         goldens: a model's outputs, a tokenizer's encodings of a corpus (the CLI)
slow_sentencepiece.py  transformers 4's slow sentencepiece tokenizers, for the `.model` goldens
"""

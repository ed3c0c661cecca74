"""Hugging Face models and tokenizers as the reference runs them, loaded once per directory.

A Reference holds the model (its sequence-classification head when the config names one, else the
bare encoder; eager attention, eval mode), its fast tokenizer, its config and whether it has a
head. Every caller in one process shares the objects loaded for a directory, so one that changes
the model (its attention implementation, gradients) puts it back when done.
"""
import os
from typing import Any, NamedTuple

# The reference never reaches for the hub: models are local directories.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


class Reference(NamedTuple):
    config: Any
    model: Any
    tokenizer: Any
    has_head: bool


_configs = {}
_references = {}  # both keyed by the directory's absolute path


def config(hf_dir):
    """The config of `hf_dir`, without its weights."""
    key = os.path.abspath(hf_dir)
    if key not in _configs:
        from transformers import AutoConfig

        _configs[key] = AutoConfig.from_pretrained(hf_dir)
    return _configs[key]


def load(hf_dir):
    """The Reference of `hf_dir`, loaded on the first call for that directory."""
    key = os.path.abspath(hf_dir)
    if key not in _references:
        _references[key] = _load(hf_dir)
    return _references[key]


def _load(hf_dir):
    from transformers import AutoModel, AutoModelForSequenceClassification, AutoTokenizer

    cfg = config(hf_dir)
    has_head = any(a.endswith("ForSequenceClassification") for a in (cfg.architectures or []))
    cls = AutoModelForSequenceClassification if has_head else AutoModel
    model = cls.from_pretrained(hf_dir, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(hf_dir, use_fast=True)
    return Reference(cfg, model, tokenizer, has_head)

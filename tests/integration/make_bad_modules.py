"""Writes small TorchScript modules that load but are no attention classifier, for
bad_input_test.sh: each takes (input_ids, attention_mask, token_type_ids) like a bundle's forward
and returns something attnmap must refuse with a clear error.

Usage: make_bad_modules.py OUT_DIR
"""
import sys
from typing import Tuple

import torch


def uniform(b: int, t: int) -> torch.Tensor:
    """(L=2, B, H=4, T, T) rows that are probability distributions."""
    return torch.softmax(torch.zeros(2, b, 4, t, t), -1)


class TensorOnly(torch.nn.Module):
    """No tuple at all: one (B, T) tensor."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        return input_ids.float()


class NoAttentions(torch.nn.Module):
    """Logits and hidden states, as a classifier traced without output_attentions."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        b, t = input_ids.shape
        return torch.zeros(b, 2), torch.zeros(b, t, 8)


class NoLogits(torch.nn.Module):
    """Attentions but no (B, classes) logits."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        b, t = input_ids.shape
        return uniform(b, t)


class Raises(torch.nn.Module):
    """The model's own code raises while it runs."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        raise RuntimeError("this model refuses every input")


class Scores(torch.nn.Module):
    """Attention-shaped scores before the softmax: rows do not sum to 1."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        b, t = input_ids.shape
        return torch.zeros(b, 2), torch.ones(2, b, 4, t, t) * 3


class NaNs(torch.nn.Module):
    """Attentions that are NaN everywhere."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        b, t = input_ids.shape
        return torch.zeros(b, 2), torch.full((2, b, 4, t, t), float("nan"))


class NoLayers(torch.nn.Module):
    """An attention stack of zero layers."""

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        b, t = input_ids.shape
        return torch.zeros(b, 2), torch.zeros(0, b, 4, t, t)


MODULES = {"tensor-only": TensorOnly, "no-attentions": NoAttentions, "no-logits": NoLogits, "raises": Raises,
           "scores": Scores, "nans": NaNs, "no-layers": NoLayers}

if __name__ == "__main__":
    for name, cls in MODULES.items():
        torch.jit.save(torch.jit.script(cls()), f"{sys.argv[1]}/{name}.pt")

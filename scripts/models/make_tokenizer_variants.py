#!/usr/bin/env python3
"""Write tests/fixtures/tokenizer-variants/*.json: tiny-deberta's tokenizer with the normalizers and
pre-tokenizers that no sample bundle uses, for the corpus parity tests (tokenizer_parity.variant-*).

    deberta-lower-punct  DebertaV2Tokenizer(do_lower_case=True, split_by_punct=True) as transformers
                         writes it: Lowercase, then Punctuation (isolated) before Metaspace
    punct-BEHAVIOR       the Punctuation pre-tokenizer with each other split behaviour
    nfd                  NFD instead of NFC
    replace-regex        a Replace whose regex needs alternatives, classes, ranges, negation and
                         backtracking: "e[a-z]*e|[0-9]{2,3}|[^\\sa-zA-Z0-9]+|\\s\\S?x"
    deberta-spm-lower-punct/  tiny-deberta's spm.model with a tokenizer_config.json that sets
                         do_lower_case and split_by_punct (the .model path's options)

The variants are cut from the committed tokenizer.json, so they change only when it does.

    .venv/bin/python -m scripts.models.make_tokenizer_variants           # rewrite the fixtures
    .venv/bin/python -m scripts.models.make_tokenizer_variants --check   # exit 1 when stale
"""
import argparse
import copy
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from scripts.gen.emit import write_or_check  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "models" / "tiny-deberta" / "hf"
OUT = ROOT / "tests" / "fixtures" / "tokenizer-variants"
RERUN = ".venv/bin/python -m scripts.models.make_tokenizer_variants"
BEHAVIORS = ("Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous")
REGEX = r"e[a-z]*e|[0-9]{2,3}|[^\sa-zA-Z0-9]+|\s\S?x"


def as_text(tokenizer_json):
    return json.dumps(tokenizer_json, ensure_ascii=False, indent=2) + "\n"


def variants():
    from transformers import DebertaV2Tokenizer

    base = json.loads((SOURCE / "tokenizer.json").read_text(encoding="utf-8"))
    lower_punct = DebertaV2Tokenizer.from_pretrained(str(SOURCE), do_lower_case=True, split_by_punct=True)
    out = {"deberta-lower-punct": json.loads(lower_punct.backend_tokenizer.to_str())}
    for behavior in BEHAVIORS:
        variant = copy.deepcopy(out["deberta-lower-punct"])
        variant["pre_tokenizer"]["pretokenizers"][0]["behavior"] = behavior
        out["punct-" + behavior.lower()] = variant
    nfd = copy.deepcopy(base)
    nfd["normalizer"]["normalizers"] = [{"type": "NFD"} if n["type"] == "NFC" else n
                                        for n in nfd["normalizer"]["normalizers"]]
    out["nfd"] = nfd
    regex = copy.deepcopy(base)
    regex["normalizer"]["normalizers"].insert(0, {"type": "Replace", "pattern": {"Regex": REGEX}, "content": "#"})
    out["replace-regex"] = regex
    files = {f"{name}.json": as_text(data) for name, data in out.items()}
    files["deberta-spm-lower-punct/spm.model"] = (SOURCE / "spm.model").read_bytes()
    files["deberta-spm-lower-punct/tokenizer_config.json"] = as_text(
        {"tokenizer_class": "DebertaV2Tokenizer", "do_lower_case": True, "split_by_punct": True})
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a fixture is stale")
    args = parser.parse_args()
    if not args.check:
        OUT.mkdir(parents=True, exist_ok=True)
    status = 0
    for name, data in variants().items():
        status |= write_or_check(OUT / name, data, args.check, RERUN)
    return status


if __name__ == "__main__":
    sys.exit(main())

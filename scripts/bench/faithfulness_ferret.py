#!/usr/bin/env python3
"""`attnmap faithfulness` against ferret-xai's faithfulness metrics, on the same token scores.

Runs `attnmap faithfulness --input` on the first --count sentences of examples/sentiment/test.tsv,
then gives ferret the scores attnmap ranked (each method's "scores" from faithfulness.jsonl, as a
ferret `Explanation`) and computes its AOPC comprehensiveness, AOPC sufficiency and tau-LOO with
the Hugging Face model of the same bundle, in two settings:
  - attnmap's bins: one ferret call per bin, removal_args {"based_on": "k", "thresholds": [size]}
    with attnmap's rationale size ceil(k*n/100), remove_tokens for delete (mask token for mask),
    and the mean over the five bins taken here. Every token must be eligible, but ferret's
    only_pos=False fails for k >= 2 (`id_top_k == []` on a NumPy array raises); so only_pos stays
    True and the scores are shifted by a constant to be all positive, which keeps their order and
    ties. This is as close as ferret comes
    to SPEC's definition: what is left is that ferret decodes the perturbed ids to text and
    tokenizes that again, and breaks ties between equal scores the other way (later position
    first); the script counts both;
  - ferret's defaults: 10%, 20%, ..., 100% of the tokens (rounded down, bins of no token skipped),
    only tokens with a positive score, and a bin whose rationale repeats the previous one's left
    out of the mean.
It prints each method's means side by side, how far the per-bin values differ and why, and the
time of each side: attnmap's whole run (process start to files: the scores of every method, loo,
the random baseline and the metrics), attnmap doing ferret's job (the same scores given back with
--scores and --methods none), and ferret's metrics alone (model loaded, scores given); and the
model inputs and tokens each side asked for (attnmap's --timings, a forward hook on ferret's model).

ferret pins transformers < 5 and numpy < 2, so it lives in a virtual environment of its own:
  python3 -m venv /path/to/ferret-venv
  /path/to/ferret-venv/bin/pip install ferret-xai 'pyarrow<21'   # a pyarrow built for NumPy 1
  /path/to/ferret-venv/bin/python scripts/bench/faithfulness_ferret.py [--model models/sentiment-bert]
      [--count 50] [--removal delete|mask] [--methods all] [--threads 1] [--attnmap build/attnmap]
      [--json FILE]
"""
import argparse
import csv
import importlib.metadata
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from ferret.evaluators.faithfulness_measures import (  # noqa: E402
    AOPC_Comprehensiveness_Evaluation, AOPC_Sufficiency_Evaluation, TauLOO_Evaluation)
from ferret.explainers.explanation import Explanation  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEST = ROOT / "examples" / "sentiment" / "test.tsv"
BINS = [1, 5, 10, 20, 50]
BASELINES = ("random",)  # no scores to give ferret; loo's scores are given like a method's


# --- attnmap ---------------------------------------------------------------------------------------

def sentences(count, work):
    with open(TEST, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[:count]
    path = Path(work) / f"test-{len(rows)}.tsv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id\ttext\tlabel\n")
        f.writelines(f"{r['id']}\t{r['text']}\t{r['label']}\n" for r in rows)
    return path


def timed_faithfulness(args, tsv, work, name, options):
    """`attnmap faithfulness` on `tsv` with `options`, --repeat times into WORK/NAME-RUN: the median
    wall time, the last run's output directory and its standard error."""
    times = []
    for run in range(args.repeat):
        out = Path(work) / f"{name}-{run}"
        argv = [args.attnmap, "faithfulness", "--model", args.model, "--input", str(tsv), "--removal", args.removal,
                "--threads", str(args.threads), "--out-dir", str(out), "--no-progress", *options]
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)}\nexited {done.returncode}:\n{done.stderr}")
    return statistics.median(times), out, done.stderr


def records_in(out):
    return [json.loads(line) for line in (out / "faithfulness.jsonl").read_text().splitlines() if line.strip()]


def run_attnmap(args, tsv, work):
    """Median wall time of --repeat runs, and the last run's records, summary and --timings."""
    seconds, out, stderr = timed_faithfulness(args, tsv, work, "attnmap", ["--methods", args.methods, "--timings"])
    return seconds, records_in(out), json.loads((out / "faithfulness.json").read_text()), timings_of(stderr)


def run_attnmap_given(args, tsv, work, records):
    """ferret's job done by attnmap: the scores of the first run given back (`--scores`, every
    method as NAME.given, `--methods none`), so that the model work is only the metrics'. Median
    wall time of --repeat runs, process start to files."""
    given = Path(work) / "given.jsonl"
    with open(given, "w", encoding="utf-8") as f:
        for r in records:
            scores = {f"{m}.given": e["scores"] for m, e in r["methods"].items() if m not in BASELINES + ("loo",)}
            f.write(json.dumps({"line": r["line"], "scores": scores}) + "\n")
    seconds, out, _ = timed_faithfulness(args, tsv, work, "attnmap-given",
                                         ["--methods", "none", "--scores", str(given)])
    again = {r["line"]: r for r in records_in(out)}
    worst = max(abs(again[r["line"]]["methods"][f"{m}.given"][key] - e[key])
                for r in records for m, e in r["methods"].items() if m not in BASELINES + ("loo",)
                for key in ("aopc_comprehensiveness", "aopc_sufficiency"))
    return seconds, worst


def timings_of(stderr):
    """The numbers of the last run's --timings line."""
    found = re.search(r"timings: methods' scores ([\d.]+) s; perturbed inputs ([\d.]+) s \((\d+) inputs, (\d+) tokens",
                      stderr)
    if not found:
        sys.exit(f"no --timings line in attnmap's standard error:\n{stderr}")
    scores, perturbed, inputs, tokens = found.groups()
    return {"scores_s": float(scores), "perturbed_s": float(perturbed), "inputs": int(inputs), "tokens": int(tokens)}


# --- ferret ----------------------------------------------------------------------------------------

def load_hf(hf_dir):
    model = transformers.AutoModelForSequenceClassification.from_pretrained(hf_dir).float().eval()
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(hf_dir)
    except AttributeError:
        # transformers 4 cannot read the list that transformers 5 writes as extra_special_tokens.
        tokenizer = transformers.AutoTokenizer.from_pretrained(hf_dir, extra_special_tokens={})
    return model, tokenizer


class ModelCalls:
    """Counts the inputs and (unpadded) tokens of every forward pass of `model` while `on`."""

    def __init__(self, model):
        self.on, self.inputs, self.tokens = False, 0, 0
        model.register_forward_pre_hook(self.count, with_kwargs=True)

    def count(self, module, args, kwargs):
        if not self.on:
            return
        mask = kwargs.get("attention_mask")
        ids = kwargs.get("input_ids", args[0] if args else None)
        self.inputs += int(ids.shape[0])
        self.tokens += int(mask.sum()) if mask is not None else int(ids.numel())


class Ferret:
    def __init__(self, model, tokenizer, removal):
        self.calls = ModelCalls(model)
        self.tokenizer = tokenizer
        self.comprehensiveness = AOPC_Comprehensiveness_Evaluation(model, tokenizer)
        self.sufficiency = AOPC_Sufficiency_Evaluation(model, tokenizer)
        self.tau = TauLOO_Evaluation(model, tokenizer)
        self.remove_tokens = removal == "delete"
        self.seconds = {"bins": 0.0, "defaults": 0.0, "tau": 0.0}

    def explanation(self, record, scores, method, positive=False):
        """`scores` as a ferret Explanation; `positive`: shifted by a constant to be all > 0."""
        tokens = self.tokenizer.convert_ids_to_tokens(record["ids"])
        values = np.array(scores, dtype=np.float64)
        if positive:
            content = [v for v, s in zip(values, record["special"]) if not s]
            values = values - min(content) + 1.0
        return Explanation(record["text"], tokens, values, method, record["target"])

    def at_bins(self, explanation, target, sizes):
        """Comprehensiveness and sufficiency at each of attnmap's rationale sizes."""
        start = time.perf_counter()
        self.calls.on = True
        curves = {"comprehensiveness": [], "sufficiency": []}
        for size in sizes:
            args = {"only_pos": True, "remove_first_last": True,
                    "removal_args": {"remove_tokens": self.remove_tokens, "based_on": "k", "thresholds": [size]}}
            for name, evaluator in (("comprehensiveness", self.comprehensiveness), ("sufficiency", self.sufficiency)):
                curves[name].append(float(evaluator.compute_evaluation(explanation, target, **args).score))
        self.calls.on = False
        self.seconds["bins"] += time.perf_counter() - start
        return curves

    def defaults(self, explanation, target):
        start = time.perf_counter()
        out = {"aopc_comprehensiveness": float(self.comprehensiveness.compute_evaluation(explanation, target).score),
               "aopc_sufficiency": float(self.sufficiency.compute_evaluation(explanation, target).score)}
        self.seconds["defaults"] += time.perf_counter() - start
        return out

    def tau_loo(self, explanation, target):
        start = time.perf_counter()
        self.calls.on = True
        tau = float(self.tau.compute_evaluation(explanation, target).score)
        self.calls.on = False
        self.seconds["tau"] += time.perf_counter() - start
        return None if np.isnan(tau) else tau


# --- where the two differ --------------------------------------------------------------------------

def ferret_top(scores, size):
    """Positions of ferret's top `size` (its argsort over the scores without the first and last)."""
    inner = np.array(scores[1:-1], dtype=np.float64)
    return [int(i) + 1 for i in inner.argsort()[-size:][::-1]]


def perturbed(ids, special, rationale, removal, metric, mask_id):
    """attnmap's id sequence for one bin (SPEC: removal on ids)."""
    content = [i for i, s in enumerate(special) if not s]
    removed = set(rationale) if metric == "comprehensiveness" else {i for i in content if i not in set(rationale)}
    if removal == "delete":
        return [t for i, t in enumerate(ids) if i not in removed]
    return [mask_id if i in removed else t for i, t in enumerate(ids)]


def retokenized(tokenizer, ids, rationale, removal, metric):
    """The ids ferret's model sees for the same bin: it drops the first and last ids, removes or
    masks on the rest, decodes that to text and tokenizes the text again."""
    inner, chosen = list(ids[1:-1]), {p - 1 for p in rationale}
    hit = chosen if metric == "comprehensiveness" else set(range(len(inner))) - chosen
    if removal == "delete":
        kept = [t for j, t in enumerate(inner) if j not in hit]
    else:
        kept = [tokenizer.mask_token_id if j in hit else t for j, t in enumerate(inner)]
    return tokenizer(tokenizer.decode(kept), truncation=True)["input_ids"]


class Differences:
    """Per-bin values of both sides, split by whether ferret ran the same ids on the same rationale."""

    def __init__(self):
        self.same, self.retokenized, self.tie = [], [], []
        # |tau diff| by whether ferret's leave-one-out inputs were attnmap's
        self.tau_same, self.tau_retokenized, self.tau_deletes = [], [], []

    def add(self, kind, ours, theirs):
        getattr(self, kind).append(abs(ours - theirs))

    def lines(self):
        everything = self.same + self.retokenized + self.tie
        out = [f"per-bin values, attnmap vs ferret at attnmap's bins: {len(everything)}; max |diff| "
               f"{max(everything):.2e}, mean {statistics.mean(everything):.2e}, "
               f"{sum(d <= 1e-5 for d in everything) / len(everything):.1%} within 1e-5"]
        for name, values, why in [
                ("same ids", self.same, "ferret's model saw attnmap's ids (padded batches of 8)"),
                ("re-tokenized", self.retokenized, "decode + tokenize gave other ids than removal on ids"),
                ("tie", self.tie, "equal scores: ferret's argsort takes the later position first")]:
            if values:
                out.append(f"  {name:<13}{len(values):6} ({len(values) / len(everything):5.1%})  max |diff| "
                           f"{max(values):.2e}  mean {statistics.mean(values):.2e}   {why}")
        taus = len(self.tau_same) + len(self.tau_retokenized) + len(self.tau_deletes)
        out.append(f"tau-LOO, methods x sentences: {taus}")
        for name, values, why in [
                ("same ids", self.tau_same, "every leave-one-out input ferret ran had attnmap's ids"),
                ("re-tokenized", self.tau_retokenized, "some leave-one-out input was re-tokenized into other ids"),
                ("deletes", self.tau_deletes, "ferret's leave-one-out always deletes, attnmap's masks here")]:
            if values:
                out.append(f"  {name:<13}{len(values):6} ({len(values) / taus:5.1%})  max |diff| {max(values):.2e}  "
                           f"mean {statistics.mean(values):.2e}   {why}")
        return out


def sizes_of(n):
    return [(k * n + 99) // 100 for k in BINS]


def loo_retokenized(tokenizer, record):
    """Whether some leave-one-out input of ferret's differs from attnmap's (both deleting)."""
    ids, special = record["ids"], record["special"]
    content = [i for i, s in enumerate(special) if not s]
    return any(retokenized(tokenizer, ids, [i], "delete", "comprehensiveness")
               != perturbed(ids, special, [i], "delete", "comprehensiveness", None) for i in content)


def compare_bins(tokenizer, record, entry, curves, removal, differences):
    ids, special = record["ids"], record["special"]
    for b, size in enumerate(sizes_of(record["n"])):
        ours = entry["ranking"][:size]
        theirs = ferret_top(entry["scores"], size)
        for metric in ("comprehensiveness", "sufficiency"):
            if set(theirs) != set(ours):
                kind = "tie"
            elif retokenized(tokenizer, ids, ours, removal, metric) != perturbed(
                    ids, special, ours, removal, metric, tokenizer.mask_token_id):
                kind = "retokenized"
            else:
                kind = "same"
            differences.add(kind, entry[metric][b], curves[metric][b])


# --- the run ---------------------------------------------------------------------------------------

def evaluate(args, records, model, tokenizer):
    ferret = Ferret(model, tokenizer, args.removal)
    differences = Differences()
    rows = {}
    tokenization_differs = 0
    for record in records:
        if tokenizer(record["text"], truncation=True)["input_ids"] != record["ids"]:
            tokenization_differs += 1
        if args.removal == "mask":
            taus = differences.tau_deletes
        elif loo_retokenized(tokenizer, record):
            taus = differences.tau_retokenized
        else:
            taus = differences.tau_same
        for method, entry in record["methods"].items():
            if method in BASELINES:
                continue
            explanation = ferret.explanation(record, entry["scores"], method)
            shifted = ferret.explanation(record, entry["scores"], method, positive=True)
            curves = ferret.at_bins(shifted, record["target"], sizes_of(record["n"]))
            compare_bins(tokenizer, record, entry, curves, args.removal, differences)
            row = rows.setdefault(method, {k: [] for k in ("ours_comp", "bins_comp", "default_comp", "ours_suff",
                                                           "bins_suff", "default_suff", "ours_tau", "ferret_tau")})
            default = ferret.defaults(explanation, record["target"])
            tau = ferret.tau_loo(explanation, record["target"])
            row["ours_comp"].append(entry["aopc_comprehensiveness"])
            row["bins_comp"].append(statistics.mean(curves["comprehensiveness"]))
            row["default_comp"].append(default["aopc_comprehensiveness"])
            row["ours_suff"].append(entry["aopc_sufficiency"])
            row["bins_suff"].append(statistics.mean(curves["sufficiency"]))
            row["default_suff"].append(default["aopc_sufficiency"])
            if tau is not None and entry.get("tau_loo") is not None:
                row["ours_tau"].append(entry["tau_loo"])
                row["ferret_tau"].append(tau)
                taus.append(abs(entry["tau_loo"] - tau))
    ferret.seconds["inputs"], ferret.seconds["tokens"] = ferret.calls.inputs, ferret.calls.tokens
    return rows, differences, ferret.seconds, tokenization_differs


def mean(values):
    return f"{statistics.mean(values):9.4f}" if values else f"{'—':>9}"


def table(rows):
    head = ["method", "comp: attnmap", "ferret@bins", "ferret dflt", "suff: attnmap", "ferret@bins", "ferret dflt",
            "tau: attnmap", "ferret", "max|Δtau|"]
    out = ["  ".join(f"{h:>13}" if i else f"{h:<10}" for i, h in enumerate(head))]
    for method, row in rows.items():
        dtau = max((abs(a - b) for a, b in zip(row["ours_tau"], row["ferret_tau"])), default=None)
        cells = [mean(row[k]) for k in ("ours_comp", "bins_comp", "default_comp", "ours_suff", "bins_suff",
                                        "default_suff", "ours_tau", "ferret_tau")]
        cells.append("—" if dtau is None else f"{dtau:.2e}")
        out.append("  ".join([f"{method:<10}"] + [f"{c:>13}" for c in cells]))
    return out


def work_lines(ours, bins_s, ferret_s):
    """The model work of both sides' metric phase: inputs, tokens, time per input and per token."""
    out = []
    sides = [("attnmap: the perturbed inputs of every method, loo and the random baseline", ours["perturbed_s"],
              ours["inputs"], ours["tokens"]),
             ("ferret at attnmap's bins + tau-LOO (every method, loo)", bins_s, ferret_s["inputs"], ferret_s["tokens"])]
    for what, seconds, inputs, tokens in sides:
        out.append(f"work: {what:<76}{seconds:8.2f} s  {inputs:7} inputs {tokens:9} tokens  "
                   f"{1e3 * seconds / max(inputs, 1):6.2f} ms/input  {1e6 * seconds / max(tokens, 1):6.1f} us/token")
    ratio = lambda a, b: a / b if b else float("nan")  # noqa: E731
    out.append(f"work: ferret/attnmap: metric phase {ratio(bins_s, ours['perturbed_s']):.1f}x, per input "
               f"{ratio(bins_s / max(ferret_s['inputs'], 1), ours['perturbed_s'] / max(ours['inputs'], 1)):.1f}x, "
               f"per token {ratio(bins_s / max(ferret_s['tokens'], 1), ours['perturbed_s'] / max(ours['tokens'], 1)):.1f}x; "
               f"attnmap's methods' scores {ours['scores_s']:.2f} s (ferret is given them)")
    return out


def report(args, records, rows, differences, ours_s, ferret_s, tokenization_differs, ours_work, given):
    print(f"faithfulness, {len(records)} sentences of {TEST.relative_to(ROOT)}, {Path(args.model).name}, "
          f"--removal {args.removal}, --methods {args.methods}, {args.threads} thread(s)")
    print(f"ferret-xai {importlib.metadata.version('ferret-xai')}, transformers {transformers.__version__}, "
          f"torch {torch.__version__}; the means over the sentences:")
    print("\n".join(table(rows)))
    print("\n".join(differences.lines()))
    if tokenization_differs:
        print(f"  ferret's tokenizer gives other ids than attnmap's for {tokenization_differs} of the texts")
    bins_s, defaults_s = ferret_s["bins"] + ferret_s["tau"], ferret_s["defaults"] + ferret_s["tau"]
    for what, seconds in [
            ("attnmap faithfulness --input: process start to files (scores, loo, random, metrics)", ours_s),
            ("attnmap, ferret's job: the same scores given (--scores, --methods none), start to files", given[0]),
            ("ferret at attnmap's bins + tau-LOO: metrics alone (model loaded, scores given)", bins_s),
            ("ferret's defaults (10 bins in one batch) + tau-LOO: metrics alone", defaults_s)]:
        ratio = "" if seconds in (ours_s, given[0]) else (f"  {seconds / ours_s:5.1f}x attnmap's whole run, "
                                                          f"{seconds / given[0]:5.1f}x attnmap's with the scores given")
        print(f"time: {what:<86}{seconds:8.2f} s{ratio}")
    print(f"time: attnmap with the scores given vs its own run: AOPC max |diff| {given[1]:.1e}")
    print("\n".join(work_lines(ours_work, bins_s, ferret_s)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=str(ROOT / "models" / "sentiment-bert"))
    p.add_argument("--count", type=int, default=50, help="sentences of examples/sentiment/test.tsv (default 50)")
    p.add_argument("--removal", choices=["delete", "mask"], default="delete")
    p.add_argument("--methods", default="all", help="as `attnmap faithfulness --methods` (default all)")
    p.add_argument("--threads", type=int, default=1, help="for attnmap (--threads) and torch alike (default 1)")
    p.add_argument("--repeat", type=int, default=1, help="attnmap runs, median time (default 1)")
    p.add_argument("--attnmap", default=str(ROOT / "build" / "attnmap"))
    p.add_argument("--json", help="write every number here")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as work:
        tsv = sentences(args.count, work)
        ours_s, records, summary, ours_work = run_attnmap(args, tsv, work)
        given_s, given_diff = run_attnmap_given(args, tsv, work, records)
    model, tokenizer = load_hf(os.path.join(args.model, "hf"))
    rows, differences, ferret_s, tokenization_differs = evaluate(args, records, model, tokenizer)

    report(args, records, rows, differences, ours_s, ferret_s, tokenization_differs, ours_work, (given_s, given_diff))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "model": Path(args.model).name, "removal": args.removal, "sentences": len(records),
            "threads": args.threads, "attnmap_s": ours_s, "attnmap_given_s": given_s, "attnmap_work": ours_work, "ferret_s": ferret_s, "methods": rows,
            "attnmap_summary": summary, "differences": vars(differences)}, indent=1))

if __name__ == "__main__":
    main()

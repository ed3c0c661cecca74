#!/usr/bin/env python3
"""`attnmap faithfulness` against its definitions, recomputed with the Hugging Face model.

For each text (one token, over twenty; a sentence pair when the command takes --pair; a text with
two mask tokens, whose IG from the mask baseline is 0 on both: a tie) and each
removal mode it runs `attnmap faithfulness --text T --removal R --json` and checks:
  - each method's "scores" are `attnmap saliency --method M --json`'s values for the same text and
    IG options (within 1e-6 of the largest absolute value): faithfulness ranks what saliency shows;
  - every other number of the example record, recomputed from the definitions with the model of
    BUNDLE/hf (torch, float32, eval mode, one unpadded sequence per forward): the ids and special
    tokens, p(y|x), each ranking (score, highest first, ties by lower position), the rationale
    sizes ceil(k*n/100) in integers, the delete and mask sequences built from ids, p(y|.) on them,
    comprehensiveness and sufficiency per bin, AOPC, the leave-one-out scores, tau_loo (Kendall's
    tau-b, scipy) and the random baseline from the record's five rankings (each must be a
    permutation of the non-special positions);
  - the summary of that one example: its means are the record's numbers and each bootstrap
    interval is that number, low and high alike;
  - the random rankings change with --seed.
All of these within 1e-5 absolute (--tolerance). Rankings and tau_loo are computed from the record's scores
(after those are checked), since a change of order between near-equal scores would move them by a
whole step.

A bundle whose tokenizer has no mask token must refuse --removal mask with one error line; the
same is checked on a copy of BUNDLE whose mask token is renamed.

Exit status: 0 when everything agrees, 1 at the first mismatch (printed as a diff), 77 (skip) when
the binary has no faithfulness command.

Usage: faithfulness_reference.py ATTNMAP BUNDLE_DIR [--removal delete|mask|both] [--steps N]
                                 [--tolerance T]
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import torch  # noqa: E402
from scipy.stats import kendalltau  # noqa: E402
from transformers import AutoModelForSequenceClassification, AutoTokenizer  # noqa: E402

from scripts.ref.texts import FAITHFULNESS_PAIR, FAITHFULNESS_TEXTS, FAITHFULNESS_TIES  # noqa: E402

# One thread: on a small model and a busy machine, more threads only wait for each other.
torch.set_num_threads(1)

BINS = [1, 5, 10, 20, 50]
DRAWS = 5
SCORE_REL_TOL = 1e-6
BASELINES = ("random", "loo")
TEXTS, PAIR, TIES = FAITHFULNESS_TEXTS, FAITHFULNESS_PAIR, FAITHFULNESS_TIES


class Mismatch(Exception):
    pass


@dataclass(frozen=True)
class Case:
    text: str
    pair: str = None
    options: tuple = ()  # IG options of this case, given to both commands

    def __str__(self):
        return repr(self.text) + (f" / {self.pair!r}" if self.pair else "") + "".join(f" {o}" for o in self.options)


# --- attnmap ---------------------------------------------------------------------------------------

def help_of(attnmap, command):
    """`attnmap COMMAND --help`, or None when COMMAND is not a subcommand (CLI11 then prints the
    top-level help and still exits 0, so the exit status does not tell)."""
    out = subprocess.run([attnmap, command, "--help"], capture_output=True, text=True)
    if out.returncode != 0 or not re.search(rf"^Usage: \S+ {command}\b", out.stdout, re.M):
        return None
    return out.stdout


def run_attnmap(argv):
    out = subprocess.run(argv, capture_output=True, text=True)
    if out.returncode != 0:
        raise Mismatch(f"{' '.join(argv)}\nexited {out.returncode}:\n{out.stderr.strip()}")
    return json.loads(out.stdout)


class Attnmap:
    """The two commands, with the same options (`options` and each case's own)."""

    def __init__(self, binary, bundle, options):
        self.binary, self.bundle, self.options = binary, str(bundle), options
        self._saliency = {}

    def source(self, case):
        return ["--text", case.text] + (["--pair", case.pair] if case.pair is not None else [])

    def faithfulness(self, case, removal, extra=()):
        return run_attnmap([self.binary, "faithfulness", "--model", self.bundle, *self.source(case),
                            "--removal", removal, "--json", *self.options, *case.options, *extra])

    def saliency(self, case, method):
        key = (case, method)
        if key not in self._saliency:
            self._saliency[key] = run_attnmap([self.binary, "saliency", "--model", self.bundle, *self.source(case),
                                               "--method", method, "--json", *self.options, *case.options])
        return self._saliency[key]


# --- the reference ---------------------------------------------------------------------------------

class Reference:
    """p(y|ids) with the Hugging Face model, one sequence per forward, memoised by ids."""

    def __init__(self, hf_dir):
        self.tokenizer = AutoTokenizer.from_pretrained(hf_dir)
        self.model = AutoModelForSequenceClassification.from_pretrained(hf_dir, attn_implementation="eager")
        self.model = self.model.float().eval()
        self.labels = [self.model.config.id2label[i] for i in range(self.model.config.num_labels)]
        self._probabilities = {}

    def encode(self, text, pair):
        enc = self.tokenizer(text, pair, return_special_tokens_mask=True)
        return enc["input_ids"], enc.get("token_type_ids"), enc["special_tokens_mask"]

    def probabilities(self, ids, type_ids):
        key = (tuple(ids), None if type_ids is None else tuple(type_ids))
        if key not in self._probabilities:
            inputs = {"input_ids": torch.tensor([ids]), "attention_mask": torch.ones(1, len(ids), dtype=torch.long)}
            if type_ids is not None:
                inputs["token_type_ids"] = torch.tensor([type_ids])
            with torch.no_grad():
                logits = self.model(**inputs).logits[0].double()
            self._probabilities[key] = torch.softmax(logits, dim=-1).tolist()
        return self._probabilities[key]


class Example:
    """One encoded example and its removals, as SPEC.md defines them."""

    def __init__(self, reference, case, removal):
        self.reference, self.removal, self.text = reference, removal, case.text
        self.ids, self.type_ids, self.special = reference.encode(case.text, case.pair)
        self.content = [i for i, s in enumerate(self.special) if s == 0]
        self.n = len(self.content)
        full = reference.probabilities(self.ids, self.type_ids)
        self.target = max(range(len(full)), key=lambda c: full[c])
        self.p = full[self.target]

    def without(self, removed):
        """ids (and type ids) with the positions in `removed` deleted or masked."""
        removed = set(removed)
        if self.removal == "delete":
            keep = [i for i in range(len(self.ids)) if i not in removed]
            ids = [self.ids[i] for i in keep]
            type_ids = None if self.type_ids is None else [self.type_ids[i] for i in keep]
            return ids, type_ids
        mask = self.reference.tokenizer.mask_token_id
        return [mask if i in removed else t for i, t in enumerate(self.ids)], self.type_ids

    def p_without(self, removed):
        return self.reference.probabilities(*self.without(removed))[self.target]

    def sizes(self):
        return [(k * self.n + 99) // 100 for k in BINS]

    def curves(self, ranking):
        """comprehensiveness and sufficiency per bin for one ranking of the content positions."""
        comprehensiveness, sufficiency = [], []
        for size in self.sizes():
            rationale = set(ranking[:size])
            comprehensiveness.append(self.p - self.p_without(rationale))
            sufficiency.append(self.p - self.p_without([i for i in self.content if i not in rationale]))
        return comprehensiveness, sufficiency

    def ranking(self, scores):
        return sorted(self.content, key=lambda i: (-scores[i], i))

    def loo_scores(self):
        scores = [0.0] * len(self.ids)
        for i in self.content:
            scores[i] = self.p - self.p_without([i])
        return scores

    def tau(self, scores, loo):
        a, b = [scores[i] for i in self.content], [loo[i] for i in self.content]
        if self.n < 2 or len(set(a)) < 2 or len(set(b)) < 2:
            return None
        tau = kendalltau(a, b, variant="b").statistic
        return None if math.isnan(tau) else float(tau)


def evaluated(example, ranking):
    comprehensiveness, sufficiency = example.curves(ranking)
    return {"comprehensiveness": comprehensiveness, "sufficiency": sufficiency,
            "aopc_comprehensiveness": sum(comprehensiveness) / len(BINS),
            "aopc_sufficiency": sum(sufficiency) / len(BINS)}


def expected_method(example, scores, loo):
    entry = {"ranking": example.ranking(scores), **evaluated(example, example.ranking(scores))}
    entry["tau_loo"] = example.tau(scores, loo)
    return entry


def expected_random(example, rankings):
    if len(rankings) != DRAWS:
        raise Mismatch(f"methods.random.rankings: {len(rankings)} rankings, expected {DRAWS}")
    for d, ranking in enumerate(rankings):
        if sorted(ranking) != example.content:
            raise Mismatch(f"methods.random.rankings[{d}] = {ranking} is not a permutation of the "
                           f"non-special positions {example.content}")
    draws = [evaluated(example, r) for r in rankings]
    mean = {key: sum(d[key] for d in draws) / DRAWS for key in ("aopc_comprehensiveness", "aopc_sufficiency")}
    for key in ("comprehensiveness", "sufficiency"):
        mean[key] = [sum(d[key][b] for d in draws) / DRAWS for b in range(len(BINS))]
    return {**mean, "tau_loo": None}


def expected_record(example, got):
    """The record SPEC.md defines for this example; rankings and tau from `got`'s scores."""
    labels = example.reference.labels
    methods = got.get("methods", {})
    if "loo" not in methods or "random" not in methods:
        raise Mismatch(f"methods: {sorted(methods)} lacks 'random' or 'loo'")
    loo_got = methods["loo"].get("scores")
    if not isinstance(loo_got, list) or len(loo_got) != len(example.ids):
        raise Mismatch(f"methods.loo.scores: {loo_got!r} is not one score per position ({len(example.ids)})")
    want = {"text": example.text, "predicted": labels[example.target], "target": example.target,
            "target_label": labels[example.target], "gold": None, "correct": None, "p": example.p,
            "ids": example.ids, "special": example.special, "n": example.n, "methods": {}}
    # loo first: the other methods' tau_loo are computed from its scores.
    loo = {"scores": example.loo_scores(), **expected_method(example, loo_got, loo_got)}
    loo["tau_loo"] = None if loo["tau_loo"] is None else 1.0
    want["methods"]["loo"] = loo
    for name, entry in methods.items():
        if name not in BASELINES:
            want["methods"][name] = expected_method(example, entry["scores"], loo_got)
    want["methods"]["random"] = expected_random(example, methods["random"].get("rankings", []))
    return want


# --- comparison ------------------------------------------------------------------------------------

def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@dataclass
class Tally:
    tolerance: float    # absolute, for every number but the scores
    worst_abs: float = 0.0
    worst_scores: float = 0.0  # relative to the largest |score|


def compare(want, got, path, worst):
    """Raises Mismatch at the first difference; integers exact, other numbers within
    worst.tolerance."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            raise Mismatch(f"{path}: attnmap {got!r}, expected an object")
        for key, value in want.items():
            if key not in got:
                raise Mismatch(f"{path}.{key}: missing (expected {value!r})")
            compare(value, got[key], f"{path}.{key}", worst)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            raise Mismatch(f"{path}:\n  attnmap   {got!r}\n  reference {want!r}")
        try:
            for i, (a, b) in enumerate(zip(want, got)):
                compare(a, b, f"{path}[{i}]", worst)
        except Mismatch as e:
            if not all(is_number(v) or v is None for v in want):
                raise
            raise Mismatch(f"{e}\n  attnmap   {path} = {got!r}\n  reference {path} = {want!r}") from None
    elif isinstance(want, int) and not isinstance(want, bool):
        if got != want or not is_number(got):
            raise Mismatch(f"{path}: attnmap {got!r}, reference {want!r}")
    elif isinstance(want, float):
        if not is_number(got) or abs(got - want) > worst.tolerance:
            diff = "" if not is_number(got) else f" (diff {abs(got - want):.3g})"
            raise Mismatch(f"{path}: attnmap {got!r}, reference {want:.9g}{diff}")
        worst.worst_abs = max(worst.worst_abs, abs(got - want))
    elif got != want:
        raise Mismatch(f"{path}: attnmap {got!r}, reference {want!r}")


def check_scores(attnmap, case, record):
    """Each method's scores are `attnmap saliency --method M`'s values; returns the worst relative diff."""
    worst = 0.0
    for name, entry in record["methods"].items():
        if name in BASELINES:
            continue
        values = attnmap.saliency(case, name)["methods"][name]["values"]
        scores = entry.get("scores")
        if not isinstance(scores, list) or len(scores) != len(values):
            raise Mismatch(f"methods.{name}.scores: {scores!r}\n  saliency {values!r}")
        scale = max(abs(v) for v in values)
        for i, (a, b) in enumerate(zip(scores, values)):
            if abs(a - b) > SCORE_REL_TOL * scale:
                raise Mismatch(f"methods.{name}.scores[{i}]: faithfulness {a!r}, saliency {b!r} "
                               f"(diff {abs(a - b) / scale:.3g} of the largest |value|)")
            if scale > 0:
                worst = max(worst, abs(a - b) / scale)
    return worst


def check_methods_present(attnmap, record):
    """The record has every saliency method (the registry's, as `saliency --method all` lists them)
    but those it says it skipped, and the two baselines (saliency's own loo is the baseline loo)."""
    everything = attnmap.saliency(Case(TEXTS[0]), "all")["methods"]
    skipped = set(record.get("skipped", {}))
    want = sorted(set(everything) - skipped - set(BASELINES)) + sorted(BASELINES)
    got = sorted(set(record["methods"]) - set(BASELINES)) + sorted(set(record["methods"]) & set(BASELINES))
    if got != want:
        raise Mismatch(f"methods: attnmap {got}, expected {want} (saliency's methods, less {sorted(skipped)})")


def summary_of_one(record, removal, bundle):
    """The summary of a single example: every mean and both ends of each interval are its numbers."""
    def stat(value):
        return None if value is None else {"mean": value, "low": value, "high": value}

    methods = {}
    for name, entry in record["methods"].items():
        all_ = {"n": 1, "aopc_comprehensiveness": stat(entry["aopc_comprehensiveness"]),
                "aopc_sufficiency": stat(entry["aopc_sufficiency"]),
                "comprehensiveness": [stat(v) for v in entry["comprehensiveness"]],
                "sufficiency": [stat(v) for v in entry["sufficiency"]]}
        if entry.get("tau_loo") is not None:
            all_["tau_loo"] = stat(entry["tau_loo"])
        methods[name] = {"all": all_}
    return {"model": Path(bundle).name, "removal": removal, "bins": BINS, "seed": 0, "examples": 1,
            "methods": methods}


def check_example(attnmap, reference, case, removal, worst):
    got = attnmap.faithfulness(case, removal)
    record = got.get("example")
    if not isinstance(record, dict):
        raise Mismatch(f"--json output has no \"example\" object: keys {sorted(got)}")
    example = Example(reference, case, removal)
    check_methods_present(attnmap, record)
    worst.worst_scores = max(worst.worst_scores, check_scores(attnmap, case, record))
    compare(expected_record(example, record), record, "example", worst)
    summary = dict(got)
    summary.pop("example")
    compare(summary_of_one(record, removal, attnmap.bundle), summary, "summary", worst)
    for name, entry in record["methods"].items():
        tau = summary["methods"][name]["all"].get("tau_loo")
        mean = tau.get("mean") if isinstance(tau, dict) else tau
        if entry.get("tau_loo") is None and mean is not None:
            raise Mismatch(f"summary.methods.{name}.all.tau_loo: {tau!r}, but the only example's tau_loo is null")
    return record


def check_seed(attnmap, case, record):
    other = attnmap.faithfulness(case, "delete", ["--seed", "1"])["example"]["methods"]["random"]["rankings"]
    if other == record["methods"]["random"]["rankings"]:
        raise Mismatch(f"methods.random.rankings: the same with --seed 1 as with --seed 0 ({other})")


# --- no mask token ---------------------------------------------------------------------------------

def renamed(value, old, new):
    if isinstance(value, dict):
        return {(new if k == old else k): renamed(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, old, new) for v in value]
    return new if value == old else value


def bundle_without_mask(bundle, mask_token, work):
    """A copy of `bundle` (files linked, tokenizer files rewritten) whose mask token is renamed."""
    copy = Path(work) / Path(bundle).name
    copy.mkdir()
    for entry in Path(bundle).iterdir():
        target = copy / entry.name
        if entry.suffix == ".json" and entry.name.startswith("tokenizer"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            target.write_text(json.dumps(renamed(data, mask_token, "<nomask>")), encoding="utf-8")
        else:
            target.symlink_to(entry.resolve())
    return copy


def check_mask_refused(binary, bundle, text):
    argv = [binary, "faithfulness", "--model", str(bundle), "--text", text, "--removal", "mask", "--json"]
    out = subprocess.run(argv, capture_output=True, text=True)
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    if out.returncode == 0 or len(lines) != 1 or "mask" not in lines[0].lower():
        raise Mismatch(f"{' '.join(argv)}\n  with no mask token: expected a failure with one error line naming "
                       f"the mask token; got exit {out.returncode}, stderr:\n{out.stderr}")
    return lines[0]


# --- main ------------------------------------------------------------------------------------------

def cases(help_text, mask_token):
    out = [Case(t) for t in TEXTS]
    if re.search(r"^\s*--pair\b", help_text, re.M):
        out.append(Case(*PAIR))
    if mask_token is not None and re.search(r"^\s*--baseline\b", help_text, re.M):
        # IG from the mask baseline is exactly 0 at the mask tokens of the text: a tie, ranked by position.
        out.append(Case(TIES.format(mask=mask_token), options=("--baseline", "mask")))
    return out


def run(args):
    help_text = help_of(args.attnmap, "faithfulness")
    if help_text is None:
        print(f"skipped: {args.attnmap} has no faithfulness command")
        return 77
    options = ["--threads", "1"] if re.search(r"^\s*--threads\b", help_text, re.M) else []
    if re.search(r"^\s*--steps\b", help_text, re.M):
        options += ["--steps", str(args.steps)]
    attnmap = Attnmap(args.attnmap, args.bundle, options)
    reference = Reference(os.path.join(args.bundle, "hf"))
    removals = ["delete", "mask"] if args.removal == "both" else [args.removal]
    worst, checked = Tally(args.tolerance), 0
    for removal in removals:
        for case in cases(help_text, reference.tokenizer.mask_token):
            try:
                if removal == "mask" and reference.tokenizer.mask_token_id is None:
                    check_mask_refused(args.attnmap, args.bundle, case.text)
                    continue
                record = check_example(attnmap, reference, case, removal, worst)
                if removal == "delete" and case == Case(TEXTS[-1]):
                    check_seed(attnmap, case, record)
                checked += 1
            except Mismatch as e:
                print(f"FAIL {Path(args.bundle).name}, --removal {removal}, {case}:\n{e}")
                return 1
    mask = reference.tokenizer.mask_token
    if mask is not None and "mask" in removals:
        with tempfile.TemporaryDirectory() as work:
            try:
                line = check_mask_refused(args.attnmap, bundle_without_mask(args.bundle, mask, work), TEXTS[1])
            except Mismatch as e:
                print(f"FAIL {Path(args.bundle).name} with its mask token renamed:\n{e}")
                return 1
        print(f"without a mask token, --removal mask is refused: {line}")
    print(f"{Path(args.bundle).name}: faithfulness matches the reference ({', '.join(removals)}; "
          f"{checked} examples); max abs diff {worst.worst_abs:.2e}, "
          f"scores vs saliency max relative diff {worst.worst_scores:.2e}")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("attnmap")
    p.add_argument("bundle")
    p.add_argument("--removal", choices=["delete", "mask", "both"], default="both")
    p.add_argument("--steps", type=int, default=16, help="IG points, given to both commands (default 16)")
    p.add_argument("--tolerance", type=float, default=1e-5,
                   help="absolute, for every number but the scores (default 1e-5); the tiny random models' "
                        "probabilities move by about 1e-5 in all, so their check needs a smaller one")
    return run(p.parse_args())


if __name__ == "__main__":
    sys.exit(main())

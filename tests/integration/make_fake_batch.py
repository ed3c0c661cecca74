#!/usr/bin/env python3
"""Writes what `attnmap batch --out-dir` writes, minus index.html and without running a model:
manifest.jsonl, summary.json and real PNGs under examples/, so that the report page can be tested
before (and apart from) the batch command. Deterministic for given arguments.

    make_fake_batch.py OUT_DIR [--rows N] [--models 1|2] [--select all|misclassified] [--unlabelled]
                       [--faithfulness]

Prints the number of selected records. The rows are chosen to be awkward: texts that try to close
the page's <script>, quotes, NUL, line and paragraph separators, right-to-left and CJK text, emoji,
and example folders whose names need percent-encoding. One row is rejected. --unlabelled: a data
set without gold labels, so no outcomes, correctness, accuracy or confusion matrices.
--faithfulness: the faithfulness view ran, so the summary has its means per model (a method name
that tries to be markup among them).
"""
import argparse
import json
import random
from pathlib import Path

from PIL import Image, ImageDraw

LABELS = ["negative", "neutral", "positive"]
MODELS = ["sentiment-bert", "sentiment-roberta"]
VIEWS = ["matrix", "saliency"]
AWKWARD_TEXTS = [
    "</script><img src=x onerror=\"throw new Error('injected')\"><script>throw new Error('injected')</script>",
    "She said \"it's fine\" & left; <b>not</b> bold, &amp; not an entity",
    "NUL here:\u0000 and a bell:\u0007 end",
    "line\u2028separator and paragraph\u2029separator, then a\nnewline and a\ttab",
    "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u2014 \u4e2d\u6587\u6587\u672c \u2014 "
    "\u0645\u0631\u062d\u0628\u0627 \U0001F600\U0001F44D",
    "<!-- an HTML comment opener --> and ]]> and {{template}} and ${js}",
    "A long review. " * 60,
]
# Characters a folder name may hold that a URL must encode: the writer must not break on them.
AWKWARD_FOLDERS = ["a b#c?d", "100%&x=1", "quote'and\"dq", "caf\u00e9 \u4e2d", "lt<gt>;plus+"]


def write_png(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    width, height = 80 + 8 * (seed % 7), 60 + 6 * (seed % 5)
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    cells = 6
    for i in range(cells):
        for j in range(cells):
            v = rng.random()
            colour = (int(68 + 185 * v), int(1 + 230 * v), int(84 + 40 * (1 - v)))
            draw.rectangle([j * width // cells, i * height // cells, (j + 1) * width // cells,
                            (i + 1) * height // cells], fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def predict(rng: random.Random, gold: str, skill: float) -> tuple[str, dict]:
    predicted = gold if rng.random() < skill else rng.choice([l for l in LABELS if l != gold])
    weights = {label: rng.random() * 0.5 for label in LABELS}
    weights[predicted] += 1.0
    total = sum(weights.values())
    return predicted, {label: round(w / total, 4) for label, w in weights.items()}


def outcome(models: list) -> str:
    if len(models) == 1:
        return "right" if models[0]["correct"] else "wrong"
    a, b = (m["correct"] for m in models)
    return {(True, True): "both_right", (False, True): "only_a_wrong",
            (True, False): "only_b_wrong", (False, False): "both_wrong"}[(a, b)]


def make_record(line: int, model_count: int, labelled: bool, rng: random.Random) -> dict:
    index = line - 2
    text = AWKWARD_TEXTS[index % len(AWKWARD_TEXTS)] if index < 2 * len(AWKWARD_TEXTS) else f"Review number {line}."
    gold = rng.choice(LABELS)
    models = []
    for m in range(model_count):
        predicted, probabilities = predict(rng, gold, skill=0.7 - 0.15 * m)
        models.append({"model": MODELS[m], "predicted": predicted, "probabilities": probabilities,
                       "correct": predicted == gold})
    record_id = f"test-{index:05d}" if index % 9 else f"odd </script> id {index}"
    if not labelled:
        for m in models:
            m["correct"] = None
        return {"line": line, "id": record_id, "text": text, "gold": None, "outcome": None, "selected": False,
                "models": models}
    return {"line": line, "id": record_id, "text": text, "gold": gold, "outcome": outcome(models),
            "selected": False, "models": models}


def confusion(records: list, m: int) -> list:
    table = [[0] * len(LABELS) for _ in LABELS]
    for r in records:
        table[LABELS.index(r["gold"])][LABELS.index(r["models"][m]["predicted"])] += 1
    return table


def summary_of(records: list, rows: int, model_count: int, select: str) -> dict:
    selected = sum(r["selected"] for r in records)
    models = []
    labelled = all(r["gold"] is not None for r in records)
    for m in range(model_count):
        if not labelled:
            models.append({"model": MODELS[m], "correct": None, "accuracy": None})
            continue
        correct = sum(r["models"][m]["correct"] for r in records)
        accuracy = round(correct / len(records), 4) if records else None
        models.append({"model": MODELS[m], "correct": correct, "accuracy": accuracy,
                       "confusion": confusion(records, m)})
    summary = {"input": "fake <test>.tsv", "select": select, "views": VIEWS, "labels": LABELS,
               "rows": {"read": rows, "rejected": 1, "evaluated": len(records),
                        "labelled": len(records) if labelled else 0, "selected": selected, "truncated": 0},
               "models": models, "complete": True}
    if model_count == 2 and labelled:
        counts = {k: sum(r["outcome"] == k for r in records)
                  for k in ("both_right", "only_a_wrong", "only_b_wrong", "both_wrong")}
        agree = sum(r["models"][0]["predicted"] == r["models"][1]["predicted"] for r in records)
        summary["comparison"] = {**counts, "agreement": round(agree / len(records), 4) if records else 0.0}
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--models", type=int, choices=(1, 2), default=1)
    parser.add_argument("--select", choices=("all", "misclassified"), default="all")
    parser.add_argument("--unlabelled", action="store_true", help="no gold labels")
    parser.add_argument("--faithfulness", action="store_true", help="the faithfulness view's means in the summary")
    args = parser.parse_args()

    rng = random.Random(args.rows * 10 + args.models)
    records = [make_record(line, args.models, not args.unlabelled, rng) for line in range(2, args.rows + 1)]
    rng.shuffle(records)  # a parallel run may finish rows out of order; the page sorts by line
    for r in records:
        if args.select == "all" or r["outcome"] != ("right" if args.models == 1 else "both_right"):
            index = r["line"] - 2
            folder = f"{r['line']:06d}-" + (AWKWARD_FOLDERS[index % len(AWKWARD_FOLDERS)] if index < 15
                                             else f"test-{index:05d}")
            r["selected"] = True
            r["files"] = {view: f"examples/{folder}/{view}.png" for view in VIEWS}
            for v, view in enumerate(VIEWS):
                write_png(args.out_dir / r["files"][view], r["line"] * 2 + v)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    with open(args.out_dir / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        manifest.write(json.dumps({"line": 1, "error": "no text in column 1"}) + "\n")
        for r in records:
            manifest.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary = summary_of(records, args.rows, args.models, args.select)
    if args.faithfulness:
        methods = ["ig", "rollout", "<b>odd</b>", "random", "loo"]
        def estimate(mean):
            return {"mean": round(mean, 4), "low": round(mean - 0.02, 4), "high": round(mean + 0.03, 4)}
        summary["faithfulness"] = [
            {name: {"n": 7, "aopc_comprehensiveness": estimate(0.4 - 0.05 * i - 0.01 * m),
                    "aopc_sufficiency": estimate(0.05 * i),
                    "tau_loo": None if name == "random" else estimate(0.9 - 0.2 * i)}
             for i, name in enumerate(methods)}
            for m in range(args.models)]
    (args.out_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(summary["rows"]["selected"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

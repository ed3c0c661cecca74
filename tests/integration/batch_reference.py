"""Checks an `attnmap batch` output directory against the Hugging Face reference.

Runs each model's Hugging Face checkpoint (BUNDLE/hf) with transformers on the same TSV data set,
and requires summary.json's counts (rows, per-model correct and confusion matrix, the two-model
comparison) to equal the reference's, every manifest record's prediction to match and its
probabilities to agree within 1e-4, and every listed file to exist inside the output directory
and decode.

usage: batch_reference.py OUT_DIR DATA.tsv SELECT BUNDLE [BUNDLE2], with the repository root on
PYTHONPATH (the models load through the reference, scripts/ref/hf.py).
"""
import csv
import json
import os
import sys
from pathlib import Path

import torch
from PIL import Image

from scripts.ref import hf


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def predict(bundle, texts):
    ref = hf.load(Path(bundle) / "hf")
    model, tokenizer = ref.model, ref.tokenizer
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
    probabilities = []
    with torch.no_grad():
        for start in range(0, len(texts), 32):
            enc = tokenizer(texts[start:start + 32], padding=True, truncation=True, max_length=512, return_tensors="pt")
            probabilities += torch.softmax(model(**enc).logits, dim=-1).tolist()
    return labels, probabilities


def main():
    out, data, select, bundles = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    rows = read_rows(data)
    texts = [r["text"] for r in rows]
    reference = [predict(b, texts) for b in bundles]
    labels = reference[0][0]
    gold = [labels.index(r["label"]) for r in rows]
    predicted = [[max(range(len(labels)), key=lambda c: p[c]) for p in probs] for _, probs in reference]
    correct = [[pred[i] == gold[i] for i in range(len(rows))] for pred in predicted]

    summary = json.loads((out / "summary.json").read_text())
    failures = []

    def expect(what, ours, theirs):
        if ours != theirs:
            failures.append(f"{what}: attnmap {ours} != reference {theirs}")

    expect("rows.evaluated", summary["rows"]["evaluated"], len(rows))
    expect("rows.rejected", summary["rows"]["rejected"], 0)
    for m, entry in enumerate(summary["models"]):
        confusion = [[0] * len(labels) for _ in labels]
        for i in range(len(rows)):
            confusion[gold[i]][predicted[m][i]] += 1
        expect(f"{entry['model']} correct", entry["correct"], sum(correct[m]))
        expect(f"{entry['model']} confusion", entry["confusion"], confusion)
    if len(bundles) == 1:
        chosen = [not c if select == "misclassified" else c if select == "correct" else True for c in correct[0]]
    else:
        a, b = correct
        comparison = {"both_right": sum(x and y for x, y in zip(a, b)), "only_a_wrong": sum(y and not x for x, y in zip(a, b)),
                      "only_b_wrong": sum(x and not y for x, y in zip(a, b)), "both_wrong": sum(not x and not y for x, y in zip(a, b))}
        for key, value in comparison.items():
            expect(f"comparison.{key}", summary["comparison"][key], value)
        chosen = [not (x and y) if select == "misclassified" else (x and y) if select == "correct" else True
                  for x, y in zip(a, b)]
    expect("rows.selected", summary["rows"]["selected"], sum(chosen))

    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    expect("manifest records", len(records), len(rows))
    root = os.path.realpath(out)
    files_checked = 0
    for i, record in enumerate(records):
        for m, model in enumerate(record["models"]):
            if model["predicted"] != labels[predicted[m][i]]:
                failures.append(f"line {record['line']}: {model['model']} predicts {model['predicted']}, reference {labels[predicted[m][i]]}")
            for c, name in enumerate(labels):
                if abs(model["probabilities"][name] - reference[m][1][i][c]) > 1e-4:
                    failures.append(f"line {record['line']}: p({name}) {model['probabilities'][name]} vs {reference[m][1][i][c]}")
        expect(f"line {record['line']} selected", record["selected"], chosen[i])
        for view, rel in record.get("files", {}).items():
            path = os.path.realpath(out / rel)
            if not path.startswith(root + os.sep):
                failures.append(f"{rel} is outside the output directory")
                continue
            if rel.endswith(".html"):  # the explorer's page: its data holds the record's text
                page = Path(path).read_text(encoding="utf-8")
                data = json.loads(page.split('id="explorer-data">', 1)[1].split("</script>", 1)[0])
                if data["text"] != record["text"]:
                    failures.append(f"{rel}: the page is of another text")
            else:
                with Image.open(path) as image:
                    image.load()
                    if min(image.size) < 50:
                        failures.append(f"{rel}: {image.size} is too small")
            files_checked += 1
    if failures:
        print("\n".join(failures[:30]), file=sys.stderr)
        sys.exit(1)
    print(f"summary and {len(records)} records match the reference; {files_checked} figures decode")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""attnmap batch at any size on one machine: the same command on 1,000, 10,000 and 100,000 rows
(the labelled sentiment sentences repeated, each copy with its own id), to show that peak memory
does not grow with the row count and that the rate holds; then the two ways to use two cores:
two --shard processes side by side (and their merge) against one process with --jobs 2.

Every run is a fresh child process (scripts/bench/measure.py: wall-clock time, peak RSS from
os.wait4), one run per size (100,000 rows take about ten minutes on 2 cores). The input is also
read gzip-compressed at the middle size, which must not change the rate.

  scripts/bench/batch_scale.py [--attnmap build/attnmap] [--rows 1000,10000,100000] [--json FILE]
"""
import argparse
import csv
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import inputs
from measure import rss_floor_mb, run_once

ROOT = inputs.ROOT
MODEL = ROOT / "models/sentiment-bert"
BATCH = ["--select", "misclassified", "--views", "mean", "--no-progress"]
ENV = {"HF_HUB_OFFLINE": "1"}


def sentences():
    rows = []
    for split in inputs.SENTIMENT:
        with open(split, encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def data_set(work, count, compressed=False):
    """`count` rows: the sentiment sentences over and over, copy k's ids prefixed with k."""
    rows = sentences()
    path = Path(work) / (f"rows-{count}.tsv" + (".gz" if compressed else ""))
    opener = gzip.open if compressed else open
    with opener(path, "wt", encoding="utf-8", newline="") as f:
        f.write("id\ttext\tlabel\n")
        for i in range(count):
            row = rows[i % len(rows)]
            f.write(f"c{i // len(rows)}-{row['id']}\t{row['text']}\t{row['label']}\n")
    return path


def batch(attnmap, data, out, *extra):
    return [str(attnmap), "batch", "--model", str(MODEL), "--input", str(data), "--out-dir", str(out), *BATCH, *extra]


def measured(name, rows, argv, work):
    run = run_once(argv, env=ENV)
    shutil.rmtree(work / "out", ignore_errors=True)
    return {"case": name, "rows": rows, "seconds": run.seconds, "examples_per_s": rows / run.seconds,
            "max_rss_mb": run.max_rss_mb}


def two_shards(attnmap, data, out):
    """A shell running shard 0/2 and 1/2 side by side, each with one drawing thread and one model
    thread, then the merge: what two cores give when split between processes."""
    shard = " ".join(batch(attnmap, data, out, "--jobs", "1", "--threads", "1"))
    return ["bash", "-c", f"{shard} --shard 0/2 & {shard} --shard 1/2 & wait -n && wait -n && "
                          f"{attnmap} batch --merge --out-dir {out} >/dev/null"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--attnmap", default=str(ROOT / "build/attnmap"))
    ap.add_argument("--rows", default="1000,10000,100000")
    ap.add_argument("--json")
    args = ap.parse_args()
    sizes = [int(n) for n in args.rows.split(",")]
    work = Path(tempfile.mkdtemp(prefix="attnmap-scale-"))
    results = []
    try:
        say = lambda *a: print(*a, file=sys.stderr, flush=True)
        # Warm the page cache and libtorch's first load once, untimed.
        run_once(batch(args.attnmap, data_set(work, 200), work / "out", "--jobs", "2"), env=ENV)
        shutil.rmtree(work / "out")
        for n in sizes:
            say(f"{n} rows ...")
            results.append(measured("one process, --jobs 2", n,
                                    batch(args.attnmap, data_set(work, n), work / "out", "--jobs", "2"), work))
        n = sizes[0] if len(sizes) == 1 else sizes[1]
        say(f"{n} rows, gzip-compressed ...")
        results.append(measured("one process, --jobs 2, .tsv.gz", n,
                                batch(args.attnmap, data_set(work, n, True), work / "out", "--jobs", "2"), work))
        say(f"{n} rows, two shards ...")
        results.append(measured("two --shard processes + merge", n, two_shards(args.attnmap, data_set(work, n), work / "out"), work))
        results.append(measured("one process, --jobs 1", n,
                                batch(args.attnmap, data_set(work, n), work / "out", "--jobs", "1"), work))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = results[0]["examples_per_s"]
    floor = rss_floor_mb()
    print(f"{'case':34} {'rows':>7} {'seconds':>8} {'examples/s':>10} {'vs first':>8} {'max RSS MB':>10}")
    for r in results:
        r["rate_vs_first"] = r["examples_per_s"] / base
        print(f"{r['case']:34} {r['rows']:>7} {r['seconds']:>8.1f} {r['examples_per_s']:>10.1f} "
              f"{r['rate_vs_first']:>7.2f}x {r['max_rss_mb']:>10.0f}")
    print(f"(RSS floor of a child of this harness: {floor:.0f} MB)")
    version = subprocess.run([args.attnmap, "--version"], capture_output=True, text=True).stdout.strip()
    if args.json:
        Path(args.json).write_text(json.dumps({"attnmap": version, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()

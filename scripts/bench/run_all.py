#!/usr/bin/env python3
"""Every benchmark of attnmap against the Python way of doing the same job, in one run.

Each case (scripts/bench/cases.py) runs attnmap's command and its Python peer
(scripts/bench/peers/) as fresh child processes: one untimed warm-up each, then --repeat timed
runs, attnmap and peer interleaved so that both see the same machine load. The table shows the
medians, the speed-up (peer time / attnmap time for the same work), the goal from issue 10, and
the peak memory (max RSS from os.wait4) of each side. Then the floor analysis of the one-shot case
(scripts/bench/floor.py). Run it through scripts/bench/run.sh, which builds what it needs.

  run_all.py --attnmap build/attnmap --bench-dir build/bench [--repeat 3] [--quick]
             [--only one-shot,tokenizer,...] [--json results.json] [--markdown]
  run_all.py --report results.json [--markdown]     # the tables again, from a saved run
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import cases
import floor
import machine
import report
from measure import RunFailed, rss_floor_mb, run_once

ROOT = Path(__file__).resolve().parents[2]
# What every child sees: no network for Hugging Face, no progress chatter, a non-GUI matplotlib.
CHILD_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error", "PYTHONWARNINGS": "ignore",
             "MPLBACKEND": "Agg"}


def say(*args):
    print(*args, file=sys.stderr, flush=True)


def wanted_keys(only):
    """--only names: a case key, a prefix of keys ("tokenizer", "batch"), or "floor"."""
    if not only:
        return set(cases.KEYS) | {"floor"}
    keys = set()
    for name in only.split(","):
        matched = {k for k in cases.KEYS + ["floor"] if k == name or k.startswith(name + "-")}
        if not matched:
            raise SystemExit(f"--only {name}: no such case (cases: {', '.join(cases.KEYS + ['floor'])})")
        keys |= matched
    return keys


def time_of(side, run, env):
    argv = [a.replace("{run}", str(run)) for a in map(str, side.argv)]
    r = run_once(argv, env={**env, **side.env})
    seconds = json.loads(r.stdout.strip().splitlines()[-1])["median_s"] if side.inner else r.seconds
    return {"seconds": seconds, "wall_s": r.seconds, "cpu_s": r.cpu_seconds, "max_rss_mb": r.max_rss_mb,
            "stdout_tail": r.stdout[-400:]}


def measure(case, repeat, warmup, env):
    sides = {"ours": case.ours, **({"peer": case.peer} if case.peer else {})}
    if warmup:
        for side in sides.values():
            time_of(side, "warmup", env)
    runs = {name: [] for name in sides}
    for i in range(repeat):
        for name, side in sides.items():
            runs[name].append(time_of(side, i, env))
        say(f"  {case.key} run {i + 1}/{repeat}: " +
            ", ".join(f"{name} {runs[name][-1]['seconds']:.3f} s" for name in sides))
    med = lambda name, key: statistics.median(r[key] for r in runs[name]) if name in runs else None  # noqa: E731
    return {"ours_s": med("ours", "seconds"), "peer_s": med("peer", "seconds"),
            "ours_rss_mb": med("ours", "max_rss_mb"), "peer_rss_mb": med("peer", "max_rss_mb"), "runs": runs}


def run_cases(selected, args, env):
    results = {}
    for case in selected:
        entry = {"key": case.key, "title": case.title, "work": case.work, "unit": case.unit, "goal": case.goal}
        if case.skip:
            say(f"{case.key}: skipped: {case.skip}")
            results[case.key] = {**entry, "skipped": case.skip}
            continue
        say(f"{case.key}: {case.title}")
        try:
            entry.update(measure(case, args.repeat, not args.quick, env))
        except RunFailed as e:
            say(f"{case.key}: failed: {e}")
            results[case.key] = {**entry, "skipped": f"failed ({str(e).splitlines()[0]})"}
            continue
        if case.peer_of and case.peer_of in results and not results[case.peer_of].get("skipped"):
            peer = results[case.peer_of]
            entry.update(peer_s=peer["peer_s"], peer_rss_mb=peer["peer_rss_mb"])
        if entry.get("peer_s"):
            entry["speedup"] = entry["peer_s"] / entry["ours_s"]
        results[case.key] = entry
    return list(results.values())


def jobs_scaling(results):
    """How much faster `attnmap batch` is with --jobs 2 than with --jobs 1, when both ran."""
    by_key = {c["key"]: c for c in results if not c.get("skipped")}
    if "batch" in by_key and "batch-jobs1" in by_key:
        return by_key["batch-jobs1"]["ours_s"] / by_key["batch"]["ours_s"]
    return None


def print_text(m, results, fl, args):
    print(machine.summary(m))
    print(f"median of {args.repeat} runs per side" + (" (--quick: no warm-up, smaller inputs; not for reporting)"
                                                      if args.quick else ", after one warm-up run each"))
    print()
    print(report.text(results, m["rss_floor_mb"]))
    if jobs_scaling(results):
        print(f"batch: --jobs 2 is {jobs_scaling(results):.2f}x as fast as --jobs 1")
    print(f"peak memory below {m['rss_floor_mb']:.0f} MB shows as that bound (the harness's own size, measure.py)")
    if fl:
        print()
        print("\n".join(floor.lines(fl)))


def print_markdown(m, results, fl, args):
    pk = m["packages"]
    print(f"- Machine: {m['cpu']}, {m['usable_cpus']} CPUs, {m['memory_gib']} GiB RAM, {m['os']} "
          f"(load average {m['load_average_at_start'][0]:.2f} at the start"
          + (f", {m['load_average_at_end'][0]:.2f} at the end)" if "load_average_at_end" in m else ")"))
    print(f"- Software: {m['attnmap']}; Python {m['python']}, torch {pk.get('torch')}, "
          f"transformers {pk.get('transformers')}, tokenizers {pk.get('tokenizers')}, captum {pk.get('captum')}, "
          f"matplotlib {pk.get('matplotlib')}, seaborn {pk.get('seaborn')}")
    print(f"- Median of {args.repeat} runs per side" + (" (--quick)" if args.quick else ", after one warm-up run each"))
    print()
    print(report.markdown(results, m["rss_floor_mb"]))
    print()
    if jobs_scaling(results):
        print(f"- batch: `--jobs 2` is {jobs_scaling(results):.2f}× as fast as `--jobs 1`.")
    print(f"- Peak memory below {m['rss_floor_mb']:.0f} MB shows as \"≤{m['rss_floor_mb']:.0f}\": "
          "the harness's own size hides smaller children (scripts/bench/measure.py).")
    if fl:
        print()
        print(f"| one-shot stage (fastest of {fl['repeat']}) | ms |\n|---|---:|")
        for name, seconds in fl["parts_s"].items():
            print(f"| {name} | {seconds * 1e3:.0f} |")
        print(f"| **render total** | **{fl['stages_s']['render'] * 1e3:.0f}** |")
        print(f"| floor (process + libtorch + model load + forward) | {fl['floor_s'] * 1e3:.0f} "
              f"({fl['floor_s'] / fl['stages_s']['render']:.0%}) |")
        print(f"| everything else | {fl['rest_s'] * 1e3:.0f} ({fl['rest_share']:.0%}) |")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--attnmap", default=os.environ.get("ATTNMAP_BIN", str(ROOT / "build" / "attnmap")))
    p.add_argument("--bench-dir", default=str(ROOT / "build" / "bench"),
                   help="where attnmap_tokenizer_bench and attnmap_render_bench are")
    p.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"), help="the peers' interpreter")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="one run each, no warm-up, 200 sentences in the batch")
    p.add_argument("--only", help="comma-separated cases: " + ", ".join(cases.KEYS + ["floor"]))
    p.add_argument("--json", help="write every run's numbers and the machine here")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown (for BENCHMARKS.md)")
    p.add_argument("--work-dir", help="keep inputs and figures here (default: a temporary directory, removed)")
    p.add_argument("--report", metavar="JSON", help="print the tables of an earlier --json file; run nothing")
    args = p.parse_args()
    if args.report:
        saved = json.loads(Path(args.report).read_text())
        args.repeat, args.quick = saved["repeat"], saved["quick"]
        (print_markdown if args.markdown else print_text)(saved["machine"], saved["cases"], saved["floor"], args)
        return
    if args.quick:
        args.repeat = 1
    wanted = wanted_keys(args.only)
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="attnmap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **CHILD_ENV}
    try:
        m = machine.describe(args.attnmap, args.python)
        say(machine.summary(m))
        setup = cases.Setup(args.attnmap, Path(args.bench_dir), args.python, work, args.quick)
        results = run_cases(cases.build(setup, wanted - {"floor"}), args, env)
        fl = None
        if "floor" in wanted:
            say("floor: one-shot stages (--version, tokenize, inspect, dump, render)")
            fl = floor.measure(args.attnmap, ROOT / "models" / "minilm", cases.inputs.sentence_file(work), work,
                               args.repeat, warmup=not args.quick)
        m["load_average_at_end"] = os.getloadavg()
        m["rss_floor_mb"] = rss_floor_mb()
        (print_markdown if args.markdown else print_text)(m, results, fl, args)
        if args.json:
            Path(args.json).write_text(json.dumps({"machine": m, "repeat": args.repeat, "quick": args.quick,
                                                   "cases": results, "floor": fl}, indent=1) + "\n")
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

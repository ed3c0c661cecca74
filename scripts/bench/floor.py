"""The floor of the one-shot case, measured from outside: subcommands that stop at successive
stages of `attnmap render`, each a fresh process, interleaved. Differences between consecutive
stages give what each stage adds; they use each stage's fastest run, since a difference of two
noisy medians can come out negative:

  attnmap --version                      process start, libtorch loaded and torn down
  attnmap tokenize --model M ...         + bundle manifest, tokenizer load, encoding
  attnmap inspect --model M              + TorchScript model load (tokenizer loaded, no encoding)
  attnmap dump --model M ... -o x.npy    + forward pass, small .npy/.json written
  attnmap render --model M ... -o x.png  + view, fonts, layout, raster, PNG, write

The floor is what any libtorch program pays to show this model's attention: process start +
libtorch load, model load, forward. Everything else (tokenizer, rendering, PNG) is ours to shrink.
Each step also carries its own exit (static destructors): scripts/bench/phases.sh splits that out.
"""
import statistics

from measure import run_once

STAGES = ["version", "tokenize", "inspect", "dump", "render"]


def commands(attnmap, model, text_file, work):
    common = ["--model", str(model), "--text-file", str(text_file)]
    return {
        "version": [attnmap, "--version"],
        "tokenize": [attnmap, "tokenize", *common],
        "inspect": [attnmap, "inspect", "--model", str(model)],
        "dump": [attnmap, "dump", *common, "-o", str(work / "floor.npy")],
        "render": [attnmap, "render", *common, "-o", str(work / "floor.png")],
    }


def measure(attnmap, model, text_file, work, repeat, warmup=True):
    """Fastest seconds and median peak MB of each stage, and the split into floor and the rest."""
    cmds = commands(attnmap, model, text_file, work)
    if warmup:
        for stage in STAGES:
            run_once(cmds[stage])
    runs = {stage: [] for stage in STAGES}
    for _ in range(repeat):
        for stage in STAGES:
            runs[stage].append(run_once(cmds[stage]))
    t = {stage: min(r.seconds for r in runs[stage]) for stage in STAGES}
    parts = {
        "process start + libtorch load/unload": t["version"],
        "tokenizer load + encode": t["tokenize"] - t["version"],
        "model load (torch::jit::load)": t["inspect"] - t["tokenize"],
        "forward (+ tiny .npy write)": t["dump"] - t["inspect"],
        "view + fonts + layout + raster + PNG + write": t["render"] - t["dump"],
    }
    floor = parts["process start + libtorch load/unload"] + parts["model load (torch::jit::load)"] + \
        parts["forward (+ tiny .npy write)"]
    return {
        "stages_s": t,
        "stages_max_rss_mb": {stage: statistics.median(r.max_rss_mb for r in runs[stage]) for stage in STAGES},
        "parts_s": parts,
        "floor_s": floor,
        "rest_s": t["render"] - floor,
        "rest_share": (t["render"] - floor) / t["render"],
        "repeat": repeat,
    }


def lines(f):
    """The floor analysis as text lines."""
    out = [f"one-shot floor (fastest of {f['repeat']} runs per stage; differences of consecutive stages):"]
    for name, seconds in f["parts_s"].items():
        out.append(f"  {name:<46} {seconds * 1e3:7.0f} ms")
    total = f["stages_s"]["render"]
    out.append(f"  {'render total':<46} {total * 1e3:7.0f} ms")
    out.append(f"  floor (process + libtorch + model load + forward) {f['floor_s'] * 1e3:4.0f} ms "
               f"({f['floor_s'] / total:.0%}); everything else {f['rest_s'] * 1e3:.0f} ms ({f['rest_share']:.0%})")
    return out

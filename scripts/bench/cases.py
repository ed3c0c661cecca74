"""What is measured: each case pairs an attnmap command with the Python peer people would write for
the same job (scripts/bench/peers/), on the same model, input and figure.

A Side is one command line. "{run}" in it becomes the run's number (fresh output directories).
Its time is the child's wall-clock time (process start to exit), or, for in-process benchmarks
(inner=True), the "median_s" of the JSON it prints: the time of the work alone after its own
warm-up, for cases that compare libraries rather than programs.
"""
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import inputs
from measure import output_of, run_once

ROOT = inputs.ROOT
PEERS = Path(__file__).resolve().parent / "peers"
TOKENIZERS = {  # case key: (label, tokenizer.json)
    "tokenizer-wordpiece": ("WordPiece (minilm)", ROOT / "models/minilm/hf/tokenizer.json"),
    "tokenizer-bpe": ("BPE (tiny-roberta)", ROOT / "models/tiny-roberta/hf/tokenizer.json"),
    "tokenizer-unigram": ("Unigram (tiny-xlmr)", ROOT / "models/tiny-xlmr/hf/tokenizer.json"),
}
TOKENIZER_CORPUS = ROOT / "tests/corpus/tokenizer_corpus.txt"


@dataclass
class Side:
    argv: list
    inner: bool = False
    env: dict = field(default_factory=dict)


@dataclass
class Case:
    key: str
    title: str
    ours: Side
    peer: Side = None
    peer_of: str = None   # reuse this case's peer measurement (a variant of ours only)
    work: int = None      # items per run: the table shows items/s instead of seconds
    unit: str = "s"
    goal: float = None    # speed-up (peer time / ours) the issue asks for; None: none stated
    skip: str = None      # why the case cannot run here


@dataclass
class Setup:
    attnmap: str
    bench_dir: Path
    python: str
    work: Path
    quick: bool


def _python(setup, script, *args):
    return [setup.python, str(PEERS / script), *map(str, args)]


def _pixels_of_ours(argv, out):
    """Runs our command once (outside the timed runs) to learn the figure's pixel size, so that the
    peer draws a figure of the same size."""
    run_once(argv)
    return inputs.png_pixels(out)


def figure_cases(s, wanted):
    minilm = ROOT / "models/minilm"
    sentence, long_text = inputs.sentence_file(s.work), inputs.long_text_file(s.work)
    cases = []
    for key, title, text, extra, peer_script, peer_extra in [
        ("one-shot", "one-shot: 12 tokens, last-layer mean, annotated", sentence, [], "seed_heatmap.py", []),
        ("grid", "grid: 6 layers x 12 heads, 12 tokens", sentence, ["--view", "grid"], "seed_grid.py", []),
        ("long-512", "512 tokens, last-layer mean (no numbers)", long_text, [], "seed_heatmap.py", ["--no-annot"]),
    ]:
        if key not in wanted:
            continue
        out = s.work / f"{key}-ours.png"
        ours = [s.attnmap, "render", "--model", str(minilm), "--text-file", str(text), *extra, "-o", str(out)]
        pixels = _pixels_of_ours(ours, out)
        peer = _python(s, peer_script, minilm / "hf", text, s.work / f"{key}-peer.png", "--size", pixels, *peer_extra)
        goal = 15.0 if key == "one-shot" else None
        cases.append(Case(key, title, Side(ours), Side(peer), goal=goal))
    return cases


def has_subcommand(attnmap, name):
    """Whether `attnmap NAME --help` shows NAME's own help. Without such a subcommand, CLI11 prints
    the top-level help and exits 0 for --help, so the exit status alone does not tell."""
    help_text = output_of([attnmap, name, "--help"])
    return help_text is not None and re.search(rf"^Usage: \S+ {name}\b", help_text, re.M) is not None


def batch_cases(s, wanted):
    count = 200 if s.quick else 1000
    bert = ROOT / "models/sentiment-bert"
    title = f"batch: {count} sentences, misclassified, mean view"
    if not has_subcommand(s.attnmap, "batch"):
        why = "this attnmap has no batch subcommand yet (`attnmap batch --help` shows no batch help)"
        return [Case("batch", title, Side([]), skip=why), Case("batch-jobs1", title + ", --jobs 1", Side([]), skip=why)]
    tsv = inputs.batch_file(s.work, count)

    def ours(jobs):
        return Side([s.attnmap, "batch", "--model", str(bert), "--input", str(tsv), "--out-dir",
                     str(s.work / f"batch-ours-j{jobs}-{{run}}"), "--select", "misclassified", "--views", "mean",
                     "--jobs", str(jobs)])

    peer = Side(_python(s, "batch_loop.py", bert / "hf", tsv, s.work / "batch-peer-{run}"))
    return [Case("batch", title + ", --jobs 2", ours(2), peer, work=count, unit="examples/s", goal=10.0),
            Case("batch-jobs1", title + ", --jobs 1", ours(1), peer_of="batch", work=count, unit="examples/s")]


def tokenizer_cases(s, wanted):
    passes = "1" if s.quick else "3"
    cases = []
    texts = len(TOKENIZER_CORPUS.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    for key, (label, path) in TOKENIZERS.items():
        title = f"tokenizer {label}: {texts} texts, 1 thread"
        if not path.exists():
            cases.append(Case(key, title, Side([]), skip=f"no {path.relative_to(ROOT)} (scripts/setup.sh builds it)"))
            continue
        ours = [str(s.bench_dir / "attnmap_tokenizer_bench"), "--tokenizer", str(path), "--repeat", passes,
                str(TOKENIZER_CORPUS)]
        peer = _python(s, "hf_tokenize.py", "--tokenizer", path, "--repeat", passes, TOKENIZER_CORPUS)
        cases.append(Case(key, title, Side(ours, inner=True), Side(peer, inner=True), work=texts, unit="texts/s",
                          goal=1.0))
    return cases


def ig_cases(s, wanted, steps=50):
    bert = ROOT / "models/sentiment-bert"
    one_thread = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    ours = [s.attnmap, "saliency", "--model", str(bert), "--text", inputs.IG_TEXT, "--method", "ig", "--json",
            "--steps", str(steps), "--threads", "1"]
    peer = _python(s, "captum_ig.py", bert / "hf", inputs.IG_TEXT, steps)
    return [Case("ig", f"Integrated Gradients, {steps} steps, sentiment-bert, 1 thread", Side(ours, env=one_thread),
                 Side(peer, env=one_thread), goal=1.0)]


def value_zeroing_cases(s, wanted):
    """Value zeroing on sentiment-bert (L x T zeroed values per sentence) against the authors' way,
    one layer call per layer and zeroed token: one sentence, and the 400 of the test set (ours as
    `batch`, which also draws every example's figure; the peer computes the scores only)."""
    bert = ROOT / "models/sentiment-bert"
    cases = []
    if "valuezeroing" in wanted:
        sentence = s.work / "value-zeroing-sentence.txt"
        sentence.write_text(inputs.IG_TEXT + "\n", encoding="utf-8")
        ours = [s.attnmap, "saliency", "--model", str(bert), "--text", inputs.IG_TEXT, "--method", "valuezeroing",
                "--json"]
        peer = _python(s, "value_zeroing_loop.py", bert / "hf", sentence)
        cases.append(Case("valuezeroing", "value zeroing, one sentence (21 tokens), sentiment-bert", Side(ours),
                          Side(peer)))
    if "valuezeroing-400" in wanted:
        test = inputs.SENTIMENT[0]
        ours = [s.attnmap, "batch", "--model", str(bert), "--input", str(test), "--select", "all", "--views",
                "valuezeroing", "--out-dir", str(s.work / "value-zeroing-{run}")]
        peer = _python(s, "value_zeroing_loop.py", bert / "hf", test)
        cases.append(Case("valuezeroing-400", "value zeroing, the 400 test sentences (ours: with a figure each)",
                          Side(ours), Side(peer), work=400, unit="texts/s"))
    return cases


def attention_matrix(s, size=512):
    """A real attention matrix to draw: MiniLM's last layer, mean over heads, on the long text
    (cut to `size` tokens), written as a 2-D float32 .npy by way of `attnmap dump`. numpy runs in
    a child, not here: the harness stays small, which keeps the memory floor low (measure.py)."""
    stack, path = s.work / "long-attention.npy", s.work / "attention-512.npy"
    run_once([s.attnmap, "dump", "--model", str(ROOT / "models/minilm"), "--text-file",
              str(inputs.long_text_file(s.work)), "--max-length", str(size), "-o", str(stack)])
    run_once([s.python, "-c", "import sys, numpy as np; a = np.load(sys.argv[1])[-1].mean(axis=0); "
                              "np.save(sys.argv[2], np.ascontiguousarray(a, dtype=np.float32))", str(stack), str(path)])
    return path


def render_cases(s, wanted, size=512):
    """The renderer alone on a real attention matrix, and on a synthetic one with noise in every
    cell: the worst case for PNG compression."""
    cases = []
    for key, what in [("render-512", "MiniLM attention"), ("render-512-noise", "synthetic, noisy")]:
        if key not in wanted:
            continue
        matrix = ["--matrix", attention_matrix(s, size)] if key == "render-512" else ["--size", size]
        out = s.work / f"{key}-ours.png"
        ours = [str(s.bench_dir / "attnmap_render_bench"), *map(str, matrix), "--repeat", "1", "-o", str(out)]
        pixels = _pixels_of_ours(ours, out)
        peer = _python(s, "mpl_heatmap.py", *matrix, "--repeat", "1", "--pixels", pixels, "-o",
                       s.work / f"{key}-peer.png")
        cases.append(Case(key, f"renderer alone: {size}x{size} {what} to PNG ({pixels} px)", Side(ours, inner=True),
                          Side(peer, inner=True), goal=20.0))
    return cases


def mkl_vendor_cases(s, wanted, count=40):
    """attnmap with MKL's own CPU-vendor check (ATTNMAP_MKL_VENDOR_CHECK=1) as the peer: how much
    answering it ourselves (src/cli/mkl_vendor_check.cpp) gains on this CPU, forward (the perturbed
    inputs) and backward (IG), in one faithfulness run. About 1x on Intel CPUs, where MKL's answer
    is the same."""
    bert = ROOT / "models/sentiment-bert"
    data = inputs.batch_file(s.work, count)
    argv = [s.attnmap, "faithfulness", "--model", str(bert), "--input", str(data), "--methods", "rollout,ig",
            "--threads", "1", "--no-progress", "--out-dir", str(s.work / "mkl-vendor-{run}")]
    peer = [a.replace("mkl-vendor-", "mkl-vendor-check-") for a in argv]
    return [Case("mkl-vendor", f"faithfulness, rollout and IG, {count} sentences, sentiment-bert, 1 thread; "
                 "peer: MKL's own vendor check", Side(argv), Side(peer, env={"ATTNMAP_MKL_VENDOR_CHECK": "1"}),
                 work=count, unit="examples/s")]


# Case keys in table order, each with the function that builds it (and its siblings).
BUILDERS = [
    (("one-shot", "grid", "long-512"), figure_cases),
    (("batch", "batch-jobs1"), batch_cases),
    (tuple(TOKENIZERS), tokenizer_cases),
    (("ig",), ig_cases),
    (("valuezeroing", "valuezeroing-400"), value_zeroing_cases),
    (("render-512", "render-512-noise"), render_cases),
    (("mkl-vendor",), mkl_vendor_cases),
]
KEYS = [key for keys, _ in BUILDERS for key in keys]


def build(setup, wanted):
    """The cases whose keys are in `wanted`, in table order. Preparing a case may run attnmap
    (to size the peer's figure, or to make its input)."""
    cases = []
    for keys, builder in BUILDERS:
        mine = set(keys) & set(wanted)
        if mine:
            print(f"preparing {', '.join(k for k in keys if k in mine)}", file=sys.stderr, flush=True)
            cases += [c for c in builder(setup, mine) if c.key in mine]
    return cases

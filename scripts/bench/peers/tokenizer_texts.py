"""The texts attnmap_tokenizer_bench reads, for its Python peer (hf_tokenize.py) and for
tokenizer.py, which compares the two: the lines of a file, or a .tsv file's "text" column."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def read_texts(files):
    """The texts of `files` (relative to the repository root, or absolute), in order."""
    texts = []
    for f in files:
        with open(ROOT / f, encoding="utf-8", newline="\n") as fh:
            lines = fh.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if f.endswith(".tsv"):
            column = lines[0].split("\t").index("text")
            texts += [line.split("\t")[column] for line in lines[1:]]
        else:
            texts += lines
    return texts

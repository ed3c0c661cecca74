"""The inputs every case reads, written once into the run's work directory: the short sentence, a
text longer than 512 tokens and the labelled batch file."""
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# 12 tokens for MiniLM's WordPiece, [CLS] and [SEP] included.
SENTENCE = "The acting was great but the plot made no sense"
# For Integrated Gradients (as in ig_bench.py): a negation and a contrast, 21 tokens.
IG_TEXT = "The acting was not bad at all, but the plot made no sense and the ending dragged on."
SENTIMENT = [ROOT / "examples" / "sentiment" / f"{split}.tsv" for split in ("test", "dev", "train")]


def sentence_file(work):
    path = Path(work) / "sentence.txt"
    path.write_text(SENTENCE + "\n", encoding="utf-8")
    return path


def long_text_file(work, copies=5):
    """examples/long_sentence.txt (128 tokens) repeated: about 630 tokens, cut to 512 by both sides."""
    text = (ROOT / "examples" / "long_sentence.txt").read_text(encoding="utf-8").strip()
    path = Path(work) / "long.txt"
    path.write_text(" ".join([text] * copies) + "\n", encoding="utf-8")
    return path


def batch_file(work, count):
    """The first `count` rows of test, dev and train (in that order) under one header."""
    rows = []
    for split in SENTIMENT:
        with open(split, encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if len(rows) < count:
        raise SystemExit(f"only {len(rows)} labelled sentences in examples/sentiment, {count} asked for")
    path = Path(work) / f"batch-{count}.tsv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id\ttext\tlabel\n")
        for row in rows[:count]:
            f.write(f"{row['id']}\t{row['text']}\t{row['label']}\n")
    return path


def png_pixels(path):
    """'WIDTHxHEIGHT' of a PNG, from its IHDR chunk (bytes 16..23, big-endian)."""
    head = Path(path).read_bytes()[:24]
    return f"{int.from_bytes(head[16:20], 'big')}x{int.from_bytes(head[20:24], 'big')}"

#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/ (run from anywhere; overwrites the seed_* files,
leaves the crash_* regression inputs alone).

  tokenizer_json/  trimmed versions of the sample tokenizers (tens of vocabulary entries, not
                   thousands) and variants that switch on each option the loader knows, so the
                   fuzzer starts from inputs that load and reach every component
  encode/          tricky lines of tests/corpus/tokenizer_corpus.txt and a few of our own
  manifest/        the sample bundles' attnmap.json and variants
  batch_rows/      small TSV, CSV and JSON Lines data sets with good and bad records
  given_scores/    faithfulness --scores files, accepted and refused
  batch_files/     a manifest record, a summary and a run's settings as attnmap batch writes them
  batch_gzip/      gzip data sets: one member, two, empty, truncated, a bad CRC, plain text

The tiny Precompiled charsmap is built here (a darts double-array trie, the format
src/tokenizer/precompiled.cpp reads) with a few rules: fullwidth to ASCII, a ligature, a
one-to-many rule and a deletion.
"""
import base64
import copy
import gzip
import json
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/fuzz/corpus"


def write(kind, name, data):
    path = OUT / kind / f"seed_{name}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, (dict, list)):
        data = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def load(model):
    return json.loads((ROOT / f"models/{model}/hf/tokenizer.json").read_text(encoding="utf-8"))


# --- a tiny precompiled_charsmap --------------------------------------------------------------

def charsmap(rules):
    """rules: {source string: replacement}. Unit layout: bits 0-7 label, bit 8 has-leaf, bits
    10-31 offset (node ^ offset = base of the children; child for byte b at base ^ b, the value
    unit at base ^ 0, bit 31 set)."""
    pool = b""
    trie = {}
    for key, value in sorted(rules.items()):
        node = trie
        for b in key.encode():
            node = node.setdefault(b, {})
        node[None] = len(pool)
        pool += value.encode() + b"\0"
    units = {}

    def free(base, labels):
        return base > 0 and all((base ^ l) not in units for l in labels)

    def place(index, node):
        labels = [b for b in node if b is not None]
        need = labels + ([0] if None in node else [])
        base = 1
        while not free(base, need):
            base += 1
        offset = index ^ base
        assert offset < (1 << 21)
        return base, offset, labels

    root_base, root_offset, _ = place(0, trie)
    units[0] = root_offset << 10
    todo = [(0, trie, root_base)]
    while todo:
        index, node, base = todo.pop()
        for b in [b for b in node if b is not None]:
            units[base ^ b] = b  # reserve
        if None in node:
            units[base] = 0x80000000 | node[None]
        for b in [b for b in node if b is not None]:
            child = node[b]
            child_index = base ^ b
            if any(k is not None for k in child) or None in child:
                cbase, coffset, _ = place(child_index, child)
                units[child_index] = b | (coffset << 10) | ((1 << 8) if None in child else 0)
                todo.append((child_index, child, cbase))
    size = max(units) + 1
    blob = b"".join(struct.pack("<I", units.get(i, 0)) for i in range(size))
    return base64.b64encode(struct.pack("<I", len(blob)) + blob + pool).decode()


TINY_CHARSMAP_RULES = {"\uff21": "A", "\uff45": "e", "\ufb01": "fi", "\u337f": "\u682a\u5f0f\u4f1a\u793e",
                       "\u00a0": " ", "\u200b": "", "e\u0301": "\u00e9"}


# --- trimmed tokenizers -------------------------------------------------------------------------

WORDS = "the movie was not bad great un ##aff ##able ##s ##ing a . , ! ' i it is 東 京 café".split()


def trim_wordpiece(j, keep_extra=()):
    vocab = j["model"]["vocab"]
    specials = [t["content"] for t in j["added_tokens"]]
    keep = [t for t in specials if t in vocab] + [w for w in list(WORDS) + list(keep_extra) if w in vocab]
    keep += [c for c in "abcdefghijklmnopqrstuvwxyz" if c in vocab]
    keep += ["##" + c for c in "abcdefghijklmnopqrstuvwxyz" if "##" + c in vocab]
    keep = list(dict.fromkeys(keep))
    new = {t: i for i, t in enumerate(keep)}
    j["model"]["vocab"] = new
    for t in j["added_tokens"]:
        t["id"] = new[t["content"]]
    remap_post_processor(j, new)
    return j


def remap_post_processor(j, ids):
    pp = j.get("post_processor")
    if not pp:
        return
    if pp["type"] == "TemplateProcessing":
        for s in pp["special_tokens"].values():
            s["ids"] = [ids[t] for t in s["tokens"]]
    elif pp["type"] in ("RobertaProcessing", "BertProcessing"):
        pp["cls"][1] = ids[pp["cls"][0]]
        pp["sep"][1] = ids[pp["sep"][0]]


def trim_bpe(j, n_merges=60):
    model = j["model"]
    specials = [t["content"] for t in j["added_tokens"]]
    merges = [m if isinstance(m, list) else m.split(" ") for m in model["merges"]][:n_merges]
    alphabet = list(dict.fromkeys("abcdefghilmnorstuwyTI.,!'Ġ" + "".join(a + b for a, b in merges)))
    keep = list(dict.fromkeys(specials + alphabet + [a + b for a, b in merges]))
    keep = [t for t in keep if t in model["vocab"]]
    new = {t: i for i, t in enumerate(keep)}
    model["vocab"] = new
    model["merges"] = [[a, b] for a, b in merges if a in new and b in new and a + b in new]
    for t in j["added_tokens"]:
        t["id"] = new[t["content"]]
    remap_post_processor(j, new)
    return j


def trim_unigram(j, n=50):
    model = j["model"]
    vocab = model["vocab"]
    keep = vocab[:n] + [v for v in vocab[n:] if len(v[0]) == 1][:40]
    index = {p: i for i, (p, _) in enumerate(keep)}
    model["vocab"] = keep
    model["unk_id"] = index["<unk>"]
    j["added_tokens"] = [t for t in j["added_tokens"] if t["content"] in index]
    for t in j["added_tokens"]:
        t["id"] = index[t["content"]]
    j["normalizer"]["precompiled_charsmap"] = charsmap(TINY_CHARSMAP_RULES)
    remap_post_processor(j, index)
    return j


def tokenizer_seeds():
    bert = trim_wordpiece(load("tiny-bert"))
    write("tokenizer_json", "wordpiece_bert", bert)
    write("tokenizer_json", "wordpiece_bert_pretty", json.dumps(bert, ensure_ascii=False, indent=1))
    minilm = trim_wordpiece(load("minilm"))
    write("tokenizer_json", "wordpiece_minilm_truncation_padding", minilm)

    v = copy.deepcopy(bert)
    v["normalizer"] = {"type": "BertNormalizer", "clean_text": False, "handle_chinese_chars": False,
                       "strip_accents": True, "lowercase": False}
    v["model"]["max_input_chars_per_word"] = 5
    v["post_processor"] = {"type": "BertProcessing", "sep": ["[SEP]", v["model"]["vocab"]["[SEP]"]],
                           "cls": ["[CLS]", v["model"]["vocab"]["[CLS]"]]}
    v["truncation"] = {"max_length": 7, "strategy": "LongestFirst", "stride": 0}
    write("tokenizer_json", "wordpiece_options_bertprocessing", v)

    v = copy.deepcopy(bert)
    v["added_tokens"].append({"id": len(v["model"]["vocab"]), "content": "movie", "single_word": True,
                              "lstrip": True, "rstrip": True, "normalized": True, "special": False})
    v["added_tokens"].append({"id": len(v["model"]["vocab"]) + 1, "content": " !", "single_word": False,
                              "lstrip": False, "rstrip": False, "normalized": False, "special": False})
    v["pre_tokenizer"] = None
    v["post_processor"] = None
    write("tokenizer_json", "wordpiece_added_tokens_no_pretokenizer", v)

    rob = trim_bpe(load("tiny-roberta"))
    write("tokenizer_json", "bpe_roberta", rob)
    v = copy.deepcopy(rob)
    v["model"]["merges"] = [f"{a} {b}" for a, b in v["model"]["merges"]]
    v["pre_tokenizer"]["add_prefix_space"] = True
    v["post_processor"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    write("tokenizer_json", "bpe_string_merges_bytelevel_post", v)
    v = copy.deepcopy(rob)
    v["pre_tokenizer"]["use_regex"] = False
    v["post_processor"]["trim_offsets"] = False
    v["model"]["ignore_merges"] = True
    write("tokenizer_json", "bpe_no_regex_ignore_merges", v)

    # A sentencepiece-style BPE: Metaspace, byte fallback, unk with fuse_unk, prefix / suffix.
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2, "▁": 3, "a": 4, "b": 5, "c": 6, "▁a": 7, "ab": 8, "▁ab": 9,
             "##b": 10, "c</w>": 11, "a</w>": 12}
    for i, b in enumerate(range(256)):
        if b in (0x41, 0xC3, 0xA9, 0xE2, 0x96, 0x81, 0xF0, 0x9F, 0x98, 0x80):
            vocab[f"<0x{b:02X}>"] = len(vocab)
    sp_bpe = {"version": "1.0", "truncation": None, "padding": None,
              "added_tokens": [{"id": 0, "content": "<unk>", "single_word": False, "lstrip": False, "rstrip": False,
                                "normalized": False, "special": True}],
              "normalizer": {"type": "Sequence", "normalizers": [
                  {"type": "Strip", "strip_left": True, "strip_right": True},
                  {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
              "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": False},
              "post_processor": {"type": "TemplateProcessing",
                                 "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                                 "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                                          {"SpecialToken": {"id": "</s>", "type_id": 1}}],
                                 "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]},
                                                    "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}},
              "decoder": None,
              "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                        "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "ignore_merges": False,
                        "vocab": vocab, "merges": [["▁", "a"], ["a", "b"], ["▁a", "b"]]}}
    write("tokenizer_json", "bpe_metaspace_byte_fallback", sp_bpe)
    v = copy.deepcopy(sp_bpe)
    v["model"].update(continuing_subword_prefix="##", end_of_word_suffix="</w>", byte_fallback=False, fuse_unk=False,
                      merges=["a ##b"])
    v["normalizer"] = {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}
    v["pre_tokenizer"] = {"type": "WhitespaceSplit"}
    write("tokenizer_json", "bpe_prefix_suffix_replace_regex", v)

    xlmr = trim_unigram(load("tiny-xlmr"))
    write("tokenizer_json", "unigram_xlmr", xlmr)
    v = copy.deepcopy(xlmr)
    v["model"]["byte_fallback"] = True
    v["model"]["vocab"] += [[f"<0x{b:02X}>", 0.0] for b in (0xC3, 0xA9, 0xE6, 0x9D, 0xB1)]
    v["normalizer"] = {"type": "Sequence", "normalizers": [v["normalizer"], {"type": "Replace", "pattern": {"Regex": "\\.+"}, "content": "."}]}
    v["pre_tokenizer"] = {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "never", "split": True,
                          "add_prefix_space": True}
    write("tokenizer_json", "unigram_byte_fallback_sequence", v)
    v = copy.deepcopy(xlmr)
    del v["model"]["unk_id"]
    v["normalizer"] = {"type": "Precompiled", "precompiled_charsmap": None}
    write("tokenizer_json", "unigram_no_unk_null_charsmap", v)

    deberta = load("tiny-deberta")  # transformers 5's DeBERTa-v2 pipeline: Replace regex, NFC, Strip
    deberta["model"]["vocab"] = deberta["model"]["vocab"][:60] + [v for v in deberta["model"]["vocab"][60:]
                                                                   if len(v[0]) == 1][:40]
    write("tokenizer_json", "unigram_deberta_nfc_regex", deberta)
    v = copy.deepcopy(deberta)
    v["normalizer"]["normalizers"] = [{"type": "Lowercase"}, {"type": "NFD"},
                                      {"type": "Replace", "pattern": {"Regex": "e[a-z]*e|[^\\sa-z]{2,3}|\\S?x"},
                                       "content": "#"}]
    v["pre_tokenizer"]["pretokenizers"].insert(0, {"type": "Punctuation", "behavior": "MergedWithNext"})
    write("tokenizer_json", "unigram_lowercase_nfd_punctuation", v)

    for name, text in [("empty_object", "{}"), ("model_only", '{"model":{"type":"WordPiece","vocab":{"[UNK]":0}}}'),
                       ("not_object", "[1,2,3]"), ("unknown_type", '{"model":{"type":"WordLevel","vocab":{}}}')]:
        write("tokenizer_json", name, text)


# --- encode: text lines ---------------------------------------------------------------------------

def encode_seeds():
    lines = (ROOT / "tests/corpus/tokenizer_corpus.txt").read_text(encoding="utf-8").split("\n")
    def pick(pred, n):
        return [l for l in lines if l and pred(l)][:n]
    chosen = []
    chosen += lines[:5]
    chosen += pick(lambda l: any(ord(c) > 0x3000 for c in l), 4)       # CJK and beyond
    chosen += pick(lambda l: any(0x300 <= ord(c) < 0x370 for c in l), 4)  # combining marks
    chosen += pick(lambda l: any(ord(c) > 0xFFFF for c in l), 4)        # astral: emoji
    chosen += pick(lambda l: "[" in l or "<" in l, 4)                   # special-token look-alikes
    chosen += pick(lambda l: "  " in l or "\t" in l, 3)                 # whitespace runs
    chosen += pick(lambda l: any(0x600 <= ord(c) < 0x700 or 0x900 <= ord(c) < 0x980 for c in l), 3)
    chosen += pick(lambda l: len(l) > 200, 2)
    chosen = [c for c in dict.fromkeys(chosen) if c]
    for i, line in enumerate(chosen):
        write("encode", f"corpus_{i:02d}", line)
    own = {
        "specials": "[CLS] hello [SEP] <s> <mask> </s> [MASK]x [UNK]",
        "pair_tab": "The movie was great!\tI didn't like it.",
        "pair_newline": "first sentence\nsecond sentence with caf\u00e9",
        "contractions": "I'M sure she's they're we've I'll it'd 'tis",
        "accents_nfd": "xa\u0301\U0001D165 e\u0301\u0300 \u1100\u1161\u11a8",
        "fullwidth_ligature": "\uff21\uff45 \ufb01ne \u337f \u00a0nbsp\u200bzw",
        "controls": "a\x00b\x01c\u0085d\u200de\ufeff",
        "long_word": "supercalifragilistic" * 8,
        "spaces_only": "   \n\t  ",
        "emoji_zwj": "\U0001F468\u200d\U0001F469\u200d\U0001F467 \U0001F1EB\U0001F1F7",
    }
    for name, text in own.items():
        write("encode", name, text)
    write("encode", "invalid_utf8", b"caf\xc3 \xff\xfe ok \xed\xa0\x80 \xf4\x90\x80\x80")


# --- manifests -----------------------------------------------------------------------------------

def manifest_seeds():
    for model in ("tiny-bert", "tiny-roberta", "tiny-xlmr", "tiny-deberta", "tiny-modernbert"):
        write("manifest", model, (ROOT / f"models/{model}/attnmap.json").read_bytes())
    base = json.loads((ROOT / "models/tiny-bert/attnmap.json").read_text())
    variants = {
        "no_labels": {"id2label": None},
        "bad_version": {"format_version": 2},
        "float_sizes": {"num_layers": 2.0},
        "escaping_file": {"tokenizer": {"kind": "tokenizer.json", "file": "../x/tokenizer.json"}},
        "sparse_labels": {"id2label": {"0": "a", "2": "c"}},
        "odd_label_keys": {"id2label": {"00": "a", " 1": "b"}},
        "unavailable_not_strings": {"unavailable_methods": {"alti": 3, "decompx": None}},
    }
    for name, change in variants.items():
        m = dict(base)
        m.update(change)
        write("manifest", name, m)
    write("manifest", "not_object", "[]")


def batch_row_seeds():
    # The first byte picks the columns (fuzz_batch_rows.cpp): 0 text/label/id, 2 text "t" without
    # labels, 4 the id in the text column. The rest is each format's good and bad records.
    write("batch_rows", "tsv", b"\x00id\ttext\tlabel\nr1\tA fine film.\tpositive\nr2\tonly two\n\nr3\tBad.\tnegative\textra\n")
    write("batch_rows", "csv", b'\x00id,text,label\r\nr1,"He said ""fine"",\nthen left.",positive\nr2,"unterminated,1\n')
    write("batch_rows", "jsonl", b'\x00{"id": "a", "text": "Great.", "label": 1}\n{"id": 7, "text": "x", "label": "negative"}\n'
                                  b'{not json\n[]\n{"text": ["no"]}\n')
    write("batch_rows", "bom", b"\x02\xef\xbb\xbft\r\ncaf\xc3\xa9\r\ncaf\xe9\r\n")
    write("batch_rows", "ids", b"\x04t\tlabel\n../../x\t1\n\x00nul\t0\n")


def batch_file_seeds():
    # The first byte picks the reader (fuzz_batch_files.cpp): 0 a manifest record, 1 summary.json,
    # 2 batch.json.
    record = {"line": 12, "id": "test-00011", "text": "Not </script> bad.", "gold": "negative",
              "outcome": "only_b_wrong", "selected": True, "truncated": True,
              "models": [{"model": "a", "predicted": "negative", "correct": True,
                          "probabilities": {"negative": 0.75, "positive": 0.25}},
                         {"model": "b", "predicted": "positive", "correct": False,
                          "probabilities": {"negative": 0.125, "positive": 0.875}}],
              "files": {"matrix": "examples/000012-test-00011/matrix.png"}, "skipped": {"ig": "too long"},
              "faithfulness": [{"ig": {"aopc_comprehensiveness": 0.5, "aopc_sufficiency": 0.125, "tau_loo": 0.25},
                                "random": {"aopc_comprehensiveness": 0.1, "aopc_sufficiency": 0.3, "tau_loo": None}}]}
    write("batch_files", "record", b"\x00" + json.dumps(record).encode())
    write("batch_files", "rejected", b"\x00" + json.dumps({"line": 3, "error": "no text"}).encode())
    summary = {"input": "test.tsv", "select": "misclassified", "views": ["matrix"], "complete": False,
               "labels": ["negative", "positive"],
               "rows": {"read": 4, "rejected": 1, "evaluated": 3, "labelled": 3, "selected": 2, "truncated": 0},
               "models": [{"model": "a", "correct": 1, "accuracy": 0.3333, "confusion": [[1, 0], [2, 0]]},
                          {"model": "b"}],
               "comparison": {"both_right": 1, "only_a_wrong": 1, "only_b_wrong": 0, "both_wrong": 1,
                              "agreement": 0.6667},
               "faithfulness": [{"ig": {"n": 2, "aopc_comprehensiveness": {"mean": 0.3, "low": 0.2, "high": 0.4},
                                        "aopc_sufficiency": {"mean": 0.1, "low": 0.0, "high": 0.2}, "tau_loo": None}}]}
    write("batch_files", "summary", b"\x01" + json.dumps(summary).encode())
    settings = {"input": "test.tsv", "format": "tsv", "columns": {"text": "text", "label": "label", "id": "id"},
                "models": ["models/a"], "model_names": ["a"], "labels": ["negative", "positive"],
                "select": "misclassified", "views": ["matrix"], "batch_size": 16, "limit": 0, "max_length": 0,
                "tokens": "clean", "image_format": "png", "cmap": "viridis", "ig_steps": 50, "complete": True,
                "shard": "1/3"}
    write("batch_files", "settings", b"\x02" + json.dumps(settings).encode())


def batch_gzip_seeds():
    # The first byte picks where the fuzz target splits its own two-member round trip.
    tsv = b"id\ttext\tlabel\nr1\tA fine film.\tpositive\nr2\tBad.\tnegative\n"
    packed = gzip.compress(tsv, mtime=0)
    write("batch_gzip", "one_member", b"\x07" + packed)
    write("batch_gzip", "two_members", b"\x00" + packed + gzip.compress(b"r3\tMore.\tpositive\n", mtime=0))
    write("batch_gzip", "empty_member", b"\x00" + gzip.compress(b"", mtime=0))
    write("batch_gzip", "truncated", b"\x00" + packed[: len(packed) // 2])
    write("batch_gzip", "bad_crc", b"\x00" + packed[:-8] + bytes([packed[-8] ^ 1]) + packed[-7:])
    write("batch_gzip", "plain", b"\x03" + tsv)


def given_scores_seeds():
    write("given_scores", "by_line", '{"line": 2, "scores": {"shap": [0, 0.31, -0.02, 0.4, 0]}}\n'
                                     '{"line": 3, "scores": {"shap": [0, 1e-3, 2], "lime": [0, 1, 0]}}\n')
    write("given_scores", "by_id", '{"id": "test-00011", "scores": {"mine": [0.5, -1.5]}}\r\n\n'
                                   '{"id": "a\\u00e9", "scores": {"m.v2+x": [1E5, -0]}}')
    write("given_scores", "twice", '{"line": 2, "scores": {"m": [1]}}\n{"line": 2, "scores": {"m": [1]}}\n')
    write("given_scores", "both_keys", '{"line": 2, "id": "x", "scores": {"m": [1]}}\n')
    write("given_scores", "bad_value", '{"line": 2, "scores": {"m": [1, null, "2", 1e39]}}\n')


if __name__ == "__main__":
    tokenizer_seeds()
    encode_seeds()
    manifest_seeds()
    batch_row_seeds()
    batch_file_seeds()
    batch_gzip_seeds()
    given_scores_seeds()

#!/usr/bin/env python3
"""Generate src/core/unicode_tables.cpp by asking Hugging Face `tokenizers` how it treats
every code point.

attnmap must tokenize exactly like `tokenizers` (Rust), whose components use several different
Unicode versions: BertNormalizer's control and non-spacing-mark tests come from the
`unicode_categories` crate (an old, ~Unicode 9 table), NFD from `unicode-normalization-alignments`
(its own, also old, tables), lowercasing and whitespace from the Rust standard library (a recent
Unicode), BertPreTokenizer's punctuation from `unicode_categories` again, the added-token word
test from the `regex` crate, and ByteLevel's split regex (\p{L}, \p{N}, \s) from Oniguruma's own
tables. No one Unicode database reproduces that mix, so this script does not read one for those
tables: it runs the pinned `tokenizers` on each of the 1,112,064 code points (0..0x10FFFF minus
surrogates) and records what it did. The tables are therefore that version's behaviour, which is
why the script refuses to run against any other version: a different version may change the
behaviour, and then the parity tests, not this script, must say whether attnmap follows.

    .venv/bin/python -m scripts.gen.unicode_tables           # rewrite the generated file
    .venv/bin/python -m scripts.gen.unicode_tables --check   # exit 1 when the file is stale
    .venv/bin/python -m scripts.gen.unicode_tables --grapheme [--check]   # the grapheme table instead

It takes about a minute. The output depends only on the `tokenizers` version and on
`unicodedata.unidata_version` (which only labels the combining classes), both recorded in the
generated file. The generated file implements
src/core/unicode_tables.h, which is written by hand.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from scripts.gen.emit import requirement, wrap, write_or_check

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "src" / "core" / "unicode_tables.cpp"
SCRIPT_NAME = "scripts/gen/unicode_tables.py"
REGENERATE = ".venv/bin/python -m scripts.gen.unicode_tables"

# The tables record this version's behaviour (see the module docstring). Changing the pin is a
# decision to follow a new version: regenerate, then rerun the tokenizer parity tests.
PINNED_TOKENIZERS = "0.23.3"


require = requirement(SCRIPT_NAME)  # stops generation on a broken assumption, naming it


MAX_CODE_POINT = 0x10FFFF
SURROGATES = range(0xD800, 0xE000)  # not characters: no Rust string (so no probe) can hold one

# Output buffer sizes fixed by unicode_tables.h. Generation fails if the data outgrows them, in
# which case the header (and its callers) must be changed first.
MAX_DECOMPOSITION = 4
MAX_LOWERCASE = 3

# Hangul syllables decompose algorithmically (Unicode core specification, section 3.12), so they
# are computed in C++ instead of taking 11,172 table entries. The generator checks the algorithm
# against the probed NFD before relying on it.
HANGUL_S_BASE = 0xAC00
HANGUL_L_BASE = 0x1100
HANGUL_V_BASE = 0x1161
HANGUL_T_BASE = 0x11A7
HANGUL_V_COUNT = 21
HANGUL_T_COUNT = 28
HANGUL_N_COUNT = HANGUL_V_COUNT * HANGUL_T_COUNT
HANGUL_S_COUNT = 19 * HANGUL_N_COUNT  # 19 leading consonants

BATCH = 1 << 16  # strings per encode_batch call

Range = tuple[int, int]  # inclusive [first, last]


def code_points() -> list[int]:
    """All code points except surrogates, in increasing order."""
    return [cp for cp in range(MAX_CODE_POINT + 1) if cp not in SURROGATES]


def load_tokenizers():
    try:
        import tokenizers
    except ImportError:
        sys.exit(f"{SCRIPT_NAME}: needs the Python package tokenizers=={PINNED_TOKENIZERS} "
                 "(run it with the project's .venv/bin/python)")
    require(tokenizers.__version__ == PINNED_TOKENIZERS,
            f"found tokenizers {tokenizers.__version__}, but the tables must record the behaviour "
            f"of tokenizers {PINNED_TOKENIZERS}, the version attnmap is tested against; install "
            "that version (or move the pin deliberately and rerun the parity tests)")
    return tokenizers


# --- Probing `tokenizers` -----------------------------------------------------------------------

@dataclass
class Behaviour:
    """What `tokenizers` does with each code point, as sets and maps over code points."""
    clean_removes: set[int]           # BertNormalizer clean_text deletes it
    clean_to_space: set[int]          # clean_text replaces it by U+0020 (U+0020 itself excluded)
    chinese: set[int]                 # handle_chinese_chars surrounds it with spaces
    decompositions: dict[int, list[int]]  # NFD of the lone code point, where it changes
    combining: dict[int, int]         # canonical combining class as NFD orders it (non-zero only)
    strips: set[int]                  # strip_accents removes it (after NFD; NFD fixed points only)
    lowercase: dict[int, list[int]]   # BertNormalizer lowercase, where it changes
    white_space: set[int]             # BertPreTokenizer splits on it and drops it
    punctuation: set[int]             # BertPreTokenizer isolates it
    word: set[int]                    # regex \w as added tokens' single_word sees it
    letter: set[int]                  # \p{L} of ByteLevel's split regex (Oniguruma)
    number: set[int]                  # \p{N} of that regex
    compositions: dict[tuple[int, int], int]  # NFC's primary composites, (first, second) -> composite


def probe_normalizers(tk, cps: list[int]) -> dict:
    bert = tk.normalizers.BertNormalizer
    clean = bert(clean_text=True, handle_chinese_chars=False, strip_accents=False,
                 lowercase=False).normalize_str
    chinese = bert(clean_text=False, handle_chinese_chars=True, strip_accents=False,
                   lowercase=False).normalize_str
    strip = bert(clean_text=False, handle_chinese_chars=False, strip_accents=True,
                 lowercase=False).normalize_str
    lower = bert(clean_text=False, handle_chinese_chars=False, strip_accents=False,
                 lowercase=True).normalize_str
    nfd = tk.normalizers.NFD().normalize_str

    out = {"clean_removes": set(), "clean_to_space": set(), "chinese": set(),
           "decompositions": {}, "stripped": {}, "lowercase": {}}
    for cp in cps:
        ch = chr(cp)
        cleaned = clean(ch)
        if cleaned == "":
            out["clean_removes"].add(cp)
        elif cleaned != ch:
            require(cleaned == " ", f"clean_text maps U+{cp:04X} to {cleaned!r}, not to a space")
            out["clean_to_space"].add(cp)

        padded = chinese(ch)
        if padded != ch:
            require(padded == f" {ch} ", f"handle_chinese_chars gives {padded!r} for U+{cp:04X}")
            out["chinese"].add(cp)

        decomposed = nfd(ch)
        if decomposed != ch:
            out["decompositions"][cp] = [ord(c) for c in decomposed]
        stripped = strip(ch)
        if stripped != decomposed:
            out["stripped"][cp] = [ord(c) for c in stripped]

        lowered = lower(ch)
        if lowered != ch:
            out["lowercase"][cp] = [ord(c) for c in lowered]
    return out


def probe_compositions(tk, cps: list[int]) -> dict[tuple[int, int], int]:
    """The pairs NFC composes: every canonical two-character decomposition that tokenizers' NFC puts
    back together. Python's unicodedata only proposes candidates (a Unicode version no older than
    tokenizers' tables); composition exclusions, singletons and pairs newer than those tables fail
    the probe and are left out. Hangul syllables compose algorithmically (checked in C++ terms by
    hangul_composes)."""
    nfc = tk.normalizers.NFC().normalize_str
    hangul = range(HANGUL_S_BASE, HANGUL_S_BASE + HANGUL_S_COUNT)
    found = {}
    for cp in cps:
        if cp in hangul:
            continue
        fields = unicodedata.decomposition(chr(cp)).split()
        if len(fields) != 2 or fields[0].startswith("<"):
            continue
        first, second = (int(f, 16) for f in fields)
        if nfc(chr(first) + chr(second)) == chr(cp):
            found[(first, second)] = cp
    for cp in (HANGUL_S_BASE, HANGUL_S_BASE + 1, HANGUL_S_BASE + HANGUL_S_COUNT - 1):
        require(nfc("".join(map(chr, hangul_decomposition(cp)))) == chr(cp),
                f"NFC does not compose Hangul U+{cp:04X} algorithmically")
    return found


def probe_strips(decompositions: dict[int, list[int]], stripped: dict[int, list[int]]) -> set[int]:
    """strip_accents is NFD followed by a per-character filter. On an NFD fixed point the filter
    sees the character alone, so it is removed exactly when strip_accents outputs nothing. The
    filter is then checked against every decomposition."""
    strips = set()
    for cp, result in stripped.items():
        if cp not in decompositions:
            require(result == [], f"strip_accents turns U+{cp:04X} into {result}")
            strips.add(cp)
    for cp, parts in decompositions.items():
        require(all(p not in decompositions for p in parts),
                f"NFD of U+{cp:04X} is not a fixed point of NFD")
        expected = [p for p in parts if p not in strips]
        require(stripped.get(cp, parts) == expected,
                f"strip_accents of U+{cp:04X} is not NFD followed by a per-character filter")
    return strips


def probe_combining_classes(tk, cps: list[int], decompositions: dict[int, list[int]]) -> dict[int, int]:
    """The combining class that NFD's canonical reordering uses, for each NFD fixed point.

    Reference marks, one per non-zero class of Python's database, are first shown to be ordered by
    `tokenizers` as their classes say. Then, for each code point c, with R the references in
    increasing class: NFD("a" + c + R) moves a non-starter c past the references of lower class
    (stable sort), and NFD("a" + R + c) moves it before those of higher class. Both leave a starter
    where it is. So c's class equals reference j's exactly when c lands at j in the first and at
    j + 1 in the second; anything else is reported, not guessed. Only relative order matters to the
    sort, so labelling the classes with Python's values loses nothing. Characters that decompose
    never reach the sort (NFD sorts their decompositions) and are not probed."""
    nfd = tk.normalizers.NFD().normalize_str

    def non_starter(ch: str) -> bool:
        # U+0345 has class 240 and U+0334 class 1, the extremes: a class in 1..239 sorts before
        # U+0345, a class in 2..240 after U+0334.
        return nfd("a\u0345" + ch) != "a\u0345" + ch or nfd("a" + ch + "\u0334") != "a" + ch + "\u0334"

    # The reference for a class is its first member that this NFD also treats as a non-starter:
    # classes whose members are all newer than its tables (6, 218 for 0.23.3) have none.
    refs = {}
    for cp in range(MAX_CODE_POINT + 1):
        if cp in SURROGATES or cp in decompositions:
            continue
        ccc = unicodedata.combining(chr(cp))
        if ccc and ccc not in refs and non_starter(chr(cp)):
            refs[ccc] = cp
    classes = sorted(refs)
    ref_chars = [chr(refs[c]) for c in classes]
    ascending = "".join(ref_chars)
    require(nfd("a" + ascending[::-1]) == "a" + ascending,
            "the reference marks are not ordered by tokenizers' NFD as their classes say")
    n = len(ref_chars)

    combining = {}
    for cp in cps:
        if cp in decompositions:
            continue
        ch = chr(cp)
        first = nfd("a" + ch + ascending)
        last = nfd("a" + ascending + ch)
        require(len(first) == n + 2 and len(last) == n + 2, f"NFD changed length around U+{cp:04X}")
        k1 = first.index(ch, 1) - 1
        k2 = last.rindex(ch) - 1
        if (k1, k2) == (0, n):
            continue  # a starter: class 0
        require(k2 == k1 + 1,
                f"U+{cp:04X} sorts between two reference classes; its class has no Python value")
        combining[cp] = classes[k1]
    return combining


def probe_pre_tokenizer(tk, cps: list[int]) -> tuple[set[int], set[int]]:
    """BertPreTokenizer on "a" + c + "a": whitespace gives two pieces, punctuation three."""
    pre_tokenize = tk.pre_tokenizers.BertPreTokenizer().pre_tokenize_str
    white_space, punctuation = set(), set()
    for cp in cps:
        pieces = [piece for piece, _ in pre_tokenize(f"a{chr(cp)}a")]
        if pieces == ["a", "a"]:
            white_space.add(cp)
        elif pieces == ["a", chr(cp), "a"]:
            punctuation.add(cp)
        else:
            require(pieces == [f"a{chr(cp)}a"], f"BertPreTokenizer splits U+{cp:04X} as {pieces}")
    return white_space, punctuation


def probe_added_tokens(tk, cps: list[int]) -> tuple[set[int], set[int]]:
    """The regex classes the added-token matcher uses, seen through a tokenizer with no normalizer
    and no pre-tokenizer whose vocabulary is only [UNK]:
      - \\w: a single_word token "X" in c + "X" is dropped (one [UNK]) when c is a word character;
      - \\s: an lstrip token "X" in c + "X" grows over c, starting at 0, when c is whitespace."""
    from tokenizers import AddedToken, Tokenizer
    from tokenizers.models import WordLevel

    def tokenizer(token: AddedToken) -> Tokenizer:
        t = Tokenizer(WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
        t.add_tokens([token])
        return t

    single_word = tokenizer(AddedToken("X", single_word=True, normalized=False))
    lstrip = tokenizer(AddedToken("X", lstrip=True, normalized=False))
    word, space = set(), set()
    for i in range(0, len(cps), BATCH):
        batch = cps[i:i + BATCH]
        texts = [chr(cp) + "X" for cp in batch]
        for cp, e in zip(batch, single_word.encode_batch(texts, add_special_tokens=False)):
            require(len(e.ids) in (1, 2), f"unexpected single_word probe result at U+{cp:04X}")
            if len(e.ids) == 1:
                word.add(cp)
        for cp, e in zip(batch, lstrip.encode_batch(texts, add_special_tokens=False)):
            if e.offsets[-1] == (0, 2):
                space.add(cp)
            else:
                require(e.offsets[-1] == (1, 2), f"unexpected lstrip probe result at U+{cp:04X}")
    return word, space


def probe_byte_level(tk, cps: list[int]) -> dict[str, set[int]]:
    """The classes of ByteLevel's split regex,
    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+
    which put every code point in exactly one of L (\\p{L}), N (\\p{N}), S (\\s) and O (the rest).

    Probing code point by code point would take minutes, so runs are probed instead. Without "'"
    (contractions) and " " (the optional prefix), every piece the regex cuts is a run of one class:
    each alternative left matches one class only. So the pieces of all code points in a row are
    runs, and a run's class is the lead that it joins: "a" + run is one piece exactly when the whole
    run is L, "1" + run when it is N, "!" + run when it is O, and "\\t" + run (at the end of the
    text, where \\s+(?!\\S) takes all) when it is S. E.g. "ab\\u0301c" gives the runs "ab",
    "\\u0301", "c"; "!\\u0301" is one piece, so U+0301 is O. A run joining no lead, or two, stops
    generation. "'" and " " are probed alone the same way."""
    split = tk.pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True).pre_tokenize_str
    leads = {"L": "a", "N": "1", "O": "!", "S": "\t"}

    def class_of(run: str) -> str:
        joined = [name for name, lead in leads.items() if len(split(lead + run)) == 1]
        require(len(joined) == 1, f"ByteLevel run starting U+{ord(run[0]):04X} joins {joined}")
        return joined[0]

    alone = [0x27, 0x20]
    in_a_row = [cp for cp in cps if cp not in alone]
    text = "".join(map(chr, in_a_row))
    classes: dict[str, set[int]] = {name: set() for name in leads}
    covered = 0
    for _, (start, end) in split(text):
        require(start == covered, "ByteLevel pieces do not tile the text")
        classes[class_of(text[start:end])].update(in_a_row[start:end])
        covered = end
    require(covered == len(text), "ByteLevel pieces do not cover the text")
    for cp in alone:
        classes[class_of(chr(cp))].add(cp)
    return classes


def probe(tk) -> Behaviour:
    cps = code_points()
    norm = probe_normalizers(tk, cps)
    decompositions = norm["decompositions"]
    strips = probe_strips(decompositions, norm["stripped"])
    combining = probe_combining_classes(tk, cps, decompositions)
    compositions = probe_compositions(tk, cps)
    white_space, punctuation = probe_pre_tokenizer(tk, cps)
    word, regex_space = probe_added_tokens(tk, cps)
    byte_level = probe_byte_level(tk, cps)
    # BertPreTokenizer uses Rust's char::is_whitespace, the added-token matcher the regex crate's
    # \s. The C++ has one table for both, so they must agree.
    require(regex_space == white_space,
            "regex \\s (added-token lstrip/rstrip) and char::is_whitespace (BertPreTokenizer) "
            "differ; unicode_tables.h needs two functions")
    require(byte_level["S"] == white_space,
            "ByteLevel's \\s (Oniguruma) and char::is_whitespace differ; unicode_tables.h needs "
            "byte_level_is_space")
    return Behaviour(clean_removes=norm["clean_removes"], clean_to_space=norm["clean_to_space"],
                     chinese=norm["chinese"], decompositions=decompositions, combining=combining,
                     strips=strips, lowercase=norm["lowercase"], white_space=white_space,
                     punctuation=punctuation, word=word, letter=byte_level["L"],
                     number=byte_level["N"], compositions=compositions)


# --- Table building -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Property:
    function: str        # function name in unicode_tables.h
    ranges: list[Range]  # sorted, disjoint, non-adjacent

    @property
    def stem(self) -> str:  # "is_word_char" -> "WordChar"
        return "".join(part.capitalize() for part in self.function.removeprefix("is_").split("_"))


@dataclass(frozen=True)
class MappingTable:
    """Code point -> sequence of code points, stored as (code point, offset, length) into a pool."""
    entries: list[tuple[int, int, int]]
    pool: list[int]

    @staticmethod
    def build(mapping: dict[int, list[int]]) -> MappingTable:
        entries, pool = [], []
        for cp in sorted(mapping):
            entries.append((cp, len(pool), len(mapping[cp])))
            pool.extend(mapping[cp])
        # The C++ entry stores offset as uint16_t and length as uint8_t.
        require(len(pool) <= 0xFFFF, "mapping pool outgrew uint16_t offsets")
        return MappingTable(entries, pool)


def runs(values: dict[int, object]) -> list[tuple[int, int, object]]:
    """Collapses {code point: value} into maximal runs of consecutive code points, equal values."""
    result: list[tuple[int, int, object]] = []
    for cp in sorted(values):
        value = values[cp]
        if result and result[-1][1] == cp - 1 and result[-1][2] == value:
            result[-1] = (result[-1][0], cp, value)
        else:
            result.append((cp, cp, value))
    return result


def ranges_of(members) -> list[Range]:
    return [(first, last) for first, last, _ in runs(dict.fromkeys(members, True))]


def build_properties(b: Behaviour) -> list[Property]:
    """The boolean tables, in the order of their bits in kAsciiProperties."""
    members = {
        "bert_clean_text_removes": b.clean_removes,
        "bert_clean_text_to_space": b.clean_to_space,
        "bert_is_chinese_char": b.chinese,
        "bert_strips_as_accent": b.strips,
        "bert_is_punctuation": b.punctuation,
        "is_white_space": b.white_space,
        "is_word_char": b.word,
        "byte_level_is_letter": b.letter,
        "byte_level_is_number": b.number,
    }
    return [Property(function, ranges_of(cps)) for function, cps in members.items()]


def build_decompositions(b: Behaviour) -> MappingTable:
    hangul = range(HANGUL_S_BASE, HANGUL_S_BASE + HANGUL_S_COUNT)
    mapping = {}
    for cp, parts in b.decompositions.items():
        if cp in hangul:
            continue
        mapping[cp] = parts
    for cp in hangul:
        require(b.decompositions.get(cp) == hangul_decomposition(cp),
                f"Hangul algorithm disagrees with NFD at U+{cp:04X}")
    require(all(len(d) <= MAX_DECOMPOSITION for d in mapping.values()),
            "a decomposition is longer than MAX_DECOMPOSITION; raise the bound in unicode_tables.h")
    require(min(mapping) >= 0x80, "the C++ ASCII fast path assumes ASCII does not decompose")
    return MappingTable.build(mapping)


def hangul_decomposition(cp: int) -> list[int]:
    index = cp - HANGUL_S_BASE
    result = [HANGUL_L_BASE + index // HANGUL_N_COUNT,
              HANGUL_V_BASE + index % HANGUL_N_COUNT // HANGUL_T_COUNT]
    if index % HANGUL_T_COUNT:
        result.append(HANGUL_T_BASE + index % HANGUL_T_COUNT)
    return result


def build_lowercase(b: Behaviour) -> MappingTable:
    mapping = {}
    for cp, lower in b.lowercase.items():
        if cp < 0x80:
            # The C++ ASCII fast path handles these with arithmetic instead of the table.
            require(0x41 <= cp <= 0x5A and lower == [cp + 0x20], f"unexpected ASCII U+{cp:04X}")
            continue
        mapping[cp] = lower
    require(len(b.lowercase) - len(mapping) == 26, "lowercase does not map all of A..Z")
    require(all(len(low) <= MAX_LOWERCASE for low in mapping.values()),
            "a lowercase mapping is longer than MAX_LOWERCASE; raise the bound in unicode_tables.h")
    return MappingTable.build(mapping)


def build_combining_classes(b: Behaviour) -> list[tuple[int, int, int]]:
    require(min(b.combining) >= 0x80, "the C++ ASCII fast path assumes ASCII has combining class 0")
    return runs(b.combining)


# --- C++ emission -------------------------------------------------------------------------------

def hex_cp(cp: int) -> str:
    return f"0x{cp:04X}"


def array(decl: str, items: list[str]) -> str:
    return f"{decl} = {{\n{wrap(items)}\n}};\n"


def emit_mapping_table(name: str, table: MappingTable) -> str:
    pool = [hex_cp(cp) for cp in table.pool]
    entries = [f"{{{hex_cp(cp)}, {offset}, {length}}}" for cp, offset, length in table.entries]
    return (array(f"constexpr char32_t k{name}Pool[]", pool) + "\n" +
            array(f"constexpr Mapping k{name}[]", entries))


def generate(tk) -> str:
    behaviour = probe(tk)
    properties = build_properties(behaviour)
    decompositions = build_decompositions(behaviour)
    lowercase = build_lowercase(behaviour)
    combining = build_combining_classes(behaviour)
    require(len(properties) <= 16, "more properties than bits in kAsciiProperties' uint16_t")

    ascii_flags = []
    for cp in range(0x80):
        flags = sum(1 << bit for bit, prop in enumerate(properties)
                    if any(first <= cp <= last for first, last in prop.ranges))
        ascii_flags.append(f"0x{flags:04X}")

    out = [f"""\
// Generated by {SCRIPT_NAME} — do not edit.
// Behaviour of Hugging Face tokenizers {PINNED_TOKENIZERS}, probed code point by code point;
// combining classes labelled with Unicode {unicodedata.unidata_version}'s values (Python unicodedata).
// Regenerate with: {REGENERATE}
#include "core/unicode_tables.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace attnmap::unicode {{
namespace {{

struct Range {{
  char32_t first;
  char32_t last;  // inclusive
}};

struct ClassRange {{
  char32_t first;
  char32_t last;  // inclusive
  uint8_t value;
}};

// NFC's primary composites, sorted by (first, second).
struct Composition {{
  char32_t first, second, composite;
}};

// code_point maps to pool[offset, offset + length).
struct Mapping {{
  char32_t code_point;
  uint16_t offset;
  uint8_t length;
}};

// Ranges are sorted and disjoint: the first whose last >= c is the only one that can hold c.
template <typename Entry, size_t N>
const Entry* find_range(const Entry (&table)[N], char32_t c) {{
  const Entry* it = std::lower_bound(table, table + N, c,
                                     [](const Entry& e, char32_t v) {{ return e.last < v; }});
  return it != table + N && it->first <= c ? it : nullptr;
}}

template <size_t N>
const Mapping* find_mapping(const Mapping (&table)[N], char32_t c) {{
  const Mapping* it = std::lower_bound(
      table, table + N, c, [](const Mapping& m, char32_t v) {{ return m.code_point < v; }});
  return it != table + N && it->code_point == c ? it : nullptr;
}}

size_t copy_mapping(const Mapping& m, const char32_t* pool, char32_t* out) {{
  std::copy_n(pool + m.offset, m.length, out);
  return m.length;
}}

// Bit i of kAsciiProperties[c] is property i below, so ASCII never reaches a binary search.
"""]
    for bit, prop in enumerate(properties):
        out.append(f"constexpr uint16_t k{prop.stem}Bit = 0x{1 << bit:04X};\n")
    out.append("\n" + array("constexpr uint16_t kAsciiProperties[128]", ascii_flags))
    for prop in properties:
        items = [f"{{{hex_cp(a)}, {hex_cp(b)}}}" for a, b in prop.ranges]
        require(items, f"{prop.function} is empty")
        out.append("\n" + array(f"constexpr Range k{prop.stem}Ranges[]", items))
    out.append("\n" + array("constexpr ClassRange kCombiningClasses[]",
                            [f"{{{hex_cp(a)}, {hex_cp(b)}, {ccc}}}" for a, b, ccc in combining]))
    out.append("\n" + emit_mapping_table("Decompositions", decompositions))
    out.append("\n" + emit_mapping_table("Lowercase", lowercase))
    pairs = sorted(behaviour.compositions.items())
    require(all(second >= 0x80 for (_, second), _ in pairs), "ASCII text would compose; NFC's fast path assumes not")
    out.append("\n" + array("constexpr Composition kCompositions[]",
                            [f"{{{hex_cp(a)}, {hex_cp(b)}, {hex_cp(c)}}}" for (a, b), c in pairs]))
    out.append(f"""
constexpr char32_t kHangulSBase = {hex_cp(HANGUL_S_BASE)};
constexpr char32_t kHangulLBase = {hex_cp(HANGUL_L_BASE)};
constexpr char32_t kHangulVBase = {hex_cp(HANGUL_V_BASE)};
constexpr char32_t kHangulTBase = {hex_cp(HANGUL_T_BASE)};
constexpr char32_t kHangulTCount = {HANGUL_T_COUNT};
constexpr char32_t kHangulNCount = {HANGUL_N_COUNT};
constexpr char32_t kHangulSCount = {HANGUL_S_COUNT};

}}  // namespace
""")
    for prop in properties:
        out.append(f"""
bool {prop.function}(char32_t c) {{
  if (c < 0x80) return (kAsciiProperties[c] & k{prop.stem}Bit) != 0;
  return find_range(k{prop.stem}Ranges, c) != nullptr;
}}
""")
    out.append("""
uint8_t combining_class(char32_t c) {
  if (c < 0x80) return 0;
  const ClassRange* range = find_range(kCombiningClasses, c);
  return range ? range->value : 0;
}

size_t canonical_decompose(char32_t c, char32_t out[4]) {
  if (c >= kHangulSBase && c < kHangulSBase + kHangulSCount) {
    const char32_t index = c - kHangulSBase;
    out[0] = kHangulLBase + index / kHangulNCount;
    out[1] = kHangulVBase + index % kHangulNCount / kHangulTCount;
    if (index % kHangulTCount == 0) return 2;
    out[2] = kHangulTBase + index % kHangulTCount;
    return 3;
  }
  if (c >= 0x80) {
    if (const Mapping* m = find_mapping(kDecompositions, c)) {
      return copy_mapping(*m, kDecompositionsPool, out);
    }
  }
  out[0] = c;
  return 1;
}

char32_t canonical_compose(char32_t first, char32_t second) {
  if (first >= kHangulLBase && first < kHangulLBase + 19 && second >= kHangulVBase && second < kHangulVBase + 21)
    return kHangulSBase + ((first - kHangulLBase) * 21 + (second - kHangulVBase)) * kHangulTCount;
  if (first >= kHangulSBase && first < kHangulSBase + kHangulSCount && (first - kHangulSBase) % kHangulTCount == 0 &&
      second > kHangulTBase && second < kHangulTBase + kHangulTCount)
    return first + (second - kHangulTBase);
  const Composition* end = kCompositions + sizeof(kCompositions) / sizeof(kCompositions[0]);
  const Composition* it = std::lower_bound(kCompositions, end, std::pair{first, second},
                                           [](const Composition& c, const std::pair<char32_t, char32_t>& v) {
                                             return c.first != v.first ? c.first < v.first : c.second < v.second;
                                           });
  return it != end && it->first == first && it->second == second ? it->composite : 0;
}

size_t to_lower(char32_t c, char32_t out[3]) {
  if (c < 0x80) {
    out[0] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    return 1;
  }
  if (const Mapping* m = find_mapping(kLowercase, c)) return copy_mapping(*m, kLowercasePool, out);
  out[0] = c;
  return 1;
}

}  // namespace attnmap::unicode
""")
    return "".join(out)


# --- Grapheme clusters (Precompiled normalizer) ------------------------------------------------
# tokenizers walks extended grapheme clusters with the unicode-segmentation crate, which no
# tokenizers API exposes per code point, so this table comes from the `regex` module's Unicode
# properties instead; the tiny-xlmr parity corpus checks the result. Written (or checked) by
# --grapheme only.
GRAPHEME_OUTPUT = REPO_ROOT / "src" / "tokenizer" / "grapheme_table.inc"
GRAPHEME_CLASSES = ["CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator", "Prepend",
                    "SpacingMark", "L", "V", "T", "LV", "LVT"]  # GraphemeClass in grapheme.cpp, from 1


def generate_grapheme_table() -> str:
    import regex  # a dependency of transformers, so present in the venv

    patterns = [regex.compile(r"\p{Grapheme_Cluster_Break=%s}" % c) for c in GRAPHEME_CLASSES]
    pictographic = regex.compile(r"\p{Extended_Pictographic}")
    values = {}
    for cp in code_points():
        ch = chr(cp)
        value = next((i + 1 for i, p in enumerate(patterns) if p.match(ch)), 0)
        if pictographic.match(ch):
            value |= 0x80
        if value:
            values[cp] = value
    items = [f"{{{hex_cp(a)}, {hex_cp(b)}, {v}}}" for a, b, v in runs(values)]
    return ("// Generated with Python's `regex` module (" + regex.__version__ + "): Grapheme_Cluster_Break class (index into\n"
            "// GraphemeClass, 0 = Other) plus 0x80 for Extended_Pictographic, as sorted inclusive ranges.\n"
            "// Included by grapheme.cpp only.\n" + wrap(items) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="file to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the output file differs from what would be "
                             "generated")
    parser.add_argument("--grapheme", action="store_true",
                        help="write (or check) src/tokenizer/grapheme_table.inc instead, from the regex "
                             "module; --output does not apply")
    args = parser.parse_args()

    if args.grapheme:
        output, text, rerun = GRAPHEME_OUTPUT, generate_grapheme_table(), f"{REGENERATE} --grapheme"
    else:
        output, text, rerun = args.output, generate(load_tokenizers()), REGENERATE
    return write_or_check(output, text, args.check, rerun)


if __name__ == "__main__":
    sys.exit(main())

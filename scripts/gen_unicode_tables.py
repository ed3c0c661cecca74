#!/usr/bin/env python3
"""Generate src/tokenizer/unicode_tables.cpp from Python's Unicode database.

The tokenizer must classify and normalize text exactly like Hugging Face `tokenizers` (Rust). Rather
than depend on ICU, we generate the few tables it needs from `unicodedata`. The output depends only
on `unicodedata.unidata_version`: Pythons with the same Unicode version produce identical files,
and the version is recorded in the generated file so that a change shows up in review.

    python3 scripts/gen_unicode_tables.py           # rewrite the generated file
    python3 scripts/gen_unicode_tables.py --check   # exit 1 when the committed file is stale

The generated file implements src/tokenizer/unicode_tables.h, which is written by hand.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "src" / "tokenizer" / "unicode_tables.cpp"
SCRIPT_NAME = "scripts/gen_unicode_tables.py"


def require(condition: bool, message: str) -> None:
    """Stops generation when the source data breaks an assumption the C++ code relies on."""
    if not condition:
        sys.exit(f"{SCRIPT_NAME}: {message}")

MAX_CODE_POINT = 0x10FFFF
SURROGATES = range(0xD800, 0xE000)  # not characters; str methods on them are meaningless

# Output buffer sizes fixed by unicode_tables.h. Generation fails if the data outgrows them, in
# which case the header (and its callers) must be changed first.
MAX_DECOMPOSITION = 4
MAX_LOWERCASE = 3

# Hangul syllables decompose algorithmically (Unicode core specification, section 3.12), so they
# are computed in C++ instead of taking 11,172 table entries. The generator checks the algorithm
# against unicodedata before emitting it.
HANGUL_S_BASE = 0xAC00
HANGUL_L_BASE = 0x1100
HANGUL_V_BASE = 0x1161
HANGUL_T_BASE = 0x11A7
HANGUL_V_COUNT = 21
HANGUL_T_COUNT = 28
HANGUL_N_COUNT = HANGUL_V_COUNT * HANGUL_T_COUNT
HANGUL_S_COUNT = 19 * HANGUL_N_COUNT  # 19 leading consonants

# unicodedata does not expose the White_Space property. str.isspace() is close but also accepts
# U+001C..U+001F (bidi class B/S), which Rust's char::is_whitespace, and so `tokenizers`, does not.
# The list is checked against str.isspace() below so that a Unicode update cannot go unnoticed.
WHITE_SPACE = (
    *range(0x0009, 0x000E), 0x0020, 0x0085, 0x00A0, 0x1680, *range(0x2000, 0x200B),
    0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
)
ISSPACE_ONLY = frozenset(range(0x001C, 0x0020))

LETTER = ("Lu", "Ll", "Lt", "Lm", "Lo")
NUMBER = ("Nd", "Nl", "No")

# The properties in header order: function name -> the general categories it accepts, or None for
# is_white_space, which is not a function of the category (see WHITE_SPACE).
PROPERTIES = {
    "is_control_cc_cf_co": ("Cc", "Cf", "Co"),
    "is_punctuation": ("Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps"),
    "is_mark_nonspacing": ("Mn",),
    "is_letter": LETTER,
    "is_number": NUMBER,
    "is_white_space": None,
    "is_word_char": LETTER + NUMBER + ("Mn", "Mc", "Me", "Pc"),
}

Range = tuple[int, int]  # inclusive [first, last]


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


def code_points():
    """All code points except surrogates, in increasing order."""
    for cp in range(MAX_CODE_POINT + 1):
        if cp not in SURROGATES:
            yield cp


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


def build_properties() -> list[Property]:
    category = {cp: unicodedata.category(chr(cp)) for cp in code_points()}

    white_space = frozenset(WHITE_SPACE)
    isspace = frozenset(cp for cp in code_points() if chr(cp).isspace())
    require(isspace == white_space | ISSPACE_ONLY,
            "WHITE_SPACE no longer matches str.isspace() minus U+001C..U+001F; review it against "
            f"PropList.txt of Unicode {unicodedata.unidata_version}")

    properties = []
    for function, categories in PROPERTIES.items():
        if categories is None:
            members = white_space
        else:
            members = (cp for cp, cat in category.items() if cat in categories)
        properties.append(Property(function, ranges_of(members)))
    return properties


def hangul_decomposition(cp: int) -> list[int]:
    index = cp - HANGUL_S_BASE
    result = [HANGUL_L_BASE + index // HANGUL_N_COUNT,
              HANGUL_V_BASE + index % HANGUL_N_COUNT // HANGUL_T_COUNT]
    if index % HANGUL_T_COUNT:
        result.append(HANGUL_T_BASE + index % HANGUL_T_COUNT)
    return result


def build_decompositions() -> MappingTable:
    hangul = range(HANGUL_S_BASE, HANGUL_S_BASE + HANGUL_S_COUNT)
    mapping = {}
    for cp in code_points():
        # NFD of a single code point is its full, recursively expanded canonical decomposition,
        # already in canonical order.
        nfd = [ord(ch) for ch in unicodedata.normalize("NFD", chr(cp))]
        if nfd == [cp]:
            continue
        if cp in hangul:
            require(nfd == hangul_decomposition(cp), f"Hangul algorithm disagrees at U+{cp:04X}")
            continue
        mapping[cp] = nfd
    require(all(len(d) <= MAX_DECOMPOSITION for d in mapping.values()),
            "a decomposition is longer than MAX_DECOMPOSITION; raise the bound in unicode_tables.h")
    require(min(mapping) >= 0x80, "the C++ ASCII fast path assumes ASCII does not decompose")
    return MappingTable.build(mapping)


def build_lowercase() -> MappingTable:
    mapping = {}
    for cp in code_points():
        # str.lower() applies the full (SpecialCasing) mappings. Its one contextual rule, final
        # sigma, never fires on a one-character string, so a lone U+03A3 gives U+03C3 as in Rust.
        lower = [ord(ch) for ch in chr(cp).lower()]
        if lower == [cp]:
            continue
        if cp < 0x80:
            # The C++ ASCII fast path handles these with arithmetic instead of the table.
            require(0x41 <= cp <= 0x5A and lower == [cp + 0x20], f"unexpected ASCII U+{cp:04X}")
            continue
        mapping[cp] = lower
    require(all(len(low) <= MAX_LOWERCASE for low in mapping.values()),
            "a lowercase mapping is longer than MAX_LOWERCASE; raise the bound in unicode_tables.h")
    return MappingTable.build(mapping)


def build_combining_classes() -> list[tuple[int, int, int]]:
    classes = {}
    for cp in code_points():
        ccc = unicodedata.combining(chr(cp))
        if ccc:
            classes[cp] = ccc
    require(min(classes) >= 0x80, "the C++ ASCII fast path assumes ASCII has combining class 0")
    return runs(classes)


# --- C++ emission -------------------------------------------------------------------------------

def hex_cp(cp: int) -> str:
    return f"0x{cp:04X}"


def wrap(items: list[str], width: int = 100, indent: str = "    ") -> str:
    """Comma-separated items packed greedily into lines of at most `width` columns."""
    lines, line = [], indent
    for item in items:
        piece = item + ","
        if line != indent and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = indent
        line += piece if line == indent else " " + piece
    if line != indent:
        lines.append(line)
    return "\n".join(lines)


def array(decl: str, items: list[str]) -> str:
    return f"{decl} = {{\n{wrap(items)}\n}};\n"


def emit_mapping_table(name: str, table: MappingTable) -> str:
    pool = [hex_cp(cp) for cp in table.pool]
    entries = [f"{{{hex_cp(cp)}, {offset}, {length}}}" for cp, offset, length in table.entries]
    return (array(f"constexpr char32_t k{name}Pool[]", pool) + "\n" +
            array(f"constexpr Mapping k{name}[]", entries))


def generate() -> str:
    properties = build_properties()
    decompositions = build_decompositions()
    lowercase = build_lowercase()
    combining = build_combining_classes()

    ascii_flags = []
    for cp in range(0x80):
        flags = sum(1 << bit for bit, prop in enumerate(properties)
                    if any(first <= cp <= last for first, last in prop.ranges))
        ascii_flags.append(f"0x{flags:02X}")

    out = [f"""\
// Generated by {SCRIPT_NAME} — do not edit.
// Unicode {unicodedata.unidata_version} (Python unicodedata.unidata_version).
// Regenerate with: python3 {SCRIPT_NAME}
#include "tokenizer/unicode_tables.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

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
        out.append(f"constexpr uint8_t k{prop.stem}Bit = 0x{1 << bit:02X};\n")
    out.append("\n" + array("constexpr uint8_t kAsciiProperties[128]", ascii_flags))
    for prop in properties:
        out.append("\n" + array(f"constexpr Range k{prop.stem}Ranges[]",
                                [f"{{{hex_cp(a)}, {hex_cp(b)}}}" for a, b in prop.ranges]))
    out.append("\n" + array("constexpr ClassRange kCombiningClasses[]",
                            [f"{{{hex_cp(a)}, {hex_cp(b)}, {ccc}}}" for a, b, ccc in combining]))
    out.append("\n" + emit_mapping_table("Decompositions", decompositions))
    out.append("\n" + emit_mapping_table("Lowercase", lowercase))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="file to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the output file differs from what would be "
                             "generated")
    args = parser.parse_args()

    text = generate()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is stale; rerun {SCRIPT_NAME}", file=sys.stderr)
            return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generate tests/corpus/tokenizer_corpus.txt, the stress corpus for tokenizer parity tests.

attnmap's C++ tokenizers must produce exactly what Hugging Face `tokenizers` produces for BERT
WordPiece (uncased and cased), RoBERTa byte-level BPE and sentencepiece Unigram (XLM-R) models.
scripts/ref/make_golden.py encodes every line of this corpus with `tokenizers`, and the C++ tests
compare their ids, tokens and offsets with those goldens. Besides ordinary English the corpus is
deliberately hostile: many scripts, decomposed text, combining marks, emoji sequences, control,
format and odd whitespace characters, very long words and lines, and special-token look-alikes.

Regenerate it (the output is committed) after changing this script, then regenerate the goldens:

    .venv/bin/python -m scripts.gen.tokenizer_corpus           # rewrite the corpus
    .venv/bin/python -m scripts.gen.tokenizer_corpus --check   # exit 1 when the committed corpus is stale

Format: UTF-8 without BOM, one text per line, every line terminated by "\\n". Lines are separated by
"\\n" ONLY: a text may contain "\\r", U+0085, U+2028, U+2029, vertical tab, form feed and other
characters that str.splitlines() and many line readers treat as line breaks. Read it with
open(path, encoding="utf-8", newline="\\n") or split the bytes on b"\\n".

The output is a pure function of SEED, this script and Python's Unicode database: every text comes
from word lists and templates written here, or from characters chosen by code point and filtered
with `unicodedata`. No network, no data files. Each section draws from its own random stream, so
editing one section mostly leaves the others alone; the mixtures, which sample every section, and
the one "mixed" long line change too.
"""
from __future__ import annotations

import argparse
import functools
import random
import string
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from scripts.gen.emit import requirement, write_or_check

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "tests" / "corpus" / "tokenizer_corpus.txt"
SCRIPT_NAME = "scripts/gen/tokenizer_corpus.py"
REGENERATE = ".venv/bin/python -m scripts.gen.tokenizer_corpus"

SEED = "attnmap-tokenizer-corpus-v1"
# Character pools are filtered by general category, so another Unicode version would select other
# characters and silently produce a different corpus. Python 3.11 ships Unicode 14.0.0.
EXPECTED_UNIDATA_VERSION = "14.0.0"
MAX_OUTPUT_BYTES = 3_000_000


require = requirement(SCRIPT_NAME)  # stops generation on a broken assumption, naming it


Generator = Callable[[random.Random], str]


# =================================================================================================
# Helpers shared by the sections
# =================================================================================================

def is_surrogate(code_point: int) -> bool:
    """Surrogates are not characters and cannot be encoded in UTF-8; they must never be emitted."""
    return 0xD800 <= code_point <= 0xDFFF


@functools.lru_cache(maxsize=None)
def chars_in(first: int, last: int, categories: tuple[str, ...]) -> tuple[str, ...]:
    """Characters in [first, last] whose general category starts with one of `categories`
    ("L" matches every letter category, "Mn" only nonspacing marks)."""
    chars = tuple(chr(cp) for cp in range(first, last + 1)
                  if not is_surrogate(cp) and unicodedata.category(chr(cp)).startswith(categories))
    require(chars, f"no characters of categories {categories} in U+{first:04X}..U+{last:04X}")
    return chars


def letters(first: int, last: int) -> tuple[str, ...]:
    return chars_in(first, last, ("L",))


def marks(first: int, last: int) -> tuple[str, ...]:
    return chars_in(first, last, ("M",))


def code_points(*values: int) -> tuple[str, ...]:
    return tuple(chr(v) for v in values)


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return options[rng.randrange(len(options))]


def weighted(rng: random.Random, options: Sequence[tuple[float, Generator]]) -> str:
    """Runs one generator chosen with the given weights."""
    generator = rng.choices([g for _, g in options], [w for w, _ in options])[0]
    return generator(rng)


def random_word(rng: random.Random, alphabet: Sequence[str], min_len: int, max_len: int) -> str:
    return "".join(rng.choices(alphabet, k=rng.randint(min_len, max_len)))


def join_random(rng: random.Random, pieces: Sequence[str], count_range: tuple[int, int],
                separator: str = " ") -> str:
    return separator.join(rng.choices(pieces, k=rng.randint(*count_range)))


def insert_at_random(rng: random.Random, text: str, insertion: str) -> str:
    position = rng.randint(0, len(text))
    return text[:position] + insertion + text[position:]


def as_sentence(words: Sequence[str], end: str = ".") -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + end


def random_case(rng: random.Random, text: str) -> str:
    """Mostly leaves text alone; sometimes ALL CAPS, lower, Title or rAnDoM case. str.upper() and
    str.lower() change lengths ("ß" -> "SS", "İ" -> "i̇"), which is part of the point."""
    style = rng.choices(("as_is", "upper", "lower", "title", "random"), (10, 3, 2, 2, 1))[0]
    if style == "upper":
        return text.upper()
    if style == "lower":
        return text.lower()
    if style == "title":
        return text.title()
    if style == "random":
        return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)
    return text


def random_normal_form(rng: random.Random, text: str) -> str:
    """NFC, NFD, or a per-word mixture: tokenizers that normalize (or don't) must agree on both
    precomposed and decomposed input, and on lines that contain both."""
    form = rng.choices(("NFC", "NFD", "mixed"), (5, 3, 2))[0]
    if form != "mixed":
        return unicodedata.normalize(form, text)
    return " ".join(unicodedata.normalize(rng.choice(("NFC", "NFD")), w) for w in text.split(" "))


def fill(rng: random.Random, fixed: Sequence[str], count: int,
         generators: Sequence[tuple[float, Generator]]) -> list[str]:
    """The hand-written `fixed` lines, then distinct random lines from the weighted `generators`
    until there are `count` lines. Fixed lines may repeat on purpose (empty lines)."""
    require(len(fixed) <= count, f"{len(fixed)} fixed lines do not fit in a section of {count}")
    lines = list(fixed)
    seen = set(lines)
    attempts = 0
    while len(lines) < count:
        attempts += 1
        require(attempts < 50 * count, "generators produce too many duplicate lines")
        line = weighted(rng, generators)
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return lines


# =================================================================================================
# Section: plain English — reviews, news, questions, numbers, dates, prices, URLs, e-mail addresses,
# code, punctuation runs and contractions. The bulk of real input, and where WordPiece and BPE merges
# matter most.
# =================================================================================================

MOVIE_NOUNS = ("movie", "film", "plot", "script", "soundtrack", "cast", "ending", "director", "sequel",
               "cinematography", "dialogue", "pacing", "villain", "twist", "trailer", "lead actress",
               "special effects", "score", "first act", "final scene", "remake", "popcorn")
FOOD_NOUNS = ("pasta", "soup", "service", "waiter", "dessert", "steak", "coffee", "menu", "brunch",
              "pizza", "curry", "salad", "tiramisu", "wine list", "bread", "fries", "sushi", "burger",
              "staff", "patio", "espresso", "ramen", "dumplings", "bill")
POSITIVE_ADJECTIVES = ("great", "wonderful", "brilliant", "delicious", "charming", "superb", "fresh",
                       "memorable", "gorgeous", "hilarious", "moving", "flawless", "cozy", "friendly",
                       "well-made", "top-notch", "heartwarming", "crisp")
NEGATIVE_ADJECTIVES = ("awful", "bland", "boring", "overpriced", "cold", "forgettable", "rude",
                       "predictable", "soggy", "confusing", "loud", "slow", "greasy", "pretentious",
                       "half-baked", "mediocre", "overrated", "stale")
INTENSIFIERS = ("very", "really", "so", "extremely", "incredibly", "absolutely", "a bit", "somewhat",
                "not", "never", "totally", "pretty", "surprisingly", "utterly", "kinda", "super")
OPENERS = ("Honestly,", "Overall,", "To be fair,", "Sadly,", "Wow.", "Ugh.", "In short,", "Frankly,",
           "All in all,", "Well,", "OK so", "Meh.", "Yikes!", "Okay,", "Bottom line:", "TL;DR:")
FEELINGS = ("loved", "hated", "enjoyed", "didn't like", "couldn't stand", "adored", "don't get",
            "can't recommend", "was blown away by", "fell asleep during")
RELATIVES = ("mom", "sister", "friend", "boss", "neighbour", "grandmother", "roommate", "kid")
REVIEW_TEMPLATES = (
    "The {noun} was {intensifier} {adjective}.",
    "{opener} the {noun} was {adjective} but the {noun2} was {adjective2}.",
    "I {feeling} the {noun}{punct}",
    "{opener} I'd give it {small}/10.",
    "What a {adjective} {noun}{punct}",
    "Never again{punct} The {noun} took {small}0 minutes and it was {adjective2}.",
    "If you like {adjective} food, you'll love this place.",
    "We've been here {small} times and the {noun} is always {adjective}.",
    "Not {adjective}, not {adjective2}, just fine.",
    "{small} stars, would go again",
    "The {noun} wasn't {adjective} at all, it's {intensifier} {adjective2}!",
    "My {relative} said the {noun} was \"{adjective}\", and she's right.",
    "Can't believe the {noun} cost {price}{punct}",
    "{opener} {intensifier} {adjective}{punct}",
    "the {noun} tho",
    "Five minutes in, I knew the {noun} would be {adjective}; two hours later I was sure.",
)

CITIES = ("Springfield", "Riverton", "Lakeside", "Port Amelia", "New Harbor", "Eastfield",
          "Northgate", "Millbrook", "St. Avery", "Kingsbridge-on-Sea")
ORGANISATIONS = ("the city council", "the transport authority", "the central bank", "the weather service",
                 "researchers at the university", "the school board", "local police",
                 "the health ministry", "the U.N. agency", "the union")
COMPANIES = ("Bluefin Analytics", "Corvid Systems Inc.", "Maple & Birch Ltd.", "Quillwork AG",
             "Tessera Labs", "O'Neill-Park Group", "NorthStar Co.", "Halcyon S.A.")
THINGS = ("bridge", "subway line", "library", "stadium", "ferry service", "highway", "hospital wing",
          "water plant", "airport terminal", "data centre")
EVENTS = ("evacuated", "rescued", "injured", "displaced", "vaccinated", "hired", "laid off", "relocated")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NEWS_TEMPLATES = (
    "{city} — {organisation} said on {weekday} that {number} people had been {event}.",
    "{Organisation} announced a {percent} increase in funding for the {thing} in {year}.",
    "Officials expect the {thing} to reopen by {date}, according to a statement released late {weekday}.",
    "Shares of {company} fell {percent} to {price} after the company cut its {year} forecast.",
    "The new {thing} will cost an estimated {price}, {organisation} said.",
    "\"We're doing everything we can,\" a spokesperson for {organisation} told reporters on {weekday}.",
    "At least {number} homes lost power as the storm moved across {city} on {date}.",
    "BREAKING: {company} to acquire {company2} for {price} per share",
    "{city}, {date} (Staff) - The {thing} closed at {time} after a {percent} drop in traffic.",
    "UPDATE {time}: the {thing} in {city} is open again.",
)

PLACES = ("pharmacy", "train station", "post office", "museum", "bakery", "gym", "bank", "bookstore",
          "ATM", "café", "hospital", "hotel")
TASKS = ("reset my password", "cancel my order", "change the font size", "get a refund", "boil an egg",
         "renew a passport", "export a CSV file", "turn off notifications", "fix a flat tire")
OPTIONS = ("tea", "coffee", "Python", "C++", "the book", "the movie", "trains", "planes", "vim", "emacs",
           "tabs", "spaces")
QUESTION_TEMPLATES = (
    "What time does the {place} open on {weekday}?",
    "Is the {noun} worth {price}?",
    "How do I {task}?",
    "Why didn't anyone tell me about the {noun}?",
    "Where's the nearest {place}?",
    "Can you recommend a good {place} near {city}?",
    "Does anyone know if the {place} takes credit cards??",
    "Who directed that {adjective} {noun} from {year}?",
    "Are they open on {date}?",
    "how much is shipping to {city}",
    "Is it me, or is the {noun} {intensifier} {adjective}?!",
    "Which is better: {option} or {option2}?",
    "Should I {task} before {weekday}, or can it wait?",
    "What's {number} times {small}?",
)

FACT_TEMPLATES = (
    "The meeting is on {date} at {time}.",
    "Tickets cost {price} ({price2} for students).",
    "Call {phone} or write to {email}.",
    "See {url} for details.",
    "Population: {number} (est. {year}).",
    "It weighs {decimal} kg and measures {small}×{number} cm.",
    "Version {version} was released on {date}.",
    "Order #{digits} shipped {date}; tracking no. {digits2}.",
    "Temperature: {signed}°C ({signed2}°F) at {time}.",
    "Growth was {percent} in Q{quarter} {year}.",
    "{number} + {number2} = ?",
    "Room {number}, floor {small}, building {letter}.",
    "Contact: {email} | {phone} | {url}",
    "{date} {time} INFO request took {decimal}ms (p99={decimal2}ms)",
)

CONTRACTIONS = ("don't", "it's", "we'll", "I'M", "can't", "won't", "shouldn't've", "y'all", "I'd",
                "you're", "they've", "o'clock", "rock 'n' roll", "'90s", "ma'am", "let's", "isn't",
                "DON'T", "WE'LL", "It'S", "there's", "she'd've", "ain't", "'tis", "c'mon", "gov't")
# Apostrophe look-alikes: U+2019 and U+2018 are punctuation, U+02BC is a letter (Lm), U+00B4 and
# U+0060 are symbols, U+FF07 is fullwidth. BERT splits on some of them and not on others.
APOSTROPHES = ("'", "\u2019", "\u2018", "\u02bc", "\u00b4", "`", "\uff07", "\u2032")
CONTRACTION_TEMPLATES = (
    "I don't think it's {adjective}, but we'll see.",
    "It's the director's cut, isn't it?",
    "They'd've loved it if it weren't for the {noun}.",
    "The {noun}'s {adjective}; the {noun2}'s not.",
    "James' car and the Joneses' dog",
    "I'M NOT SURE THAT'S {ADJECTIVE}, Y'ALL.",
    "We'll meet at 5 o'clock, won't we?",
    "Rock 'n' roll in the '70s wasn't {adjective}.",
    "'Quoted' and \"double quoted\" and 'unbalanced",
    "you're you’re youʼre you‘re you`re you´re",
)

CODE_SNIPPETS = (
    "for (int i = 0; i < n; ++i) { total += values[i]; }",
    "if (x != nullptr && x->next) return x->next->value;",
    "def area(r): return 3.14159 * r ** 2",
    "print(f\"{name!r:>10} = {value:.3f}\")",
    "const add = (a, b) => a + b;",
    "console.log(`Hello, ${user.name}!`);",
    "SELECT id, name FROM users WHERE age >= 18 ORDER BY name DESC;",
    "#include <iostream>",
    "std::vector<std::pair<int, std::string>> items;",
    "let mut buf: Vec<u8> = Vec::with_capacity(1024);",
    "git commit -m \"Fix off-by-one in parser\" && git push origin main",
    "squares = [i**2 for i in range(10) if i % 2 == 0]",
    "<div class=\"note\"><a href=\"/home\">Home</a></div>",
    "{\"id\": 42, \"tags\": [\"a\", \"b\"], \"ok\": true, \"score\": null}",
    "a &= ~mask; b |= 1 << 7; c ^= d >> 2;",
    "$ ./configure --prefix=/usr/local && make -j8",
    "grep -rn \"TODO\" src/ | wc -l",
    "/^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$/i",
    "C:\\Users\\admin\\Documents\\report_final_v2.docx",
    "/usr/lib/x86_64-linux-gnu/libc.so.6",
    "SyntaxError: unexpected EOF while parsing (line 12, col 4)",
    "int main(int argc, char** argv) { return 0; }",
    "handler = lambda event, *args, **kwargs: None",
    "my_var_name = other__var + __dunder__",
    "camelCaseIdentifier PascalCaseIdentifier snake_case_identifier SCREAMING_CASE kebab-case-id",
    "key1=value1;key2=value2;key3=",
    "// comment /* nested? */ ::= <expr> | <term>",
    "0b1010_1010, 0o755, 1_000_000, 3.0e-8f, 0xDEADBEEF, 1e+308, .5, 5.",
    "i++; --j; k += 2; l -= 3; m *= 4; n /= 5; o %= 6; p **= 2; q //= 3;",
    "import numpy as np; np.zeros((3, 4), dtype=np.float32)",
    "echo $HOME ${PATH:-/bin} $((1 + 2)) `date` 2>&1 >/dev/null",
    "<?php echo htmlspecialchars($_GET['q']); ?>",
    "\\begin{equation} E = mc^2 \\end{equation}",
    "[link text](https://example.com \"title\") **bold** _italic_ `code` ~~strike~~",
    "\tif (ok) {",
    "        return std::nullopt;",
    "}}}}",
    "assert tokens == ['[CLS]', 'hello', '[SEP]'], tokens",
    "obj?.field ?? fallback ?: other !== undefined",
    "x:=y; a<-b; c=>d; e<=>f; g::h; i..j; k...l",
)

EMPHATIC_ENDINGS = ("!!!", "...", "?!", "?!?!", "!!1!", "\u2026", "!?", "....", "!!!!!!!!!!", ",,,",
                    ";;", " :)", " :-(", " ;-)", " <3", " xD", " ^_^", "?????", "!!!???", " -_-",
                    " >:(", " :P", "--", "\u2014", "\u2013", " (!)", " [sic]")
ELONGATED = ("Sooooo", "noooooo", "YESSSSS", "hmmmmm", "wowwww", "Aaaaaand", "whyyyy", "loooong",
             "pleeease", "OMGGGG", "brrrr", "zzz", "ahahahaha", "lolol", "uhhhh")


def random_date(rng: random.Random) -> str:
    year, month, day = rng.randint(1899, 2031), rng.randint(1, 12), rng.randint(1, 28)
    name = MONTHS[month - 1]
    formats = (f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}",
               f"{month}/{day}/{year % 100:02d}", f"{name} {day}, {year}", f"{day} {name[:3]} {year}",
               f"{day}.{month}.{year}",
               f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
               f"{WEEKDAYS[day % 7][:3]}, {day} {name[:3]} {year}",
               f"the {day}{ordinal_suffix(day)} of {name}", f"{name.upper()} {day}", f"'{year % 100:02d}",
               f"{year}/{month:02d}")
    return pick(rng, formats)


def ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def random_time(rng: random.Random) -> str:
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    meridiem = rng.choice(("am", "pm", " a.m.", " P.M."))
    seconds, millis = rng.randint(0, 59), rng.randint(0, 999)
    formats = (f"{hour:02d}:{minute:02d}", f"{hour % 12 or 12}:{minute:02d}{meridiem}", f"{hour}h{minute:02d}",
               f"{hour:02d}:{minute:02d}:{seconds:02d}.{millis:03d}", "noon", "midnight",
               f"{hour % 12 or 12} o'clock")
    return pick(rng, formats)


def random_number(rng: random.Random) -> str:
    formats = (str(rng.randint(0, 9)), str(rng.randint(10, 99_999)), f"{rng.randint(1000, 99_999_999):,}",
               f"{rng.uniform(0, 1000):.{rng.randint(1, 4)}f}", f"-{rng.randint(1, 500)}",
               f"{rng.uniform(1, 9):.2f}e{rng.randint(-12, 30)}", f"0x{rng.getrandbits(32):08X}",
               f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d},{rng.randint(0, 99):02d}",  # 1.234,56
               f"1/{rng.randint(2, 64)}", f"{rng.randint(1, 31)}{ordinal_suffix(rng.randint(1, 31))}",
               f"{rng.randint(1, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}",  # 1 234 567
               f"#{rng.randint(1, 999)}", f"+{rng.randint(1, 99)}", f"{rng.randint(2, 12)}x")
    return pick(rng, formats)


def random_price(rng: random.Random) -> str:
    amount = rng.randint(1, 99_999) / 100
    formats = (f"${amount:,.2f}", f"${rng.randint(1, 5000):,}", f"€{amount:.2f}".replace(".", ","),
               f"{amount:.2f} €", f"£{rng.uniform(0.1, 9.9):.1f}m", f"¥{rng.randint(100, 99999)}",
               f"₹{rng.randint(100, 99999):,}", f"USD {rng.randint(1, 500)}", f"${amount:.2f}/mo",
               f"CHF {rng.randint(1, 99)}.-", f"R$ {amount:.2f}".replace(".", ","), f"{amount:.2f}$",
               f"{rng.randint(1, 99)}¢", f"₩{rng.randint(1000, 99999):,}", "$0.99", "free")
    return pick(rng, formats)


def random_phone(rng: random.Random) -> str:
    def digits(n: int) -> str:
        return "".join(rng.choices(string.digits, k=n))

    formats = (f"+1 (555) 01{digits(1)}-{digits(4)}", f"555-01{digits(2)}", f"+44 20 7946 0{digits(3)}",
               f"030 {digits(6)}", f"+81-3-{digits(4)}-{digits(4)}", f"({digits(3)}) {digits(3)}.{digits(4)}")
    return pick(rng, formats)


HOST_WORDS = ("example", "shop", "news", "docs", "api", "blog", "my-site", "cdn", "mail", "files")
# Only reserved names: example.{com,org,net} and the .test/.example/.invalid top-level domains.
DOMAINS = ("example.com", "example.org", "example.net", "shop.test", "site.example", "host.invalid",
           "example.co.uk")
PATH_WORDS = ("index.html", "api", "v1", "users", "search", "wiki", "Caf%C3%A9", "2024", "item_42",
              "a-b-c", "~user", "download.tar.gz", "img.png", "%E2%9C%93", "")


def random_url(rng: random.Random) -> str:
    scheme = rng.choice(("https://", "http://", "ftp://", "", "www."))
    host = f"{rng.choice(HOST_WORDS)}.{rng.choice(DOMAINS)}" if rng.random() < 0.4 else rng.choice(DOMAINS)
    port = f":{rng.choice((80, 443, 8080, 3000))}" if rng.random() < 0.15 else ""
    path = "/".join(rng.choices(PATH_WORDS, k=rng.randint(0, 4)))
    query = (f"?q={rng.choice(OPTIONS).replace(' ', '+')}&page={rng.randint(1, 9)}"
             if rng.random() < 0.3 else "")
    fragment = f"#{rng.choice(('top', 'section-2', 'L10-L20'))}" if rng.random() < 0.2 else ""
    return f"{scheme}{host}{port}/{path}{query}{fragment}"


FIXED_URLS = ("http://localhost:8080/api/v1/users?id=42&sort=desc", "https://例え.テスト/パス?キー=値",
              "mailto:someone@example.com?subject=Hi%20there", "https://example.com/path/(with)/parens_(x)",
              "https://user:pa55@example.org:8443/a/b;c?d=e#f", "file:///home/user/My%20Documents/",
              "<https://example.net>", "[https://example.com/a?b=c]", "https://xn--caf-dma.example/")
EMAIL_LOCAL_PARTS = ("first.last", "user+tag", "O'Brien", "x_y-z", "UPPER", "info", "a", "no.reply",
                     "jean-luc", "user%host", "ünïcødé", "1234")


def random_email(rng: random.Random) -> str:
    return f"{rng.choice(EMAIL_LOCAL_PARTS)}@{rng.choice(DOMAINS)}"


def english_fields(rng: random.Random) -> dict[str, str]:
    """Values for every placeholder the English templates use; str.format ignores the unused ones."""
    food = rng.random() < 0.5
    nouns = FOOD_NOUNS if food else MOVIE_NOUNS
    positive = rng.random() < 0.5
    adjectives, others = ((POSITIVE_ADJECTIVES, NEGATIVE_ADJECTIVES) if positive
                          else (NEGATIVE_ADJECTIVES, POSITIVE_ADJECTIVES))
    organisation = rng.choice(ORGANISATIONS)
    adjective = rng.choice(adjectives)
    return {
        "noun": rng.choice(nouns), "noun2": rng.choice(nouns), "adjective": adjective,
        "ADJECTIVE": adjective.upper(), "adjective2": rng.choice(others),
        "intensifier": rng.choice(INTENSIFIERS), "opener": rng.choice(OPENERS),
        "feeling": rng.choice(FEELINGS), "relative": rng.choice(RELATIVES),
        "punct": rng.choice((".", "!", "!!", "...", "?!", "")), "small": str(rng.randint(1, 9)),
        "price": random_price(rng), "price2": random_price(rng), "city": rng.choice(CITIES),
        "organisation": organisation, "Organisation": organisation[0].upper() + organisation[1:],
        "company": rng.choice(COMPANIES), "company2": rng.choice(COMPANIES), "thing": rng.choice(THINGS),
        "event": rng.choice(EVENTS), "weekday": rng.choice(WEEKDAYS), "number": random_number(rng),
        "number2": random_number(rng), "percent": f"{rng.uniform(0, 40):.1f}%",
        "year": str(rng.randint(1950, 2030)), "date": random_date(rng), "time": random_time(rng),
        "place": rng.choice(PLACES), "task": rng.choice(TASKS), "option": rng.choice(OPTIONS),
        "option2": rng.choice(OPTIONS), "phone": random_phone(rng), "email": random_email(rng),
        "url": random_url(rng), "decimal": f"{rng.uniform(0, 500):.{rng.randint(1, 3)}f}",
        "decimal2": f"{rng.uniform(0, 5000):.1f}",
        "version": f"{rng.randint(0, 12)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}",
        "digits": str(rng.randint(10_000, 999_999)),
        "digits2": "".join(rng.choices(string.digits + "ABCDEFX", k=14)),
        "signed": str(rng.randint(-40, 45)), "signed2": str(rng.randint(-40, 113)),
        "quarter": str(rng.randint(1, 4)), "letter": rng.choice(string.ascii_uppercase),
    }


def render(rng: random.Random, templates: Sequence[str]) -> str:
    return rng.choice(templates).format(**english_fields(rng))


def from_templates(templates: Sequence[str]) -> Generator:
    return lambda rng: render(rng, templates)


def review_paragraph(rng: random.Random) -> str:
    """One to eight review sentences: covers short and medium lengths in one generator."""
    count = rng.choices((1, 2, 3, 5, 8), (5, 4, 3, 2, 1))[0]
    return " ".join(render(rng, REVIEW_TEMPLATES) for _ in range(count))


def news_paragraph(rng: random.Random) -> str:
    count = rng.choices((1, 2, 4), (5, 3, 1))[0]
    return " ".join(render(rng, NEWS_TEMPLATES) for _ in range(count))


def short_phrase(rng: random.Random) -> str:
    words = rng.choices(POSITIVE_ADJECTIVES + NEGATIVE_ADJECTIVES + MOVIE_NOUNS + FOOD_NOUNS + INTENSIFIERS,
                        k=rng.randint(1, 3))
    return random_case(rng, " ".join(words) + rng.choice(("", ".", "!", "?")))


def emphatic_line(rng: random.Random) -> str:
    head = rng.choice((rng.choice(ELONGATED), render(rng, REVIEW_TEMPLATES).rstrip(".!?")))
    return random_case(rng, head + rng.choice(EMPHATIC_ENDINGS))


def contraction_line(rng: random.Random) -> str:
    """Contractions with the apostrophe swapped for one of its look-alikes."""
    line = rng.choice((render(rng, CONTRACTION_TEMPLATES),
                       " ".join(rng.choices(CONTRACTIONS, k=rng.randint(1, 6)))))
    return random_case(rng, line.replace("'", rng.choice(APOSTROPHES)))


def code_line(rng: random.Random) -> str:
    snippets = rng.choices(CODE_SNIPPETS, k=rng.choices((1, 2), (4, 1))[0])
    return rng.choice((" ", "  ", "; ", "\t")).join(snippets)


def url_line(rng: random.Random) -> str:
    address = rng.choice((random_url(rng), random_email(rng), rng.choice(FIXED_URLS)))
    template = rng.choice(("{a}", "Visit {a} now!", "({a})", "email me at {a}.", "<{a}>", "\"{a}\"",
                           "Link: {a}, or {b}", "{a}{b}"))
    return template.format(a=address, b=random_url(rng))


def english_lines(rng: random.Random, count: int) -> list[str]:
    fixed = ["Hello, world!", "Hi.", "OK", "a", "I", "The quick brown fox jumps over the lazy dog.",
             "This movie was not bad at all.", "U.S.A. vs. U.K.: e.g., i.e., etc., Dr. Smith, 3 p.m.",
             "state-of-the-art, well-known, mother-in-law's, x-ray, e-mail, re-enter",
             "He said: \u201cIt\u2019s fine.\u201d She said \u2018no\u2019 \u2014 twice \u2013 then "
             "left\u2026",
             "WHY?!", "What...", "no!!!", "?!", "!!!", "...", "???", "-", "--", "a.b.c", "1.2.3", "1,000,000",
             "3.14159", "-0.0", "+1", "10%", "$5", "5$", "24/7", "9-5", "50/50", "A+", "C#", "F#m7", ".NET",
             "e.g.", "Mr.", "Ph.D.", "can't", "CAN'T", "Can\u2019t", "I\u2019m", "it\u2019s",
             "rock\u2019n\u2019roll"]
    generators = (
        (24, review_paragraph), (10, news_paragraph), (12, from_templates(QUESTION_TEMPLATES)),
        (12, from_templates(FACT_TEMPLATES)), (8, short_phrase), (8, emphatic_line), (8, contraction_line),
        (7, code_line), (7, url_line), (4, lambda r: random_case(r, review_paragraph(r))),
    )
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: accented Latin and other cased alphabets — precomposed (NFC) and decomposed (NFD) forms,
# case changes (ALL CAPS, Title), ß/ẞ, ligatures, fullwidth letters, compatibility look-alikes
# (Kelvin, Ångström, Ohm signs), Greek final sigma, Turkish dotted and dotless i, Cyrillic, Armenian,
# Georgian. Exercises lowercasing, accent stripping and NFKC.
# =================================================================================================

LATIN_WORDS = {
    "French": ("café", "crème", "brûlée", "naïve", "garçon", "Noël", "où", "déjà", "vu", "l'été", "hôtel",
               "forêt", "œuvre", "cœur", "façade", "élève", "très", "à", "bientôt", "Ça", "va", "château",
               "août", "maïs", "Éric", "Hélène", "goût", "sœur", "ambiguë", "Œdipe", "aujourd'hui",
               "qu'il", "s'est", "Ève", "Ægir"),
    "German": ("Straße", "Größe", "Mädchen", "schön", "über", "Fußgängerübergänge", "Äpfel", "Öl",
               "Übung", "Grüße", "heißen", "Maß", "weiß", "Bäckerei", "tschüß", "Käse", "müssen",
               "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz", "GROẞ", "STRAẞE"),
    "Spanish": ("mañana", "niño", "¿Dónde", "está?", "¡Olé!", "corazón", "pingüino", "acción", "señor",
                "año", "jalapeño", "Ñandú", "rápido", "También", "árbol", "ácido", "vergüenza",
                "¿Qué", "tal?", "España"),
    "Portuguese": ("ação", "coração", "não", "informações", "pão", "mãe", "avô", "avó", "você", "lição",
                   "São", "Paulo", "órgão", "saúde", "pôr", "têm", "Conceição", "irmã", "João", "põe"),
    # Vietnamese stacks two diacritics on one vowel (ế, ậ, ữ); NFD also reorders them by combining class.
    "Vietnamese": ("Việt", "Nam", "tiếng", "người", "những", "được", "trường", "phở", "Nguyễn", "Hà",
                   "Nội", "Huế", "cảm", "ơn", "xin", "chào", "bánh", "mì", "cà", "phê", "đường", "ướt",
                   "nghiêng", "khỏe", "đẹp", "mười", "ngữ", "thưởng", "chuyện", "yêu", "quốc", "luật",
                   "hiểu", "Đặng", "ậ", "ỗ", "ự"),
    "Polish": ("Łódź", "zażółć", "gęślą", "jaźń", "Kraków", "źdźbło", "Gdańsk", "Wrocław", "dziękuję",
               "cześć", "żółw", "ŁÓDŹ", "mąka", "świeży", "Szczebrzeszyn", "chrząszcz", "brzmi", "trzcinie"),
    # Turkish: "İ".lower() is "i" + U+0307 and "ı".upper() is "I", so case changes alter lengths.
    "Turkish": ("İstanbul", "Iğdır", "ılık", "ışık", "DİYARBAKIR", "Şişli", "çiçek", "ödül", "Türkçe",
                "KIRMIZI", "İzmir", "ığdır", "sığ", "kılıç", "İ", "ı", "I", "i", "İİİ", "ııı"),
    "Czech": ("příliš", "žluťoučký", "kůň", "úpěl", "ďábelské", "ódy", "Dvořák", "čaj", "ľad", "ťava",
              "Řeřicha"),
    "Nordic": ("Ærø", "smørrebrød", "Ålesund", "øl", "blåbærsyltetøy", "Þórr", "Reykjavík", "ð", "þjóð",
               "Göteborg", "Malmö", "Åland", "ævintýri"),
    # Romanian has both comma-below (ș ț, correct) and cedilla (ş ţ, legacy) forms in the wild.
    "Romanian": ("București", "țară", "ştiinţă", "știință", "mâine", "în", "și", "șase"),
    "Hungarian": ("Győr", "őrült", "fűzfa", "tűz", "árvíztűrő", "tükörfúrógép", "ŐSZ", "ÁRVÍZTŰRŐ"),
    "Other": ("ħobż", "ķēķis", "ąžuolas", "ĉiuĵaŭde", "ŵ", "ŷ", "đak", "ə", "ẹ̀kọ́", "ą́", "nǐ", "hǎo",
              "lǜ", "lüè", "ʻōlelo", "ĳsselmeer", "Ĳssel", "ǅemal", "ǈubljana", "ǋegoš", "ŉ", "ǰ"),
}

LANGUAGE_SENTENCES = (
    "Le garçon a mangé une crème brûlée au café.",
    "Où est l'hôtel ? À gauche, après la forêt !",
    "Die Straße ist groß und schön, aber der Fußgängerübergang fehlt.",
    "Grüße aus Köln — wir heißen Sie willkommen!",
    "¿Dónde está la estación? ¡Qué día tan rápido!",
    "El niño comió jalapeños con el señor Muñoz.",
    "A ação do coração não tem razão, disse João.",
    "Tiếng Việt có nhiều dấu: ắ, ằ, ẳ, ẵ, ặ, ế, ề, ể, ễ, ệ.",
    "Người Việt Nam ăn phở ở Hà Nội mỗi buổi sáng.",
    "Zażółć gęślą jaźń w Łodzi i Krakowie.",
    "İstanbul'da ılık bir akşam; DİYARBAKIR'a gidiyoruz.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Árvíztűrő tükörfúrógép",
    "Þórr og Óðinn fóru til Reykjavíkur.",
    "Sus ve çiçekleri sula, Ilgaz'ın ışıkları yanıyor.",
)

SPECIAL_LATIN_LINES = (
    "Straße STRASSE STRAẞE strasse ß ẞ ss SS",
    "ﬁnancial ﬂows, ﬀ ﬃ ﬄ ﬅ ﬆ, oﬃce, ﬁ, ﬂ",
    "Ĳ ĳ Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ",
    "0 \u212a = -273.15 °C; 1 \u212b = 0.1 nm; 5 \u2126 resistor",  # Kelvin, Ångström and Ohm signs
    "\u212a\u212a\u212a vs KKK vs kkk",
    "ſ ẛ ß ÿ Ÿ ª º µ",
    "İ ı i̇ I i — İSTANBUL istanbul",
    "Σ σ ς — ΣΟΦΟΣ σοφος σοφός ΌΣΟΣ",
    "ΐ ΰ ϐ ϑ ϕ ϖ ϰ ϱ ϲ ϵ ẞ",
    "Ǳ ǲ ǳ ǰ ŉ ΐ և ﬓ ﬔ",
)

GREEK_WORDS = ("καλημέρα", "ευχαριστώ", "Αθήνα", "λόγος", "σοφός", "Οδυσσεύς", "ψυχή", "θάλασσα",
               "ἀρχή", "ὁ", "ΐ", "ΰ", "ΣΟΦΟΣ", "ΑΣΣΟΣ", "Ελλάδα", "ζωή", "ΌΣΟΣ", "ἄνθρωπος", "ᾅδης")
CYRILLIC_WORDS = ("Привет", "мир", "спасибо", "Москва", "ёжик", "съешь", "ещё", "этих", "мягких",
                  "булок", "ґанок", "їжак", "Київ", "Ђорђе", "Љубљана", "Џ", "қазақ", "ѓ", "ЁЛКА",
                  "Здравствуйте", "ПРИВЕТ", "щи", "объявление", "Ѣ", "ѣ")
# Armenian "և" (U+0587) uppercases to two letters; U+FB13..FB17 are Armenian ligatures.
ARMENIAN_WORDS = ("Բարեւ", "Հայաստան", "Երևան", "շնորհակալություն", "և", "ﬓ", "ﬔ", "ԱՐՄԵՆԻԱ", "գիրք")
# Georgian Mkhedruli (U+10D0) uppercases to Mtavruli (U+1C90, Unicode 11); Asomtavruli is U+10A0.
GEORGIAN_WORDS = ("გამარჯობა", "საქართველო", "თბილისი", "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "Ⴀ", "ⴀ", "ქართული", "მადლობა")

# Latin-1 Supplement, Latin Extended-A/B, IPA and Latin Extended Additional: the letters that
# accent stripping, lowercasing and NFKC have to get right.
LATIN_EXTENDED_RANGES = ((0x00C0, 0x024F), (0x0250, 0x02AF), (0x1E00, 0x1EFF))


def language_sentence(rng: random.Random) -> str:
    words = LATIN_WORDS[rng.choice(sorted(LATIN_WORDS))]
    sentence = as_sentence(rng.choices(words, k=rng.randint(1, 12)), rng.choice(".!?…,;:"))
    return random_normal_form(rng, random_case(rng, sentence))


def hand_written_sentence(rng: random.Random) -> str:
    return random_normal_form(rng, random_case(rng, rng.choice(LANGUAGE_SENTENCES)))


def latin_letter_soup(rng: random.Random) -> str:
    """Made-up words from the extended Latin blocks, mixed with plain English words."""
    alphabet = letters(*rng.choice(LATIN_EXTENDED_RANGES))
    words = [random_word(rng, alphabet, 1, 10) if rng.random() < 0.6 else rng.choice(MOVIE_NOUNS)
             for _ in range(rng.randint(1, 8))]
    return random_normal_form(rng, " ".join(words))


def alphabet_sentence(words: Sequence[str]) -> Generator:
    return lambda rng: random_normal_form(rng, random_case(rng, as_sentence(
        rng.choices(words, k=rng.randint(1, 10)), rng.choice((".", "!", ";", "?", "", ";")))))


def to_fullwidth(text: str) -> str:
    """ASCII to its fullwidth forms (U+FF01..U+FF5E), space to the ideographic space U+3000."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def fullwidth_line(rng: random.Random) -> str:
    phrase = rng.choice((short_phrase(rng), render(rng, REVIEW_TEMPLATES), "ABC abc 123",
                         random_date(rng), random_price(rng)))
    if rng.random() < 0.5:
        return to_fullwidth(phrase)
    return " ".join(to_fullwidth(w) if rng.random() < 0.5 else w for w in phrase.split(" "))


def special_latin_line(rng: random.Random) -> str:
    return random_normal_form(rng, random_case(rng, rng.choice(SPECIAL_LATIN_LINES)))


def latin_lines(rng: random.Random, count: int) -> list[str]:
    fixed = list(SPECIAL_LATIN_LINES) + list(LANGUAGE_SENTENCES)
    fixed += [unicodedata.normalize("NFD", s) for s in LANGUAGE_SENTENCES + SPECIAL_LATIN_LINES]
    fixed += [s.upper() for s in LANGUAGE_SENTENCES] + [s.title() for s in LANGUAGE_SENTENCES[:5]]
    fixed += ["ＡＢＣ", "ａｂｃ", "ＡＢＣ１２３", "Ｈｅｌｌｏ，\u3000ｗｏｒｌｄ！", "ΣΑΣ", "ΑΣ.", "Σ", "σ", "ς",
              "\u212a", "\u212b", "\u2126", "ﬁ", "ẞ", "ß", "İ", "ı"]
    generators = (
        (30, language_sentence), (8, hand_written_sentence), (10, latin_letter_soup),
        (8, fullwidth_line), (6, special_latin_line), (8, alphabet_sentence(GREEK_WORDS)),
        (8, alphabet_sentence(CYRILLIC_WORDS)), (4, alphabet_sentence(ARMENIAN_WORDS)),
        (4, alphabet_sentence(GEORGIAN_WORDS)),
    )
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: CJK and other scripts — Chinese, Japanese (kana and kanji, halfwidth katakana), Korean
# (syllables and decomposed jamo), CJK Extension A/B, CJK compatibility ideographs (which NFC maps to
# unified ideographs), Thai, Arabic and Hebrew (right-to-left, with vowel points), Indic scripts with
# spacing (Mc) and nonspacing (Mn) vowel signs, Ethiopic, and more. BERT splits CJK ideographs into
# single characters but not kana, hangul or Thai; sentencepiece has no spaces to lean on in most.
# =================================================================================================

CHINESE_SENTENCES = (
    "我今天去超市买了苹果和牛奶。", "这部电影的结局让我很失望。", "你明天有空吗？我们一起吃饭吧！",
    "这家餐厅的服务非常好，价格也合理。", "请在下午三点以前提交报告。", "他说：“我不知道。”",
    "学习中文需要耐心和时间。", "天气预报说周末会下雨。", "我的电脑坏了，需要修理。",
    "这本书一共有三百二十页。", "繁體中文和简体中文有些不同。", "小猫在窗台上睡觉。", "火车晚点了四十分钟。",
    "祝你生日快乐！", "我用iPhone 15拍了200张照片，花了¥6,999。", "《红楼梦》是一部小说（清代）。",
)
JAPANESE_SENTENCES = (
    "東京は日本の首都です。", "今日はとても暑いですね。", "この映画は本当に面白かった！", "すみません、駅はどこですか？",
    "ラーメンを食べに行きましょう。", "私の名前は田中です。よろしくお願いします。", "コンピューターが動かなくなりました。",
    "新しいスマートフォンを買いました。", "桜の花がきれいに咲いています。", "明日の会議は午後二時からです。",
    "ﾃｽﾄﾃﾞｽ、ｶﾀｶﾅﾃﾞｽ。", "ポケット・モンスター〜ゲーム", "「はい」と彼は言った。", "ｺｰﾋｰ と コーヒー",
)
KOREAN_SENTENCES = (
    "안녕하세요, 만나서 반갑습니다.", "이 영화 정말 재미있어요!", "오늘 날씨가 좋네요.", "서울은 한국의 수도입니다.",
    "김치찌개가 너무 맛있었어요.", "내일 몇 시에 만날까요?", "한국어를 공부하고 있습니다.", "감사합니다.",
    "배송이 너무 늦었어요. 실망입니다.", "커피 한 잔 주세요.", "ㅋㅋㅋㅋ ㅠㅠ ㅎㅎ",
)
RTL_SENTENCES = (
    "مرحبا بالعالم", "شكرا جزيلا", "اللغة العربية جميلة", "كيف حالك؟", "هذا الفيلم رائع جدا",
    "السلام عليكم", "مَرْحَبًا", "كِتَابٌ", "اَلْعَرَبِيَّةُ", "جمـــيل", "عام ٢٠٢٤م", "سلام دنیا ۱۲۳",
    "شکریہ",
    "ﻻ ﻷ ﷲ ﷺ", "The word سلام means peace.", "Price: ٣٥٫٥٠ ريال، شكرا",
    "שלום עולם", "תודה רבה", "עברית", "ירושלים", "מה שלומך?", "הסרט היה מצוין", "שָׁלוֹם",
    "בְּרֵאשִׁית", "בית־ספר", "צ׳יפס", "ך ם ן ף ץ", "שׁ שׂ וּ", "He said שלום and left.",
)
INDIC_AND_OTHER_SENTENCES = (
    "नमस्ते दुनिया", "हिन्दी", "भारत", "धन्यवाद", "यह फ़िल्म बहुत अच्छी थी।", "क्षत्रिय", "ज़िंदगी",
    "श्री", "प्रेम", "१२३४", "॥ ॐ ॥", "বাংলা", "ধন্যবাদ", "আমি তোমাকে ভালোবাসি", "তামিল: தமிழ்",
    "வணக்கம்", "நன்றி", "கொ", "తెలుగు", "నమస్కారం", "ಕನ್ನಡ", "ನಮಸ್ಕಾರ", "മലയാളം", "നന്ദി", "ൽ",
    "ગુજરાતી", "ਪੰਜਾਬੀ", "ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ", "සිංහල", "ආයුබෝවන්", "ሰላም ዓለም", "ኢትዮጵያ", "አማርኛ",
    "አዲስ አበባ", "እንኳን ደህና መጣህ።", "፩፪፫ ፲፪", "བོད་ཡིག", "ភាសាខ្មែរ", "မြန်မာ", "ພາສາລາວ",
    "สวัสดีครับ", "ขอบคุณมาก", "ภาษาไทย", "ประเทศไทย", "กรุงเทพมหานคร", "อาหารอร่อยมาก", "ฉันรักคุณ",
    "ร้านนี้บริการดี", "วันนี้อากาศร้อน", "น้ำ ผู้หญิง เด็ก", "๑๒๓", "ᠮᠣᠩᠭᠣᠯ\u180eᠠ", "ᏣᎳᎩ ꮳꮃꭹ",
)

CJK_PUNCTUATION = tuple("，。！？、；：「」『』（）《》【】〜・…\u3000")
UNIFIED_IDEOGRAPHS = letters(0x4E00, 0x9FFF)
CJK_EXTENSION_A = letters(0x3400, 0x4DBF)
CJK_EXTENSION_B = letters(0x20000, 0x2A6DF)        # four UTF-8 bytes each
CJK_COMPATIBILITY = letters(0xF900, 0xFAFF)        # canonical decompositions to unified ideographs
CJK_COMPATIBILITY_SUPPLEMENT = letters(0x2F800, 0x2FA1F)
KANGXI_RADICALS = chars_in(0x2F00, 0x2FDF, ("So",))  # compatibility decompositions
KANA = letters(0x3041, 0x30FF)
HALFWIDTH_KATAKANA = letters(0xFF66, 0xFF9F)
HANGUL_SYLLABLES = letters(0xAC00, 0xD7A3)

# Scripts whose syllables are a base letter plus optional vowel signs and other marks (spacing Mc
# and nonspacing Mn): (first, last) code point of the letters, then of the marks.
SYLLABIC_SCRIPTS = {
    "Devanagari": ((0x0900, 0x097F), (0x0900, 0x097F)), "Bengali": ((0x0980, 0x09FF), (0x0980, 0x09FF)),
    "Gurmukhi": ((0x0A00, 0x0A7F), (0x0A00, 0x0A7F)), "Gujarati": ((0x0A80, 0x0AFF), (0x0A80, 0x0AFF)),
    "Tamil": ((0x0B80, 0x0BFF), (0x0B80, 0x0BFF)), "Telugu": ((0x0C00, 0x0C7F), (0x0C00, 0x0C7F)),
    "Kannada": ((0x0C80, 0x0CFF), (0x0C80, 0x0CFF)), "Malayalam": ((0x0D00, 0x0D7F), (0x0D00, 0x0D7F)),
    "Sinhala": ((0x0D80, 0x0DFF), (0x0D80, 0x0DFF)), "Thai": ((0x0E00, 0x0E7F), (0x0E00, 0x0E7F)),
    "Lao": ((0x0E80, 0x0EFF), (0x0E80, 0x0EFF)), "Tibetan": ((0x0F00, 0x0FFF), (0x0F00, 0x0FFF)),
    "Myanmar": ((0x1000, 0x109F), (0x1000, 0x109F)), "Khmer": ((0x1780, 0x17FF), (0x1780, 0x17FF)),
    "Arabic": ((0x0620, 0x064A), (0x064B, 0x065F)), "Hebrew": ((0x05D0, 0x05EA), (0x0591, 0x05C7)),
    "Ethiopic": ((0x1200, 0x137F), (0x1200, 0x137F)), "Mongolian": ((0x1820, 0x1878), (0x180B, 0x18A9)),
}
# Cased scripts outside Latin, Greek and Cyrillic, two of them in plane 1 (four-byte case mappings).
CASED_SCRIPTS = {"Cherokee": (0x13A0, 0x13FD), "Cherokee small": (0xAB70, 0xABBF),
                 "Deseret": (0x10400, 0x1044F), "Osage": (0x104B0, 0x104FB), "Adlam": (0x1E900, 0x1E943)}


def syllable(rng: random.Random, letter_range: tuple[int, int], mark_range: tuple[int, int]) -> str:
    base = pick(rng, letters(*letter_range))
    return base + "".join(rng.choices(marks(*mark_range), k=rng.choices((0, 1, 2, 3), (4, 5, 2, 1))[0]))


def syllabic_line(rng: random.Random) -> str:
    letter_range, mark_range = SYLLABIC_SCRIPTS[rng.choice(sorted(SYLLABIC_SCRIPTS))]
    words = ["".join(syllable(rng, letter_range, mark_range) for _ in range(rng.randint(1, 5)))
             for _ in range(rng.randint(1, 8))]
    # Thai, Lao, Khmer, Myanmar and Tibetan are written without spaces between words, ZWSP marks
    # word boundaries invisibly; all three separators occur in real text of every script here.
    separator = rng.choices((" ", "", "\u200b"), (2, 1, 1))[0]
    return separator.join(words)


def cased_script_line(rng: random.Random) -> str:
    first, last = CASED_SCRIPTS[rng.choice(sorted(CASED_SCRIPTS))]
    return random_case(rng, " ".join(random_word(rng, letters(first, last), 1, 8)
                                     for _ in range(rng.randint(1, 6))))


def ideograph_run(rng: random.Random) -> str:
    """Mostly common ideographs, sometimes from Extension A/B or the compatibility blocks."""
    pools = (UNIFIED_IDEOGRAPHS, CJK_EXTENSION_A, CJK_EXTENSION_B, CJK_COMPATIBILITY,
             CJK_COMPATIBILITY_SUPPLEMENT, KANGXI_RADICALS)
    pool = rng.choices(pools, (12, 2, 3, 3, 1, 1))[0]
    return random_word(rng, pool, 1, 12)


def chinese_line(rng: random.Random) -> str:
    pieces = [ideograph_run(rng) + rng.choice(CJK_PUNCTUATION) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:  # Latin words and numbers glued to ideographs, as in real Chinese text
        position = rng.randint(0, len(pieces))
        pieces.insert(position, rng.choice(("iPhone", "AI", "2024年", "OK", "3.5%", "GPU ")))
    return "".join(pieces)


def japanese_line(rng: random.Random) -> str:
    text = "".join(rng.choice((random_word(rng, KANA, 1, 6), random_word(rng, UNIFIED_IDEOGRAPHS, 1, 3),
                               random_word(rng, HALFWIDTH_KATAKANA, 1, 5), rng.choice(CJK_PUNCTUATION)))
                   for _ in range(rng.randint(1, 8)))
    return unicodedata.normalize(rng.choice(("NFC", "NFC", "NFD")), text)  # NFD splits が into か + U+3099


def korean_line(rng: random.Random) -> str:
    text = " ".join(random_word(rng, HANGUL_SYLLABLES, 1, 5) for _ in range(rng.randint(1, 7)))
    return unicodedata.normalize(rng.choice(("NFC", "NFC", "NFD")), text)  # NFD gives conjoining jamo


def fixed_sentence(sentences: Sequence[str]) -> Generator:
    """A hand-written sentence, sometimes decomposed and sometimes next to English."""
    def make(rng: random.Random) -> str:
        text = unicodedata.normalize(rng.choice(("NFC", "NFC", "NFD", "NFKC")), rng.choice(sentences))
        if rng.random() < 0.2:
            text = f"{rng.choice(('Translation:', 'He wrote', '->'))} {text} ({short_phrase(rng)})"
        return text
    return make


def scripts_lines(rng: random.Random, count: int) -> list[str]:
    fixed = list(CHINESE_SENTENCES + JAPANESE_SENTENCES + KOREAN_SENTENCES + RTL_SENTENCES
                 + INDIC_AND_OTHER_SENTENCES)
    fixed += ["𠀀𠀁𠀂", "𪚲", "豈 更 車", "豈更車", "⼀⼆⼃", "中文English混合", "ㄅㄆㄇ", "〇一二三"]
    generators = (
        (10, fixed_sentence(CHINESE_SENTENCES)), (6, fixed_sentence(JAPANESE_SENTENCES)),
        (6, fixed_sentence(KOREAN_SENTENCES)), (8, fixed_sentence(RTL_SENTENCES)),
        (8, fixed_sentence(INDIC_AND_OTHER_SENTENCES)), (14, chinese_line), (8, japanese_line),
        (8, korean_line), (24, syllabic_line), (6, cased_script_line),
    )
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: emoji — single emoji, skin-tone modifiers, ZWJ sequences, flags (regional indicator
# pairs and tag sequences), keycaps, variation selectors, and emoji glued inside words. One visible
# emoji is often several code points; byte-level BPE splits them mid-character.
# =================================================================================================

ZWJ = "\u200d"
VS15, VS16 = "\ufe0e", "\ufe0f"  # text and emoji presentation selectors
KEYCAP = "\u20e3"
SKIN_TONES = code_points(*range(0x1F3FB, 0x1F400))
EMOJI = (chars_in(0x1F300, 0x1F5FF, ("So",)) + chars_in(0x1F600, 0x1F64F, ("So",))
         + chars_in(0x1F680, 0x1F6FF, ("So",)) + chars_in(0x1F900, 0x1F9FF, ("So",))
         + chars_in(0x1FA70, 0x1FAFF, ("So",)))
# Characters that default to text presentation and take VS15/VS16: ☺ ☀ ❤ ✔ ↩ ™ © ® ‼ 〰 〽 ✂ ✏ ⭐ ☁.
TEXT_DEFAULT_EMOJI = code_points(0x263A, 0x2600, 0x2764, 0x2714, 0x21A9, 0x2122, 0x00A9, 0x00AE, 0x203C,
                                 0x3030, 0x303D, 0x2702, 0x270F, 0x2B50, 0x2601)
# 👍 👋 🙌 👏 🧑 👩 👨 💪 🤞 ✌ 🏃 🚴 🧘 👴 👶 take skin-tone modifiers.
MODIFIABLE_EMOJI = code_points(0x1F44D, 0x1F44B, 0x1F64C, 0x1F44F, 0x1F9D1, 0x1F469, 0x1F468, 0x1F4AA,
                               0x1F91E, 0x270C, 0x1F3C3, 0x1F6B4, 0x1F9D8, 0x1F474, 0x1F476)
PERSONS = code_points(0x1F9D1, 0x1F469, 0x1F468)
# 💻 🚀 🔬 ⚕️ 🍳 🎨 🌾 🏫 ✈️ 🚒 ⚖️ 🔧: person + ZWJ + object makes a profession.
PROFESSION_OBJECTS = code_points(0x1F4BB, 0x1F680, 0x1F52C, 0x1F373, 0x1F3A8, 0x1F33E, 0x1F3EB, 0x1F692,
                                 0x1F527) + ("\u2695\ufe0f", "\u2708\ufe0f", "\u2696\ufe0f")
FAMILY_MEMBERS = code_points(0x1F468, 0x1F469, 0x1F467, 0x1F466)
OTHER_ZWJ_SEQUENCES = (
    "\U0001F3F3\ufe0f\u200d\U0001F308",  # rainbow flag
    "\U0001F3F4\u200d\u2620\ufe0f",      # pirate flag
    "\u2764\ufe0f\u200d\U0001F525",      # heart on fire
    "\U0001F415\u200d\U0001F9BA",        # service dog
    "\U0001F441\ufe0f\u200d\U0001F5E8\ufe0f",  # eye in speech bubble
)
COUNTRY_CODES = ("US", "GB", "DE", "FR", "JP", "CN", "KR", "IN", "BR", "MX", "ZA", "NG", "EG", "IL", "SA",
                 "UA", "PL", "TR", "VN", "TH", "CA", "AU", "SE", "ET", "AR", "GR", "AM", "GE", "EU", "UN")
SUBDIVISION_FLAGS = ("gbeng", "gbsct", "gbwls")  # black flag + tag letters + cancel tag
KAOMOJI = ("¯\\_(ツ)_/¯", "(╯°□°)╯︵ ┻━┻", "ʕ•ᴥ•ʔ", "( ͡° ͜ʖ ͡°)", "(＾▽＾)", "(ಥ﹏ಥ)", "ᕕ( ᐛ )ᕗ",
           "(☞ﾟヮﾟ)☞", "♪~ ᕕ(ᐛ)ᕗ", ":-)", ":'(", "<3", "</3", "xD", "=^.^=", "(｡◕‿◕｡)")


def flag(country_code: str) -> str:
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in country_code)


def subdivision_flag(code: str) -> str:
    return "\U0001F3F4" + "".join(chr(0xE0000 + ord(c)) for c in code) + "\U000E007F"


def keycap(rng: random.Random) -> str:
    return rng.choice("0123456789#*") + rng.choice((VS16 + KEYCAP, KEYCAP, VS15 + KEYCAP))


def skin_toned(rng: random.Random) -> str:
    return rng.choice(MODIFIABLE_EMOJI) + rng.choice(SKIN_TONES)


def profession(rng: random.Random) -> str:
    tone = rng.choice(SKIN_TONES) if rng.random() < 0.5 else ""
    return rng.choice(PERSONS) + tone + ZWJ + rng.choice(PROFESSION_OBJECTS)


def family_of(members: str) -> str:
    return ZWJ.join(members)


def family(rng: random.Random) -> str:
    return family_of("".join(rng.sample(FAMILY_MEMBERS, rng.randint(2, 4))))


def presentation_variant(rng: random.Random) -> str:
    return rng.choice(TEXT_DEFAULT_EMOJI) + rng.choice((VS15, VS16, ""))


def one_emoji(rng: random.Random) -> str:
    makers = ((10, lambda r: r.choice(EMOJI)), (4, skin_toned), (3, profession), (2, family),
              (3, lambda r: flag(r.choice(COUNTRY_CODES))),
              (1, lambda r: subdivision_flag(r.choice(SUBDIVISION_FLAGS))),
              (2, keycap), (3, presentation_variant), (1, lambda r: r.choice(OTHER_ZWJ_SEQUENCES)))
    return weighted(rng, makers)


def emoji_sentence(rng: random.Random) -> str:
    words = short_phrase(rng).split(" ") + render(rng, REVIEW_TEMPLATES).split(" ")
    for _ in range(rng.randint(1, 3)):
        words.insert(rng.randint(0, len(words)), one_emoji(rng))
    return " ".join(words)


def emoji_only(rng: random.Random) -> str:
    return rng.choice(("", " ", "  ")).join(one_emoji(rng) for _ in range(rng.randint(1, 12)))


def emoji_in_word(rng: random.Random) -> str:
    word = rng.choice(POSITIVE_ADJECTIVES + NEGATIVE_ADJECTIVES + ("sunshine", "love", "cool", "pizza"))
    return insert_at_random(rng, word, one_emoji(rng)) + rng.choice(("", "!", " indeed", "."))


def flag_run(rng: random.Random) -> str:
    """Concatenated regional indicators; an odd count misaligns every following pair."""
    flags = "".join(flag(c) for c in rng.choices(COUNTRY_CODES, k=rng.randint(1, 6)))
    return flags[1:] if rng.random() < 0.3 else flags


def broken_sequence(rng: random.Random) -> str:
    """Emoji sequence parts out of place: lone modifiers, dangling ZWJ, selectors on letters."""
    return rng.choice((
        rng.choice(SKIN_TONES), ZWJ + rng.choice(EMOJI), rng.choice(EMOJI) + ZWJ, "a" + VS16 + "b",
        rng.choice(SKIN_TONES) * 2, VS16 + "start", "end" + ZWJ, KEYCAP, "x" + KEYCAP,
        rng.choice(MODIFIABLE_EMOJI) + rng.choice(SKIN_TONES) + rng.choice(SKIN_TONES),
        chr(rng.randint(0x1F1E6, 0x1F1FF)), ZWJ.join(rng.choices(EMOJI, k=3)),
    )) + rng.choice(("", " ok", "!"))


def emoji_lines(rng: random.Random, count: int) -> list[str]:
    fixed = ["\U0001F600", "\U0001F44D\U0001F3FD", family_of("\U0001F468\U0001F469\U0001F467\U0001F466"),
             "\U0001F469\u200d\U0001F4BB", "\U0001F9D1\u200d\U0001F680",
             "\U0001F468\U0001F3FD\u200d\u2695\ufe0f", flag("US") + flag("JP") + flag("DE"),
             "1\ufe0f\u20e3", "#\ufe0f\u20e3", "*\ufe0f\u20e3", "1\u20e3",
             "\u263a\ufe0e vs \u263a\ufe0f", "I \u2764\ufe0f NY", "coo\U0001F60El", "l\u2764\ufe0fve",
             "Press 1\ufe0f\u20e3 for English, 2\ufe0f\u20e3 for Espa\u00f1ol.", subdivision_flag("gbsct"),
             "\U0001F602" * 5, "\U0001F525\U0001F525\U0001F525 amazing!!!"] + list(KAOMOJI)
    generators = ((10, emoji_sentence), (6, emoji_only), (5, emoji_in_word), (3, flag_run),
                  (3, broken_sequence), (2, lambda r: r.choice(KAOMOJI) + " " + short_phrase(r)))
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: combining marks — stacked diacritics, Zalgo-like runs of dozens of marks on one base,
# marks at the start of a line or after spaces, digits, punctuation and emoji, enclosing marks, and
# out-of-order marks that canonical reordering must sort. Accent stripping, NFD/NFKC and offsets of
# removed characters all meet here.
# =================================================================================================

COMBINING_DIACRITICS = marks(0x0300, 0x036F)
OTHER_COMBINING_MARKS = (marks(0x1AB0, 0x1AFF) + marks(0x1DC0, 0x1DFF) + marks(0x20D0, 0x20FF)
                         + marks(0xFE20, 0xFE2F) + marks(0x0483, 0x0489))
ENCLOSING_MARKS = chars_in(0x0000, 0x2FFFF, ("Me",))  # U+20DD circle, U+20DE square, U+20E3 keycap, ...
COMBINING_BASES = tuple("aeiouAEIOUnNcCsSzZxX0123456789 .-?!") + ("漢", "я", "ش", "😀", "ß", "İ")


def combining_mark(rng: random.Random) -> str:
    pool = rng.choices((COMBINING_DIACRITICS, OTHER_COMBINING_MARKS, ENCLOSING_MARKS), (8, 2, 1))[0]
    return pick(rng, pool)


def marked_word(rng: random.Random, min_marks: int, max_marks: int) -> str:
    word = rng.choice(MOVIE_NOUNS + FOOD_NOUNS + GREEK_WORDS + CYRILLIC_WORDS)
    return "".join(c + "".join(combining_mark(rng) for _ in range(rng.randint(min_marks, max_marks)))
                   if c != " " else c for c in word)


def diacritic_sentence(rng: random.Random) -> str:
    return " ".join(marked_word(rng, 0, 2) if rng.random() < 0.6 else rng.choice(INTENSIFIERS)
                    for _ in range(rng.randint(1, 8)))


def zalgo(rng: random.Random) -> str:
    """Runs of many marks per base character, up to several dozen."""
    heavy = rng.random() < 0.2
    min_marks, max_marks = (10, 60) if heavy else (2, 12)
    return " ".join(marked_word(rng, min_marks, max_marks) for _ in range(rng.randint(1, 3)))


def leading_marks(rng: random.Random) -> str:
    marks_run = "".join(combining_mark(rng) for _ in range(rng.randint(1, 5)))
    return marks_run + rng.choice(("", "abc", " hello", "漢字", "123", "!", marks_run))


def mark_on_odd_base(rng: random.Random) -> str:
    """Marks after a space, digit, punctuation, emoji, CJK or a letter of another script."""
    pieces = [rng.choice(COMBINING_BASES) + combining_mark(rng) for _ in range(rng.randint(1, 6))]
    return rng.choice((" ", "", "x")).join(pieces)


def enclosed(rng: random.Random) -> str:
    return " ".join(rng.choice(COMBINING_BASES) + rng.choice(ENCLOSING_MARKS)
                    for _ in range(rng.randint(1, 5)))


def reordering_case(rng: random.Random) -> str:
    """The same marks in different orders: NFD sorts them by combining class, so both orders must
    normalize identically; U+034F (grapheme joiner, class 0) blocks the reordering."""
    above, below = rng.choice(("\u0301", "\u0300", "\u0308")), rng.choice(("\u0323", "\u0316", "\u0331"))
    base = rng.choice("aeouAEOU")
    return " ".join((base + above + below, base + below + above, base + above + "\u034f" + below,
                     unicodedata.normalize("NFC", base + below) + above))


def combining_lines(rng: random.Random, count: int) -> list[str]:
    fixed = ["\u0301", "\u0301abc", "\u0308 hello", " \u0301", "e\u0301 \u00e9 e\u0301\u0301 \u00e9\u0301",
             "a\u20dd b\u20de 1\u20dd \u20dd", "\u0488\u0489", "( \u0361\u00b0 \u035c\u0296 \u0361\u00b0)",
             "n\u0303 \u00f1 N\u0303 \u00d1", "a" + "\u0301" * 100, "\u0300\u0301\u0302\u0303\u0304",
             "\u034f", "a\u034fb", "\u0915\u094d\u200d\u0937", "\u1100\u1161\u11a8", "i\u0307 I\u0307",
             "\u03b9\u0308\u0301 \u0390", "A\u030a \u00c5 \u212b"]
    generators = ((8, diacritic_sentence), (6, zalgo), (3, leading_marks), (5, mark_on_odd_base),
                  (2, enclosed), (2, reordering_case))
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: control and format characters — C0 (except "\n"), DEL, C1, zero-width characters, soft
# hyphen, BOM inside text, bidi controls, U+FFFD, private use, noncharacters, tag characters and
# unassigned code points. BERT's clean_text deletes most of these; byte-level BPE keeps them all.
# =================================================================================================

C0_CONTROLS = tuple(chr(c) for c in range(0x00, 0x20) if c != 0x0A)  # "\n" separates lines
C1_CONTROLS = tuple(chr(c) for c in range(0x80, 0xA0))
FORMAT_CHARACTERS = code_points(
    0x00AD,  # soft hyphen
    0x200B, 0x200C, 0x200D,  # zero-width space, non-joiner, joiner
    0x200E, 0x200F, 0x061C,  # LRM, RLM, Arabic letter mark
    0x202A, 0x202B, 0x202C, 0x202D, 0x202E,  # LRE, RLE, PDF, LRO, RLO
    0x2066, 0x2067, 0x2068, 0x2069,  # LRI, RLI, FSI, PDI
    0x2060, 0x2061, 0x2062, 0x2063, 0x2064,  # word joiner, invisible operators
    0xFEFF,  # BOM / zero-width no-break space
    0x0600, 0x06DD, 0x070F, 0x180E, 0x110BD, 0x1BCA0, 0x1D173,
    0xFFF9, 0xFFFA, 0xFFFB,  # interlinear annotation
    0xE0001, 0xE0020, 0xE0041, 0xE007F,  # tag characters
)
REPLACEMENT_CHARACTERS = code_points(0xFFFD, 0xFFFC)
PRIVATE_USE = code_points(0xE000, 0xE001, 0xE8FF, 0xF8FF, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD)
NONCHARACTERS = code_points(0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF)
# Unassigned in Unicode 14 and still unassigned in Unicode 16.
UNASSIGNED = code_points(0x0378, 0x0379, 0x0380, 0x038B, 0x03A2, 0x0530, 0x0590, 0x07FB, 0xFFF0, 0xFFF8,
                         0xE0000, 0xE0080, 0x2FFFD, 0x50000, 0x7FFFD, 0xEFFFD)
# Unassigned in Python 3.11's Unicode 14 but assigned later (15.0 to 16.0): implementations built
# on different Unicode versions disagree about these, so each is a probe for version mismatches.
ASSIGNED_AFTER_UNICODE_14 = code_points(
    0x0CF3,   # KANNADA SIGN COMBINING ANUSVARA ABOVE RIGHT (15.0, Mc)
    0x1E4D0,  # Nag Mundari letter (15.0, Lo)
    0x31350,  # CJK Unified Ideographs Extension H (15.0)
    0x2EBF0,  # CJK Unified Ideographs Extension I (15.1)
    0x2FFC,   # ideographic description character (15.1, So)
    0x1C89,   # CYRILLIC CAPITAL LETTER TJE (16.0, Lu; lowercases to U+1C8A)
    0xA7CB,   # LATIN CAPITAL LETTER RAMS HORN (16.0, Lu; lowercases to U+0264)
)
def invisible(rng: random.Random) -> str:
    pool = rng.choices((C0_CONTROLS, C1_CONTROLS, FORMAT_CHARACTERS, REPLACEMENT_CHARACTERS, PRIVATE_USE,
                        NONCHARACTERS, UNASSIGNED, ASSIGNED_AFTER_UNICODE_14, ("\x7f",)),
                       (8, 3, 8, 2, 2, 2, 2, 1, 1))[0]
    return pick(rng, pool)


def sprinkled_sentence(rng: random.Random) -> str:
    """A normal sentence with control/format characters inside words, between words and at the ends."""
    text = rng.choice((short_phrase(rng), render(rng, REVIEW_TEMPLATES), rng.choice(LANGUAGE_SENTENCES),
                       rng.choice(CHINESE_SENTENCES)))
    for _ in range(rng.randint(1, 4)):
        text = insert_at_random(rng, text, invisible(rng) * rng.choice((1, 1, 1, 2, 5)))
    return text


def invisible_only(rng: random.Random) -> str:
    return "".join(invisible(rng) for _ in range(rng.randint(1, 8)))


def interleaved(rng: random.Random) -> str:
    """A separator character between every letter of a word, e.g. soft hyphens or ZWSP."""
    separator = invisible(rng)
    return separator.join(rng.choice(POSITIVE_ADJECTIVES + MOVIE_NOUNS)) + rng.choice(("", " end"))


def bidi_line(rng: random.Random) -> str:
    override = rng.choice(("\u202e", "\u202d", "\u2067", "\u2066", "\u200f", "\u061c"))
    closer = rng.choice(("\u202c", "\u2069", ""))
    return f"{short_phrase(rng)} {override}{rng.choice(RTL_SENTENCES)}{closer} {random_number(rng)}"


def control_lines(rng: random.Random, count: int) -> list[str]:
    fixed = ["\x00", "a\x00b", "\x7f", "\ufeffstarts with a BOM", "BOM\ufeffinside", "ends with BOM\ufeff",
             "\u200b", "zero\u200bwidth\u200bspace", "soft\u00adhyphen\u00ad", "\u202eevil.exe\u202c",
             "\ufffd\ufffd\ufffd", "\ue000\uf8ff", "\uffff\ufffe", "\U0010ffff", "\u0378\u0379",
             "tab\x09tab", "bell\x07", "esc\x1b[31mred\x1b[0m", "\x85NEL", "\x80\x81\x9f", "\x1c\x1d\x1e\x1f"]
    each_alone = C0_CONTROLS + C1_CONTROLS + FORMAT_CHARACTERS + UNASSIGNED + ASSIGNED_AFTER_UNICODE_14
    fixed += [c for c in each_alone if c not in fixed]
    fixed += [f"a{c}b" for c in ASSIGNED_AFTER_UNICODE_14 + FORMAT_CHARACTERS]
    generators = ((14, sprinkled_sentence), (4, invisible_only), (4, interleaved), (3, bidi_line))
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: odd whitespace — tabs, "\r", vertical tab, form feed, NEL, no-break and typographic
# spaces, line and paragraph separators, ideographic space, runs of spaces, leading and trailing
# whitespace and whitespace-only lines. Rust's char::is_whitespace, Python's str.isspace and
# BERT's own rules disagree on several of these.
# =================================================================================================

UNICODE_SPACES = code_points(0x00A0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
ASCII_WHITESPACE = ("\t", "\r", "\x0b", "\x0c", " ")
# Not whitespace for Rust (no White_Space property) but whitespace for str.isspace (U+001C..U+001F),
# or invisible and space-like (U+180E, U+200B, U+2060, U+FEFF).
WHITESPACE_LOOKALIKES = code_points(0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x180E, 0x200B, 0x2060, 0xFEFF)
WHITESPACE_POOL = UNICODE_SPACES + ASCII_WHITESPACE + WHITESPACE_LOOKALIKES


def whitespace_run(rng: random.Random, max_len: int = 4) -> str:
    if rng.random() < 0.4:
        return " " * rng.randint(1, 6)
    return "".join(rng.choices(WHITESPACE_POOL, k=rng.randint(1, max_len)))


def spaced_sentence(rng: random.Random) -> str:
    words = rng.choice((short_phrase(rng), render(rng, QUESTION_TEMPLATES),
                        rng.choice(LANGUAGE_SENTENCES + CHINESE_SENTENCES + KOREAN_SENTENCES))).split(" ")
    body = "".join(w + whitespace_run(rng) for w in words[:-1]) + words[-1]
    lead = whitespace_run(rng) if rng.random() < 0.4 else ""
    trail = whitespace_run(rng) if rng.random() < 0.4 else ""
    return lead + body + trail


def whitespace_only(rng: random.Random) -> str:
    return whitespace_run(rng, max_len=12)


def carriage_returns(rng: random.Random) -> str:
    """Windows and old-Mac line ends that survived into the text."""
    phrase = short_phrase(rng)
    return rng.choice((phrase + "\r", "\r" + phrase, phrase.replace(" ", "\r\t"), phrase + "\r\r",
                       phrase.replace(" ", "\r")))


def whitespace_lines(rng: random.Random, count: int) -> list[str]:
    fixed = [" ", "  ", "\t", "\r", "\x0b", "\x0c", "\x85", "\u00a0", "\u3000", "\u2028", "\u2029",
             "   leading spaces", "trailing spaces   ", "\tleading tab", "trailing tab\t", "a\u00a0b",
             "100\u00a0km", "\u00ab\u202fBonjour\u202f\u00bb", "line\u2028separator", "para\u2029separator",
             "a\u3000b\u3000c", "a    b", "a\t\t\tb", "crlf\r", "a\rb", "\r\r\r", " \t \r \x0b \x0c ",
             "x\u1680y\u2000z\u200a.", "a\u205fb\u202fc", "\u2028\u2029\u0085"]
    fixed += [f"word{c}word" for c in UNICODE_SPACES + WHITESPACE_LOOKALIKES]
    generators = ((12, spaced_sentence), (3, whitespace_only), (3, carriage_returns))
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: very long words and lines — words around WordPiece's 100-character limit (which counts
# characters after normalization, so lowercasing "İ" or deleting ZWSP moves a word across it), a
# few lines of 2,000 to 5,000 characters, and long runs of digits and of one repeated character.
# =================================================================================================

LONG_WORD_LENGTHS = (99, 100, 101, 150, 300)
LONG_WORD_ALPHABETS = {
    "ascii": tuple(string.ascii_lowercase), "ascii mixed case": tuple(string.ascii_letters),
    "accented": tuple("éèêëàâäôöûüçñ"), "cyrillic": letters(0x0430, 0x044F), "greek": letters(0x03B1, 0x03C9),
    "hangul": HANGUL_SYLLABLES[:500], "thai": letters(0x0E01, 0x0E2E), "digits": tuple(string.digits),
    "emoji": EMOJI[:200], "alphanumeric": tuple(string.ascii_lowercase + string.digits),
    "extension b": CJK_EXTENSION_B[:500],
}
LONG_LINE_LENGTHS = (2000, 2500, 3000, 4000, 5000)
REPEATED_CHARACTERS = ("a", "z", "A", "é", "!", ".", "-", "=", "_", "*", "ー", "哈", "ㅋ", "😂", "0", "9",
                       "ab", "ha", "lol", " x")
RUN_LENGTHS = (2, 3, 10, 50, 99, 100, 101, 200, 500)


def boundary_words() -> list[str]:
    """Words whose length is at the 100-character limit only before or only after normalization."""
    return ["İ" + "a" * 99, "İ" * 100, "a" * 50 + "\u200b" + "a" * 50, "a" * 99 + "\u0301",
            "é" * 100, unicodedata.normalize("NFD", "é" * 50), "ﬁ" * 100, "ß" * 100, "ẞ" * 100,
            "a" * 100 + "," + "b" * 101, "a" * 100 + "\u00ad", "x" * 100 + "[MASK]", "ＡＢ" * 50]


def long_word(rng: random.Random, length: int) -> str:
    name = rng.choice(sorted(LONG_WORD_ALPHABETS))
    return "".join(rng.choices(LONG_WORD_ALPHABETS[name], k=length))


LONG_LINE_MAKERS: dict[str, Generator] = {
    "english": lambda rng: review_paragraph(rng) + " ",
    "chinese": chinese_line,
    "mixed": lambda rng: weighted(rng, ((3, emoji_sentence), (2, language_sentence), (2, syllabic_line),
                                        (1, sprinkled_sentence), (1, spaced_sentence))) + " ",
    "one word": lambda rng: random_word(rng, string.ascii_lowercase, 50, 100),
}


def long_line(rng: random.Random, length: int, style: str) -> str:
    """A line of exactly `length` characters, cut wherever the length lands (even mid-word, or
    between a base character and its marks)."""
    text = ""
    while len(text) < length:
        text += LONG_LINE_MAKERS[style](rng)
    return text[:length]


def long_lines(rng: random.Random, count: int) -> list[str]:
    fixed = boundary_words()
    fixed += [long_word(rng, n) for n in LONG_WORD_LENGTHS for _ in range(4)]
    fixed += [long_line(rng, n, style) for n, style in zip(LONG_LINE_LENGTHS, ("english", "chinese", "mixed",
                                                                               "one word", "english"))]
    fixed += [c * n for c in REPEATED_CHARACTERS for n in RUN_LENGTHS]
    fixed += ["".join(rng.choices(string.digits, k=n)) for n in (16, 32, 64, 99, 100, 101, 256, 1000)]
    generators = (
        (6, lambda r: f"{short_phrase(r)} {long_word(r, r.randint(20, 300))} {short_phrase(r)}"),
        (3, lambda r: " ".join(long_word(r, r.randint(30, 120)) for _ in range(r.randint(2, 4)))),
        (2, lambda r: f"ID {''.join(r.choices(string.digits, k=r.randint(20, 200)))}"),
    )
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: special tokens in text — BERT's [CLS] [SEP] [MASK] [PAD] [UNK] and RoBERTa/XLM-R's
# <s> </s> <pad> <mask> <unk>, glued to words and punctuation or spaced out, in other cases,
# truncated, doubled, disguised (fullwidth, zero-width space inside), and the vocabulary markers
# "▁" (U+2581), "Ġ", "Ċ" and "##" written literally.
# =================================================================================================

BERT_SPECIAL_TOKENS = ("[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]")
ROBERTA_SPECIAL_TOKENS = ("<s>", "</s>", "<pad>", "<mask>", "<unk>")
SPECIAL_TOKENS = BERT_SPECIAL_TOKENS + ROBERTA_SPECIAL_TOKENS
VOCABULARY_MARKERS = ("▁", "▁▁▁", "▁hello", "hello▁world", "Ġ", "ĠĠ", "Ġthe", "Ċ", "ĉ", "âĢĻ", "##",
                      "##ing", "un##believable", "</w>", "<|endoftext|>", "[unused1]", "<0x0A>",
                      "<s>NOTUSED", "</s>NOTUSED", "Ġ<mask>", "▁<mask>", "▁[MASK]")
TOKEN_ATTACHMENTS = ("{w} {t} {w2}", "{w}{t}{w2}", "{w} {t}{p}", "{t}{w}", "{w}{t}", "({t})", "\"{t}\"",
                     "{t}{t}", "{t} {t}", "{t}{p}{t}", "{w}  {t}  {w2}", "{w}\t{t}", "{w}\u00a0{t}",
                     " {t}", "{t} ", "{t}'s", "{t}-{w}", "{t}##{w}", "{t}{w2}{t}")


def disguised(rng: random.Random, token: str) -> str:
    """Almost a special token: other case, truncated, padded inside, doubled brackets, fullwidth."""
    inner = token.strip("[]<>/")
    return rng.choice((
        token.lower(), token.upper(), token.title(), token[:-1], token[1:], token[: len(token) // 2],
        token[0] + " " + inner + " " + token[-1], token[0] + token + token[-1], token + token[-1],
        token[0] + inner.lower() + token[-1], to_fullwidth(token), insert_at_random(rng, token, "\u200b"),
        insert_at_random(rng, token, "\u00ad"), token.replace(inner, inner[0] + "\u0301" + inner[1:]),
    ))


def token_in_text(rng: random.Random) -> str:
    token = rng.choice(SPECIAL_TOKENS)
    if rng.random() < 0.3:
        token = disguised(rng, token)
    fields = english_fields(rng)
    return rng.choice(TOKEN_ATTACHMENTS).format(t=token, w=fields["noun"], w2=fields["adjective"],
                                                p=rng.choice(".,!?;:"))


def token_runs(rng: random.Random) -> str:
    tokens = rng.choices(SPECIAL_TOKENS + VOCABULARY_MARKERS, k=rng.randint(2, 6))
    return rng.choice(("", " ", "  ", "\t")).join(tokens)


def token_sentence(rng: random.Random) -> str:
    """A real sentence with one word replaced by a mask token, like a fill-mask prompt."""
    words = render(rng, REVIEW_TEMPLATES).split(" ")
    words[rng.randrange(len(words))] = rng.choice(("[MASK]", "<mask>", "[UNK]", "<unk>"))
    opening, closing = rng.choice(("", "[CLS] ", "<s>")), rng.choice(("", " [SEP]", "</s>", "</s></s>"))
    return opening + " ".join(words) + closing


def marker_line(rng: random.Random) -> str:
    words = short_phrase(rng).split(" ")
    marker = rng.choice(VOCABULARY_MARKERS)
    return rng.choice((marker.join(words), marker + " ".join(words), " ".join(w + marker for w in words)))


def special_token_lines(rng: random.Random, count: int) -> list[str]:
    fixed = list(SPECIAL_TOKENS) + list(VOCABULARY_MARKERS)
    fixed += ["[mask]", "[Mask]", "[MAS", "MASK]", "<mask", "mask>", "[MASK][MASK]", "<mask><mask>",
              "[[MASK]]", "<<mask>>", "[ MASK ]", "< mask >", "[MASK]s", "the [MASK] is", "the<mask>is",
              "<s>hi</s>", "</s></s>", "[CLS][SEP]", "[CLS] [SEP]", "[CLS]hello[SEP]world[SEP]", "<s></s>",
              "<pad><pad><pad>", "[PAD] [PAD] [PAD]", "a <mask> b", "a  <mask>  b", "a\t<mask>",
              "a\u00a0<mask>", "<mask>.", "<mask>,<mask>", "\u2581<mask>\u2581", "\u0120\u0120\u0120",
              "\u2581\u2581\u2581\u2581", "\uff3b\uff2d\uff21\uff33\uff2b\uff3d", "[MA\u200bSK]", "<ma\u200bsk>",
              "<MASK>", "<Mask>", "[mask] [MASK] [Mask]"]
    generators = ((12, token_in_text), (4, token_runs), (6, token_sentence), (4, marker_line))
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: punctuation, symbols and empty lines — empty and punctuation-only lines, currency and
# math symbols (BERT treats ASCII symbols as punctuation but not Unicode ones), mathematical
# alphanumerics, superscripts, fractions, Roman numerals and circled numbers (all with compatibility
# decompositions that NFKC expands, some with case mappings).
# =================================================================================================

ASCII_PUNCTUATION = tuple(string.punctuation)
UNICODE_PUNCTUATION = (chars_in(0x2010, 0x205E, ("P",)) + chars_in(0x3001, 0x303F, ("P",))
                       + chars_in(0xFE30, 0xFE6B, ("P",)) + chars_in(0xFF01, 0xFF65, ("P",))
                       + tuple("¡¿«»§¶·"))
SYMBOLS = (chars_in(0x20A0, 0x20C0, ("Sc",)) + chars_in(0x2100, 0x214F, ("S",))
           + chars_in(0x2190, 0x23FF, ("S",)) + chars_in(0x2500, 0x27BF, ("S",))
           + chars_in(0x2900, 0x2BFF, ("S",)) + tuple("©®°±×÷¬¦¨¯´¸¤"))
MATH_STYLES = ("BOLD", "ITALIC", "BOLD ITALIC", "SCRIPT", "BOLD SCRIPT", "FRAKTUR", "DOUBLE-STRUCK",
               "BOLD FRAKTUR", "SANS-SERIF", "SANS-SERIF BOLD", "SANS-SERIF ITALIC", "MONOSPACE")
SUPERSCRIPTS_AND_FRACTIONS = (tuple("¹²³⁰ⁱ⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓ¼½¾⁄")
                              + chars_in(0x2150, 0x215F, ("No",)) + ("\u2189",))
ROMAN_NUMERALS = chars_in(0x2160, 0x2188, ("Nl",))
CIRCLED = (chars_in(0x2460, 0x24FF, ("No", "So")) + chars_in(0x2776, 0x2793, ("No",))
           + chars_in(0x3251, 0x325F, ("No",)) + chars_in(0x3280, 0x32B0, ("No", "So")))
SQUARED_UNITS = chars_in(0x3300, 0x33FF, ("So",))  # ㎏ ㎞ ㍻: NFKC turns one character into several


def math_styled(rng: random.Random, text: str) -> str:
    """Spells ASCII letters and digits in one mathematical alphanumeric style (U+1D400 block), keeping
    characters that style lacks (e.g. italic h, which lives at U+210E) as they are."""
    style = rng.choice(MATH_STYLES)
    return "".join(math_character(style, c) for c in text)


def math_character(style: str, c: str) -> str:
    if c.isascii() and c.isalpha():
        kind = "CAPITAL" if c.isupper() else "SMALL"
        name = f"MATHEMATICAL {style} {kind} {c.upper()}"
    elif c.isascii() and c.isdigit():
        name = f"MATHEMATICAL {style} DIGIT {unicodedata.name(c).split()[-1]}"
    else:
        return c
    try:
        return unicodedata.lookup(name)
    except KeyError:
        return c


def punctuation_only(rng: random.Random) -> str:
    pool = rng.choices((ASCII_PUNCTUATION, UNICODE_PUNCTUATION), (3, 2))[0]
    return rng.choice(("", " ")).join(rng.choices(pool, k=rng.randint(1, 20)))


def symbol_line(rng: random.Random) -> str:
    symbols = rng.choices(SYMBOLS, k=rng.randint(1, 6))
    words = short_phrase(rng).split(" ") + [random_number(rng)]
    for symbol in symbols:
        words.insert(rng.randint(0, len(words)), symbol if rng.random() < 0.5 else symbol + rng.choice(words))
    return " ".join(words)


def numeric_forms_line(rng: random.Random) -> str:
    pool = rng.choice((SUPERSCRIPTS_AND_FRACTIONS, ROMAN_NUMERALS, CIRCLED, SQUARED_UNITS))
    return rng.choice((
        join_random(rng, pool, (1, 8), rng.choice(("", " ", ", "))),
        f"{random_number(rng)}{pick(rng, pool)} {short_phrase(rng)}",
        f"Chapter {pick(rng, ROMAN_NUMERALS)}: step {pick(rng, CIRCLED)} uses "
        f"{pick(rng, SUPERSCRIPTS_AND_FRACTIONS)} cup",
    ))


def symbol_lines(rng: random.Random, count: int) -> list[str]:
    empties = [""] * 6
    fixed = empties + ["!", ".", "?", "...", "!?", "\"", "'", "()", "[]", "{}", "<>", "--", "---", "***",
                       "".join(ASCII_PUNCTUATION), " ".join(ASCII_PUNCTUATION), ""] + empties + [
        "€ © ° ± ∑ → ★", "Price: 20 € (≈ $21.50)", "© 2024 Example Ltd. All rights reserved.",
        "Temp: 21 °C ± 0.5°", "∑ᵢ xᵢ → ∞", "★★★★☆ (4/5)", "E = mc²", "x³ + y³ = z³", "H₂O", "½ cup sugar",
        "¼ + ¼ = ½", "Chapter Ⅻ", "Step ① ② ③", "①②③", "⑳", "㉑", "Ⓐ Ⓑ Ⓒ", "ⓐⓑⓒ", "ⅰⅱⅲⅳ", "Ⅷ vs VIII",
        "𝐇𝐞𝐥𝐥𝐨 𝐖𝐨𝐫𝐥𝐝", "𝟏𝟐𝟑", "ℕ ℤ ℚ ℝ ℂ", "ℎ ℏ ℓ ℘ ℵ", "№ 5", "™ ℠ ℗", "10 ㎏, 5 ㎞, ㍻", "℃ ℉", "‰ ‱",
        "µ vs μ", "Ω vs \u2126", "• · ‧ ∙ ⋅", "← ↑ → ↓ ↔ ⇒ ⇔", "♠ ♣ ♥ ♦", "♪ ♫", "☐ ☑ ☒", "§ ¶ † ‡"]
    generators = ((6, punctuation_only), (8, symbol_line), (5, lambda r: math_styled(r, short_phrase(r))),
                  (5, numeric_forms_line))
    return fill(rng, fixed, count, generators)


# =================================================================================================
# Section: random mixtures — lines stitched together from pieces of every other section, joined by
# random whitespace or nothing, with the odd control character, emoji or special token, so that
# features meet in combinations nobody wrote by hand.
# =================================================================================================

MAX_MIXTURE_PIECE = 80  # keeps the very long lines from dominating the mixtures


def mixture_piece_from(rng: random.Random, sources: Sequence[Sequence[str]]) -> str:
    """One to four consecutive space-separated pieces of a random line of a random section."""
    words = rng.choice(rng.choice(sources)).split(" ")
    start = rng.randrange(len(words))
    return " ".join(words[start:start + rng.randint(1, 4)])[:MAX_MIXTURE_PIECE]


MIXTURE_SEPARATORS: tuple[tuple[float, Generator], ...] = (
    (10, lambda rng: " "), (3, lambda rng: ""), (2, whitespace_run), (1, invisible), (1, one_emoji),
    (1, lambda rng: rng.choice(SPECIAL_TOKENS)),
)


def mixture_line(rng: random.Random, sources: Sequence[Sequence[str]]) -> str:
    pieces = [mixture_piece_from(rng, sources) for _ in range(rng.randint(2, 10))]
    line = pieces[0]
    for piece in pieces[1:]:
        line += weighted(rng, MIXTURE_SEPARATORS) + piece
    return line


def mixture_lines(rng: random.Random, count: int, sources: Sequence[Sequence[str]]) -> list[str]:
    return fill(rng, [], count, ((1, lambda r: mixture_line(r, sources)),))


# =================================================================================================
# Assembly, validation and output
# =================================================================================================

@dataclass(frozen=True)
class Section:
    name: str
    make: Callable[[random.Random, int], list[str]]
    count: int


SECTIONS = (
    Section("english", english_lines, 2600),
    Section("latin", latin_lines, 1500),
    Section("scripts", scripts_lines, 1600),
    Section("emoji", emoji_lines, 900),
    Section("combining", combining_lines, 600),
    Section("control", control_lines, 800),
    Section("whitespace", whitespace_lines, 800),
    Section("long", long_lines, 400),
    Section("special_tokens", special_token_lines, 1000),
    Section("symbols", symbol_lines, 800),
)
MIXTURE_COUNT = 1100


def section_rng(name: str) -> random.Random:
    """An independent, reproducible stream per section (str seeds are hashed with SHA-512, not with
    the per-process randomized hash())."""
    return random.Random(f"{SEED}/{name}")


def without_repeats(lines: Sequence[str], seen: set[str]) -> list[str]:
    """Drops lines already in `seen` (a text tested twice tests nothing new) and adds the rest to it.
    Empty lines are kept: consecutive empty lines are a case for the line reader."""
    kept = [line for line in lines if line == "" or line not in seen]
    seen.update(kept)
    return kept


def build_corpus() -> tuple[list[str], dict[str, int]]:
    lines: list[str] = []
    counts: dict[str, int] = {}
    sources = []
    seen: set[str] = set()
    for section in SECTIONS:
        section_lines = section.make(section_rng(section.name), section.count)
        if section.name != "long":
            sources.append(section_lines)
        section_lines = without_repeats(section_lines, seen)
        counts[section.name] = len(section_lines)
        lines += section_lines
    mixtures = without_repeats(mixture_lines(section_rng("mixtures"), MIXTURE_COUNT, sources), seen)
    counts["mixtures"] = len(mixtures)
    return lines + mixtures, counts


def validate(lines: Sequence[str]) -> bytes:
    """Checks the format promises made in the module docstring and returns the file's bytes."""
    for number, line in enumerate(lines, start=1):
        require("\n" not in line, f"line {number} contains \\n")
        require(not any(is_surrogate(ord(c)) for c in line), f"line {number} contains a surrogate")
    require(not lines[0].startswith("\ufeff"), "the first line must not start with U+FEFF (read as a BOM)")
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    require(len(data) <= MAX_OUTPUT_BYTES, f"corpus is {len(data)} bytes, more than {MAX_OUTPUT_BYTES}")
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 when the output file is stale")
    args = parser.parse_args()
    require(unicodedata.unidata_version == EXPECTED_UNIDATA_VERSION,
            f"Python's Unicode database is {unicodedata.unidata_version}, expected "
            f"{EXPECTED_UNIDATA_VERSION}; run this script with the project's .venv (Python 3.11)")

    lines, counts = build_corpus()
    data = validate(lines)
    status = write_or_check(args.output, data, args.check, REGENERATE)  # bytes: no newline translation, no BOM
    if args.check or status:
        return status
    summary = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"wrote {args.output}: {len(lines)} lines, {len(data)} bytes ({summary})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

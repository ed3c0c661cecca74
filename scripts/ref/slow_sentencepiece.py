"""transformers 4's slow sentencepiece tokenizers (XLMRobertaTokenizer, CamembertTokenizer,
AlbertTokenizer, DebertaV2Tokenizer), re-created on the `sentencepiece` library: transformers 5 has none left. Special
tokens are split out with transformers' own Trie. The slow tokenizers had no offsets: the ones given
here are sentencepiece's byte spans as code points, mapped back through the family's preprocessing
(ALBERT's) to the original text, which is what attnmap reports.
"""
import re
import unicodedata


class Aligned:
    """A string with, per character, the original [begin, end) it stands for."""

    def __init__(self, chars, spans):
        self.chars, self.spans = list(chars), list(spans)

    @classmethod
    def of(cls, text, start=0):
        return cls(text, [(start + i, start + i + 1) for i in range(len(text))])

    def text(self):
        return "".join(self.chars)

    def map(self, f):
        chars, spans = [], []
        for c, s in zip(self.chars, self.spans):
            for d in f(c):
                chars.append(d)
                spans.append(s)
        return Aligned(chars, spans)

    def span(self, b, e):
        if b < e:
            return (self.spans[b][0], self.spans[e - 1][1])
        if not self.spans:
            return (0, 0)
        at = self.spans[b][0] if b < len(self.spans) else self.spans[-1][1]
        return (at, at)


class SlowSentencePiece:
    """transformers 4's slow XLMRobertaTokenizer / CamembertTokenizer / AlbertTokenizer / DebertaV2Tokenizer.

    do_lower_case None: the family's default (ALBERT lowercases, DeBERTa-v2 does not)."""

    def __init__(self, model_file, family, do_lower_case=None, remove_space=True, keep_accents=False,
                 split_by_punct=False):
        import sentencepiece as spm
        from transformers.tokenization_python import Trie

        self.sp = spm.SentencePieceProcessor(model_file=model_file)
        self.family = family
        if do_lower_case is None:
            do_lower_case = family == "albert"
        self.do_lower_case, self.remove_space, self.keep_accents = do_lower_case, remove_space, keep_accents
        self.split_by_punct = split_by_punct
        n = self.sp.get_piece_size()
        if family == "xlm-roberta":
            self.reserved, self.offset = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}, 1
            specials, mask, self.cls, self.sep = ["<s>", "<pad>", "</s>", "<unk>"], "<mask>", "<s>", "</s>"
            self.added = {**self.reserved, mask: n + 1}
        elif family == "camembert":
            self.reserved = {"<s>NOTUSED": 0, "<pad>": 1, "</s>NOTUSED": 2, "<unk>": 3, "<unk>NOTUSED": 4}
            self.offset = 4
            specials, mask, self.cls, self.sep = list(self.reserved) + ["<s>", "</s>"], "<mask>", "<s>", "</s>"
            self.added = {}
            self.added = {**self.reserved, "<s>": self.piece_to_id("<s>"), "</s>": self.piece_to_id("</s>"), mask: n + 4}
        elif family == "deberta-v2":
            # The spm.model's own ids; a special it lacks ([MASK] in DeBERTa-v3's) comes after them.
            self.reserved, self.offset = {}, 0
            specials, mask, self.cls, self.sep = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"], "[MASK]", "[CLS]", "[SEP]"
            self.added = {}
            for t in specials + [mask]:
                spm_id = self.sp.piece_to_id(t)
                self.added[t] = spm_id if self.sp.id_to_piece(spm_id) == t else n + len(
                    [a for a in self.added.values() if a >= n])
        else:
            self.reserved, self.offset = {}, 0
            specials, mask, self.cls, self.sep = ["<pad>", "<unk>", "[CLS]", "[SEP]"], "[MASK]", "[CLS]", "[SEP]"
            self.added = {t: self.sp.piece_to_id(t) for t in specials + [mask]}
        self.specials = specials + [mask]
        # Only ALBERT's and the fairseq families' mask token strips the space on its left.
        self.lstrip = set() if family == "deberta-v2" else {mask}
        self.trie = Trie()
        for t in self.specials:
            self.trie.add(t)

    def piece_to_id(self, piece):
        if piece in self.added:
            return self.added[piece]
        if piece in self.reserved:
            return self.reserved[piece]
        spm_id = self.sp.piece_to_id(piece)
        if self.family in ("albert", "deberta-v2"):
            return spm_id
        return spm_id + self.offset if spm_id else 3

    def encode(self, text):
        pieces = []  # (token, (begin, end))
        t = Aligned.of(text)
        if self.family in ("albert", "deberta-v2") and self.do_lower_case:
            # PreTrainedTokenizer.tokenize: re.sub of specials|(.+?) lowercases one character at a
            # time, leaving the special tokens (and "\n", which "." skips) alone.
            pattern = "(" + "|".join(re.escape(s) for s in self.specials) + r")|(.+?)"
            chars, spans, pos = [], [], 0
            for m in re.finditer(pattern, t.text()):
                for i in range(pos, m.start()):
                    chars.append(t.chars[i]); spans.append(t.spans[i])
                seg = m.group(0)
                if m.group(1) is not None:
                    for i in range(m.start(), m.end()):
                        chars.append(t.chars[i]); spans.append(t.spans[i])
                else:
                    for d in seg.lower():
                        chars.append(d); spans.append(t.spans[m.start()])
                pos = m.end()
            for i in range(pos, len(t.chars)):
                chars.append(t.chars[i]); spans.append(t.spans[i])
            t = Aligned(chars, spans)
        # Trie split, then the lstrip of <mask> / [MASK] takes the whitespace off its left neighbour.
        parts, pos = [], 0
        for piece in self.trie.split(t.text()):
            parts.append(Aligned(t.chars[pos:pos + len(piece)], t.spans[pos:pos + len(piece)]))
            pos += len(piece)
        for i, part in enumerate(parts):
            if part.text() in self.specials and part.text() in self.lstrip and i > 0 and parts[i - 1].chars:
                left = parts[i - 1]
                keep = len(left.text().rstrip())
                parts[i - 1] = Aligned(left.chars[:keep], left.spans[:keep])
        for part in parts:
            if not part.chars:
                continue
            if part.text() in self.specials:
                pieces.append((part.text(), part.span(0, len(part.chars))))
            else:
                pieces.extend(self.tokenize_segment(part))
        tokens = [self.cls] + [p for p, _ in pieces] + [self.sep]
        ids = [self.piece_to_id(p) for p in tokens]
        offsets = [(0, 0)] + [o for _, o in pieces] + [(0, 0)]
        return ids, tokens, offsets

    def preprocess(self, t):
        if self.remove_space:
            chars, spans, pending = [], [], None
            for c, s in zip(t.chars, t.spans):
                if c.isspace():
                    pending = pending or s
                    continue
                if pending and chars:
                    chars.append(" "); spans.append(pending)
                pending = None
                chars.append(c); spans.append(s)
            t = Aligned(chars, spans)
        for pair in ("``", "''"):
            chars, spans, i = [], [], 0
            while i < len(t.chars):
                if "".join(t.chars[i:i + 2]) == pair:
                    chars.append('"'); spans.append((t.spans[i][0], t.spans[i + 1][1])); i += 2
                else:
                    chars.append(t.chars[i]); spans.append(t.spans[i]); i += 1
            t = Aligned(chars, spans)
        if not self.keep_accents:
            t = t.map(lambda c: [d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d)])
        if self.do_lower_case:
            # str.lower() of the whole string (its final-sigma rule included), aligned per character.
            lowered = iter(t.text().lower())
            t = t.map(lambda c: [next(lowered) for _ in c.lower()])
        return t

    def proto(self, text):
        spt = self.sp.encode(text, return_type="proto")
        starts = {}
        b = 0
        for i, c in enumerate(text):
            starts[b] = i
            b += len(c.encode("utf-8"))
        starts[b] = len(text)
        return [(p.piece, starts[p.begin], starts[p.end]) for p in spt.pieces]

    def tokenize_segment(self, part):
        if self.family == "albert":
            part = self.preprocess(part)
        if self.family == "deberta-v2" and self.split_by_punct:
            return [piece for word in punctuation_split(part) for piece in self.tokenize_words(word)]
        return self.tokenize_words(part)

    def tokenize_words(self, part):
        out = []
        for piece, b, e in self.proto(part.text()):
            if self.family == "albert" and len(piece) > 1 and piece[-1] == "," and piece[-2].isdigit():
                out.extend(self.split_digit_comma(part, piece, b, e))
            else:
                out.append((piece, part.span(b, e)))
        return out

    def split_digit_comma(self, part, piece, b, e):  # ALBERT
        stem = piece[:-1].replace("\u2581", "")
        sub = self.proto(stem)
        cur = [p for p, _, _ in sub]
        first = 0
        if piece[0] != "\u2581" and cur and cur[0][0] == "\u2581":
            if len(cur[0]) == 1:
                cur, first = cur[1:], 1
            else:
                cur[0] = cur[0][1:]
        comma = e - 1 if e > b else b
        base = comma - len(stem) if comma >= b + len(stem) else b
        out = []
        for k, token in enumerate(cur):
            _, sb, se = sub[k + first]
            out.append((token, part.span(min(base + sb, comma), min(base + se, comma))))
        out.append((",", part.span(comma, e)))
        return out


def is_punctuation(c):
    """transformers 4's _is_punctuation: ASCII punctuation, or a Unicode P* category."""
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def punctuation_split(part):
    """DeBERTa-v2's _run_split_on_punc: each punctuation character alone, the runs between whole
    (their spaces kept); each is then given to sentencepiece on its own."""
    words, start = [], 0
    for i, c in enumerate(part.chars):
        if is_punctuation(c):
            if i > start:
                words.append(Aligned(part.chars[start:i], part.spans[start:i]))
            words.append(Aligned(part.chars[i:i + 1], part.spans[i:i + 1]))
            start = i + 1
    if start < len(part.chars):
        words.append(Aligned(part.chars[start:], part.spans[start:]))
    return words

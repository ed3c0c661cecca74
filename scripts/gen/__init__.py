"""Generators of committed files: the Unicode and grapheme tables, Python's string tables, the
colormaps, the tokenizer corpus, the sentiment data. Each has --check, which ctest runs
(generated.NAME).
"""

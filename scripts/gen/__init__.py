"""Generators of committed files: Unicode and string tables, colormaps, the tokenizer corpus, the
sentiment data. Each has --check, which ctest runs (generated.NAME)."""

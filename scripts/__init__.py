"""attnmap's scripts. The Python ones are modules run from the repository root, so that they import
each other by package instead of by path:

    .venv/bin/python -m scripts.gen.colormaps --check

models/  model recipes: export, training, the tiny sample models and fixtures
gen/     generators of committed files (tables, corpora, data), each with --check
ref/     the Hugging Face reference: probe sentences, loading, golden outputs
bench/   benchmarks (run as files, see BENCHMARKS.md)
"""

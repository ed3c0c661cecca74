"""The probe sentences of the Hugging Face reference checks, in one place.

Each named set belongs to the checks listed with it and is used exactly as it stands: the goldens
and checks made from a set change when it does (a golden's texts are recorded in it, the exporter
traces on its set). To probe something new, add a set rather than edit one that others use.
"""

# scripts/ref/make_golden.py model, and export_model.py --golden: the cases of every model golden,
# by name (single sentences of several lengths, a pair, a padded batch). model_parity.* and
# `attnmap check --golden` compare with them.
GOLDEN_CASES = [
    {"name": "short", "texts": ["Great film."]},
    {"name": "medium", "texts": ["The movie was not bad at all, but the ending dragged on far too long."]},
    {"name": "accents-and-cjk", "texts": ["Café crème and 東京 — naïve résumé!"]},
    {"name": "pair", "texts": ["Is the soup good?"], "pairs": ["The soup was cold, bland and overpriced."]},
    {"name": "padded-batch", "texts": ["Wonderful.", "I expected more from such a famous director, honestly.",
                                       "Not good, not terrible."]},
]

# scripts/models/export_model.py: the traced module against the Hugging Face model before a bundle
# is written, each text alone, the pair, and all texts as one padded batch. The first two, padded,
# are also what the module is traced on.
EXPORT_CHECK_TEXTS = [
    "Hi.",
    "The movie was not bad at all, but the ending dragged.",
    "A much longer sentence, with commas, numbers like 42 and 3.14, and a few rare words: "
    "serendipitous, antidisestablishmentarianism, café crème.",
]
EXPORT_CHECK_PAIR = ("Is the soup good?", "The soup was cold and bland.")

# tests/integration/ig_captum_test.py: `attnmap saliency --method ig` against Captum's
# LayerIntegratedGradients, and the completeness of our attributions.
IG_TEXTS = ["The film was not bad at all, but the ending dragged.", "Great.", "I expected more, honestly."]

# faithfulness_reference.py: one token (tau_loo is null, all five rationales the same), and over 20
# so that all five rationale sizes differ; the pair and the text with ties (its {mask} replaced by
# the model's mask token) have 6 to 20, where some sizes repeat.
FAITHFULNESS_TEXTS = [
    "Fine",
    "I expected more from this director: the acting was wooden, the plot made no sense, and the music "
    "was far too loud for the quiet scenes.",
]
FAITHFULNESS_PAIR = ("The hotel was close to the station.", "Getting there took us an hour.")
FAITHFULNESS_TIES = "the {mask} film was {mask} good"

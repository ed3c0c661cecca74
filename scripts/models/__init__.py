"""Model recipes: export to a bundle, training, the tiny sample models and the ALBERT fixture."""

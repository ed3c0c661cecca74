#!/usr/bin/env bash
# Renders examples/gallery/ with the built tool and the sample models: one figure per view, as the
# README shows them. Usage: scripts/gen/gallery.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build}/attnmap
out=examples/gallery
bert=models/sentiment-bert
roberta=models/sentiment-roberta
text="The acting was not bad at all, but the plot made no sense."
mkdir -p "$out"
r() { "$bin" "$@" >/dev/null; }
r render --model "$bert" --text "$text" -o "$out/quickstart.png"
r render --model "$bert" --text "$text" --layer 1 --head 7 -o "$out/single-head.png"
r render --model "$bert" --text "Not bad at all." --annotate on --fmt .3f -o "$out/mean-last-layer-annotated.png"
r render --model "$bert" --text "Not bad at all." -o "$out/mean-last-layer.svg"
r render --model "$bert" --text "$text" --view grid -o "$out/grid.png"
r render --model "$bert" --text "$text" --view heads --layer 0 -o "$out/heads.png"
r render --model "$bert" --text "$text" --view cls --layer 0 -o "$out/cls-strip.png"
r render --model "$bert" --text "$text" --view rollout --hide-special -o "$out/rollout.png"
r render --model "$bert" --text "$text" --view gradattn -o "$out/gradattn.png"
r render --model "$bert" --text "$text" --view valuenorm --layer 0 -o "$out/valuenorm.png"
r render --model "$bert" --text "Unbelievably tedious, yet strangely charming." --view matrix --merge-subwords -o "$out/merged-subwords.png"
r render --model "$bert" --text-file examples/long_sentence.txt -o "$out/128-tokens.png"
r render --model models/tiny-xlmr --text "Un café crème à Tōkyō (東京), naïve et délicieux — 美味しい!" --label-rotation 45 -o "$out/cjk-accents.png"
r render --model "$bert" --text "I expected more, honestly." --compare "$roberta" -o "$out/compare-bert-roberta.png"
r saliency --model "$bert" --text "$text" --method all -o "$out/saliency.png"
# The faithfulness curves of README's "Which map to trust?" (minutes: the whole test set).
for model in sentiment-bert sentiment-roberta; do
  r faithfulness --model "models/$model" --input examples/sentiment/test.tsv --no-progress \
    -o "$out/faithfulness-$model.png" 2>/dev/null
done
ls "$out"

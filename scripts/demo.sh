#!/usr/bin/env bash
# Sets up what the demo needs (scripts/setup.sh: the Debian packages to build and run attnmap, the
# Python environment, the default model sentiment-bert, the attnmap binary), renders an attention
# heatmap of a sentence with it, and prints the PNG's path.
# Usage: scripts/demo.sh ["Your sentence."]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
text=${1:-"The acting was great, but the plot made no sense at all."}
mkdir -p out
build/attnmap render --text "$text" -o out/demo.png >/dev/null
echo "$(pwd)/out/demo.png"

# What the command-line test scripts share, sourced first with their arguments:
#   source "$(dirname "$0")/common.sh" ATTNMAP_BINARY SOURCE_DIR [PYTHON]
# sets bin, src and py (the arguments) and work, a scratch directory removed when the script exits.
# Unset variables are errors; whether a failing command stops the script is each script's choice.
set -u
bin=$1
src=$2
py=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Shared helpers for the scripts in this directory (sourced, not run).
say() { printf 'attnmap: %s\n' "$*" >&2; }
die() { printf 'attnmap: error: %s\n' "$*" >&2; exit 1; }

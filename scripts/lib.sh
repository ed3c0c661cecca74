# Shared helpers for the scripts in this directory (sourced, not run).
say() { printf 'attnmap: %s\n' "$*" >&2; }
die() { printf 'attnmap: error: %s\n' "$*" >&2; exit 1; }

# A step of a set-up script is one line on stderr, when it is done: what it did and how long it
# took. On a terminal a line also says when a step begins (steps may run side by side).
step_begin() {
  STEP_WHAT=$1
  STEP_START=$(date +%s.%N)
  [ -t 2 ] && say "$STEP_WHAT ..."
  return 0
}
step_end() {
  local took
  took=$(awk -v s="$STEP_START" -v e="$(date +%s.%N)" 'BEGIN {
    t = e - s; if (t < 60) printf "%.1f s", t; else printf "%d min %02d s", t / 60, t % 60 }')
  say "$STEP_WHAT: done ($took)"
}

# logged LOG COMMAND...: runs COMMAND with its output appended to LOG; when it fails, shows the end
# of LOG and where the whole of it is, and exits.
logged() {
  local log=$1; shift
  printf '\n$ %s\n' "$*" >>"$log"
  if ! "$@" >>"$log" 2>&1; then
    tail -n 25 "$log" >&2
    die "${STEP_WHAT:-$1} failed; the whole output is in $log"
  fi
}

# built DIR [TARGET...]: true when DIR is configured and ninja has nothing to do for the targets.
built() {
  local dir=$1; shift
  [ -f "$dir/build.ninja" ] && ninja -C "$dir" -n "$@" 2>/dev/null | grep -q '^ninja: no work to do'
}

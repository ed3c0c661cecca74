#!/usr/bin/env bash
# Where one `attnmap render` spends its time, stage by stage, from the inside: a uprobe on entry
# and return of each stage's function (found by name in the binary's symbol table), exec and exit
# from the scheduler's tracepoints, all recorded by `perf record` on one clock. Prints the
# milliseconds between consecutive events, e.g.
#   exec -> main          412.0 ms   (dynamic loading, libtorch's static initializers)
#   model_load            398.0 ms   (torch::jit::load)
#   write -> exit         183.0 ms   (static destructors)
# Needs root (uprobes), perf and an unstripped attnmap. Removes its probes on exit.
#   scripts/bench/phases.sh [ATTNMAP] render --model models/minilm --text "..." -o out.png
set -euo pipefail
source "$(dirname "$0")/../lib.sh"

bin=build/attnmap
if [ $# -gt 0 ] && [ -x "$1" ] && [ ! -d "$1" ]; then bin=$(realpath "$1"); shift; fi
[ "$(id -u)" -eq 0 ] || die "uprobes need root"
command -v perf >/dev/null || die "perf is not installed"
events=/sys/kernel/tracing/uprobe_events
[ -w "$events" ] || die "no writable $events (tracefs not mounted?)"

# Stage name -> the start of its function's demangled name.
stages=(
  "main=main"
  "tokenizer=attnmap::cli::open_tokenizer("
  "model_load=attnmap::ModelRunner::ModelRunner("
  "forward=attnmap::ModelRunner::run(attnmap::Encoding const&)"
  "view=attnmap::cli::compute_view("
  "fonts=attnmap::render::FontSet::FontSet("
  "layout=attnmap::render::heatmap_scene("
  "raster=attnmap::render::rasterize("
  "png=attnmap::encode_png("
  "write=attnmap::write_file_atomic("
)
group=attnmap_phases
added=()
cleanup() { for p in "${added[@]}"; do echo "-:$group/$p" >>"$events" 2>/dev/null || true; done; }
trap cleanup EXIT
symbols=$(nm -C "$bin")
for s in "${stages[@]}"; do
  name=${s%%=*} fn=${s#*=}
  addr=$(grep -F " T $fn" <<<"$symbols" | head -1 | cut -d' ' -f1)
  [ -n "$addr" ] || die "no symbol '$fn' in $bin (stripped?)"
  echo "p:$group/${name}_in $bin:0x$addr" >>"$events" && added+=("${name}_in")
  [ "$name" = main ] && continue
  echo "r:$group/${name}_out $bin:0x$addr" >>"$events" && added+=("${name}_out")
done

data=$(mktemp)
perf record -q -o "$data" -e "$group:*" -e sched:sched_process_exec -e sched:sched_process_exit \
  "$bin" "$@" >/dev/null
# Events of the main thread in time order, the first exit being the process's. A stage's own
# time is printed under its name; the time between two stages (under "a -> b") when it is not ~0.
perf script -i "$data" -F tid,time,event 2>/dev/null | awk '
  NR == 1 { tid = $1 }
  $1 != tid { next }
  { t = $2; sub(":", "", t); ev = $3; sub(":$", "", ev); sub(/^.*:/, "", ev); sub(/^sched_process_/, "", ev)
    if (NR == 1) start = t
    else {
      name = prev; sub(/_in$/, "", name)
      label = (prev ~ /_in$/ && ev == name "_out") ? name : prev " -> " ev
      gsub(/_(in|out)/, "", label)
      if (label !~ / -> / || t - last > 0.0005) printf "  %-22s %7.1f ms\n", label, (t - last) * 1000
    }
    prev = ev; last = t
    if (ev == "exit") { printf "  %-22s %7.1f ms\n", "total", (t - start) * 1000; exit } }'
rm -f "$data"

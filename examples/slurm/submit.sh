#!/usr/bin/env bash
# Queues an `attnmap batch` run on Slurm: a job array of N shards (shard.sbatch) and the merge
# (merge.sbatch) that starts when every one of them has succeeded. Prints the two job ids.
#
#   examples/slurm/submit.sh [--tasks LIST] [--sbatch "OPTIONS"] [--logs DIR] N MODEL INPUT OUT_DIR [attnmap batch options]
#
#   --tasks LIST      the array indices to run (default 0-(N-1)); after a task failed or was
#                     cancelled, `--tasks K` runs that shard again (it resumes) and a new merge
#   --sbatch OPTIONS  extra sbatch options for the shards, e.g. "--partition=gpu --gres=gpu:1"
#   --logs DIR        where the jobs' logs go (default: the current directory, as sbatch's)
#
# Environment: ATTNMAP, the attnmap binary the jobs run (default: `attnmap` on the PATH);
# sbatch passes it on, as it does the rest of the environment.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

tasks="" sbatch_options="" logs=$PWD
while [ $# -gt 0 ]; do
  case $1 in
    --tasks) tasks=$2; shift 2 ;;
    --sbatch) sbatch_options=$2; shift 2 ;;
    --logs) logs=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 4 ]; then
  echo "usage: submit.sh [--tasks LIST] [--sbatch OPTIONS] [--logs DIR] N MODEL INPUT OUT_DIR [attnmap batch options]" >&2
  exit 2
fi
shards=$1 out_dir=$4
case $shards in '' | *[!0-9]* | 0) echo "submit.sh: N must be a positive number of shards, not '$shards'" >&2; exit 2 ;; esac
mkdir -p "$out_dir" "$logs"
logs=$(cd "$logs" && pwd)

# shellcheck disable=SC2086  # the extra options are words for sbatch
array=$(sbatch --parsable --array="${tasks:-0-$((shards - 1))}" --output="$logs/shard-%A_%a.log" \
  $sbatch_options "$here/shard.sbatch" "$@")
array=${array%%;*}  # "id;cluster" on a multi-cluster site
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$logs/merge-%j.log" "$here/merge.sbatch" "$out_dir")
merge=${merge%%;*}
echo "array $array"
echo "merge $merge"

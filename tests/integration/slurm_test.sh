#!/usr/bin/env bash
# The shipped Slurm example on a real, single-node Slurm cluster started here: munged, slurmctld
# and slurmd on localhost with a generated configuration in a scratch directory, inside a PID
# namespace of their own so that nothing outlives the test, whatever happens.
#
#   1. examples/slurm/submit.sh, unchanged: 4 array tasks over examples/sentiment/test.tsv with
#      two views, and the merge queued after them; the merged directory equals, byte for byte, a
#      run of one process.
#   2. The same again, one array task cancelled (scancel) in the middle of its rows: its merge is
#      dropped by Slurm, the task's index resubmitted (`submit.sh --tasks K`) resumes, and the
#      merged directory again equals the one-process run.
#
# Skipped (exit 77, with the reason) where Slurm is not installed or slurmd cannot start jobs
# (it must run as root). Usage: slurm_test.sh ATTNMAP_BINARY SOURCE_DIR PYTHON
set -u
if [ "${1:-}" != --inside ]; then
  source "$(dirname "$0")/common.sh" "$@"
  for daemon in munged slurmctld slurmd; do
    command -v "$daemon" >/dev/null || [ -x "/usr/sbin/$daemon" ] ||
      { echo "SKIP: $daemon is not installed (Debian: slurm-wlm munge; scripts/setup.sh --tests installs them)"; exit 77; }
  done
  [ "$(id -u)" -eq 0 ] || { echo "SKIP: slurmd must run as root to start jobs as their user"; exit 77; }
  command -v unshare >/dev/null || { echo "SKIP: unshare (util-linux) is needed to contain the daemons"; exit 77; }
  unshare --pid --fork --mount-proc true 2>/dev/null ||
    { echo "SKIP: cannot make a PID namespace here (unshare --pid) to contain the daemons"; exit 77; }
  # PID 1 of the namespace is the inner script: when it exits, the kernel kills what is left.
  unshare --pid --fork --mount-proc bash "$0" --inside "$bin" "$src" "$py" "$work"
  rc=$?
  if pgrep -f -- "$work/slurm.conf" >/dev/null; then
    echo "FAIL: a Slurm daemon is still running" >&2
    pgrep -af -- "$work/slurm.conf" >&2
    exit 1
  fi
  exit $rc
fi

# --- inside the namespace ----------------------------------------------------------------------
bin=$2 src=$3 py=$4 work=$5
export PATH=/usr/sbin:$PATH
export HF_HUB_OFFLINE=1 SLURM_CONF=$work/slurm.conf ATTNMAP=$bin
model=$src/models/sentiment-bert
data=$src/examples/sentiment/test.tsv
# Two views on every row, one row per model batch: windows of 8 rows, so each task commits its
# manifest a few rows at a time and can be caught in the middle.
views=(--views grid,cls --select all --batch-size 1)
shards=4
passed=0 failed=0
check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; fi
}
die() { echo "FAIL: $*" >&2; for f in "$work"/log/*.log "$work"/jobs/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -5 "$f" >&2; }; done; exit 1; }

stop_cluster() {
  scancel --full --quiet --partition=debug 2>/dev/null
  scontrol shutdown 2>/dev/null
  for pidfile in "$work/slurmctld.pid" "$work/slurmd.pid" "$work/munged.pid"; do
    local pid; pid=$(cat "$pidfile" 2>/dev/null) || continue
    [ "$(basename "$pidfile")" = munged.pid ] && munged --stop --socket="$work/munge.sock" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
}
trap stop_cluster EXIT

# --- the cluster ---------------------------------------------------------------------------------
mkdir -p "$work"/{state,spool,log,jobs}
head -c 1024 /dev/urandom >"$work/munge.key" && chmod 400 "$work/munge.key"
munged --force --socket="$work/munge.sock" --key-file="$work/munge.key" --log-file="$work/log/munged.log" \
  --pid-file="$work/munged.pid" --seed-file="$work/munged.seed" || die "munged did not start"
read -r ctld_port slurmd_port < <("$py" -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
node=$(hostname -s)
cpus=$(nproc)
memory_mb=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512))
cat >"$SLURM_CONF" <<CONF
ClusterName=attnmaptest
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$work/munge.sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=600
KillWait=10
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -i -f "$SLURM_CONF" || die "slurmctld did not start"
slurmd -f "$SLURM_CONF" || die "slurmd did not start"
# Wait for the node to register (an event: sinfo says idle), at most 30 s.
for _ in $(seq 300); do
  [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ] && break
  sleep 0.1
done
[ "$(sinfo -h -N -o %t)" = idle ] || die "the node did not come up: $(sinfo -h -N -o %t 2>&1)"

# --- helpers -------------------------------------------------------------------------------------
job_state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1; }
# wait_gone JOB SECONDS: until Slurm no longer lists the job as pending or running.
wait_gone() {
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  die "job $1 still queued after $2 s: $(squeue -j "$1" 2>&1 | tail -2)"
}
submit() {  # submit OUT_DIR [submit.sh options]: sets array and merge
  local out=$1; shift
  "$src/examples/slurm/submit.sh" "$@" --logs "$work/jobs" --sbatch "--cpus-per-task=1 --mem=1G" \
    "$shards" "$model" "$data" "$out" "${views[@]}" >"$work/submitted" 2>&1 || die "submit.sh: $(cat "$work/submitted")"
  array=$(awk '$1 == "array" {print $2}' "$work/submitted")
  merge=$(awk '$1 == "merge" {print $2}' "$work/submitted")
}
# same_run A B: the two output directories hold the same files with the same bytes (the shards'
# own files aside).
same_run() {
  (cd "$1" && find . -type f ! -name '*.shard-*' | sort) >"$work/files-a"
  (cd "$2" && find . -type f ! -name '*.shard-*' | sort) >"$work/files-b"
  diff -q "$work/files-a" "$work/files-b" >/dev/null || { diff "$work/files-a" "$work/files-b" | head -5 >&2; return 1; }
  while read -r f; do cmp -s "$1/$f" "$2/$f" || { echo "differs: $f" >&2; return 1; }; done <"$work/files-a"
}

"$bin" batch --model "$model" --input "$data" --out-dir "$work/whole" "${views[@]}" --no-progress \
  >/dev/null 2>"$work/whole.err" || die "the one-process run failed: $(tail -3 "$work/whole.err")"

# --- 1. a whole array and its merge ---------------------------------------------------------------
submit "$work/out"
wait_gone "$merge" 90
check "the merge job completed" test "$(job_state "$merge")" = COMPLETED
check "every array task completed" test "$(scontrol show job "$array" | grep -c 'JobState=COMPLETED')" = "$shards"
check "4 array tasks merged equal one process" same_run "$work/whole" "$work/out"

# --- 2. one task cancelled mid-run, its index resubmitted ------------------------------------------
submit "$work/cancelled"
victim=2
manifest="$work/cancelled/manifest.shard-$victim-of-$shards.jsonl"
# Wait for the victim to be under way: its manifest holds a first row.
deadline=$((SECONDS + 60))
until [ -s "$manifest" ] && [ "$(wc -l <"$manifest")" -ge 1 ]; do
  [ $SECONDS -lt $deadline ] || die "shard $victim never started writing its manifest"
  sleep 0.05
done
# Freeze it at once (SIGSTOP to the task, which is attnmap: shard.sbatch execs it), so that it is
# still in the middle when the cancel arrives; the cancel sends SIGCONT, then SIGTERM.
scancel --batch --signal=STOP "${array}_$victim"
written=$(grep -c . "$manifest")
scancel "${array}_$victim"
wait_gone "${array}_$victim" 30
# Slurm 22.05 can go on reporting the earlier SIGSTOP's flag (JobState=STOPPED) for a job it has
# cancelled, so the state alone does not say; the cancel is the line slurmstepd writes into the
# task's log ("*** JOB n ON node CANCELLED AT time ***").
cancelled() {
  local state; state=$(job_state "${array}_$victim")
  [ "$state" = CANCELLED ] && return 0
  grep -q 'CANCELLED AT' "$work/jobs/shard-${array}_$victim.log" 2>/dev/null && return 0
  echo "the task's state is $state and its log says no cancel" >&2
  return 1
}
check "the cancelled task is CANCELLED" cancelled
wait_gone "$array" 90
wait_gone "$merge" 30
check "the merge after a cancelled task did not run" test "$(job_state "$merge")" != COMPLETED
submit "$work/cancelled" --tasks "$victim"
wait_gone "$merge" 90
check "the resubmitted task completed" test "$(job_state "${array}_$victim")" = COMPLETED
check "the second merge completed" test "$(job_state "$merge")" = COMPLETED
check "a cancelled and resumed task merged equals one process" same_run "$work/whole" "$work/cancelled"
rows_of_victim=$(grep -c . "$manifest")
check "the task was stopped in the middle of its rows ($written of $rows_of_victim)" test "$written" -lt "$rows_of_victim"

echo "slurm: shard $victim cancelled after $written of its $rows_of_victim rows"
echo "slurm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

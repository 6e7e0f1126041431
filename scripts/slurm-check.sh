#!/usr/bin/env bash
# Sharded studies on a real Slurm: a one-node cluster on this machine (docs/scale-out.md,
# deploy/slurm/README.md). Run by scripts/test.sh, as root (CI) or through sudo.
#
#  1. installs Debian's slurm-wlm and munge when missing (apt-get), starts munged when no
#     munge daemon answers, and slurmctld and slurmd with a configuration in a temporary
#     folder (../shared/docs/slurm-local.md: no cgroups, loopback ports 16817/16818);
#  2. builds gridtool (release) unless GRIDTOOL names a binary;
#  3. submits with deploy/slurm/submit.sh a 4-shard array and its merge job for
#       - the Xinjiang 2024 year × N-1 (`gridtool contingency networks/scenarios/xinjiang-2024.yaml`),
#         with shard 2 cancelled before it runs: Slurm cancels the merge, `gridtool merge` of
#         the three partials refuses (shard 2/4 missing), and resubmitting shard 2 (submit.sh -k 2)
#         completes the study;
#       - the case2383wp year of hourly load scaling (`gridtool scenario
#         networks/scenarios/case2383wp-2024.yaml`; skipped when ../shared/cases/case2383wp.m is absent);
#  4. compares each merged result byte for byte with the single-process run;
#  5. stops the daemons it started, by their pid files (trap: also on failure).
# Environment: GRIDTOOL (a gridtool binary), SLURM_CHECK_KEEP=1 (keep the temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -E "$0" "$@"
  fi
  echo "slurm-check: skipped (the Slurm daemons need root; run as root or with password-less sudo)"
  exit 0
fi

say() { echo "== slurm-check: $*"; }
fail() {
  echo "slurm-check: FAILED: $*" >&2
  exit 1
}

# --- 1. packages ---------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null ||
  ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge (apt-get)"
  # Packages must not start their services: this script starts what it needs, and stops it.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy=/usr/sbin/policy-rc.d
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq slurm-wlm munge >/dev/null || { apt-get update -qq && apt-get install -y -qq slurm-wlm munge >/dev/null; }
  [ -n "$policy" ] && rm -f "$policy"
fi

# --- 2. gridtool ---------------------------------------------------------------------------
if [ -z "${GRIDTOOL:-}" ]; then
  say "building gridtool (release)"
  swift build -c release --product gridtool </dev/null >/dev/null
  GRIDTOOL=$repo/.build/release/gridtool
fi
[ -x "$GRIDTOOL" ] || fail "no gridtool binary at $GRIDTOOL"

# --- daemons, stopped on exit --------------------------------------------------------------
D=$(mktemp -d /tmp/gridtool-slurm.XXXXXX)
chmod 755 "$D"
munged_pid=""
jobs_submitted=()
cleanup() {
  local status=$?
  set +e
  if [ -f "$D/slurm.conf" ] && [ ${#jobs_submitted[@]} -gt 0 ]; then
    SLURM_CONF=$D/slurm.conf scancel "${jobs_submitted[@]}" 2>/dev/null
  fi
  for pidfile in "$D/slurmd.pid" "$D/slurmctld.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  [ -n "$munged_pid" ] && [ -f "$munged_pid" ] && kill "$(cat "$munged_pid")" 2>/dev/null
  sleep 1
  if [ $status -ne 0 ]; then
    echo "slurm-check: logs in $D/log and the job folders under $D/runs" >&2
    tail -n 20 "$D"/log/*.log "$D"/runs/*/logs/* 2>/dev/null >&2
  elif [ "${SLURM_CHECK_KEEP:-0}" != 1 ]; then
    rm -rf "$D"
  fi
  exit $status
}
trap cleanup EXIT

if ! (munge -n | unmunge) >/dev/null 2>&1; then
  say "starting munged"
  mkdir -p /etc/munge /run/munge /var/log/munge /var/lib/munge
  [ -f /etc/munge/munge.key ] || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
  chmod 400 /etc/munge/munge.key
  chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge
  su -s /bin/sh munge -c munged
  munged_pid=/run/munge/munged.pid
  for _ in $(seq 50); do (munge -n | unmunge) >/dev/null 2>&1 && break; sleep 0.2; done
  (munge -n | unmunge) >/dev/null 2>&1 || fail "munged does not answer"
fi

say "starting slurmctld and slurmd (configuration in $D)"
host=$(hostname -s)
mkdir -p "$D/state" "$D/spool" "$D/log" "$D/runs"
# The node as slurmd sees it (CPUs, memory), so that it registers as configured.
node=$(slurmd -C | head -1)
[[ $node == NodeName=* ]] || fail "slurmd -C gave no node line: $node"
cat >"$D/slurm.conf" <<CONF
ClusterName=gridtool-check
SlurmctldHost=$host
SlurmUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=3600
$node State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$D/slurm.conf
slurmctld
slurmd
for _ in $(seq 60); do
  state=$(sinfo -h -o %T 2>/dev/null | head -1)
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || fail "the node is not idle after 60 s (sinfo: ${state:-no answer})"
sinfo

# --- helpers -------------------------------------------------------------------------------
# submit OUT [submit.sh options] -- COMMAND...: prints the shard and merge job ids.
submit() {
  local out=$1
  shift
  local ids
  ids=$(deploy/slurm/submit.sh -d "$out" "$@")
  shards=$(echo "$ids" | awk '$1 == "shards" {print $2}')
  merge=$(echo "$ids" | awk '$1 == "merge" {print $2}')
  [ -n "$shards" ] && [ -n "$merge" ] || fail "submit.sh printed: $ids"
  jobs_submitted+=("$shards" "$merge")
}

# wait_jobs ID...: until none is in the queue (at most 30 minutes).
wait_jobs() {
  local deadline=$((SECONDS + 1800))
  while [ -n "$(squeue -h -j "$(
    IFS=,
    echo "$*"
  )" -o %i 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || fail "jobs $* still queued after 30 minutes"
    sleep 1
  done
}

# job_state ID: COMPLETED, CANCELLED, FAILED… of a finished job; of an array, task=state each.
job_state() {
  scontrol -o show job "$1" 2>/dev/null | while read -r line; do
    local task state
    task=$(grep -o 'ArrayTaskId=[^ ]*' <<<"$line" | cut -d= -f2)
    state=$(grep -o 'JobState=[A-Z_]*' <<<"$line" | cut -d= -f2)
    printf '%s ' "${task:+$task=}$state"
  done
}

# single NAME COMMAND...: the single-process run, its output and time.
single() {
  local name=$1
  shift
  local start=$SECONDS status=0
  "$GRIDTOOL" "$@" --format json >"$D/runs/$name-single.json" || status=$?
  [ $status -eq 0 ] || [ $status -eq 2 ] || fail "$name: single run exit status $status"
  echo "$name: single process $((SECONDS - start)) s, exit status $status"
}

# compare NAME OUT: the merged result against the single run, byte for byte.
compare() {
  cmp "$D/runs/$1-single.json" "$2/result" || fail "$1: merged result differs from the single run"
  say "$1: merged result of 4 shards = single run, byte for byte ($(wc -c <"$2/result") bytes, merge exit status $(cat "$2/merge.status"))"
}

# --- 3a. Xinjiang year × N-1, with shard 2 killed and resubmitted ----------------------------
xinjiang=(contingency "$repo/networks/scenarios/xinjiang-2024.yaml")
out=$D/runs/xinjiang-n1
single xinjiang-n1 "${xinjiang[@]}"
start=$SECONDS
submit "$out" -H -n 4 -- "$GRIDTOOL" "${xinjiang[@]}" --format json
first_shards=$shards first_merge=$merge
say "xinjiang-n1: shards $shards (held), merge $merge; cancelling shard 2 before it runs"
scancel "${shards}_2"
scontrol release "$shards"
wait_jobs "$first_shards" "$first_merge"
echo "shards: $(job_state "$first_shards"); merge: $(job_state "$first_merge")"
[ ! -e "$out/part-2-of-4.json" ] || fail "shard 2 was cancelled but wrote its partial result"
[ ! -e "$out/result" ] || fail "the merge ran without shard 2"
refused=$("$GRIDTOOL" merge "$out"/part-*-of-4.json 2>&1 >/dev/null) && fail "gridtool merge accepted 3 of 4 shards"
echo "gridtool merge of the three partials: $refused"
[[ $refused == *"shard 2/4 missing"* ]] || fail "unexpected message: $refused"
say "xinjiang-n1: resubmitting shard 2 (submit.sh -k 2)"
submit "$out" -k 2 -a "$first_shards" -n 4 -- "$GRIDTOOL" "${xinjiang[@]}" --format json
wait_jobs "$shards" "$merge"
echo "resubmitted shard: $(job_state "$shards"); merge: $(job_state "$merge")"
echo "xinjiang-n1: 4 shards, kill and resubmission included, merged in $((SECONDS - start)) s"
compare xinjiang-n1 "$out"

# --- 3b. case2383wp year ---------------------------------------------------------------------
if [ -f "$repo/../shared/cases/case2383wp.m" ]; then
  case2383=(scenario "$repo/networks/scenarios/case2383wp-2024.yaml")
  out=$D/runs/case2383wp
  single case2383wp "${case2383[@]}"
  start=$SECONDS
  submit "$out" -n 4 -- "$GRIDTOOL" "${case2383[@]}" --format json
  wait_jobs "$shards" "$merge"
  echo "shards: $(job_state "$shards"); merge: $(job_state "$merge"); $((SECONDS - start)) s"
  compare case2383wp "$out"
else
  say "case2383wp: skipped (../shared/cases/case2383wp.m is absent)"
fi

say "passed"

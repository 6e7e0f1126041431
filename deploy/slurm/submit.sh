#!/usr/bin/env bash
# Submits a sharded gridtool study to Slurm: one job array of N shards and a merge job that
# runs when every shard has succeeded (deploy/slurm/README.md). Slurm schedules everything.
#
#   deploy/slurm/submit.sh [-n N] [-d OUTDIR] [-r RESULT] [-s 'SBATCH OPTIONS'] -- GRIDTOOL COMMAND SCENARIO [OPTIONS...]
#   deploy/slurm/submit.sh -k K[,K...] [-a JOBID] -n N -d OUTDIR [...] -- GRIDTOOL COMMAND SCENARIO [OPTIONS...]
#
#   -n N        number of shards (default 4)
#   -d OUTDIR   partial results, logs, merge status and (by default) the result; on a file
#               system every node sees (default: gridtool-<date>-<time> in this folder)
#   -r RESULT   the merged output (default OUTDIR/result); the format is the command's --format
#   -s OPTS     more sbatch options for both jobs (e.g. '-p short -A myproject -t 01:00:00')
#   -m OPTS     options for `gridtool merge` (e.g. '--format json')
#   -k LIST     resubmit only these shards (comma-separated) of a study whose shards failed,
#               with a new merge; -n and -d must be those of the first submission
#   -a JOBID    with -k: the new merge also waits for this job (the first array) to end
#   -H          submit the shards held: nothing runs until `scontrol release JOBID`
#
# Prints `shards JOBID` and `merge JOBID`. The merge job is submitted with
# --kill-on-invalid-dep=yes: when a shard fails, Slurm cancels the merge; resubmit with -k.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
n=4 out="" result="" extra="" merge_options="" only="" after="" hold=""
while getopts "n:d:r:s:m:k:a:Hh" opt; do
  case $opt in
    n) n=$OPTARG ;;
    d) out=$OPTARG ;;
    r) result=$OPTARG ;;
    s) extra=$OPTARG ;;
    m) merge_options=$OPTARG ;;
    k) only=$OPTARG ;;
    a) after=$OPTARG ;;
    H) hold=--hold ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift
[ $# -ge 3 ] || { echo "submit.sh: give the gridtool command after --" >&2; exit 64; }
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: -n wants a number of shards" >&2; exit 64; }
out=${out:-gridtool-$(date +%Y%m%d-%H%M%S)}
result=${result:-$out/result}
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
array="0-$((n - 1))"
if [ -n "$only" ]; then
  [[ $only =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "submit.sh: -k wants shard numbers, e.g. 2 or 1,3" >&2; exit 64; }
  array=$only
fi
# The command as run, for the record (and for a resubmission by hand).
printf '%q ' "$@" >"$out/command"
echo >>"$out/command"

# shellcheck disable=SC2086 # $extra is a list of sbatch options
shards=$(sbatch --parsable $hold $extra --array="$array" --export=ALL,GRIDTOOL_SHARDS="$n" \
  --job-name=gridtool-shard --output="$out/logs/shard-%A_%a.out" "$here/shard.sbatch" "$out" "$@")
shards=${shards%%;*}
dependency="afterok:$shards"
[ -n "$after" ] && dependency="$dependency,afterany:$after"
# shellcheck disable=SC2086 # lists of options
merge=$(sbatch --parsable $extra --dependency="$dependency" --kill-on-invalid-dep=yes \
  --job-name=gridtool-merge --output="$out/logs/merge-%j.out" "$here/merge.sbatch" "$out" "$n" "$result" "$1" $merge_options)
merge=${merge%%;*}
echo "shards $shards"
echo "merge $merge"

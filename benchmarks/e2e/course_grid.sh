#!/usr/bin/env bash
# Issue 14, item 6: the course grid (course_grid.yaml, 18 trials) as a user runs it, `sweep run --slots 2`, timed as a
# whole command with its phases, beside the same 18 trainings in plain NumPy in two processes, in the same run.
#   start:  from the command's launch to the first trial's start
#   trials: from the first trial's start to the last one's finish
#   stop:   from the last finish to the command's exit
# NumPy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (OpenBLAS then picks the processor's own kernel) and
# one BLAS thread per process; the script prints which BLAS NumPy loaded, and for OpenBLAS which kernel.
#   bash benchmarks/e2e/course_grid.sh [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repeats="${1:-3}"
# The program to time: SWEEP_BIN, or dotnet build's (program.sh).
source "$here/program.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The baseline is Debian's NumPy; without it the grid is timed alone, and the script says why.
numpy_baseline=1
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  numpy_baseline=0
  echo "no NumPy baseline: /usr/bin/python3 cannot import numpy (apt-get install python3-numpy libopenblas0-pthread)"
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A fresh cache for the start-up profiles (src/Sweep.Cli/StartupProfile.cs): the first repeat records them.
export XDG_CACHE_HOME="$work/cache"
for _ in $(seq "$repeats"); do
  rm -f "$work/grid.db"
  launched=$(date +%s.%N)
  "${sweep[@]}" run "$here/course_grid.yaml" --db "$work/grid.db" --slots 2 >/dev/null
  exited=$(date +%s.%N)
  "${sweep[@]}" trials --db "$work/grid.db" --json | python3 -c '
import json, sys, datetime
def t(s): return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
trials = json.load(sys.stdin)
launched, exited = float(sys.argv[1]), float(sys.argv[2])
first = min(t(x["started_at"]) for x in trials)
last = max(t(x["finished_at"]) for x in trials)
print("sweep run --slots 2: %d trials, %.2f s whole command (start %.2f s, trials %.2f s, stop %.2f s)" % (
    len(trials), exited - launched, first - launched, last - first, exited - last))
' "$launched" "$exited"
  [ "$numpy_baseline" = 1 ] || continue
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/course_grid_numpy.py" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("numpy %s, 2 processes: %d trainings in %.2f s (BLAS: %s)" % (r["numpy"], r["trainings"], r["seconds"], r["blas"]))
'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

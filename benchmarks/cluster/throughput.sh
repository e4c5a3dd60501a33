#!/usr/bin/env bash
# Trials per second of one sweep run three ways on this machine: `sweep run --slots 2`, and `sweep coordinator` with
# two `sweep worker --slots 1` processes. Two sweeps: 500 tiny trials (10 iterations of a [2, 8, 1] net on moons:
# the runtime's own cost) and the course's regularization grid (3 trials of 30000 iterations: training's cost).
#
# trials/s is counted over the sweep's span in the store (first trial started to last trial finished), so process
# start-up, joining and data loading are left out; the wall time of the whole command is printed beside it.
#
# Usage: bash benchmarks/cluster/throughput.sh [runs per case, default 3]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT

dotnet build "$root/src/Sweep.Cli" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
sweep=(dotnet "$work/bin/sweep.dll")

cat >"$work/tiny.yaml" <<YAML
name: tiny
dataset: { generator: moons, examples: 200, noise: 0.2, test_fraction: 0.25 }
model: { hidden: [8] }
training: { iterations: 10, record_every: 5, learning_rate: 0.1 }
search:
  seed: [$(seq -s, 1 500)]
YAML
sed "s|\.\./data/|$root/data/|" "$root/configs/course-regularization.yaml" >"$work/course-regularization.yaml"

# trials/s over the stored span, and the span in seconds
span() {
  "${sweep[@]}" trials --db "$1" --json | python3 -c '
import json, sys
from datetime import datetime
t = json.load(sys.stdin)
start = min(datetime.fromisoformat(x["started_at"]) for x in t)
end = max(datetime.fromisoformat(x["finished_at"]) for x in t)
s = (end - start).total_seconds()
print(f"{len(t)} trials, span {s:.2f} s, {len(t) / s:.1f} trials/s", end="")'
}

port=$((20000 + RANDOM % 20000))
for sweep_name in ${SWEEPS:-tiny course-regularization}; do
  for run in $(seq "$runs"); do
    db="$work/run-$sweep_name-$run.db"
    begin=$(date +%s%N)
    "${sweep[@]}" run "$work/$sweep_name.yaml" --db "$db" --slots 2 >"$work/log" 2>&1
    wall=$(( ($(date +%s%N) - begin) / 1000000 ))
    echo "$sweep_name  sweep run --slots 2          run $run: $(span "$db"), wall $wall ms"

    db="$work/cluster-$sweep_name-$run.db"
    port=$((port + 1))
    begin=$(date +%s%N)
    "${sweep[@]}" coordinator "$work/$sweep_name.yaml" --db "$db" --port "$port" >"$work/log" 2>&1 &
    coordinator=$!
    "${sweep[@]}" worker --seed "127.0.0.1:$port" --slots 1 >/dev/null 2>&1 &
    w1=$!
    "${sweep[@]}" worker --seed "127.0.0.1:$port" --slots 1 >/dev/null 2>&1 &
    w2=$!
    wait "$coordinator"
    wall=$(( ($(date +%s%N) - begin) / 1000000 ))
    kill "$w1" "$w2"; wait "$w1" "$w2" 2>/dev/null || true
    echo "$sweep_name  coordinator + 2 workers      run $run: $(span "$db"), wall $wall ms"
  done
done

#!/usr/bin/env bash
# Trials per second of one sweep run three ways on this machine: `sweep run --slots 2`, and `sweep coordinator` with
# two `sweep worker --slots 1` processes. Two sweeps: 500 tiny trials (10 iterations of a [2, 8, 1] net on moons:
# the runtime's own cost) and the course's regularization grid (3 trials of 30000 iterations: training's cost).
#
# trials/s is counted over the sweep's span in the store (first trial started to last trial finished), so process
# start-up, joining and data loading are left out; the wall time of the whole command is printed beside it.
#
# "ms per trial per worker" is workers / (trials/s): each of the two slots, or each worker that ran trials, spends that
# long per trial; the trials' own training time (the store's mean duration) is printed beside it, and the rest is the
# runtime's overhead.
# CPU is user+sys of every process of the case, sampled every 20 ms from /proc: over the stored span (start-up left
# out, as for trials/s) and over the whole command, per trial. On a shared machine it says more than the wall times.
#
# Usage: bash benchmarks/cluster/throughput.sh [runs per case, default 3]
# SWEEP_BUILDS="before=/path/to/bin after=/path/to/bin" compares builds (each a directory holding sweep.dll) in the
# same run, alternating them within each run; by default the checkout is built and measured alone.
# SWEEPS="tiny" runs only the 500-trial sweep.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT

builds=${SWEEP_BUILDS:-}
if [ -z "$builds" ]; then
  dotnet build "$root/src/Sweep.Cli" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
  builds="this=$work/bin"
fi

cat >"$work/tiny.yaml" <<YAML
name: tiny
dataset: { generator: moons, examples: 200, noise: 0.2, test_fraction: 0.25 }
model: { hidden: [8] }
training: { iterations: 10, record_every: 5, learning_rate: 0.1 }
search:
  seed: [$(seq -s, 1 500)]
YAML
sed "s|\.\./data/|$root/data/|" "$root/configs/course-regularization.yaml" >"$work/course-regularization.yaml"

# Samples the user+sys time of the given processes (summed) every 20 ms into $1 until they have all exited:
# "epoch-ns cpu-seconds" lines, so that the CPU spent over the stored span can be read off.
sample_cpu() {
  python3 - "$@" <<'PY' &
import os, sys, time
out, pids = sys.argv[1], sys.argv[2:]
hz = os.sysconf("SC_CLK_TCK")
last = {}
with open(out, "w") as f:
    while True:
        alive = False
        for p in pids:
            try:
                with open(f"/proc/{p}/stat") as s:
                    fields = s.read().rsplit(")", 1)[1].split()
                last[p] = (int(fields[11]) + int(fields[12])) / hz
                alive = alive or fields[0] != "Z"
            except OSError:
                pass
        f.write(f"{time.time_ns()} {sum(last.values())}\n")
        if not alive:
            break
        time.sleep(0.02)
PY
}

# trials/s over the stored span, the span in seconds, ms per trial per worker ($2 workers or slots), the trials' mean
# training time, and CPU ms per trial over the span and over the whole command ($3: the CPU samples). A worker that
# joins late leaves the others alone for a while (a 500-trial sweep can end before it arrives), so the figures are
# given again over the window in which every worker ran trials: from the last worker's first trial to the first
# worker's last.
span() {
  "${sweep[@]}" trials --db "$1" --json | python3 -c '
import bisect, json, sys
from datetime import datetime
t = json.load(sys.stdin)
samples = [tuple(map(float, line.split())) for line in open(sys.argv[2])]
times = [s[0] for s in samples]
def cpu_at(when):
    ns = when.timestamp() * 1e9
    i = min(max(bisect.bisect_left(times, ns), 1), len(samples) - 1)
    (t0, c0), (t1, c1) = samples[i - 1], samples[i]
    return c0 + (c1 - c0) * (ns - t0) / (t1 - t0)
def when(x, key): return datetime.fromisoformat(x[key])
start, end = min(when(x, "started_at") for x in t), max(when(x, "finished_at") for x in t)
s = (end - start).total_seconds()
train = sum(x["duration_ms"] for x in t) / len(t)
cpu = (cpu_at(end) - cpu_at(start)) * 1000 / len(t)
whole = samples[-1][1] * 1000 / len(t)
nodes = {}
for x in t:
    nodes.setdefault(x["node"], []).append(x)
# Workers: the slots of the one node of sweep run, else the workers that ran trials.
workers = int(sys.argv[1]) if sys.argv[3] == "run" else len(nodes)
line = f"{len(t)} trials, span {s:.2f} s, {len(t) / s:.1f} trials/s, {workers * s / len(t) * 1000:.2f} ms per trial per worker (training {train:.2f} ms), CPU over the span {cpu:.2f} ms per trial (whole command {whole:.2f})"
if len(nodes) > 1:
    a = max(min(when(x, "started_at") for x in xs) for xs in nodes.values())
    b = min(max(when(x, "finished_at") for x in xs) for xs in nodes.values())
    inside = [x for x in t if when(x, "started_at") >= a and when(x, "finished_at") <= b]
    w = (b - a).total_seconds()
    if inside and w > 0:
        line += f"; {len(nodes)} workers ran trials, all at once for {w:.2f} s: {len(inside) / w:.1f} trials/s, {len(nodes) * w / len(inside) * 1000:.2f} ms per trial per worker, CPU {(cpu_at(b) - cpu_at(a)) * 1000 / len(inside):.2f} ms per trial"
elif sys.argv[3] != "run":
    line += "; only one worker ran trials (the other joined after the sweep)"
print(line, end="")' "$2" "$3" "$4"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

port=$((20000 + RANDOM % 20000))
for sweep_name in ${SWEEPS:-tiny course-regularization}; do
  for run in $(seq "$runs"); do
    for build in $builds; do
      name=${build%%=*}
      sweep=(dotnet "${build#*=}/sweep.dll")
      db="$work/run-$sweep_name-$name-$run.db"
      before=$(load)
      begin=$(date +%s%N)
      "${sweep[@]}" run "$work/$sweep_name.yaml" --db "$db" --slots 2 >"$work/log" 2>&1 &
      single=$!
      sample_cpu "$work/cpu" "$single"
      sampler=$!
      wait "$single"
      wall=$(( ($(date +%s%N) - begin) / 1000000 ))
      wait "$sampler"
      echo "$sweep_name  $name  sweep run --slots 2       run $run: $(span "$db" 2 "$work/cpu" run), wall $wall ms, load $before"

      db="$work/cluster-$sweep_name-$name-$run.db"
      port=$((port + 1))
      before=$(load)
      begin=$(date +%s%N)
      "${sweep[@]}" coordinator "$work/$sweep_name.yaml" --db "$db" --port "$port" >"$work/log" 2>&1 &
      coordinator=$!
      "${sweep[@]}" worker --seed "127.0.0.1:$port" --slots 1 >/dev/null 2>&1 &
      w1=$!
      "${sweep[@]}" worker --seed "127.0.0.1:$port" --slots 1 >/dev/null 2>&1 &
      w2=$!
      sample_cpu "$work/cpu" "$coordinator" "$w1" "$w2"
      sampler=$!
      wait "$coordinator"
      wall=$(( ($(date +%s%N) - begin) / 1000000 ))
      kill "$w1" "$w2"; wait "$w1" "$w2" 2>/dev/null || true
      wait "$sampler"
      echo "$sweep_name  $name  coordinator + 2 workers   run $run: $(span "$db" 2 "$work/cpu" coordinator), wall $wall ms, load $before"
    done
  done
done

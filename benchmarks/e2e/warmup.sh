#!/usr/bin/env bash
# Issue 14, item 2: does the first trial of a process train as fast as the rest? Runs warmup.yaml (seven trials of
# equal cost, --slots 1) in a fresh process per JIT setting, and prints each trial's training time in the order the
# trials ran, the median of the last four (the steady state), the first trial against it, and the whole command's time.
#   bash benchmarks/e2e/warmup.sh [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repeats="${1:-2}"
# The program to time: SWEEP_BIN, or dotnet build's (program.sh).
source "$here/program.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The JIT settings only differ for dotnet build's tiered program; an installed one has tiering off already.
settings=("default:")
if [ -z "${SWEEP_BIN:-}" ]; then
  settings+=(
    "TieredCompilation=0:DOTNET_TieredCompilation=0"
    "TieredPGO=0:DOTNET_TieredPGO=0"
    "TC_QuickJitForLoops=0:DOTNET_TC_QuickJitForLoops=0"
    "TC_CallCountingDelayMs=0:DOTNET_TC_CallCountingDelayMs=0"
  )
fi
printf '%-36s %-48s %8s %8s %8s\n' "setting" "trial ms, in the order they ran" "steady" "first/x" "command"
for _ in $(seq "$repeats"); do
  for entry in "${settings[@]}"; do
    name="${entry%%:*}"; variable="${entry#*:}"
    rm -f "$work/warmup.db"
    start=$(date +%s.%N)
    env $variable "${sweep[@]}" run "$here/warmup.yaml" --db "$work/warmup.db" --slots 1 >/dev/null
    end=$(date +%s.%N)
    "${sweep[@]}" trials --db "$work/warmup.db" --json | python3 -c '
import json, sys
trials = sorted(json.load(sys.stdin), key=lambda t: t["started_at"])
ms = [t["duration_ms"] for t in trials]
steady = sorted(ms[-4:])[1:3]
steady = sum(steady) / len(steady)
print("%-36s %-48s %8.0f %8.2f %7.2fs" % (sys.argv[1], " ".join("%.0f" % m for m in ms), steady, ms[0] / steady, float(sys.argv[2])))
' "$name" "$(echo "$end - $start" | bc)"
  done
done

#!/usr/bin/env bash
# Issue 14, item 3: `sweep run` of one trial of one iteration (one_trial.yaml) as a whole command, a fresh store each
# time, under each JIT setting; and the queries `best`, `trials --json` and `validate` as whole commands on that store.
# Prints the median of N runs (default 5) and the load average.
#   bash benchmarks/e2e/fixed_cost.sh [runs]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
# The program to time: SWEEP_BIN, or dotnet build's (program.sh).
source "$here/program.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
timed() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Each command keeps a start-up profile for multi-core JIT in the user's cache (src/Sweep.Cli/StartupProfile.cs). Here
# it is a fresh one: a command's first run records its profile, the runs after it (the medians) start with it.
export XDG_CACHE_HOME="$work/cache"
rm -f "$work/one.db"
printf 'first run, no start-up profile yet: run %5d ms\n' "$(timed "${sweep[@]}" run "$here/one_trial.yaml" --db "$work/one.db" --slots 1)"
# The JIT settings only differ for dotnet build's tiered program; an installed one has tiering off already.
settings=("default:")
if [ -z "${SWEEP_BIN:-}" ]; then
  settings+=("TieredCompilation=0:DOTNET_TieredCompilation=0" "TC_QuickJitForLoops=0:DOTNET_TC_QuickJitForLoops=0" "TC_CallCountingDelayMs=0:DOTNET_TC_CallCountingDelayMs=0")
fi
for entry in "${settings[@]}"; do
  name="${entry%%:*}"; variable="${entry#*:}"
  run=$(for _ in $(seq "$runs"); do rm -f "$work/one.db"; timed env $variable "${sweep[@]}" run "$here/one_trial.yaml" --db "$work/one.db" --slots 1; done | median)
  best=$(for _ in $(seq "$runs"); do timed env $variable "${sweep[@]}" best --db "$work/one.db"; done | median)
  trials=$(for _ in $(seq "$runs"); do timed env $variable "${sweep[@]}" trials --db "$work/one.db" --json; done | median)
  validate=$(for _ in $(seq "$runs"); do timed env $variable "${sweep[@]}" validate "$here/one_trial.yaml"; done | median)
  printf '%-24s run %5d ms   best %4d ms   trials --json %4d ms   validate %4d ms\n' "$name" "$run" "$best" "$trials" "$validate"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

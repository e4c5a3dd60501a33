#!/usr/bin/env bash
# Issue 14, item 4: the queries `best`, `trials`, `trials --json` and `validate` as whole commands (process start to
# exit), on a store of N simulated trials (default 20,000; configurations of five seeds, as `benchmarks/Sweep.Benchmarks
# -- simulate` makes them) and on a one-trial store. Prints, for each, the median of R runs (default 5) of wall time
# and of user and system CPU time (/usr/bin/time), and the load average before and after.
#   bash benchmarks/e2e/queries.sh [runs] [trials]
# SWEEP_BIN picks the program to time, such as the one a user installs (README, "Install sweep"):
#   SWEEP_BIN=~/.local/share/sweep/sweep bash benchmarks/e2e/queries.sh
# SWEEP_STORE reuses a store made before (making 20,000 trials takes a minute or two); else one is made and deleted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
trials="${2:-20000}"
source "$here/program.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A fresh cache for the start-up profiles (src/Sweep.Cli/StartupProfile.cs): each command's first run records its own.
export XDG_CACHE_HOME="$work/cache"

store="${SWEEP_STORE:-}"
if [ -z "$store" ]; then
  store="$work/simulated.db"
  echo "making a store of $trials simulated trials..."
  dotnet run -c Release --project "$root/benchmarks/Sweep.Benchmarks" -- simulate --trials "$trials" --db "$store" --points 1 >/dev/null
fi
"${sweep[@]}" run "$here/one_trial.yaml" --db "$work/one.db" --slots 1 >/dev/null

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
# Median wall, user and system seconds of the command over the runs.
timed() {
  local walls=() users=() systems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >/dev/null
    read -r wall user system < "$work/time"
    walls+=("$wall"); users+=("$user"); systems+=("$system")
  done
  printf '%5.2f s wall  %5.2f s user  %5.2f s sys' \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${users[@]}" | median)" "$(printf '%s\n' "${systems[@]}" | median)"
}

echo "program: ${sweep[*]}; store: $store ($(du -h "$store" | cut -f1)); median of $runs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for db in "$store" "$work/one.db"; do
  name=$([ "$db" = "$store" ] && echo "big store" || echo "one trial")
  printf '%-10s best            %s\n' "$name" "$(timed "${sweep[@]}" best --db "$db")"
  printf '%-10s best --json     %s\n' "$name" "$(timed "${sweep[@]}" best --db "$db" --json)"
  printf '%-10s trials          %s\n' "$name" "$(timed "${sweep[@]}" trials --db "$db")"
  printf '%-10s trials --json   %s\n' "$name" "$(timed "${sweep[@]}" trials --db "$db" --json)"
done
printf '%-10s validate        %s\n' "one_trial" "$(timed "${sweep[@]}" validate "$here/one_trial.yaml")"
printf '%-10s validate        %s\n' "quickstart" "$(timed "${sweep[@]}" validate "$root/configs/quickstart.yaml")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

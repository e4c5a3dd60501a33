#!/usr/bin/env bash
# The README's install, for real. Publishes sweep as "Install sweep" says into a temporary folder, then checks its two
# programs (src/Sweep.Cli/NativeFront.cs):
# - sweep, compiled ahead of time, loads no .NET runtime for the commands it answers, and hands the others over;
# - every read-only command it answers prints what sweep-node (the managed program) prints for it, byte for byte on
#   standard output and standard error, with the same exit status: on every sweep file in configs/ and its store, and
#   on hostile input (a broken sweep file, a missing or damaged store, an unknown trial, a bad option);
# - it reads a store no sweep holds itself, and leaves one that a sweep holds to sweep-node;
# - a command it hands over runs in sweep-node in the same process: its output, its exit status, and SIGTERM; a
#   start-up profile that this build recorded is played back there and not recorded again.
# Exits non-zero on the first difference, and says which command differed and how.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { echo "installed.sh: $*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

say "publishing as the README's \"Install sweep\" says (a few minutes)"
if ! dotnet publish src/Sweep.Cli -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true \
    -p:PublishReadyToRunComposite=true -o "$work/sweep" >"$work/publish.log" 2>&1; then
  tail -40 "$work/publish.log" >&2
  fail "the README's publish command"
fi
# The start-up profiles (src/Sweep.Cli/StartupProfile.cs) of this install only.
export XDG_CACHE_HOME="$work/cache"
profile="$XDG_CACHE_HOME/sweep/jit/run.jitprofile"
front="$work/sweep/sweep"
node="$work/sweep/sweep-node"
[[ -x $front && -x $node ]] || fail "the publish did not leave both sweep and sweep-node in $work/sweep"

# The dynamic loader lists every library a process opens (glibc's LD_DEBUG); a .NET program opens libcoreclr.so.
LD_DEBUG=files "$front" validate configs/quickstart.yaml >/dev/null 2>"$work/loaded" || fail "sweep validate"
if grep -q libcoreclr "$work/loaded"; then fail "sweep validate loaded the .NET runtime: sweep is not the native front"; fi
LD_DEBUG=files "$front" --version >/dev/null 2>"$work/loaded" || fail "sweep --version"
grep -q libcoreclr "$work/loaded" || fail "sweep --version did not load the .NET runtime: it was not handed to sweep-node"

# Both programs run one command in the same folder; their standard output, standard error and exit status must match.
compared=0
same() {
  local status
  set +e
  "$front" "$@" >"$work/front.out" 2>"$work/front.err"; status=$?
  "$node" "$@" >"$work/node.out" 2>"$work/node.err"
  local node_status=$?
  set -e
  [[ $status == "$node_status" ]] || fail "sweep $*: exit status $status from sweep, $node_status from sweep-node"
  cmp -s "$work/front.out" "$work/node.out" || { diff "$work/node.out" "$work/front.out" | head -20 >&2; fail "sweep $*: standard output differs (< sweep-node, > sweep)"; }
  cmp -s "$work/front.err" "$work/node.err" || { diff "$work/node.err" "$work/front.err" | head -20 >&2; fail "sweep $*: standard error differs (< sweep-node, > sweep)"; }
  compared=$((compared + 1))
}

same
same --help
same --version
same best --help
same trials --help
same show --help
same validate --help

for file in configs/*.yaml; do
  name=$(basename "$file" .yaml)
  db="$work/$name.db"
  # Handed over: the sweep runs in sweep-node and ends with its status.
  "$front" run "$file" --db "$db" >"$work/run.out" 2>&1 || { cat "$work/run.out" >&2; fail "sweep run $file"; }
  grep -q "finished" "$work/run.out" || { cat "$work/run.out" >&2; fail "sweep run $file printed no leaderboard"; }
  same validate "$file"
  same best --db "$db"
  same best --db "$db" --json
  same best --db "$db" --top 50 --trials
  same trials --db "$db"
  same trials --db "$db" --json
  same trials --db "$db" --status completed
  same trials --db "$db" --sweep nothing-by-this-name
  trial=$(grep -o '"trial_id": "[0-9a-f]*"' "$work/front.out" | head -1 | cut -d'"' -f4 || true)
  if [[ -z $trial ]]; then
    "$front" trials --db "$db" --json >"$work/all.json"
    trial=$(grep -o '"trial_id": "[0-9a-f]*"' "$work/all.json" | head -1 | cut -d'"' -f4)
  fi
  same show --db "$db" "$trial"
  same show --db "$db" "$trial" --json
done

# A start-up profile that this build recorded is played back and not recorded again (NativeFront.HandOver).
[[ -s $profile ]] || fail "sweep run recorded no start-up profile at $profile"
recorded=$(stat -c %Y.%y "$profile")
sleep 1
"$front" run configs/quickstart.yaml --db "$work/again.db" >"$work/run.out" 2>&1 || { cat "$work/run.out" >&2; fail "sweep run again"; }
[[ $(stat -c %Y.%y "$profile") == "$recorded" ]] || fail "sweep run recorded its start-up profile again"

# Hostile input.
printf 'name: broken\ndataset: [\n' >"$work/broken.yaml"
printf 'name: incomplete\n' >"$work/incomplete.yaml"
head -c 100000 /dev/urandom >"$work/damaged.db"
cp configs/quickstart.yaml "$work/not-a-store.db"
same validate "$work/broken.yaml"
same validate "$work/incomplete.yaml"
same validate "$work/nothing-here.yaml"
same validate
same best --db "$work/nothing-here.db"
same best --db "$work/damaged.db"
same trials --db "$work/not-a-store.db" --json
same show --db "$work/quickstart.db" 0000000000000000
same best --db "$work/quickstart.db" --top -1
same trials --db "$work/quickstart.db" --status finished
same trials --db "$work/quickstart.db" --no-such-option
say "sweep and sweep-node printed the same for $compared read-only commands"

# A store no sweep holds is read by the front itself.
LD_DEBUG=files "$front" best --db "$work/quickstart.db" >/dev/null 2>"$work/loaded" || fail "sweep best"
if grep -q libcoreclr "$work/loaded"; then fail "sweep best handed a store no sweep holds to sweep-node"; fi

# A handed-over command that fails ends with sweep-node's status and message.
set +e
"$front" run "$work/broken.yaml" --db "$work/broken.db" >"$work/front.out" 2>"$work/front.err"; status=$?
set -e
[[ $status == 2 ]] || fail "sweep run of a broken sweep file: exit status $status, not 2"
grep -q "broken.yaml" "$work/front.err" || fail "sweep run of a broken sweep file did not name the file"

# SIGTERM to the process a user started reaches the sweep: the front replaced itself with sweep-node.
cat >"$work/long.yaml" <<EOF
name: long
dataset: { train: $(pwd)/data/football_train.csv, test: $(pwd)/data/football_test.csv, label: y }
model: { hidden: [20, 3] }
training: { iterations: 2000000, record_every: 1000 }
gradient_check: false
EOF
"$front" run "$work/long.yaml" --db "$work/long.db" --slots 1 >"$work/long.out" 2>&1 &
pid=$!
for _ in $(seq 600); do
  grep -q "running" "$work/long.out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/long.out" >&2; fail "the long sweep ended before it ran"; }
  sleep 0.1
done
[[ $(readlink "/proc/$pid/exe") == "$node" ]] || fail "process $pid runs $(readlink "/proc/$pid/exe"), not $node"
tr '\0' '\n' <"/proc/$pid/environ" | grep -qx "DOTNET_MultiCoreJitNoProfileGather=1" \
  || fail "sweep run was handed over without playing its recorded start-up profile back only"
# A store that a sweep holds is read by sweep-node, under LiteDB's mutex (NativeFront.LeaveHeldStore).
LD_DEBUG=files "$front" trials --db "$work/long.db" --json >"$work/held.json" 2>"$work/loaded" || fail "sweep trials on a store a sweep holds"
grep -q libcoreclr "$work/loaded" || fail "sweep trials read a store that a sweep holds itself instead of through sweep-node"
python3 -c 'import json, sys; json.load(sys.stdin)' <"$work/held.json" || fail "sweep trials --json on a store a sweep holds is not JSON"
kill -TERM "$pid"
set +e
wait "$pid"; status=$?
set -e
[[ $status == 130 ]] || { cat "$work/long.out" >&2; fail "sweep run stopped by SIGTERM: exit status $status, not 130"; }
say "passed"

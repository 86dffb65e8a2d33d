#!/usr/bin/env bash
# Runtime settings for MeetSite side by side under the sustained load (issue 16, memory): per round, the
# SignalR relay, then MeetSite once per setting, each a fresh bench/sustained run (RSS and CPU per window,
# p50/p99/max, GC pauses), so every setting meets the same stretch of a noisy machine.
#
#   bench/memory/settings.sh [--rounds 2] [--seconds 60] [--rate 8000] [--size 300] [--results DIR]
#                            [NAME=ENV[,ENV...] ...]
#   Without settings it tries: base (as shipped), Workstation GC, a 4 MB gen0 budget, GCConserveMemory 5,
#   no tiered PGO, no tiered compilation, Server GC without DATAS. Each run's row is in
#   DIR/<round>-<name>/sustained-runs.json; summary.js DIR prints one line per run.
#   Build first (bench/sustained/run.sh without --skip-build, or dotnet build -c Release).
set -euo pipefail

MEMORY=$(cd "$(dirname "$0")" && pwd)
BENCH=$(dirname "$MEMORY")
ROUNDS=2
SECONDS_HELD=60
RATE=8000
SIZE=300
RESULTS="$BENCH/.work/settings"
SETTINGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_HELD=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --results) RESULTS=$2; shift 2 ;;
    *=*) SETTINGS+=("$1"); shift ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
if [ ${#SETTINGS[@]} -eq 0 ]; then
  SETTINGS=(base= wks=DOTNET_gcServer=0 gen0-4m=DOTNET_GCgen0size=0x400000 conserve5=DOTNET_GCConserveMemory=5
    nopgo=DOTNET_TieredPGO=0 notiered=DOTNET_TieredCompilation=0 nodatas=DOTNET_GCDynamicAdaptationMode=0)
fi
mkdir -p "$RESULTS"

# One sustained run of TARGET with the environment variables ENVS (comma-separated) set for it.
run() {
  local name=$1 target=$2 envs=$3 dir="$RESULTS/$round-$1"
  echo "== round $round, $name: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # shellcheck disable=SC2086
  env ${envs//,/ } "$BENCH/sustained/run.sh" --skip-build --targets "$target" --sizes "$SIZE" --rates "$RATE" \
    --seconds "$SECONDS_HELD" --rounds 1 --results "$dir" >"$dir.log" 2>&1 || echo "$name failed: see $dir.log" >&2
}

for round in $(seq 1 "$ROUNDS"); do
  run signalr signalr ""
  for setting in "${SETTINGS[@]}"; do
    run "${setting%%=*}" meetsite "${setting#*=}"
  done
done
node "$MEMORY/summary.js" "$RESULTS"

#!/usr/bin/env bash
# MeetSite relay benchmarks (issue 5): builds everything, starts each target in turn on loopback, runs
# the load generator against each transport, stops the target, writes bench/results/*.json and prints
# markdown tables. Every run is bounded: fixed steps of fixed length, bounded drains and timeouts.
#
#   bench/run.sh [--targets meetsite,socket.io,signalr] [--rooms 100] [--participants 4]
#                [--sizes 300,4096] [--rates 2000,4000,8000,16000] [--seconds 5] [--drain 3]
#                [--idle-connections 5000] [--callsetup-runs 5] [--skip relay,idle,callsetup]
#                [--results bench/results]
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
WORK="$BENCH/.work"

TARGETS=meetsite,socket.io,signalr
ROOMS=100
PARTICIPANTS=4
SIZES=300,4096
RATES=2000,4000,8000,16000
SECONDS_PER_STEP=5
DRAIN=3
IDLE_CONNECTIONS=5000
CALLSETUP_RUNS=5
SKIP=
RESULTS="$BENCH/results"

while [ $# -gt 0 ]; do
  case "$1" in
    --targets) TARGETS=$2 ;;
    --rooms) ROOMS=$2 ;;
    --participants) PARTICIPANTS=$2 ;;
    --sizes) SIZES=$2 ;;
    --rates) RATES=$2 ;;
    --seconds) SECONDS_PER_STEP=$2 ;;
    --drain) DRAIN=$2 ;;
    --idle-connections) IDLE_CONNECTIONS=$2 ;;
    --callsetup-runs) CALLSETUP_RUNS=$2 ;;
    --skip) SKIP=$2 ;;
    --results) RESULTS=$(mkdir -p "$2" && cd "$2" && pwd) ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift 2
done

skipped() { [[ ",$SKIP," == *",$1,"* ]]; }
transports_of() {
  case "$1" in
    meetsite|signalr) echo "websocket longpolling" ;;
    socket.io) echo "websocket polling" ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}

# shellcheck source=lib/targets.sh
source "$BENCH/lib/targets.sh"
trap stop_target EXIT

mkdir -p "$WORK" "$RESULTS"
# Thousands of idle sockets from one generator process.
ulimit -n "$(ulimit -Hn)"

echo "== build" >&2
(cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
dotnet build -c Release "$REPO/MeetSite/MeetSite.csproj" -nologo -v quiet
dotnet build -c Release "$BENCH/targets/SignalRRelay/SignalRRelay.csproj" -nologo -v quiet
rm -f "$WORK"/bench.db*

node "$BENCH/generator/machine-info.js" before >"$RESULTS/machine.json"
for file in relay idle; do skipped "$file" || echo '[]' >"$RESULTS/$file.json"; done

for target in ${TARGETS//,/ }; do
  for transport in $(transports_of "$target"); do
    if ! skipped relay; then
      echo "== $target $transport: $ROOMS rooms x $PARTICIPANTS, sizes $SIZES, rates $RATES, ${SECONDS_PER_STEP}s steps" >&2
      start_target "$target"
      node "$BENCH/generator/relay-bench.js" --target "$target" --transport "$transport" \
        --origin "http://127.0.0.1:$(target_port "$target")" --server-pid "$TARGET_PID" \
        --rooms "$ROOMS" --participants "$PARTICIPANTS" --sizes "$SIZES" --rates "$RATES" \
        --seconds "$SECONDS_PER_STEP" --drain "$DRAIN" --out "$RESULTS/relay.json" \
        || echo "$target $transport: relay bench failed" >&2
      stop_target
    fi
    if ! skipped idle; then
      echo "== $target $transport: $IDLE_CONNECTIONS idle connections" >&2
      start_target "$target"
      node "$BENCH/generator/idle-bench.js" --target "$target" --transport "$transport" \
        --origin "http://127.0.0.1:$(target_port "$target")" --server-pid "$TARGET_PID" \
        --connections "$IDLE_CONNECTIONS" --out "$RESULTS/idle.json" \
        || echo "$target $transport: idle bench failed" >&2
      stop_target
    fi
  done
done

if ! skipped callsetup && [[ ",$TARGETS," == *",meetsite,"* ]]; then
  echo "== call set-up: headless Chromium, 2 and 4 participants, median of $CALLSETUP_RUNS" >&2
  start_target meetsite
  node "$BENCH/callsetup/callsetup.js" --origin "http://127.0.0.1:$MEETSITE_PORT" --runs "$CALLSETUP_RUNS" \
    --shim "$REPO/MeetSite.Tests/Browser/browser-shim.js" --out "$RESULTS/callsetup.json" \
    || echo "call set-up bench failed" >&2
  stop_target
fi

node "$BENCH/generator/machine-info.js" after "$RESULTS/machine.json" >"$WORK/machine.json" && mv "$WORK/machine.json" "$RESULTS/machine.json"
node "$BENCH/report.js" "$RESULTS"

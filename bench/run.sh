#!/usr/bin/env bash
# MeetSite relay benchmarks (issue 5): builds everything, starts each target in turn on loopback, runs
# the load generator against each transport, stops the target, writes bench/results/*.json and prints
# markdown tables. Every run is bounded: fixed steps of fixed length, bounded drains and timeouts.
#
# The relay part runs --rounds times: each round runs every target and transport once, in order, each
# on a fresh server, so the targets take turns over time instead of each having one stretch of it. One
# pass is not enough on a noisy VM (identical runs of one target gave p99s from 1 to 30 ms at one step).
# Every run's rows go to results/relay-runs.json with their round; results/relay.json has one row per
# target, transport, size and rate: medians over the rounds, counts summed, and the range of the p99
# (generator/aggregate-rounds.js). --warmup is the unrecorded load before each run's steps. Idle memory
# runs in --rounds rounds too, after the relay's (results/idle-runs.json, and the medians in
# results/idle.json): an idle server's RSS moves by how much garbage its GC has yet to collect. Call
# set-up runs once, last.
#
#   bench/run.sh [--targets meetsite,socket.io,signalr] [--rooms 100] [--participants 4]
#                [--sizes 300,4096] [--rates 2000,4000,8000,16000] [--seconds 5] [--drain 3]
#                [--rounds 3] [--warmup 30] [--idle-connections 5000] [--callsetup-runs 5]
#                [--skip relay,idle,callsetup] [--results bench/results]
#   MEETSITE_PORT, SOCKETIO_PORT, SIGNALR_PORT (default 5180, 5181, 5182) move the servers' ports.
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
ROUNDS=3
WARMUP=30
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
    --rounds) ROUNDS=$2 ;;
    --warmup) WARMUP=$2 ;;
    --idle-connections) IDLE_CONNECTIONS=$2 ;;
    --callsetup-runs) CALLSETUP_RUNS=$2 ;;
    --skip) SKIP=$2 ;;
    --results) RESULTS=$(mkdir -p "$2" && cd "$2" && pwd) ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then echo "--rounds must be a whole number from 1" >&2; exit 2; fi

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
skipped relay || echo '[]' >"$RESULTS/relay-runs.json"
skipped idle || echo '[]' >"$RESULTS/idle-runs.json"

# Runs "$2 ROUND TARGET TRANSPORT" once per round, target and transport, in that order, each on a freshly
# started target; a failed run is reported and the rest go on. $1 describes the run for the progress line.
in_rounds() {
  local what=$1 run=$2 round target transport
  for round in $(seq 1 "$ROUNDS"); do
    for target in ${TARGETS//,/ }; do
      for transport in $(transports_of "$target"); do
        echo "== round $round/$ROUNDS, $target $transport: $what" >&2
        if start_target "$target"; then
          "$run" "$round" "$target" "$transport" || echo "round $round, $target $transport: $run failed" >&2
        fi
        stop_target
      done
    done
  done
}

relay_run() {
  node "$BENCH/generator/relay-bench.js" --target "$2" --transport "$3" \
    --origin "http://127.0.0.1:$(target_port "$2")" --server-pid "$TARGET_PID" \
    --rooms "$ROOMS" --participants "$PARTICIPANTS" --sizes "$SIZES" --rates "$RATES" \
    --seconds "$SECONDS_PER_STEP" --drain "$DRAIN" --warmup "$WARMUP" --round "$1" \
    --out "$RESULTS/relay-runs.json"
}

idle_run() {
  node "$BENCH/generator/idle-bench.js" --target "$2" --transport "$3" \
    --origin "http://127.0.0.1:$(target_port "$2")" --server-pid "$TARGET_PID" \
    --connections "$IDLE_CONNECTIONS" --round "$1" --out "$RESULTS/idle-runs.json"
}

if ! skipped relay; then
  in_rounds "$ROOMS rooms x $PARTICIPANTS, sizes $SIZES, rates $RATES, ${SECONDS_PER_STEP}s steps" relay_run
  node "$BENCH/generator/aggregate-rounds.js" relay "$RESULTS/relay-runs.json" "$RESULTS/relay.json"
fi

if ! skipped idle; then
  in_rounds "$IDLE_CONNECTIONS idle connections" idle_run
  node "$BENCH/generator/aggregate-rounds.js" idle "$RESULTS/idle-runs.json" "$RESULTS/idle.json"
fi

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

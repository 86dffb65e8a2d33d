#!/usr/bin/env bash
# Sustained relay load (issue 16): each relay on a fresh server, R rooms x P participants join, and from
# the end of the joins (no warm-up, nothing excluded) the load is held at one rate and size for --seconds,
# reported per --window seconds (sustained.js): p50, p99, max, sent/delivered/lost, the server's RSS and
# CPU, and its GC pauses (.NET: dotnet-counters reading System.Runtime every second; Node: perf_hooks via
# targets/node-gc-log.js). The relays are interleaved: each round runs every size and rate, and for each
# of those every target in turn, so the targets meet the same stretch of a noisy machine.
# Every run appends to <results>/sustained-runs.json; summarize.js folds them into sustained.json and
# report.js prints the tables.
#
#   bench/sustained/run.sh [--targets meetsite,socket.io,signalr] [--transport websocket] [--rooms 100]
#                          [--participants 4] [--sizes 300,4096] [--rates 8000,16000] [--seconds 120]
#                          [--window 10] [--drain 5] [--rounds 3] [--results bench/results] [--skip-build]
#   --transport: websocket, or the long-polling of each (longpolling; socket.io's polling).
#   MEETSITE_PORT, SOCKETIO_PORT, SIGNALR_PORT (default 5180, 5181, 5182) move the servers' ports.
set -euo pipefail

SUSTAINED=$(cd "$(dirname "$0")" && pwd)
BENCH=$(dirname "$SUSTAINED")
REPO=$(dirname "$BENCH")
WORK="$BENCH/.work/sustained"

TARGETS=meetsite,socket.io,signalr
TRANSPORT=websocket
ROOMS=100
PARTICIPANTS=4
SIZES=300,4096
RATES=8000,16000
SECONDS_HELD=120
WINDOW=10
DRAIN=5
ROUNDS=3
RESULTS="$BENCH/results"
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --targets) TARGETS=$2 ;;
    --transport) TRANSPORT=$2 ;;
    --rooms) ROOMS=$2 ;;
    --participants) PARTICIPANTS=$2 ;;
    --sizes) SIZES=$2 ;;
    --rates) RATES=$2 ;;
    --seconds) SECONDS_HELD=$2 ;;
    --window) WINDOW=$2 ;;
    --drain) DRAIN=$2 ;;
    --rounds) ROUNDS=$2 ;;
    --results) RESULTS=$(mkdir -p "$2" && cd "$2" && pwd) ;;
    --skip-build) BUILD=0; shift; continue ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then echo "--rounds must be a whole number from 1" >&2; exit 2; fi

# The transport of each target: socket.io calls its long-polling "polling".
transport_of() {
  if [ "$TRANSPORT" = longpolling ] && [ "$1" = socket.io ]; then echo polling; else echo "$TRANSPORT"; fi
}

# shellcheck source=../lib/targets.sh
source "$BENCH/lib/targets.sh"
COUNTERS_PID=
# dotnet-counters ignores SIGINT without a console; it ends its session when the server exits.
stop_counters() {
  [ -n "$COUNTERS_PID" ] || return 0
  for _ in $(seq 1 20); do kill -0 "$COUNTERS_PID" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$COUNTERS_PID" 2>/dev/null || true
  wait "$COUNTERS_PID" 2>/dev/null || true
  COUNTERS_PID=
}
stop_all() {
  stop_target
  stop_counters
}
trap stop_all EXIT

mkdir -p "$WORK" "$RESULTS"
ulimit -n "$(ulimit -Hn)"

if [ "$BUILD" = 1 ]; then
  echo "== build" >&2
  (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
  dotnet build -c Release "$REPO/MeetSite/MeetSite.csproj" -nologo -v quiet
  dotnet build -c Release "$BENCH/targets/SignalRRelay/SignalRRelay.csproj" -nologo -v quiet
fi
# dotnet-counters is a local tool of the repository (.config/dotnet-tools.json): restored from NuGet.
(cd "$REPO" && dotnet tool restore >/dev/null)

node "$BENCH/generator/machine-info.js" before >"$RESULTS/sustained-machine.json"
echo '[]' >"$RESULTS/sustained-runs.json"

# Starts the target with its GC log: sets GC_KIND and GC_LOG for the generator.
start_with_gc_log() {
  local target=$1
  rm -f "$WORK/$target"-gc.* "$WORK"/bench.db*
  if [ "$target" = socket.io ]; then
    GC_KIND=node
    GC_LOG="$WORK/$target-gc.jsonl"
    NODE_GC_LOG=$GC_LOG start_target "$target" || return 1
    return 0
  fi
  GC_KIND=dotnet
  # dotnet-counters adds .json to a name without it.
  GC_LOG="$WORK/$target-gc.json"
  start_target "$target" || return 1
  (cd "$REPO" && exec dotnet dotnet-counters collect -p "$TARGET_PID" --refresh-interval 1 --format json \
    --counters System.Runtime -o "$GC_LOG" >"$WORK/counters.log" 2>&1) &
  COUNTERS_PID=$!
  # The first reading, so the log covers the load from its first window on.
  for _ in $(seq 1 120); do
    if grep -q '"timestamp"' "$GC_LOG" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  echo "$target: no dotnet-counters reading within 30 s (see $WORK/counters.log); GC figures will be n/a" >&2
}

for round in $(seq 1 "$ROUNDS"); do
  for size in ${SIZES//,/ }; do
    for rate in ${RATES//,/ }; do
      for target in ${TARGETS//,/ }; do
        transport=$(transport_of "$target")
        echo "== round $round/$ROUNDS, $size B at $rate/s for ${SECONDS_HELD}s: $target $transport" >&2
        if start_with_gc_log "$target"; then
          node "$SUSTAINED/sustained.js" --target "$target" --transport "$transport" \
            --origin "http://127.0.0.1:$(target_port "$target")" --server-pid "$TARGET_PID" \
            --gc-kind "$GC_KIND" --gc-log "$GC_LOG" --rooms "$ROOMS" --participants "$PARTICIPANTS" \
            --size "$size" --rate "$rate" --seconds "$SECONDS_HELD" --window "$WINDOW" --drain "$DRAIN" \
            --round "$round" --out "$RESULTS/sustained-runs.json" \
            || echo "round $round, $target $transport, $size B at $rate/s: failed" >&2
        fi
        stop_all
      done
    done
  done
done

node "$SUSTAINED/summarize.js" "$RESULTS/sustained-runs.json" "$RESULTS/sustained.json"
node "$BENCH/generator/machine-info.js" after "$RESULTS/sustained-machine.json" >"$WORK/machine.json" && mv "$WORK/machine.json" "$RESULTS/sustained-machine.json"
node "$SUSTAINED/report.js" "$RESULTS"

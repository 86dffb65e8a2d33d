#!/usr/bin/env bash
# What a relay's memory is made of (issue 16): starts one .NET relay (Release, as bench/lib/targets.sh
# does), joins R rooms x P participants over WebSockets (hold.js), and reads the server's memory
# (figures.js: RSS by mapping, threads, GC committed and heap by generation), a heap dump
# (dotnet-gcdump, its largest types) and the runtime's own heaps (dotnet-dump's eeheap: loader heaps,
# that is types and methods, JIT code, GC) twice: joined and idle, then after --seconds of load.
#
#   bench/memory/probe.sh [--target meetsite|signalr] [--out DIR] [--rate 8000] [--size 300]
#                         [--seconds 60] [--idle 20] [--skip-build] [-- NAME=VALUE ...]
#   After --, environment variables for the server only, e.g. DOTNET_gcServer=0 to try a runtime setting.
#   MEETSITE_PORT, SIGNALR_PORT move the ports (default 5180, 5182).
set -euo pipefail

MEMORY=$(cd "$(dirname "$0")" && pwd)
BENCH=$(dirname "$MEMORY")
REPO=$(dirname "$BENCH")
WORK="$BENCH/.work/memory"
TARGET=meetsite
OUT="$WORK/out"
RATE=8000
SIZE=300
SECONDS_HELD=60
IDLE=20
BUILD=1
SERVER_ENV=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) TARGET=$2 ;;
    --out) OUT=$2 ;;
    --rate) RATE=$2 ;;
    --size) SIZE=$2 ;;
    --seconds) SECONDS_HELD=$2 ;;
    --idle) IDLE=$2 ;;
    --skip-build) BUILD=0; shift; continue ;;
    --) shift; SERVER_ENV=("$@"); break ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift 2
done

# shellcheck source=../lib/targets.sh
source "$BENCH/lib/targets.sh"
COUNTERS_PID=
HOLD_PID=
stop_all() {
  [ -z "$HOLD_PID" ] || kill "$HOLD_PID" 2>/dev/null || true
  stop_target
  [ -z "$COUNTERS_PID" ] || { sleep 1; kill -9 "$COUNTERS_PID" 2>/dev/null || true; }
}
trap stop_all EXIT
mkdir -p "$WORK" "$OUT"
ulimit -n "$(ulimit -Hn)"

if [ "$BUILD" = 1 ]; then
  (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
  dotnet build -c Release "$REPO/MeetSite/MeetSite.csproj" -nologo -v quiet
  dotnet build -c Release "$BENCH/targets/SignalRRelay/SignalRRelay.csproj" -nologo -v quiet
fi
(cd "$REPO" && dotnet tool restore >/dev/null)

rm -f "$WORK"/bench.db* "$WORK/counters.json"
# The server alone gets SERVER_ENV (start_target starts it from this shell).
for pair in "${SERVER_ENV[@]}"; do export "${pair?}"; done
start_target "$TARGET"
for pair in "${SERVER_ENV[@]}"; do unset "${pair%%=*}"; done
(cd "$REPO" && exec dotnet dotnet-counters collect -p "$TARGET_PID" --refresh-interval 1 --format json \
  --counters System.Runtime -o "$WORK/counters.json" >"$WORK/counters.log" 2>&1) &
COUNTERS_PID=$!

# Reads the figures and a heap dump under LABEL.
reading() {
  local label=$1
  node "$MEMORY/figures.js" "$TARGET_PID" "$WORK/counters.json" "$label" >"$OUT/$TARGET-$label.json"
  # The runtime's heaps from a full dump (hundreds of MB, deleted once read): the totals of eeheap.
  (cd "$REPO" && dotnet dotnet-dump collect -p "$TARGET_PID" -o "$WORK/full.dmp" >/dev/null \
    && dotnet dotnet-dump analyze "$WORK/full.dmp" -c eeheap -c exit \
    | grep -E '^(LowFrequencyHeap|HighFrequencyHeap|FixupPrecodeHeap|Total size|GC (Allocated|Committed)|Total bytes)' \
    | sed -E 's/^([A-Za-z ]+:).*Size: 0x[0-9a-f]+ \(([0-9]+)\) bytes.*/\1 \2 bytes/' >"$OUT/$TARGET-$label-eeheap.txt")
  rm -f "$WORK/full.dmp"
  # Last, as it collects the heap: the largest types, live objects only.
  (cd "$REPO" && dotnet dotnet-gcdump collect -p "$TARGET_PID" -o "$OUT/$TARGET-$label.gcdump" >/dev/null \
    && dotnet dotnet-gcdump report "$OUT/$TARGET-$label.gcdump" >"$OUT/$TARGET-$label-report.txt")
  node "$MEMORY/top-types.js" "$OUT/$TARGET-$label-report.txt" 40 >"$OUT/$TARGET-$label-types.txt"
  sed -n '1,/top_files/p' "$OUT/$TARGET-$label.json" >&2
}

# Waits until hold.js has printed a line starting with WORD.
wait_for() {
  until grep -q "^$1" "$WORK/hold.log"; do
    kill -0 "$HOLD_PID" 2>/dev/null || { echo "hold.js ended early:" >&2; cat "$WORK/hold.log" >&2; exit 1; }
    sleep 0.5
  done
}

node "$MEMORY/hold.js" --target "$TARGET" --origin "http://127.0.0.1:$(target_port "$TARGET")" \
  --idle "$IDLE" --size "$SIZE" --rate "$RATE" --seconds "$SECONDS_HELD" --hold 40 >"$WORK/hold.log" 2>&1 &
HOLD_PID=$!
wait_for joined
sleep $((IDLE / 2))
reading joined-idle
wait_for loaded
cat "$WORK/hold.log" >&2
reading loaded

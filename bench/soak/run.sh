#!/usr/bin/env bash
# MeetSite soak (the hardening issue): N participants over real accounts (half WebSocket, half long-polling)
# join and leave meetings in churn for M minutes, with signaling and chat, while the server's memory,
# threads, collections and open rooms/participants/sockets/sessions are sampled every 10 s. Passes when
# RSS is flat after the warm-up, no message is lost, the server log has no errors and nothing is left
# after everyone leaves (soak.js says how each is decided). Exits 1 on failure, printing why.
#
#   bench/soak/run.sh [--connections 1000] [--minutes 10] [--out bench/results/soak.json] [--skip-build]
#                     [--env NAME=VALUE]...   (more server environment, e.g. a runtime or glibc setting to try;
#                                              recorded in the results with the rest of the server's settings)
#   MEETSITE_PORT (default 5183, apart from bench/run.sh's 5180) moves the server's port.
set -euo pipefail

SOAK=$(cd "$(dirname "$0")" && pwd)
BENCH=$(dirname "$SOAK")
REPO=$(dirname "$BENCH")
WORK="$BENCH/.work/soak"
MEETSITE_PORT=${MEETSITE_PORT:-5183}

CONNECTIONS=1000
MINUTES=10
OUT="$BENCH/results/soak.json"
BUILD=1
EXTRA_ENV=()
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --minutes) MINUTES=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --env) EXTRA_ENV+=("$2"); shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

# Server settings for the soak, on top of the log-in limit and bcrypt cost that lib/targets.sh sets.
# Every connection comes from 127.0.0.1, so limits per address would see one person making all of the
# soak's joins and code look-ups: they are raised here. Per-account limits stay at their defaults: each
# soak account joins at a human pace (about once every 40 s) with one connection at a time.
# The per-address limits are those of lib/targets.sh; the two here are already there, kept for clarity.
SOAK_SERVER_ENV=(
  RateLimits__Joins__PerAddress=1000000
  RateLimits__CodeLookups__MissesPerAddress=1000000
  ${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"}
)

# shellcheck source=../lib/targets.sh
source "$BENCH/lib/targets.sh"
COUNTERS_PID=
# dotnet-counters ignores SIGINT without a console; it ends its session when the server exits.
stop_all() {
  stop_target
  [ -n "$COUNTERS_PID" ] || return 0
  for _ in $(seq 1 20); do kill -0 "$COUNTERS_PID" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$COUNTERS_PID" 2>/dev/null || true
  wait "$COUNTERS_PID" 2>/dev/null || true
}
trap stop_all EXIT

mkdir -p "$WORK" "$(dirname "$OUT")"
ulimit -n "$(ulimit -Hn)"

if [ "$BUILD" = 1 ]; then
  echo "== build" >&2
  (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
  dotnet build -c Release "$REPO/MeetSite/MeetSite.csproj" -nologo -v quiet
fi
(cd "$REPO" && dotnet tool restore >/dev/null)
rm -f "$WORK"/bench.db* "$WORK/counters.json"

export "${SOAK_SERVER_ENV[@]}"
echo "== soak: $CONNECTIONS connections, $MINUTES min" >&2
start_target meetsite
# The System.Runtime counters and the relay's own gauges (MeetSite/Signaling/SignalingMetrics.cs).
(cd "$REPO" && exec dotnet dotnet-counters collect -p "$TARGET_PID" --refresh-interval 10 --format json \
  --counters System.Runtime,MeetSite.Signaling -o "$WORK/counters.json" >"$WORK/counters.log" 2>&1) &
COUNTERS_PID=$!

node "$SOAK/soak.js" --origin "http://127.0.0.1:$MEETSITE_PORT" --server-pid "$TARGET_PID" \
  --counters "$WORK/counters.json" --server-log "$WORK/meetsite.log" --out "$OUT" \
  --connections "$CONNECTIONS" --minutes "$MINUTES" --server-env "${SOAK_SERVER_ENV[*]}"

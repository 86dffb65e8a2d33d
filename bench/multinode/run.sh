#!/usr/bin/env bash
# The relay bench with two nodes behind a proxy (issue 13, point 6): for each target, Redis, two server
# processes and nginx round-robin in front (bench/multinode/cluster.sh), and the relay steps of
# bench/run.sh (the same generator and load) sent through nginx. MeetSite runs as README's "Several nodes"
# says (one database, the keys in it, each meeting homed on one node, the other forwarding); the SignalR
# relay on its Redis backplane (Relay__Redis); the socket.io relay with its Redis adapter
# (targets/socketio-cluster-relay.js). WebSockets only by default: SignalR's long-polling and socket.io's
# polling need sticky sessions, which this proxy has not; MeetSite's long-polling does not, and
# --meetsite-longpolling adds it.
#
# Rounds interleave the targets as in bench/run.sh, each run on a fresh cluster (fresh Redis, database,
# nodes, nginx). Every step's row records the RSS and CPU of each node, of Redis and of nginx (master
# and workers), and the load average; results/multinode-machine.json the load before and after.
#
#   bench/multinode/run.sh [--targets meetsite,socket.io,signalr] [--rooms 100] [--participants 4]
#                          [--sizes 300,4096] [--rates 2000,4000,8000,16000] [--seconds 5] [--drain 3]
#                          [--rounds 3] [--warmup 30] [--meetsite-longpolling] [--skip-build]
#                          [--results bench/results]
#   MULTINODE_PORT (default 5460) moves the ports: nginx on it, the nodes and Redis on the next three.
# Results: <results>/multinode-runs.json (every run's rows), multinode.json (medians over the rounds,
# generator/aggregate-rounds.js), multinode-machine.json, multinode-homes.json (how MeetSite's meetings
# were spread over its nodes at each run's end); the table: node bench/multinode/report.js.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")/.." && pwd)
REPO=$(dirname "$BENCH")
WORK="$BENCH/.work/multinode"

TARGETS=meetsite,socket.io,signalr
ROOMS=100
PARTICIPANTS=4
SIZES=300,4096
RATES=2000,4000,8000,16000
SECONDS_PER_STEP=5
DRAIN=3
ROUNDS=3
WARMUP=30
MEETSITE_LONGPOLLING=
SKIP_BUILD=
RESULTS="$BENCH/results"

while [ $# -gt 0 ]; do
  case "$1" in
    --meetsite-longpolling) MEETSITE_LONGPOLLING=1; shift; continue ;;
    --skip-build) SKIP_BUILD=1; shift; continue ;;
    --targets) TARGETS=$2 ;;
    --rooms) ROOMS=$2 ;;
    --participants) PARTICIPANTS=$2 ;;
    --sizes) SIZES=$2 ;;
    --rates) RATES=$2 ;;
    --seconds) SECONDS_PER_STEP=$2 ;;
    --drain) DRAIN=$2 ;;
    --rounds) ROUNDS=$2 ;;
    --warmup) WARMUP=$2 ;;
    --results) RESULTS=$(mkdir -p "$2" && cd "$2" && pwd) ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then echo "--rounds must be a whole number from 1" >&2; exit 2; fi
for tool in redis-server nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (Debian: apt-get install redis-server nginx)" >&2; exit 2; }
done

transports_of() {
  if [ "$1" = meetsite ] && [ -n "$MEETSITE_LONGPOLLING" ]; then echo "websocket longpolling"; else echo websocket; fi
}

# shellcheck source=cluster.sh
source "$BENCH/multinode/cluster.sh"
trap stop_cluster EXIT

mkdir -p "$WORK" "$RESULTS"
ulimit -n "$(ulimit -Hn)"

if [ -z "$SKIP_BUILD" ]; then
  echo "== build" >&2
  (cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
  dotnet build -c Release "$REPO/MeetSite/MeetSite.csproj" -nologo -v quiet
  dotnet build -c Release "$BENCH/targets/SignalRRelay/SignalRRelay.csproj" -nologo -v quiet
fi
rm -rf "${WORK:?}"/*

node "$BENCH/generator/machine-info.js" before >"$RESULTS/multinode-machine.json"
echo '[]' >"$RESULTS/multinode-runs.json"
echo '[]' >"$RESULTS/multinode-homes.json"

for round in $(seq 1 "$ROUNDS"); do
  for target in ${TARGETS//,/ }; do
    for transport in $(transports_of "$target"); do
      echo "== round $round/$ROUNDS, $target $transport, two nodes behind nginx; $(uptime)" >&2
      if start_cluster "$target"; then
        [ "$target" = meetsite ] && watch_meetsite_homes "$WORK/homes-$round-$transport"
        node "$BENCH/generator/relay-bench.js" --target "$target" --transport "$transport" \
          --origin "$CLUSTER_ORIGIN" --server-pid "${NODE_PIDS[0]},${NODE_PIDS[1]}" \
          --watch "node1=${NODE_PIDS[0]},node2=${NODE_PIDS[1]},redis=$REDIS_PID,nginx=$NGINX_PIDS" \
          --rooms "$ROOMS" --participants "$PARTICIPANTS" --sizes "$SIZES" --rates "$RATES" \
          --seconds "$SECONDS_PER_STEP" --drain "$DRAIN" --warmup "$WARMUP" --round "$round" \
          --out "$RESULTS/multinode-runs.json" \
          || echo "round $round, $target $transport: the relay bench failed (logs: $CLUSTER_DIR)" >&2
        if [ "$target" = meetsite ]; then
          stop_pid "$HOMES_WATCH_PID"
          node "$BENCH/multinode/homes.js" "$round" "$transport" "${NODE_PORTS[@]}" "$RESULTS/multinode-homes.json" <"$WORK/homes-$round-$transport"
        fi
      fi
      stop_cluster
    done
  done
done

node "$BENCH/generator/aggregate-rounds.js" relay "$RESULTS/multinode-runs.json" "$RESULTS/multinode.json"
node "$BENCH/generator/machine-info.js" after "$RESULTS/multinode-machine.json" >"$WORK/machine.json" \
  && mv "$WORK/machine.json" "$RESULTS/multinode-machine.json"
node "$BENCH/multinode/report.js" "$RESULTS"

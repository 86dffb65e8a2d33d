# Starting and stopping one target as two nodes behind nginx, each part a child process on loopback with a
# throwaway folder: Redis (no persistence), node 1, node 2, then nginx round-robin in front. Sourced by
# bench/multinode/run.sh, which sets BENCH, REPO and WORK. Sets NODE_PIDS (node 1, node 2), REDIS_PID,
# NGINX_PIDS (master and workers) and CLUSTER_ORIGIN (nginx's address, what the generator connects to).
# MULTINODE_PORT (default 5460) moves the ports: nginx on it, the nodes on the next two, Redis on the third.

MULTINODE_PORT=${MULTINODE_PORT:-5460}
PROXY_PORT=$MULTINODE_PORT
NODE_PORTS=("$((MULTINODE_PORT + 1))" "$((MULTINODE_PORT + 2))")
REDIS_PORT=$((MULTINODE_PORT + 3))
CLUSTER_ORIGIN="http://127.0.0.1:$PROXY_PORT"
# shellcheck source=../lib/meetsite-env.sh
source "$BENCH/lib/meetsite-env.sh"
CLUSTER_DIR=
NODE_PIDS=()
REDIS_PID=
NGINX_PID=
NGINX_PIDS=
HOMES_WATCH_PID=

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until $2 answers on port $3 (an HTTP GET, or a TCP connect with $4 = tcp); $1 is the process.
wait_ready() {
  local pid=$1 what=$2 port=$3 kind=${4:-http}
  for _ in $(seq 1 120); do
    if [ "$kind" = tcp ] && port_taken "$port"; then return 0; fi
    if [ "$kind" = http ] && curl -sf -o /dev/null "http://127.0.0.1:$port/"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$what did not start, see $CLUSTER_DIR" >&2; return 1; fi
    sleep 0.5
  done
  echo "$what did not answer on port $port within 60 s" >&2
  return 1
}

# Node $2 (0 or 1) of target $1, started in the background; sets NODE_PID.
start_node() {
  local target=$1 index=$2 port=${NODE_PORTS[$2]} log="$CLUSTER_DIR/node$(($2 + 1)).log"
  case "$target" in
    meetsite)
      # The benches' environment (bench/lib/meetsite-env.sh), plus README's "Several nodes": Redis, this
      # node's address for the other's forwarding, the data-protection keys in the one database both nodes share.
      (cd "$REPO/MeetSite" && exec env "${MEETSITE_BENCH_ENV[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" \
        ConnectionStrings__MeetSite="Data Source=$CLUSTER_DIR/bench.db" DataProtection__KeysInDatabase=true \
        Signaling__Redis="127.0.0.1:$REDIS_PORT" Signaling__NodeUrl="http://127.0.0.1:$port" \
        ./bin/Release/net10.0/MeetSite >"$log" 2>&1) &
      ;;
    socket.io)
      (cd "$BENCH" && exec node targets/socketio-cluster-relay.js "$port" "$REDIS_PORT" >"$log" 2>&1) &
      ;;
    signalr)
      (cd "$BENCH/targets/SignalRRelay" && ASPNETCORE_ENVIRONMENT=Production Relay__Redis="127.0.0.1:$REDIS_PORT" \
        exec ./bin/Release/net10.0/SignalRRelay --urls "http://127.0.0.1:$port" >"$log" 2>&1) &
      ;;
    *) echo "unknown target $target" >&2; return 1 ;;
  esac
  NODE_PID=$!
}

start_cluster() {
  local target=$1 port
  for port in "$PROXY_PORT" "${NODE_PORTS[@]}" "$REDIS_PORT"; do
    if port_taken "$port"; then echo "$target: port $port is already in use (another bench?), not started" >&2; return 1; fi
  done
  CLUSTER_DIR=$(mktemp -d "$WORK/$target.XXXXXX")
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$CLUSTER_DIR" --save '' --appendonly no \
    --daemonize no --logfile "$CLUSTER_DIR/redis.log" &
  REDIS_PID=$!
  wait_ready "$REDIS_PID" redis "$REDIS_PORT" tcp || return 1
  # One node at a time: the first creates the database (and MeetSite's data-protection keys in it).
  local index
  for index in 0 1; do
    start_node "$target" "$index" || return 1
    NODE_PIDS+=("$NODE_PID")
    wait_ready "$NODE_PID" "$target node $((index + 1))" "${NODE_PORTS[$index]}" || return 1
  done
  sed -e "s|@DIR@|$CLUSTER_DIR|g" -e "s|@PORT@|$PROXY_PORT|g" -e "s|@NODE1@|${NODE_PORTS[0]}|g" \
    -e "s|@NODE2@|${NODE_PORTS[1]}|g" "$BENCH/multinode/nginx.conf.template" >"$CLUSTER_DIR/nginx.conf"
  nginx -c "$CLUSTER_DIR/nginx.conf" -p "$CLUSTER_DIR" -e "$CLUSTER_DIR/nginx-error.log" &
  NGINX_PID=$!
  wait_ready "$NGINX_PID" nginx "$PROXY_PORT" || return 1
  NGINX_PIDS=$(pgrep -P "$NGINX_PID" | paste -sd+)
  NGINX_PIDS="$NGINX_PID${NGINX_PIDS:++$NGINX_PIDS}"
}

# MeetSite only: how many meetings each node is home to (README "Several nodes": the first node to see a
# meeting's signaling becomes its home, the other forwards to it), as "<node url> <count>" lines.
meetsite_homes() {
  local key
  redis-cli -p "$REDIS_PORT" --scan --pattern 'meetsite:home:*' 2>/dev/null | while read -r key; do
    redis-cli -p "$REDIS_PORT" get "$key" 2>/dev/null | awk '{print $2}'
  done | sort | uniq -c | awk '{print $2, $1}'
}

# Every 2 s, the spread of homes into file $1 while any meeting has one (a meeting's home is let go once it
# is empty, so the last reading is from the load, before the generator leaves); sets HOMES_WATCH_PID.
watch_meetsite_homes() {
  : >"$1"
  (while sleep 2; do homes=$(meetsite_homes); [ -z "$homes" ] || echo "$homes" >"$1"; done) &
  HOMES_WATCH_PID=$!
}

# SIGTERM, up to 10 s, then SIGKILL, for each process this script started.
stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_cluster() {
  local pid
  stop_pid "$HOMES_WATCH_PID"
  stop_pid "$NGINX_PID"
  for pid in "${NODE_PIDS[@]}"; do stop_pid "$pid"; done
  stop_pid "$REDIS_PID"
  NGINX_PID= NGINX_PIDS= REDIS_PID= HOMES_WATCH_PID=
  NODE_PIDS=()
}

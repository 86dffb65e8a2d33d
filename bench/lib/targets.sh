# Starting and stopping the three servers on loopback, one at a time. Sourced by run.sh.
# Each start_* sets TARGET_PID to the server process itself (so /proc/<pid> is the server's memory).
# The ports can be moved with the environment variables, e.g. for a second bench on the same machine.

MEETSITE_PORT=${MEETSITE_PORT:-5180}
SOCKETIO_PORT=${SOCKETIO_PORT:-5181}
SIGNALR_PORT=${SIGNALR_PORT:-5182}

target_port() {
  case "$1" in
    meetsite) echo "$MEETSITE_PORT" ;;
    socket.io) echo "$SOCKETIO_PORT" ;;
    signalr) echo "$SIGNALR_PORT" ;;
  esac
}

# shellcheck source=meetsite-env.sh
source "$BENCH/lib/meetsite-env.sh"

start_target() {
  local target=$1 port log="$WORK/$1.log"
  port=$(target_port "$target")
  # Something else on the port would answer the readiness check below and take the load instead.
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    echo "$target: port $port is already in use (another bench?), not started" >&2
    return 1
  fi
  case "$target" in
    meetsite)
      # Release build, the benches' environment (lib/meetsite-env.sh), a bench database.
      (cd "$REPO/MeetSite" && exec env "${MEETSITE_BENCH_ENV[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" \
        ConnectionStrings__MeetSite="Data Source=$WORK/bench.db" \
        ./bin/Release/net10.0/MeetSite >"$log" 2>&1) &
      ;;
    socket.io)
      # With NODE_GC_LOG set (bench/sustained), the relay logs its GC pauses there.
      (cd "$BENCH" && exec node ${NODE_GC_LOG:+--import ./targets/node-gc-log.js} targets/socketio-relay.js "$port" >"$log" 2>&1) &
      ;;
    signalr)
      (cd "$BENCH/targets/SignalRRelay" && ASPNETCORE_ENVIRONMENT=Production \
        exec ./bin/Release/net10.0/SignalRRelay --urls "http://127.0.0.1:$port" >"$log" 2>&1) &
      ;;
  esac
  TARGET_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/"; then return 0; fi
    if ! kill -0 "$TARGET_PID" 2>/dev/null; then echo "$target did not start, see $log" >&2; return 1; fi
    sleep 0.5
  done
  echo "$target did not answer on port $port within 60 s" >&2
  stop_target
  return 1
}

stop_target() {
  [ -n "${TARGET_PID:-}" ] || return 0
  kill "$TARGET_PID" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$TARGET_PID" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$TARGET_PID" 2>/dev/null || true
  wait "$TARGET_PID" 2>/dev/null || true
  TARGET_PID=
}

#!/usr/bin/env bash
# Page load of the meeting page on a slow link (issue 15): publishes MeetSite in Release (as deployed: a
# build's output serves static assets in development mode, uncached and compressed on the fly), starts it
# on loopback with production settings, and times the meeting page in headless Chromium with network
# emulation, cold and warm cache (pageload.js says what is measured).
#   bench/pageload/run.sh [--runs 5] [--out bench/results/pageload.json] [--label text] [--repo DIR] [--https] [--waterfall]
#   --waterfall prints every request of each cold visit (ms sent, response, finished; bytes; URL).
#   --repo publishes another checkout (e.g. `git archive main | tar -x -C DIR`) to compare before and after.
#   --https serves over TLS with HTTP/2, as the deploy guide's nginx does (a throwaway self-signed
#   certificate); without it, plain HTTP/1.1, where Chromium opens at most 6 connections to the site.
#   MEETSITE_PORT (default 5187) moves the server's port.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")/.." && pwd)
REPO=$(dirname "$BENCH")
SITE_REPO=$REPO
WORK="$BENCH/.work"
RUNS=5
OUT="$BENCH/results/pageload.json"
LABEL=
PORT=${MEETSITE_PORT:-5187}
SCHEME=http
WATERFALL=
while [ $# -gt 0 ]; do
  case "$1" in
    --https) SCHEME=https; shift; continue ;;
    --waterfall) WATERFALL=--waterfall; shift; continue ;;
    --runs) RUNS=$2 ;;
    --out) OUT=$2 ;;
    --label) LABEL=$2 ;;
    --repo) SITE_REPO=$(cd "$2" && pwd) ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
LABEL=${LABEL:-$(git -C "$SITE_REPO" describe --always --dirty 2>/dev/null || echo "$SITE_REPO")}

mkdir -p "$WORK" "$(dirname "$OUT")"
(cd "$BENCH" && npm ci --no-audit --no-fund --loglevel=error)
rm -rf "$WORK/pageload-site" "$WORK"/pageload.db*
dotnet publish -c Release "$SITE_REPO/MeetSite/MeetSite.csproj" -o "$WORK/pageload-site" -nologo -v quiet

TLS_ENV=()
PROTOCOL=HTTP/1.1
if [ "$SCHEME" = https ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$WORK/pageload-key.pem" -out "$WORK/pageload-cert.pem" 2>/dev/null
  TLS_ENV=(Kestrel__Certificates__Default__Path="$WORK/pageload-cert.pem" Kestrel__Certificates__Default__KeyPath="$WORK/pageload-key.pem")
  PROTOCOL="HTTP/2 over TLS"
fi

if curl -sk -o /dev/null --max-time 2 "$SCHEME://127.0.0.1:$PORT/"; then
  echo "port $PORT is already in use (another bench?); set MEETSITE_PORT" >&2
  exit 1
fi
(cd "$WORK/pageload-site" && exec env ASPNETCORE_URLS="$SCHEME://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production \
  Identity__Bcrypt__WorkFactor=4 ConnectionStrings__MeetSite="Data Source=$WORK/pageload.db" "${TLS_ENV[@]}" \
  ./MeetSite >"$WORK/pageload-site.log" 2>&1) &
SITE_PID=$!
trap 'kill $SITE_PID 2>/dev/null || true; wait $SITE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -skf -o /dev/null "$SCHEME://127.0.0.1:$PORT/" && break
  kill -0 "$SITE_PID" 2>/dev/null || { echo "MeetSite did not start, see $WORK/pageload-site.log" >&2; exit 1; }
  sleep 0.5
done

NODE_TLS_REJECT_UNAUTHORIZED=0 node "$BENCH/pageload/pageload.js" --origin "$SCHEME://127.0.0.1:$PORT" --runs "$RUNS" \
  --out "$OUT" --label "$LABEL" --protocol "$PROTOCOL" $WATERFALL --shim "$REPO/MeetSite.Tests/Browser/browser-shim.js"

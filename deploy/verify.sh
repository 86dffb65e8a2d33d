#!/usr/bin/env bash
# Checks the files in deploy/ on this machine: nginx -t on the two site files (inside an http block,
# with a throwaway self-signed certificate in place of the ACME one) and systemd-analyze verify on
# the unit. Nothing is installed or started.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=meet.example.org \
  -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null
for site in meetsite.conf meetsite-http.conf; do
  sed "s#/etc/letsencrypt/live/meet.example.org/#$tmp/#" "nginx/$site" > "$tmp/$site"
done
cat > "$tmp/nginx.conf" <<CONF
events {}
http {
    access_log off;
    include $tmp/meetsite.conf;
    include $tmp/meetsite-http.conf;
}
CONF
nginx -t -q -p "$tmp/" -c "$tmp/nginx.conf" -e "$tmp/error.log" -g "pid $tmp/nginx.pid;"
echo "nginx: deploy/nginx/*.conf OK"

if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify systemd/meetsite.service
  echo "systemd: deploy/systemd/meetsite.service OK"
fi

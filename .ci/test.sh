#!/usr/bin/env bash
# The whole MeetSite test suite, runnable on a fresh Debian machine (as root, or with sudo):
# installs what it needs, then runs the JavaScript unit tests, the .NET tests, and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Playwright cannot download browsers here; the browser tests drive Debian's Chromium.
if [ -z "${MEETSITE_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The HTTPS browser tests put Debian's nginx in front of the site (run as a child process, not the service).
if [ -z "${MEETSITE_NGINX:-}" ] && [ ! -x /usr/sbin/nginx ]; then
  echo "Installing Debian's nginx for the HTTPS browser tests..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi

# The NAT traversal tests build NATs from network namespaces (iptables) and relay through Debian's coturn.
nat_packages=()
command -v iptables >/dev/null || [ -x /usr/sbin/iptables ] || nat_packages+=(iptables)
# The impaired-link test pings through its bed to prove the loss and delay it applies.
command -v ping >/dev/null || nat_packages+=(iputils-ping)
command -v turnserver >/dev/null || nat_packages+=(coturn)
if [ ${#nat_packages[@]} -gt 0 ]; then
  echo "Installing ${nat_packages[*]} for the NAT traversal tests..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${nat_packages[@]}" >/dev/null
fi

# The several-node tests share meetings through Debian's redis-server, run as a child process on a free
# loopback port with nothing saved (the package's own service is not used).
if [ -z "${MEETSITE_REDIS_SERVER:-}" ] && [ ! -x /usr/bin/redis-server ]; then
  echo "Installing Debian's redis-server for the several-node tests..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  # Debian starts its service where it can; the tests run their own.
  as_root service redis-server stop >/dev/null 2>&1 || true
fi

# The browser tests' accessibility audits inject axe-core, pinned by wwwroot-src/package-lock.json.
echo "Installing axe-core for the accessibility audits (npm ci)..."
(cd wwwroot-src && npm ci --no-audit --no-fund --loglevel=error)

# The Postgres pass starts its own throwaway server from Debian's postgresql (initdb and pg_ctl as the
# postgres user, on loopback). No cluster of the package's own: nothing here uses one.
if [ -z "${MEETSITE_POSTGRES_BIN:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing Debian's postgresql for the Postgres pass..."
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    as_root mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
status=0

echo "== JavaScript unit tests (node --test)"
shopt -s nullglob
js_tests=(wwwroot-src/test/*.test.js)
if [ ${#js_tests[@]} -gt 0 ]; then
  node --test "${js_tests[@]}" | tee "$log/node.txt" || status=1
fi

echo "== .NET tests"
dotnet build MeetSite.sln -c Release -warnaserror --nologo -v quiet
# Browser tests run on their own afterwards: each participant is a whole Chromium renderer.
in_process="FullyQualifiedName!~MeetSite.Tests.Browser&FullyQualifiedName!~MeetSite.Tests.Nat&FullyQualifiedName!~MeetSite.Tests.Netem"
# The several-node tests (MeetSite.Tests.Cluster: three processes each) run once, in the Postgres pass below,
# on the database several nodes are meant to share.
dotnet test MeetSite.sln -c Release --no-build --nologo --filter "$in_process&FullyQualifiedName!~MeetSite.Tests.Cluster" | tee "$log/unit.txt" || status=1

echo "== .NET tests on Postgres (the same in-process tests, each site on a database of its own)"
MEETSITE_TEST_DATABASE=postgres dotnet test MeetSite.sln -c Release --no-build --nologo --filter "$in_process" | tee "$log/postgres.txt" || status=1

echo "== Browser tests (Chromium, real WebRTC calls on loopback)"
# The calls across three nodes behind nginx (ClusterCallTests) run apart, on Postgres, the database several
# nodes are meant to share.
browser="FullyQualifiedName~MeetSite.Tests.Browser&FullyQualifiedName!~ClusterCallTests"
# At normal verbosity the console shows each test's time, the site's warnings, and the browser trail that a
# Playwright wait prints when it times out (MeetSite.Tests/Browser/BrowserTrail.cs).
dotnet test MeetSite.sln -c Release --no-build --nologo --filter "$browser" --logger "console;verbosity=normal" \
  | tee "$log/browser.txt" || status=1
MEETSITE_TEST_DATABASE=postgres dotnet test MeetSite.sln -c Release --no-build --nologo --filter "FullyQualifiedName~ClusterCallTests" \
  --logger "console;verbosity=detailed" | tee "$log/cluster-browser.txt" || status=1

echo "== NAT traversal and impaired-link tests (network namespaces, coturn, Chromium in each; skipped without CAP_NET_ADMIN)"
dotnet test MeetSite.sln -c Release --no-build --nologo --filter "FullyQualifiedName~MeetSite.Tests.Nat|FullyQualifiedName~MeetSite.Tests.Netem" | tee "$log/nat.txt" || status=1

passed=0
failed=0
for f in "$log"/unit.txt "$log"/postgres.txt "$log"/browser.txt "$log"/cluster-browser.txt "$log"/nat.txt; do
  # The summary line of the minimal console logger ("Failed: 0, Passed: 3, ..."), or the normal one's lines.
  read -r p q < <({ sed -nE 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\2 \1/p' "$f"
                    sed -nE 's/^ +Passed: +([0-9]+)$/\1 0/p; s/^ +Failed: +([0-9]+)$/0 \1/p' "$f"; } | awk '{p+=$1; q+=$2} END {print p+0, q+0}')
  passed=$((passed + p)); failed=$((failed + q))
done
if [ -f "$log/node.txt" ]; then
  passed=$((passed + $(sed -nE 's/^# pass ([0-9]+)/\1/p' "$log/node.txt" | tail -1)))
  failed=$((failed + $(sed -nE 's/^# fail ([0-9]+)/\1/p' "$log/node.txt" | tail -1)))
fi
echo
echo "total: ${passed} passed, ${failed} failed"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then status=1; fi
exit $status

#!/usr/bin/env bash
# Test-harness only: two network namespaces joined through a router namespace, a link that tests can impair.
#   impaired-link.sh up <id>             <id>srv (198.51.100.1: MeetSite and one browser), <id>far (192.0.2.2: the
#                                        other browser) and <id>mid, the router between them (.254 on each side)
#   impaired-link.sh impair <id> netem   10% loss and 300 ms delay on what <id>far sends (tc netem on its uxf0)
#   impaired-link.sh impair <id> tun     the same by TunImpairer (kernels without sch_netem): <id>mid routes what
#                                        arrives from <id>far into its TUN device uxt0, whose reader drops 10% and
#                                        writes the rest back 300 ms later; written back, it goes on to <id>srv
#   impaired-link.sh clear <id>          removes either (TunImpairer's device goes when the test closes it)
# Removing the namespaces (and those of killed runs) is nat-bed.sh's `down` and `stale`, which work on any
# prefix. Nothing here routes outside the three namespaces.
set -euo pipefail

up() {
  local srv="${1}srv" mid="${1}mid" far="${1}far"
  ip netns add "$srv"
  ip netns add "$mid"
  ip netns add "$far"
  ip link add uxs0 netns "$srv" type veth peer name uxm0 netns "$mid"
  ip link add uxf0 netns "$far" type veth peer name uxm1 netns "$mid"
  ip -n "$srv" addr add 198.51.100.1/24 dev uxs0
  ip -n "$mid" addr add 198.51.100.254/24 dev uxm0
  ip -n "$mid" addr add 192.0.2.254/24 dev uxm1
  ip -n "$far" addr add 192.0.2.2/24 dev uxf0
  for ns in "$srv" "$mid" "$far"; do ip -n "$ns" link set lo up; done
  ip -n "$srv" link set uxs0 up
  ip -n "$mid" link set uxm0 up
  ip -n "$mid" link set uxm1 up
  ip -n "$far" link set uxf0 up
  ip -n "$srv" route add 192.0.2.0/24 via 198.51.100.254
  ip -n "$far" route add 198.51.100.0/24 via 192.0.2.254
  ip netns exec "$mid" sysctl -qw net.ipv4.ip_forward=1
}

impair() {
  local mid="${1}mid"
  if [ "$2" = netem ]; then
    ip netns exec "${1}far" tc qdisc add dev uxf0 root netem loss 10% delay 300ms
  else
    # A packet written back into uxt0 comes in there with a source that mid routes out of uxm1: no reverse-path
    # check, or mid would drop it as spoofed. Only what arrives from far takes table 100; the rest is unchanged.
    ip netns exec "$mid" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.uxt0.rp_filter=0
    ip -n "$mid" link set uxt0 up
    ip -n "$mid" route add 198.51.100.0/24 dev uxt0 table 100
    ip -n "$mid" rule add iif uxm1 lookup 100 pref 100
  fi
}

clear() {
  local mid="${1}mid"
  ip netns exec "${1}far" tc qdisc del dev uxf0 root 2>/dev/null || true
  ip -n "$mid" rule del pref 100 2>/dev/null || true
  ip -n "$mid" route flush table 100 2>/dev/null || true
}

cmd=$1; shift
"$cmd" "$@"

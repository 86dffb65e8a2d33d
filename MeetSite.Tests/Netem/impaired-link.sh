#!/usr/bin/env bash
# Test-harness only: two network namespaces joined by one veth link that tests can impair.
#   impaired-link.sh up <id>             <id>srv (198.51.100.1: MeetSite and one browser) and <id>far (198.51.100.2: the other)
#   impaired-link.sh impair <id> netem   10% loss and 300 ms delay on what <id>far sends (tc netem)
#   impaired-link.sh impair <id> loss    10% random loss only of what <id>far sends (iptables' statistic match)
#   impaired-link.sh clear <id>          removes the impairment
# Removing them (and those of killed runs) is nat-bed.sh's `down` and `stale`, which work on any prefix.
# `loss` is for kernels without netem (sch_netem; some VM kernels leave it out). Nothing here routes outside
# the two namespaces.
set -euo pipefail

up() {
  local srv="${1}srv" far="${1}far"
  ip netns add "$srv"
  ip netns add "$far"
  ip link add uxs0 netns "$srv" type veth peer name uxf0 netns "$far"
  ip -n "$srv" addr add 198.51.100.1/24 dev uxs0
  ip -n "$far" addr add 198.51.100.2/24 dev uxf0
  for ns in "$srv" "$far"; do ip -n "$ns" link set lo up; done
  ip -n "$srv" link set uxs0 up
  ip -n "$far" link set uxf0 up
}

impair() {
  local far="${1}far"
  if [ "$2" = netem ]; then
    ip netns exec "$far" tc qdisc add dev uxf0 root netem loss 10% delay 300ms
  else
    # Dropped where it arrives: a drop on the sender's own OUTPUT chain would fail its send() instead.
    ip netns exec "${1}srv" iptables -A INPUT -i uxs0 -s 198.51.100.2 -m statistic --mode random --probability 0.1 -j DROP
  fi
}

clear() {
  local far="${1}far"
  ip netns exec "$far" tc qdisc del dev uxf0 root 2>/dev/null || true
  ip netns exec "${1}srv" iptables -F INPUT 2>/dev/null || true
}

cmd=$1; shift
"$cmd" "$@"

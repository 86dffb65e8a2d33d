#!/usr/bin/env bash
# Test-harness only: a NAT test bed from Linux network namespaces (see shared/WEBRTC-TESTING.md).
#   nat-bed.sh up <id> <port-preserving|symmetric> <udp|no-udp>   builds <id>pub, <id>void, and two homes a and b
#   nat-bed.sh down <id>                                             removes every namespace of <id>
#   nat-bed.sh stale <prefix>                                        removes <prefix><pid>x… whose pid is gone, and what runs in them
# "pub" is the internet: 203.0.113.1 (MeetSite, coturn) and the routes between the homes' NATs; its default
# route goes to "void" (198.51.100.2), which drops everything, as the internet drops private addresses.
# Home a: LAN 192.168.77.0/24 behind NAT 203.0.113.2; home b: LAN 10.77.0.0/24 behind NAT 203.0.113.3.
# Nothing here routes to any address outside these namespaces.
set -euo pipefail

up() {
  local id=$1 mode=$2 udp=$3 pub="${1}pub" void="${1}void"
  ip netns add "$pub"
  ip -n "$pub" link set lo up
  ip netns exec "$pub" sysctl -qw net.ipv4.ip_forward=1
  # The rest of the internet, where packets to addresses nobody routes (a peer's private host candidate) are
  # silently lost: a default route to namespace <id>void, which forwards nothing. A real server always has a
  # default route; without one, coturn's sendto to such a peer fails with ENETUNREACH, and coturn then
  # closes that whole allocation mid-call.
  ip netns add "$void"
  ip link add internet netns "$pub" type veth peer name internet netns "$void"
  ip -n "$pub" addr add 198.51.100.1/30 dev internet
  ip -n "$void" addr add 198.51.100.2/30 dev internet
  ip -n "$pub" link set internet up
  ip -n "$void" link set internet up
  ip -n "$pub" route add default via 198.51.100.2 dev internet
  home "$id" a 2 192.168.77 "$mode" "$udp"
  home "$id" b 3 10.77.0 "$mode" "$udp"
}

# home <id> <name> <public host number> <lan /24 prefix> <mode> <udp>
home() {
  local id=$1 h=$2 n=$3 lan=$4 mode=$5 udp=$6 pub="${1}pub" nat="${1}nat$2" home="${1}lan$2"
  ip netns add "$nat"
  ip netns add "$home"
  # pub side: 203.0.113.1 on every link (point to point), a host route to each NAT.
  ip link add "p$h" netns "$pub" type veth peer name wan netns "$nat"
  ip link add lan netns "$nat" type veth peer name eth0 netns "$home"
  ip -n "$pub" addr add 203.0.113.1/32 dev "p$h"
  ip -n "$nat" addr add "203.0.113.$n/32" dev wan
  ip -n "$nat" addr add "$lan.1/24" dev lan
  ip -n "$home" addr add "$lan.2/24" dev eth0
  for ns in "$nat" "$home"; do ip -n "$ns" link set lo up; done
  ip -n "$pub" link set "p$h" up
  ip -n "$nat" link set wan up
  ip -n "$nat" link set lan up
  ip -n "$home" link set eth0 up
  ip -n "$pub" route add "203.0.113.$n/32" dev "p$h"
  ip -n "$nat" route add 203.0.113.1/32 dev wan
  ip -n "$nat" route add default via 203.0.113.1 dev wan onlink
  ip -n "$home" route add default via "$lan.1"
  ip netns exec "$nat" sysctl -qw net.ipv4.ip_forward=1
  # Like a home router, nothing unsolicited from outside reaches the NAT itself. Without this, the peer's first
  # probe would leave a conntrack entry on the public port that makes MASQUERADE remap our own later packets.
  ip netns exec "$nat" iptables -A INPUT -i wan -j DROP
  if [ "$mode" = symmetric ]; then
    # A new random public port for every destination: the mapping STUN saw is useless to the peer.
    ip netns exec "$nat" iptables -t nat -A POSTROUTING -o wan -j MASQUERADE --random-fully
  else
    # Keeps the source port where it can: STUN's answer is the port the peer can reach.
    ip netns exec "$nat" iptables -t nat -A POSTROUTING -o wan -j MASQUERADE
  fi
  if [ "$udp" = no-udp ]; then
    ip netns exec "$nat" iptables -A FORWARD -p udp -j DROP
  fi
}

down() {
  local ns
  for ns in $(ip netns list | awk '{print $1}'); do
    # The NAT bed's names, and the impaired-link bed's (Netem/impaired-link.sh: <id>srv, <id>mid, <id>far).
    case "$ns" in "$1"pub | "$1"void | "$1"nat? | "$1"lan? | "$1"srv | "$1"mid | "$1"far) ip netns del "$ns" 2>/dev/null || true ;; esac
  done
}

stale() {
  local ns pid
  for ns in $(ip netns list | awk '{print $1}'); do
    case "$ns" in
      "$1"[0-9]*x*)
        pid=${ns#"$1"}; pid=${pid%%x*}
        if ! kill -0 "$pid" 2>/dev/null; then
          # A run that was killed never stopped what it started in there (its site outlives it): they go too.
          ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
          ip netns del "$ns" 2>/dev/null || true
        fi ;;
    esac
  done
}

cmd=$1; shift
"$cmd" "$@"

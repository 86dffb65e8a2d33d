# The environment every bench starts MeetSite with. Sourced by lib/targets.sh and multinode/cluster.sh.
# Production settings as deploy/systemd/meetsite.service runs it (MALLOC_ARENA_MAX=2 included); only the
# bcrypt cost and the join, log-in and look-up throttles are changed: every bench client is 127.0.0.1,
# seeding registers and logs in many times, and the relay benches seat one account in every room (a few
# accounts, hundreds of sockets each). Everything the relay does per message stays as shipped.
# shellcheck disable=SC2034 # used by the scripts that source this
MEETSITE_BENCH_ENV=(
  ASPNETCORE_ENVIRONMENT=Production MALLOC_ARENA_MAX=2
  RateLimits__Login__PermitsPerMinute=100000 RateLimits__Login__AddressFreeFailures=100000
  RateLimits__Register__PermitsPerHour=100000 RateLimits__Joins__PerAddress=1000000
  RateLimits__CodeLookups__MissesPerAddress=1000000 RateLimits__Joins__PerAccount=1000000
  RateLimits__Joins__ConnectionsPerAccount=1000000 Identity__Bcrypt__WorkFactor=4
)

#!/bin/sh
# Entry point of the silo and client-api images (silo/Dockerfile, client-api/Dockerfile).
#
# Orleans advertises an IP address, not a host name (Market__Orleans__AdvertisedIP is parsed
# with IPAddress.Parse), and other silos and the clients dial whatever the membership table
# holds. In compose each container gets an address on the project network only when it starts,
# so unless Market__Orleans__AdvertisedIP is set explicitly we look up the container's own host
# name (compose `hostname:`, written by Docker into /etc/hosts with the container's address) and
# advertise that. Loopback answers are refused: other containers could not reach them.
#
#   docker-entrypoint.sh PatentNav.Market.Silo.dll [args...]
set -eu

if [ -z "${Market__Orleans__AdvertisedIP:-}" ]; then
  self="$(cat /etc/hostname 2>/dev/null || true)"
  ip=""
  if [ -n "$self" ]; then
    # "getent ahostsv4" prints "ADDRESS STREAM NAME" lines; take the first non-loopback address.
    for candidate in $(getent ahostsv4 "$self" 2>/dev/null | while read -r addr _; do echo "$addr"; done); do
      case "$candidate" in
        127.*) ;;
        *) ip="$candidate"; break ;;
      esac
    done
  fi
  if [ -z "$ip" ]; then
    echo "docker-entrypoint: could not resolve a non-loopback IPv4 address for host name '${self:-?}';" \
         "set Market__Orleans__AdvertisedIP" >&2
    exit 1
  fi
  Market__Orleans__AdvertisedIP="$ip"
  export Market__Orleans__AdvertisedIP
fi
echo "docker-entrypoint: $(cat /etc/hostname 2>/dev/null) advertises ${Market__Orleans__AdvertisedIP}" >&2

exec dotnet "$@"

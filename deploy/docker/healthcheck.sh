#!/usr/bin/env bash
# Container healthcheck that needs neither curl nor wget in the image: one HTTP/1.0 GET over bash's /dev/tcp.
# Usage: healthcheck [PORT [PATH]], PORT being the service's management port (actuator is not on the API port);
# without it, the port the service itself reads, OWM_MANAGEMENT_PORT (the image sets it).
# Healthy when the actuator answers 200; the readiness group answers 503 while the service cannot do its work (for
# the gateway: until its reply consumer has its partitions).
set -euo pipefail
port="${1:-${OWM_MANAGEMENT_PORT:?usage: healthcheck [PORT [PATH]], or set OWM_MANAGEMENT_PORT}}"
path="${2:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
IFS= read -r -t 3 status_line <&3
[[ "${status_line}" == HTTP/1.?\ 200\ * ]]

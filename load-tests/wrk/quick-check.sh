#!/usr/bin/env bash
# A quick look at a running stack with wrk (Debian's package): outlets and inlets at 1, 16 and 64 connections,
# then where one user's outlet spends its time, from the services' own timers. Not the benchmark of record
# (that is run-benchmarks.sh, with Gatling); useful between two changes. Warm the stack up first: on 2 cores the
# JIT needs about three minutes of traffic.
#
#   API_KEY=... GATEWAY=http://127.0.0.1:7878 GATEWAY_METRICS=http://127.0.0.1:7879 BILLING_METRICS=http://127.0.0.1:7891 \
#     load-tests/wrk/quick-check.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")"
: "${API_KEY:?the function API key of the running stack}"
export API_KEY
GATEWAY=${GATEWAY:-http://127.0.0.1:7878}
# Metrics are on the management ports (OWM_MANAGEMENT_PORT).
GATEWAY_METRICS=${GATEWAY_METRICS:-http://127.0.0.1:7879}
BILLING_METRICS=${BILLING_METRICS:-http://127.0.0.1:7891}
SECONDS_PER_RUN=${1:-15}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time) to state wrk's own CPU" >&2; exit 1; }

for mode in outlet inlet; do
    for connections in 1 16 64; do
        threads=$([ "$connections" = 1 ] && echo 1 || echo 2)
        # The load generator shares the 2 cores with the stack: its own CPU time (user + system, from
        # /usr/bin/time) is printed with each row, in cores used over the run.
        WRK_MODE=$mode /usr/bin/time -f "wrk-cpu %U %S" wrk -t"$threads" -c"$connections" -d"${SECONDS_PER_RUN}s" \
            --latency -s chat.lua "$GATEWAY" 2>&1 | awk -v run="$mode x $connections" -v seconds="$SECONDS_PER_RUN" '
            /Requests\/sec/ {rps = $2} /^ +50%/ {p50 = $2} /^ +90%/ {p90 = $2} /^ +99%/ {p99 = $2} /Non-2xx/ {errors = $NF}
            /^wrk-cpu / {cpu = ($2 + $3) / seconds}
            END {printf "%-12s %8s req/s  p50 %-9s p90 %-9s p99 %-9s non-2xx %s  wrk %.2f cores\n", run, rps, p50, p90, p99, errors + 0, cpu}'
    done
done

timers() {
    { curl -s "$GATEWAY_METRICS/actuator/prometheus" | sed 's/^/gateway /'; curl -s "$BILLING_METRICS/actuator/prometheus" | sed 's/^/billing /'; } |
        grep -E ' (owm_gateway_billing_reply_seconds|http_server_requests_seconds|spring_kafka_template_seconds|spring_kafka_listener_seconds)_(sum|count)\{' |
        grep -v -e UNKNOWN -e prometheus
}
scrapes=$(mktemp -d)
trap 'rm -rf "$scrapes"' EXIT
timers > "$scrapes/before"
WRK_MODE=outlet wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" -s chat.lua "$GATEWAY" > /dev/null
timers > "$scrapes/after"
echo "one user's outlet, mean per call or batch over the run:"
python3 timers-diff.py "$scrapes/before" "$scrapes/after"

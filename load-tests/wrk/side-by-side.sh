#!/usr/bin/env bash
# Two devstacks running at once, compared run by run: rounds of wrk outlets against A then B (B then A in the next
# round, so neither always runs second), each run with its throughput, latency and the CPU each part of that stack
# spent per outlet (the services' JVM or JVMs, the broker's JVM, PostgreSQL), then the medians of each stack.
# On this kind of 2-core machine the speed drifts by a quarter within minutes and by half within hours, so two
# builds or settings measured one after the other differ by more than most changes do; measured side by side,
# both see the same drift (docs/benchmarks.md, "Sixth session" and after). Warm both stacks up first.
#
# Start the second stack on its own data folder and ports, for example:
#   OWM_DATA_DIR=/tmp/owm-b GATEWAY_PORT=8878 OWM_BILLING_PORT=8881 OWM_CATALOG_PORT=8882 OWM_ANALYTICS_PORT=8883 \
#     OWM_GATEWAY_MANAGEMENT_PORT=8879 OWM_BILLING_MANAGEMENT_PORT=8891 OWM_CATALOG_MANAGEMENT_PORT=8892 \
#     OWM_ANALYTICS_MANAGEMENT_PORT=8893 OWM_KAFKA_PORT=29092 OWM_KAFKA_CONTROLLER_PORT=29093 java -jar devstack.jar
# then (both with the same API_KEY):
#   API_KEY=... A=/tmp/owm-a@7878 B=/tmp/owm-b@8878 load-tests/wrk/side-by-side.sh [rounds] [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")"
: "${API_KEY:?the function API key of both stacks}"
: "${A:?stack A as <data folder>@<gateway port>}"
: "${B:?stack B as <data folder>@<gateway port>}"
export API_KEY
ROUNDS=${1:-6}
CONNECTIONS=${2:-64}
SECONDS_PER_RUN=${3:-10}
TICKS_PER_SECOND=$(getconf CLK_TCK)
THREADS=$([ "$CONNECTIONS" = 1 ] && echo 1 || echo 2)

folder_of() { echo "${1%@*}"; }
port_of() { echo "${1##*@}"; }

# Each process of the stack in a data folder, with its part: the services' JVMs run the jars the devstack copied
# into <folder>/jars, the broker's JVM holds <folder>/kafka open, PostgreSQL runs on <folder>/postgres.
stack_processes() {
    local folder=$1 pid postmaster command files
    for pid in $(pgrep java); do
        # Read whole, not piped into grep -q: with pipefail, grep leaving early fails the pipe now and then.
        command=$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null || true)
        files=$(ls -l "/proc/$pid/fd" 2>/dev/null || true)
        if [[ $command == *"$folder/jars/"* ]]; then
            echo "services $pid"
        elif [[ $files == *"-> $folder/kafka/"* ]]; then
            echo "broker $pid"
        fi
    done
    postmaster=$(pgrep -f "postgres -D $folder/postgres" | head -1 || true)
    if [ -n "$postmaster" ]; then
        echo "postgres $postmaster"
        for pid in $(pgrep -P "$postmaster"); do echo "postgres $pid"; done
    fi
}

cpu_ticks() {
    stack_processes "$1" | while read -r part pid; do
        awk -v part="$part" '{print part, $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
    done | awk '{t[$1] += $2} END {printf "%d %d %d\n", t["services"], t["broker"], t["postgres"]}'
}

run() {
    local name=$1 stack=$2 folder port before after result
    folder=$(folder_of "$stack"); port=$(port_of "$stack")
    before=$(cpu_ticks "$folder")
    result=$(WRK_MODE=outlet wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s chat.lua \
        "http://127.0.0.1:$port")
    after=$(cpu_ticks "$folder")
    echo "$result" | awk -v name="$name" -v hz="$TICKS_PER_SECOND" -v before="$before" -v after="$after" '
        function ms(value) { return value ~ /us$/ ? value / 1000 : value ~ /ms$/ ? value + 0 : value * 1000 }
        /requests in/ {outlets = $1} /Requests\/sec/ {rps = $2} /^ +50%/ {p50 = ms($2)} /^ +99%/ {p99 = ms($2)}
        /Non-2xx/ {errors = $NF}
        END {
            if (!outlets) { print "stack " name " answered no outlet" > "/dev/stderr"; exit 1 }
            split(before, b, " "); split(after, a, " ")
            s = 1000 * (a[1] - b[1]) / hz / outlets; k = 1000 * (a[2] - b[2]) / hz / outlets
            p = 1000 * (a[3] - b[3]) / hz / outlets
            printf "%s %.0f %.2f %.2f %d %.3f %.3f %.3f %.3f\n", name, rps, p50, p99, errors + 0, s, k, p, s + k + p
        }'
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
printf "%-5s %-6s %9s %9s %9s %7s   %s\n" stack round "outlets/s" "p50 ms" "p99 ms" non-2xx \
    "CPU ms per outlet: services, broker, PostgreSQL, all"
for round in $(seq 1 "$ROUNDS"); do
    order="A B"; [ $((round % 2)) = 0 ] && order="B A"
    for name in $order; do
        stack=$A; [ "$name" = B ] && stack=$B
        line=$(run "$name" "$stack")
        echo "$line" >> "$results"
        echo "$line" | awk -v round="$round" \
            '{printf "%-5s %-6s %9s %9s %9s %7s   %s %s %s %s\n", $1, round, $2, $3, $4, $5, $6, $7, $8, $9}'
    done
done

# The median of one column of one stack's runs.
median() {
    grep "^$1 " "$results" | awk -v column="$2" '{print $column}' | sort -g |
        awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

echo "medians of $ROUNDS rounds, $CONNECTIONS connections, ${SECONDS_PER_RUN} s each:"
for name in A B; do
    printf "%-5s %-6s %9s %9s %9s %7s   %s %s %s %s\n" "$name" median "$(median "$name" 2)" "$(median "$name" 3)" \
        "$(median "$name" 4)" "$(median "$name" 5)" "$(median "$name" 6)" "$(median "$name" 7)" \
        "$(median "$name" 8)" "$(median "$name" 9)"
done

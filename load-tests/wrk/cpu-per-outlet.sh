#!/usr/bin/env bash
# CPU time each process of a running stack spends per outlet: user + system time from /proc/<pid>/stat before and
# after a wrk run of outlets, divided by the outlets answered. Steadier between two builds than requests per
# second, which on two shared cores moves by a quarter from run to run. Warm the stack up first (quick-check.sh).
#
#   API_KEY=... GATEWAY=http://127.0.0.1:7878 load-tests/wrk/cpu-per-outlet.sh [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")"
: "${API_KEY:?the function API key of the running stack}"
export API_KEY
GATEWAY=${GATEWAY:-http://127.0.0.1:7878}
CONNECTIONS=${1:-16}
SECONDS_PER_RUN=${2:-20}
TICKS_PER_SECOND=$(getconf CLK_TCK)

# One line per process kind: the devstack's one JVM for the four services, the jar a JVM runs (a service's or the
# devstack's, which holds the broker), else its command name.
cpu_ticks() {
    for stat in /proc/[0-9]*/stat; do
        pid=${stat#/proc/}; pid=${pid%/stat}
        command=$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null || true)
        if [[ $'\n'$command$'\n' == *$'\n'io.owm.servicehost.ServicesHost$'\n'* ]]; then
            name=service-host
        else
            # The jar given to -jar: an argument that is one path (a class path has colons), named as its file.
            name=$(grep -m1 -E '^[^:-][^:]*\.jar$' <<< "$command" | xargs -r basename || true)
        fi
        [ -n "$name" ] || name=$(cat "/proc/$pid/comm" 2>/dev/null || true)
        case "$name" in *.jar|service-host|postgres) awk -v name="$name" '{print name, $14 + $15}' "$stat" 2>/dev/null || true ;; esac
    done | awk '{ticks[$1] += $2} END {for (name in ticks) print name, ticks[name]}' | sort
}

before=$(mktemp); after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
cpu_ticks > "$before"
THREADS=$([ "$CONNECTIONS" = 1 ] && echo 1 || echo 2)
result=$(WRK_MODE=outlet wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s chat.lua "$GATEWAY")
cpu_ticks > "$after"
outlets=$(echo "$result" | awk '/requests in/ {print $1}')
echo "$result" | grep -E 'Requests/sec|Non-2xx' || true
join "$before" "$after" | awk -v outlets="$outlets" -v hz="$TICKS_PER_SECOND" '
    {ms = 1000 * ($3 - $2) / hz / outlets; total += ms; printf "  %-24s %6.3f ms CPU per outlet\n", $1, ms}
    END {printf "  %-24s %6.3f ms CPU per outlet\n", "all", total}'

#!/usr/bin/env bash
# The devstack's start-up time and resident memory, idle and under load (docs/benchmarks.md, "Devstack in a bounded
# JVM"). Starts devstack/target/devstack.jar twice on one data folder: the first start writes the services' class
# archives when it stops, the second starts from them. Each start: seconds to the "is ready" line, then after 30 s
# idle the resident memory of every JVM of the stack (RSS, and the proportional set size, which counts pages that
# several processes share, such as the JDK's class archive, once) and PostgreSQL's PSS (its processes share their
# buffers, so their RSS would count those again); after the second start, LOAD_SECONDS of outlets at 64
# connections (wrk, Debian's package) and the memory again.
#
#   load-tests/devstack-footprint.sh [data folder, default a new temporary one]
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java LOAD_SECONDS=150 load-tests/devstack-footprint.sh
# The devstack picks the Java its JVMs run on (a JDK 25 where one is installed; OWM_DEVSTACK_JAVA_HOME names
# one): each start prints the one it ran on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/devstack/target/devstack.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
JAVA=${JAVA:-java}
LOAD_SECONDS=${LOAD_SECONDS:-150}
data=${1:-$(mktemp -d /tmp/owm-footprint.XXXXXX)}
mkdir -p "$data"
export API_KEY=sk-footprint-$RANDOM$RANDOM ACCESS_TOKEN=owm-admin-footprint-$RANDOM$RANDOM
launcher=

descendants() {
    local pid
    for pid in $(ps -o pid= --ppid "$1"); do echo "$pid"; descendants "$pid"; done
}

kb() { awk -v field="$2" '$1 == field {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

memory() {
    local label=$1 rss_total=0 pss_total=0 pid name command rss pss postmaster
    echo "  memory, $label (RSS, and PSS: shared pages such as the JDK's class archive counted once):"
    for pid in $launcher $(descendants "$launcher"); do
        [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ] || continue
        # The command line is read whole first: piped into a grep that stops at its first match, it would fail the
        # pipe (pipefail) whenever tr had more to write.
        command=$(tr '\0' '\n' < "/proc/$pid/cmdline")
        if [[ $'\n'$command$'\n' == *$'\n'io.owm.servicehost.ServicesHost$'\n'* ]]; then
            name="the four services' JVM"
        else
            name=$(grep -m1 -o '[a-z-]*\.jar$' <<< "$command" || echo java)
        fi
        rss=$(kb "$pid" Rss:)
        pss=$(kb "$pid" Pss:)
        rss_total=$((rss_total + rss))
        pss_total=$((pss_total + pss))
        printf "    %-34s %6d MB RSS %6d MB PSS\n" "$name (pid $pid)" $((rss / 1024)) $((pss / 1024))
    done
    postmaster=$(head -1 "$data/postgres/postmaster.pid" 2>/dev/null || true)
    if [ -n "$postmaster" ]; then
        pss=0
        for pid in "$postmaster" $(ps -o pid= --ppid "$postmaster"); do pss=$((pss + $(kb "$pid" Pss:))); done
        rss_total=$((rss_total + pss))
        pss_total=$((pss_total + pss))
        printf "    %-34s %6s           %6d MB PSS\n" "PostgreSQL" "" $((pss / 1024))
    fi
    printf "    %-34s %6d MB RSS %6d MB PSS\n" "whole stack (PostgreSQL as PSS)" $((rss_total / 1024)) \
        $((pss_total / 1024))
}

start() {
    local log=$data/footprint-$1.out
    OWM_DATA_DIR=$data "$JAVA" -jar "$jar" > "$log" 2>&1 &
    launcher=$!
    until grep -q "Monitor is ready" "$log"; do
        kill -0 "$launcher" 2> /dev/null || { echo "the devstack stopped; see $log" >&2; exit 1; }
        sleep 0.5
    done
    echo "$1 start: $(grep -o 'started in [0-9]* s' "$log"), $(grep -o 'Java [^ ]* from [^ ]*' "$log" | head -1)"
    sleep 30
    memory "idle"
}

stop() {
    local began=$SECONDS
    kill "$launcher"
    while kill -0 "$launcher" 2> /dev/null; do sleep 0.5; done
    echo "  stopped in $((SECONDS - began)) s"
}
trap '[ -n "$launcher" ] && kill "$launcher" 2> /dev/null || true' EXIT

echo "devstack started with $("$JAVA" -version 2>&1 | head -1), data folder $data"
start first
stop
start second
if [ "$LOAD_SECONDS" -gt 0 ]; then
    WRK_MODE=outlet wrk -t2 -c64 -d"${LOAD_SECONDS}s" -s "$root/load-tests/wrk/chat.lua" http://127.0.0.1:7878 |
        grep -E 'Requests/sec|Non-2xx' | sed 's/^/  /'
    memory "right after ${LOAD_SECONDS} s of outlets at 64 connections"
fi
stop

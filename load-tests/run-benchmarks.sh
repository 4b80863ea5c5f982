#!/usr/bin/env bash
# The function API benchmarks of docs/benchmarks.md: starts a devstack of its own (temporary data folder, free
# ports), warms it up, runs the Gatling simulation for outlets and then inlets at 1, 16 and 64 concurrent users,
# one open-model run of whole chats, and stops the stack. HTML reports land in load-tests/target/gatling/.
#
#   ./mvnw -DskipTests package
#   ./mvnw -Pload -pl load-tests test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/gatling.classpath -Dmdep.includeScope=test
#   load-tests/run-benchmarks.sh [seconds per run, default 60] [extra service JVM options, e.g. for JFR]
#
# RUNS picks the runs (default: all), USAGE_SHARE the share of replies with the model's usage (0.8), OPEN_RATE
# the chats per second of the open-model run (100), WARMUP the seconds of unreported warm-up traffic (240).
#
# Gatling runs in its own JVM (not through Maven), so a benchmark never holds the build or competes with it.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-60}
EXTRA_JVM=${2:-}
# Which runs, e.g. RUNS="outlet-16" USAGE_SHARE=0 for a profile of the tokenizer; mode-users or chat-open.
RUNS=${RUNS:-"outlet-1 outlet-16 outlet-64 inlet-1 inlet-16 inlet-64 chat-open"}
USAGE_SHARE=${USAGE_SHARE:-0.8}
OPEN_RATE=${OPEN_RATE:-100}
WARMUP=${WARMUP:-240}
CLASSPATH_FILE=load-tests/target/gatling.classpath
[ -f devstack/target/devstack.jar ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 2; }
[ -f "$CLASSPATH_FILE" ] || { echo "build the simulations first (see the top of this script)" >&2; exit 2; }

DATA=$(mktemp -d /tmp/owm-load-XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export OWM_DATA_DIR=$DATA
export API_KEY="sk-load-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"
export ACCESS_TOKEN="owm-load-admin-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"
# Nobody runs out of money during a run: a refused chat would not measure the charge path.
export INIT_BALANCE=1000000
export GATEWAY_PORT=$(free_port) OWM_BILLING_PORT=$(free_port) OWM_CATALOG_PORT=$(free_port)
export OWM_ANALYTICS_PORT=$(free_port) OWM_KAFKA_PORT=$(free_port) OWM_KAFKA_CONTROLLER_PORT=$(free_port)
# Extra options go after the devstack's own for the services' JVM (DevStackSettings: one JVM for the four unless
# OWM_DEVSTACK_SERVICES=jvm-per-service, which runs this benchmark on a JVM per service).
if [ -n "$EXTRA_JVM" ]; then
    if [ "${OWM_DEVSTACK_SERVICES:-shared-jvm}" = jvm-per-service ]; then
        export OWM_SERVICE_JVM_OPTS="-Xms32m -Xmx256m -XX:+UseSerialGC -Xss512k $EXTRA_JVM"
    else
        export OWM_SERVICE_JVM_OPTS="-Xms64m -Xmx512m -XX:+UseSerialGC -Xss512k $EXTRA_JVM"
    fi
fi

java -jar devstack/target/devstack.jar > "$DATA/devstack.out" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
until grep -q "OpenWebUI Monitor is ready" "$DATA/devstack.out"; do
    kill -0 $STACK 2>/dev/null || { cat "$DATA/devstack.out"; exit 1; }
    sleep 1
done
grep "OpenWebUI Monitor is ready" "$DATA/devstack.out"

gatling() {
    local name=$1; shift
    echo "=== $name"
    # Gatling reads String internals for its log writer, as its Maven plugin allows with the same option.
    # Each run is a new JVM whose JIT would compile during the measured seconds: C1 alone cut Gatling's CPU per
    # run by a third with no loss of throughput (docs/benchmarks.md, "Fifth round"), CPU the services share.
    java -Xmx1g -XX:+UseParallelGC -XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED \
        -cp "load-tests/target/test-classes:$(cat $CLASSPATH_FILE)" \
        -Dowm.url="http://127.0.0.1:$GATEWAY_PORT" -Dowm.apiKey="$API_KEY" "$@" \
        io.gatling.app.Gatling --simulation io.owm.load.FunctionApiSimulation \
        --results-folder "$PWD/load-tests/target/gatling" --run-description "$name" \
        | tee "$DATA/$name.txt" | sed -n '/Global Information/,/^====/p' \
        || echo "!!! $name: failed requests or a failed assertion, see $DATA/$name.txt"
}

# JIT warm-up of the services and the broker; its numbers are not reported. The JVMs share the 2 cores with
# their compiler threads: the throughput at 64 users still climbs for about three minutes after start (measured:
# 90 req/s in the first 20 s, 1,100 after 200 s), so a shorter warm-up measures the JIT, not the system.
gatling warmup -Dowm.mode=chat -Dowm.workload=closed -Dowm.concurrency=64 -Dowm.duration="$WARMUP" \
    -Dowm.thinkTimeMillis=0 > /dev/null
for run in $RUNS; do
    case $run in
        chat-open) gatling chat-open -Dowm.mode=chat -Dowm.workload=open -Dowm.rate="$OPEN_RATE" \
            -Dowm.duration="$DURATION" -Dowm.usageShare="$USAGE_SHARE" ;;
        *) gatling "$run" -Dowm.mode="${run%-*}" -Dowm.workload=closed -Dowm.concurrency="${run##*-}" \
            -Dowm.duration="$DURATION" -Dowm.usageShare="$USAGE_SHARE" ;;
    esac
done
# Resident memory after the runs: the devstack's JVMs (the launcher, the one with the Kafka broker, and the
# services it started, which are its grandchildren).
descendants() {
    local pid
    for pid in $(ps -o pid= --ppid "$1"); do echo "$pid"; descendants "$pid"; done
}
echo "resident memory after the runs (MB):"
ps -o rss=,args= -p "$(echo $STACK $(descendants $STACK) | tr ' ' ,)" | awk '{n=$NF; sub(/.*\//, "", n); printf "  %6.0f  %s\n", $1/1024, n; t+=$1} END {printf "  %6.0f  in all (PostgreSQL not counted)\n", t/1024}'
echo "Stack data, service logs and Gatling output: $DATA"

#!/usr/bin/env bash
# Where a service's CPU time goes, from a flight recording's execution samples (the "profile" of
# docs/benchmarks.md): the share of samples whose stack passes through each area, and the hottest top frames.
#   load-tests/jfr-summary.sh <recording.jfr>
set -euo pipefail
jfr print --events jdk.ExecutionSample "$1" | awk '
    /jdk.ExecutionSample/ { if (n) finish(); n++; top = ""; stack = ""; next }
    /stackTrace = \[/ { inStack = 1; next }
    inStack && /^[[:space:]]*\]/ { inStack = 0; next }
    inStack { line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*/, "", line);
              if (top == "") top = line; stack = stack "\n" line }
    function finish() {
        tops[top]++
        if (stack ~ /jtokkit/) area["token counting (jtokkit)"]++
        if (stack ~ /tools\.jackson/) area["JSON (Jackson)"]++
        if (stack ~ /org\.apache\.kafka/) area["Kafka client"]++
        if (stack ~ /io\.netty/) area["Netty (HTTP and I/O)"]++
        if (stack ~ /RequestKeys|MessageDigest|sun\.security\.provider/) area["request keys (SHA-256)"]++
        if (stack ~ /org\.springframework/) area["Spring (WebFlux, Kafka listener)"]++
    }
    END {
        if (n) finish()
        printf "%d execution samples\n\nshare of samples whose stack passes through:\n", n
        for (a in area) printf "  %5.1f %%  %s\n", 100 * area[a] / n, a
        printf "\nhottest top frames:\n"
        for (t in tops) printf "%d\t%s\n", tops[t], t | "sort -rn | head -15"
    }'

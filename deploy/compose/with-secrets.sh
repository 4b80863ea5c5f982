#!/bin/sh
# Starts a container's own command with the secrets it needs: each variable named in OWM_FROM_GENERATED
# ("TARGET=SECRET ...") that .env left empty takes the secret generated on the first start (secrets.sh). Then the
# command replaces this shell (exec), so it stays PID 1 and receives docker stop's SIGTERM itself.
set -eu

. /run/owm-secrets/generated.env
for pair in ${OWM_FROM_GENERATED:-}; do
    target="${pair%%=*}"
    source="${pair#*=}"
    eval "current=\${$target:-}"
    if [ -z "$current" ]; then
        eval "export $target=\"\${GENERATED_$source:?no generated secret $source}\""
    fi
done
unset OWM_FROM_GENERATED
exec "$@"

#!/bin/sh
# The compose stack's secrets, for an installation without a .env (docs/deploy.md). Runs in the one-shot "secrets"
# service before everything else: on the first start it generates every secret once into the owm-secrets volume;
# later starts keep them. A value set in .env always wins over the generated one (with-secrets.sh applies that).
#   docker compose run --rm secrets show    # the keys in force: API_KEY, ACCESS_TOKEN, the Grafana login
set -eu

FILE=/run/owm-secrets/generated.env
NAMES="API_KEY ACCESS_TOKEN OWM_INTERNAL_TOKEN POSTGRES_PASSWORD BILLING_DB_PASSWORD CATALOG_DB_PASSWORD
ANALYTICS_DB_PASSWORD GRAFANA_ADMIN_PASSWORD"

random_hex() {
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

generate() {
    if [ -s "$FILE" ]; then
        echo "secrets: kept the secrets generated on the first start ($FILE)"
        return
    fi
    umask 022
    {
        echo "# Generated once by deploy/compose/secrets.sh; a value set in .env wins over these."
        for name in $NAMES; do
            case "$name" in
                API_KEY) value="sk-owm-$(random_hex)" ;;
                ACCESS_TOKEN) value="owm-admin-$(random_hex)" ;;
                *) value="$(random_hex)" ;;
            esac
            echo "GENERATED_$name=$value"
        done
    } > "$FILE.tmp"
    # Readable by the services' own users (the JVM services, PostgreSQL, Grafana run as different uids); the
    # volume is mounted into this stack's containers only.
    chmod 0644 "$FILE.tmp"
    mv "$FILE.tmp" "$FILE"
    echo "secrets: generated the stack's secrets; show them with: docker compose run --rm secrets show"
}

show() {
    if [ ! -s "$FILE" ]; then
        echo "No secrets generated yet: start the stack first (docker compose up -d)." >&2
        exit 1
    fi
    . "$FILE"
    for name in API_KEY ACCESS_TOKEN GRAFANA_ADMIN_PASSWORD; do
        eval "set_value=\${$name:-}"
        eval "generated=\${GENERATED_$name}"
        if [ -n "$set_value" ]; then
            echo "$name=$set_value   (from .env)"
        else
            echo "$name=$generated"
        fi
    done
    echo "Grafana login: ${GRAFANA_ADMIN_USER:-admin} with GRAFANA_ADMIN_PASSWORD; the function's Api Key valve: API_KEY;"
    echo "the admin console and API: ACCESS_TOKEN."
}

case "${1:-generate}" in
    generate) generate ;;
    show) show ;;
    *) echo "usage: secrets.sh [generate|show]" >&2; exit 2 ;;
esac

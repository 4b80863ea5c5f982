#!/usr/bin/env bash
# Runs once, when PostgreSQL starts on an empty data directory (the postgres image's docker-entrypoint-initdb.d).
# One database per service, each owned by a login role of its own: a service can reach only its own tables.
# The passwords come from the environment (BILLING_DB_PASSWORD, ...) and reach SQL as psql variables, never
# spliced into the statement text.
set -euo pipefail

for service in billing catalog analytics; do
    password_variable="$(printf '%s' "${service}" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
    password="${!password_variable:-}"
    if [ -z "${password}" ]; then
        echo "init-databases: ${password_variable} is not set" >&2
        exit 1
    fi
    psql --no-psqlrc -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres \
        -v role="${service}" -v password="${password}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done

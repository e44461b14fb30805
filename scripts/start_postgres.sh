#!/usr/bin/env bash
# Start a local PostgreSQL for the warehouse tests and print its URL on stdout.
#
# Idempotent: installs PostgreSQL when missing (apt, as root: CI), creates the Debian cluster
# when missing, starts it when down, creates role `cchc` (password `cchc`) and database
# `cchc_test` when missing.  Everything but the URL goes to stderr, so that
#     export CCHC_TEST_PG_URL="$(bash scripts/start_postgres.sh)"
# works.  PostgreSQL refuses to run as root; pg_ctlcluster runs the server as `postgres`.
set -euo pipefail

PG_VERSION="${PG_VERSION:-}"
CLUSTER="${PG_CLUSTER:-main}"
ROLE="cchc"
PASSWORD="cchc"
DATABASE="cchc_test"

log() { echo "start_postgres: $*" >&2; }

install_postgres() {
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
        return
    fi
    log "PostgreSQL is not installed; installing it with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
}

pick_version() {
    if [ -z "$PG_VERSION" ]; then
        PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    fi
}

cluster_line() { pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1 == v && $2 == c'; }

ensure_cluster() {
    if [ -z "$(cluster_line)" ]; then
        log "creating cluster $PG_VERSION/$CLUSTER"
        pg_createcluster "$PG_VERSION" "$CLUSTER" >&2
    fi
}

start_cluster() {
    if pg_ctlcluster "$PG_VERSION" "$CLUSTER" status >/dev/null 2>&1; then
        log "cluster $PG_VERSION/$CLUSTER is already running"
        return
    fi
    log "starting cluster $PG_VERSION/$CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$CLUSTER" start >&2
}

wait_ready() {
    local port="$1"
    for _ in $(seq 1 60); do
        if pg_isready -q -h localhost -p "$port"; then
            return
        fi
        sleep 0.5
    done
    log "PostgreSQL did not accept connections on port $port within 30 s"
    exit 1
}

# psql as the postgres superuser (local socket, peer authentication).
admin_psql() {
    local port="$1"
    shift
    if command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"
    else
        su postgres -s /bin/sh -c "psql -X -q -v ON_ERROR_STOP=1 -p $port $(printf '%q ' "$@")"
    fi
}

ensure_role_and_database() {
    local port="$1"
    if [ "$(admin_psql "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
        log "creating role $ROLE"
        admin_psql "$port" -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
    fi
    # CREATEDB: the concurrency test makes a scratch database per repetition (issue 13).
    admin_psql "$port" -c "ALTER ROLE $ROLE CREATEDB"
    if [ "$(admin_psql "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
        log "creating database $DATABASE"
        admin_psql "$port" -c "CREATE DATABASE $DATABASE OWNER $ROLE ENCODING 'UTF8' TEMPLATE template0"
    fi
}

main() {
    install_postgres
    pick_version
    ensure_cluster
    start_cluster
    local port
    port="$(cluster_line | awk '{print $3}')"
    wait_ready "$port"
    ensure_role_and_database "$port"
    echo "postgresql://$ROLE:$PASSWORD@localhost:$port/$DATABASE"
}

main "$@"

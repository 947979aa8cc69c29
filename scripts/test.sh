#!/usr/bin/env bash
# The whole test suite. Where PostgreSQL and Redis server binaries are
# installed, it starts throwaway servers on free loopback ports and runs the
# suite on them with real Celery workers; then it runs it again on SQLite
# with the filesystem broker (the quick start's stack). With CI=true the
# real servers are required. Every process it starts, it stops.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

"$PY" -m ruff check .
"$PY" -m ruff format --check .

scratch=$(mktemp -d /tmp/factcheck-test.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
redis_bin=$(command -v redis-server || true)
pg_started= redis_pid=

cleanup() {
    if [ -n "$pg_started" ]; then as_postgres "$pg_bin/pg_ctl" -D "$scratch/pg" -m immediate stop >/dev/null 2>&1 || true; fi
    if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# initdb refuses to run as root: use the postgres account when we are root.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local port
    port=$(free_port)
    mkdir -p "$scratch/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$scratch" "$scratch/pg"
    as_postgres "$pg_bin/initdb" -D "$scratch/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$scratch/initdb.log" 2>&1 || { cat "$scratch/initdb.log"; return 1; }
    as_postgres "$pg_bin/pg_ctl" -D "$scratch/pg" -l "$scratch/pg.log" -w -t 30 \
        -o "-p $port -k $scratch/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$scratch/pg.log"; return 1; }
    pg_started=1
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/factcheck"
}

start_redis() {
    local port
    port=$(free_port)
    "$redis_bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$scratch/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 50); do
        "$PY" -c "import redis, sys; redis.Redis(port=$port).ping()" 2>/dev/null && break
        sleep 0.1
    done
    export CELERY_BROKER_URL="redis://127.0.0.1:$port/0"
}

run_suite() {
    local label=$1; shift
    echo "== Test suite on $label"
    VAR_DIR="$scratch/var-$label" "$PY" -m pytest "$@"
}

if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && [ -n "$redis_bin" ]; then
    start_postgres
    start_redis
    run_suite postgresql "$@"
    unset DATABASE_URL CELERY_BROKER_URL
    run_suite sqlite "$@"
elif [ "${CI:-}" = true ]; then
    echo "CI=true but PostgreSQL (initdb under /usr/lib/postgresql/*/bin) or redis-server is missing" >&2
    exit 1
else
    echo "PostgreSQL or Redis server binaries not found: running on SQLite with the filesystem broker only."
    run_suite sqlite "$@"
fi

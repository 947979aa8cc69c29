# Throwaway PostgreSQL and Redis servers on free loopback ports, for the
# test suite and the benchmarks. Source this file; it sets DATABASE_URL and
# CELERY_BROKER_URL and stops what it started when the shell exits.
# Needs: $PY (a Python with redis installed) and $scratch (a temp folder).

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
redis_bin=$(command -v redis-server || true)
pg_started= redis_pid=

have_servers() { [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && [ -n "$redis_bin" ]; }

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# initdb refuses to run as root: use the postgres account when we are root.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local port
    port=$(free_port)
    mkdir -p "$scratch/pg"
    if [ "$(id -u)" = 0 ]; then chown postgres "$scratch" "$scratch/pg"; fi
    as_postgres "$pg_bin/initdb" -D "$scratch/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$scratch/initdb.log" 2>&1 || { cat "$scratch/initdb.log"; return 1; }
    as_postgres "$pg_bin/pg_ctl" -D "$scratch/pg" -l "$scratch/pg.log" -w -t 30 \
        -o "-p $port -k $scratch/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_OPTIONS:-}" \
        start >/dev/null || { cat "$scratch/pg.log"; return 1; }
    pg_started=1
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/factcheck"
    as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres factcheck
}

start_redis() {
    local port
    port=$(free_port)
    "$redis_bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$scratch/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 50); do
        "$PY" -c "import redis; redis.Redis(port=$port).ping()" 2>/dev/null && break
        sleep 0.1
    done
    export CELERY_BROKER_URL="redis://127.0.0.1:$port/0"
}

stop_services() {
    if [ -n "$pg_started" ]; then as_postgres "$pg_bin/pg_ctl" -D "$scratch/pg" -m immediate stop >/dev/null 2>&1 || true; fi
    if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap stop_services EXIT

# For the benchmarks: both servers, a migrated database, or a clear refusal.
start_bench_stack() {
    have_servers || { echo "PostgreSQL and Redis server binaries are needed (see .ci/run)" >&2; exit 1; }
    start_postgres
    start_redis
    export VAR_DIR="$scratch/var" PYTHONPATH=.
    # Production settings, as a deployment would run them.
    export DEBUG=false SECRET_KEY=benchmark-only-secret-key-0123456789-0123456789-0123456789
    export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0
    "$PY" manage.py migrate -v0
}

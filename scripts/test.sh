#!/usr/bin/env bash
# The whole test suite. Where PostgreSQL and Redis server binaries are
# installed, it starts throwaway servers on free loopback ports and runs the
# suite on them with real Celery workers; then it runs it again on SQLite
# with the filesystem broker (the quick start's stack). With CI=true the
# real servers are required. Every process it starts, it stops.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
# The quick start's settings (pytest-django still runs each test with DEBUG off).
export DEBUG=true

"$PY" -m ruff check .
"$PY" -m ruff format --check .

scratch=$(mktemp -d /tmp/factcheck-test.XXXXXX)
source scripts/services.sh

run_suite() {
    local label=$1; shift
    echo "== Test suite on $label"
    VAR_DIR="$scratch/var-$label" "$PY" -m pytest "$@"
}

if have_servers; then
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

#!/usr/bin/env bash
# Claim matching through the app and a database: DB=postgresql (throwaway server) or DB=sqlite (a fresh file).
# Arguments go to benchmarks/matching.py (which runs with --db).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
scratch=$(mktemp -d /tmp/factcheck-bench.XXXXXX)
source scripts/services.sh
export VAR_DIR="$scratch/var" PYTHONPATH=. DEBUG=true
if [ "${DB:-postgresql}" = postgresql ]; then
    have_servers || { echo "PostgreSQL server binaries are needed (see .ci/run)" >&2; exit 1; }
    start_postgres
fi
mkdir -p "$VAR_DIR"
"$PY" manage.py migrate -v0
"$PY" benchmarks/matching.py --db "$@"

#!/usr/bin/env bash
# API throughput: gunicorn on PostgreSQL holding 10,000 articles and 50,000
# claims. Loads (a) the claims list (pages of 50 with article title,
# claimant, status and current rating) and (b) a bare Django view, each with
# wrk at 16 connections for 15 s after a 5 s warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
ARTICLES=${ARTICLES:-10000}
CLAIMS_PER_ARTICLE=${CLAIMS_PER_ARTICLE:-5}
DURATION=${DURATION:-15s}
WORKERS=${WORKERS:-$(nproc)}  # one per core: PostgreSQL and wrk share them

command -v wrk >/dev/null || { echo "bench-api needs wrk, the HTTP load generator: apt-get install wrk (see README, Benchmarks)" >&2; exit 1; }
scratch=$(mktemp -d /tmp/factcheck-bench.XXXXXX)
source scripts/services.sh
start_bench_stack

export DJANGO_SETTINGS_MODULE=benchmarks.settings
echo "seeding $ARTICLES articles, $((ARTICLES * CLAIMS_PER_ARTICLE)) claims"
token=$("$PY" -m benchmarks.seed_api "$ARTICLES" "$CLAIMS_PER_ARTICLE" | tail -n 1)
as_postgres "$pg_bin/psql" -q -h 127.0.0.1 -p "${DATABASE_URL##*:}" -U postgres -d factcheck -c "VACUUM ANALYZE" 2>/dev/null \
    || "$PY" manage.py dbshell -- -q -c "VACUUM ANALYZE"

port=$(free_port)
"$PY" -m gunicorn factcheck.wsgi:application --bind "127.0.0.1:$port" --workers "$WORKERS" \
    --log-level warning >"$scratch/gunicorn.log" 2>&1 &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null; wait $gunicorn_pid 2>/dev/null; stop_services' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/bench/bare" && break; sleep 0.1; done

claims_url="http://127.0.0.1:$port/api/v1/claims/?page_size=50"
rows=$(curl -sf -H "Authorization: Token $token" "$claims_url" | "$PY" -c 'import json, sys; print(len(json.load(sys.stdin)["results"]))')
[ "$rows" = 50 ] || { echo "claims list returned $rows rows, not 50" >&2; exit 1; }

load() {  # name url [header]
    local out="$scratch/wrk-$1.txt"
    wrk -t2 -c16 -d5s ${3:+-H "$3"} "$2" >/dev/null
    wrk -t2 -c16 -d"$DURATION" --latency ${3:+-H "$3"} "$2" >"$out"
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errors=$(awk '/Non-2xx/ {print $5}' "$out")
    echo "$1: ${rps} req/s, p50 ${p50}, p99 ${p99}${errors:+, non-2xx: $errors}" >&2
    echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { "$PY" -c 'import re, sys; v, u = re.fullmatch(r"([\d.]+)(us|ms|s)", sys.argv[1]).groups(); print(round(float(v) * {"us": 0.001, "ms": 1, "s": 1000}[u], 2))' "$1"; }

read -r claims_rps claims_p50 claims_p99 < <(load claims "$claims_url" "Authorization: Token $token")
read -r bare_rps bare_p50 bare_p99 < <(load bare "http://127.0.0.1:$port/bench/bare")
ratio=$("$PY" -c "print(round($claims_rps / $bare_rps, 3))")
echo "claims list: $claims_rps req/s, p50 $claims_p50 ms, p99 $claims_p99 ms (gunicorn $WORKERS workers, 16 connections, $DURATION)"
echo "bare view:   $bare_rps req/s, p50 $bare_p50 ms, p99 $bare_p99 ms"
echo "RESULT api claims_rps=$claims_rps bare_rps=$bare_rps ratio=$ratio claims_p99_ms=$claims_p99"

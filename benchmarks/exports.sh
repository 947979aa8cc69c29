#!/usr/bin/env bash
# Export throughput and worker memory on PostgreSQL through the real Celery
# path: ClaimReview, CSV and JSONL of 10,000 and then 100,000 published claims.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
SMALL=${SMALL:-10000}
LARGE=${LARGE:-100000}

scratch=$(mktemp -d /tmp/factcheck-bench.XXXXXX)
source scripts/services.sh
start_bench_stack
echo "seeding $SMALL and $LARGE published claims"
"$PY" benchmarks/seed_export.py "$SMALL" small
"$PY" benchmarks/seed_export.py "$LARGE" large

worker_pid=
stop_worker() { if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null; wait "$worker_pid" 2>/dev/null || true; worker_pid=; fi; }
trap 'stop_worker; stop_services' EXIT

declare -A rate rss
for size in small large; do
    "$PY" -m celery -A factcheck worker -Q exports,default -P solo -c 1 --without-gossip --without-mingle \
        -l info >"$scratch/worker-$size.log" 2>&1 &
    worker_pid=$!
    for _ in $(seq 100); do grep -q " ready\." "$scratch/worker-$size.log" 2>/dev/null && break; sleep 0.2; done
    for format in claimreview csv jsonl; do
        read -r per_s seconds bytes < <("$PY" benchmarks/export_run.py "$size" "$format")
        echo "$size $format: $per_s claims/s ($seconds s, $bytes bytes)"
        rate[$size-$format]=$per_s
    done
    rss[$size]=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$worker_pid/status")
    echo "$size: worker peak RSS ${rss[$size]} MB"
    stop_worker
done
echo "RESULT export claimreview_per_s=${rate[large-claimreview]} csv_per_s=${rate[large-csv]} jsonl_per_s=${rate[large-jsonl]} peak_rss_mb_10k=${rss[small]} peak_rss_mb_100k=${rss[large]}"

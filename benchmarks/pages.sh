#!/usr/bin/env bash
# The pages at SIZE articles and SIZE/2 claims on PostgreSQL (default 1,000,000):
# p99 of sequential requests to the dashboard, the article and claim lists,
# the queues and the API's published claims; then how long the articles of an
# import of SIZE*0.3 wait, after the import ends, until they are all searchable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
SIZE=${SIZE:-1000000}
IMPORT=${IMPORT:-$((SIZE * 3 / 10))}

scratch=$(mktemp -d /tmp/factcheck-bench.XXXXXX)
source scripts/services.sh
start_bench_stack
worker_pid=
stop_worker() { if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null; wait "$worker_pid" 2>/dev/null || true; worker_pid=; fi; }
trap 'stop_worker; stop_services' EXIT

echo "growing one project to $SIZE articles and $((SIZE / 2)) claims"
started=$(date +%s)
"$PY" benchmarks/pages.py setup "$SIZE"
echo "  set up in $(($(date +%s) - started)) s"
"$PY" manage.py collectstatic --noinput -v0  # production settings serve hashed static names
"$PY" benchmarks/pages.py time | tee "$scratch/pages.txt"

echo "importing $IMPORT more articles through the worker"
"$PY" benchmarks/import_data.py "$IMPORT" "$scratch/import.jsonl"
"$PY" -m celery -A factcheck worker -Q imports,default -P solo -c 1 --without-gossip --without-mingle \
    -l warning >"$scratch/worker.log" 2>&1 &
worker_pid=$!
sleep 3
read -r n elapsed rate searchable ran < <("$PY" benchmarks/import_run.py "$scratch/import.jsonl" bench)
after=$("$PY" -c "print(round($searchable - $elapsed, 1))")
echo "  $n articles imported in $elapsed s ($rate/s), all searchable $after s after the import ended"
stop_worker

value() { awk -F= -v k="$1" '$1 == k {print $2}' "$scratch/pages.txt"; }
echo "RESULT pages size=$SIZE dashboard_p99_ms=$(value dashboard_p99_ms) articles_p99_ms=$(value articles_p99_ms)" \
    "articles_search_p99_ms=$(value articles_search_p99_ms) articles_sort_p99_ms=$(value articles_sort_p99_ms)" \
    "claims_list_p99_ms=$(value claims_list_p99_ms) claims_search_p99_ms=$(value claims_search_p99_ms)" \
    "review_queue_p99_ms=$(value review_queue_p99_ms) editor_queue_p99_ms=$(value editor_queue_p99_ms)" \
    "api_published_p99_ms=$(value api_published_p99_ms) searchable_after_s=$after"

#!/usr/bin/env bash
# Import throughput on PostgreSQL through the real Celery path (a worker
# process on Redis), against a raw psycopg COPY of the same records; and the
# worker's peak RSS for 10,000 and for 100,000 articles.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
SMALL=${SMALL:-10000}
LARGE=${LARGE:-100000}

scratch=$(mktemp -d /tmp/factcheck-bench.XXXXXX)
source scripts/services.sh
# No background vacuum may land inside a timed load: each one starts from
# a vacuumed, analysed and checkpointed server instead, with every file
# written out to disk (settle): the kernel writing out the last load's pages
# would otherwise slow the next one by up to a quarter.
PG_OPTIONS="-c autovacuum=off" start_bench_stack
settle() {
    "$PY" manage.py shell -v0 -c "
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute('VACUUM ANALYZE')
    cursor.execute('CHECKPOINT')"
    sync
}
"$PY" manage.py shell -v0 -c "
from django.contrib.auth.models import User
from annotations import workflow
user = User.objects.create(username='bench', is_staff=True)
for slug in ('bench-SMALL', 'bench-LARGE'):
    workflow.project_create(user=user, name='Bench', slug=slug, language='id')"

echo "generating $SMALL and $LARGE articles"
"$PY" benchmarks/import_data.py "$SMALL" "$scratch/small.jsonl"
"$PY" benchmarks/import_data.py "$LARGE" "$scratch/large.jsonl"
ls -l "$scratch"/*.jsonl | awk '{print "  " $9 ": " $5 " bytes"}'

worker_pid=
stop_worker() { if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null; wait "$worker_pid" 2>/dev/null || true; worker_pid=; fi; }
trap 'stop_worker; stop_services' EXIT

run() {  # size-label file -> "articles seconds per_s searchable_seconds job_seconds peak_rss_mb"
    "$PY" -m celery -A factcheck worker -Q imports,default -P solo -c 1 --without-gossip --without-mingle \
        -l warning >"$scratch/worker-$1.log" 2>&1 &
    worker_pid=$!
    sleep 3
    settle
    local result
    result=$("$PY" benchmarks/import_run.py "$2" "bench-$1")
    local rss
    rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$worker_pid/status")
    stop_worker
    echo "$result $rss"
}

report() {  # label articles seconds per_s searchable_seconds job_seconds peak_rss_mb
    echo "import $2 articles: $3 s from queueing to the end (the job itself ran $6 s), $4 articles/s," \
        "all searchable after $5 s, worker peak RSS $7 MB"
}
read -r small_n small_s small_rate small_search small_ran small_rss < <(run SMALL "$scratch/small.jsonl")
report SMALL "$small_n" "$small_s" "$small_rate" "$small_search" "$small_ran" "$small_rss"
read -r large_n large_s large_rate large_search large_ran large_rss < <(run LARGE "$scratch/large.jsonl")
report LARGE "$large_n" "$large_s" "$large_rate" "$large_search" "$large_ran" "$large_rss"
settle
copy_rate=$("$PY" benchmarks/copy_baseline.py "$scratch/large.jsonl")
echo "raw COPY of the same $LARGE records (parse + hash + COPY into a bare table): $copy_rate rows/s"
# Two more raw COPYs, for the reader of the figures: with the import's own
# parser and binary COPY, and then also with lz4 compression of the text.
settle
app_rate=$("$PY" benchmarks/copy_baseline.py --as-the-app "$scratch/large.jsonl")
settle
lz4_rate=$("$PY" benchmarks/copy_baseline.py --as-the-app --lz4 "$scratch/large.jsonl")
echo "  the same with orjson and binary COPY, as the import sends: $app_rate rows/s;" \
    "and into a table compressing text with lz4, as the articles table does: $lz4_rate rows/s"
ratio=$("$PY" -c "print(round($large_rate / $copy_rate, 3))")
echo "RESULT import articles_per_s=$large_rate copy_per_s=$copy_rate ratio=$ratio peak_rss_mb_10k=$small_rss peak_rss_mb_100k=$large_rss"

#!/usr/bin/env bash
# Quick start: migrate, load the demo, then serve the web app and a real
# Celery worker (filesystem broker, no server needed) until Ctrl-C. The
# worker runs Celery beat's periodic tasks too (-B): one process, one beat.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
# The address the links of exported ClaimReviews and reports point to: this server's.
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:$PORT}
# A development server on this machine: tracebacks are welcome here (and only here).
export DEBUG=true

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo

"$PY" -m celery -A factcheck worker -B -Q imports,exports,default -P threads -c 4 -l warning &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM

echo
echo "  Fact-check desk: http://127.0.0.1:$PORT/"
echo "  Log in as annotator, reviewer, editor or admin; password: factcheck-demo"
echo
"$PY" manage.py runserver --noreload "127.0.0.1:$PORT"

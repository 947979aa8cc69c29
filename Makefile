# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint lock clean bench-api bench-import bench-export bench-workspace bench-matching bench-checkworthiness bench-agreement bench-realdata bench-sentences bench-pages

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

venv: $(VENV)/.installed

run: venv  ## Serve the demo desk (web + worker) at http://127.0.0.1:8000 on SQLite.
	PY=$(PY) scripts/run.sh

test: venv  ## Lint and run the whole suite (PostgreSQL + Redis when their servers are installed).
	PY=$(PY) scripts/test.sh $(ARGS)

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

lock: venv  ## Re-pin the whole dependency tree after changing pyproject.toml.
	$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	  print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))' > $(VENV)/direct.txt
	$(PY) -m pip install --quiet -r $(VENV)/direct.txt
	$(PY) -m pip freeze > requirements.lock

clean:
	rm -rf $(VENV) var

bench-api: venv  ## API throughput on PostgreSQL: claims list vs a bare view (prints RESULT api ...).
	PY=$(PY) benchmarks/api.sh

bench-import: venv  ## Import throughput and worker memory on PostgreSQL vs raw COPY (prints RESULT import ...).
	PY=$(PY) benchmarks/imports.sh

bench-pages: venv  ## The pages at SIZE=1000000 articles and SIZE/2 claims on PostgreSQL, p99 each, and how soon an import is searchable (prints RESULT pages ...).
	SIZE=$(or $(SIZE),1000000) PY=$(PY) benchmarks/pages.sh

bench-export: venv  ## Export throughput and worker memory on PostgreSQL (prints RESULT export ...).
	PY=$(PY) benchmarks/exports.sh

bench-workspace: venv  ## The annotation workspace with 200 KB of text and 500 claims, in Chromium.
	$(PY) benchmarks/workspace.py

bench-realdata: venv  ## What each source of ../shared/data/real gives on import, pages/s; LARGEST=N for the largest ZIP's RSS (prints RESULT realdata ...).
	$(PY) benchmarks/realdata.py --largest "$(or $(LARGEST),0)"

bench-sentences: venv  ## New articles split and scored for check-worthiness, as the background task does it (N=5000; prints RESULT sentences ...).
	$(PY) benchmarks/sentences.py "$(or $(N),5000)"

bench-agreement: venv  ## Agreement (spans, code-point alpha, claim fields) for 10,000 generated articles, 3 annotators each (prints RESULT agreement ...).
	$(PY) benchmarks/agreement.py

bench-checkworthiness: venv  ## Check-worthiness P/R/F1 and sentences/s on DATA (default: the English dev split; prints RESULT checkworthiness ...).
	$(PY) benchmarks/checkworthiness.py $(DATA)

bench-matching: venv  ## Claim matching on a CheckThat! 2020 task 2 set (DATA, SPLIT=test), p95 at SCALE=100000 fact-checks; DB=postgresql or DB=sqlite goes through the app and that database (prints RESULT matching ...).
	$(if $(DB),DB=$(DB) PY=$(PY) benchmarks/matching.sh,$(PY) benchmarks/matching.py) --data "$(or $(DATA),../shared/eval/claim-retrieval-en/)" --split "$(or $(SPLIT),test)" --scale "$(or $(SCALE),100000)"

"""Claim matching on a CheckThat! 2020 task 2 set: quality, latency, and threshold calibration.

    python benchmarks/matching.py [--data DIR] [--split test] [--scale 100000] [--calibrate] [--golden FILE]

Indexes the verified claims as fact-checks through :class:`annotations.matching.Matcher` (the app's path),
ranks them for every query of the split and prints MAP@1, MAP@5, MRR, P@1 (the official CheckThat! task 2
metrics, scored as trectools does: AP@k divides by the number of relevant claims), the lexical stage's MAP@5
alone, and the latency of one whole match (query embedding included) with the set indexed. ``--scale N`` then
pads the index to N fact-checks with perturbed copies of the verified claims and measures the latency again:
each copy drops ~20% of the words and swaps a few neighbours (for the lexical index), and its vector is the
original's plus Gaussian noise, re-normalised to cosine ~0.9 with it (embedding 90,000 texts would take over an
hour on two cores; the search cost does not depend on what the vectors say). The RESULT line's p95_ms and
fact_checks are those of the scaled index when ``--scale`` is given.

Embeddings are cached per text under ``var/matching-embeddings/<model>/``, so that only the first run embeds
the 10,375 verified claims (7-17 min on two cores, depending on their other load). ``--calibrate`` prints the
lexical weight and the thresholds chosen on the split (use ``--split train+dev``) and their rates on
``--check`` (default test).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotations import textmodels  # noqa: E402
from annotations.matching import (  # noqa: E402
    BM25Index,
    FactCheck,
    Matcher,
    Thresholds,
    prepare,
    thresholds_for,
    word_count,
)
from annotations.matching.thresholds import LEXICAL_KEY, LEXICAL_WEIGHT, MIN_CONFIRM_WORDS  # noqa: E402

CACHE = ROOT / "var" / "matching-embeddings"


def read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 24)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return rows[1:]


def load(data: Path, split: str):
    """Verified claims ``{id: text}``, queries ``{id: text}`` and qrels ``{query id: {claim ids}}``."""
    claims = {row[0]: f"{row[1]} {row[2]}".strip() for row in read_tsv(data / "verified_claims.docs.tsv")}
    queries, qrels = {}, {}
    for part in split.split("+"):
        queries.update({row[0]: row[1] for row in read_tsv(data / f"{part}.tweets.queries.tsv")})
        for line in (data / f"{part}.qrels").read_text().splitlines():
            fields = line.split()
            if len(fields) >= 4 and fields[3] != "0":
                qrels.setdefault(fields[0], set()).add(fields[2])
    return claims, queries, qrels


class EmbeddingCache:
    """Vectors by text (sha1 of kind and text), in ``var/matching-embeddings/<model>/``: an ``.npy`` matrix and the
    keys of its rows. New texts are embedded in batches and saved every ~1,000, so a long first run resumes."""

    def __init__(self, root: Path = CACHE):
        self.dir = root / textmodels.MODEL_KEY
        self.matrix_path = self.dir / "vectors.npy"
        self.keys_path = self.dir / "keys.txt"
        self.keys: dict[str, int] = {}
        self.matrix = np.zeros((0, textmodels.DIM), np.float32)
        if self.matrix_path.exists() and self.keys_path.exists():
            keys = self.keys_path.read_text().split()
            matrix = np.load(self.matrix_path)
            n = min(len(keys), len(matrix))
            self.matrix = matrix[:n]
            self.keys = {key: row for row, key in enumerate(keys[:n])}

    @staticmethod
    def key(text: str, kind: str) -> str:
        return hashlib.sha1(f"{kind}\x1e{' '.join(text.split())}".encode()).hexdigest()

    def save(self, new_keys: list[str], new_vectors: list[np.ndarray]) -> None:
        if not new_vectors:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        start = len(self.matrix)
        self.matrix = np.vstack([self.matrix, *new_vectors])
        for offset, key in enumerate(new_keys):
            self.keys.setdefault(key, start + offset)
        np.save(self.matrix_path.with_suffix(".tmp.npy"), self.matrix)
        self.matrix_path.with_suffix(".tmp.npy").replace(self.matrix_path)
        self.keys_path.write_text("\n".join(sorted(self.keys, key=self.keys.get)) + "\n")

    def embed(self, texts: list[str], kind: str = "query", batch: int = 64) -> np.ndarray:
        keys = [self.key(t, kind) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self.keys))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            todo = [by_key[k] for k in missing]
            started = time.perf_counter()
            pending_keys, pending = [], []
            for i in range(0, len(todo), batch):
                pending.append(textmodels.embed(todo[i : i + batch], kind))
                pending_keys.extend(missing[i : i + batch])
                if len(pending_keys) >= 1024 or i + batch >= len(todo):
                    self.save(pending_keys, pending)
                    pending_keys, pending = [], []
                    done = min(i + batch, len(todo))
                    rate = (time.perf_counter() - started) / done
                    left = rate * (len(todo) - done)
                    print(f"  embedded {done}/{len(todo)}, {rate * 1000:.0f} ms each, ~{left:.0f} s left", flush=True)
        if not keys:
            return np.zeros((0, textmodels.DIM), np.float32)
        # A key may map to a row after the matrix's rows: duplicate keys in one batch keep the first row.
        return self.matrix[[self.keys[k] for k in keys]]


_cache: EmbeddingCache | None = None


def embed_cached(texts: list[str], kind: str = "query") -> np.ndarray:
    global _cache
    if _cache is None:
        _cache = EmbeddingCache()
    return _cache.embed(texts, kind)


def average_precision(ranked: list, relevant: set, k: int) -> float:
    hits, total = 0, 0.0
    for rank, item in enumerate(ranked[:k], 1):
        if item in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list, relevant: set) -> float:
    return next((1.0 / rank for rank, item in enumerate(ranked, 1) if item in relevant), 0.0)


def scores(rankings: dict, qrels: dict) -> dict:
    qids = [q for q in rankings if q in qrels]
    return {
        "map1": statistics.fmean(average_precision(rankings[q], qrels[q], 1) for q in qids),
        "map5": statistics.fmean(average_precision(rankings[q], qrels[q], 5) for q in qids),
        "mrr": statistics.fmean(reciprocal_rank(rankings[q], qrels[q]) for q in qids),
        "p1": statistics.fmean(float(bool(rankings[q][:1]) and rankings[q][0] in qrels[q]) for q in qids),
    }


def build(claims: dict, lexical_weight: float = LEXICAL_WEIGHT) -> Matcher:
    ids = list(claims)
    texts = [claims[i] for i in ids]
    matcher = Matcher(lexical_weight=lexical_weight)
    matcher.add([FactCheck(i, t, "en") for i, t in zip(ids, texts, strict=True)], vectors=claim_vectors(texts))
    return matcher


def claim_vectors(texts: list[str]) -> np.ndarray:
    """The stored vectors of the fact-checks: of ``prepare(text)``, as the Matcher computes them (the cache holds
    the raw texts' vectors; the few texts with a link are embedded again)."""
    vectors = embed_cached(texts).copy()
    changed = [n for n, t in enumerate(texts) if prepare(t) != " ".join(t.split())]
    if changed:
        vectors[changed] = embed_cached([prepare(texts[n]) for n in changed])
    return vectors


def query_vectors(queries: dict) -> dict:
    return dict(zip(queries, embed_cached([prepare(t) for t in queries.values()]), strict=True))


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    kept = [w for w in words if rng.random() > 0.2] or words[:1]
    for _ in range(max(1, len(kept) // 8)):
        j = rng.randrange(max(1, len(kept) - 1))
        kept[j : j + 2] = kept[j : j + 2][::-1]
    return " ".join(kept)


def scale_to(matcher: Matcher, claims: dict, vectors: np.ndarray, size: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    ids = list(claims)
    need = size - len(matcher)
    batch = 10_000
    sigma = 0.0247  # 384 dims: |noise|^2 ~ 384 sigma^2 = 0.235 -> cosine with the original ~0.9
    done = 0
    while done < need:
        n = min(batch, need - done)
        picks = [rng.randrange(len(ids)) for _ in range(n)]
        items = [FactCheck(f"copy{done + j}", perturb(claims[ids[p]], rng), "en") for j, p in enumerate(picks)]
        noisy = vectors[picks] + nrng.normal(0, sigma, (n, vectors.shape[1])).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        matcher.add(items, vectors=noisy)
        done += n


CPU_TIMES: list[float] = []


def run_queries(matcher: Matcher, queries: dict, k: int = 100, vectors: dict | None = None):
    """Rankings, matches and the wall-clock ms of each match (the CPU ms of this process go to CPU_TIMES)."""
    rankings, matches, times = {}, {}, []
    CPU_TIMES.clear()
    for qid, text in queries.items():
        started, cpu = time.perf_counter(), time.process_time()
        found = matcher.match(text, k=k, query_vector=None if vectors is None else vectors[qid])
        times.append((time.perf_counter() - started) * 1000)
        CPU_TIMES.append((time.process_time() - cpu) * 1000)
        rankings[qid] = [m.id for m in found]
        matches[qid] = found
    return rankings, matches, times


def latency_line(count: int, times: list[float]) -> str:
    return (
        f"one match with {count} fact-checks indexed: p50 {percentile(times, 50):.1f} ms, "
        f"p95 {percentile(times, 95):.1f} ms (CPU time of the process, all its threads: "
        f"p50 {percentile(CPU_TIMES, 50):.1f} ms, p95 {percentile(CPU_TIMES, 95):.1f} ms; above the wall clock when "
        "a second thread works or spins, below it when the process waits for a core)"
    )


def lexical_rankings(claims: dict, queries: dict, lexical: BM25Index | None = None) -> dict:
    if lexical is None:
        lexical = BM25Index()
        lexical.add((i, prepare(t)) for i, t in claims.items())
    return {q: [i for i, _ in lexical.candidates(prepare(t), 100)] for q, t in queries.items()}


def breakdown(matcher: Matcher, queries: dict) -> str:
    """p50 of the parts of a match: embedding the query, the lexical stage, the exhaustive dense search."""
    parts = {"embed": [], "lexical": [], "dense": []}
    for text in queries.values():
        text = prepare(text)
        started = time.perf_counter()
        vector = matcher.embed([text])[0]
        parts["embed"].append(time.perf_counter() - started)
        started = time.perf_counter()
        matcher.lexical.candidates(text, matcher.lexical_k)
        parts["lexical"].append(time.perf_counter() - started)
        started = time.perf_counter()
        matcher.semantic.search(vector, matcher.semantic_k)
        parts["dense"].append(time.perf_counter() - started)
    return ", ".join(f"{name} p50 {percentile(v, 50) * 1000:.1f} ms" for name, v in parts.items())


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else float("nan")


def calibration_samples(matches: dict, queries: dict, qrels: dict, field: str):
    """Per query: the gold's score when it is ranked first (a true auto-link), and the best non-gold score (what
    would be linked if the gold were not in the archive: a realistic near-miss)."""
    positives, negatives = [], []
    for qid, found in matches.items():
        gold = qrels.get(qid, set())
        long_enough = word_count(queries[qid]) >= MIN_CONFIRM_WORDS
        values = [(m.id in gold, getattr(m, field)) for m in found]
        if values and values[0][0]:
            positives.append((values[0][1], long_enough))
        wrong = [v for g, v in values if not g]
        if wrong:
            negatives.append((max(wrong), long_enough))
    return positives, negatives


def rates(positives, negatives, threshold: float, long_only: bool = False):
    pos = [v for v, long in positives if long or not long_only]
    neg = [v for v, long in negatives if long or not long_only]
    tpr = sum(v >= threshold for v in pos) / max(len(pos), 1)
    fpr = sum(v >= threshold for v in neg) / max(len(neg), 1)
    return tpr, fpr


def choose_thresholds(positives, negatives, suggest_recall=0.95, confirm_fpr=0.01) -> Thresholds:
    """suggest: the highest value that still keeps ``suggest_recall`` of the true first-ranked matches;
    confirm: the lowest value at which at most ``confirm_fpr`` of the near-misses of texts with >= 8 words pass."""
    pos = sorted(v for v, _ in positives)
    suggest = pos[int((1 - suggest_recall) * len(pos))] if pos else 1.0
    neg_long = sorted((v for v, long in negatives if long), reverse=True)
    allowed = int(confirm_fpr * len(neg_long))
    confirm = (neg_long[allowed] + 1e-4) if len(neg_long) > allowed else suggest
    return Thresholds(suggest=round(suggest, 3), confirm=round(max(confirm, suggest), 3))


def calibrate(data: Path, split: str, check: str) -> None:
    claims, queries, qrels = load(data, split)
    _, check_queries, check_qrels = load(data, check)
    qvec = query_vectors(queries)
    cvec = query_vectors(check_queries)
    print(f"calibrating on {split} ({len(queries)} queries), checking on {check} ({len(check_queries)})")
    best = None
    base = build(claims, 0.0)
    for weight in (0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3):
        base.lexical_weight = weight
        rankings, _, _ = run_queries(base, queries, vectors=qvec)
        result = scores(rankings, qrels)
        print(f"  lexical_weight={weight:<5} map5={result['map5']:.4f} mrr={result['mrr']:.4f}")
        if best is None or result["map5"] > best[1] + 1e-9:
            best = (weight, result["map5"])
    base.lexical_weight = best[0]
    print(f"chosen lexical_weight={best[0]} (map5 {best[1]:.4f} on {split})")
    _, matches, _ = run_queries(base, queries, vectors=qvec)
    _, check_matches, _ = run_queries(base, check_queries, vectors=cvec)
    for field in ("semantic", "score"):
        pos, neg = calibration_samples(matches, queries, qrels, field)
        chosen = choose_thresholds(pos, neg)
        cpos, cneg = calibration_samples(check_matches, check_queries, check_qrels, field)
        print(f"{textmodels.MODEL_KEY} on {field}: {chosen}")
        for name, t, long_only in (("suggest", chosen.suggest, False), ("confirm", chosen.confirm, True)):
            tpr, fpr = rates(pos, neg, t, long_only)
            ctpr, cfpr = rates(cpos, cneg, t, long_only)
            print(f"  {name} {t}: {split} recall {tpr:.3f} near-miss pass {fpr:.3f}; {check} {ctpr:.3f} / {cfpr:.3f}")
    lexical_only = Matcher(embed=False)
    lexical_only.add(FactCheck(i, t, "en") for i, t in claims.items())
    _, lmatches, _ = run_queries(lexical_only, queries)
    _, lcheck, _ = run_queries(lexical_only, check_queries)
    pos, neg = calibration_samples(lmatches, queries, qrels, "score")
    chosen = choose_thresholds(pos, neg)
    cpos, cneg = calibration_samples(lcheck, check_queries, check_qrels, "score")
    print(f"{LEXICAL_KEY}: {chosen}")
    for name, t, long_only in (("suggest", chosen.suggest, False), ("confirm", chosen.confirm, True)):
        tpr, fpr = rates(pos, neg, t, long_only)
        ctpr, cfpr = rates(cpos, cneg, t, long_only)
        print(f"  {name} {t}: {split} recall {tpr:.3f} near-miss pass {fpr:.3f}; {check} {ctpr:.3f} / {cfpr:.3f}")


def golden(path: Path, claims: dict) -> None:
    """MAP@5 of the Indonesian claims of ``path`` against their English and Indonesian fact-checks, each set
    indexed among the verified claims of the CheckThat! set as distractors."""
    rows = [r for r in read_tsv(path) if len(r) >= 4]
    queries = {r[0]: r[1] for r in rows}
    for column, lang in ((2, "en"), (3, "id")):
        targets = {f"gold-{r[0]}": r[column] for r in rows}
        index = {**claims, **targets}
        matcher = build(index)
        qrels = {r[0]: {f"gold-{r[0]}"} for r in rows}
        rankings, matches, _ = run_queries(matcher, queries, vectors=query_vectors(queries))
        result = scores(rankings, qrels)
        lex = scores(lexical_rankings(index, queries), qrels)
        th = thresholds_for(matcher.model_key)
        top = [found[0] for found in matches.values() if found]
        suggested = sum(m.decision is not None and m.id.startswith("gold-") for m in top) / len(rows)
        print(
            f"golden ID->{lang.upper()}: {len(rows)} pairs among {len(index)} fact-checks: map5={result['map5']:.3f} "
            f"p1={result['p1']:.3f} lexical_map5={lex['map5']:.3f}; right match at >= suggest ({th.suggest}) "
            f"for {suggested:.2f}"
        )


class AppMatcher:
    """The app's own path (``--db``): the verified claims stored as external fact-checks of a project, embedded by
    ``checked_before.embed_pending`` (with the cached vectors standing in for the model) and matched by
    ``checked_before``, on the database of ``DATABASE_URL`` (PostgreSQL: full-text search and pg_trgm; SQLite:
    BM25 in the process). Ids are the verified claims' ids."""

    def __init__(self):
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
        django.setup()
        from django.db import connection

        from annotations import checked_before
        from annotations.models import Project

        self.cb = checked_before
        self.vendor = connection.vendor
        self.project = Project.objects.create(name="Matching benchmark", slug=f"matching-{os.getpid()}")
        self.vectors: dict[str, np.ndarray] = {}
        self.ids: dict[int, str] = {}
        self.count = 0

        def embed(texts, kind="query"):
            if all(t in self.vectors for t in texts):  # fact-checks being stored: their cached vectors
                return np.vstack([self.vectors[t] for t in texts])
            return textmodels.embed(texts, kind)  # a query: the model, every time

        checked_before._embed = embed
        self.embed = embed

    def add(self, items: list[FactCheck], vectors: np.ndarray) -> None:
        from annotations.models import ExternalFactCheck

        for item, vector in zip(items, vectors, strict=True):
            self.vectors[prepare(item.text)] = vector
        rows = [
            ExternalFactCheck(project=self.project, key=str(item.id), claim_reviewed=item.text, language="en")
            for item in items
        ]
        for row in ExternalFactCheck.objects.bulk_create(rows, batch_size=2000):
            self.ids[row.pk] = row.key
        while self.cb.embed_pending(limit=5000):
            pass
        self.count += len(items)

    def __len__(self) -> int:
        return self.count

    def analyze(self) -> None:
        """What autovacuum does after a bulk load (the planner's statistics)."""
        if self.vendor == "postgresql":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE annotations_embedding")

    @property
    def lexical(self):
        return self.cb.matcher_for(self.project).lexical

    @property
    def semantic(self):
        return self.cb.matcher_for(self.project).semantic

    @property
    def lexical_k(self):
        return self.cb.matcher_for(self.project).lexical_k

    @property
    def semantic_k(self):
        return self.cb.matcher_for(self.project).semantic_k

    def match(self, text: str, k: int = 5, query_vector=None):
        found = self.cb._match(self.project, text, k, query_vector=query_vector)
        return [dataclasses.replace(m, id=self.ids[m.id[1]]) for m in found if m.id[0] == "fact_check"]


def app_lexical_rankings(matcher: AppMatcher, queries: dict) -> dict:
    lexical = matcher.lexical
    return {
        q: [matcher.ids[i[1]] for i, _ in lexical.candidates(prepare(t), 100) if i[0] == "fact_check"]
        for q, t in queries.items()
    }


def run_db(args, claims, queries, qrels) -> None:
    matcher = AppMatcher()
    print(f"database: {matcher.vendor}")
    started = time.perf_counter()
    ids = list(claims)
    matcher.add([FactCheck(i, claims[i], "en") for i in ids], claim_vectors([claims[i] for i in ids]))
    print(f"stored and embedded through the app in {time.perf_counter() - started:.1f} s")
    matcher.analyze()
    matcher.match("warm up the model", k=5)
    rankings, _, times = run_queries(matcher, queries)
    result = scores(rankings, qrels)
    lexical = scores(app_lexical_rankings(matcher, queries), qrels)
    print(
        f"{args.split}: MAP@1 {result['map1']:.4f}  MAP@5 {result['map5']:.4f}  MRR {result['mrr']:.4f}  "
        f"P@1 {result['p1']:.4f}  lexical MAP@5 {lexical['map5']:.4f}"
    )
    print(latency_line(len(matcher), times))
    p95 = percentile(times, 95)
    if args.scale and args.scale > len(matcher):
        started = time.perf_counter()
        vectors = claim_vectors(list(claims.values()))
        rng, nrng = random.Random(7), np.random.default_rng(7)
        done, need = 0, args.scale - len(matcher)
        while done < need:
            n = min(10_000, need - done)
            picks = [rng.randrange(len(ids)) for _ in range(n)]
            items = [FactCheck(f"copy{done + j}", perturb(claims[ids[p]], rng), "en") for j, p in enumerate(picks)]
            noisy = vectors[picks] + nrng.normal(0, 0.0247, (n, vectors.shape[1])).astype(np.float32)
            matcher.add(items, noisy / np.linalg.norm(noisy, axis=1, keepdims=True))
            done += n
        print(f"padded to {len(matcher)} fact-checks with perturbed copies in {time.perf_counter() - started:.1f} s")
        matcher.analyze()
        started = time.perf_counter()
        matcher.match("warm up the indexes", k=5)
        print(f"loaded into the process in {time.perf_counter() - started:.1f} s")
        _, _, times = run_queries(matcher, queries)
        p95 = percentile(times, 95)
        print(latency_line(len(matcher), times))
        print("  of which: " + breakdown(matcher, queries))
        typed = {q: " ".join(t.split()[:4]) for q, t in queries.items()}
        _, _, typing = run_queries(matcher, typed)
        print(f"  a statement being typed (its first 4 words): p50 {percentile(typing, 50):.1f} ms, "
              f"p95 {percentile(typing, 95):.1f} ms")  # fmt: skip
    print(
        f"RESULT matching map5={result['map5']:.4f} map1={result['map1']:.4f} mrr={result['mrr']:.4f} "
        f"p1={result['p1']:.4f} lexical_map5={lexical['map5']:.4f} p95_ms={p95:.1f} fact_checks={len(matcher)} "
        f"db={matcher.vendor}"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval" / "claim-retrieval-en"))
    parser.add_argument("--split", default="test")
    parser.add_argument("--scale", type=int, default=0, help="pad the index to this many fact-checks for latency")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--check", default="test")
    parser.add_argument("--golden", default=str(ROOT / "tests" / "data" / "matching-id.tsv"))
    parser.add_argument("--db", action="store_true", help="through the app and the database of DATABASE_URL")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if args.calibrate:
        calibrate(data, args.split, args.check)
        return
    claims, queries, qrels = load(data, args.split)
    print(f"{len(claims)} verified claims, {len(queries)} {args.split} queries, model {textmodels.MODEL_KEY}")
    if args.db:
        run_db(args, claims, queries, qrels)
        return
    started = time.perf_counter()
    matcher = build(claims)
    print(f"indexed in {time.perf_counter() - started:.1f} s")
    matcher.match("warm up the model", k=5)
    rankings, _, times = run_queries(matcher, queries)
    result = scores(rankings, qrels)
    lexical = scores(lexical_rankings(claims, queries, matcher.lexical), qrels)
    p95 = percentile(times, 95)
    print(
        f"{args.split}: MAP@1 {result['map1']:.4f}  MAP@5 {result['map5']:.4f}  MRR {result['mrr']:.4f}  "
        f"P@1 {result['p1']:.4f}  lexical MAP@5 {lexical['map5']:.4f}"
    )
    print(latency_line(len(matcher), times))
    if Path(args.golden).exists():
        golden(Path(args.golden), claims)
    fact_checks = len(matcher)
    if args.scale and args.scale > len(matcher):
        started = time.perf_counter()
        vectors = claim_vectors(list(claims.values()))
        scale_to(matcher, claims, vectors, args.scale)
        print(f"padded to {len(matcher)} fact-checks with perturbed copies in {time.perf_counter() - started:.1f} s")
        matcher.match("warm up the indexes", k=5)
        _, _, times = run_queries(matcher, queries)
        p95 = percentile(times, 95)
        fact_checks = len(matcher)
        print(latency_line(fact_checks, times))
        print("  of which: " + breakdown(matcher, queries))
    print(
        f"RESULT matching map5={result['map5']:.4f} map1={result['map1']:.4f} mrr={result['mrr']:.4f} "
        f"p1={result['p1']:.4f} lexical_map5={lexical['map5']:.4f} p95_ms={p95:.1f} fact_checks={fact_checks}"
    )


if __name__ == "__main__":
    main()

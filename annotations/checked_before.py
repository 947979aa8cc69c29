""" "Checked before?": a claim, or a free text, matched against the work of one project.

Candidates are the project's own claims (published fact-checks and claims being checked; never a duplicate,
a claim found not checkable, or anything of another project) and the fact-checks of other publishers the
project imported (``ExternalFactCheck``). Ranking and thresholds are those of :mod:`annotations.matching`
(BM25 candidates, dense re-rank, "suggest" and "confirm" calibrated on the cosine): only matches at or above
"suggest" are returned, and the app links a claim by itself only above "confirm", for texts of at least
``MIN_CONFIRM_WORDS`` words, where the project turned ``auto_link_matches`` on (:func:`auto_link`).

Vectors are computed once per text by the ``embed_texts`` task (:func:`embed_pending`) and stored in
``Embedding`` rows; a request embeds at most the one text it asks about (a claim whose vector is not computed
yet, or a free text). Each process keeps the matcher of a project in memory (its vectors as one float32
matrix): a request asks the database for the project's ``matching_revision`` only, which every write of vectors
raises (:func:`_next_revisions`), and a process that is behind loads the vectors written since, not the archive.

The lexical stage runs where the texts are: on PostgreSQL, full-text search and ``pg_trgm`` on
``Embedding.text`` (:class:`DatabaseLexical`, nothing but document frequencies in the process); on SQLite,
the in-process BM25 of :mod:`annotations.matching.lexical` over the same texts.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import permissions, textmodels
from .factchecks.ratings import classify_label
from .matching import (
    CLUSTER_THRESHOLD,
    CONFIRM,
    FactCheck,
    Matcher,
    clusters,
    embed_stale,
    fingerprint,
    prepare,
    unpack,
)
from .matching import auto_link as choose_auto_link
from .matching.lexical import STOPWORDS
from .models import Claim, ClaimStatus, Embedding, ExternalFactCheck, Project, Verdict, VerdictClass

# Items embedded per task; a full batch queues the next one (tasks.embed_texts).
BATCH = 256
# Matches a panel or an API answer shows.
TOP = 5
# The desk claims a text can match: fact-checked, or being checked.
CANDIDATE_STATUSES = frozenset(
    {ClaimStatus.OPEN, ClaimStatus.IN_PROGRESS, ClaimStatus.IN_REVIEW, ClaimStatus.PUBLISHED}
)
# The projects whose matcher a process keeps in memory (a matrix of 1,536 bytes per text each: 154 MB for a
# project of 100,000 claims and fact-checks).
CACHED_PROJECTS = 4
# How many of a project's newest claims the clusters page groups.
CLUSTER_LIMIT = 5000


class MatchKind(models.TextChoices):
    DESK_VERDICT = "desk_verdict", _("Published by the desk")
    DESK_CLAIM = "desk_claim", _("Claim of the desk, not yet published")
    FACT_CHECK = "fact_check", _("Fact-check by another publisher")


class Decision(models.TextChoices):
    CONFIRM = "confirm", _("Very likely the same claim")
    SUGGEST = "suggest", _("Possibly the same claim")


def claim_text(claim) -> str:
    """What is embedded of a claim: its statement, else its quote."""
    return (claim.statement or "").strip() or claim.quote


def fact_check_text(fact_check) -> str:
    return (fact_check.claim_reviewed or "").strip() or (fact_check.headline or "").strip()


def citation(fact_check) -> dict:
    """Another publisher's fact-check as a source of a verdict (the evidence fields)."""
    text = fact_check_text(fact_check)
    title = f"{fact_check.publisher_name or '?'}: {fact_check.headline or text}"
    quote = f"{fact_check.rating_label} — {text}" if fact_check.rating_label else text
    return {"url": fact_check.url, "title": title[:500], "quote": quote, "kind": "secondary"}


def _embed(texts):
    # Looked up at each call, so that a process (or a test) that replaces the model is followed.
    return textmodels.embed(texts)


# Stored vectors ---------------------------------------------------------------------------------------------


def pending_claims(model_key=None):
    """Claims without a vector of the current model, or changed since theirs was stored."""
    model_key = model_key or textmodels.MODEL_KEY
    return Claim.objects.filter(
        Q(embedding__isnull=True)
        | Q(embedding__updated_at__lt=F("updated_at"))
        | (Q(embedding__isnull=False) & ~Q(embedding__model_key=model_key))
    )


def pending_fact_checks(model_key=None):
    model_key = model_key or textmodels.MODEL_KEY
    return ExternalFactCheck.objects.exclude(claim_reviewed="", headline="").filter(
        Q(embedding__isnull=True) | (Q(embedding__isnull=False) & ~Q(embedding__model_key=model_key))
    )


def _store(objects, text_of, field_name, model_key, now):
    """Embed the objects whose stored fingerprint is not that of their text; those that had no vector at all
    before."""
    stored, first = {}, set()
    for obj in objects:
        embedding = getattr(obj, "embedding", None)
        stored[obj.pk] = embedding.fingerprint if embedding and embedding.model_key == model_key else None
        if embedding is None:
            first.add(obj.pk)
    new = embed_stale([(obj.pk, text_of(obj)) for obj in objects], stored, embed=_embed, model_key=model_key)
    written = [obj for obj in objects if obj.pk in new]
    with transaction.atomic():
        revisions = _next_revisions({obj.project_id for obj in written})
        rows = [
            Embedding(project_id=obj.project_id, model_key=model_key, fingerprint=new[obj.pk][0],
                      vector=new[obj.pk][1], text=prepare(text_of(obj)), revision=revisions[obj.project_id],
                      updated_at=now, **{field_name: obj})
            for obj in written
        ]  # fmt: skip
        # Two workers may embed the same text: the second write replaces the first, never duplicates it.
        Embedding.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=[field_name],
            update_fields=["model_key", "fingerprint", "vector", "text", "revision", "updated_at"],
        )  # fmt: skip
    unchanged = [obj.pk for obj in objects if obj.pk not in new]
    if unchanged:  # a claim taken or published: same text, nothing to embed
        Embedding.objects.filter(**{f"{field_name}__in": unchanged}).update(updated_at=now)
    return [obj for obj in objects if obj.pk in first]


def _next_revisions(project_ids) -> dict:
    """Raise the matching revision of these projects, inside the caller's transaction: the row lock orders
    the writers of a project, so a process that has loaded revision r has every vector written up to r."""
    revisions = {}
    for project_id in sorted(project_ids):  # one order for every writer: no deadlock
        Project.objects.filter(pk=project_id).update(matching_revision=F("matching_revision") + 1)
        revisions[project_id] = Project.objects.values_list("matching_revision", flat=True).get(pk=project_id)
    return revisions


def embed_pending(limit=BATCH) -> int:
    """Store the vectors of up to ``limit`` claims and fact-checks that need one; how many were looked at.

    Idempotent: a text whose vector is stored with its fingerprint is not embedded again. New open claims
    of projects with ``auto_link_matches`` are then linked to the desk claim they repeat, if any
    (:func:`auto_link`)."""
    model_key = textmodels.MODEL_KEY
    now = timezone.now()
    claims = list(pending_claims(model_key).select_related("embedding", "project").order_by("id")[:limit])
    # Never older than the claims it covers, even on a clock behind the web server's: else they stay pending.
    now = max([now, *(claim.updated_at for claim in claims)])
    new_claims = _store(claims, claim_text, "claim", model_key, now)
    fact_checks = []
    if len(claims) < limit:
        fact_checks = list(
            pending_fact_checks(model_key).select_related("embedding").order_by("id")[: limit - len(claims)]
        )
        _store(fact_checks, fact_check_text, "fact_check", model_key, now)
    # A new claim only: one a person edited after seeing its matches is theirs to link.
    for claim in new_claims:
        if claim.status == ClaimStatus.OPEN and permissions.can_link_automatically(claim.project):
            auto_link(claim)
    return len(claims) + len(fact_checks)


# Matching ---------------------------------------------------------------------------------------------------


@dataclass
class Result:
    """One match as a person (or the API) sees it."""

    kind: str
    text: str
    score: float
    similarity: float | None
    decision: str
    language: str = ""
    rating: str = ""
    verdict_class: str = VerdictClass.UNRATED
    publisher: str = ""
    date: object = None
    url: str = ""
    claim: Claim | None = None
    verdict: Verdict | None = None
    fact_check: ExternalFactCheck | None = None
    evidence: list = field(default_factory=list)

    @property
    def kind_label(self):
        return MatchKind(self.kind).label

    @property
    def decision_label(self):
        return Decision(self.decision).label

    @property
    def claim_id(self):
        return self.claim.pk if self.claim else None

    @property
    def verdict_id(self):
        return self.verdict.pk if self.verdict else None

    @property
    def fact_check_id(self):
        return self.fact_check.pk if self.fact_check else None


# The lexical stage in the database (PostgreSQL) ------------------------------------------------------------

_TERM = re.compile(r"[^\W_]+", re.UNICODE)


class DatabaseLexical:
    """The lexical stage on PostgreSQL: full-text search and ``pg_trgm`` on the project's stored texts.

    ``Embedding.text`` is what was embedded; the migration gives it a generated ``search_vector``
    (``to_tsvector('simple', text)``: claims and fact-checks come in every language) with a GIN index, and a GIN
    trigram index. A query is scored on the database, candidates and all, and nothing but document frequencies
    (``ts_stat``, one row per word) is kept in the process:

    - **full-text**: the query's words (``lexical.STOPWORDS`` left out) that the project's texts contain, rarest
      first, at most :attr:`max_terms` of them and as many as match at most :attr:`row_budget` rows together
      (the rarest always): ``search_vector @@ 'w1' | 'w2' | ...`` through the GIN index, ranked by the sum of
      the idf (BM25's) of the words a text holds, divided by that of all the query's informative words (a word
      no text has counts as missing): a score in [0, 1] comparable between queries. Common words would match
      most of the archive and add little that the dense stage does not find (at 100,000 fact-checks, ranking
      every word cost p50 52 ms for a lexical MAP@5 of 0.81, the budget p50 3-19 ms for 0.74; BM25 0.85);
    - **trigram**: a short text (at most :attr:`trigram_words` words, such as a statement being typed) of
      which no word matched gets candidates by ``word_similarity`` (``<%``, the GIN trigram index), a typo or an
      unfinished word included. Not for longer texts: at 100,000 texts, a trigram search cost p50 110 ms.

    Same interface as :class:`~annotations.matching.BM25Index` (``add``/``remove`` are no-ops: the database
    holds the texts; :meth:`learn` adds the document frequencies of newly stored texts).
    """

    key = "lexical-postgres"
    max_terms = 12
    row_budget = 3000
    trigram_words = 6
    trigram_threshold = 0.5

    def __init__(self, project_id, model_key):
        self.project_id = int(project_id)
        self.model_key = model_key
        self.df: dict[str, int] = {}
        self.n = 0

    def learn(self, after_revision=-1):
        """Document frequencies of the texts stored after ``after_revision`` (all, by default)."""
        inner = (
            f"SELECT search_vector FROM annotations_embedding WHERE project_id = {self.project_id:d} "
            f"AND revision > {int(after_revision):d} AND model_key = {_literal(self.model_key)}"
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [inner])
            for word, ndoc in cursor.fetchall():
                self.df[word] = self.df.get(word, 0) + ndoc
            cursor.execute(
                "SELECT count(*) FROM annotations_embedding WHERE project_id = %s AND revision > %s AND model_key = %s",
                [self.project_id, after_revision, self.model_key],
            )
            self.n += cursor.fetchone()[0]

    def add(self, items):
        pass

    def remove(self, ids):
        pass

    def _idf(self, df):
        return math.log1p((self.n - df + 0.5) / (df + 0.5))

    def candidates(self, query, k):
        words = [
            w
            for w in dict.fromkeys(_TERM.findall(query.casefold()))
            if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
        ]
        if not words or k <= 0:
            return []
        known = sorted((w for w in words if self.df.get(w)), key=lambda w: self.df[w])
        chosen, rows = [], 0
        for word in known[: self.max_terms]:
            if chosen and rows + self.df[word] > self.row_budget:
                break
            chosen.append(word)
            rows += self.df[word]
        unseen = self._idf(0)
        best = sum(self._idf(self.df[w]) for w in chosen) + unseen * sum(1 for w in words if not self.df.get(w))
        found = {}
        if chosen:
            weights = [self._idf(self.df[w]) / best for w in chosen]
            score = " + ".join("(CASE WHEN search_vector @@ %s::tsquery THEN %s ELSE 0 END)" for _ in chosen)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT claim_id, fact_check_id, {score} AS score FROM annotations_embedding "
                    "WHERE project_id = %s AND model_key = %s AND search_vector @@ %s::tsquery "
                    "ORDER BY score DESC, id LIMIT %s",
                    [*(p for w, weight in zip(chosen, weights, strict=True) for p in (_lexeme(w), weight)),
                     self.project_id, self.model_key, " | ".join(_lexeme(w) for w in chosen), k],
                )  # fmt: skip
                found = {_key(c, f): min(float(score), 1.0) for c, f, score in cursor.fetchall()}
        if not found and len(words) <= self.trigram_words:
            # The operator's threshold (pg_trgm's default 0.6 misses a typo in a short text), for this
            # transaction only.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(self.trigram_threshold)]
                )
                cursor.execute(
                    "SELECT claim_id, fact_check_id, word_similarity(%s, text) AS score FROM annotations_embedding "
                    "WHERE project_id = %s AND model_key = %s AND %s <%% text ORDER BY score DESC, id LIMIT %s",
                    [query, self.project_id, self.model_key, query, k],
                )
                found = {_key(c, f): float(score) for c, f, score in cursor.fetchall()}
        return sorted(found.items(), key=lambda item: -item[1])


def _lexeme(word):
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def _literal(value):
    return "'" + str(value).replace("'", "''") + "'"


def _key(claim_id, fact_check_id):
    return ("claim", claim_id) if claim_id else ("fact_check", fact_check_id)


# The matcher of a project, kept in each process -------------------------------------------------------------

_lock = threading.RLock()
_matchers: dict[int, tuple[int, Matcher]] = {}


def clear_cache():
    with _lock:
        _matchers.clear()


def stored_vectors(project):
    return Embedding.objects.filter(project=project, model_key=textmodels.MODEL_KEY)


def _load(matcher, project, after_revision):
    """Add to ``matcher`` the project's vectors stored after ``after_revision`` (a new or edited text replaces
    its old vector)."""
    rows = (
        stored_vectors(project)
        .filter(revision__gt=after_revision)
        .values_list("claim_id", "claim__article__language", "fact_check_id", "fact_check__language", "text", "vector")
    )
    database = isinstance(matcher.lexical, DatabaseLexical)
    items, vectors = [], []
    for claim_id, claim_language, fc_id, fc_language, text, vector in rows.iterator(chunk_size=5000):
        key, language = (("claim", claim_id), claim_language) if claim_id else (("fact_check", fc_id), fc_language)
        items.append(FactCheck(key, "" if database else text, language or ""))
        vectors.append(unpack(bytes(vector), textmodels.DIM))
    if items:
        matcher.add(items, np.vstack(vectors))
        # Builds the indexes' arrays here, so that matches only read them.
        if database:
            matcher.lexical.learn(after_revision)
            matcher.semantic.search(vectors[0], 1)
        else:
            matcher.match(items[0].text, 1, query_vector=vectors[0])


def matcher_for(project) -> Matcher:
    """The project's stored vectors in a :class:`Matcher`, kept in the process: a request costs one query for
    the project's matching revision, and loads only the vectors written since the process last looked."""
    revision = Project.objects.values_list("matching_revision", flat=True).get(pk=project.pk)
    with _lock:
        cached = _matchers.get(project.pk)
        if cached and cached[0] == revision:
            return cached[1]
        if cached:
            matcher, after = cached[1], cached[0]
        else:
            lexical = DatabaseLexical(project.pk, textmodels.MODEL_KEY) if connection.vendor == "postgresql" else None
            matcher = Matcher(embed=_embed, dim=textmodels.DIM, model_key=textmodels.MODEL_KEY, lexical=lexical)
            after = -1
        _load(matcher, project, after)
        _matchers.pop(project.pk, None)
        _matchers[project.pk] = (revision, matcher)
        while len(_matchers) > CACHED_PROJECTS:
            _matchers.pop(next(iter(_matchers)))
    return matcher


def _match(project, text, k, **options):
    with _lock:  # a thread never reads a matcher that another one is loading new vectors into
        return matcher_for(project).match(text, k, **options)


def _results(project, matches, k) -> list[Result]:
    """Matches with a decision, as Results, of objects of ``project`` that are still candidates; best first."""
    matches = [m for m in matches if m.decision]
    claim_ids = [m.id[1] for m in matches if m.id[0] == "claim"]
    fact_check_ids = [m.id[1] for m in matches if m.id[0] == "fact_check"]
    # Scoped again by project: a stale cache can never show another project's work.
    claims = Claim.objects.filter(project=project, pk__in=claim_ids, status__in=CANDIDATE_STATUSES)
    claims = {c.pk: c for c in claims.select_related("article")}
    verdicts = Verdict.objects.filter(claim__in=list(claims), is_current=True).select_related("rating")
    verdicts = {v.claim_id: v for v in verdicts.prefetch_related("evidence")}
    fact_checks = {f.pk: f for f in ExternalFactCheck.objects.filter(project=project, pk__in=fact_check_ids)}
    results = []
    publisher = project.publisher_name or project.name
    for match in matches:
        kind, pk = match.id
        similarity = None if match.semantic is None else round(match.semantic, 4)
        common = {"score": round(match.score, 4), "similarity": similarity, "decision": match.decision}
        if kind == "claim" and pk in claims:
            claim, verdict = claims[pk], verdicts.get(pk)
            published = claim.status == ClaimStatus.PUBLISHED and verdict is not None
            result = Result(
                kind=MatchKind.DESK_VERDICT if published else MatchKind.DESK_CLAIM, text=claim_text(claim),
                language=claim.article.language, publisher=publisher, claim=claim, verdict=verdict, **common,
            )  # fmt: skip
            if verdict and verdict.rating:
                result.rating = verdict.rating.label
                result.verdict_class = (
                    classify_label(verdict.rating.label, project.rating_labels) or VerdictClass.UNRATED
                )
            if published:
                result.date, result.url = verdict.published_at, reverse("annotations:claim_report", args=[claim.pk])
                result.evidence = list(verdict.evidence.all())
            else:
                result.date = claim.created_at
                result.url = (
                    reverse("annotations:workspace", args=[project.slug, claim.article_id]) + f"#claim-{claim.pk}"
                )
            results.append(result)
        elif kind == "fact_check" and pk in fact_checks:
            fact_check = fact_checks[pk]
            results.append(Result(
                kind=MatchKind.FACT_CHECK, text=fact_check_text(fact_check), language=fact_check.language,
                rating=fact_check.rating_label, verdict_class=fact_check.verdict_class,
                publisher=fact_check.publisher_name, date=fact_check.date_published, url=fact_check.url,
                fact_check=fact_check, **common,
            ))  # fmt: skip
        if len(results) == k:
            break
    return results


def matches_for_claim(claim, k=TOP) -> list[Result]:
    """The project's earlier work that ``claim`` repeats: at most ``k`` matches at or above "suggest", best first.

    The claim itself and the claims already linked to it as duplicates are left out."""
    text = claim_text(claim)
    stored = Embedding.objects.filter(claim=claim, model_key=textmodels.MODEL_KEY).first()
    vector = None
    if stored is not None and stored.fingerprint == fingerprint(text, textmodels.MODEL_KEY):
        vector = unpack(bytes(stored.vector), textmodels.DIM)
    exclude = {("claim", claim.pk), *(("claim", pk) for pk in claim.duplicates.values_list("pk", flat=True))}
    matches = _match(claim.project, text, 3 * k + 10, query_vector=vector, exclude=exclude)
    return _results(claim.project, matches, k)


def matches_for_text(project, text, k=TOP) -> list[Result]:
    """The project's earlier work that a free text repeats (a tipline message, say)."""
    if not text.strip():
        return []
    return _results(project, _match(project, text, 3 * k + 10), k)


def auto_link(claim) -> Claim | None:
    """Link ``claim`` as a duplicate of the earlier desk claim it repeats, without a person: only where the
    project allows it, only above "confirm", only for a text of at least ``MIN_CONFIRM_WORDS`` words
    (``matching.auto_link``). The original it was linked to, or None."""
    from . import workflow

    if not permissions.can_link_automatically(claim.project) or claim.status != ClaimStatus.OPEN:
        return None
    # Only an earlier claim can be the original: two copies marked at once are not linked to each other.
    desk = [r for r in matches_for_claim(claim) if r.claim is not None and r.claim.pk < claim.pk]
    best = choose_auto_link(claim_text(claim), [_AsMatch(r) for r in desk], enabled=True)
    if best is None or best.decision != CONFIRM:
        return None
    original = best.result.claim
    comment = f"checked before: similarity {best.result.similarity:.3f} with claim {original.pk}"
    try:
        workflow.claim_mark_duplicate(claim=claim, user=None, original=original, comment=comment, automatic=True)
    except workflow.REFUSALS:
        return None  # taken, edited or linked by a person meanwhile
    return original


@dataclass(frozen=True)
class _AsMatch:
    """A Result as the core's ``auto_link`` reads a match (its score and decision)."""

    result: Result

    @property
    def score(self):
        return self.result.score

    @property
    def decision(self):
        return self.result.decision


# Clusters ---------------------------------------------------------------------------------------------------


@dataclass
class Cluster:
    claims: list
    weeks: list  # [(monday, count)], oldest first, every week from the first claim to the last

    @property
    def leader(self):
        return self.claims[0]

    @property
    def first_seen(self):
        return self.claims[0].created_at

    @property
    def last_seen(self):
        return max(c.created_at for c in self.claims)


def _monday(moment):
    day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return day - timedelta(days=day.weekday())


def claim_clusters(project, *, threshold=CLUSTER_THRESHOLD, min_size=2, limit=CLUSTER_LIMIT) -> list[Cluster]:
    """The project's claims grouped by meaning (``matching.clusters``), the largest group first, with how many
    of its claims came each week. Claims without a stored vector yet are not counted; groups smaller than
    ``min_size`` are left out."""
    rows = list(
        stored_vectors(project).filter(claim__isnull=False).order_by("-claim__created_at", "-claim_id")
        .values_list("claim_id", "vector")[:limit]
    )[::-1]  # fmt: skip
    if not rows:
        return []
    ids = [claim_id for claim_id, _ in rows]
    vectors = np.vstack([unpack(bytes(vector), textmodels.DIM) for _, vector in rows])
    groups = [group for group in clusters(ids, vectors, threshold) if len(group) >= min_size]
    wanted = [pk for group in groups for pk in group]
    claims = Claim.objects.filter(project=project, pk__in=wanted).select_related("article")
    claims = {c.pk: c for c in claims.with_current_verdict().annotate(rating_label=F("current__rating__label"))}
    result = []
    for group in groups:
        members = [claims[pk] for pk in group if pk in claims]
        if len(members) < min_size:
            continue
        counts = Counter(_monday(c.created_at) for c in members)
        week, last, weeks = min(counts), max(counts), []
        while week <= last:
            weeks.append((week, counts.get(week, 0)))
            week += timedelta(days=7)
        result.append(Cluster(claims=members, weeks=weeks))
    return result

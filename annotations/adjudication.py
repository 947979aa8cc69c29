"""How the annotators' claims on an independently annotated article line up:
groups of claims that match one another (the same span, or overlapping by
half at least, as ``agreement.match_spans`` matches them one to one between
two annotators), and the claims only one annotator marked. The adjudication
page shows these groups; ``workflow.article_adjudicate`` keeps at most one
claim of each."""

import itertools
from dataclasses import dataclass, field
from datetime import timedelta


class Kind:
    EXACT = "exact"  # every annotator of the group marked the same span
    OVERLAP = "overlap"  # they overlap by half or more, not exactly
    SINGLE = "single"  # only one annotator marked it


@dataclass
class Group:
    claims: list = field(default_factory=list)

    @property
    def kind(self):
        if len(self.claims) == 1:
            return Kind.SINGLE
        spans = {(c.start, c.end) for c in self.claims}
        return Kind.EXACT if len(spans) == 1 else Kind.OVERLAP

    @property
    def start(self):
        return min(c.start for c in self.claims)


def groups(claims) -> list[Group]:
    """The claims in groups of matches between annotators, in text order.
    Matches are one to one per pair of annotators; a group joins the matches
    of every pair (so three annotators who marked the same sentence make one
    group of three)."""
    from . import agreement  # numpy: loaded where agreement is measured, not in every process

    by_annotator = {}
    for claim in claims:
        by_annotator.setdefault(claim.created_by_id, []).append(claim)
    parent = {claim.pk: claim.pk for claim in claims}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for a, b in itertools.combinations(sorted(by_annotator, key=str), 2):
        left, right = by_annotator[a], by_annotator[b]
        spans_a = [(c.start, c.end) for c in left]
        spans_b = [(c.start, c.end) for c in right]
        for i, j, _ in agreement.match_spans(spans_a, spans_b, mode="overlap"):
            parent[root(left[i].pk)] = root(right[j].pk)
    found = {}
    for claim in sorted(claims, key=lambda c: (c.start, c.end, c.pk)):
        found.setdefault(root(claim.pk), Group()).claims.append(claim)
    return sorted(found.values(), key=lambda g: (g.start, g.claims[0].pk))


# Agreement, stored ----------------------------------------------------------


def _finished_articles(project):
    """Each independently annotated article of the project whose annotators
    have all finished, as ``agreement`` reads it, with the Monday of the
    week the last of them finished."""
    from django.db.models import Count, Max, Q
    from django.db.models.functions import Length

    from .models import Article, ArticleAssignment, Claim, IndependentState

    articles = (
        Article.objects.filter(project=project)
        .exclude(independent=IndependentState.OFF)
        .annotate(
            length=Length("text"),
            pending=Count("assignments", filter=Q(assignments__done_at__isnull=True)),
            finished=Max("assignments__done_at"),
        )
        .filter(pending=0, finished__isnull=False)
        .values_list("id", "length", "finished")
    )
    articles = {pk: (length, finished) for pk, length, finished in articles}
    # Joins, not lists of ids: SQLite limits the parameters of one query.
    independent = Q(article__project=project) & ~Q(article__independent=IndependentState.OFF)
    annotators = {}
    for article_id, annotator_id in ArticleAssignment.objects.filter(independent).values_list(
        "article_id", "annotator_id"
    ):
        if article_id in articles:
            annotators.setdefault(article_id, {})[annotator_id] = []
    claims = Claim.objects.filter(independent).order_by("start", "end", "id")
    for row in claims.values("id", "article_id", "created_by_id", "start", "end", "claimant", "check_worthiness"):
        marked = annotators.get(row["article_id"], {}).get(row["created_by_id"])
        if marked is not None:  # claims of others (an editor's, after adjudication) are not compared
            marked.append(row)
    for pk, (length, finished) in sorted(articles.items()):
        monday = _monday(finished) if finished else None
        yield monday, {"id": pk, "length": length, "annotations": annotators.get(pk, {})}


def _monday(moment):
    return moment.date() - timedelta(days=moment.weekday())


def _adjudicated_ratings(project):
    """The independent ratings of the project's adjudicated claims (those
    still being rated or awaiting adjudication are never compared, so the
    figures say nothing of a rating before its claim is adjudicated), as
    ``(week, claim id, reviewer id, rating id)``: the week the last of the
    claim's reviewers rated in. And the scale's ratings in its order."""
    from .models import ClaimStatus, IndependentRating, Rating

    rows = list(
        IndependentRating.objects.rated()
        .filter(claim__project=project)
        .exclude(claim__status__in=ClaimStatus.RATING_INDEPENDENTLY)
        .values_list("claim_id", "reviewer_id", "rating_id", "rated_at")
    )
    last = {}
    for claim_id, _, _, rated_at in rows:
        last[claim_id] = max(rated_at, last.get(claim_id, rated_at))
    levels = list(Rating.objects.filter(project=project).order_by("order", "value", "id").values_list("id", flat=True))
    return [(_monday(last[c]), c, r, v) for c, r, v, _ in rows], levels


def compute_agreement(project):
    """Compute and store the project's agreement: over all its finished
    independent articles, per week, and per article (with what each pair of
    annotators disagreed on); and of the verdicts rated independently, over
    the project and per week. Replaces what was stored, in one transaction,
    so that running it twice leaves the same rows."""
    from django.db import transaction
    from django.utils import timezone

    from . import agreement
    from .models import Agreement, AgreementScope

    rows = list(_finished_articles(project))
    by_week = {}
    for week, article in rows:
        by_week.setdefault(week, []).append(article)
    ratings, levels = _adjudicated_ratings(project)
    ratings_by_week = {}
    for week, *rating in ratings:
        ratings_by_week.setdefault(week, []).append(rating)
    now = timezone.now()

    def stored(scope, figures, verdicts=None, **where):
        overlap, exact = figures.get("overlap") or {}, figures.get("exact") or {}
        if verdicts is not None:
            figures["verdicts"] = verdicts = agreement.verdict_agreement(verdicts, levels=levels)
        return Agreement(
            project=project, scope=scope, computed_at=now, figures=figures,
            articles=figures.get("articles", 1), exact_f1=exact.get("f1"), overlap_f1=overlap.get("f1"),
            codepoint_alpha=figures.get("codepoint_alpha"), rated_claims=verdicts["items"] if verdicts else 0,
            verdict_ordinal_alpha=verdicts and verdicts["ordinal_alpha"],
            verdict_nominal_alpha=verdicts and verdicts["nominal_alpha"], **where,
        )  # fmt: skip

    new = [stored(AgreementScope.PROJECT, agreement.project_agreement(a for _, a in rows), [r[1:] for r in ratings])]
    new += [
        stored(
            AgreementScope.WEEK,
            agreement.project_agreement(by_week.get(week, [])),
            ratings_by_week.get(week, []),
            week=week,
        )  # fmt: skip
        for week in sorted(by_week.keys() | ratings_by_week.keys())
    ]
    for _, article in rows:
        if len(article["annotations"]) < 2:
            continue
        figures = agreement.article_agreement(article)
        # The figures name claims by their index in each annotator's list: these are their ids.
        figures["claims"] = {str(k): [c["id"] for c in v] for k, v in article["annotations"].items()}
        new.append(stored(AgreementScope.ARTICLE, figures, article_id=article["id"]))
    with transaction.atomic():
        Agreement.objects.filter(project=project).delete()
        Agreement.objects.bulk_create(new)
    return len(rows)

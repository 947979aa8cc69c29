"""JSON Lines of everything: one line per article, holding its text and its
claims (offsets included), each claim with its verdict history, evidence,
comments and activity. The import reads this format back without loss
(``importers.writers.with_claims``); ``jsonl_format`` defines it."""

import json

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import jsonl_format as schema
from ..models import (
    Activity,
    Article,
    ArticleAssignment,
    ClaimStatus,
    Comment,
    Evidence,
    IndependentRating,
    IndependentState,
    Verdict,
)
from .base import CHUNK, Exporter, chunks

# A JSON Lines record carries its article's text and everything said of its
# claims: half the others' chunk keeps the worker within its memory budget
# (make bench-export), for a few more queries.
RECORDS_PER_CHUNK = CHUNK // 2


def _grouped(rows, key):
    groups = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


def _outcome(claim):
    """What adjudication made of a claim one of the article's annotators marked."""
    if claim["status"] == ClaimStatus.INDEPENDENT:
        return "pending"
    return "rejected" if claim["status"] == ClaimStatus.REJECTED else "accepted"


class JSONLExporter(Exporter):
    format = "jsonl"
    label = _("JSON Lines (everything)")
    extension = "jsonl"
    content_type = "application/x-ndjson"

    def count(self):
        return (
            Article.objects.filter(pk__in=self.claims().values("article_id")).count()
            if self.filters
            else (Article.objects.filter(project=self.project).count())
        )

    def write(self, out, progress=None):
        articles = Article.objects.filter(project=self.project).order_by("id")
        if self.filters:
            articles = articles.filter(pk__in=self.claims().values("article_id"))
        done = 0
        for chunk in chunks(
            articles.values("id", "independent", *schema.ARTICLE_FIELDS).iterator(chunk_size=RECORDS_PER_CHUNK),
            RECORDS_PER_CHUNK,
        ):
            assignments = _grouped(
                ArticleAssignment.objects.filter(article__in=[a["id"] for a in chunk])
                .order_by("id")
                .values("article_id", *schema.value_names(schema.ASSIGNMENT_FIELDS)),
                "article_id",
            )
            claims = _grouped(
                self.claims()
                .filter(article__in=[a["id"] for a in chunk])
                .order_by("article_id", "id")
                .values(
                    "id", "article_id", "duplicate_of__start", "duplicate_of__end", "duplicate_of__article__text_hash",
                    *schema.value_names(schema.CLAIM_FIELDS),
                ),
                "article_id",
            )  # fmt: skip
            claim_ids = [c["id"] for group in claims.values() for c in group]
            verdicts = _grouped(
                Verdict.objects.filter(claim__in=claim_ids)
                .order_by("version")
                .values("id", "claim_id", *schema.value_names(schema.VERDICT_FIELDS), "rating__label"),
                "claim_id",
            )
            verdict_ids = [v["id"] for group in verdicts.values() for v in group]
            # Only of adjudicated claims: before, a reviewer's rating is for nobody else to read.
            ratings = _grouped(
                IndependentRating.objects.filter(claim__in=claim_ids)
                .exclude(claim__status__in=ClaimStatus.RATING_INDEPENDENTLY)
                .order_by("id")
                .values("claim_id", *schema.value_names(schema.INDEPENDENT_RATING_FIELDS), "rating__label"),
                "claim_id",
            )
            evidence = _grouped(
                Evidence.objects.filter(verdict__in=verdict_ids)
                .order_by("order", "id")
                .values("verdict_id", *schema.EVIDENCE_FIELDS),
                "verdict_id",
            )
            comments = _grouped(
                Comment.objects.filter(Q(claim__in=claim_ids) | Q(verdict__in=verdict_ids))
                .order_by("id")
                .values("claim_id", "verdict_id", *schema.value_names(schema.COMMENT_FIELDS)),
                "claim_id",
            )
            activity = _grouped(
                Activity.objects.filter(
                    Q(object_type="claim", object_id__in=claim_ids)
                    | Q(object_type="verdict", object_id__in=verdict_ids),
                    project=self.project,
                )
                .order_by("id")
                .values("object_type", "object_id", *schema.value_names(schema.ACTIVITY_FIELDS)),
                "object_type",
            )
            claim_events = _grouped(activity.get("claim", []), "object_id")
            verdict_events = _grouped(activity.get("verdict", []), "object_id")
            verdict_comments = _grouped(comments.pop(None, []), "verdict_id")
            for article in chunk:
                record = {name: article[name] for name in schema.ARTICLE_FIELDS}
                annotators = [schema.renamed(a, schema.ASSIGNMENT_FIELDS) for a in assignments.get(article["id"], [])]
                if article["independent"] != IndependentState.OFF:
                    record["independent"] = {"state": article["independent"], "annotators": annotators}
                record["claims"] = [
                    self._claim(c, verdicts, evidence, comments, verdict_comments, claim_events, verdict_events)
                    for c in claims.get(article["id"], [])
                ]
                for claim, row in zip(record["claims"], claims.get(article["id"], []), strict=True):
                    if row["id"] in ratings:
                        claim["independent_ratings"] = [
                            schema.renamed({**r, "rating": r["rating__label"]}, schema.INDEPENDENT_RATING_FIELDS)
                            for r in ratings[row["id"]]
                        ]
                if annotators:
                    names = {a["annotator"] for a in annotators}
                    for claim in record["claims"]:
                        claim["adjudication"] = _outcome(claim) if claim["created_by"] in names else None
                out.write(json.dumps(record, ensure_ascii=False, cls=schema.Encoder).encode() + b"\n")
            done += len(chunk)
            if progress:
                progress(done)

    @staticmethod
    def _claim(claim, verdicts, evidence, comments, verdict_comments, claim_events, verdict_events):
        record = schema.renamed(claim, schema.CLAIM_FIELDS)
        record["duplicate_of"] = (
            {"article": claim["duplicate_of__article__text_hash"], "start": claim["duplicate_of__start"],
             "end": claim["duplicate_of__end"]}
            if claim["duplicate_of__start"] is not None else None
        )  # fmt: skip
        record["comments"] = [schema.renamed(c, schema.COMMENT_FIELDS) for c in comments.get(claim["id"], [])]
        record["activity"] = [schema.renamed(e, schema.ACTIVITY_FIELDS) for e in claim_events.get(claim["id"], [])]
        record["verdicts"] = []
        for verdict in verdicts.get(claim["id"], []):
            item = schema.renamed({**verdict, "rating": verdict["rating__label"]}, schema.VERDICT_FIELDS)
            item["evidence"] = [
                {name: e[name] for name in schema.EVIDENCE_FIELDS} for e in evidence.get(verdict["id"], [])
            ]
            item["comments"] = [
                schema.renamed(c, schema.COMMENT_FIELDS) for c in verdict_comments.get(verdict["id"], [])
            ]
            item["activity"] = [
                schema.renamed(e, schema.ACTIVITY_FIELDS) for e in verdict_events.get(verdict["id"], [])
            ]
            record["verdicts"].append(item)
        return record

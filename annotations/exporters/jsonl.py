"""JSON Lines of everything: one line per article, holding its text and its
claims (offsets included), each claim with its verdict history, evidence
and activity. The import reads this format back (``importers.articles``)."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from ..models import Activity, Article, Evidence, Verdict
from .base import CHUNK, Exporter, chunks

ARTICLE_FIELDS = ["id", "external_id", "title", "url", "publisher", "author", "published_at", "language", "text"]
CLAIM_FIELDS = [
    "id", "article_id", "start", "end", "quote", "statement", "claimant", "claimant_url", "claimant_type",
    "claim_date", "appearance_urls", "check_worthiness", "tags", "status", "created_by__username",
    "assignee__username", "created_at", "updated_at",
]  # fmt: skip
VERDICT_FIELDS = [
    "id", "claim_id", "version", "status", "is_current", "rating__label", "summary", "analysis",
    "author__username", "reviewed_by__username", "published_at", "correction_note", "created_at",
]  # fmt: skip
EVIDENCE_FIELDS = ["verdict_id", "url", "title", "quote", "archived_url", "accessed_at", "kind", "order"]
ACTIVITY_FIELDS = ["object_type", "object_id", "actor__username", "verb", "from_state", "to_state", "comment",
                   "created_at"]  # fmt: skip


def _rename(row, names):
    return {names.get(key, key): value for key, value in row.items()}


class JSONLExporter(Exporter):
    format = "jsonl"
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
        for chunk in chunks(articles.values(*ARTICLE_FIELDS).iterator(chunk_size=CHUNK), CHUNK):
            claims = {}
            for claim in self.claims().filter(article__in=[a["id"] for a in chunk]).values(*CLAIM_FIELDS):
                claims.setdefault(claim["article_id"], []).append(claim)
            claim_ids = [c["id"] for group in claims.values() for c in group]
            verdicts, evidence, activity = {}, {}, {}
            for verdict in Verdict.objects.filter(claim__in=claim_ids).order_by("version").values(*VERDICT_FIELDS):
                verdicts.setdefault(verdict["claim_id"], []).append(verdict)
            verdict_ids = [v["id"] for group in verdicts.values() for v in group]
            items = Evidence.objects.filter(verdict__in=verdict_ids).order_by("order", "id").values(*EVIDENCE_FIELDS)
            for item in items:
                evidence.setdefault(item["verdict_id"], []).append(item)
            for event in (
                Activity.objects.filter(project=self.project, object_type="claim", object_id__in=claim_ids)
                .order_by("id")
                .values(*ACTIVITY_FIELDS)
            ):
                activity.setdefault(event["object_id"], []).append(event)
            for article in chunk:
                record = {key: value for key, value in article.items() if key != "id"}
                record["claims"] = [self._claim(c, verdicts, evidence, activity) for c in claims.get(article["id"], [])]
                out.write(json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder).encode() + b"\n")
            done += len(chunk)
            if progress:
                progress(done)

    @staticmethod
    def _claim(claim, verdicts, evidence, activity):
        record = _rename(claim, {"created_by__username": "created_by", "assignee__username": "assignee"})
        record["verdicts"] = []
        for verdict in verdicts.get(claim["id"], []):
            item = _rename(
                verdict,
                {"rating__label": "rating", "author__username": "author", "reviewed_by__username": "reviewed_by"},
            )
            item["evidence"] = [
                {k: v for k, v in e.items() if k != "verdict_id"} for e in evidence.get(verdict["id"], [])
            ]
            for key in ("id", "claim_id"):
                item.pop(key)
            record["verdicts"].append(item)
        record["activity"] = [
            _rename({k: v for k, v in e.items() if k not in ("object_type", "object_id")}, {"actor__username": "actor"})
            for e in activity.get(claim["id"], [])
        ]
        for key in ("id", "article_id"):
            record.pop(key)
        return record

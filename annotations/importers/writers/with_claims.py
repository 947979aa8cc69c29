"""Articles that arrive with their claims, verdicts, evidence and activity:
the JSONL export of this app, read back. Users are matched by username;
ratings by label (a rating the scale lacks is added to it, retired)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from ...models import Activity, Article, Claim, Evidence, Rating, Verdict
from ..readers.records import parse_date

CLAIM_FIELDS = [
    "start", "end", "quote", "statement", "claimant", "claimant_url", "claimant_type", "appearance_urls",
    "check_worthiness", "tags", "status",
]  # fmt: skip
EVIDENCE_FIELDS = ["url", "title", "quote", "archived_url", "kind", "order"]


class _Users(dict):
    def __missing__(self, username):
        self[username] = get_user_model().objects.filter(username=username).first() if username else None
        return self[username]


def _rating(project, label, cache):
    if not label:
        return None
    if label not in cache:
        cache[label] = project.ratings.filter(label=label).first() or Rating.objects.create(
            project=project, label=label[:100], active=False, description="Added by an import.", order=1000
        )
    return cache[label]


def _date(value):
    return parse_date(value) if value else None


def _day(value):
    return parse_date(value).date() if value else None


def write(job, fields, claims, users=None, ratings=None):
    """Create the article of ``fields`` with its ``claims``; False when the
    project already has the article (nothing is added then)."""
    users, ratings = users if users is not None else _Users(), ratings if ratings is not None else {}
    existing = Article.objects.filter(project=job.project, text_hash=fields["text_hash"])
    if existing.exists() or (
        fields["external_id"]
        and Article.objects.filter(project=job.project, external_id=fields["external_id"]).exists()
    ):
        return False
    with transaction.atomic():
        article = Article.objects.create(project=job.project, import_job=job, **fields)
        for data in claims:
            claim = Claim(
                project=job.project, article=article, created_by=users[data.get("created_by")],
                assignee=users[data.get("assignee")], **{k: data[k] for k in CLAIM_FIELDS if k in data},
            )  # fmt: skip
            if data.get("claim_date"):
                claim.claim_date = _day(data["claim_date"])
            if data.get("created_at"):
                claim.created_at = _date(data["created_at"])
            claim.full_clean(exclude=["duplicate_of"])
            if claim.status == "duplicate":
                claim.status = "open"  # the original is not part of this record
            claim.save()
            previous = None
            for item in data.get("verdicts", []):
                verdict = Verdict.objects.create(
                    claim=claim, author=users[item.get("author")], reviewed_by=users[item.get("reviewed_by")],
                    rating=_rating(job.project, item.get("rating"), ratings), summary=item.get("summary", ""),
                    analysis=item.get("analysis", ""), status=item.get("status", "draft"),
                    version=item.get("version", 1), is_current=item.get("is_current", True),
                    published_at=_date(item.get("published_at")), correction_note=item.get("correction_note", ""),
                    corrects=previous if item.get("correction_note") and item.get("version", 1) > 1 else None,
                    created_at=_date(item.get("created_at")) or article.created_at,
                )  # fmt: skip
                Evidence.objects.bulk_create(
                    Evidence(verdict=verdict, accessed_at=_day(e.get("accessed_at")),
                             **{k: e[k] for k in EVIDENCE_FIELDS if k in e})
                    for e in item.get("evidence", [])
                )  # fmt: skip
                previous = verdict
            Activity.objects.bulk_create(
                Activity(project=job.project, actor=users[e.get("actor")], verb=e.get("verb", "")[:50],
                         object_type="claim", object_id=claim.pk, from_state=e.get("from_state", ""),
                         to_state=e.get("to_state", ""), comment=e.get("comment", ""),
                         created_at=_date(e.get("created_at")) or claim.created_at)
                for e in data.get("activity", [])
            )  # fmt: skip
    return True

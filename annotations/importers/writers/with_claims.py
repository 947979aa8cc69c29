"""Articles that arrive with their claims, verdicts, evidence, comments and
activity: this app's JSON Lines export, read back (``jsonl_format``).

Everything goes through the models' validation (states, offsets, web URLs).
A username becomes a link to a user only where that user is a member of the
importing project; otherwise the person is left unlinked (their name stays
in the file, never attached to someone else's account). Ratings are matched
by label (``workflow.rating_for_label``). Each claim leaves a
``claim.imported`` activity naming the job.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ... import jsonl_format as schema
from ...models import Activity, Article, Claim, ClaimStatus, Comment, Evidence, Verb, Verdict
from ...workflow import rating_for_label
from ..readers.records import parse_date

DATE_FIELDS = {"published_at", "created_at", "updated_at"}
DAY_FIELDS = {"claim_date", "accessed_at"}


class Members(dict):
    """Usernames to the project's members, looked up once each."""

    def __init__(self, project):
        super().__init__()
        self.project = project

    def __missing__(self, username):
        membership = (
            self.project.memberships.filter(user__username=username).select_related("user").first()
            if username
            else None
        )
        self[username] = membership.user if membership else None
        return self[username]


def _values(data, fields, members, skip=()):
    """The model field values of a record: users linked, dates parsed."""
    values = {}
    for name in fields:
        if name in skip or name not in data or data[name] is None:
            continue
        value = data[name]
        if name in schema.USER_FIELDS:
            value = members[value]
        elif name in DATE_FIELDS:
            value = parse_date(value)
        elif name in DAY_FIELDS:
            value = parse_date(value).date()
        values[name] = value
    return values


def _verb(value):
    verb = schema.LEGACY_VERBS.get(value, value)
    if verb not in Verb.values:
        raise ValidationError(f"unknown activity verb {value!r}")
    return verb


def _activity(job, obj, events, members):
    rows = []
    for event in events:
        activity = Activity(
            project=job.project, object_type=obj._meta.model_name, object_id=obj.pk,
            **_values({**event, "verb": _verb(event.get("verb"))}, schema.ACTIVITY_FIELDS, members),
        )  # fmt: skip
        activity.created_at = activity.created_at or obj.created_at
        activity.full_clean()
        rows.append(activity)
    return rows


def _comments(job, items, members, **target):
    for item in items:
        comment = Comment(project=job.project, **target, **_values(item, schema.COMMENT_FIELDS, members))
        comment.full_clean()
        comment.save()


def _original(job, reference):
    """The claim a duplicate repeats, if the project has it."""
    if not isinstance(reference, dict):
        return None
    return Claim.objects.filter(
        project=job.project, article__text_hash=reference.get("article"), start=reference.get("start"),
        end=reference.get("end"),
    ).first()  # fmt: skip


def _claim(job, article, data, members, ratings, activity):
    claim = Claim(project=job.project, article=article, **_values(data, schema.CLAIM_FIELDS, members))
    note = f"import job {job.pk}"
    if claim.status == ClaimStatus.DUPLICATE:
        claim.duplicate_of = _original(job, data.get("duplicate_of"))
        if claim.duplicate_of is None:
            claim.status = ClaimStatus.OPEN
            note += "; imported as open: the claim it duplicates is not in this project"
    claim.full_clean()
    claim.save()
    activity.append(
        Activity(project=job.project, actor=job.owner, verb=Verb.CLAIM_IMPORTED, object_type="claim",
                 object_id=claim.pk, to_state=claim.status, comment=note)
    )  # fmt: skip
    activity += _activity(job, claim, data.get("activity", []), members)
    _comments(job, data.get("comments", []), members, claim=claim)
    previous = None
    for item in data.get("verdicts", []):
        fields = _values(item, schema.VERDICT_FIELDS, members, skip={"rating"})
        rating = rating_for_label(job.project, item.get("rating"), user=job.owner, cache=ratings)
        verdict = Verdict(
            claim=claim, rating=rating, **fields,
            corrects=previous if item.get("correction_note") and item.get("version", 1) > 1 else None,
        )  # fmt: skip
        verdict.created_at = verdict.created_at or article.created_at
        verdict.full_clean(exclude=["corrects"])
        verdict.save()
        evidence = [
            Evidence(verdict=verdict, **_values(e, schema.EVIDENCE_FIELDS, members)) for e in item.get("evidence", [])
        ]
        for row in evidence:
            row.full_clean()
        Evidence.objects.bulk_create(evidence)
        _comments(job, item.get("comments", []), members, verdict=verdict)
        activity += _activity(job, verdict, item.get("activity", []), members)
        previous = verdict


def write(job, fields, claims, members=None, ratings=None):
    """Create the article of ``fields`` with its ``claims``; False when the
    project already has the article (nothing is added then)."""
    members = members if members is not None else Members(job.project)
    ratings = ratings if ratings is not None else {}
    existing = Article.objects.filter(project=job.project, text_hash=fields["text_hash"])
    if existing.exists() or (
        fields["external_id"]
        and Article.objects.filter(project=job.project, external_id=fields["external_id"]).exists()
    ):
        return False
    with transaction.atomic():
        article = Article.objects.create(project=job.project, import_job=job, **fields)
        activity = []
        for data in claims:
            if not isinstance(data, dict):
                raise ValidationError("a claim is not an object")
            _claim(job, article, data, members, ratings, activity)
        Activity.objects.bulk_create(activity)
    return True

"""Articles that arrive with their claims, verdicts, evidence, comments and
activity: this app's JSON Lines export, read back (``jsonl_format``).

Everything goes through the models' validation (states, offsets, web URLs)
and a check of each value's type. A username becomes a link to a user only
where that user is a member of the importing project; otherwise the person
is left unlinked and named as text in the claim's ``claim.imported``
activity ("imported: by X"), never attached to someone else's account.
Ratings are matched by label (``workflow.rating_for_label``).

A verdict that arrives approved or published stays so only where the
importer may publish it themselves (an editor, and not its author where the
project keeps four eyes); otherwise it arrives as a draft, its claim back in
progress, with a warning. Nothing becomes public that nobody reviewed here.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction

from ... import jsonl_format as schema
from ... import permissions
from ...models import Activity, Article, Claim, ClaimStatus, Comment, Evidence, Verb, Verdict, VerdictStatus
from ...workflow import rating_for_label
from .. import messages
from ..readers.records import parse_date

# The states of a verdict that someone reviewed: never taken from a file on trust.
REVIEWED = {VerdictStatus.APPROVED, VerdictStatus.PUBLISHED, VerdictStatus.RETRACTED}
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


# The JSON type each kind of model field takes in the file.
JSON_TYPES = {
    models.CharField: str, models.TextField: str, models.URLField: str, models.BooleanField: bool,
    models.PositiveIntegerField: int, models.PositiveSmallIntegerField: int, models.JSONField: (list, dict),
}  # fmt: skip


def _values(model, data, fields, members, skip=(), unlinked=None):
    """The model field values of a record: types checked, users linked
    (members only; other names go to ``unlinked``), dates parsed."""
    values = {}
    for name in fields:
        if name in skip or name not in data or data[name] is None:
            continue
        value = data[name]
        if name in schema.USER_FIELDS:
            if not isinstance(value, str):
                raise ValidationError(messages.NOT_A_USERNAME % {"field": name, "type": type(value).__name__})
            if members[value] is None and unlinked is not None:
                unlinked.append(f"{name} {value}")
            value = members[value]
        elif name in DATE_FIELDS:
            value = parse_date(value)
        elif name in DAY_FIELDS:
            value = parse_date(value).date()
        else:
            expected = JSON_TYPES.get(type(model._meta.get_field(name)))
            if expected and (not isinstance(value, expected) or (expected is int and isinstance(value, bool))):
                said = {"field": name, "expected": getattr(expected, "__name__", messages.A_LIST), "value": repr(value)}
                raise ValidationError((messages.WRONG_JSON_TYPE % said)[:200])
        values[name] = value
    return values


def _verb(value):
    verb = schema.LEGACY_VERBS.get(value, value)
    if verb not in Verb.values:
        raise ValidationError(messages.UNKNOWN_VERB % {"value": repr(value)})
    return verb


def _activity(job, obj, events, members):
    rows = []
    for event in events:
        activity = Activity(
            project=job.project, object_type=obj._meta.model_name, object_id=obj.pk,
            **_values(Activity, {**event, "verb": _verb(event.get("verb"))}, schema.ACTIVITY_FIELDS, members),
        )  # fmt: skip
        activity.created_at = activity.created_at or obj.created_at
        activity.full_clean()
        rows.append(activity)
    return rows


def _comments(job, items, members, **target):
    for item in items:
        comment = Comment(project=job.project, **target, **_values(Comment, item, schema.COMMENT_FIELDS, members))
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


def _claim(job, article, data, members, ratings, activity, warnings):
    unlinked = []
    claim = Claim(project=job.project, article=article, **_values(Claim, data, schema.CLAIM_FIELDS, members,
                                                                    unlinked=unlinked))  # fmt: skip
    note = f"import job {job.pk}"
    if claim.status == ClaimStatus.DUPLICATE:
        claim.duplicate_of = _original(job, data.get("duplicate_of"))
        if claim.duplicate_of is None:
            claim.status = ClaimStatus.OPEN
            note += "; imported as open: the claim it duplicates is not in this project"
    if claim.status in ClaimStatus.RATING_INDEPENDENTLY:
        claim.status = ClaimStatus.OPEN
        note += "; imported as open: independent ratings are not imported"
    claim.full_clean()
    claim.save()
    imported = Activity(project=job.project, actor=job.owner, verb=Verb.CLAIM_IMPORTED, object_type="claim",
                        object_id=claim.pk, to_state=claim.status, comment=note)  # fmt: skip
    activity.append(imported)
    activity += _activity(job, claim, data.get("activity", []), members)
    _comments(job, data.get("comments", []), members, claim=claim)
    previous = None
    for item in data.get("verdicts", []):
        if not isinstance(item, dict):
            raise ValidationError(messages.VERDICT_NOT_AN_OBJECT)
        fields = _values(Verdict, item, schema.VERDICT_FIELDS, members, skip={"rating"}, unlinked=unlinked)
        rating = rating_for_label(job.project, item.get("rating"), user=job.owner, cache=ratings)
        verdict = Verdict(
            claim=claim, rating=rating, **fields,
            corrects=previous if item.get("correction_note") and item.get("version", 1) > 1 else None,
        )  # fmt: skip
        verdict.created_at = verdict.created_at or article.created_at
        if verdict.is_current and verdict.status in REVIEWED and not permissions.can_decide(job.owner, verdict):
            said = {"start": data.get("start"), "end": data.get("end")}
            warnings.append(messages.VERDICT_AS_DRAFT[verdict.status] % said)
            verdict.status, verdict.published_at = VerdictStatus.DRAFT, None
            claim.status, claim.assignee = ClaimStatus.IN_PROGRESS, claim.assignee or verdict.author or job.owner
            claim.save(update_fields=["status", "assignee"])
        verdict.full_clean(exclude=["corrects"])
        verdict.save()
        evidence = [
            Evidence(verdict=verdict, **_values(Evidence, e, schema.EVIDENCE_FIELDS, members))
            for e in item.get("evidence", [])
        ]
        for row in evidence:
            row.full_clean()
        Evidence.objects.bulk_create(evidence)
        _comments(job, item.get("comments", []), members, verdict=verdict)
        activity += _activity(job, verdict, item.get("activity", []), members)
        previous = verdict
    imported.to_state = claim.status
    if unlinked:
        imported.comment += "; imported: by " + ", ".join(dict.fromkeys(unlinked)) + " (not members here)"


def write(job, fields, claims, members=None, ratings=None):
    """Create the article of ``fields`` with its ``claims`` and return the
    warnings of what was kept with a change; None when the project already
    has the article (nothing is added then)."""
    members = members if members is not None else Members(job.project)
    ratings = ratings if ratings is not None else {}
    existing = Article.objects.filter(project=job.project, text_hash=fields["text_hash"])
    if existing.exists() or (
        fields["external_id"]
        and Article.objects.filter(project=job.project, external_id=fields["external_id"]).exists()
    ):
        return None
    warnings = []
    with transaction.atomic():
        article = Article.objects.create(project=job.project, import_job=job, **fields)
        activity = []
        for data in claims:
            if not isinstance(data, dict):
                raise ValidationError(messages.CLAIM_NOT_AN_OBJECT)
            _claim(job, article, data, members, ratings, activity, warnings)
        Activity.objects.bulk_create(activity)
    return warnings

"""Fact-checks published by others (ClaimReview): each becomes an
``ExternalFactCheck``, never an article, claim or verdict of the desk.

Its rating is kept as published and read through ``factchecks.ratings``
(the project's own ``rating_labels`` first). A field the model refuses (a
URL that is not a web address, a text too long) is dropped or cut with a
warning; the fact-check is refused only when nothing identifies it. The
same fact-check imported again (by its URL) is a duplicate.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ...factchecks import normalise_rating
from ...languages import language_of
from ...models import Activity, ExternalFactCheck, Verb
from .. import messages

# Fields whose bad values are dropped (set to their empty value) with a warning.
OPTIONAL = {
    "url", "headline", "summary", "publisher_name", "publisher_url", "claimant_name", "claimant_url",
    "language", "rating_label", "authors", "appearances", "date_published", "date_modified", "claim_date",
    "rating_value", "rating_best", "rating_worst",
}  # fmt: skip


def _row(job, fact_check, labels):
    rating = normalise_rating(fact_check.rating, extra=labels)
    return {
        "url": fact_check.url or "",
        "claim_reviewed": fact_check.claim_reviewed or "",
        "headline": fact_check.headline or "",
        "summary": fact_check.summary or "",
        "publisher_name": fact_check.publisher.name or "",
        "publisher_url": fact_check.publisher.url or "",
        "authors": list(fact_check.authors),
        "date_published": fact_check.date_published,
        "date_modified": fact_check.date_modified,
        # As published, or else the language its claim and headline are written in.
        "language": fact_check.language
        or language_of(f"{fact_check.claim_reviewed or ''} {fact_check.headline or ''}")[0],
        "claimant_name": fact_check.claimant.name or "",
        "claimant_url": fact_check.claimant.url or "",
        "claim_date": fact_check.claim_date,
        "appearances": [{"url": a.url, "kind": a.kind} for a in fact_check.appearances],
        "rating_label": fact_check.rating.label or "",
        "rating_value": fact_check.rating.value,
        "rating_best": fact_check.rating.best,
        "rating_worst": fact_check.rating.worst,
        "verdict_class": rating.verdict,
        "rating_notes": list(rating.notes),
        "raw": fact_check.raw,
    }


def _cut_to_length(obj, warnings):
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.max_length and isinstance(value, str) and len(value) > field.max_length:
            setattr(obj, field.attname, value[: field.max_length])
            warnings.append(messages.CUT_TO % {"field": field.name, "limit": field.max_length})


def _validated(obj, warnings):
    """Validate, dropping each optional field the model refuses, with a warning."""
    _cut_to_length(obj, warnings)
    for _ in range(len(OPTIONAL) + 1):
        obj.key = ExternalFactCheck.key_for(obj.url, obj.claim_reviewed, obj.publisher_name)
        try:
            obj.full_clean(exclude=["project", "import_job"], validate_unique=False)
            return obj
        except ValidationError as exc:
            refused = {name: errors for name, errors in exc.message_dict.items() if name in OPTIONAL}
            if not refused or set(exc.message_dict) - set(refused):
                raise
            for name, errors in refused.items():
                field = obj._meta.get_field(name)
                setattr(obj, field.attname, field.get_default() if not field.null else None)
                warnings.append(messages.DROPPED_BECAUSE % {"field": name, "errors": " ".join(errors)})
    raise ValidationError(messages.NOT_VALIDATED)


def prepare(job, records):
    return list(records)  # each fact-check is looked up in the project as it is written


def write(job, batch):
    """Write a batch of fact-check records; return (created, duplicates, errors, warnings)."""
    created = duplicates = 0
    errors, warnings, activity = [], [], []
    labels = job.project.rating_labels or None
    for record in batch:
        if record.error:
            errors.append({"where": record.where, "reason": record.error})
            continue
        fact_check = record.fields["fact_check"]
        notes = [*record.fields.get("document_warnings", []), *(str(w) for w in fact_check.warnings)]
        row = _row(job, fact_check, labels)
        if not (row["url"] or row["claim_reviewed"]):
            errors.append({"where": record.where, "reason": messages.NOT_IDENTIFIED})
            continue
        obj = ExternalFactCheck(project=job.project, import_job=job, **row)
        try:
            _validated(obj, notes)
        except ValidationError as exc:
            errors.append({"where": record.where, "reason": "; ".join(exc.messages)})
            continue
        obj.warnings = notes
        if ExternalFactCheck.objects.filter(project=job.project, key=obj.key).exists():
            duplicates += 1
            continue
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:  # another import wrote it meanwhile
            duplicates += 1
            continue
        created += 1
        warnings += [{"where": record.where, "reason": note} for note in notes]
        activity.append(
            Activity(project=job.project, actor=job.owner, verb=Verb.FACT_CHECK_IMPORTED,
                     object_type="externalfactcheck", object_id=obj.pk, comment=f"import job {job.pk}")
        )  # fmt: skip
    Activity.objects.bulk_create(activity)
    return created, duplicates, errors, warnings

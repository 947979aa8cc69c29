"""Writes ClaimReview records: each becomes an article (the fact-check, its
URL the external id), a claim over the article's whole text, and the
published verdict of the publisher, with a rating matched by label in the
project's scale (or added to it, retired, when the scale lacks it)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ...models import Activity, Article, Claim, ClaimStatus, Verb, Verdict, VerdictStatus
from ...text import normalise
from ...workflow import rating_for_label
from ..readers.records import parse_date
from .articles import clean_article, model_fields, reason


def _name(value):
    if isinstance(value, dict):
        return str(value.get("name") or ""), str(value.get("sameAs") or value.get("url") or "")
    if isinstance(value, list) and value:
        return _name(value[0])
    return (str(value), "") if value else ("", "")


def _first_url(appearance):
    items = appearance if isinstance(appearance, list) else [appearance]
    urls = [item.get("url") if isinstance(item, dict) else item for item in items if item]
    return [url for url in urls if isinstance(url, str) and url.startswith(("http://", "https://"))]


def _rating(project, review_rating, user):
    if not isinstance(review_rating, dict):
        raise ValidationError("missing reviewRating")
    label = normalise(str(review_rating.get("alternateName") or review_rating.get("name") or "")).strip()
    value = review_rating.get("ratingValue")
    try:
        value = int(float(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        value = None
    if not label:
        if value is None:
            raise ValidationError("reviewRating has neither alternateName nor ratingValue")
        label = f"{value}/{review_rating.get('bestRating', '?')}"
    return rating_for_label(project, label, user=user, value=value)


def _write_one(job, review):
    item = review.get("itemReviewed") or {}
    statement = normalise(str(review.get("claimReviewed") or "")).strip()
    if not statement:
        raise ValidationError("missing claimReviewed")
    author, _ = _name(review.get("author"))
    url = str(review.get("url") or review.get("@id") or "")
    row = clean_article(job, {
        "text": statement, "title": review.get("headline") or statement[:200], "url": url,
        "publisher": author, "external_id": url[:200], "language": review.get("inLanguage") or "",
        "published_at": review.get("datePublished"),
    })  # fmt: skip
    if row["external_id"] and Article.objects.filter(project=job.project, external_id=row["external_id"]).exists():
        return False
    if Article.objects.filter(project=job.project, text_hash=row["text_hash"]).exists():
        return False
    rating = _rating(job.project, review.get("reviewRating"), job.owner)
    claimant, claimant_url = _name(item.get("author") if isinstance(item, dict) else None)
    claim_date = None
    if isinstance(item, dict) and item.get("datePublished"):
        claim_date = parse_date(item["datePublished"]).date()
    article = Article.objects.create(project=job.project, import_job=job, **model_fields(row))
    claim = Claim(
        project=job.project, article=article, start=0, end=len(article.text), quote=article.text,
        statement=statement, claimant=claimant[:300], claimant_url=claimant_url[:2000], claim_date=claim_date,
        appearance_urls=_first_url(item.get("appearance") if isinstance(item, dict) else None),
        status=ClaimStatus.PUBLISHED, created_by=job.owner,
    )  # fmt: skip
    claim.full_clean()
    claim.save()
    summary = (review.get("reviewRating") or {}).get("ratingExplanation") or review.get("description") or ""
    verdict = Verdict(
        claim=claim, rating=rating, summary=normalise(str(summary)), status=VerdictStatus.PUBLISHED,
        published_at=row["published_at"] or timezone.now(),
    )  # fmt: skip
    verdict.full_clean()
    verdict.save()
    Activity.objects.create(
        project=job.project, actor=job.owner, verb=Verb.CLAIM_IMPORTED, object_type="claim", object_id=claim.pk,
        to_state=claim.status, comment=f"import job {job.pk}: ClaimReview {url}"[:2000],
    )  # fmt: skip
    return True


def prepare(job, records):
    return list(records)  # each review is looked up in the project as it is written


def write(job, batch):
    created = duplicates = 0
    errors = []
    for record in batch:
        if record.error:
            errors.append({"where": record.where, "reason": record.error})
            continue
        try:
            with transaction.atomic():
                if _write_one(job, record.fields["claim_review"]):
                    created += 1
                else:
                    duplicates += 1
        except ValidationError as exc:
            errors.append({"where": record.where, "reason": reason(exc)})
    return created, duplicates, errors

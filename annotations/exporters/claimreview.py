"""ClaimReview (schema.org) JSON-LD for published verdicts: one object per
verdict, as Google and the fact-check aggregators read it."""

import json

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse

from .base import Exporter


def rating_scale(project):
    """(worst, best) of the project's numeric ratings, or None when the
    scale cannot give a valid range (fewer than two distinct values)."""
    bounds = project.ratings.filter(value__isnull=False).aggregate(worst=Min("value"), best=Max("value"))
    if bounds["worst"] is None or bounds["best"] <= bounds["worst"]:
        return None
    return bounds["worst"], bounds["best"]


def _date(value):
    return value.date().isoformat() if hasattr(value, "date") else value.isoformat()


def report_url(claim_id):
    return settings.PUBLIC_BASE_URL + reverse("annotations:claim_report", args=[claim_id])


def claim_review(row, project, scale, url=report_url):
    """The ClaimReview of one claim row (see ``base.CLAIM_COLUMNS``)."""
    rating = {"@type": "Rating", "alternateName": row["current__rating__label"]}
    value = row["current__rating__value"]
    if scale and value is not None and scale[0] <= value <= scale[1]:
        rating.update(ratingValue=value, worstRating=scale[0], bestRating=scale[1])
    claimant = {
        "@type": "Organization" if row["claimant_type"] == "organization" else "Person",
        "name": row["claimant"] or "Unknown",
    }
    if row["claimant_url"]:
        claimant["sameAs"] = row["claimant_url"]
    item = {"@type": "Claim", "author": claimant}
    if row["claim_date"]:
        item["datePublished"] = row["claim_date"].isoformat()
    appearance = []
    if row["article__url"]:
        article = {"@type": "NewsArticle", "url": row["article__url"]}
        if row["article__title"]:
            article["headline"] = row["article__title"]
        if row["article__published_at"]:
            article["datePublished"] = _date(row["article__published_at"])
        if row["article__publisher"]:
            article["publisher"] = {"@type": "Organization", "name": row["article__publisher"]}
        appearance.append(article)
    others = [url for url in row["appearance_urls"] if url != row["article__url"]]
    appearance += [{"@type": "CreativeWork", "url": url} for url in others]
    if appearance:
        item["appearance"] = appearance
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url(row["id"]),
        "claimReviewed": row["statement"] or row["quote"],
        "datePublished": _date(row["current__published_at"]),
        "inLanguage": row["article__language"] or project.language,
        "author": {"@type": "Organization", "name": project.publisher_name or project.name},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if project.publisher_url:
        review["author"]["url"] = project.publisher_url
    return review


class ClaimReviewExporter(Exporter):
    """A JSON array of ClaimReview objects, published verdicts only."""

    format = "claimreview"
    label = "ClaimReview JSON-LD"
    extension = "json"
    content_type = "application/ld+json"
    published_only = True

    def write(self, out, progress=None):
        scale = rating_scale(self.project)
        # One reverse() for the whole export, not one per claim.
        prefix, suffix = report_url(0).rsplit("/0/", 1)
        url = f"{prefix}/{{}}/{suffix}".format
        out.write(b"[")
        first = True
        for chunk in self.rows(progress):
            for row in chunk:
                out.write(b"\n" if first else b",\n")
                out.write(json.dumps(claim_review(row, self.project, scale, url), ensure_ascii=False).encode())
                first = False
        out.write(b"\n]\n")

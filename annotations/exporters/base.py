"""The shared writer: which claims an export holds, read in chunks.

An exporter is a plain class. ``write(out, progress)`` writes the export
to a binary file object as it reads, chunk by chunk, so that memory stays
flat however large the project; it needs no Celery to be tested.
"""

from itertools import islice

from django.utils import timezone

from ..models import Claim, Evidence, VerdictStatus
from . import filters

CHUNK = 2000

# One row per claim, with its article and its current verdict, as plain values.
CLAIM_COLUMNS = [
    "id", "start", "end", "quote", "statement", "claimant", "claimant_url", "claimant_type", "claim_date",
    "appearance_urls", "tags", "status", "created_at", "updated_at", "article_id", "article__title",
    "article__url", "article__publisher", "article__published_at", "article__language",
    "created_by__username", "assignee__username",
    "current__id", "current__status", "current__version", "current__summary", "current__published_at",
    "current__correction_note", "current__rating__label", "current__rating__value", "current__rating__fever_label",
    "current__author__username", "current__reviewed_by__username",
]  # fmt: skip


def chunks(iterable, size=CHUNK):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Exporter:
    """Exports the claims of a project that pass the filters.

    Filters (``filters.ExportFilters``, validated by ``filters.clean``):
    ``status`` (claim states), ``rating`` (rating ids), ``tag``,
    ``language``, ``published_after`` / ``published_before`` (the current
    verdict's publication), ``created_after`` / ``created_before`` (the claim's).
    """

    format = ""
    label = ""
    extension = ""
    content_type = "application/octet-stream"
    published_only = False
    # The claim states exported when the filters name none (every state).
    default_status = ()

    def __init__(self, project, filters=None):
        self.project = project
        self.filters = filters or {}

    @property
    def filename(self):
        return f"{self.project.slug}-{self.format}-{timezone.now():%Y%m%d-%H%M}.{self.extension}"

    def claims(self):
        claims = Claim.objects.filter(project=self.project).with_current_verdict()
        f = self.filters
        if self.published_only:
            claims = claims.filter(current__status=VerdictStatus.PUBLISHED)
        if statuses := f.get("status") or self.default_status:
            claims = claims.filter(status__in=_list(statuses))
        if f.get("rating"):
            claims = claims.filter(current__rating__in=_list(f["rating"]))
        if f.get("language"):
            claims = claims.filter(article__language=f["language"])
        if f.get("tag"):
            claims = claims.tagged(f["tag"])
        for key, lookup in (
            ("published_after", "current__published_at__gte"),
            ("published_before", "current__published_at__lt"),
            ("created_after", "created_at__gte"),
            ("created_before", "created_at__lt"),
        ):
            if f.get(key):
                claims = claims.filter(**{lookup: filters.moment(f[key])})
        return claims.order_by("id")

    def count(self):
        return self.claims().count()

    def rows(self, progress=None):
        """Chunks of claim rows (dicts of CLAIM_COLUMNS plus ``evidence``)."""
        done = 0
        for chunk in chunks(self.claims().values(*CLAIM_COLUMNS).iterator(chunk_size=CHUNK)):
            evidence = {}
            verdicts = [row["current__id"] for row in chunk if row["current__id"]]
            for item in Evidence.objects.filter(verdict__in=verdicts).order_by("verdict", "order", "id").values():
                evidence.setdefault(item["verdict_id"], []).append(item)
            for row in chunk:
                row["evidence"] = evidence.get(row["current__id"], [])
            yield chunk
            done += len(chunk)
            if progress:
                progress(done)

    def write(self, out, progress=None):
        raise NotImplementedError


def _list(value):
    return list(value) if isinstance(value, list | tuple) else [value]

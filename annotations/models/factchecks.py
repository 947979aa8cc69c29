"""Fact-checks published by others: what an imported ClaimReview becomes."""

import hashlib

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..factchecks.ratings import CLASSES
from .projects import Project


class VerdictClass(models.TextChoices):
    """What a published rating means, whoever published it (``factchecks.ratings``)."""

    FALSE = "false", _("False")
    MOSTLY_FALSE = "mostly_false", _("Mostly false")
    MIXED = "mixed", _("Mixed")
    MOSTLY_TRUE = "mostly_true", _("Mostly true")
    TRUE = "true", _("True")
    MISLEADING = "misleading", _("Misleading")
    MISSING_CONTEXT = "missing_context", _("Missing context")
    SATIRE = "satire", _("Satire")
    UNPROVEN = "unproven", _("Unproven")
    UNRATED = "unrated", _("Unrated")


assert tuple(VerdictClass.values) == CLASSES, "VerdictClass must list factchecks.ratings.CLASSES in order"


class ExternalFactCheckQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def search(self, q, language=None):
        """Words of ``q`` in the claim, headline, publisher or claimant. On
        PostgreSQL a text search computed per row (the "simple" configuration:
        fact-checks come in every language); elsewhere a substring match."""
        fields = ["claim_reviewed", "headline", "publisher_name", "claimant_name"]
        if connection.vendor == "postgresql":
            vector = SearchVector(*fields, config="simple")
            query = SearchQuery(q, config="simple", search_type="websearch")
            return self.annotate(search_document=vector).filter(search_document=query)
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": q})
        return self.filter(condition)


class ExternalFactCheck(models.Model):
    """A fact-check someone else published, kept as they published it.

    It is never a claim or a verdict of the desk, and never leaves in the
    desk's ClaimReview, report or FEVER exports: those are the desk's own
    work. The rating is kept exactly as published (label, value, best,
    worst) next to what it means (``verdict_class``). Imported again (by its
    URL, or its claim and publisher when it has none), it is not duplicated.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="external_fact_checks")
    key = models.CharField(max_length=2100, editable=False, help_text="The URL, or a hash of claim and publisher.")
    url = models.URLField(max_length=2000, blank=True, help_text="The fact-check's own page.")
    claim_reviewed = models.TextField(blank=True)
    headline = models.CharField(max_length=1000, blank=True)
    summary = models.TextField(blank=True)
    publisher_name = models.CharField(max_length=300, blank=True)
    publisher_url = models.URLField(max_length=2000, blank=True)
    authors = models.JSONField(default=list, blank=True)
    date_published = models.DateTimeField(null=True, blank=True)
    date_modified = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True, help_text="BCP 47.")
    claimant_name = models.CharField(max_length=300, blank=True)
    claimant_url = models.URLField(max_length=2000, blank=True)
    claim_date = models.DateTimeField(null=True, blank=True)
    appearances = models.JSONField(
        default=list, blank=True, help_text="Where the claim was seen: [{url, kind}], kind appearance, "
        "firstAppearance or itemReviewed.url; never the fact-check's own URL.",
    )  # fmt: skip
    rating_label = models.CharField(max_length=500, blank=True, help_text="As published.")
    rating_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    rating_best = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    rating_worst = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    verdict_class = models.CharField(max_length=16, choices=VerdictClass.choices, default=VerdictClass.UNRATED)
    rating_notes = models.JSONField(default=list, blank=True, help_text="How the rating was read.")
    warnings = models.JSONField(default=list, blank=True, help_text="Fields dropped or repaired at import.")
    raw = models.JSONField(default=dict, blank=True, help_text="The ClaimReview as found, for provenance.")
    import_job = models.ForeignKey(
        "ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="external_fact_checks"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ExternalFactCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-date_published", "-id"]
        verbose_name = "external fact-check"
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="external_fact_check_unique_key"),
            models.CheckConstraint(condition=Q(verdict_class__in=CLASSES), name="external_fact_check_valid_class"),
            models.CheckConstraint(condition=~Q(key=""), name="external_fact_check_has_key"),
        ]
        indexes = [models.Index(fields=["project", "-date_published"], name="external_fact_check_published")]

    def __str__(self):
        return f"{self.publisher_name or '?'}: {self.claim_reviewed or self.headline or self.url}"[:200]

    def shown_warnings(self):
        """What the import changed, in the reader's language (stored in English)."""
        from ..importers.messages import say

        return [say(warning) for warning in self.warnings]

    def shown_rating_notes(self):
        """How its rating was read, in the reader's language (stored in English)."""
        from ..importers.messages import say

        return [say(note) for note in self.rating_notes]

    @staticmethod
    def key_for(url, claim_reviewed, publisher_name):
        if url:
            return url
        digest = hashlib.sha256(f"{claim_reviewed}\n{publisher_name}".encode()).hexdigest()
        return f"claim:{digest}"

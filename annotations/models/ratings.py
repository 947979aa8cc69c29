"""Verdicts rated independently: the k reviewers an editor sent a claim
to, each one's rating and rationale, kept after the editor's adjudication
(who sees them before it: ``permissions.visible_ratings``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .articles import Claim
from .projects import Rating

User = settings.AUTH_USER_MODEL


class IndependentRatingQuerySet(models.QuerySet):
    def rated(self):
        return self.filter(rated_at__isnull=False)

    def pending(self):
        return self.filter(rated_at__isnull=True)


class IndependentRating(models.Model):
    """One of the k reviewers who rate a claim's verdict independently:
    sent (``rating`` empty), then rated once, never changed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="independent_ratings")
    reviewer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="independent_ratings")
    rating = models.ForeignKey(Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField(blank=True)
    sent_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    rated_at = models.DateTimeField(null=True, blank=True)

    objects = IndependentRatingQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="independent_rating_unique_reviewer"),
            models.CheckConstraint(
                condition=Q(rated_at__isnull=True, rating__isnull=True)
                | Q(rated_at__isnull=False, rating__isnull=False),
                name="independent_rating_rated_has_rating",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "rated_at"], name="independent_rating_reviewer")]

    def __str__(self):
        return f"{self.reviewer} on claim {self.claim_id}"

    @property
    def project(self):
        return self.claim.project

    @property
    def is_rated(self):
        return self.rated_at is not None

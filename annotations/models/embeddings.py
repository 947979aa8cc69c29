"""The stored sentence embeddings of claims and of other publishers' fact-checks ("checked before?")."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .articles import Claim
from .factchecks import ExternalFactCheck
from .projects import Project


class EmbeddingQuerySet(models.QuerySet):
    def of_model(self, model_key):
        """Vectors of this text model only: another model's are not comparable (``textmodels``)."""
        return self.filter(model_key=model_key)


class Embedding(models.Model):
    """The vector of one claim (its statement, else its quote) or one external
    fact-check (its claim reviewed, else its headline), computed once by a
    background task and kept with the fingerprint of what was embedded, so
    that running the task again changes nothing until the text or the model
    does (``matching.store``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="embeddings")
    claim = models.OneToOneField(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="embedding")
    fact_check = models.OneToOneField(
        ExternalFactCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="embedding"
    )
    model_key = models.CharField(max_length=100, help_text="The text model that computed it (textmodels.MODEL_KEY).")
    fingerprint = models.CharField(max_length=32, help_text="A hash of the model and the text embedded.")
    vector = models.BinaryField(help_text="Little-endian float32, L2-normalised (matching.pack).")
    updated_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(blank=True, help_text="What was embedded (matching.prepare): the lexical stage matches it.")
    revision = models.PositiveBigIntegerField(
        default=0, help_text="The project's matching revision when it was written: processes load what is newer."
    )

    objects = EmbeddingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False, fact_check__isnull=True)
                | Q(claim__isnull=True, fact_check__isnull=False),
                name="embedding_of_claim_or_fact_check",
            ),
        ]
        # On PostgreSQL the migration adds a generated ``search_vector`` (to_tsvector('simple', text)) with a GIN
        # index, and a GIN trigram index on ``text`` (checked_before.DatabaseLexical).
        indexes = [models.Index(fields=["project", "model_key", "revision"], name="embedding_project_revision")]

    def __str__(self):
        return f"embedding of {'claim' if self.claim_id else 'fact-check'} {self.claim_id or self.fact_check_id}"

"""Sentences of articles, scored for check-worthiness, and what the desk
made of them: the suggestions an annotator turns into claims or dismisses,
which are also what the project's own model learns from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from .articles import Article, Claim
from .projects import Project


class SentenceStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("marked as a claim")
    DISMISSED = "dismissed", _("dismissed")


class DismissReason(models.TextChoices):
    OTHER = "", _("no reason given")
    OPINION = "opinion", _("an opinion")
    NOT_CHECKABLE = "not_checkable", _("not checkable")
    NOT_NEWSWORTHY = "not_newsworthy", _("not newsworthy")


class SentenceQuerySet(models.QuerySet):
    def suggestions(self):
        """Open sentences the model finds check-worthy, the most check-worthy first."""
        return self.filter(status=SentenceStatus.OPEN, suggested=True).order_by("-score", "id")

    def with_text(self):
        """Each sentence's words cut in the database: a list of sentences does
        not carry its article's whole text once per row."""
        return self.annotate(text=Substr("article__text", models.F("start") + 1, models.F("end") - models.F("start")))

    def labelled(self):
        """The desk's labels: marked as claims (positives) and dismissed (negatives)."""
        return self.exclude(status=SentenceStatus.OPEN)


class Sentence(models.Model):
    """``article.text[start:end]``, in code points, as the splitter cut it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sentences", db_index=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences", db_index=False)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    language = models.CharField(max_length=16, blank=True)
    score = models.FloatField(help_text="Check-worthiness in [0, 1].")
    suggested = models.BooleanField(help_text="At or above the scoring model's threshold.")
    reasons = models.JSONField(
        default=dict, blank=True, help_text="What spoke for and against it: {feature: weight × value}."
    )
    status = models.CharField(max_length=16, choices=SentenceStatus.choices, default=SentenceStatus.OPEN)
    dismiss_reason = models.CharField(max_length=20, choices=DismissReason.choices, blank=True)
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = SentenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start"], name="sentence_unique_start"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="sentence_not_empty"),
        ]
        indexes = [
            # The check-worthy queue: a project's open suggestions, best first.
            models.Index(
                "project", models.F("score").desc(), name="sentence_queue", condition=Q(status="open", suggested=True)
            ),
            models.Index(fields=["project", "status"], name="sentence_labels"),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def text(self):
        """Its words: cut from the article, or as a query annotated them."""
        if getattr(self, "_text", None) is None:
            self._text = self.article.text[self.start : self.end]
        return self._text

    @text.setter
    def text(self, value):
        self._text = value

    def explanation(self, language="en"):
        """Why it was suggested, as a sentence in ``language`` ("en" or "id")."""
        from ..checkworthiness.model import explain

        return explain(self.reasons, language)


class CheckworthinessModel(models.Model):
    """A project's own check-worthiness model, learnt from its labels, and
    how it compares with the shipped model on labels neither was trained on."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="checkworthiness_model")
    data = models.JSONField(help_text="The model file's dictionary (checkworthiness.model).")
    labels = models.PositiveIntegerField(help_text="How many labels it was trained and tested on.")
    metrics = models.JSONField(help_text='{"project": {...}, "shipped": {...}} on the held-out labels.')
    in_use = models.BooleanField(help_text="It beat the shipped model on the held-out labels.")
    trained_at = models.DateTimeField()

    def __str__(self):
        return f"check-worthiness model of {self.project}"

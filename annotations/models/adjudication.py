"""Who annotates an article (alone, or independently with others), and the
agreement figures a background task computes from independent claims."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .articles import Article
from .projects import Project

User = settings.AUTH_USER_MODEL


class ArticleAssignmentQuerySet(models.QuerySet):
    def done(self):
        return self.filter(done_at__isnull=False)

    def pending(self):
        return self.filter(done_at__isnull=True)


class ArticleAssignment(models.Model):
    """An annotator an editor gave the article to: the only one, on an
    article not annotated independently (``workflow.article_assign_annotator``),
    or one of the k who mark it independently (``workflow.article_assign``)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="assignments")
    annotator = models.ForeignKey(User, on_delete=models.CASCADE, related_name="article_assignments")
    assigned_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True, help_text="When the annotator said they had finished.")

    objects = ArticleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["article", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "annotator"], name="assignment_unique_annotator"),
        ]

    def __str__(self):
        return f"{self.annotator} on article {self.article_id}"

    @property
    def is_done(self):
        return self.done_at is not None


class AgreementScope(models.TextChoices):
    PROJECT = "project", "project"
    WEEK = "week", "week"
    ARTICLE = "article", "article"


class AgreementQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def weeks(self):
        return self.filter(scope=AgreementScope.WEEK).order_by("week")


class Agreement(models.Model):
    """Agreement between the annotators of a project's independently
    annotated articles, as ``agreement.project_agreement`` or
    ``article_agreement`` computed it (``figures``; annotators by user id),
    and, for the project and its weeks, between the reviewers who rated
    verdicts independently (``figures["verdicts"]``, as
    ``agreement.verdict_agreement`` computed it), with its headline numbers
    in columns. Written only by
    ``tasks.compute_agreement``: never computed on a request."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="agreements")
    scope = models.CharField(max_length=8, choices=AgreementScope.choices)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="agreements")
    week = models.DateField(
        null=True, blank=True, help_text="Monday of the week the annotators (or the reviewers) finished in."
    )
    articles = models.PositiveIntegerField(default=0, help_text="Articles compared.")
    exact_f1 = models.FloatField(null=True, blank=True)
    overlap_f1 = models.FloatField(null=True, blank=True)
    codepoint_alpha = models.FloatField(null=True, blank=True)
    rated_claims = models.PositiveIntegerField(
        default=0, help_text="Claims whose verdict k reviewers rated independently, adjudicated, compared."
    )
    verdict_ordinal_alpha = models.FloatField(null=True, blank=True)
    verdict_nominal_alpha = models.FloatField(null=True, blank=True)
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["project", "scope", "week", "article"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="project", article__isnull=True, week__isnull=True)
                | Q(scope="week", article__isnull=True, week__isnull=False)
                | Q(scope="article", article__isnull=False, week__isnull=True),
                name="agreement_scope_fields",
            ),
            models.UniqueConstraint(fields=["project"], condition=Q(scope="project"), name="agreement_one_per_project"),
            models.UniqueConstraint(
                fields=["project", "week"], condition=Q(scope="week"), name="agreement_one_per_week"
            ),
            models.UniqueConstraint(fields=["article"], condition=Q(scope="article"), name="agreement_one_per_article"),
        ]

    def __str__(self):
        return f"Agreement ({self.scope}) of {self.project}"

    def pair(self, a, b):
        """The figures of the pair of annotators (user ids), or None."""
        wanted = sorted([a, b])
        return next((p for p in self.figures.get("pairs", []) if sorted(p["annotators"]) == wanted), None)

"""API serializers: output serializers name the fields they show; input
serializers validate a request's data for a workflow function. No
serializer saves anything itself."""

import datetime

from django.db import models
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.reverse import reverse

from .. import checked_before, exporters, importers, notifications
from ..exporters.filters import ExportFilters
from ..models import (
    RATING_PRESETS,
    Activity,
    Agreement,
    ApiToken,
    Article,
    ArticleAssignment,
    Claim,
    ClaimantType,
    Comment,
    DismissReason,
    Evidence,
    EvidenceKind,
    ExportJob,
    ExternalFactCheck,
    FeverLabel,
    ImportJob,
    IndependentRating,
    Invitation,
    JobStatus,
    Membership,
    Notification,
    Project,
    Rating,
    RatingColour,
    Role,
    Sentence,
    Verdict,
    VerdictClass,
)


class UTCDateTimeField(serializers.DateTimeField):
    """The API writes times in UTC ("…Z"), whatever TIME_ZONE the pages use."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=datetime.UTC, **kwargs)


class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UTCDateTimeField,
    }


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to an object in one of the user's projects. Anything else,
    whether it exists or not, is "not found": nothing leaks about projects
    the user is not a member of."""

    def get_queryset(self):
        return self.queryset.for_user(self.context["request"].user)

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(pk=int(data))
        except (TypeError, ValueError, OverflowError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        except self.queryset.model.DoesNotExist:
            raise exceptions.NotFound(f"No such {self.queryset.model._meta.verbose_name} ({data}).") from None


# Output ------------------------------------------------------------------


class ProjectSerializer(ModelSerializer):
    role = serializers.CharField(read_only=True, help_text="Your role in this project.")

    class Meta:
        model = Project
        fields = [
            "id", "name", "slug", "language", "publisher_name", "publisher_url",
            "allow_self_approval", "retracted_verdict_public", "auto_link_matches", "created_at", "role",
        ]  # fmt: skip


class MembershipSerializer(ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "project", "user", "username", "role", "created_at"]


class RatingSerializer(ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "project", "label", "value", "description", "order", "active", "fever_label", "colour"]


class ArticleListSerializer(ModelSerializer):
    class Meta:
        model = Article
        fields = [
            "id", "project", "title", "url", "publisher", "author", "published_at",
            "language", "external_id", "import_job", "created_at", "independent",
        ]  # fmt: skip


class ArticleAssignmentSerializer(ModelSerializer):
    annotator = serializers.CharField(source="annotator.username", read_only=True)

    class Meta:
        model = ArticleAssignment
        fields = ["annotator", "assigned_at", "done_at"]


class ArticleSerializer(ArticleListSerializer):
    assignments = ArticleAssignmentSerializer(many=True, read_only=True)

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "text", "text_hash", "assignments"]


class AgreementSerializer(ModelSerializer):
    figures = serializers.JSONField(
        read_only=True,
        help_text="Everything computed (annotators by user id): span F1 exact and at 50 % overlap, α over code "
        "points, claimant and check-worthiness agreement, and per pair of annotators (for an article: their "
        "matches and the claims only one of them marked). For the project and its weeks, also `verdicts`: the "
        "agreement of reviewers who rated adjudicated claims independently (reviewers by user id, the scale's "
        "ratings by id): `items`, `ordinal_alpha`, `nominal_alpha`, and per pair of reviewers `agreement`, "
        "Cohen's `kappa`, `kappa_linear`, `kappa_quadratic`, `ordinal_alpha`.",
    )

    class Meta:
        model = Agreement
        fields = [
            "id", "project", "scope", "article", "week", "articles", "exact_f1", "overlap_f1", "codepoint_alpha",
            "rated_claims", "verdict_ordinal_alpha", "verdict_nominal_alpha", "figures", "computed_at",
        ]  # fmt: skip


class IndependentRatingSerializer(ModelSerializer):
    rating_label = serializers.CharField(source="rating.label", read_only=True, allow_null=True, default=None)

    class Meta:
        model = IndependentRating
        fields = ["id", "claim", "reviewer", "rating", "rating_label", "rationale", "sent_by", "sent_at", "rated_at"]


class ClaimSerializer(ModelSerializer):
    article_title = serializers.CharField(read_only=True)
    current_verdict = serializers.IntegerField(source="current_verdict_pk", read_only=True, allow_null=True)
    current_rating = serializers.CharField(
        source="current_rating_label",
        read_only=True,
        allow_null=True,
        help_text="Label of the current verdict's rating.",
    )

    class Meta:
        model = Claim
        fields = [
            "id", "project", "article", "article_title", "start", "end", "quote", "statement",
            "claimant", "claimant_url", "claimant_type", "claim_date", "appearance_urls", "check_worthiness", "tags",
            "status", "assignee", "created_by", "duplicate_of", "current_verdict", "current_rating",
            "revision", "created_at", "updated_at",
        ]  # fmt: skip


class EvidenceSerializer(ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "verdict", "url", "title", "quote", "archived_url", "accessed_at", "kind", "order"]


class VerdictSerializer(ModelSerializer):
    rating_label = serializers.CharField(source="rating.label", read_only=True, allow_null=True, default=None)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Verdict
        fields = [
            "id", "claim", "author", "rating", "rating_label", "summary", "analysis", "status", "version",
            "is_current", "corrects", "correction_note", "reviewed_by", "published_at", "revision",
            "created_at", "updated_at", "evidence",
        ]  # fmt: skip


class CommentSerializer(ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "project", "claim", "verdict", "author", "body", "resolved", "resolved_by", "created_at"]


class ExternalFactCheckSerializer(ModelSerializer):
    class Meta:
        model = ExternalFactCheck
        fields = [
            "id", "project", "url", "claim_reviewed", "headline", "summary", "publisher_name", "publisher_url",
            "authors", "date_published", "date_modified", "language", "claimant_name", "claimant_url", "claim_date",
            "appearances", "rating_label", "rating_value", "rating_best", "rating_worst", "verdict_class",
            "rating_notes", "warnings", "import_job", "created_at",
        ]  # fmt: skip


class SentenceSerializer(ModelSerializer):
    text = serializers.CharField(read_only=True, help_text="article.text[start:end]")
    explanation = serializers.SerializerMethodField(help_text="Why it was scored so, in the request's language.")

    class Meta:
        model = Sentence
        fields = [
            "id", "project", "article", "start", "end", "text", "language", "score", "suggested", "explanation",
            "reasons", "status", "dismiss_reason", "claim", "decided_by", "decided_at",
        ]  # fmt: skip

    def get_explanation(self, sentence) -> str:
        return sentence.explanation("id" if (get_language() or "").startswith("id") else "en")


class MatchSerializer(serializers.Serializer):
    """One match of "checked before?": earlier work of the project that a claim or a text repeats."""

    kind = serializers.ChoiceField(choices=checked_before.MatchKind.choices)
    claim = serializers.IntegerField(
        source="claim_id", allow_null=True, help_text="The desk claim matched (desk_verdict, desk_claim)."
    )
    verdict = serializers.IntegerField(source="verdict_id", allow_null=True, help_text="Its current verdict.")
    fact_check = serializers.IntegerField(
        source="fact_check_id", allow_null=True, help_text="The other publisher's fact-check matched (fact_check)."
    )
    text = serializers.CharField(help_text="The claim as matched: a statement, a quote or the claim reviewed.")
    rating = serializers.CharField(help_text="As the desk or the publisher rated it; empty before a rating.")
    verdict_class = serializers.ChoiceField(choices=VerdictClass.choices, help_text="What the rating means.")
    publisher = serializers.CharField()
    date = UTCDateTimeField(allow_null=True, help_text="Published, or for a claim in progress, marked.")
    language = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The public page, the claim in the workspace, or the fact-check.")
    score = serializers.FloatField(help_text="What the matches are ranked by.")
    similarity = serializers.FloatField(allow_null=True, help_text="Cosine of the two embeddings, 0 to 1.")
    decision = serializers.ChoiceField(
        choices=checked_before.Decision.choices,
        help_text='"confirm": very likely the same claim (may be linked automatically); "suggest": possibly.',
    )

    def get_url(self, result) -> str:
        if result.url.startswith("/"):
            return self.context["request"].build_absolute_uri(result.url)
        return result.url


class MatchInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000, help_text="A claim, a message from a tipline, a headline.")
    limit = serializers.IntegerField(min_value=1, max_value=20, default=checked_before.TOP)


class DismissInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DismissReason.choices, required=False, default="")


class ActivitySerializer(ModelSerializer):
    actor_name = serializers.CharField(source="actor.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Activity
        fields = [
            "id", "project", "actor", "actor_name", "verb", "object_type", "object_id",
            "from_state", "to_state", "comment", "created_at",
        ]  # fmt: skip


class NotificationSerializer(ModelSerializer):
    actor_name = serializers.CharField(source="actor.username", read_only=True, allow_null=True, default=None)
    sentence = serializers.CharField(read_only=True, help_text="What happened, said after the actor's name.")
    url = serializers.SerializerMethodField(help_text="The page of its object, in the web app.")

    class Meta:
        model = Notification
        fields = [
            "id", "kind", "sentence", "actor", "actor_name", "project", "claim", "verdict", "article", "excerpt",
            "created_at", "read_at", "url",
        ]  # fmt: skip

    def get_url(self, notification) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(notifications.target_url(notification, request.user))


class MarkedReadOutput(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were unread and are read now.")


JOB_FIELDS = [
    "id", "project", "owner", "format", "status", "progress", "message", "attempts",
    "created_at", "started_at", "finished_at", "heartbeat_at",
]  # fmt: skip


class JobSerializer(ModelSerializer):
    progress = serializers.IntegerField(read_only=True, help_text="How far the job is, in per cent.")


class ImportJobSerializer(JobSerializer):
    class Meta:
        model = ImportJob
        fields = [
            *JOB_FIELDS, "bytes_read", "bytes_total", "filename", "encoding", "page_articles",
            "created_count", "duplicate_count",
            "warning_count", "failed_count", "errors", "warnings",
        ]  # fmt: skip


class ExportJobSerializer(JobSerializer):
    download_url = serializers.SerializerMethodField(help_text="Where the file is, once the job is completed.")

    class Meta:
        model = ExportJob
        fields = [*JOB_FIELDS, "claims_done", "claims_total", "filters", "expires_at", "download_url"]

    def get_download_url(self, job) -> str | None:
        if job.status != JobStatus.COMPLETED:
            return None
        return reverse("exportjob-download", args=[job.pk], request=self.context.get("request"))


# Input -------------------------------------------------------------------


class ProjectInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=100)
    language = serializers.CharField(max_length=16, default="en")
    publisher_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    publisher_url = serializers.URLField(required=False, allow_blank=True)
    allow_self_approval = serializers.BooleanField(required=False)
    retracted_verdict_public = serializers.BooleanField(
        required=False, help_text=Project._meta.get_field("retracted_verdict_public").help_text
    )
    auto_link_matches = serializers.BooleanField(
        required=False, help_text=Project._meta.get_field("auto_link_matches").help_text
    )
    rating_preset = serializers.ChoiceField(
        choices=sorted(RATING_PRESETS), required=False, help_text="Rating scale to start with (default: by language)."
    )

    def validate_slug(self, value):
        if Project.objects.filter(slug=value).exists():
            raise serializers.ValidationError("This slug is taken.")
        return value


class ProjectUpdateInput(ProjectInput):
    slug = None
    rating_preset = None


class MembershipInput(serializers.Serializer):
    project = VisibleRelatedField(queryset=Project.objects)
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices)


class InvitationSerializer(ModelSerializer):
    invited_by = serializers.CharField(source="invited_by.username", read_only=True, default=None)
    url = serializers.SerializerMethodField(help_text="The link to pass on: it works once, until it expires.")

    class Meta:
        model = Invitation
        fields = ["id", "project", "email", "name", "role", "invited_by", "created_at", "expires_at", "url"]

    def get_url(self, invitation) -> str:
        return self.context["request"].build_absolute_uri(invitation.get_absolute_url())


class InvitationInput(serializers.Serializer):
    project = VisibleRelatedField(queryset=Project.objects)
    email = serializers.EmailField(required=False, allow_blank=True, help_text="Where the link is sent.")
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, help_text="Who it is for.")
    role = serializers.ChoiceField(choices=Role.choices)


class MembershipUpdateInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


class RatingInput(serializers.Serializer):
    project = VisibleRelatedField(queryset=Project.objects)
    label = serializers.CharField(max_length=100)
    value = serializers.IntegerField(min_value=1, max_value=32767, required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)
    order = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    active = serializers.BooleanField(required=False)
    fever_label = serializers.ChoiceField(choices=FeverLabel.choices, required=False, allow_blank=True)
    colour = serializers.ChoiceField(choices=RatingColour.choices, required=False, allow_blank=True)


class RatingUpdateInput(RatingInput):
    project = None
    label = serializers.CharField(max_length=100, required=False)


class ArticleInput(serializers.Serializer):
    project = VisibleRelatedField(queryset=Project.objects)
    text = serializers.CharField(trim_whitespace=False)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author = serializers.CharField(max_length=200, required=False, allow_blank=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.CharField(max_length=16, required=False, allow_blank=True)
    external_id = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ClaimFieldsInput(serializers.Serializer):
    statement = serializers.CharField(required=False, allow_blank=True)
    claimant = serializers.CharField(max_length=300, required=False, allow_blank=True)
    claimant_url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    claimant_type = serializers.ChoiceField(choices=ClaimantType.choices, required=False)
    claim_date = serializers.DateField(required=False, allow_null=True)
    appearance_urls = serializers.ListField(child=serializers.URLField(max_length=2000), required=False)
    check_worthiness = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False)


class AssignInput(serializers.Serializer):
    annotators = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), min_length=1, max_length=100,
        help_text="User ids of members of the article's project (two or more with those already assigned).",
    )  # fmt: skip


class ClaimAssignInput(serializers.Serializer):
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), min_length=1, max_length=200,
        help_text="Ids of claims of one project, each open, in progress or in review.",
    )  # fmt: skip
    assignee = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, allow_null=True,
        help_text="User id of a reviewer (or a higher role) of the claims' project; null to unassign.",
    )  # fmt: skip


class SendForRatingInput(serializers.Serializer):
    reviewers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), min_length=2, max_length=100,
        help_text="User ids of two or more reviewers of the claim's project, who rate it independently.",
    )  # fmt: skip


class RateInput(serializers.Serializer):
    rating = VisibleRelatedField(queryset=Rating.objects, help_text="A rating of the project's scale.")
    rationale = serializers.CharField(max_length=2000, help_text="Why, in a sentence or two.")


class AdjudicateRatingsInput(serializers.Serializer):
    rating = VisibleRelatedField(
        queryset=Rating.objects, help_text="The rating the verdict carries: one the reviewers gave, or another."
    )
    assignee = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="User id of the reviewer who writes the verdict."
    )


class AdjudicateInput(serializers.Serializer):
    accepted = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), max_length=10_000,
        help_text="Ids of the claims to keep, at most one of each group of matching claims; the others are rejected.",
    )  # fmt: skip


class ClaimInput(ClaimFieldsInput):
    article = VisibleRelatedField(queryset=Article.objects)
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1, help_text="Code point offset (not UTF-16).")
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="Code point offset, exclusive.")
    quote = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class ClaimUpdateInput(ClaimFieldsInput):
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    quote = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    revision = serializers.IntegerField(required=False, help_text="The revision you edited; a stale one gets 409.")


class CommentBodyInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class RequiredCommentInput(serializers.Serializer):
    comment = serializers.CharField()


class MarkDuplicateInput(CommentBodyInput):
    original = VisibleRelatedField(queryset=Claim.objects)


class VerdictFieldsInput(serializers.Serializer):
    rating = VisibleRelatedField(queryset=Rating.objects, required=False, allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    analysis = serializers.CharField(required=False, allow_blank=True, help_text="Markdown.")


class VerdictInput(VerdictFieldsInput):
    claim = VisibleRelatedField(queryset=Claim.objects)


class VerdictUpdateInput(VerdictFieldsInput):
    revision = serializers.IntegerField(required=False, help_text="The revision you edited; a stale one gets 409.")


class RevisionInput(serializers.Serializer):
    revision = serializers.IntegerField(required=False)


class CorrectInput(VerdictFieldsInput):
    correction_note = serializers.CharField(help_text="Public note saying what the correction changes.")


class EvidenceFieldsInput(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    quote = serializers.CharField(required=False, allow_blank=True)
    archived_url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    accessed_at = serializers.DateField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=EvidenceKind.choices, required=False)
    order = serializers.IntegerField(min_value=0, max_value=32767, required=False)


class EvidenceInput(EvidenceFieldsInput):
    verdict = VisibleRelatedField(queryset=Verdict.objects)


class EvidenceUpdateInput(EvidenceFieldsInput):
    url = serializers.URLField(max_length=2000, required=False)


class CommentInput(serializers.Serializer):
    claim = VisibleRelatedField(queryset=Claim.objects, required=False, allow_null=True)
    verdict = VisibleRelatedField(queryset=Verdict.objects, required=False, allow_null=True)
    body = serializers.CharField()

    def validate(self, data):
        if bool(data.get("claim")) == bool(data.get("verdict")):
            raise serializers.ValidationError("Comment on exactly one claim or one verdict.")
        return data


class ImportInput(serializers.Serializer):
    file = serializers.FileField(help_text="JSONL, JSON, CSV, TXT, HTML, ZIP of these, or ClaimReview JSON-LD.")
    format = serializers.ChoiceField(
        choices=importers.format_choices(),
        required=False,
        help_text="Default: from the file's extension (.jsonld means ClaimReview).",
    )
    encoding = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text="Text encoding; default UTF-8 or detected."
    )
    page_articles = serializers.BooleanField(
        required=False, help_text="Keep the text of a fact-check page as an article too, besides its fact-checks."
    )


@extend_schema_field(ExportFilters)
class ExportFiltersField(serializers.JSONField):
    """Passed on as sent: ``workflow.export_queue`` validates the filters."""


class ExportInput(serializers.Serializer):
    format = serializers.ChoiceField(choices=exporters.format_choices())
    filters = ExportFiltersField(required=False)


class TokenInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)  # Django's, and what a failed login may store
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    name = serializers.CharField(max_length=100, required=False, default="API", help_text="What the token is for.")


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(help_text="The key; it is shown only this once.")
    id = serializers.IntegerField()
    name = serializers.CharField()
    expires_at = UTCDateTimeField(allow_null=True)


class ApiTokenSerializer(ModelSerializer):
    current = serializers.SerializerMethodField(help_text="Whether this request is authenticated with this token.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "expires_at", "current"]

    def get_current(self, token) -> bool:
        return token == self.context["request"].auth

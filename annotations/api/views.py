"""API viewsets. Reads are scoped to the user's projects (a non-member gets
404); every write validates its input with an input serializer and calls a
function of ``workflow``, which checks the user's role and the object's
state."""

from django.contrib.auth import authenticate, get_user_model
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.throttling import AnonRateThrottle

from .. import checked_before, logins, permissions, uploads, workflow
from ..exporters import EXPORTERS
from ..exporters.job import file_response
from ..models import (
    Activity,
    Agreement,
    AgreementScope,
    ApiToken,
    Article,
    Claim,
    Comment,
    Evidence,
    ExportJob,
    ExternalFactCheck,
    ImportJob,
    IndependentRating,
    IndependentState,
    Invitation,
    JobStatus,
    Membership,
    Project,
    Rating,
    Sentence,
    Verdict,
)
from . import filters, json_rows, serializers
from .errors import ErrorSerializer, Gone, LoginLockedOut, PreconditionFailed


def _users(request, ids, field):
    """The users of these ids; only users who share a project with the caller
    can be named, others are unknown (not "not members")."""
    ids = set(ids)
    users = list(permissions.visible(get_user_model(), request.user).filter(pk__in=ids))
    unknown = ids - {u.pk for u in users}
    if unknown:
        raise exceptions.ValidationError({field: [_("Unknown users: %s.") % sorted(unknown)]})
    return users


def _input(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, context={"request": request}, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ScopedViewSet(viewsets.GenericViewSet):
    """A viewset over one model, limited to the objects of the user's projects."""

    project_path = "project"
    ordering_fields = ["id", "created_at"]
    filter_backends = [*viewsets.GenericViewSet.filter_backends, OrderingFilter]

    def get_queryset(self, queryset=None):
        projects = Project.objects.for_user(self.request.user)
        return (self.queryset if queryset is None else queryset).filter(**{f"{self.project_path}__in": projects})

    def respond(self, obj, status_code=status.HTTP_200_OK):
        obj = self.get_queryset().get(pk=obj.pk)  # read back with the list's annotations
        response = Response(self.get_serializer(obj).data, status=status_code)
        if hasattr(obj, "revision"):
            response["ETag"] = f'"{obj.revision}"'
        return response

    def retrieve(self, request, *args, **kwargs):
        return self.respond(self.get_object())

    def revision_from(self, request, data):
        """The revision the client edited: from the body, or from If-Match."""
        if data.get("revision") is not None:
            return data.pop("revision"), False
        data.pop("revision", None)
        header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
        if header:
            try:
                return int(header), True
            except ValueError:
                raise PreconditionFailed("If-Match must be an ETag this API gave you.") from None
        return None, False

    def guarded(self, request, data, function, **kwargs):
        """Call a workflow function with the client's revision; a stale If-Match
        gets 412, a stale body revision 409."""
        revision, from_header = self.revision_from(request, data)
        try:
            return function(revision=revision, **kwargs, **data)
        except workflow.Conflict as conflict:
            if from_header and conflict.revision is not None and conflict.revision != revision:
                raise PreconditionFailed(conflict.message) from None
            raise


@extend_schema_view(
    list=extend_schema(summary="Projects you are a member of"),
    create=extend_schema(
        request=serializers.ProjectInput,
        summary="Create a project; you become its admin (staff, or everyone where PROJECT_CREATION_OPEN)",
    ),
    partial_update=extend_schema(request=serializers.ProjectUpdateInput, summary="Change project settings (admins)"),
)
class ProjectViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Project.objects.all()
    serializer_class = serializers.ProjectSerializer
    project_path = "pk"
    ordering_fields = ["id", "name", "created_at"]

    def get_queryset(self):
        role = Membership.objects.filter(project=OuterRef("pk"), user=self.request.user).values("role")[:1]
        return Project.objects.for_user(self.request.user).annotate(role=Subquery(role))

    def initial(self, request, *args, **kwargs):
        # Before authentication: a session's CSRF check reads the body.
        if self.action == "imports":
            self.upload_limit = uploads.limit_upload(request)
        super().initial(request, *args, **kwargs)

    def create(self, request):
        project = workflow.project_create(user=request.user, **_input(serializers.ProjectInput, request))
        return self.respond(project, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        data = _input(serializers.ProjectUpdateInput, request, partial=True)
        return self.respond(workflow.project_update(project=self.get_object(), user=request.user, **data))

    @extend_schema(
        request=serializers.MatchInput,
        responses=serializers.MatchSerializer(many=True),
        summary="Checked before? The project's earlier work that a free text repeats, best first",
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def match(self, request, pk=None):
        project = self.get_object()
        data = _input(serializers.MatchInput, request)
        results = checked_before.matches_for_text(project, data["text"], data["limit"])
        return Response(serializers.MatchSerializer(results, many=True, context={"request": request}).data)

    @extend_schema(
        request=serializers.ExportInput,
        responses={202: serializers.ExportJobSerializer},
        summary="Export the project's claims (editors); poll the job, then download its file",
    )
    @action(detail=True, methods=["post"])
    def exports(self, request, pk=None):
        data = _input(serializers.ExportInput, request)
        job = workflow.export_queue(project=self.get_object(), user=request.user, **data)
        url = reverse("exportjob-detail", args=[job.pk], request=request)
        body = serializers.ExportJobSerializer(job, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})

    @extend_schema(
        request={"multipart/form-data": serializers.ImportInput},
        responses={202: serializers.ImportJobSerializer},
        summary="Upload a file of articles to import (editors); poll the job it returns",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def imports(self, request, pk=None):
        project = self.get_object()
        # Read the body first: an upload stopped at the limit is a 413, not a missing file.
        request.data  # noqa: B018
        self.upload_limit.check()
        data = _input(serializers.ImportInput, request)
        job = workflow.import_queue(project=project, user=request.user, upload=data.pop("file"), **data)
        url = reverse("importjob-detail", args=[job.pk], request=request)
        body = serializers.ImportJobSerializer(job).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


@extend_schema_view(
    create=extend_schema(
        request=serializers.MembershipInput,
        summary="Add an existing user by username (staff, or admins where MEMBERS_FROM_INSTANCE); else invite",
    ),
    partial_update=extend_schema(request=serializers.MembershipUpdateInput, summary="Change a member's role (admins)"),
    destroy=extend_schema(summary="Remove a member (admins)"),
)
class MembershipViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Membership.objects.select_related("user")
    serializer_class = serializers.MembershipSerializer
    filterset_fields = ["project", "role", "user"]

    def create(self, request):
        data = _input(serializers.MembershipInput, request)
        # Refused before any lookup: where admins may not add users of the
        # instance, an existing and a missing username get the same answer.
        permissions.check_add_instance_users(request.user, data["project"])
        member = get_user_model().objects.filter(username=data.pop("username")).first()
        if member is None:
            raise exceptions.ValidationError({"username": ["No user has this username."]})
        membership = workflow.membership_add(user=request.user, member=member, **data)
        return self.respond(membership, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        data = _input(serializers.MembershipUpdateInput, request)
        return self.respond(workflow.membership_update(membership=self.get_object(), user=request.user, **data))

    def destroy(self, request, pk=None):
        workflow.membership_remove(membership=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Pending invitations of the projects you admin"),
    create=extend_schema(
        request=serializers.InvitationInput,
        summary="Invite someone by email or name (admins); the answer holds the link to pass on",
    ),
    destroy=extend_schema(summary="Revoke a pending invitation (admins)"),
)
class InvitationViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Invitation.objects.select_related("invited_by")
    serializer_class = serializers.InvitationSerializer
    filterset_fields = ["project", "role"]

    def get_queryset(self):
        # Their links are keys: only the project's admins see invitations.
        projects = permissions.projects_where(self.request.user, "member.manage")
        return self.queryset.pending().filter(project__in=projects)

    def create(self, request):
        data = _input(serializers.InvitationInput, request)
        invitation = workflow.invitation_create(user=request.user, **data)
        return self.respond(invitation, status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        workflow.invitation_revoke(invitation=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    create=extend_schema(request=serializers.RatingInput, summary="Add a rating to a project's scale (editors)"),
    partial_update=extend_schema(
        request=serializers.RatingUpdateInput, summary="Change or retire (active=false) a rating (editors)"
    ),
)
class RatingViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Rating.objects.all()
    serializer_class = serializers.RatingSerializer
    filterset_fields = ["project", "active"]
    ordering_fields = ["id", "order", "value"]

    def create(self, request):
        data = _input(serializers.RatingInput, request)
        return self.respond(workflow.rating_create(user=request.user, **data), status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        data = _input(serializers.RatingUpdateInput, request, partial=True)
        return self.respond(workflow.rating_update(rating=self.get_object(), user=request.user, **data))


@extend_schema_view(
    list=extend_schema(summary="Articles (without their text)"),
    create=extend_schema(request=serializers.ArticleInput, summary="Add one article (editors)"),
)
class ArticleViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Article.objects.defer("text", "search_vector")
    filterset_class = filters.ArticleFilter
    ordering_fields = ["id", "created_at", "published_at", "title"]

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.defer(None).defer("search_vector") if self.action != "list" else queryset

    def get_serializer_class(self):
        return serializers.ArticleListSerializer if self.action == "list" else serializers.ArticleSerializer

    def create(self, request):
        article = workflow.article_create(user=request.user, **_input(serializers.ArticleInput, request))
        return self.respond(article, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.AssignInput, responses=serializers.ArticleSerializer,
        summary="Send an article to annotators who mark it independently (editors)",
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        article = self.get_object()
        users = _users(request, _input(serializers.AssignInput, request)["annotators"], "annotators")
        return self.respond(workflow.article_assign(article=article, user=request.user, annotators=users))

    @extend_schema(
        request=None, responses=serializers.ArticleSerializer,
        summary="Say you have finished annotating an article you were assigned",
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        article = self.get_object()
        workflow.assignment_finish(article=article, user=request.user)
        return self.respond(article)

    @extend_schema(
        request=serializers.AdjudicateInput, responses=serializers.ArticleSerializer,
        summary="Adjudicate an independently annotated article: keep some claims, reject the rest (editors)",
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def adjudicate(self, request, pk=None):
        data = _input(serializers.AdjudicateInput, request)
        return self.respond(workflow.article_adjudicate(article=self.get_object(), user=request.user, **data))


CLAIM_ACTION = {"request": None, "responses": serializers.ClaimSerializer}


@extend_schema_view(
    create=extend_schema(request=serializers.ClaimInput, summary="Mark a claim: a span of an article's text"),
    partial_update=extend_schema(
        request=serializers.ClaimUpdateInput,
        summary="Edit a claim",
        parameters=[OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False)],
    ),
    destroy=extend_schema(summary="Delete an open claim"),
)
class ClaimViewSet(mixins.ListModelMixin, ScopedViewSet):
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    ordering_fields = ["id", "created_at", "updated_at"]

    queryset = (
        Claim.objects.defer("search_vector")
        .with_current_verdict()
        .annotate(
            article_title=F("article__title"),
            current_verdict_pk=F("current__id"),
            current_rating_label=F("current__rating__label"),
        )
    )

    # The claims list is the busiest read of the API. On PostgreSQL the
    # database writes each row's JSON (see json_rows); elsewhere, and for
    # the browsable API, it is served from value rows instead of model
    # instances. test_lists checks that both give the claim's detail JSON.
    fields = serializers.ClaimSerializer.Meta.fields
    columns = [
        {"current_verdict": "current_verdict_pk", "current_rating": "current_rating_label"}.get(name, name)
        for name in fields
    ]
    json_queryset = queryset.annotate(
        json=json_rows.JSONRow(**{name: F(column) for name, column in zip(fields, columns, strict=True)})
    )

    def get_queryset(self, queryset=None):
        # The user's projects, without the claims others marked independently
        # before adjudication: one rule, ClaimQuerySet.visible_to.
        return (self.queryset if queryset is None else queryset).visible_to(self.request.user)

    def list(self, request):
        if connection.vendor == "postgresql" and request.accepted_renderer.format == "json":
            queryset = self.filter_queryset(self.get_queryset(self.json_queryset))
            position = self.paginator.get_ordering(request, queryset, self)[0].lstrip("-")
            with json_rows.prepared_statements():
                page = self.paginate_queryset(queryset.values(position, "json"))
            links = {"next": self.paginator.get_next_link(), "previous": self.paginator.get_previous_link()}
            return HttpResponse(json_rows.page_body(links, [row["json"] for row in page]), "application/json")
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()).values(*self.columns))
        rows = [dict(zip(self.fields, (row[column] for column in self.columns), strict=True)) for row in page]
        return self.get_paginated_response(rows)

    def create(self, request):
        claim = workflow.claim_mark(user=request.user, **_input(serializers.ClaimInput, request))
        return self.respond(claim, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        data = _input(serializers.ClaimUpdateInput, request, partial=True)
        claim = self.guarded(request, data, workflow.claim_update, claim=self.get_object(), user=request.user)
        return self.respond(claim)

    def destroy(self, request, pk=None):
        workflow.claim_delete(claim=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=serializers.ClaimAssignInput, responses=serializers.ClaimSerializer(many=True),
        summary="Assign claims to a reviewer, or unassign them (editors). An open claim assigned goes into "
        "progress; one unassigned goes back to the queue. All or nothing.",
    )  # fmt: skip
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def assign(self, request):
        data = _input(serializers.ClaimAssignInput, request)
        ids = set(data["claims"])
        claims = list(self.get_queryset(Claim.objects.only("id", "project_id")).filter(pk__in=ids))
        unknown = ids - {c.pk for c in claims}
        if unknown:
            raise exceptions.ValidationError({"claims": [_("Unknown claims: %s.") % sorted(unknown)]})
        assignee = None
        if data["assignee"] is not None:
            assignee = permissions.visible(get_user_model(), request.user).filter(pk=data["assignee"]).first()
            if assignee is None:
                raise exceptions.ValidationError({"assignee": [_("Unknown user: %s.") % data["assignee"]]})
        workflow.claim_assign(claims=claims, user=request.user, assignee=assignee)
        rows = self.get_queryset().filter(pk__in=ids).order_by("pk").values(*self.columns)
        return Response([dict(zip(self.fields, (row[c] for c in self.columns), strict=True)) for row in rows])

    @extend_schema(**CLAIM_ACTION, summary="Take an open claim to check it (reviewers)")
    @action(detail=True, methods=["post"])
    def take(self, request, pk=None):
        return self.respond(workflow.claim_take(claim=self.get_object(), user=request.user))

    @extend_schema(**CLAIM_ACTION, summary="Give a claim back to the queue")
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        return self.respond(workflow.claim_release(claim=self.get_object(), user=request.user))

    @extend_schema(request=serializers.RequiredCommentInput, responses=serializers.ClaimSerializer)
    @action(detail=True, methods=["post"], url_path="mark-not-checkable")
    def mark_not_checkable(self, request, pk=None):
        data = _input(serializers.RequiredCommentInput, request)
        return self.respond(workflow.claim_mark_not_checkable(claim=self.get_object(), user=request.user, **data))

    @extend_schema(
        **CLAIM_ACTION, summary="Put a claim set aside (not checkable, duplicate) back among the open ones (editors)"
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self.respond(workflow.claim_reopen(claim=self.get_object(), user=request.user))

    @extend_schema(
        responses=serializers.MatchSerializer(many=True),
        summary="Checked before? The project's earlier work this claim repeats, best first",
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def matches(self, request, pk=None):
        claim = self.get_object()
        results = checked_before.matches_for_claim(claim)
        return Response(serializers.MatchSerializer(results, many=True, context={"request": request}).data)

    @extend_schema(request=serializers.MarkDuplicateInput, responses=serializers.ClaimSerializer)
    @action(detail=True, methods=["post"], url_path="mark-duplicate")
    def mark_duplicate(self, request, pk=None):
        data = _input(serializers.MarkDuplicateInput, request)
        return self.respond(workflow.claim_mark_duplicate(claim=self.get_object(), user=request.user, **data))

    @extend_schema(
        request=serializers.SendForRatingInput, responses=serializers.ClaimSerializer,
        summary="Send an open claim to reviewers who rate its verdict independently (editors)",
    )  # fmt: skip
    @action(detail=True, methods=["post"], url_path="send-for-rating")
    def send_for_rating(self, request, pk=None):
        claim = self.get_object()
        reviewers = _users(request, _input(serializers.SendForRatingInput, request)["reviewers"], "reviewers")
        workflow.claims_send_for_rating(claims=[claim], user=request.user, reviewers=reviewers)
        return self.respond(claim)

    @extend_schema(
        request=serializers.RateInput, responses={201: serializers.IndependentRatingSerializer},
        summary="Rate a claim you were sent, independently: the others' ratings stay hidden until adjudication",
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        data = _input(serializers.RateInput, request)
        rated = workflow.claim_rate(claim=self.get_object(), user=request.user, **data)
        return Response(serializers.IndependentRatingSerializer(rated).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.AdjudicateRatingsInput, responses={201: serializers.VerdictSerializer},
        summary="Adjudicate a claim's independent ratings: its draft verdict carries the rating kept (editors)",
    )  # fmt: skip
    @action(detail=True, methods=["post"], url_path="adjudicate-ratings")
    def adjudicate_ratings(self, request, pk=None):
        data = _input(serializers.AdjudicateRatingsInput, request)
        (data["assignee"],) = _users(request, [data["assignee"]], "assignee")
        verdict = workflow.claim_adjudicate_ratings(claim=self.get_object(), user=request.user, **data)
        verdict = Verdict.objects.select_related("rating").prefetch_related("evidence").get(pk=verdict.pk)
        return Response(serializers.VerdictSerializer(verdict).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Independent ratings of claims: your own; everyone's once a claim is adjudicated "
        "(editors see them as soon as all reviewers have rated)"
    ),
    retrieve=extend_schema(summary="One independent rating"),
)
class IndependentRatingViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = IndependentRating.objects.select_related("rating")
    serializer_class = serializers.IndependentRatingSerializer
    filterset_class = filters.IndependentRatingFilter
    project_path = "claim__project"
    ordering_fields = ["id", "sent_at", "rated_at"]

    def get_queryset(self, queryset=None):
        # Blind until adjudication: one rule, permissions.visible_ratings.
        return permissions.visible_ratings(self.request.user, self.queryset if queryset is None else queryset)


VERDICT_ACTION = {"responses": serializers.VerdictSerializer}


@extend_schema_view(
    create=extend_schema(request=serializers.VerdictInput, summary="Start a claim's verdict as a draft"),
    partial_update=extend_schema(
        request=serializers.VerdictUpdateInput,
        summary="Edit a draft verdict",
        parameters=[OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False)],
    ),
)
class VerdictViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Verdict.objects.select_related("rating").prefetch_related("evidence")
    serializer_class = serializers.VerdictSerializer
    filterset_class = filters.VerdictFilter
    project_path = "claim__project"
    ordering_fields = ["id", "created_at", "updated_at", "published_at"]

    def create(self, request):
        data = _input(serializers.VerdictInput, request)
        return self.respond(workflow.verdict_create(user=request.user, **data), status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        data = _input(serializers.VerdictUpdateInput, request, partial=True)
        verdict = self.guarded(request, data, workflow.verdict_update, verdict=self.get_object(), user=request.user)
        return self.respond(verdict)

    @extend_schema(request=serializers.RevisionInput, **VERDICT_ACTION, summary="Submit the verdict to the editors")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        data = _input(serializers.RevisionInput, request)
        return self.respond(
            self.guarded(request, data, workflow.verdict_submit, verdict=self.get_object(), user=request.user)
        )

    @extend_schema(request=None, **VERDICT_ACTION, summary="Approve a submitted verdict (editors)")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.respond(workflow.verdict_approve(verdict=self.get_object(), user=request.user))

    @extend_schema(request=serializers.RequiredCommentInput, **VERDICT_ACTION, summary="Send back with a comment")
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        data = _input(serializers.RequiredCommentInput, request)
        return self.respond(workflow.verdict_request_changes(verdict=self.get_object(), user=request.user, **data))

    @extend_schema(request=None, **VERDICT_ACTION, summary="Publish an approved verdict (editors)")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self.respond(workflow.verdict_publish(verdict=self.get_object(), user=request.user))

    @extend_schema(request=serializers.CorrectInput, **VERDICT_ACTION, summary="Publish a correction as a new version")
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        data = _input(serializers.CorrectInput, request)
        correction = workflow.verdict_correct(verdict=self.get_object(), user=request.user, **data)
        return self.respond(correction, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.RequiredCommentInput, **VERDICT_ACTION, summary="Retract a published verdict")
    @action(detail=True, methods=["post"])
    def retract(self, request, pk=None):
        data = _input(serializers.RequiredCommentInput, request)
        return self.respond(workflow.verdict_retract(verdict=self.get_object(), user=request.user, **data))


@extend_schema_view(
    create=extend_schema(request=serializers.EvidenceInput, summary="Add evidence to a draft verdict"),
    partial_update=extend_schema(request=serializers.EvidenceUpdateInput, summary="Edit evidence"),
    destroy=extend_schema(summary="Remove evidence"),
)
class EvidenceViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Evidence.objects.select_related("verdict__claim__project")
    serializer_class = serializers.EvidenceSerializer
    filterset_fields = ["verdict", "kind"]
    project_path = "verdict__claim__project"

    def create(self, request):
        data = _input(serializers.EvidenceInput, request)
        return self.respond(workflow.evidence_add(user=request.user, **data), status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        data = _input(serializers.EvidenceUpdateInput, request, partial=True)
        return self.respond(workflow.evidence_update(evidence=self.get_object(), user=request.user, **data))

    def destroy(self, request, pk=None):
        workflow.evidence_remove(evidence=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(create=extend_schema(request=serializers.CommentInput, summary="Comment on a claim or verdict"))
class CommentViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Comment.objects.all()
    serializer_class = serializers.CommentSerializer
    filterset_fields = ["project", "claim", "verdict", "resolved", "author"]

    def get_queryset(self, queryset=None):
        # Comments on claims marked independently by others stay hidden with the claims.
        visible = Claim.objects.visible_to(self.request.user)
        return super().get_queryset(queryset).filter(Q(claim__isnull=True) | Q(claim__in=visible))

    def create(self, request):
        data = _input(serializers.CommentInput, request)
        return self.respond(workflow.comment_add(user=request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.CommentSerializer, summary="Mark a comment resolved")
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        return self.respond(workflow.comment_resolve(comment=self.get_object(), user=request.user))


class ActivityViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Activity.objects.select_related("actor")
    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilter


@extend_schema_view(
    list=extend_schema(summary="Fact-checks published by others, imported into your projects (ClaimReview)"),
)
class ExternalFactCheckViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = ExternalFactCheck.objects.defer("raw")
    serializer_class = serializers.ExternalFactCheckSerializer
    filterset_class = filters.ExternalFactCheckFilter
    ordering_fields = ["id", "date_published", "created_at"]


@extend_schema_view(
    list=extend_schema(summary="Sentences of articles, scored for check-worthiness (filter by article)"),
)
class SentenceViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Sentence.objects.with_text()
    serializer_class = serializers.SentenceSerializer
    filterset_class = filters.SentenceFilter
    ordering_fields = ["id", "start", "score"]

    @extend_schema(
        responses=serializers.SentenceSerializer(many=True),
        summary="The check-worthy queue: open suggestions across your projects, best first",
    )
    @action(detail=False, methods=["get"])
    def queue(self, request):
        self.ordering = ["-score", "-id"]
        queryset = self.filter_queryset(self.get_queryset().suggestions())
        return self.get_paginated_response(self.get_serializer(self.paginate_queryset(queryset), many=True).data)

    @extend_schema(
        request=serializers.ClaimFieldsInput, responses={201: serializers.ClaimSerializer},
        summary="Mark a suggested sentence as a claim (its exact offsets)",
    )  # fmt: skip
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        sentence = self.get_object()
        data = _input(serializers.ClaimFieldsInput, request)
        claim = workflow.claim_mark(
            article=sentence.article, user=request.user, start=sentence.start, end=sentence.end, **data
        )
        return Response(
            serializers.ClaimSerializer(ClaimViewSet.queryset.get(pk=claim.pk), context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=serializers.DismissInput, summary="Dismiss a suggested sentence, with a reason")
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        data = _input(serializers.DismissInput, request)
        return self.respond(workflow.sentence_dismiss(sentence=self.get_object(), user=request.user, **data))


@extend_schema_view(
    list=extend_schema(
        summary="Agreement between annotators, and between reviewers rating verdicts independently, as last "
        "computed (project, weeks, articles)"
    ),
    retrieve=extend_schema(summary="One stored agreement"),
)
class AgreementViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Read only: a background task computes agreement after an adjudication
    or once all annotators of an article are done, and every hour."""

    queryset = Agreement.objects.all()
    serializer_class = serializers.AgreementSerializer
    filterset_class = filters.AgreementFilter
    ordering_fields = [
        "id", "week", "overlap_f1", "exact_f1", "codepoint_alpha", "verdict_ordinal_alpha", "verdict_nominal_alpha",
    ]  # fmt: skip

    def get_queryset(self, queryset=None):
        queryset = super().get_queryset(queryset)
        # An article's figures name the claims of others: annotators see them once it is adjudicated.
        hidden = Q(scope=AgreementScope.ARTICLE, article__independent=IndependentState.AWAITING) & ~Q(
            project__in=permissions.projects_where(self.request.user, "article.adjudicate")
        )
        return queryset.exclude(hidden)


class ImportJobViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = ImportJob.objects.all()
    serializer_class = serializers.ImportJobSerializer
    filterset_fields = ["project", "status", "format"]


DOWNLOAD_MEDIA_TYPES = sorted({exporter.content_type.split(";")[0] for exporter in EXPORTERS.values()})


class ExportJobViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = ExportJob.objects.all()
    serializer_class = serializers.ExportJobSerializer
    filterset_fields = ["project", "status", "format"]

    @extend_schema(
        responses={
            # The file is of the export's format: one media type per exporter.
            **{(200, media_type): OpenApiTypes.BINARY for media_type in DOWNLOAD_MEDIA_TYPES},
            409: OpenApiResponse(ErrorSerializer, description="The export is still running"),
            410: OpenApiResponse(ErrorSerializer, description="The export failed or its file expired"),
        },
        summary="The exported file: 409 while the job runs, 410 when it failed or expired",
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if not job.is_finished:
            raise workflow.Conflict("The export is still running; poll the job and try again.", state=job.status)
        if job.status != JobStatus.COMPLETED or not job.result:
            raise Gone(f"This export is {job.get_status_display().lower()}: {job.message or 'no file'}.")
        return file_response(job)


@extend_schema_view(
    list=extend_schema(summary="Your notifications, newest first (unread=true: only the unread ones)"),
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """What concerns you in your projects: assignments, changes requested,
    approvals and publications of your verdicts, comments on your claims and
    verdicts, mentions. Only those whose object you may still see."""

    serializer_class = serializers.NotificationSerializer
    filterset_class = filters.NotificationFilter

    def get_queryset(self):
        return (
            permissions.notifications_for(self.request.user)
            .select_related("actor", "project", "claim")
            .defer("claim__search_vector")
        )

    @extend_schema(request=None, summary="Mark one of your notifications read")
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def read(self, request, pk=None):
        notification = self.get_object()
        notification.mark_read()
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=serializers.MarkedReadOutput, summary="Mark all your notifications read")
    @action(detail=False, methods=["post"], url_path="read-all", filter_backends=[], pagination_class=None)
    def read_all(self, request):
        return Response({"marked": permissions.notifications_for(request.user).mark_read()})


class LoginThrottle(AnonRateThrottle):
    rate = "20/min"


@extend_schema(request=serializers.TokenInput, responses=serializers.TokenOutput, summary="Get a new API token")
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([LoginThrottle])
def obtain_token(request):
    """Exchange a username and password for a new token to send as
    ``Authorization: Token …``; list and revoke tokens at ``/tokens/``."""
    data = _input(serializers.TokenInput, request)
    user = authenticate(request, username=data["username"], password=data["password"])
    if logins.is_locked_out(request):
        raise LoginLockedOut(logins.lockout_message(), wait=logins.cooloff_seconds())
    if user is None or not user.is_active:
        raise exceptions.ValidationError({"non_field_errors": [_("Wrong username or password.")]})
    token, key = ApiToken.objects.issue(user=user, name=data["name"])
    return Response({"token": key, "id": token.pk, "name": token.name, "expires_at": token.expires_at})


@extend_schema_view(
    list=extend_schema(summary="Your API tokens (the keys are never shown again)"),
    destroy=extend_schema(summary="Revoke one of your API tokens"),
)
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """A user's own API tokens; ``POST /auth/token/`` issues one."""

    serializer_class = serializers.ApiTokenSerializer
    filter_backends = []

    def get_queryset(self):
        return permissions.tokens_for(self.request.user)

    def perform_destroy(self, token):
        token.revoke()

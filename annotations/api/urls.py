from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("members", views.MembershipViewSet, basename="membership")
router.register("invitations", views.InvitationViewSet, basename="invitation")
router.register("ratings", views.RatingViewSet, basename="rating")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("verdicts", views.VerdictViewSet, basename="verdict")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("comments", views.CommentViewSet, basename="comment")
router.register("activity", views.ActivityViewSet, basename="activity")
router.register("independent-ratings", views.IndependentRatingViewSet, basename="independentrating")
router.register("agreement", views.AgreementViewSet, basename="agreement")
router.register("sentences", views.SentenceViewSet, basename="sentence")
router.register("fact-checks", views.ExternalFactCheckViewSet, basename="externalfactcheck")
router.register("import-jobs", views.ImportJobViewSet, basename="importjob")
router.register("export-jobs", views.ExportJobViewSet, basename="exportjob")
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("tokens", views.ApiTokenViewSet, basename="apitoken")

urlpatterns = [
    path("auth/token/", views.obtain_token, name="api-token"),
    *router.urls,
]

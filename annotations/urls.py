from django.urls import path

from . import views

# Page URLs are named in snake_case under this namespace: {% url 'annotations:workspace' … %}.
app_name = "annotations"
project = "projects/<slug:slug>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("claims/<int:pk>/report/", views.claim_report, name="claim_report"),
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("new-project/", views.project_new, name="project_new"),
    path(project, views.dashboard, name="dashboard"),
    path(project + "articles/", views.article_list, name="article_list"),
    path(project + "articles/<int:pk>/", views.workspace, name="workspace"),
    path(project + "articles/<int:pk>/claims/", views.claim_create, name="claim_create"),
    path(project + "claims/<int:pk>/edit/", views.claim_update, name="claim_update"),
    path(project + "claims/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path(project + "claims/<int:pk>/checked-before/", views.claim_matches, name="claim_matches"),
    path(project + "claims/clusters/", views.claim_clusters, name="claim_clusters"),
    path(project + "comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path(project + "review/", views.review_queue, name="review_queue"),
    path(project + "claims/<int:pk>/action/", views.claim_action, name="claim_action"),
    path(project + "claims/<int:pk>/verdict/", views.verdict_editor, name="verdict_editor"),
    path(project + "verdicts/<int:pk>/evidence/", views.evidence_save, name="evidence_save"),
    path(project + "editor/", views.editor_queue, name="editor_queue"),
    path(project + "verdicts/<int:pk>/", views.verdict_review, name="verdict_review"),
    path(project + "verdicts/<int:pk>/decide/", views.verdict_decide, name="verdict_decide"),
    path(project + "check-worthy/", views.checkworthy, name="checkworthy"),
    path(project + "sentences/<int:pk>/dismiss/", views.sentence_dismiss, name="sentence_dismiss"),
    path(project + "fact-checks/", views.fact_check_list, name="fact_check_list"),
    path(project + "fact-checks/<int:pk>/", views.fact_check, name="fact_check"),
    path(project + "imports/", views.imports, name="imports"),
    path(project + "imports/<int:pk>/", views.import_job, name="import_job"),
    path(project + "exports/", views.exports, name="exports"),
    path(project + "exports/<int:pk>/", views.export_job, name="export_job"),
    path(project + "exports/<int:pk>/download/", views.export_download, name="export_download"),
    path(project + "members/", views.members, name="members"),
    path(project + "members/add/", views.member_add, name="member_add"),
    path(project + "members/<int:pk>/", views.member_change, name="member_change"),
    path(project + "invitations/", views.invitation_add, name="invitation_add"),
    path(project + "invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path(project + "settings/", views.project_settings, name="project_settings"),
    path(project + "ratings/", views.rating_save, name="rating_add"),
    path(project + "ratings/<int:pk>/", views.rating_save, name="rating_save"),
]

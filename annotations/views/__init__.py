"""The HTML pages. They read through QuerySets and write only through
``workflow``; ``permissions`` decides who sees and does what."""

from .account import account, password_change, token_revoke
from .adjudication import (
    adjudication_page,
    agreement_page,
    article_agreement,
    article_assign,
    articles_assign_annotator,
    assignment_finish,
    pair_agreement,
)
from .articles import article_list, claim_create, claim_update, comment_add, comment_resolve, workspace
from .checked_before import claim_clusters, claim_matches, text_matches
from .claims import claim_list, claims_assign
from .fact_checks import fact_check, fact_check_list
from .invitations import invitation
from .jobs import export_download, export_job, exports, import_job, imports
from .notifications import inbox, notification_open, notification_preference, notification_read, notifications_read_all
from .projects import (
    dashboard,
    invitation_add,
    invitation_revoke,
    member_add,
    member_change,
    members,
    project_new,
    project_settings,
    rating_save,
)
from .public import claim_report, healthz, home
from .ratings import article_ratings, claim_ratings
from .review import (
    claim_action,
    claim_not_checkable,
    editor_queue,
    evidence_save,
    review_queue,
    verdict_decide,
    verdict_editor,
    verdict_review,
)
from .suggestions import checkworthy, sentence_dismiss

__all__ = [
    "claim_ratings",
    "adjudication_page",
    "agreement_page",
    "article_agreement",
    "article_ratings",
    "article_assign",
    "articles_assign_annotator",
    "claim_list",
    "claims_assign",
    "assignment_finish",
    "pair_agreement",
    "account",
    "article_list",
    "checkworthy",
    "sentence_dismiss",
    "claim_action",
    "claim_not_checkable",
    "claim_clusters",
    "claim_matches",
    "text_matches",
    "claim_create",
    "claim_report",
    "claim_update",
    "comment_add",
    "comment_resolve",
    "dashboard",
    "editor_queue",
    "evidence_save",
    "export_download",
    "export_job",
    "exports",
    "fact_check",
    "fact_check_list",
    "healthz",
    "home",
    "import_job",
    "inbox",
    "imports",
    "invitation",
    "invitation_add",
    "invitation_revoke",
    "member_add",
    "member_change",
    "members",
    "notification_open",
    "notification_preference",
    "notification_read",
    "notifications_read_all",
    "password_change",
    "project_new",
    "project_settings",
    "rating_save",
    "review_queue",
    "token_revoke",
    "verdict_decide",
    "verdict_editor",
    "verdict_review",
    "workspace",
]

"""Every state transition and cross-model write.

Views, serializers, tasks and management commands call these functions;
none of them changes a state by itself. Each function checks permission
(``permissions.check``) and state, is atomic, locks the rows it moves
(``select_for_update``) so that concurrent requests queue instead of
overwriting each other, validates what it writes and leaves an Activity row.

Errors: ``Conflict`` (an illegal move, or a stale revision: HTTP 409),
``PermissionDenied`` (403), ``Http404`` (not a member), ``ValidationError``
(400).
"""

from .adjudication import article_adjudicate, article_assign, assignment_finish
from .assignment import article_assign_annotator, claim_assign
from .base import REFUSALS, Conflict, FileTooLarge, activity_log
from .claims import (
    article_create,
    claim_delete,
    claim_mark,
    claim_mark_duplicate,
    claim_mark_not_checkable,
    claim_release,
    claim_reopen,
    claim_take,
    claim_update,
    sentence_dismiss,
)
from .jobs import export_queue, exports_expire, import_queue, jobs_requeue_stale
from .projects import (
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_add,
    membership_remove,
    membership_update,
    project_create,
    project_update,
    rating_create,
    rating_for_label,
    rating_update,
)
from .ratings import claim_adjudicate_ratings, claim_rate, claims_send_for_rating
from .verdicts import (
    comment_add,
    comment_resolve,
    evidence_add,
    evidence_remove,
    evidence_update,
    verdict_approve,
    verdict_correct,
    verdict_create,
    verdict_publish,
    verdict_request_changes,
    verdict_retract,
    verdict_submit,
    verdict_update,
)

__all__ = [
    "REFUSALS",
    "Conflict",
    "FileTooLarge",
    "activity_log",
    "article_adjudicate",
    "article_assign",
    "article_assign_annotator",
    "assignment_finish",
    "article_create",
    "claim_adjudicate_ratings",
    "claim_assign",
    "claim_delete",
    "claim_mark",
    "claim_mark_duplicate",
    "claim_mark_not_checkable",
    "claim_release",
    "claim_reopen",
    "claim_take",
    "claim_rate",
    "claim_update",
    "claims_send_for_rating",
    "comment_add",
    "comment_resolve",
    "evidence_add",
    "evidence_remove",
    "evidence_update",
    "export_queue",
    "exports_expire",
    "import_queue",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "jobs_requeue_stale",
    "membership_add",
    "membership_remove",
    "membership_update",
    "project_create",
    "sentence_dismiss",
    "project_update",
    "rating_create",
    "rating_for_label",
    "rating_update",
    "verdict_approve",
    "verdict_correct",
    "verdict_create",
    "verdict_publish",
    "verdict_request_changes",
    "verdict_retract",
    "verdict_submit",
    "verdict_update",
]

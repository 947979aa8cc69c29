"""The JSON Lines format of this app, written by ``exporters.jsonl`` and
read back by ``importers.writers.with_claims``: the one definition both use.

One line per article::

    {<ARTICLE_FIELDS>, "claims": [
        {<CLAIM_FIELDS>, "duplicate_of": {"article": <text hash>, "start": s, "end": e} | null,
         "comments": [{<COMMENT_FIELDS>}], "activity": [{<ACTIVITY_FIELDS>}],
         "verdicts": [{<VERDICT_FIELDS>, "evidence": [{<EVIDENCE_FIELDS>}],
                       "comments": […], "activity": […]}]}]}

An article annotated independently by several annotators (double
annotation) also has ``"independent": {"state": "awaiting" | "adjudicated",
"annotators": [{<ASSIGNMENT_FIELDS>}]}``, and its claims carry every
annotator's spans, each with who marked it (``created_by``) and
``"adjudication"``: ``"pending"``, ``"accepted"`` or ``"rejected"`` (``null``
for a claim marked by someone else). A claim whose verdict k reviewers
rated independently carries, once an editor has adjudicated it,
``"independent_ratings": [{<INDEPENDENT_RATING_FIELDS>}]`` (its verdict
carries the rating kept); before that, nothing of them. The import reads
none of these back (a claim still being rated is imported as open).

People are named by username (``USER_FIELDS``); an import links a name to
a user only where that user is a member of the importing project.
"""

from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder


class Encoder(DjangoJSONEncoder):
    """Times with their microseconds (Django's encoder keeps milliseconds),
    so that a file read back orders and compares as the desk's own data."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


ARTICLE_FIELDS = ["external_id", "title", "url", "publisher", "author", "published_at", "language", "text"]
CLAIM_FIELDS = [
    "start", "end", "quote", "statement", "claimant", "claimant_url", "claimant_type", "claim_date",
    "appearance_urls", "check_worthiness", "tags", "status", "created_by", "assignee", "created_at", "updated_at",
]  # fmt: skip
VERDICT_FIELDS = [
    "version", "status", "is_current", "rating", "summary", "analysis", "author", "reviewed_by", "published_at",
    "correction_note", "created_at",
]  # fmt: skip
EVIDENCE_FIELDS = ["url", "title", "quote", "archived_url", "accessed_at", "kind", "order"]
ASSIGNMENT_FIELDS = ["annotator", "assigned_at", "done_at"]
INDEPENDENT_RATING_FIELDS = ["reviewer", "rating", "rationale", "sent_at", "rated_at"]
COMMENT_FIELDS = ["author", "body", "resolved", "resolved_by", "created_at"]
ACTIVITY_FIELDS = ["actor", "verb", "from_state", "to_state", "comment", "created_at"]

# Fields that hold a username in the file and a user in the database.
USER_FIELDS = {"created_by", "assignee", "author", "reviewed_by", "resolved_by", "actor", "annotator", "reviewer"}

# The verbs files written before the vocabulary of codes used (migration 0006 has the same table).
LEGACY_VERBS = {
    "marked": "claim.marked", "edited": "claim.edited", "deleted": "claim.deleted", "took": "claim.taken",
    "released": "claim.released", "marked not checkable": "claim.marked_not_checkable",
    "marked duplicate": "claim.marked_duplicate", "submitted for review": "claim.submitted",
    "changes requested": "claim.changes_requested", "published": "claim.published",
    "added evidence": "evidence.added", "edited evidence": "evidence.edited", "removed evidence": "evidence.removed",
    "commented": "comment.added", "resolved comment": "comment.resolved",
}  # fmt: skip


def value_names(fields, prefix=""):
    """The ``values()`` names of ``fields``, a user field read as its username."""
    return [f"{prefix}{name}__username" if name in USER_FIELDS else f"{prefix}{name}" for name in fields]


def renamed(row, fields, prefix=""):
    """A ``values()`` row of ``value_names(fields)`` as a record of ``fields``."""
    return {name: row[value] for name, value in zip(fields, value_names(fields, prefix), strict=True)}

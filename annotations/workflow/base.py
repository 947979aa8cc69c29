"""What the workflow functions share: the Conflict error, the activity log and row locking."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Activity, Project


class Conflict(Exception):
    """The object is not in a state that allows the request; nothing changed."""

    def __init__(self, message, *, state=None, revision=None):
        super().__init__(message)
        self.message = message
        self.state = state
        self.revision = revision


class FileTooLarge(Exception):
    """An upload above ``IMPORT_MAX_UPLOAD_BYTES``; its size when it is known
    (``uploads`` refuses some before their size is)."""

    def __init__(self, size=None):
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if size is None:
            message = _("The file is larger than the limit of %(limit)d bytes.") % {"limit": limit}
        else:
            message = _("The file (%(size)d bytes) is larger than the limit of %(limit)d bytes.") % {
                "size": size, "limit": limit,
            }  # fmt: skip
        super().__init__(message)


# What a workflow function raises when it refuses a request; nothing changed
# then. Views and the API catch these and nothing broader: any other
# exception is a bug, and must reach the logs as one.
REFUSALS = (Conflict, ValidationError, PermissionDenied, FileTooLarge)

# The fields a workflow edit may set (the rest move only by transitions).
EDITABLE_CLAIM_FIELDS = {
    "statement", "claimant", "claimant_url", "claimant_type", "claim_date", "appearance_urls", "check_worthiness",
    "tags",
}  # fmt: skip
EDITABLE_VERDICT_FIELDS = {"rating", "summary", "analysis"}
EDITABLE_EVIDENCE_FIELDS = {"url", "title", "quote", "archived_url", "accessed_at", "kind", "order"}


def activity_log(*, project, actor, verb, obj, from_state="", to_state="", comment=""):
    """Record who did what to which object, and the states it moved between."""
    return Activity.objects.create(
        project=project,
        actor=actor if actor and actor.is_authenticated else None,
        verb=verb,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )


def _locked(obj):
    """The object's row, locked for this transaction and read afresh.

    Permission and state are checked on this fresh row, never on the
    caller's copy, which another request may have changed meanwhile. The
    project and article the caller had loaded are kept (neither moves under
    a claim or a comment), to save their queries.
    """
    # of=self: lock this row only, not the rows of tables a query may join.
    fresh = type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)
    for name in ("project", "article"):
        related = obj._state.fields_cache.get(name)
        if related is not None and getattr(fresh, f"{name}_id") == related.pk:
            fresh._state.fields_cache[name] = related
    return fresh


def _expect_state(obj, allowed, action):
    if obj.status not in allowed:
        noun = obj._meta.verbose_name
        raise Conflict(
            _("Cannot %(action)s a %(noun)s that is %(state)s.")
            % {"action": action, "noun": noun, "state": obj.get_status_display().lower()},
            state=obj.status,
            revision=getattr(obj, "revision", None),
        )


def _expect_revision(obj, revision):
    """Refuse an edit made on a copy older than the stored row."""
    if revision is not None and int(revision) != obj.revision:
        raise Conflict(
            _(
                "This %(noun)s was changed by someone else meanwhile (revision %(stored)s, yours is %(yours)s): "
                "nothing was saved."
            )
            % {
                "noun": obj._meta.verbose_name,
                "stored": obj.revision,
                "yours": revision,
            },
            state=getattr(obj, "status", None),
            revision=obj.revision,
        )


def _set_fields(obj, fields, allowed):
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown or read-only fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(obj, name, value)


def _save(obj, *, user, verb, from_state="", to_state=None, comment="", subject=None):
    """Validate and save ``obj`` and log ``verb`` on it (or on ``subject``,
    the claim that evidence and comments belong to)."""
    if hasattr(obj, "revision") and not obj._state.adding:
        obj.revision += 1
    if hasattr(obj, "updated_at"):
        obj.updated_at = timezone.now()
    obj.full_clean()
    obj.save()
    if to_state is None:
        to_state = "" if subject else getattr(obj, "status", "")
    activity_log(
        project=obj if isinstance(obj, Project) else obj.project, actor=user, verb=verb, obj=subject or obj,
        from_state=from_state, to_state=to_state, comment=comment,
    )  # fmt: skip
    return obj

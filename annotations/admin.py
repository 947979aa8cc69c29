from django.contrib import admin

from . import models


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["user"]


class RatingInline(admin.TabularInline):
    model = models.Rating
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "language", "publisher_name", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, RatingInline]


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "role", "invited_by", "expires_at", "accepted_at"]
    list_filter = ["role", "project"]
    readonly_fields = ["invited_by", "created_at", "accepted_at", "accepted_by"]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "project", "role"]
    list_filter = ["role", "project"]
    autocomplete_fields = ["user", "project"]


@admin.register(models.Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "project", "value", "order", "active"]
    list_filter = ["project", "active"]


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "language", "published_at", "created_at"]
    list_filter = ["project", "language"]
    search_fields = ["title", "url", "external_id"]
    readonly_fields = ["text_hash", "import_job"]
    list_select_related = ["project"]
    show_full_result_count = False


@admin.register(models.Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "claimant", "status", "assignee", "created_at"]
    list_filter = ["status", "project"]
    search_fields = ["statement", "quote", "claimant"]
    raw_id_fields = ["article", "duplicate_of"]
    readonly_fields = ["revision"]
    list_select_related = ["project", "assignee"]
    show_full_result_count = False


class EvidenceInline(admin.TabularInline):
    model = models.Evidence
    extra = 0


@admin.register(models.Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["__str__", "rating", "status", "version", "is_current", "author", "published_at"]
    list_filter = ["status", "is_current"]
    raw_id_fields = ["claim", "corrects"]
    readonly_fields = ["revision"]
    inlines = [EvidenceInline]
    list_select_related = ["rating", "author"]


@admin.register(models.Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "verdict", "kind", "accessed_at"]
    raw_id_fields = ["verdict"]


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "author", "resolved", "created_at"]
    list_filter = ["resolved", "project"]
    raw_id_fields = ["claim", "verdict"]


@admin.register(models.ExternalFactCheck)
class ExternalFactCheckAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "publisher_name", "rating_label", "verdict_class", "date_published"]
    list_filter = ["verdict_class", "project", "language"]
    search_fields = ["claim_reviewed", "headline", "url", "publisher_name"]
    readonly_fields = ["key", "raw", "warnings", "rating_notes", "import_job"]


@admin.register(models.Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["created_at", "project", "actor", "verb", "object_type", "object_id", "from_state", "to_state"]
    list_filter = ["verb", "object_type", "project"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return False  # the log is a record, not a document


class JobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "owner", "format", "status", "progress", "created_at"]
    list_filter = ["status", "format"]
    readonly_fields = ["heartbeat_at", "attempts", "checkpoint", "started_at", "finished_at"]


admin.site.register(models.ImportJob, JobAdmin)
admin.site.register(models.ExportJob, JobAdmin)


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by their users (the key is shown to them once);
    here an administrator sees them and revokes them (deletes)."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "expires_at"]
    list_filter = ["expires_at"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at"]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the workflow or a task writes: shown, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.ArticleAssignment)
class ArticleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["annotator", "article", "assigned_by", "assigned_at", "done_at"]
    list_filter = ["article__project"]


@admin.register(models.Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["project", "scope", "week", "article", "articles", "overlap_f1", "exact_f1", "codepoint_alpha",
                    "computed_at"]  # fmt: skip
    list_filter = ["project", "scope"]

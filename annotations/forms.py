"""Forms of the HTML pages. They validate input; the writes go through
``workflow``."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import exporters, importers
from .models import RATING_PRESETS, Claim, ClaimantType, ClaimStatus, Evidence, Invitation, Project, Rating, Role


class TagsField(forms.CharField):
    def to_python(self, value):
        return [tag.strip() for tag in (value or "").split(",") if tag.strip()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class ClaimForm(forms.Form):
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quote = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    # Required here, where the annotator sees it: the form starts it as the
    # quote, to be rewritten as one checkable sentence (the workflow fills in
    # the quote only for callers that give no statement at all).
    statement = forms.CharField(
        label=_("Claim statement"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The claim as one checkable sentence. It starts as the quote: rewrite it as needed."),
        error_messages={"required": _("A claim needs a statement: what exactly is to be checked?")},
    )  # fmt: skip
    claimant = forms.CharField(label=_("Claimant"), max_length=300, required=False)
    claimant_type = forms.ChoiceField(label=_("Claimant is a"), choices=ClaimantType.choices, required=False)
    claimant_url = forms.URLField(
        label=_("Claimant identifier URL"), required=False, assume_scheme="https", help_text=_("e.g. Wikidata")
    )
    claim_date = forms.DateField(label=_("Claim date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    appearance_url = forms.URLField(label=_("Appearance URL"), required=False, assume_scheme="https")
    check_worthiness = forms.TypedChoiceField(
        label=_("Check-worthiness"), coerce=int, empty_value=None, required=False,
        choices=[("", "—"), *[(n, str(n)) for n in range(1, 6)]],
    )  # fmt: skip
    tags = TagsField(label=_("Tags"), required=False, help_text=_("Separated by commas."))

    def __init__(self, *args, matches_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        if matches_url:  # checked_before.js asks it for matches while the statement is typed
            self.fields["statement"].widget.attrs["data-checked-before"] = matches_url

    def workflow_fields(self):
        data = dict(self.cleaned_data)
        url = data.pop("appearance_url")
        data["appearance_urls"] = [url] if url else []
        data["claimant_type"] = data["claimant_type"] or ClaimantType.PERSON
        return data

    @classmethod
    def for_claim(cls, claim: Claim):
        return cls(
            initial={
                "start": claim.start, "end": claim.end, "quote": claim.quote,
                "statement": claim.statement or claim.quote,
                "claimant": claim.claimant, "claimant_type": claim.claimant_type, "claimant_url": claim.claimant_url,
                "claim_date": claim.claim_date, "appearance_url": (claim.appearance_urls or [""])[0],
                "check_worthiness": claim.check_worthiness, "tags": claim.tags,
            },
            prefix=f"claim-{claim.pk}",
        )  # fmt: skip


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class RatingChoiceField(forms.ModelChoiceField):
    """A rating, offered with its description: what the desk means by it."""

    def label_from_instance(self, rating):
        if not rating.description:
            return rating.label
        return f"{rating.label} — {Truncator(rating.description).chars(100)}"


class VerdictForm(forms.Form):
    rating = RatingChoiceField(
        label=_("Rating"), queryset=Rating.objects.none(), required=False, empty_label=_("Choose a rating…")
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    analysis = forms.CharField(
        label=_("Analysis"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."),
    )  # fmt: skip
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, project, current_rating=None, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = project.ratings.active()
        if current_rating:
            ratings = project.ratings.filter(pk=current_rating.pk) | ratings
        self.fields["rating"].queryset = ratings.order_by("order", "value")


class EvidenceForm(forms.ModelForm):
    url = forms.URLField(label=_("Source URL"), max_length=2000, assume_scheme="https")
    archived_url = forms.URLField(label=_("Archived copy URL"), max_length=2000, required=False, assume_scheme="https")

    class Meta:
        model = Evidence
        fields = ["url", "title", "quote", "archived_url", "accessed_at", "kind"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 2}), "accessed_at": forms.DateInput(attrs={"type": "date"})}
        labels = {"accessed_at": _("Accessed on")}


class CorrectionForm(forms.Form):
    correction_note = forms.CharField(
        label=_("Public correction note"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Readers see this note: say what changed and why."),
    )  # fmt: skip
    rating = forms.ModelChoiceField(label=_("Rating"), queryset=Rating.objects.none())
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    analysis = forms.CharField(label=_("Analysis"), required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].queryset = project.ratings.active().order_by("order", "value")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), required=False)
    encoding = forms.CharField(label=_("Encoding"), required=False, help_text=_("Leave empty to detect it."))
    page_articles = forms.BooleanField(
        label=_("Keep the article text of fact-check pages"),
        required=False,
        help_text=_(
            "A page that carries ClaimReview always imports as fact-checks by others; "
            "tick this to import its text as an article too."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", _("From the file name")), *importers.format_choices()]


class ExportForm(forms.Form):
    """The export page's fields. Their values go to ``workflow.export_queue``
    as they were sent: the filters are validated there, for every caller."""

    format = forms.ChoiceField(label=_("Format"))
    status = forms.MultipleChoiceField(
        label=_("Claim status"), required=False, widget=forms.CheckboxSelectMultiple, choices=ClaimStatus.choices,
        help_text=_("None ticked: every status, but a report holds published claims only."),
    )  # fmt: skip
    rating = forms.MultipleChoiceField(
        label=_("Rating"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any rating, and claims without a verdict."),
    )  # fmt: skip
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    published_after = forms.CharField(
        label=_("Published on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_before = forms.CharField(
        label=_("Published before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = exporters.format_choices()
        self.fields["rating"].choices = [(str(rating.pk), rating.label) for rating in project.ratings.order_by("order")]
        self.fields["tag"].choices = [
            ("", _("any")),
            *((tag, tag) for tag in Claim.objects.filter(project=project).tags()),
        ]
        languages = project.articles.order_by("language").values_list("language", flat=True).distinct()
        self.fields["language"].choices = [("", _("any")), *((code, code) for code in languages if code)]

    def filters(self):
        return {name: self.data.getlist(name) if name in ("status", "rating") else self.data.get(name, "")
                for name in self.fields if name != "format"}  # fmt: skip


class MemberForm(forms.Form):
    """Add an existing user of the instance (where ``permissions.can_add_instance_users``)."""

    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "name", "role"]
        labels = {"email": _("Email address"), "name": _("Name"), "role": _("Role")}
        help_texts = {
            "email": _("The link is sent there. Leave empty to pass the link on yourself."),
            "name": _("Who the invitation is for, as your desk knows them."),
        }

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("name", "").strip():
            raise forms.ValidationError(_("Give the email address or the name of the person you invite."))
        return data


PROJECT_LABELS = {
    "name": _("Name"), "slug": _("Short name in links"), "language": _("Language of the articles"),
    "publisher_name": _("Publisher"), "publisher_url": _("Publisher URL"),
    "allow_self_approval": _("Editors may approve their own verdicts"),
    "retracted_verdict_public": _("A retracted fact-check keeps its text public"),
    "auto_link_matches": _("Link repeated claims as duplicates automatically"),
}  # fmt: skip
PROJECT_HELP = {
    "language": _("BCP 47, e.g. id or en."),
    "publisher_name": _("The organisation that publishes the fact-checks (ClaimReview author)."),
    "allow_self_approval": _("Off, a second editor approves and publishes what an editor wrote."),
    "retracted_verdict_public": _(
        "Off, the public page of a retracted fact-check shows the claim and the retraction note only; on, also "
        "its rating, summary, analysis and evidence."
    ),
    "auto_link_matches": _(
        "On, a new claim of at least 8 words that repeats a claim of the desk almost word for word (above the "
        "“confirm” threshold of “Checked before?”) is linked as its duplicate without a person; "
        "the activity log says so. Off, a person links it with one click."
    ),
}


class ProjectSettingsForm(forms.ModelForm):
    """A project's settings, as its admins change them (``workflow.project_update``)."""

    publisher_url = forms.URLField(label=_("Publisher URL"), required=False, assume_scheme="https")

    class Meta:
        model = Project
        fields = ["name", "language", "publisher_name", "publisher_url", "allow_self_approval",
                  "retracted_verdict_public", "auto_link_matches"]  # fmt: skip
        labels = PROJECT_LABELS
        help_texts = PROJECT_HELP


class ProjectForm(ProjectSettingsForm):
    """A new project (``workflow.project_create``)."""

    rating_preset = forms.ChoiceField(
        label=_("Rating scale"), required=False,
        choices=[("", _("By the project's language")), *[(name, name) for name in sorted(RATING_PRESETS)]],
    )  # fmt: skip

    class Meta(ProjectSettingsForm.Meta):
        fields = ["name", "slug", *ProjectSettingsForm.Meta.fields[1:]]


class RatingForm(forms.ModelForm):
    class Meta:
        model = Rating
        fields = ["label", "value", "description", "order", "colour", "active", "fever_label"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AssignForm(forms.Form):
    """Send articles to annotators who mark them independently."""

    annotators = forms.ModelMultipleChoiceField(
        label=_("Annotators"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Two or more. Each sees only their own claims until an editor adjudicates the article."),
    )  # fmt: skip
    articles = forms.ModelMultipleChoiceField(queryset=None, required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        members = get_user_model().objects.filter(memberships__project=project).order_by("username")
        self.fields["annotators"].queryset = members
        self.fields["annotators"].label_from_instance = lambda user: user.username
        self.fields["articles"].queryset = project.articles.all()


class AssigneeField(forms.ChoiceField):
    """Whom to assign to: one of ``users``, or nobody ("none", to unassign).
    A choice is required: an empty one must not unassign by mistake."""

    NOBODY = "none"

    def __init__(self, *, users, nobody_label, **kwargs):
        self.users = {str(user.pk): user for user in users}
        choices = [("", _("— choose —")), (self.NOBODY, nobody_label)]
        choices += [(pk, user.username) for pk, user in self.users.items()]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return None if value == self.NOBODY else self.users[value]


class ClaimAssignForm(forms.Form):
    """Assign the claims ticked in the claims list to a reviewer, or unassign them."""

    claims = forms.ModelMultipleChoiceField(
        queryset=None, error_messages={"required": _("Tick the claims to assign first.")}
    )

    def __init__(self, *args, project, user, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = project.claims.visible_to(user)
        self.fields["assignee"] = AssigneeField(
            label=_("Assign to"), users=reviewers, nobody_label=_("Nobody (unassign)"),
            error_messages={"required": _("Choose the reviewer to assign the claims to.")},
        )  # fmt: skip


class AnnotatorAssignForm(forms.Form):
    """Assign the articles ticked in the article list to an annotator, or unassign them."""

    articles = forms.ModelMultipleChoiceField(
        queryset=None, error_messages={"required": _("Tick the articles to assign first.")}
    )

    def __init__(self, *args, project, annotators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = project.articles.defer("text", "search_vector")
        self.fields["annotator"] = AssigneeField(
            label=_("Assign to annotator"), users=annotators, nobody_label=_("Nobody (unassign)"),
            error_messages={"required": _("Choose the annotator to assign the articles to.")},
        )  # fmt: skip


def _reviewers(project, action):
    """The project's members whose role allows ``action``, by username."""
    from . import permissions

    return permissions.members_who_may(project, action).order_by("username")


class SendForRatingForm(forms.Form):
    """Send claims to reviewers who rate their verdicts independently."""

    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Two or more. Each rates the claim without seeing the others' ratings until an editor "
                    "adjudicates it."),
    )  # fmt: skip
    claims = forms.ModelMultipleChoiceField(label=_("Claims"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, project, claims, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = _reviewers(project, "claim.rate")
        self.fields["reviewers"].label_from_instance = lambda user: user.username
        self.fields["claims"].queryset = claims


class IndependentRatingForm(forms.Form):
    rating = forms.ModelChoiceField(label=_("Rating"), queryset=Rating.objects.none())
    rationale = forms.CharField(
        label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two. The other reviewers do not see it before the adjudication."),
    )  # fmt: skip

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].queryset = project.ratings.active().order_by("order", "value")


class AdjudicateRatingsForm(forms.Form):
    rating = forms.ModelChoiceField(label=_("Rating the verdict carries"), queryset=Rating.objects.none())
    assignee = forms.ModelChoiceField(label=_("Who writes the verdict"), queryset=None)

    def __init__(self, *args, project, given=(), **kwargs):
        super().__init__(*args, **kwargs)
        ratings = project.ratings.filter(pk__in=list(given)) | project.ratings.active()
        self.fields["rating"].queryset = ratings.distinct().order_by("order", "value")
        self.fields["assignee"].queryset = _reviewers(project, "verdict.write")
        self.fields["assignee"].label_from_instance = lambda user: user.username

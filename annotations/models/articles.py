"""Articles and the claims marked in them."""

import json

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models
from django.db.models import F, FilteredRelation, OrderBy, Q
from django.db.models.functions import Coalesce, Length, Lower
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import text as article_text
from .projects import Project

User = settings.AUTH_USER_MODEL
WEB_URL = URLValidator(schemes=["http", "https"])


# PostgreSQL's text-search configurations by language code; others use "simple".
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "nl": "dutch", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip


class NullsLastIndex(models.Index):
    """An index with ``NULLS LAST`` keys on PostgreSQL, where a descending key
    puts NULLs first otherwise; SQLite has no such clause and needs none (its
    NULLs sort first ascending, so last descending)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        index = self
        if schema_editor.connection.vendor != "postgresql":
            index = models.Index(
                *(
                    OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e
                    for e in self.expressions
                ),
                name=self.name,
            )
        return models.Index.create_sql(index, model, schema_editor, using=using, **kwargs)


class ParsedQuery(SearchQuery):
    """A tsquery already parsed by PostgreSQL (``'rudal' & 'anak'``), cast as is."""

    def __init__(self, parsed):
        super().__init__(parsed, search_type="raw")
        self.parsed = parsed

    def as_sql(self, compiler, connection, **extra):
        return "%s::tsquery", [self.parsed]


def search_configs(language=None):
    """The text-search configurations a query is parsed with: those a desk
    most often meets and the one of ``language``, each once."""
    return list(dict.fromkeys(["simple", "english", "indonesian", TEXT_SEARCH_CONFIGS.get(language or "", "simple")]))


def search_filter(q, fields, language=None):
    """A filter for the words of ``q``.

    On PostgreSQL: full-text search on the ``search_vector`` column, which a
    trigger fills using the text-search configuration of the article's
    language (migration 0003). The query is parsed with each of
    ``search_configs`` (one small query), and only the distinct parsed
    queries are ORed: the same lexeme ORed with itself would look several
    times as common to the planner, which then scans the whole table
    instead of the GIN index.
    Elsewhere: every word of ``q`` in any order, each in one of ``fields``,
    case-insensitive (accents must match).
    """
    if connection.vendor == "postgresql":
        configs = search_configs(language)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(["websearch_to_tsquery(%s::regconfig, %s)::text"] * len(configs)),
                [value for config in configs for value in (config, q)],
            )
            parsed = [text for text in dict.fromkeys(cursor.fetchone()) if text]
        if not parsed:
            return Q(pk__in=[])  # only stop words or punctuation: nothing to find
        query = ParsedQuery(parsed[0])
        for text in parsed[1:]:
            query |= ParsedQuery(text)
        return Q(search_vector=query)
    words = q.replace('"', " ").split()  # websearch quotes mean nothing here
    condition = Q()
    for word in words or [q]:
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return condition


class IndependentState(models.TextChoices):
    """Whether an article is annotated independently by several annotators."""

    OFF = "off", _("Not independent")
    AWAITING = "awaiting", _("Independent, awaiting adjudication")
    ADJUDICATED = "adjudicated", _("Adjudicated")


class ArticleQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def search(self, q, language=None):
        return self.filter(search_filter(q, ["title", "text"], language))

    def languages(self, project):
        """The distinct languages of a project's articles, sorted. On PostgreSQL
        a skip scan of the (project, language) index: one probe per language,
        not a read of every article."""
        if connection.vendor != "postgresql":
            rows = self.filter(project=project).exclude(language="")
            return list(rows.order_by("language").values_list("language", flat=True).distinct())
        with connection.cursor() as cursor:
            cursor.execute(
                """
                WITH RECURSIVE found(language) AS (
                    (SELECT language FROM annotations_article WHERE project_id = %(p)s AND language > ''
                     ORDER BY language LIMIT 1)
                    UNION ALL
                    SELECT (SELECT a.language FROM annotations_article a
                            WHERE a.project_id = %(p)s AND a.language > found.language ORDER BY a.language LIMIT 1)
                    FROM found WHERE found.language IS NOT NULL
                )
                SELECT language FROM found WHERE language IS NOT NULL
                """,
                {"p": project.pk},
            )
            return [row[0] for row in cursor.fetchall()]


class Article(models.Model):
    # No index of its own: the unique (project, text_hash) index serves it.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="articles", db_index=False)
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField(help_text="Normalised once at creation; immutable once a claim points into it.")
    # text_hash and external_id compare byte by byte on PostgreSQL (COLLATE "C", migration 0024): a change
    # of their type there must keep it.
    text_hash = models.CharField(max_length=64, editable=False)
    external_id = models.CharField(max_length=200, blank=True)
    # Where it came from. Django keeps the link (it sets it to NULL when a job goes), not a database
    # constraint: PostgreSQL would check the job of every article an import writes, one by one, which
    # costs the import a tenth of its time (3.6 s against 3.25 s for 100,000 articles, migration 0024).
    import_job = models.ForeignKey(
        "ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles", db_constraint=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    search_vector = SearchVectorField(null=True, editable=False, help_text="Filled by a PostgreSQL trigger.")
    sentences_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When its sentences were split and scored (empty: pending)."
    )

    independent = models.CharField(
        max_length=12, choices=IndependentState.choices, default=IndependentState.OFF, db_default=IndependentState.OFF,
        help_text="Double annotation: each assigned annotator sees only their own claims until adjudication. "
        "A database default too: imports write articles with COPY, without this column.",
    )  # fmt: skip

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "text_hash"], name="article_unique_text"),
            models.CheckConstraint(
                condition=Q(independent__in=["off", "awaiting", "adjudicated"]), name="article_valid_independent"
            ),
            models.UniqueConstraint(
                fields=["project", "external_id"], condition=~Q(external_id=""), name="article_unique_external_id"
            ),
            models.CheckConstraint(condition=Exact(Length("text_hash"), 64), name="article_text_hash_set"),
        ]
        indexes = [
            # With the id: an import writes thousands of rows with one created_at, which a page must not sort.
            # Ascending, read backwards for the newest first: each new article lands at the right end, where
            # a B-tree appends, not at the left end, where every full page splits in half.
            models.Index(fields=["project", "created_at", "id"], name="article_project_created"),
            # The article list's other sorts and its language filter (views.articles.SORTS).
            models.Index("project", Lower("title"), F("id").desc(), name="article_project_title"),
            NullsLastIndex(
                "project", F("published_at").desc(nulls_last=True), F("id").desc(), name="article_project_published"
            ),
            models.Index(fields=["project", "language", "created_at", "id"], name="article_project_language"),
            GinIndex(fields=["search_vector"], name="article_search"),
        ]

    def __str__(self):
        return self.title or self.text[:60]

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.set_text(self.text)
        elif self.text_hash != article_text.text_hash(self.text):
            # The text changed after creation. A database trigger refuses it
            # as well once claims point into the text (see migration 0002).
            if self.claims.exists():
                raise ValidationError({"text": "The text of an annotated article cannot change."})
            self.set_text(self.text)
        super().save(*args, **kwargs)

    def set_text(self, raw):
        """Normalise the text and set its hash (bulk inserts skip save())."""
        self.text = article_text.normalise(raw)
        self.text_hash = article_text.text_hash(self.text)


class ClaimantType(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organization")


class ClaimStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    NOT_CHECKABLE = "not_checkable", _("Not checkable")
    DUPLICATE = "duplicate", _("Duplicate")
    # Double annotation: marked independently, kept out of the review
    # workflow until an editor adjudicates the article (accepted: open).
    INDEPENDENT = "independent", _("Awaiting adjudication")
    REJECTED = "rejected", _("Rejected in adjudication")
    # Verdicts rated independently: sent to k reviewers, who rate it blind
    # (rating); all have rated, an editor adjudicates (rated); then it is
    # in progress with the adjudicated rating on its draft verdict.
    RATING = "rating", _("Being rated independently")
    RATED = "rated", _("Rated, awaiting adjudication")


# Who may edit a claim in which state is decided in permissions.claim_edit_states.
ClaimStatus.EDITABLE_BY_AUTHOR = frozenset({ClaimStatus.OPEN, ClaimStatus.INDEPENDENT})
ClaimStatus.EDITABLE_BY_EDITOR = frozenset(
    {ClaimStatus.OPEN, ClaimStatus.IN_PROGRESS, ClaimStatus.IN_REVIEW, ClaimStatus.INDEPENDENT}
)
# A reviewer may triage a claim whose verdict nobody has submitted yet.
ClaimStatus.TRIAGEABLE = frozenset({ClaimStatus.OPEN, ClaimStatus.IN_PROGRESS})
# Set aside by triage; an editor may put it back among the open claims.
ClaimStatus.REOPENABLE = frozenset({ClaimStatus.NOT_CHECKABLE, ClaimStatus.DUPLICATE})
# Sent to reviewers who rate its verdict independently, not adjudicated yet.
ClaimStatus.RATING_INDEPENDENTLY = frozenset({ClaimStatus.RATING, ClaimStatus.RATED})
# Taken by a reviewer and not yet decided on.
ClaimStatus.BEING_CHECKED = frozenset({ClaimStatus.IN_PROGRESS, ClaimStatus.IN_REVIEW})
# An editor may assign it to a reviewer (``workflow.claim_assign``): nobody has decided on it yet.
ClaimStatus.ASSIGNABLE = frozenset({ClaimStatus.OPEN, *ClaimStatus.BEING_CHECKED})

# The check-worthiness a claim sorts by, highest first: a claim without one
# comes last (as 0: the scale is 1 to 5). An expression, so that an index
# (``claim_project_worthiness``) serves the order and its cursor.
WORTHINESS_KEY = Coalesce("check_worthiness", 0)


class ClaimQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def search(self, q, language=None):
        return self.filter(search_filter(q, ["statement", "quote", "claimant"], language))

    def open(self):
        return self.filter(status=ClaimStatus.OPEN)

    def visible_to(self, user):
        """The claims of the user's projects that they may see: not those
        marked independently by others on articles not yet adjudicated (an
        annotator sees only their own there; those who adjudicate,
        ``permissions.ACTIONS["article.adjudicate"]``, see all). One join on
        the user's membership, which decides both; no subquery."""
        from ..permissions import roles_allowed

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(project__memberships__user=user)
            & (
                ~Q(status=ClaimStatus.INDEPENDENT)
                | Q(created_by=user)
                | Q(project__memberships__role__in=roles_allowed("article.adjudicate"))
            )
        )

    def count_by_status(self, cap):
        """{status: claims in it}, each counted up to ``cap`` + 1 (more than
        ``cap`` reads "over cap"): a query per status, each reading at most
        that many entries of the (project, status, …) index, whatever the
        size of the project. One GROUP BY reads them all: 0.1 s at 400,000."""
        return {
            status: self.filter(status=status).order_by().values("pk")[: cap + 1].count()
            for status in ClaimStatus.values
        }

    def being_checked(self):
        return self.filter(status__in=ClaimStatus.BEING_CHECKED)

    def assigned_to(self, user):
        return self.filter(assignee=user)

    def tags(self, limit=500):
        """The distinct tags these claims carry, in order (at most ``limit``)."""
        if connection.vendor == "postgresql":
            tags = self.annotate(tag=models.Func("tags", function="jsonb_array_elements_text",
                                                 output_field=models.CharField()))  # fmt: skip
            return list(tags.order_by("tag").values_list("tag", flat=True).distinct()[:limit])
        # SQLite: no set-returning function in a query; read the lists.
        found = {tag for tags in self.exclude(tags=[]).values_list("tags", flat=True).iterator() for tag in tags}
        return sorted(found)[:limit]

    def tagged(self, tag):
        """Claims that carry exactly this tag (not a tag that contains it)."""
        if connection.vendor == "postgresql":
            return self.filter(tags__contains=[tag])
        # SQLite has no JSON containment: match the tag as a whole JSON string.
        return self.filter(tags__icontains=json.dumps(tag))

    def with_current_verdict(self):
        """Annotate ``current``, the current verdict, as a LEFT JOIN on the
        partial unique index of current verdicts (one per claim): cheaper to
        run than a subquery per column. Filter and read through ``current__…``."""
        return self.annotate(current=FilteredRelation("verdicts", condition=Q(verdicts__is_current=True)))


class Claim(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="claims")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="claims")
    start = models.PositiveIntegerField(help_text="Index of the first code point of the quote in the article text.")
    end = models.PositiveIntegerField(help_text="Index one past the last code point of the quote.")
    quote = models.TextField(
        blank=True, help_text="Always equal to article.text[start:end]; filled in from the text when left empty."
    )
    statement = models.TextField(blank=True, help_text="The claim, normalised into a checkable sentence.")
    claimant = models.CharField(max_length=300, blank=True)
    claimant_url = models.URLField(max_length=2000, blank=True, help_text="A sameAs URL identifying the claimant.")
    claimant_type = models.CharField(
        max_length=12, choices=ClaimantType.choices, default=ClaimantType.PERSON, help_text="For ClaimReview."
    )
    claim_date = models.DateField(null=True, blank=True)
    appearance_urls = models.JSONField(default=list, blank=True)
    check_worthiness = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 (low) to 5 (high).")
    tags = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.OPEN)
    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims")
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="created_claims",
        help_text="Empty for a claim imported from elsewhere.",
    )  # fmt: skip
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates")
    revision = models.PositiveIntegerField(default=1, help_text="Raised on every change; guards against lost updates.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    search_vector = SearchVectorField(null=True, editable=False, help_text="Filled by a PostgreSQL trigger.")

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("quote")), name="claim_quote_length_matches_offsets"
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_valid_status"),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.DUPLICATE, duplicate_of__isnull=False)
                | (~Q(status=ClaimStatus.DUPLICATE) & Q(duplicate_of__isnull=True)),
                name="claim_duplicate_has_original",
            ),
            models.CheckConstraint(condition=~Q(duplicate_of=F("id")), name="claim_not_duplicate_of_itself"),
            models.CheckConstraint(
                condition=Q(check_worthiness__isnull=True) | Q(check_worthiness__range=(1, 5)),
                name="claim_check_worthiness_range",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "status"], name="claim_project_status"),
            # The review queue: the most check-worthy first, unscored last (views.review.BY_WORTHINESS).
            NullsLastIndex(
                "project",
                "status",
                F("check_worthiness").desc(nulls_last=True),
                "created_at",
                name="claim_project_worthiness",
            ),
            models.Index(fields=["assignee", "status"], name="claim_assignee_status"),
            models.Index(fields=["project", "-created_at"], name="claim_project_created"),
            # The claims list: each sort it offers, and a status with the default sort, walk an index.
            models.Index(fields=["project", "status", "-created_at", "-id"], name="claim_project_status_created"),
            models.Index(fields=["project", "-updated_at", "-id"], name="claim_project_updated"),
            models.Index(F("project"), WORTHINESS_KEY.desc(), F("id").desc(), name="claim_project_worthiness_all"),
            GinIndex(fields=["search_vector"], name="claim_search"),
        ]

    Status = ClaimStatus  # for templates: claim.Status.OPEN

    def __str__(self):
        return self.statement or self.quote[:80]

    def clean(self):
        self._check_appearances()
        text = self.article.text
        if self.start is None or self.end is None:
            return
        if not 0 <= self.start < self.end <= len(text):
            raise ValidationError(f"Offsets {self.start}–{self.end} are outside the article text (0–{len(text)}).")
        found = text[self.start : self.end]
        if self.quote and self.quote != found:
            raise ValidationError({"quote": f"The text at {self.start}–{self.end} is {found!r}, not {self.quote!r}."})
        self.quote = found

    def _check_appearances(self):
        """Appearance URLs are web addresses (the public page links them)."""
        urls = self.appearance_urls
        if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
            raise ValidationError({"appearance_urls": "A list of URLs."})
        for url in urls:
            try:
                WEB_URL(url)
            except ValidationError:
                raise ValidationError({"appearance_urls": f"Not a web address: {url[:100]!r}."}) from None
        if not isinstance(self.tags, list) or not all(isinstance(tag, str) for tag in self.tags):
            raise ValidationError({"tags": "A list of texts."})

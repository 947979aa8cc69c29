"""The domain model, one module per part; everything is importable from here."""

from .articles import (
    TEXT_SEARCH_CONFIGS,
    Article,
    ArticleQuerySet,
    Claim,
    ClaimantType,
    ClaimQuerySet,
    ClaimStatus,
    search_filter,
)
from .jobs import UNFINISHED, ExportJob, ExportJobQuerySet, ImportJob, Job, JobQuerySet, JobStatus
from .projects import (
    RATING_PRESETS,
    ROLE_RANK,
    FeverLabel,
    Membership,
    Project,
    ProjectQuerySet,
    Rating,
    RatingQuerySet,
    Role,
)
from .verdicts import Activity, Comment, Evidence, EvidenceKind, Verb, Verdict, VerdictQuerySet, VerdictStatus

__all__ = [
    "RATING_PRESETS", "ROLE_RANK", "TEXT_SEARCH_CONFIGS", "UNFINISHED", "Activity", "Article", "ArticleQuerySet",
    "Claim", "ClaimQuerySet", "ClaimStatus", "ClaimantType", "Comment", "Evidence", "EvidenceKind", "ExportJob",
    "ExportJobQuerySet", "FeverLabel", "ImportJob", "Job", "JobQuerySet", "JobStatus", "Membership", "Project",
    "ProjectQuerySet", "Rating", "RatingQuerySet", "Role", "Verb", "Verdict", "VerdictQuerySet", "VerdictStatus",
    "search_filter",
]  # fmt: skip

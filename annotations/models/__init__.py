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
from .factchecks import ExternalFactCheck, ExternalFactCheckQuerySet, VerdictClass
from .jobs import UNFINISHED, ExportJob, ExportJobQuerySet, ImportJob, Job, JobQuerySet, JobStatus, Superseded
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
from .sentences import CheckworthinessModel, DismissReason, Sentence, SentenceQuerySet, SentenceStatus
from .tokens import ApiToken, ApiTokenQuerySet
from .verdicts import Activity, Comment, Evidence, EvidenceKind, Verb, Verdict, VerdictQuerySet, VerdictStatus

__all__ = [
    "Activity",
    "ApiToken",
    "ApiTokenQuerySet",
    "Article",
    "ArticleQuerySet",
    "Claim",
    "ClaimQuerySet",
    "ClaimStatus",
    "ClaimantType",
    "CheckworthinessModel",
    "DismissReason",
    "Comment",
    "Evidence",
    "EvidenceKind",
    "ExportJob",
    "ExportJobQuerySet",
    "ExternalFactCheck",
    "ExternalFactCheckQuerySet",
    "FeverLabel",
    "ImportJob",
    "Job",
    "JobQuerySet",
    "JobStatus",
    "Membership",
    "Project",
    "ProjectQuerySet",
    "RATING_PRESETS",
    "ROLE_RANK",
    "Rating",
    "RatingQuerySet",
    "Role",
    "Sentence",
    "SentenceQuerySet",
    "SentenceStatus",
    "Superseded",
    "TEXT_SEARCH_CONFIGS",
    "UNFINISHED",
    "Verb",
    "Verdict",
    "VerdictClass",
    "VerdictQuerySet",
    "VerdictStatus",
    "search_filter",
]

"""Check-worthy sentence suggestions, kept in the database.

- ``score_pending``: articles not yet split are split into sentences
  (exact code-point offsets), each scored by the project's model; a
  sentence a claim already covers is a label at once. Run by the
  ``score_sentences`` task after imports and new articles, a batch at a time.
- The desk's labels (a sentence marked as a claim: a positive; dismissed: a
  negative) train the project's own model (``retrain``), which scores the
  project's open sentences once it beats the shipped model on labels
  neither model was trained on.
"""

import zlib

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .checkworthiness.model import CheckworthinessModel as Scorer
from .checkworthiness.model import load_model
from .checkworthiness.pipeline import evaluate
from .checkworthiness.sentences import split_with_language
from .checkworthiness.train import train
from .models import Article, CheckworthinessModel, Claim, Sentence, SentenceStatus

BATCH_ARTICLES = 200
# Only the features that speak noticeably for or against a sentence are kept.
MIN_REASON = 0.05


def scorer_for(project) -> Scorer:
    """The project's own model where it beat the shipped one, else the shipped model."""
    own = CheckworthinessModel.objects.filter(project=project, in_use=True).only("data").first()
    return Scorer(own.data) if own else load_model()


def _scored(scorer, text, language):
    """(score, suggested, reasons) of one sentence."""
    probability, contributions = scorer.assess(text, language)
    reasons = {name: round(value, 3) for name, value in contributions.items() if abs(value) >= MIN_REASON}
    return round(probability, 4), probability >= scorer.threshold(language), reasons


def sentences_of(article, scorer, claims=()) -> list[Sentence]:
    """The article's sentences, scored; one a claim overlaps is marked as that claim."""
    now = timezone.now()
    result = []
    for start, end, language in split_with_language(article.text, default=article.language or "und"):
        score, suggested, reasons = _scored(scorer, article.text[start:end], language)
        sentence = Sentence(
            project_id=article.project_id, article=article, start=start, end=end, language=language,
            score=score, suggested=suggested, reasons=reasons,
        )  # fmt: skip
        claim = next((c for c in claims if c.start < end and c.end > start), None)
        if claim is not None:
            sentence.status, sentence.claim, sentence.decided_by_id = (
                SentenceStatus.ACCEPTED,
                claim,
                claim.created_by_id,
            )
            sentence.decided_at = now
        result.append(sentence)
    return result


def score_pending(limit=BATCH_ARTICLES) -> int:
    """Split and score up to ``limit`` articles that have no sentences yet;
    how many were done. Two workers never take the same articles. (No index
    on the pending ones: every imported article would pay for it; the scan
    in id order is the search indexing's, see ``search.index_pending``.)"""
    with transaction.atomic():
        pending = Article.objects.filter(sentences_at__isnull=True).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True, of=("self",))
        articles = list(pending.only("id", "project_id", "text", "language")[:limit])
        if not articles:
            return 0
        claims = {}
        for claim in Claim.objects.filter(article__in=articles).only("id", "article_id", "start", "end", "created_by"):
            claims.setdefault(claim.article_id, []).append(claim)
        scorers = {}
        sentences = []
        for article in articles:
            if article.project_id not in scorers:
                scorers[article.project_id] = scorer_for(article.project)
            sentences += sentences_of(article, scorers[article.project_id], claims.get(article.pk, ()))
        Sentence.objects.bulk_create(sentences, batch_size=1000, ignore_conflicts=True)
        Article.objects.filter(pk__in=[a.pk for a in articles]).update(sentences_at=timezone.now())
    return len(articles)


def label_claim(claim, user):
    """The open sentences a new claim covers become positives."""
    covered = Sentence.objects.filter(
        article_id=claim.article_id, status=SentenceStatus.OPEN, start__lt=claim.end, end__gt=claim.start
    )
    if covered.update(status=SentenceStatus.ACCEPTED, claim=claim, decided_by=user, decided_at=timezone.now()):
        retrain_when_due(claim.project)


def quality(project):
    """What the pages say of the project's scoring: its own model (or None) and how many labels it has."""
    return {
        "model": CheckworthinessModel.objects.filter(project=project).first(),
        "labels": Sentence.objects.filter(project=project).labelled().count(),
    }


def retrain_when_due(project):
    """Queue the project's retraining once enough labels came since the last one."""
    from .tasks import retrain_checkworthiness

    trained_on = CheckworthinessModel.objects.filter(project=project).values_list("labels", flat=True).first() or 0
    labels = Sentence.objects.filter(project=project).labelled().count()
    if labels >= settings.CHECKWORTHINESS_MIN_LABELS and labels - trained_on >= settings.CHECKWORTHINESS_RETRAIN_EVERY:
        transaction.on_commit(lambda: retrain_checkworthiness.delay(project.pk))


def _held_out(sentence):
    """One label in five, the same ones every time: the test set neither model trains on."""
    return zlib.crc32(str(sentence.pk).encode()) % 5 == 0


def retrain(project):
    """Train the project's model on its labels; it is used once it beats the
    shipped model on the held-out fifth. Returns the stored model, or None
    while the labels are too few (or all of one kind)."""
    labelled = list(Sentence.objects.filter(project=project).labelled().select_related("article").order_by("id"))
    train_set = [s for s in labelled if not _held_out(s)]
    test_set = [s for s in labelled if _held_out(s)]

    def columns(sentences):
        return ([s.text for s in sentences], [s.status == SentenceStatus.ACCEPTED for s in sentences],
                [s.language or "und" for s in sentences])  # fmt: skip

    texts, labels, languages = columns(train_set)
    if len(labelled) < settings.CHECKWORTHINESS_MIN_LABELS or len(set(labels)) < 2 or not test_set:
        return None
    data = train(texts, [int(y) for y in labels], languages, folds=min(5, sum(labels), len(labels) - sum(labels)),
                 log=lambda *args: None)  # fmt: skip
    own, shipped = Scorer(data), load_model()
    texts, labels, languages = columns(test_set)
    metrics = {
        "project": evaluate(own, texts, labels, languages),
        "shipped": evaluate(shipped, texts, labels, languages),
    }
    better = (metrics["project"]["f1"], metrics["project"]["precision_at_k"]) > (
        metrics["shipped"]["f1"], metrics["shipped"]["precision_at_k"],
    )  # fmt: skip
    model, _ = CheckworthinessModel.objects.update_or_create(
        project=project,
        defaults={"data": data, "labels": len(labelled), "metrics": metrics, "in_use": better,
                  "trained_at": timezone.now()},
    )  # fmt: skip
    rescore(project, own if better else shipped)
    return model


def rescore(project, scorer):
    """Score the project's open sentences again with ``scorer``."""
    open_sentences = Sentence.objects.filter(project=project, status=SentenceStatus.OPEN).with_text()
    batch = []
    for sentence in open_sentences.order_by("id").iterator(chunk_size=2000):
        sentence.score, sentence.suggested, sentence.reasons = _scored(scorer, sentence.text, sentence.language)
        batch.append(sentence)
        if len(batch) >= 2000:
            Sentence.objects.bulk_update(batch, ["score", "suggested", "reasons"])
            batch = []
    Sentence.objects.bulk_update(batch, ["score", "suggested", "reasons"])


__all__ = [
    "label_claim",
    "quality",
    "rescore",
    "retrain",
    "retrain_when_due",
    "score_pending",
    "scorer_for",
    "sentences_of",
]

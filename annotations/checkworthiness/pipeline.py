"""Scoring a whole article, and measuring a model on labelled sentences (for the desk's own models).

``score_article(text)`` splits the text into sentences (exact code-point offsets), detects each one's language and
scores it; ``evaluate(model, sentences, labels, langs)`` gives the precision at 10 and the F1 a project page shows.
Both are plain Python over :mod:`.sentences` and :mod:`.model`; nothing here touches the database.
"""

from dataclasses import dataclass

from .model import load_model
from .sentences import split_with_language
from .train import prf

__all__ = ["ScoredSentence", "evaluate", "rank", "score_article"]


@dataclass(frozen=True)
class ScoredSentence:
    start: int
    end: int
    lang: str
    probability: float
    explanation: str
    suggested: bool  # at or above the model's threshold for the sentence's language


def score_article(text, language="und", model=None, explain_lang=None):
    """The sentences of ``text`` in order, each scored; ``language`` is the article's, for sentences without evidence.

    ``text[s.start:s.end]`` is each sentence. A sentence's explanation is in ``explain_lang`` (default: the sentence's
    language when it is Indonesian, else English).
    """
    model = model or load_model()
    out = []
    for start, end, lang in split_with_language(text, default=language):
        sentence = text[start:end]
        p, why = model.score(sentence, lang, explain_lang or ("id" if lang == "id" else "en"))
        out.append(ScoredSentence(start, end, lang, p, why, p >= model.threshold(lang)))
    return out


def rank(scored, top=None):
    """``scored`` sentences from the most to the least check-worthy (ties keep text order)."""
    ranked = sorted(scored, key=lambda s: -s.probability)
    return ranked if top is None else ranked[:top]


def evaluate(model, sentences, labels, langs=None, k=10):
    """``{"n", "positives", "precision_at_k", "precision", "recall", "f1"}`` of ``model`` on labelled sentences."""
    langs = langs or ["en"] * len(sentences)
    if not (len(sentences) == len(labels) == len(langs)):
        raise ValueError("sentences, labels and langs differ in length")
    probs = [model.probability(s, lang) for s, lang in zip(sentences, langs, strict=True)]
    predictions = [p >= model.threshold(lang) for p, lang in zip(probs, langs, strict=True)]
    precision, recall, f1 = prf(labels, predictions)
    order = sorted(range(len(probs)), key=lambda i: -probs[i])[:k]
    return {
        "n": len(sentences),
        "positives": sum(1 for y in labels if y),
        "precision_at_k": (sum(1 for i in order if labels[i]) / len(order)) if order else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }

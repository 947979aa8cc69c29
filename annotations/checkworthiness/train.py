"""Training the check-worthiness models (numpy only; scoring needs no numpy).

``train(sentences, labels)`` fits the two logistic regressions of :mod:`.model` (interpretable features alone;
features plus English n-grams), chooses each one's L2 strength and decision threshold by k-fold cross-validation
on the training data (F1 of the positive class), and returns the dictionary that ``model.json`` holds. Runs are
reproducible: full-batch optimisation from zero weights, folds drawn from a seeded generator.
"""

import csv
import math
from collections import Counter

from . import features as feats

__all__ = ["read_tsv", "train", "fit_logistic", "f1_at_best_threshold", "prf"]


def read_tsv(path):
    """``(ids, sentences, labels)`` of a CheckThat! TSV (``Sentence_id<TAB>Text<TAB>class_label``, CSV quoting)."""
    ids, sentences, labels = [], [], []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        cols = {name.strip().lower(): i for i, name in enumerate(header)}
        i_id, i_text, i_label = cols.get("sentence_id", 0), cols.get("text", 1), cols.get("class_label", 2)
        for row in reader:
            if len(row) <= max(i_text, i_label):
                continue
            ids.append(row[i_id])
            sentences.append(row[i_text])
            labels.append(1 if row[i_label].strip().lower() in ("yes", "1", "true") else 0)
    return ids, sentences, labels


def prf(labels, predictions):
    tp = sum(1 for y, p in zip(labels, predictions, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predictions, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predictions, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def f1_at_best_threshold(labels, scores):
    """``(best F1, threshold)`` over all thresholds on ``scores``."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    positives = sum(labels)
    tp = 0
    best = (0.0, 1.0)
    for k, i in enumerate(order, start=1):
        tp += labels[i]
        if k < len(order) and scores[order[k]] == scores[i]:
            continue
        f1 = 2 * tp / (k + positives) if positives else 0.0
        if f1 > best[0]:
            nxt = scores[order[k]] if k < len(order) else scores[i] - 1e-6
            best = (f1, (scores[i] + nxt) / 2)
    return best


class _Sparse:
    """Rows of (column, value) pairs as flat numpy arrays (CSR without scipy)."""

    def __init__(self, rows, n_cols):
        import numpy as np

        self.n_rows = len(rows)
        self.n_cols = n_cols
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        self.row_of = np.repeat(np.arange(self.n_rows), lengths)
        self.cols = np.array([c for r in rows for c, _ in r], dtype=np.int64)
        self.vals = np.array([v for r in rows for _, v in r], dtype=np.float64)

    def subset(self, index):
        import numpy as np

        new = object.__new__(_Sparse)
        keep = np.zeros(self.n_rows, dtype=bool)
        keep[index] = True
        remap = np.full(self.n_rows, -1, dtype=np.int64)
        remap[np.sort(index)] = np.arange(len(index))
        mask = keep[self.row_of]
        new.n_rows, new.n_cols = len(index), self.n_cols
        new.row_of = remap[self.row_of[mask]]
        new.cols, new.vals = self.cols[mask], self.vals[mask]
        order = np.argsort(new.row_of, kind="stable")
        new.row_of, new.cols, new.vals = new.row_of[order], new.cols[order], new.vals[order]
        return new, np.sort(index)

    def dense(self):
        """A dense copy when there are few columns (the interpretable features alone), else None."""
        import numpy as np

        if self.n_cols > 512:
            return None
        if getattr(self, "_dense", None) is None:
            self._dense = np.zeros((self.n_rows, self.n_cols))
            np.add.at(self._dense, (self.row_of, self.cols), self.vals)
        return self._dense

    def dot(self, w):
        import numpy as np

        d = self.dense()
        if d is not None:
            return d @ w
        return np.bincount(self.row_of, weights=self.vals * w[self.cols], minlength=self.n_rows)

    def tdot(self, g):
        import numpy as np

        d = self.dense()
        if d is not None:
            return g @ d
        return np.bincount(self.cols, weights=self.vals * g[self.row_of], minlength=self.n_cols)


def fit_logistic(X, y, l2=1.0, iterations=400, positive_weight=1.0, penalise=None):
    """Weights and bias of an L2-regularised logistic regression, by full-batch Adam from zero (deterministic).

    ``X`` is a :class:`_Sparse`; ``y`` a 0/1 numpy array; ``penalise`` an optional per-column L2 multiplier.
    The loss is the mean log-loss plus ``l2 / n × ||w||² / 2``.
    """
    import numpy as np

    n = X.n_rows
    w = np.zeros(X.n_cols)
    b = 0.0
    sample_w = np.where(y > 0, positive_weight, 1.0)
    sample_w = sample_w / sample_w.mean()
    pen = np.ones(X.n_cols) if penalise is None else penalise
    m_w = np.zeros_like(w)
    v_w = np.zeros_like(w)
    m_b = v_b = 0.0
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, iterations + 1):
        z = X.dot(w) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = (p - y) * sample_w / n
        grad_w = X.tdot(g) + (l2 / n) * pen * w
        grad_b = g.sum()
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w**2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b**2
        step = lr / (1 - beta1**t) * 1.0
        w -= step * m_w / (np.sqrt(v_w / (1 - beta2**t)) + eps)
        b -= step * m_b / (math.sqrt(v_b / (1 - beta2**t)) + eps)
    return w, b


def _rows(sentences, langs, vocabulary=None):
    """Sparse rows: the interpretable features, then (with a vocabulary) n-grams at 1/sqrt(n-grams in the row)."""
    index = {name: i for i, name in enumerate(feats.FEATURES)}
    offset = len(feats.FEATURES)
    rows = []
    for s, lang in zip(sentences, langs, strict=True):
        row = [(index[n], v) for n, v in feats.extract(s, lang).items()]
        if vocabulary is not None:
            grams = feats.ngrams(s)
            known = sorted(vocabulary[g] for g in grams if g in vocabulary)
            if known:
                v = 1.0 / math.sqrt(len(grams))
                row.extend((offset + j, v) for j in known)
        rows.append(row)
    return rows


def _cross_validate(X, y, folds, l2, iterations, positive_weight, penalise):
    import numpy as np

    scores = np.zeros(len(y))
    for k in range(max(folds) + 1):
        test = np.flatnonzero(folds == k)
        train_idx = np.flatnonzero(folds != k)
        Xtr, order_tr = X.subset(train_idx)
        Xte, order_te = X.subset(test)
        w, b = fit_logistic(Xtr, y[order_tr], l2, iterations, positive_weight, penalise)
        scores[order_te] = Xte.dot(w) + b
    return scores


def train(
    sentences,
    labels,
    langs=None,
    seed=13,
    folds=5,
    l2_grid=(0.1, 0.3, 1.0),
    iterations=500,
    min_df=2,
    positive_weight=1.0,
    log=print,
    out_of_fold=None,
):
    """Fit both models; returns the ``model.json`` dictionary, with cross-validated metrics.

    With a dict as ``out_of_fold``, each model's cross-validated logits (best L2) are put in it by model name.
    """
    import numpy as np

    if len(sentences) != len(labels):
        raise ValueError(f"{len(sentences)} sentences but {len(labels)} labels")
    langs = langs or ["en"] * len(sentences)
    y = np.array(labels, dtype=np.float64)
    rng = np.random.default_rng(seed)
    fold_of = rng.permutation(np.arange(len(y)) % folds)

    df = Counter(g for s in sentences for g in feats.ngrams(s))
    vocab_list = sorted(g for g, c in df.items() if c >= min_df)
    vocabulary = {g: i for i, g in enumerate(vocab_list)}
    nf = len(feats.FEATURES)
    result = {"version": 1, "seed": seed, "folds": folds, "trained_on": len(y), "positives": int(y.sum())}

    for name, vocab in (("features", None), ("ngrams", vocabulary)):
        X = _Sparse(_rows(sentences, langs, vocab), nf + (len(vocab) if vocab else 0))
        penalise = np.ones(X.n_cols)
        penalise[:nf] = 0.1  # the interpretable features are few: regularise them lightly
        best = None
        for l2 in l2_grid:
            cv = _cross_validate(X, y, fold_of, l2, iterations, positive_weight, penalise)
            f1, thr = f1_at_best_threshold(list(y.astype(int)), list(cv))
            log(f"{name}: l2={l2:g} cross-validated F1={f1:.4f} at logit {thr:.3f}")
            if best is None or f1 > best[0]:
                best = (f1, thr, l2, cv)
        f1, thr, l2, cv = best
        if out_of_fold is not None:
            out_of_fold[name] = cv
        w, b = fit_logistic(X, y, l2, iterations, positive_weight, penalise)
        part = {
            "bias": round(float(b), 6),
            "weights": {n: round(float(w[i]), 6) for i, n in enumerate(feats.FEATURES)},
            "threshold": round(1.0 / (1.0 + math.exp(-thr)), 6),
            "l2": l2,
            "cv_f1": round(f1, 4),
        }
        if vocab:
            grams = {g: round(float(w[nf + j]), 4) for g, j in vocabulary.items()}
            part["vocabulary"] = {g: v for g, v in sorted(grams.items()) if abs(v) >= 0.1}
        result[name] = part
    # the n-grams are those of the training sentences' languages (English for the shipped model)
    result["ngram_languages"] = sorted(set(langs) - {"und"}) or ["en"]
    return result


ATTRIBUTION = (
    'Trained on the ClaimBuster dataset (CC BY 4.0): Arslan, Hassan, Li, Tremayne, "A Benchmark Dataset of '
    'Check-worthy Factual Claims", ICWSM 2020, as the CLEF-2024 CheckThat! task 1 English training split.'
)


def train_file(path, output, seed=13, log=print, **options):
    """Train on the CheckThat! TSV at ``path`` and write the model file ``output``; returns the model dict."""
    import json
    from pathlib import Path

    _, sentences, labels = read_tsv(path)
    if not sentences:
        raise ValueError(f"{path}: no labelled sentences")
    data = train(sentences, labels, seed=seed, log=log, **options)
    data["attribution"] = ATTRIBUTION
    data["training_file"] = Path(path).name
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        fh.write("\n")
    tmp.replace(output)
    return data

"""Check-worthiness benchmark: precision, recall and F1 of the Yes class on a CheckThat! TSV, and sentences/s.

    python benchmarks/checkworthiness.py [DATA]        (or DATA=path in the environment; make bench-checkworthiness)

DATA defaults to the English dev split in ../shared/eval/checkworthiness-en/. The shipped model file is trained
first if it is missing (on the English train split, as ``manage.py train_checkworthiness`` does). Every sentence
is scored as the desk scores it: its language detected (English when there is no evidence), then the model for
that language, explanation included. Speed is measured in this one process, i.e. on one core.

The last line is ``RESULT checkworthiness f1=… precision=… recall=… stage1_f1=… stage1_per_s=… full_per_s=…``.
The full pipeline is the first stage alone: an embedding second stage was measured and did not earn its cost
(see the module docstring of ``annotations/checkworthiness/model.py``), so full_per_s equals stage1_per_s.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotations.checkworthiness.model import MODEL_PATH, load_model  # noqa: E402
from annotations.checkworthiness.sentences import detect_language  # noqa: E402
from annotations.checkworthiness.train import prf, read_tsv, train_file  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "checkworthiness-en"
DEFAULT_DATA = EVAL / "CT24_checkworthy_english_dev.tsv"
TRAIN_DATA = EVAL / "CT24_checkworthy_english_train.tsv"


def per_second(fn, items, min_seconds=1.0):
    """Items per second of ``fn`` over ``items``, repeating the pass until ``min_seconds`` have gone by."""
    done = 0
    start = time.perf_counter()
    while True:
        for item in items:
            fn(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed


def main(argv):
    data = Path(argv[1] if len(argv) > 1 else os.environ.get("DATA") or DEFAULT_DATA)
    if not MODEL_PATH.exists():
        print(f"no model at {MODEL_PATH}: training on {TRAIN_DATA}", flush=True)
        train_file(TRAIN_DATA, MODEL_PATH)
    model = load_model()
    _, sentences, labels = read_tsv(data)
    if not sentences:
        raise SystemExit(f"{data}: no labelled sentences")
    print(f"data: {data} ({len(sentences)} sentences, {sum(labels)} Yes)")

    langs = [detect_language(s, default="en") for s in sentences]
    probabilities = [model.probability(s, lang) for s, lang in zip(sentences, langs, strict=True)]
    predictions = [p >= model.threshold(lang) for p, lang in zip(probabilities, langs, strict=True)]
    precision, recall, f1 = prf(labels, predictions)
    counts = {lang: langs.count(lang) for lang in sorted(set(langs))}
    print(f"languages detected: {counts}")
    print(f"first stage (features + n-grams for English, features for others): P={precision:.4f} R={recall:.4f}")

    # the first stage's speed over every sentence: language, probability and explanation, as the desk scores them
    def stage1(sentence):
        lang = detect_language(sentence, default="en")
        return model.score(sentence, lang)

    stage1_per_s = per_second(stage1, sentences)
    full_per_s = stage1_per_s  # no second stage is shipped
    top10 = sorted(range(len(sentences)), key=lambda i: -probabilities[i])[:10]
    print(f"precision at 10: {sum(labels[i] for i in top10) / len(top10):.2f}")
    print(f"Yes: precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")
    print(f"first stage: {stage1_per_s:.0f} sentences/s on one core; full pipeline: {full_per_s:.0f} sentences/s")
    print(
        f"RESULT checkworthiness f1={f1:.4f} precision={precision:.4f} recall={recall:.4f} "
        f"stage1_f1={f1:.4f} stage1_per_s={stage1_per_s:.0f} full_per_s={full_per_s:.0f}"
    )


if __name__ == "__main__":
    main(sys.argv)

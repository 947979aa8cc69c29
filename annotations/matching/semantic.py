"""The semantic stage: stored, L2-normalised embeddings in one numpy matrix, searched by cosine similarity.

Exhaustive search (one matrix-vector product) is exact and fast enough for a desk's archive: 100,000
fact-checks x 384 dimensions is a 154 MB float32 matrix and about 10 ms a query on one core. The app stores the
vectors in the database (one per claim and per external fact-check, keyed by the model); this class is the
in-process view of them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np


class EmbeddingIndex:
    """Vectors by id. ``search`` gives the top ``k`` by cosine, ``similarity`` the cosine of given ids."""

    def __init__(self, dim: int):
        self.dim = dim
        self._ids: list[Hashable] = []
        self._row: dict[Hashable, int] = {}
        self._chunks: list[np.ndarray] = []
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._alive = np.zeros(0, dtype=bool)
        self._labels = np.zeros(0, dtype=object)

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, item_id: Hashable) -> bool:
        return item_id in self._row

    def add(self, ids: Sequence[Hashable], vectors: np.ndarray, labels: Sequence[str] | None = None) -> None:
        """Add or replace vectors; ``labels`` (a language, say) let :meth:`all_similarities` keep some only."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected vectors of shape {(len(ids), self.dim)}, got {vectors.shape}")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if np.any(norms == 0):
            raise ValueError("zero vector")
        self.remove(i for i in ids if i in self._row)
        start = len(self._ids)
        self._ids.extend(ids)
        for offset, item_id in enumerate(ids):
            self._row[item_id] = start + offset
        self._chunks.append(vectors / norms)
        self._alive = np.concatenate([self._alive, np.ones(len(ids), dtype=bool)])
        new_labels = np.empty(len(ids), dtype=object)
        new_labels[:] = list(labels) if labels is not None else [""] * len(ids)
        self._labels = np.concatenate([self._labels, new_labels])

    def remove(self, ids: Iterable[Hashable]) -> None:
        for item_id in list(ids):
            row = self._row.pop(item_id, None)
            if row is not None:
                self._alive[row] = False

    def _consolidate(self) -> np.ndarray:
        if self._chunks:
            self._matrix = np.ascontiguousarray(np.vstack([self._matrix, *self._chunks]))
            self._chunks = []
        return self._matrix

    def vector(self, item_id: Hashable) -> np.ndarray:
        return self._consolidate()[self._row[item_id]]

    def all_similarities(self, query_vector: np.ndarray, labels: Iterable[str] | None = None) -> np.ndarray:
        """Cosine of the query with every row (removed rows, and rows without one of ``labels``, get -inf)."""
        matrix = self._consolidate()
        sims = matrix @ np.asarray(query_vector, dtype=np.float32)
        if not self._alive.all():
            sims[~self._alive] = -np.inf
        if labels is not None:
            sims[~np.isin(self._labels, list(labels))] = -np.inf
        return sims

    def search(self, query_vector: np.ndarray, k: int, sims: np.ndarray | None = None) -> list[tuple[Hashable, float]]:
        if sims is None:
            sims = self.all_similarities(query_vector)
        k = min(k, len(self._row))
        if k <= 0:
            return []
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(self._ids[r], float(sims[r])) for r in top if sims[r] > -np.inf]

    def similarity(self, query_vector: np.ndarray, ids: Iterable[Hashable], sims: np.ndarray | None = None):
        """``{id: cosine}`` for the given ids that are in the index."""
        if sims is None:
            sims = self.all_similarities(query_vector)
        return {i: float(sims[self._row[i]]) for i in ids if i in self._row}

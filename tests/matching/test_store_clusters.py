"""Idempotent embedding jobs, vector storage, and claim clusters."""

import numpy as np
import pytest

from annotations.matching import clusters, embed_stale, fingerprint, pack, stale, unpack

from .test_matching import DIM, toy_embed


class CountingEmbed:
    def __init__(self):
        self.texts = []

    def __call__(self, texts):
        self.texts.extend(texts)
        return toy_embed(texts)


def run_job(items, db, embed, model_key="toy"):
    """What the Celery task does: embed what is stale, store it."""
    db.update(embed_stale(items, {i: fp for i, (fp, _) in db.items()}, embed=embed, model_key=model_key))


def test_embedding_job_is_idempotent():
    items = [(1, "Garlic cures cancer"), (2, "Jakarta airport flooding"), (3, "Vaksin mengandung chip")]
    db, embed = {}, CountingEmbed()
    run_job(items, db, embed)
    assert sorted(db) == [1, 2, 3] and len(embed.texts) == 3
    first = dict(db)
    run_job(items, db, embed)  # again: nothing to do
    assert len(embed.texts) == 3 and db == first
    run_job(
        [(1, "Garlic cures cancer"), (2, "Jakarta airport flooded yesterday"), (3, "Vaksin mengandung chip")], db, embed
    )
    assert embed.texts[3:] == ["Jakarta airport flooded yesterday"]  # only the edited one
    assert db[1] == first[1] and db[2] != first[2]
    run_job(items, db, embed, model_key="toy-v2")  # a new model: everything again
    assert len(embed.texts) == 7


def test_fingerprint_follows_prepared_text_and_model():
    assert fingerprint("Garlic  cures https://t.co/x cancer", "m") == fingerprint("Garlic cures cancer", "m")
    assert fingerprint("Garlic cures cancer", "m") != fingerprint("Garlic cures cancer", "n")
    assert stale([(1, "a b"), (2, "c d")], {1: fingerprint("a b", "m"), 2: None}, "m") == [2]


def test_pack_round_trip_and_dimension_check():
    vector = toy_embed(["garlic cancer"])[0]
    data = pack(vector)
    assert len(data) == 4 * DIM
    np.testing.assert_array_equal(unpack(data, DIM), vector)
    with pytest.raises(ValueError):
        unpack(data, DIM + 1)


def test_clusters_group_by_meaning_largest_first():
    texts = {
        "a": "garlic cures cancer",
        "b": "vaccines microchips track",
        "c": "bawang menyembuhkan kanker",
        "d": "jakarta airport flooding",
        "e": "vaksin chip melacak",
        "f": "garlic cancer cure",
    }
    ids = list(texts)
    groups = clusters(ids, toy_embed(list(texts.values())), threshold=0.9)
    assert groups == [["a", "c", "f"], ["b", "e"], ["d"]]
    assert clusters(ids, toy_embed(list(texts.values())), threshold=1.01) == [[i] for i in ids]
    assert clusters([], np.zeros((0, DIM)), 0.9) == []


def test_clusters_do_not_chain():
    # x0 ~ x1 ~ x2 in a chain (cos 0.94 per step), x0 and x2 not similar (0.77): x2 does not join x0's cluster.
    angles = np.radians([0, 20, 40, 90])
    vectors = np.c_[np.cos(angles), np.sin(angles)]
    assert clusters(["x0", "x1", "x2", "y"], vectors, threshold=0.9) == [["x0", "x1"], ["x2"], ["y"]]
    with pytest.raises(ValueError):
        clusters(["x0"], vectors, threshold=0.9)

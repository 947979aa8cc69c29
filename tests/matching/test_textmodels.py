"""The shared text model: shapes, normalisation, and Indonesian <-> English agreement."""

import numpy as np
import pytest

from annotations import textmodels

ID_EN = [
    (
        "Vaksin COVID-19 mengandung microchip untuk melacak penduduk.",
        "COVID-19 vaccines contain microchips to track people.",
    ),
    ("Minum air hangat dengan lemon dapat menyembuhkan kanker.", "Drinking warm water with lemon cures cancer."),
    ("Pemerintah akan memblokir WhatsApp mulai bulan depan.", "The government will block WhatsApp next month."),
]
# Each Indonesian claim against another pair's English text.
UNRELATED = [(ID_EN[i][0], ID_EN[(i + 1) % len(ID_EN)][1]) for i in range(len(ID_EN))]


def test_shape_dtype_and_norm():
    vectors = textmodels.embed(["Satu kalimat.", "Another sentence, in English.", ""])
    assert vectors.shape == (3, textmodels.DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert textmodels.embed([]).shape == (0, textmodels.DIM)
    assert textmodels.is_loaded()
    assert textmodels._set_threads is not None  # the engine's OpenMP runtime was found


def test_batch_equals_one_by_one():
    texts = ["Banjir merendam Jakarta.", "A photo shows a flooded street."]
    batch = textmodels.embed(texts)
    for text, row in zip(texts, batch, strict=True):
        np.testing.assert_allclose(textmodels.embed_one(text), row, atol=1e-4)


def test_kinds_differ_and_are_checked():
    text = "Bill Gates bought all the farmland in America."
    assert not np.allclose(textmodels.embed_one(text, "query"), textmodels.embed_one(text, "passage"))
    with pytest.raises(ValueError):
        textmodels.embed([text], kind="document")
    with pytest.raises(TypeError):
        textmodels.embed(text)


def test_indonesian_translation_scores_clearly_above_unrelated():
    paired = [textmodels.similarity(a, b) for a, b in ID_EN]
    unrelated = [textmodels.similarity(a, b) for a, b in UNRELATED]
    # e5's scores sit in a narrow band: unrelated texts still reach ~0.8; translations score ~0.93.
    assert min(paired) > max(unrelated) + 0.08, (paired, unrelated)


def test_long_text_is_cut():
    long = "Klaim palsu tentang vaksin. " * 2000
    assert len(textmodels._clean(long)) == textmodels.MAX_CHARS
    assert textmodels.embed([long]).shape == (1, textmodels.DIM)

"""Golden tests of the sentence splitter and the per-sentence language detector."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.checkworthiness.sentences import detect_language, split_sentences, split_with_language

DATA = Path(__file__).resolve().parent.parent / "data"


def sentences(text):
    spans = split_sentences(text)
    for start, end in spans:
        piece = text[start:end]
        assert piece == piece.strip() and piece, (start, end)
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Menurut Ir. H. Joko Widodo, harga naik 2,5 persen. Harga beras Rp 12.500 per kg.",
            ["Menurut Ir. H. Joko Widodo, harga naik 2,5 persen.", "Harga beras Rp 12.500 per kg."],
        ),
        (
            "Prof. Dr. Budi dan dr. Siti hadir di Jl. Sudirman no. 5 Kab. Bogor. Acara dimulai pukul 10.30 WIB.",
            ["Prof. Dr. Budi dan dr. Siti hadir di Jl. Sudirman no. 5 Kab. Bogor.", "Acara dimulai pukul 10.30 WIB."],
        ),
        (
            "Jend. (Purn.) Ahmad, Kol. Inf. Dedi, Brigjen. Pol. Rudi dan KH. Ma'ruf Amin bertemu. Mereka makan.",
            ["Jend. (Purn.) Ahmad, Kol. Inf. Dedi, Brigjen. Pol. Rudi dan KH. Ma'ruf Amin bertemu.", "Mereka makan."],
        ),
        (
            "Hj. Aminah dan Drs. Slamet di Kec. Cibinong. Dana Rp. 1.000 juta diserahkan ke PT. Maju Jaya Tbk. pada "
            "hari ke-7. Semua hadir.",
            [
                "Hj. Aminah dan Drs. Slamet di Kec. Cibinong.",
                "Dana Rp. 1.000 juta diserahkan ke PT. Maju Jaya Tbk. pada hari ke-7.",
                "Semua hadir.",
            ],
        ),
        (
            "Budi, S.H., M.Si. mengatakan hal itu (lihat hal. 12 dkk.). Harga buah, sayur, dll. naik. Ia pergi.",
            [
                "Budi, S.H., M.Si. mengatakan hal itu (lihat hal. 12 dkk.).",
                "Harga buah, sayur, dll. naik.",
                "Ia pergi.",
            ],
        ),
        # "dll." / "tsb." / "Tbk." end a sentence when a capitalised word follows
        (
            "Ia membeli beras, gula, dll. Kemudian ia pulang.",
            ["Ia membeli beras, gula, dll.", "Kemudian ia pulang."],
        ),
        (
            "Saham PT Astra International Tbk. Naik 3 persen hari ini.",
            ["Saham PT Astra International Tbk.", "Naik 3 persen hari ini."],
        ),
        # quotes: a lowercase word after the closing quote continues the sentence
        (
            "\u201cApakah benar?\u201d tanya dia. \u201cKami tidak tahu,\u201d kata Budi. "
            "\u201cIni benar.\u201d Dia pergi.",
            [
                "\u201cApakah benar?\u201d tanya dia.",
                "\u201cKami tidak tahu,\u201d kata Budi.",
                "\u201cIni benar.\u201d",
                "Dia pergi.",
            ],
        ),
        ('"Is it true?" he asked. "Yes!" She left.', ['"Is it true?" he asked.', '"Yes!"', "She left."]),
        # ellipsis, question and exclamation marks
        ("Kenapa... dia diam. Wah!! Hebat?! Ya.", ["Kenapa... dia diam.", "Wah!!", "Hebat?!", "Ya."]),
        # English abbreviations and initials
        (
            "Mr. Smith met Dr. J. Watson in Washington, D.C. on Monday. The U.S. economy grew 2.5 percent.",
            ["Mr. Smith met Dr. J. Watson in Washington, D.C. on Monday.", "The U.S. economy grew 2.5 percent."],
        ),
        ("I said no. Then I left.", ["I said no.", "Then I left."]),
        # list markers and line breaks
        ("1. Harga naik.\n2. Harga turun.", ["1. Harga naik.", "2. Harga turun."]),
        (
            "Judul Berita Tanpa Titik\nIsi berita dimulai di sini.",
            ["Judul Berita Tanpa Titik", "Isi berita dimulai di sini."],
        ),
        ("Kalimat yang\nterpotong baris. Lalu selesai.", ["Kalimat yang\nterpotong baris.", "Lalu selesai."]),
    ],
)
def test_golden(text, expected):
    assert sentences(text) == expected


def test_emoji_stay_with_their_sentence_and_offsets_are_code_points():
    text = "Mantap 😀! Besok ada rapat 👍🏽. Ia pergi. 👨‍👩‍👧 Semua setuju 🇮🇩🇮🇩"
    got = sentences(text)
    assert got == ["Mantap 😀!", "Besok ada rapat 👍🏽.", "Ia pergi. 👨‍👩‍👧", "Semua setuju 🇮🇩🇮🇩"]
    spans = split_sentences(text)
    # code points, not UTF-16 units: the family emoji is 5 code points, each flag 2
    assert spans[2] == (text.index("Ia"), text.index("👨") + 5)
    assert spans[3][1] == len(text)


def test_combining_marks_are_not_cut():
    # "é" written as e + COMBINING ACUTE ACCENT, and an Indic vowel sign after the full stop's word
    text = "Caf\u0065\u0301 itu buka. Beliau ke sana\u0301. Lalu pulang."
    got = sentences(text)
    assert got == ["Caf\u0065\u0301 itu buka.", "Beliau ke sana\u0301.", "Lalu pulang."]


def test_whitespace_and_empty():
    assert split_sentences("") == []
    assert split_sentences("   \n\t ") == []
    text = "  Satu.   Dua.  \n\n  Tiga  "
    assert sentences(text) == ["Satu.", "Dua.", "Tiga"]
    assert split_sentences(text)[0] == (2, 7)


def test_seed_article():
    text = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    got = sentences(text)
    assert len(got) == 15
    assert (
        "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina." in got
    )
    assert got[0].startswith("LARISMANIS.COM – Pertemuan antara Presiden Rusia")
    assert got[-1].endswith("permasalahan keamanan yang kompleks.")
    # the sentences cover every non-space character, in order
    assert "".join(got).replace(" ", "") == "".join(text.split())


def test_every_character_covered_on_arbitrary_text():
    text = "a. B? c! D… \u201cE.\u201d f (g.) H. 1.000. 2,5! ke-7. Rp. 5 😀 x\n\ny"
    spans = split_sentences(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia.", "id"),
        ("Harga beras naik 2,5 persen bulan lalu, kata menteri.", "id"),
        ("Pemerintah menaikkan anggaran pendidikan.", "id"),
        ("We're consuming 50 percent of the world's cocaine.", "en"),
        ("The unemployment rate fell to 4 percent last year.", "en"),
        ("Thank you.", "en"),
        ("NATO", "und"),
        ("12.500", "und"),
    ],
)
def test_detect_language(sentence, lang):
    assert detect_language(sentence) == lang


def test_code_mixed_article_keeps_a_language_per_sentence():
    text = "Presiden mengatakan bahwa ekonomi tumbuh 5 persen. The minister said the data was wrong. Jakarta, 2024."
    got = split_with_language(text)
    assert [lang for _, _, lang in got][:2] == ["id", "en"]
    # no evidence in "Jakarta, 2024." itself: it takes the article's language
    assert got[2][2] in ("id", "en")
    assert detect_language(text[got[2][0] : got[2][1]]) == "und"


def test_linear_time_on_long_texts_without_boundaries():
    import time

    texts = ["Jl. Sudirman no. 5 dan Kab. Bogor, " * 4000, "kata " * 100000 + ".", "😀 " * 50000]
    start = time.perf_counter()
    for text in texts:
        assert len(split_sentences(text)) == 1
    assert time.perf_counter() - start < 3.0  # was quadratic: minutes


_PIECES = st.sampled_from(
    [
        "Harga",
        "naik",
        "2,5",
        "1.000",
        "ke-7",
        "Jl.",
        "dll.",
        "Tbk.",
        "S.H.",
        "no.",
        "Rp.",
        "dr.",
        "Ir.",
        "H.",
        "A.",
        ".",
        "?",
        "!",
        "...",
        "\u201c",
        "\u201d",
        '"',
        "(",
        ")",
        "😀",
        "👨\u200d👩\u200d👧",
        "🇮🇩",
        "e\u0301",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "Budi",
        "kata",
        "the",
        "U.S.",
        "1.",
        "a",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_spans_are_ordered_stripped_and_cover_every_character(pieces):
    text = "".join(pieces)
    spans = split_sentences(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
    # a sentence never starts with a combining mark or an emoji modifier cut from its base
    for start, _ in spans:
        assert text[start] not in "\u0301\u200d"

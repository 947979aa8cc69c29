import pytest

from annotations.factchecks import ratings
from annotations.factchecks.ratings import (
    CLASSES,
    NOT_ENOUGH_INFO,
    REFUTES,
    SUPPORTS,
    PublishedRating,
    classify_label,
    fever_label,
    match_key,
    normalise,
    normalise_rating,
)


@pytest.mark.parametrize(
    "label, verdict",
    [
        # The labels issue 12 names, in the languages the desk meets.
        ("Falso", "false"),
        ("Salah", "false"),
        ("Hoaks", "false"),
        ("Keliru", "false"),
        ("Disinformasi", "false"),
        ("Menyesatkan", "misleading"),
        ("Konten yang menyesatkan", "misleading"),
        ("Sebagian benar", "mixed"),
        ("Benar", "true"),
        ("Satire", "satire"),
        ("Faux", "false"),
        ("Falsch", "false"),
        ("زائف", "false"),
        ("錯誤", "false"),
        ("错误", "false"),
        ("Missing context", "missing_context"),
        ("Engañoso", "misleading"),
        ("Enganoso", "misleading"),
        ("भ्रामक", "misleading"),
        ("गलत", "false"),
        ("證據不足", "unproven"),
        ("Mostly false", "mostly_false"),
        ("Half true", "mixed"),
        ("Mostly true", "mostly_true"),
        ("Sebagian besar benar", "mostly_true"),
        ("C'est plus compliqué", "mixed"),
        ("Falsk", "false"),
    ],
)
def test_a_published_label_names_its_class(label, verdict):
    assert classify_label(label) == verdict


@pytest.mark.parametrize(
    "label",
    ["FALSO", "falso", "Falso.", "  Falso \r", "«Falso»", "fálso", "FALSO!"],
)
def test_labels_match_whatever_their_case_accents_and_punctuation(label):
    assert classify_label(label) == "false"


def test_underscores_and_missing_accents_do_not_hide_a_label():
    # Aos Fatos publishes "não_é_bem_assim"; 20 Minutes "really_false".
    assert classify_label("não_é_bem_assim") == "missing_context"
    assert classify_label("nao e bem assim") == "missing_context"
    assert classify_label("really_false") == "false"


def test_curly_and_straight_apostrophes_are_one_label():
    assert classify_label("C’est plus compliqué") == classify_label("C'est plus compliqué") == "mixed"


@pytest.mark.parametrize(
    "label, verdict",
    [
        ("FALSO: As imagens foram retiradas do canal no YouTube de um corretor imobiliário.", "false"),
        ("[SALAH] Video Kangguru Memeluk Relawan yang Menyelamatkan Hidupnya", "false"),
        ("【錯誤】網傳圖卡「美國要求各國制裁俄羅斯」", "false"),
        ("Menyesatkan - video lama dari 2019", "misleading"),
    ],
)
def test_a_label_followed_by_its_explanation_is_read_by_its_head(label, verdict):
    assert classify_label(label) == verdict


def test_a_sentence_that_merely_starts_with_a_label_word_is_not_that_label():
    assert classify_label("False because it's a lie") is None
    assert classify_label("Benaran ada di Jakarta") is None


def test_an_unknown_label_stays_unrated_with_the_label_kept():
    result = normalise("Not really, charts say", -1, -1, -1)
    assert result.verdict == "unrated"
    assert result.label == "Not really, charts say"
    assert result.source is None
    assert not result.matched
    assert any("one point" in note for note in result.notes)


def test_a_project_adds_its_own_labels():
    extra = {"Not really, charts say": "mostly_false", "Klaim Lebay": "mixed"}
    assert normalise("Not really, charts say", extra=extra).verdict == "mostly_false"
    assert normalise("KLAIM LEBAY!", extra=extra).verdict == "mixed"
    # The built-in table is not changed by it.
    assert classify_label("Klaim Lebay") is None


def test_a_project_entry_overrides_the_built_in_one():
    assert normalise("Misleading", extra={"misleading": "false"}).verdict == "false"
    assert normalise("Misleading").verdict == "misleading"


def test_a_project_entry_must_name_a_known_class():
    with pytest.raises(ValueError, match="not one of"):
        normalise("Bohong", extra={"Bohong": "very_false"})


def test_afp_factuals_falso_on_a_scale_where_5_is_worst_is_false():
    # AFP Factual: ratingValue 5, worstRating 5, bestRating 1 (claimreview-collector's record).
    result = normalise("Falso", "5", "1", "5")
    assert result.verdict == "false"
    assert result.score == 0.0
    assert result.scale_class == "false"
    assert fever_label(result.verdict) == REFUTES


def test_the_number_alone_is_read_on_the_publishers_scale_whichever_end_is_best():
    assert normalise(None, 5, best=1, worst=5).verdict == "false"
    assert normalise(None, 1, best=1, worst=5).verdict == "true"
    assert normalise(None, 1, best=5, worst=1).verdict == "false"
    assert normalise(None, 5, best=5, worst=1).verdict == "true"
    assert normalise(None, 3, best=5, worst=1).verdict == "mixed"
    assert normalise(None, 2, best=5, worst=1).verdict == "mostly_false"
    assert normalise(None, 1, best=2, worst=0).verdict == "mixed"
    assert normalise(None, "4,8", best=5, worst=1).verdict == "true"
    assert normalise(None, "4,5", best=5, worst=1).score == 0.875


def test_a_sentence_label_falls_back_to_the_number_and_says_so():
    # AFP Hindi puts a sentence in alternateName and 1 of 1..5 in ratingValue.
    result = normalise("ये तस्वीर अफ्रीका में ग़ुलामों के खरीद-फ़रोख़्त करने वाले की है", "1", "5", "1")
    assert result.verdict == "false"
    assert result.source == "scale"
    assert any("not in the label table" in note for note in result.notes)


def test_when_label_and_number_disagree_the_label_wins_and_the_disagreement_is_noted():
    # Agência Lupa: "Falso" is 4 on a 1..6 scale that is not ordered by truth.
    result = normalise("Falso", 4, 6, None)
    assert result.verdict == "false"
    assert result.source == "label"
    assert result.scale_class == "mixed"
    assert any("label says false but the number says mixed" in note for note in result.notes)
    assert any("worstRating missing" in note for note in result.notes)


def test_a_scale_of_one_point_or_a_value_off_the_scale_gives_no_score():
    assert normalise(None, -1, -1, -1).score is None
    assert normalise(None, -1, -1, -1).verdict == "unrated"
    off = normalise(None, 9, 5, 1)
    assert off.score is None
    assert any("outside its scale" in note for note in off.notes)


def test_missing_bounds_take_schema_orgs_defaults_and_say_so():
    result = normalise(None, "1")
    assert result.verdict == "false"
    assert result.score == 0.0
    assert len(result.notes) == 2


def test_text_in_a_number_field_is_not_a_number():
    assert ratings.to_decimal("Falso") is None
    assert ratings.to_decimal("") is None
    assert ratings.to_decimal(True) is None
    assert ratings.to_decimal("NaN") is None
    assert ratings.to_decimal(" 4 ") == 4


def test_normalise_rating_reads_a_published_rating():
    assert normalise_rating(PublishedRating("Hoaks")).verdict == "false"
    assert normalise_rating(None).verdict == "unrated"
    assert normalise_rating(PublishedRating()).verdict == "unrated"


@pytest.mark.parametrize(
    "verdict, label",
    [
        ("false", REFUTES),
        ("mostly_false", REFUTES),
        ("mixed", NOT_ENOUGH_INFO),
        ("mostly_true", SUPPORTS),
        ("true", SUPPORTS),
        ("misleading", NOT_ENOUGH_INFO),
        ("missing_context", NOT_ENOUGH_INFO),
        ("satire", NOT_ENOUGH_INFO),
        ("unproven", NOT_ENOUGH_INFO),
        ("unrated", NOT_ENOUGH_INFO),
    ],
)
def test_fever_labels_come_from_the_normalised_class(verdict, label):
    assert fever_label(verdict) == label


def test_every_class_has_a_fever_label():
    assert {fever_label(verdict) for verdict in CLASSES} == {SUPPORTS, REFUTES, NOT_ENOUGH_INFO}


def test_fever_label_takes_a_projects_own_mapping_and_refuses_nonsense():
    assert fever_label("misleading", {"misleading": REFUTES}) == REFUTES
    with pytest.raises(ValueError):
        fever_label("fake")
    with pytest.raises(ValueError):
        fever_label("misleading", {"misleading": "FALSE"})


def test_the_label_table_covers_every_class_but_unrated():
    table = ratings.builtin_table()
    assert set(table.values()) == set(CLASSES) - {"unrated"}
    assert len(table) > 500


def test_a_label_listed_under_two_classes_is_an_error():
    with pytest.raises(ValueError, match="both"):
        ratings._build_table({"false": {"en": ["Nope"]}, "true": {"en": ["NOPE!"]}})
    with pytest.raises(ValueError, match="unknown class"):
        ratings._build_table({"wrongish": {"en": ["Nope"]}})


def test_match_key_drops_latin_and_arabic_accents_but_keeps_indic_vowel_signs():
    assert match_key("Engañoso") == "enganoso"
    assert match_key("زائِف") == match_key("زائف")
    # Devanagari vowel signs are letters: "सच" (true) and "सोच" (thought) stay apart.
    assert match_key("सच") != match_key("सोच")

"""The first-stage features, the shipped model's scores and explanations, and reproducible training."""

import csv
import json
import math
from pathlib import Path

import pytest

from annotations.checkworthiness import features as feats
from annotations.checkworthiness.model import MODEL_PATH, CheckworthinessModel, explain, load_model, score
from annotations.checkworthiness.sentences import split_sentences
from annotations.checkworthiness.train import f1_at_best_threshold, prf, read_tsv, train, train_file

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_CLAIM = "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina."


@pytest.mark.parametrize(
    "sentence, lang, present, absent",
    [
        ("Inflasi naik 2,5 persen dibandingkan tahun lalu.", "id", {"number", "percent", "comparative", "date"}, set()),
        ("Dana Rp 1,3 triliun diserahkan.", "id", {"number", "money", "big_amount"}, {"question"}),
        ("We spent $18 billion, the largest amount ever.", "en", {"money", "big_amount", "superlative"}, set()),
        ("Ia tertinggi di kelasnya, kata Budi.", "id", {"superlative", "attribution", "named_entity"}, set()),
        ("The senator claimed unemployment fell.", "en", {"attribution", "comparative", "policy_topic"}, set()),
        ("Apakah itu benar?", "id", {"question", "short"}, {"number", "attribution"}),
        ("I think we should do better.", "en", {"first_person", "hedge", "normative"}, {"number"}),
        ("Menurut saya, harga akan naik tahun depan.", "id", {"first_person", "hedge", "prediction"}, set()),
        ("Thank you very much.", "en", {"social", "short"}, {"named_entity"}),
        ("NATO dan KPK bertemu pada 12 Mei 2024.", "id", {"acronym", "year", "date", "number"}, {"question"}),
    ],
)
def test_features(sentence, lang, present, absent):
    got = feats.extract(sentence, lang)
    assert present <= set(got), set(got)
    assert not absent & set(got)
    assert set(got) <= set(feats.FEATURES)


def test_ngrams_fold_digits_and_pair_words():
    grams = feats.ngrams("We lost 2 million jobs.")
    assert {"we", "lost", "0", "million", "we lost", "lost 0", "0 million", "million jobs"} <= grams


def test_shipped_model_file_is_there_and_attributed():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert "ClaimBuster" in data["attribution"] and "ICWSM 2020" in data["attribution"]
    assert set(data["features"]["weights"]) == set(feats.FEATURES)
    assert 0 < data["features"]["threshold"] < 1 and 0 < data["ngrams"]["threshold"] < 1
    # learnt from the data, the signs a fact-checker expects
    w = data["features"]["weights"]
    assert w["number"] > 0 and w["percent"] > 0 and w["attribution"] > 0
    assert w["question"] < 0 and w["hedge"] < 0 and w["normative"] < 0


@pytest.mark.parametrize("lang", ["en", "id"])
def test_scores_are_probabilities_and_rank_claims_first(lang):
    pairs = {
        "en": (
            "Unemployment rose to 8 percent last year, the highest rate since 1983, the Labor Department said.",
            "I think we should all be very proud tonight.",
        ),
        "id": (
            "BPS mencatat angka pengangguran naik menjadi 8 persen tahun lalu, tertinggi sejak 1983.",
            "Menurut saya, kita semua harus bangga malam ini.",
        ),
    }
    claim, opinion = pairs[lang]
    p_claim, why_claim = score(claim, lang)
    p_opinion, why_opinion = score(opinion, lang)
    assert 0.0 <= p_opinion < p_claim <= 1.0
    assert p_claim > load_model().threshold(lang) > p_opinion
    assert why_claim and why_opinion and why_claim != why_opinion


def test_english_explanation_reads_like_a_fact_checker():
    p, why = score("Jobs fell 5 percent more than in 2019, Senator Smith said.", "en")
    assert why.startswith("Contains a percentage")
    assert "comparison" in why and "attributed to a named source" in why
    p, why = score("Do you really think that will work?", "en")
    assert "question" in why


def test_indonesian_explanation():
    p, why = score("Harga beras naik 10 persen dibandingkan tahun lalu, kata Menteri Perdagangan.", "id")
    assert why.startswith("Memuat persentase") and "perbandingan" in why
    assert "dikutip dari sumber yang disebut namanya" in why
    p, why_en = score("Harga beras naik 10 persen dibandingkan tahun lalu, kata Menteri Perdagangan.", "id", "en")
    assert why_en.startswith("Contains a percentage")


def test_explain_without_evidence():
    assert explain({}) == "No sign of a checkable claim"
    assert explain({"question": -2.0}) == "No sign of a checkable claim; but it is a question"
    assert explain({"number": 1.0, "comparative": 0.5, "attribution": 0.4, "named_entity": 0.3}) == (
        "Contains a number and a comparison; attributed to a named source"
    )


def read_id_golden():
    with open(DATA / "checkworthiness-id.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_indonesian_golden_file_shape():
    rows = read_id_golden()
    assert len(rows) >= 60
    assert {r["class_label"] for r in rows} == {"Yes", "No"}
    seed_text = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    seed_rows = [r["Text"] for r in rows if r["article"] == "seed"]
    assert seed_rows == [seed_text[s:e] for s, e in split_sentences(seed_text)]


def test_seed_claim_ranks_in_the_articles_top_3():
    text = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    sentences = [text[s:e] for s, e in split_sentences(text)]
    ranked = sorted(sentences, key=lambda s: -score(s, "id")[0])
    assert SEED_CLAIM in ranked[:3]


def test_indonesian_precision_at_10():
    rows = read_id_golden()
    ranked = sorted(rows, key=lambda r: -score(r["Text"], "id")[0])
    precision_at_10 = sum(r["class_label"] == "Yes" for r in ranked[:10]) / 10
    assert precision_at_10 >= 0.8


def test_metrics():
    assert prf([1, 1, 0, 0], [1, 0, 1, 0]) == (0.5, 0.5, 0.5)
    assert prf([1, 0], [0, 0]) == (0.0, 0.0, 0.0)
    f1, threshold = f1_at_best_threshold([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.1])
    assert f1 == 1.0 and 0.3 < threshold < 0.8


def _toy(n=120):
    sentences, labels = [], []
    for i in range(n):
        if i % 3 == 0:
            sentences.append(f"Unemployment fell {i} percent since {1990 + i % 20}, the senator said.")
            labels.append(1)
        else:
            sentences.append(["I think we should be proud.", "Thank you, everyone.", "Would you agree?"][i % 3 - 1])
            labels.append(0)
    return sentences, labels


def test_training_is_reproducible_and_learns(tmp_path):
    sentences, labels = _toy()
    path = tmp_path / "toy.tsv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["Sentence_id", "Text", "class_label"])
        w.writerows((i, s, "Yes" if y else "No") for i, (s, y) in enumerate(zip(sentences, labels, strict=True)))
    assert read_tsv(path)[1:] == (sentences, labels)
    options = {"iterations": 60, "folds": 3, "l2_grid": (1.0,), "log": lambda *a: None}
    train_file(path, tmp_path / "a.json", seed=3, **options)
    train_file(path, tmp_path / "b.json", seed=3, **options)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    model = CheckworthinessModel(json.loads((tmp_path / "a.json").read_text(encoding="utf-8")))
    assert model.probability("Crime fell 12 percent since 2001, the mayor said.") > 0.5
    assert model.probability("Thank you, everyone.") < 0.5
    assert model.data["ngrams"]["cv_f1"] == 1.0


def test_train_rejects_mismatched_input():
    with pytest.raises(ValueError):
        train(["a", "b"], [1])


def test_management_command_writes_a_model(tmp_path):
    from django.core.management import call_command

    sentences, labels = _toy(60)
    path = tmp_path / "toy.tsv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["Sentence_id", "Text", "class_label"])
        w.writerows((i, s, "Yes" if y else "No") for i, (s, y) in enumerate(zip(sentences, labels, strict=True)))
    out = tmp_path / "model.json"
    call_command("train_checkworthiness", data=str(path), output=str(out), iterations=30, folds=2, verbosity=0)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["trained_on"] == 60 and data["positives"] == 20
    assert not math.isnan(data["ngrams"]["bias"])


def test_management_command_without_data(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no training file"):
        call_command("train_checkworthiness", data=str(tmp_path / "missing.tsv"), output=str(tmp_path / "m.json"))


def test_first_stage_is_fast():
    import time

    sentences = [f"Unemployment fell {i} percent since 2001, Senator Smith said on Monday." for i in range(300)]
    sentences += ["I think we should all be very proud of what you did tonight, thank you."] * 300
    start = time.perf_counter()
    for s in sentences:
        score(s, "en")
    # 1,000+ a second on one idle core; a loose bound here, for busy test machines
    assert len(sentences) / (time.perf_counter() - start) > 250


def test_benchmark_prints_its_result_line():
    import re
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent.parent
    out = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "checkworthiness.py"), str(DATA / "checkworthiness-id.tsv")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    last = out.strip().splitlines()[-1]
    m = re.fullmatch(
        r"RESULT checkworthiness f1=([\d.]+) precision=([\d.]+) recall=([\d.]+) stage1_f1=([\d.]+) "
        r"stage1_per_s=(\d+) full_per_s=(\d+)",
        last,
    )
    assert m, last
    assert 0.5 < float(m.group(1)) <= 1.0
    assert "'id'" in out  # the Indonesian sentences were detected as Indonesian

"""Scoring an article end to end, measuring a model, and a desk's own labels changing the ranking."""

import csv
from pathlib import Path

from annotations.checkworthiness.model import CheckworthinessModel, load_model
from annotations.checkworthiness.pipeline import evaluate, rank, score_article
from annotations.checkworthiness.train import train

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_CLAIM = "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina."


def test_score_article_offsets_languages_and_ranking():
    seed = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    text = "Kabar terkini 👨‍👩‍👧.\n" + seed + "\nThe minister said prices rose 5 percent."
    scored = score_article(text, language="id")
    assert [text[s.start : s.end] for s in scored][1:3] == [
        "LARISMANIS.COM – Pertemuan antara Presiden Rusia, Vladimir Putin, dan Pemimpin Tertinggi Korea Utara, "
        "Kim Jong Un, telah menimbulkan kekhawatiran besar dari aliansi NATO.",
        "Sekretaris Jenderal NATO, Jens Stoltenberg, mengungkapkan kekhawatirannya terkait dukungan yang mungkin "
        "diberikan Rusia kepada program rudal dan nuklir Korea Utara dalam pertemuan historis ini.",
    ]
    assert scored[-1].lang == "en" and {s.lang for s in scored[1:-1]} == {"id"}
    assert scored[-1].explanation.startswith("Contains a percentage")
    top3 = [text[s.start : s.end] for s in rank(scored, top=3)]
    assert SEED_CLAIM in top3
    claim = next(s for s in scored if text[s.start : s.end] == SEED_CLAIM)
    assert claim.suggested and claim.start == text.index(SEED_CLAIM)
    assert claim.explanation[0].isupper() and "sumber" in claim.explanation  # Indonesian explanation


def read_golden():
    with open(DATA / "checkworthiness-id.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [r["Text"] for r in rows], [r["class_label"] == "Yes" for r in rows]


def test_evaluate_on_the_indonesian_golden_file():
    sentences, labels = read_golden()
    got = evaluate(load_model(), sentences, labels, ["id"] * len(sentences))
    assert got["n"] == len(sentences) and got["positives"] == sum(labels)
    assert got["precision_at_k"] >= 0.8
    assert got["f1"] > 0.6


def test_desk_labels_retrain_and_change_the_ranking():
    """Sports results the desk keeps dismissing sink; council decisions it keeps marking rise."""
    dismissed = "Skor akhir pertandingan Persib melawan Persija adalah 2-1 di Stadion Si Jalak Harupat."
    marked = "Dewan kota memutuskan menutup pasar tradisional di pusat kota mulai pekan ini."
    shipped = load_model()
    assert shipped.probability(dismissed, "id") > shipped.probability(marked, "id")

    sentences, labels = [], []
    teams = ["Persib", "Persija", "Arema", "Persebaya", "PSM", "Bali United", "PSIS", "Borneo"]
    places = ["pasar tradisional", "terminal bus", "taman kota", "jalan protokol", "alun-alun", "pasar ikan"]
    for i, team in enumerate(teams):
        other = teams[(i + 3) % len(teams)]
        sentences.append(f"Skor akhir pertandingan {team} melawan {other} adalah {i % 4}-{(i + 1) % 3} di stadion.")
        labels.append(False)
    for place in places:
        sentences.append(f"Dewan kota memutuskan menutup {place} mulai bulan ini.")
        labels.append(True)
        sentences.append(f"Dewan kota memutuskan memindahkan {place} ke pinggiran kota.")
        labels.append(True)
    project = CheckworthinessModel(
        train(sentences, labels, ["id"] * len(sentences), folds=3, l2_grid=(1.0,), iterations=150, log=lambda *a: None)
    )
    assert project.data["ngram_languages"] == ["id"]
    assert project.probability(marked, "id") > project.probability(dismissed, "id")

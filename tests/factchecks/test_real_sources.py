"""The real files: Meedan's fixtures (pages of 20 fact-checkers, API answers) and claimreview-collector's records.

The counts are exact on purpose: a change that loses or gains a record, a
warning or a refusal shows here. The review of 2026-12-01 found, for the
same files, 13 of 74 records refused for one bad optional field, 39 pages
giving 0 claims, and no Data Commons or Fact Check Tools API record at all.
"""

import json
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from annotations.factchecks import PublishedRating, extract, fever_label, normalise_rating

from .fixtures import documents
from .realdata import DATA, SOURCES, source_files, tally

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"

# (tried, extracted, warned, refused) per source.
EXPECTED = {
    "meedan-fetch": (66, 66, 19, 0),
    "meedan-newspeek": (16, 16, 9, 0),
    "claimreview-collector": (6, 6, 5, 0),
}


@pytest.fixture(scope="module")
def tallies():
    return {source: tally(source_files(source)) for source in SOURCES}


@pytest.fixture(scope="module")
def records(tallies):
    return {(r.url, r.syntax): r for t in tallies.values() for r in t.records}


def by_url(records, fragment):
    found = [r for (url, _), r in records.items() if url and fragment in url]
    assert found, fragment
    return found[0]


@pytest.mark.parametrize("source", SOURCES)
def test_every_claimreview_in_the_real_files_becomes_a_fact_check(tallies, source):
    assert tallies[source].row() == EXPECTED[source]
    assert tallies[source].refusals == {}


def test_every_page_with_claimreview_gives_its_fact_checks(tallies):
    # 34 fetch pages + Data Commons + the API answer + Newtral's two API listings.
    assert tallies["meedan-fetch"].files_with_claimreview == 38
    assert tallies["meedan-newspeek"].files_with_claimreview == 16
    page_records = [r for t in tallies.values() for r in t.records if r.syntax == "json-ld"]
    assert len(page_records) == 34 + 14


def test_the_api_and_feed_shapes_arrive(records):
    newtral = [r for r in records.values() if r.url and "newtral.es" in r.url and r.syntax == "json"]
    assert len(newtral) == 30
    assert all(r.publisher.name == "Newtral" and r.rating.label in ("Falso", "Engañoso") for r in newtral)
    dpa = by_url(records, "presseportal.de/pm/133833/4381130")
    assert dpa.publisher.name == "Deutsche Presse-Agentur"
    assert dpa.claimant.name == "Irmin Suhl"
    google = by_url(records, "vishvasnews.com/urdu/")
    assert google.syntax == "fact-check-tools-api"
    assert google.language == "ur"


def test_the_reviews_refusals_are_now_kept_with_a_warning(records):
    estadao = by_url(records, "estadao.com.br/estadao-verifica/yanomamis")
    assert (
        estadao.url
        == "https://www.estadao.com.br/estadao-verifica/yanomamis-desnutricao-venezuelanos-brasileiros-maduro-lula/"
    )
    assert estadao.publisher.name == "Estadão"
    aos_fatos = by_url(records, "aosfatos.org/noticias/video-manipulado")
    assert aos_fatos.url.startswith("https://aosfatos.org/")
    vishvas = by_url(records, "fact-check-this-video-is-not-related-with-galwan-valley")
    assert vishvas.date_published == datetime(2020, 6, 22, 12, 26, 8, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    politifact = by_url(records, "politifact.com/article/2017/mar/01")
    assert politifact.date_published == datetime(2017, 3, 1, 20, 30, 17, tzinfo=UTC)
    boom = by_url(records, "bangla.boomlive.in")
    assert boom.claimant == type(boom.claimant)("Facebook Post", None)
    twenty = by_url(records, "20minutes.fr/monde/ukraine/3288079")
    assert twenty.claimant.name == "Réseaux sociaux" and twenty.claimant.url is None
    india_today = by_url(records, "pm-modi-did-not-criticise-his-government")
    assert india_today.claimant.url.startswith("https://www.facebook.com/manmohansinghpm7/posts/")


def test_claim_appearances_are_kept_apart_from_the_fact_check(records):
    afp = by_url(records, "checamos.afp.com/suposta-fala-de-soros")
    assert [(a.url, a.kind) for a in afp.appearances] == [
        ("https://twitter.com/CatinhaZen/status/1266839666889809923", "itemReviewed.url")
    ]
    assert afp.headline.startswith("Suposta fala de Soros")
    assert afp.claim_reviewed.startswith("George Soros disse ao jornal alemão Bild")
    assert len(by_url(records, "projetocomprova.com.br").appearances) == 2
    assert len(by_url(records, "fatabyyano.net").appearances) == 4
    newschecker = by_url(records, "newschecker.in")
    assert [(a.url, a.kind) for a in newschecker.appearances] == [("https://archive.is/wip/XKReX", "firstAppearance")]
    faktencheck = by_url(records, "faktencheck.afp.com")
    assert faktencheck.appearances[0].url == "https://archive.is/CLuhH"


def test_texts_are_clean_and_languages_declared(records):
    quint = by_url(records, "thequint.com")
    assert quint.claim_reviewed == "Last Tweets of Sushant Singh Rajput shared on 14 June"
    sunak = by_url(records, "rishi-sunak-did-not-make-a-viral-statement")
    assert sunak.claim_reviewed == "Rishi Sunak praises Manmohan Singh's economy ideas"
    africa = by_url(records, "south-african-mayor-incorrect-about-covid-19-vaccine")
    assert africa.claimant.name == "Mzwandile Masina, mayor of Ekurhuleni"
    assert africa.publisher.name == "Africa Check"
    assert by_url(records, "uol.com.br/confere").publisher.name == "UOL"
    languages = {r.language for r in records.values() if r.syntax == "json-ld"}
    assert {"pt-BR", "es", "hi", "bn", "zh-Hant", "ar", "fr", "de", "en"} <= languages
    assert "id" not in languages


def test_afp_factuals_inverted_falso_is_false_and_refutes(records):
    afp = by_url(records, "los-motociclistas-pedian-que-cese-la-violencia")
    assert (afp.rating.label, afp.rating.value, afp.rating.best, afp.rating.worst) == ("Falso", 5, 1, 5)
    verdict = normalise_rating(afp.rating)
    assert (verdict.verdict, verdict.score) == ("false", 0.0)
    assert fever_label(verdict.verdict) == "REFUTES"


# Every label the real records publish, and the verdict it gets.
REAL_LABELS = {
    "C’est plus compliqué": "mixed",
    "Engañoso": "misleading",
    "FALSO: As imagens foram retiradas do canal no YouTube de um corretor imobiliário. O imóvel fica no Ceará e, "
    "segundo o proprietário, Lula nunca esteve na residência.": "false",
    "FAUX": "false",
    "Falsch": "false",
    "False": "false",
    "Falsk": "false",
    "Falso": "false",
    "Falso.": "false",
    "Faux": "false",
    "Half true": "mixed",
    "Incorrect": "false",
    "Misleading": "misleading",
    "Mixto": "mixed",
    "Mostly false": "mostly_false",
    "não_é_bem_assim": "missing_context",
    "really_false": "false",
    "زائف": "false",
    "證據不足": "unproven",
    "錯誤": "false",
}
# Sentences in the label field: no table can map them (the number can, where there is one).
UNMAPPED_LABELS = {
    "Not really, charts say",
    "Reker hat diesen Satz nie gesagt. «Völliger Unsinn», heißt es dazu aus der Pressestelle der Stadt Köln.",
    "The Health Desk Experts said Current data shows that roughly 10% of infected people do not have measurable "
    "antibodies once they recover from COVID-19.",
    "ये तस्वीर अफ्रीका में ग़ुलामों के खरीद-फ़रोख़्त करने वाले की है",
}


def test_every_real_label_is_collected_and_how_many_map(tallies):
    labels = {r.rating.label for t in tallies.values() for r in t.records}
    assert None not in labels
    by_label = {label: normalise_rating(PublishedRating(label)) for label in labels}
    mapped = {label: result.verdict for label, result in by_label.items() if result.matched}
    unmapped = {label for label, result in by_label.items() if not result.matched}
    assert mapped == REAL_LABELS
    assert unmapped == UNMAPPED_LABELS
    assert (len(labels), len(mapped)) == (24, 20)


def test_every_real_rating_gets_a_verdict_unless_it_says_nothing(tallies):
    verdicts = [normalise_rating(r.rating) for t in tallies.values() for r in t.records]
    unrated = [v for v in verdicts if v.verdict == "unrated"]
    # dpa ×2, FactCheck Zimbabwe ×2 (sentences, no number) and PolitiFact (a one-point scale).
    assert len(unrated) == 5
    assert all(v.label for v in unrated)
    # AFP Hindi's sentence label is read by its number: 1 of 1..5.
    assert sum(v.source == "scale" for v in verdicts) == 1


def test_claimreview_files_in_a_zip_are_read_member_by_member(tmp_path, tallies):
    """A ZIP of the JSON-LD blocks the pages carry: every member gives its fact-check."""
    blocks = [r.raw for t in tallies.values() for r in t.records if r.syntax == "json-ld"]
    archive = tmp_path / "claimreviews.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for number, block in enumerate(blocks):
            zf.writestr(f"claimreview-{number}.jsonld", json.dumps(block, ensure_ascii=False))
    extracted = 0
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            extracted += len(extract(zf.read(name)).records)
    assert extracted == len(blocks) == 48


def test_the_fixture_helper_pulls_pages_out_of_meedan_json():
    found = documents(DATA / "meedan-fetch" / "afp_raw.json")
    assert [(d.kind, d.where) for d in found] == [("html", "$.page")]
    assert found[0].content.lstrip().startswith("<!DOCTYPE html>")
    factly = documents(DATA / "meedan-fetch" / "the_quint_raw.json")
    assert [d.kind for d in factly] == ["json"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared real files are not beside the repository")
@pytest.mark.parametrize("source", ["meedan-fetch", "meedan-newspeek"])
def test_the_trimmed_copies_lose_nothing_against_the_originals(tallies, source):
    original = tally(source_files(source, SHARED))
    assert original.row() == tallies[source].row()
    assert {r.to_dict()["url"] for r in original.records} == {r.to_dict()["url"] for r in tallies[source].records}

import io
from types import SimpleNamespace

import pytest

from annotations import workflow
from annotations.models import Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member

EMOJI_TEXT = "Viral 🇮🇩👍🏽: “Vaksin mengandung chip” – kata akun café\u0301 itu. نعم"


def publish(claim, reviewer, editor, rating, evidence=(), **fields):
    claim = workflow.claim_take(claim=claim, user=reviewer)
    verdict = workflow.verdict_create(claim=claim, user=reviewer, rating=rating, **fields)
    for url, title in evidence:
        workflow.evidence_add(verdict=verdict, user=reviewer, url=url, title=title, accessed_at="2024-06-20")
    verdict = workflow.verdict_submit(verdict=verdict, user=reviewer)
    verdict = workflow.verdict_approve(verdict=verdict, user=editor)
    return workflow.verdict_publish(verdict=verdict, user=editor)


@pytest.fixture
def desk(db):
    """The demo's claim, published with two evidence sources; a published
    claim on a text with emoji, combining marks and Arabic; an open claim."""
    project = ProjectFactory(
        name="Demo desk", slug="demo", language="id", publisher_name="Cek Fakta Demo",
        publisher_url="https://cekfakta.example/",
    )  # fmt: skip
    project.install_rating_preset("id")
    users = {role: member(project, role, user__username=role) for role in Role.values}
    ratings = {r.label: r for r in project.ratings.all()}
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id",
                             url="https://larismanis.example/putin-kim", publisher="Larismanis")  # fmt: skip
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(
        article=article, user=users["annotator"], start=start, end=start + len(SEED_CLAIM), claimant="AS",
        claimant_url="https://www.wikidata.org/wiki/Q30", claimant_type="organization", claim_date="2024-06-19",
        statement="AS menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia", tags=["nato"],
    )  # fmt: skip
    verdict = publish(
        claim, users["reviewer"], users["editor"], ratings["Sebagian besar benar"],
        evidence=[("https://www.state.gov/dprk-russia", "Pernyataan Deplu AS"), ("https://www.nato.int/s", "NATO")],
        summary="AS memang menuduh demikian.", analysis="**Benar** bahwa AS menuduh; <script>alert(1)</script>",
    )  # fmt: skip
    emoji_article = ArticleFactory(project=project, title="Vaksin", text=EMOJI_TEXT, language="id")
    quote = "“Vaksin mengandung chip”"
    emoji_start = EMOJI_TEXT.index(quote)
    emoji_claim = workflow.claim_mark(article=emoji_article, user=users["annotator"], start=emoji_start,
                                      end=emoji_start + len(quote), statement='=HYPERLINK("http://evil")')  # fmt: skip
    publish(emoji_claim, users["reviewer"], users["editor"], ratings["Salah"], summary="-1 bukti")
    open_claim = workflow.claim_mark(article=emoji_article, user=users["annotator"], start=0, end=5)
    return SimpleNamespace(
        project=project, users=users, claim=claim, verdict=verdict, emoji_claim=emoji_claim, open_claim=open_claim,
        ratings=ratings,
    )  # fmt: skip


def render(exporter):
    out = io.BytesIO()
    exporter.write(out)
    return out.getvalue()

"""Every page at phone width (390×844, touch), and at desktop width in the
longer words of Indonesian: nothing wider than the screen, no column of any
table hidden or cut off by its card."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations import workflow
from annotations.models import Claim, ExportJob, ImportJob, Role

from ..conftest import SEED_CLAIM, SEED_TEXT
from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
BROKEN_IMPORT = b'{"title": "no text here"}\n{"text": "Harga beras naik 20 persen.", "title": "Beras"}\nnot json\n'


@pytest.fixture
def desk():
    """A desk with something on every page: a corrected fact-check, an
    import with failed lines, a finished export, an article assigned twice."""
    project = ProjectFactory(name="Demo desk", slug="demo", language="id", publisher_name="Demo desk",
                             publisher_url="https://demo.example/")  # fmt: skip
    project.install_rating_preset("id")
    users = {role: member(project, role, user__username=role) for role in Role.values}
    users["budi"] = member(project, Role.ANNOTATOR, user__username="budi")
    article = ArticleFactory(project=project, title="Putin dan Kim", text=SEED_TEXT, language="id",
                             url="https://larismanis.example/putin-kim", publisher="Larismanis")  # fmt: skip
    start = SEED_TEXT.index(SEED_CLAIM)
    claim = workflow.claim_mark(article=article, user=users["annotator"], start=start, end=start + len(SEED_CLAIM),
                                claimant="Departemen Luar Negeri Amerika Serikat", tags=["rudal"])  # fmt: skip
    claim = workflow.claim_take(claim=claim, user=users["reviewer"])
    ratings = list(project.ratings.order_by("value"))
    verdict = workflow.verdict_create(claim=claim, user=users["reviewer"], rating=ratings[-1],
                                      summary="AS memang menuduh demikian.", analysis="Pernyataan resmi.")  # fmt: skip
    workflow.evidence_add(verdict=verdict, user=users["reviewer"], url="https://www.state.gov/dprk-russia",
                          title="Deplu AS")  # fmt: skip
    verdict = workflow.verdict_submit(verdict=verdict, user=users["reviewer"])
    verdict = workflow.verdict_publish(verdict=verdict, user=users["editor"], approve=True)
    correction = workflow.verdict_correct(verdict=verdict, user=users["editor"], rating=ratings[-2],
                                          correction_note="Sumber kedua tidak menyebut amunisi.",
                                          summary="AS menuduh demikian; amunisi belum terbukti.")  # fmt: skip
    text = "Menkes mengatakan vaksin campak aman untuk anak. Cakupan naik 12 persen."
    second = ArticleFactory(project=project, title="Menkes: vaksin campak aman untuk anak", language="id", text=text)
    workflow.article_assign(article=second, user=users["editor"], annotators=[users["annotator"], users["budi"]])
    upload = SimpleUploadedFile("berita-dengan-kesalahan-panjang.jsonl", BROKEN_IMPORT)
    workflow.import_queue(project=project, user=users["editor"], upload=upload)
    workflow.export_queue(project=project, user=users["editor"], format="claimreview")
    return {"project": project, "article": article, "second": second, "claim": claim, "correction": correction}


def pages(desk):
    """(user, path) of every page a member or a reader opens."""
    article, second, claim, correction = desk["article"], desk["second"], desk["claim"], desk["correction"]
    project = "/projects/demo"
    import_job, export_job = ImportJob.objects.get(), ExportJob.objects.get()
    imported = Claim.objects.exclude(pk=claim.pk).first()
    return [
        ("admin", "/"),
        ("admin", "/account/"),
        ("admin", "/new-project/"),
        ("admin", f"{project}/"),
        ("admin", f"{project}/articles/"),
        ("admin", f"{project}/articles/{article.pk}/"),
        ("annotator", f"{project}/articles/{second.pk}/"),
        ("editor", f"{project}/articles/{second.pk}/adjudication/"),
        ("editor", f"{project}/articles/{second.pk}/agreement/"),
        ("editor", f"{project}/agreement/"),
        ("reviewer", f"{project}/review/"),
        ("reviewer", f"{project}/claims/{claim.pk}/verdict/"),
        ("editor", f"{project}/editor/"),
        ("editor", f"{project}/verdicts/{correction.pk}/"),
        ("editor", f"{project}/check-worthy/"),
        ("editor", f"{project}/claims/clusters/"),
        ("editor", f"{project}/fact-checks/"),
        ("editor", f"{project}/imports/"),
        ("editor", f"{project}/imports/{import_job.pk}/"),
        ("editor", f"{project}/exports/"),
        ("editor", f"{project}/exports/{export_job.pk}/"),
        ("admin", f"{project}/members/"),
        ("annotator", f"{project}/editor/"),  # 403
        ("editor", f"{project}/articles/999999/"),  # 404
        (None, f"/claims/{claim.pk}/report/"),
        (None, "/login/"),
        *([("editor", f"{project}/claims/{imported.pk}/verdict/")] if imported else []),
    ]


def overflow(page):
    """What is wider than the screen: the document, and the table headers that cannot be seen."""
    return page.evaluate(
        """() => {
            const hidden = [...document.querySelectorAll("main th")].filter(th =>
                th.getClientRects().length === 0 || getComputedStyle(th).visibility === "hidden"
            ).map(th => th.textContent.trim());
            // A header out of its card, and of any box that scrolls to it, is cut off.
            const outside = [...document.querySelectorAll("main th")].filter(th => {
                for (let box = th.parentElement; box && box !== document.body; box = box.parentElement) {
                    if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return false;
                    if (box.matches(".card, main")) {
                        const edge = box.getBoundingClientRect(), cell = th.getBoundingClientRect();
                        return cell.right > edge.right + 1 || cell.left < edge.left - 1;
                    }
                }
                return false;
            }).map(th => th.textContent.trim());
            return {width: document.documentElement.scrollWidth, hidden: hidden.concat(outside)};
        }"""
    )


@pytest.mark.parametrize("language, screen", [("en", PHONE), ("id", PHONE), ("id", DESKTOP)],
                         ids=["phone-en", "phone-id", "desktop-id"])  # fmt: skip
def test_no_page_is_wider_than_its_screen_and_no_column_is_hidden(
    desk, login, browser, live_server, shot, language, screen
):
    contexts, problems = {}, []
    device = {"viewport": screen, "has_touch": screen is PHONE, "is_mobile": screen is PHONE}
    for user, path in pages(desk):
        if user not in contexts:
            if user:
                contexts[user] = login(user, **device)
            else:
                context = browser.new_context(base_url=live_server.url, **device)
                contexts[user] = context.new_page()
            # Indonesian words are longer: the pages must hold them too.
            contexts[user].context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page = contexts[user]
        page.goto(path)
        page.wait_for_load_state("load")
        seen = overflow(page)
        name = f"{'phone' if screen is PHONE else 'desktop'}-{language}-" + (
            path.strip("/").replace("/", "-") or "home"
        )
        shot(page, name)
        # A page without a viewport is laid out 980 px wide and shrunk: too small to read.
        if seen["width"] > screen["width"]:
            problems.append(f"{path} as {user}: {seen['width']} px wide on a {screen['width']} px screen")
        if seen["hidden"]:
            problems.append(f"{path} as {user}: hidden columns {seen['hidden']}")
    assert not problems, "\n".join(problems)
    contexts[None].context.close()

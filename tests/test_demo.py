import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from annotations.models import Article, Claim, Membership, Project, Rating

from .conftest import SEED_TEXT

pytestmark = pytest.mark.django_db

SEED_CLAIM = "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina."


def test_demo_holds_the_seed_article_and_its_claim():
    call_command("load_demo", stdout=None)
    project = Project.objects.get(slug="demo")
    assert (project.name, project.language) == ("Demo desk", "id")
    article = project.articles.get()
    assert article.text == SEED_TEXT  # the seed is already normal: LF, NFC
    claim = article.claims.get()
    assert claim.quote == SEED_CLAIM == article.text[claim.start : claim.end]
    assert claim.claimant == "AS"
    assert claim.status == "open"


def test_demo_users_log_in_with_their_roles():
    call_command("load_demo", stdout=None)
    for role in ("annotator", "reviewer", "editor", "admin"):
        # As the login page asks: with the request, whose address the lockout counts on.
        user = authenticate(RequestFactory().post("/login/"), username=role, password="factcheck-demo")
        assert user is not None
        assert Membership.objects.get(user=user, project__slug="demo").role == role


def test_loading_the_demo_twice_adds_nothing():
    call_command("load_demo", stdout=None)
    counts = [model.objects.count() for model in (Project, Article, Claim, Rating, Membership)]
    call_command("load_demo", stdout=None)
    assert [model.objects.count() for model in (Project, Article, Claim, Rating, Membership)] == counts
    assert counts == [1, 1, 1, 5, 4]


def test_the_demo_article_has_its_title_and_address_and_the_desk_no_placeholder_site():
    call_command("load_demo", stdout=None)
    article = Article.objects.get()
    assert article.title == "NATO di bawah ancaman Putin dan Kim Jong Un"
    assert article.url == "https://larismanis.com/nato-di-bawah-ancaman-putin-dan-kim-jong-un"
    assert article.published_at is None  # the page gives no date
    assert Project.objects.get().publisher_url == ""  # its ClaimReviews name no author URL


def test_a_demo_loaded_before_gets_the_title_and_loses_the_placeholder_site():
    call_command("load_demo", stdout=None)
    Article.objects.update(title="LARISMANIS.COM – Pertemuan antara Presiden Rusia,…", url="")
    Project.objects.update(publisher_url="https://example.org/")
    call_command("load_demo", stdout=None)
    assert Article.objects.get().url.startswith("https://larismanis.com/")
    assert Project.objects.get().publisher_url == ""

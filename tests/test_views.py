import pytest
from django.urls import reverse

from factcheck.celery import app as celery_app

from .factories import ArticleFactory, ClaimFactory, MembershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_home_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_logs_in_and_sees_only_their_projects(client):
    membership = MembershipFactory(project__name="Cek Fakta Jakarta", role="reviewer", user__username="rina")
    ClaimFactory(article__project=membership.project)
    ProjectFactory(name="Another newsroom")
    response = client.post(reverse("login"), {"username": "rina", "password": "pw"}, follow=True)
    page = response.content.decode()
    assert "Cek Fakta Jakarta" in page
    assert "Reviewer" in page
    assert "Another newsroom" not in page


def test_home_counts_articles_and_open_claims(client, django_assert_max_num_queries):
    membership = MembershipFactory()
    for _ in range(3):
        ClaimFactory(article=ArticleFactory(project=membership.project))
    client.force_login(membership.user)
    with django_assert_max_num_queries(8):
        response = client.get("/")
    row = response.context["rows"][0]
    assert (row["articles"], row["claims"], row["open_claims"]) == (3, 3, 3)


def test_a_wrong_password_is_refused_with_a_message(client):
    MembershipFactory(user__username="rina")
    response = client.post(reverse("login"), {"username": "rina", "password": "nope"})
    assert response.status_code == 200
    assert "Your username and password didn't match" in response.content.decode()


def test_logout_ends_the_session(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_reports_a_broker_that_is_down(client, monkeypatch):
    down = "redis://127.0.0.1:9/0"  # port 9: nothing listens
    # The setting first: set after the variable, it would remember the variable's value and keep it.
    monkeypatch.setattr(celery_app.conf, "broker_url", down)
    monkeypatch.setenv("CELERY_BROKER_URL", down)  # Celery reads the variable before its settings
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "down"}

"""The export page: filters chosen from what the project has, formats and
jobs by their names."""

import re

import pytest
from django.test import Client

from annotations import workflow
from annotations.models import ExportJob

from ..conftest import published
from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db


def client_as(user):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def field(html, name):
    main = html[html.index("<main") :]  # not the header's language switcher
    return re.search(rf'<select name="{name}".*?</select>', main, re.S).group()


def test_language_and_tag_are_chosen_from_the_projects_own(desk):
    ArticleFactory(project=desk.project, language="en")
    workflow.claim_update(claim=desk.claim, user=desk.users["marker"], tags=["pemilu", "rudal"])
    html = client_as(desk.users["editor"]).get(f"/projects/{desk.project.slug}/exports/").content.decode()
    assert re.findall(r'<option value="(\w*)"', field(html, "language")) == ["", "en", "id"]
    assert re.findall(r'<option value="(\w*)"', field(html, "tag")) == ["", "pemilu", "rudal"]


def test_the_rating_filter_exports_only_claims_of_those_ratings(desk, django_capture_on_commit_callbacks):
    verdict = published(desk)
    other = desk.ratings[-1]
    html = client_as(desk.users["editor"]).get(f"/projects/{desk.project.slug}/exports/").content.decode()
    assert f'name="rating" value="{verdict.rating_id}"' in html and f'name="rating" value="{other.pk}"' in html
    for rating, claims in ((verdict.rating_id, 1), (other.pk, 0)):
        with django_capture_on_commit_callbacks(execute=True):
            client_as(desk.users["editor"]).post(f"/projects/{desk.project.slug}/exports/",
                                                {"format": "csv", "rating": [rating]})  # fmt: skip
        job = ExportJob.objects.latest("id")
        assert (job.filters, job.claims_total) == ({"rating": [rating]}, claims)


def test_jobs_are_listed_by_their_formats_names(desk):
    client = client_as(desk.users["editor"])
    client.post(f"/projects/{desk.project.slug}/exports/", {"format": "jsonl"})
    job = ExportJob.objects.get()
    listing = client.get(f"/projects/{desk.project.slug}/exports/").content.decode()
    assert f'<a href="/projects/{desk.project.slug}/exports/{job.pk}/">JSON Lines (everything)</a>' in listing
    page = client.get(f"/projects/{desk.project.slug}/exports/{job.pk}/").content.decode()
    assert "<h1>Export: JSON Lines (everything)</h1>" in page

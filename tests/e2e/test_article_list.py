"""The article list in the browser: the Language filter, by name, finds the
English articles; the import filter is a list of the project's imports; on
a phone the filters stay usable."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations.models import ImportJob, Role

from ..factories import ArticleFactory, ProjectFactory, member
from .conftest import CHROMIUM, PHONE

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]
EXTRA_SHOTS = os.environ.get("EXTRA_SHOTS")  # a folder for reviewing screenshots outside the repository

DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def project():
    project = ProjectFactory(slug="demo", language="id")
    member(project, Role.EDITOR, user__username="editor")
    job = ImportJob.objects.create(project=project, filename="berita-juni.jsonl", format="jsonl")
    for n in range(3):
        ArticleFactory(project=project, title=f"English article {n}", language="en", import_job=job)
    ArticleFactory(project=project, title="Berita dalam bahasa Indonesia", language="id")
    return project


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "id"])
def test_the_language_filter_finds_the_english_articles(project, live_server, browser, shot, device, language):
    context = browser.new_context(base_url=live_server.url, **(DESKTOP if device == "desktop" else PHONE))
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto("/projects/demo/articles/")
    options = page.locator("form.filters select[name=language] option")
    expect(options).to_have_count(3)  # any, and the two languages by name
    english = "English (en)" if language == "en" else "Inggris (en)"
    page.select_option("form.filters select[name=language]", label=english)
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator("table.list tbody tr")).to_have_count(3)
    expect(page.locator("table.list")).to_contain_text("English article 0")
    expect(page.locator("table.list")).not_to_contain_text("Berita dalam")
    assert page.locator("select[name=import_job] option").nth(1).inner_text().startswith("#")
    shot(page, f"articles-language-{device}-{language}")
    if EXTRA_SHOTS:
        page.screenshot(path=str(Path(EXTRA_SHOTS) / f"articles-{device}-{language}.png"), full_page=True)
    context.close()

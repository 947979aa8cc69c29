"""The rating scale on the members page: each rating renamed, described,
reordered and coloured where it is listed, with a word that it worked."""

import pytest
from django.test import Client

from annotations.models import Activity, Rating, Verb

pytestmark = pytest.mark.django_db


def client_as(user, **headers):
    client = Client(SERVER_NAME="localhost", **headers)
    client.force_login(user)
    return client


def test_an_editor_renames_describes_reorders_and_colours_a_rating(desk):
    rating = desk.ratings[0]
    client = client_as(desk.users["editor"])
    page = client.get(f"/projects/{desk.project.slug}/members/").content.decode()
    # Its edit form, filled with what it is now, ids of its own.
    assert f'id="rating-{rating.pk}-label"' in page and f'value="{rating.label}"' in page
    answer = client.post(f"/projects/{desk.project.slug}/ratings/{rating.pk}/", {
        "label": "Keliru", "value": 1, "description": "Tidak sesuai fakta.", "order": 9, "colour": "red",
        "active": "on", "fever_label": "",
    }, follow=True)  # fmt: skip
    rating.refresh_from_db()
    assert (rating.label, rating.description, rating.order, rating.colour) == (
        "Keliru",
        "Tidak sesuai fakta.",
        9,
        "red",
    )
    assert "Rating “Keliru” saved." in answer.content.decode()
    assert '<span class="rating-name rating-colour-red">Keliru</span>' in answer.content.decode()
    assert Activity.objects.filter(verb=Verb.RATING_UPDATED, object_id=rating.pk).exists()


def test_adding_a_rating_says_so(desk):
    answer = client_as(desk.users["editor"]).post(f"/projects/{desk.project.slug}/ratings/", {
        "label": "Satire", "value": "", "description": "", "order": 7, "colour": "", "active": "on",
        "fever_label": "",
    }, follow=True)  # fmt: skip
    assert Rating.objects.filter(project=desk.project, label="Satire").exists()
    assert "Rating “Satire” added." in answer.content.decode()


def test_a_colour_not_in_the_palette_is_refused_and_nothing_changes(desk):
    rating = desk.ratings[0]
    answer = client_as(desk.users["editor"]).post(f"/projects/{desk.project.slug}/ratings/{rating.pk}/", {
        "label": "Keliru", "value": 1, "order": 0, "colour": "#ff0000", "active": "on",
    }, follow=True)  # fmt: skip
    rating.refresh_from_db()
    assert (rating.label, rating.colour) == ("Salah", "")
    assert "#ff0000" in answer.content.decode()  # Django says which choice is not valid


def test_the_rating_forms_labels_and_help_are_marked_for_translation():
    from django.utils.functional import Promise

    from annotations.forms import RatingForm

    form = RatingForm()
    for name in ("label", "value", "description", "order", "active", "colour", "fever_label"):
        assert isinstance(form.fields[name].label, Promise), name  # gettext_lazy: said in the reader's language
    for name in ("value", "active", "fever_label"):
        assert isinstance(form.fields[name].help_text, Promise), name

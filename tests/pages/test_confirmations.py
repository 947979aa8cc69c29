"""What cannot be undone asks first: a dialog where JavaScript runs, and
without it a page that asks the same question and sends the same fields
again, confirmed. Nothing happens before the answer."""

import re

import pytest

from annotations import workflow
from annotations.models import ApiToken, Claim, Evidence, Invitation, Membership
from annotations.views.common import QUESTIONS

from .test_pages import client_as

pytestmark = pytest.mark.django_db


def claim_delete(desk):
    claim = desk.claim
    url = f"/projects/{desk.project.slug}/claims/{claim.pk}/edit/"
    return desk.users["marker"], url, {"delete": "1"}, lambda: Claim.objects.filter(pk=claim.pk).exists()


def claim_release(desk):
    workflow.claim_take(claim=desk.claim, user=desk.users["writer"])
    workflow.verdict_create(claim=desk.claim, user=desk.users["writer"], summary="Draf.")
    url = f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/action/"
    return desk.users["writer"], url, {"action": "release"}, lambda: desk.claim.verdicts.exists()


def source_remove(desk):
    workflow.claim_take(claim=desk.claim, user=desk.users["writer"])
    verdict = workflow.verdict_create(claim=desk.claim, user=desk.users["writer"], summary="Draf.")
    item = workflow.evidence_add(verdict=verdict, user=desk.users["writer"], url="https://a.example/", title="A")
    fields = {"summary": "Ketikan baru.", "revision": verdict.revision, "remove": item.pk,
              f"evidence-{item.pk}-url": item.url, f"evidence-{item.pk}-title": "A",
              f"evidence-{item.pk}-kind": "primary"}  # fmt: skip
    url = f"/projects/{desk.project.slug}/claims/{desk.claim.pk}/verdict/"
    return desk.users["writer"], url, fields, lambda: Evidence.objects.filter(pk=item.pk).exists()


def member_remove(desk):
    membership = Membership.objects.get(project=desk.project, user=desk.users["annotator"])
    url = f"/projects/{desk.project.slug}/members/{membership.pk}/"
    return desk.users["admin"], url, {"remove": "1"}, lambda: Membership.objects.filter(pk=membership.pk).exists()


def invitation_revoke(desk):
    invitation = workflow.invitation_create(
        project=desk.project, user=desk.users["admin"], name="Budi", role="reviewer"
    )
    url = f"/projects/{desk.project.slug}/invitations/{invitation.pk}/revoke/"
    return desk.users["admin"], url, {}, lambda: Invitation.objects.filter(pk=invitation.pk).exists()


def token_revoke(desk):
    token, _ = ApiToken.objects.issue(user=desk.users["admin"], name="cron")
    return (
        desk.users["admin"],
        f"/account/tokens/{token.pk}/revoke/",
        {},
        lambda: ApiToken.objects.filter(pk=token.pk).exists(),
    )


CASES = [claim_delete, claim_release, source_remove, member_remove, invitation_revoke, token_revoke]


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_an_act_that_cannot_be_undone_asks_first_and_acts_once_confirmed(desk, case):
    user, url, fields, still_there = case(desk)
    client = client_as(user)
    asked = client.post(url, fields)
    assert asked.status_code == 200 and still_there()  # nothing done yet
    html = asked.content.decode()
    assert str(QUESTIONS[case.__name__]) in html
    form = re.search(r'<form method="post" action="([^"]*)" class="card confirm">(.*?)</form>', html, re.DOTALL)
    assert form.group(1) == url
    sent = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2)))
    assert {name: str(value) for name, value in fields.items()} == {
        name: value for name, value in sent.items() if name != "csrfmiddlewaretoken"
    }  # the same fields go again
    done = client.post(url, {**fields, "confirmed": "1"})
    assert done.status_code == 302 and not still_there()

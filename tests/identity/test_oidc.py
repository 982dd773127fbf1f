"""Single sign-on through a real OpenID Connect provider started by the test."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.template.loader import render_to_string
from django.urls import reverse

from escalade.accounts.models import Membership, ProfileGrant, User
from escalade.identity.models import DirectoryMapping


@pytest.fixture
def people(oidc_on, demo):
    oidc_on.add_user(
        "jeanne.baret",
        "botanique-1766",
        given_name="Jeanne",
        family_name="Barret",
        email="jeanne.baret@ac-test.fr",
        groups=["referents-lsu", "personnels"],
    )
    DirectoryMapping.objects.create(
        directory_group="Referents-LSU",
        support_group=demo.referents,
        profile=demo.referent_profile,
        entity=demo.academie,
    )
    return oidc_on


def provider_sign_in(client, provider, username: str, password: str):
    """Follow the redirect flow: Escalade → provider's form → back to Escalade's callback."""
    start = client.get(reverse("identity:oidc_start"))
    assert start.status_code == 302
    authorize_url = start["Location"]
    assert authorize_url.startswith(f"{provider.url}/authorize?")
    form_page = requests.get(authorize_url, timeout=5)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form_page.text))
    fields = {k: unescape(v) for k, v in fields.items()}
    fields.update(username=username, password=password)
    answer = requests.post(
        f"{provider.url}/authorize", data=fields, allow_redirects=False, timeout=5
    )
    if answer.status_code != 302:
        return None
    back = urlsplit(answer.headers["Location"])
    assert back.path == reverse("identity:oidc_callback")
    return client.get(f"{back.path}?{back.query}")


def test_sign_in_with_the_provider_creates_the_user_and_applies_the_rules(client, people):
    response = provider_sign_in(client, people, "jeanne.baret", "botanique-1766")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(username="jeanne.baret")
    assert (user.first_name, user.last_name, user.email) == (
        "Jeanne",
        "Barret",
        "jeanne.baret@ac-test.fr",
    )
    assert not user.has_usable_password()
    assert set(Membership.objects.filter(user=user).values_list("group__name", flat=True)) == {
        "Référents-LSU"
    }
    grant = ProfileGrant.objects.get(user=user)
    assert (grant.profile.name, grant.entity.name, grant.is_default) == (
        "Référent fonctionnel",
        "Académie de Normandie",
        True,
    )
    assert client.get(reverse("home")).wsgi_request.user == user


def test_next_sso_sign_in_refreshes_claims_and_rules(client, people):
    provider_sign_in(client, people, "jeanne.baret", "botanique-1766")
    client.logout()
    people.users["jeanne.baret"]["claims"].update(email="j.baret@ac-test.fr", groups=["personnels"])

    provider_sign_in(client, people, "jeanne.baret", "botanique-1766")

    user = User.objects.get(username="jeanne.baret")
    assert user.email == "j.baret@ac-test.fr"
    assert not Membership.objects.filter(user=user).exists()
    assert not ProfileGrant.objects.filter(user=user).exists()


def test_wrong_password_at_the_provider_signs_nobody_in(client, people):
    assert provider_sign_in(client, people, "jeanne.baret", "guess") is None
    assert not User.objects.filter(username="jeanne.baret").exists()
    assert "_auth_user_id" not in client.session


def test_token_issued_to_another_client_is_refused(client, people):
    people.audience = "another-application"

    response = provider_sign_in(client, people, "jeanne.baret", "botanique-1766")

    assert response.status_code == 400
    assert not User.objects.filter(username="jeanne.baret").exists()
    assert "_auth_user_id" not in client.session


def test_forged_state_is_refused(client, people):
    client.get(reverse("identity:oidc_start"))

    response = client.get(reverse("identity:oidc_callback"), {"code": "x", "state": "forged"})

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_replayed_callback_is_refused(client, people):
    start = client.get(reverse("identity:oidc_start"))
    query = parse_qs(urlsplit(start["Location"]).query)
    form = requests.get(start["Location"], timeout=5).text
    fields = {k: unescape(v) for k, v in re.findall(r'name="([^"]+)" value="([^"]*)"', form)}
    fields.update(username="jeanne.baret", password="botanique-1766")
    answer = requests.post(f"{people.url}/authorize", data=fields, allow_redirects=False, timeout=5)
    back = urlsplit(answer.headers["Location"])
    assert parse_qs(back.query)["state"] == query["state"]
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    client.logout()

    replay = client.get(f"{back.path}?{back.query}")

    assert replay.status_code in (302, 400)
    assert "_auth_user_id" not in client.session


def test_user_disabled_in_escalade_cannot_use_sso(client, people):
    provider_sign_in(client, people, "jeanne.baret", "botanique-1766")
    client.logout()
    User.objects.filter(username="jeanne.baret").update(is_active=False)

    response = provider_sign_in(client, people, "jeanne.baret", "botanique-1766")

    assert response["Location"] == "/compte/connexion/"
    assert "_auth_user_id" not in client.session


def test_sso_session_ends_when_the_user_is_disabled(client, people):
    provider_sign_in(client, people, "jeanne.baret", "botanique-1766")
    User.objects.filter(username="jeanne.baret").update(is_active=False)

    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_sign_in_button_names_the_provider(people, rf):
    html = render_to_string("identity/sso_buttons.html", request=rf.get("/"))

    assert "Se connecter avec ÉduConnect test" in html
    assert reverse("identity:oidc_start") in html


def test_without_oidc_there_is_no_button_and_no_entry_point(client, db, rf):
    assert render_to_string("identity/sso_buttons.html", request=rf.get("/")).strip() == ""
    assert client.get(reverse("identity:oidc_start")).status_code == 404
    assert client.get(reverse("identity:oidc_callback")).status_code == 404

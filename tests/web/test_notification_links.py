"""The link of a notification mail always leads to the ticket: a referent signed in with
Self-Service is switched to his profile that sees it, and told so."""

from __future__ import annotations

import pytest
from django.test import Client

from escalade.accounts.who import SESSION_PROFILE
from tests.conftest import open_lsu_ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_referent_with_self_service_is_switched_to_the_profile_that_sees_it(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    client = signed_in(demo, "referent.lsu")  # default profile: Self-Service
    response = client.get(f"/tickets/{ticket.pk}/", follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert ticket.title in body
    assert "Escalade est passé au profil « Référent fonctionnel »" in body
    assert client.session[SESSION_PROFILE] == demo.referent_profile.pk


def test_narrowed_entity_is_widened_to_show_the_ticket(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    session = client.session
    from escalade.accounts.who import SESSION_ENTITY

    session[SESSION_ENTITY] = demo.lycee.pk  # the ticket is the collège's
    session.save()
    response = client.get(f"/tickets/{ticket.pk}/", follow=True)
    assert response.status_code == 200
    assert "toutes vos entités" in response.content.decode()
    assert client.session[SESSION_ENTITY] is None


def test_nobody_is_switched_to_a_profile_they_do_not_hold(demo, chef, outsider):
    ticket = open_lsu_ticket(demo, chef)
    client = Client()
    client.force_login(outsider.user)
    hidden = client.get(f"/tickets/{ticket.pk}/")
    missing = client.get("/tickets/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert ticket.title not in hidden.content.decode()
    assert "profil" not in hidden.content.decode().split("<main", 1)[1].split("Vérifiez")[0]


def test_a_requester_never_sees_another_requesters_ticket(demo, chef):
    from escalade.accounts.models import ProfileGrant, User

    other = User.objects.create_user("chef2", email="c2@example.org", password="x")
    ProfileGrant.objects.create(
        user=other, profile=demo.self_service, entity=demo.lycee, is_default=True
    )
    ticket = open_lsu_ticket(demo, chef)
    client = Client()
    client.force_login(other)
    assert client.get(f"/tickets/{ticket.pk}/").status_code == 404

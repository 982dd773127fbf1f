"""After an import, GLPI's people sign in with their GLPI password (the real login
page) and see what their GLPI profile showed them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from escalade.accounts.models import User
from tests.glpiimport.conftest import PASSWORDS
from tests.glpiimport.test_import import run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(glpi):
    run_import(glpi)


def sign_in(login: str, password: str | None = None) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"),
        {"username": login, "password": password or PASSWORDS[login]},
    )
    assert response.status_code == 302, f"{login} could not sign in"
    return client


def test_imported_people_sign_in_with_their_glpi_password(imported):
    client = sign_in("chef.etab")  # a password with & < > in it
    assert client.get(reverse("tickets:list")).wsgi_request.user.username == "chef.etab"
    # The GLPI hash is replaced by Escalade's at the first sign-in, same password.
    user = User.objects.get(username="chef.etab")
    assert not user.password.startswith("glpi_bcrypt$")
    assert user.check_password(PASSWORDS["chef.etab"])
    sign_in("chef.etab")


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("chef.etab", "mauvais"),
        ("ldap.user", "old-password"),  # LDAP account: no local password
        ("ldap.user", ""),
        ("parti", "old-password"),  # inactive in GLPI
    ],
)
def test_wrong_passwords_and_directory_accounts_are_refused(imported, login, password):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": login, "password": password})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


def test_self_service_sees_only_their_tickets_and_no_private_followup(imported):
    client = sign_in("chef.etab")
    page = client.get(reverse("tickets:list")).content.decode()
    assert "LSU : &lt;erreur&gt; &amp; export" in page
    for title in ("Ancien ticket 9.5", "Réseau lent au rectorat", "Imprimante Grenoble"):
        assert title not in page
    detail = client.get(reverse("tickets:detail", args=[3])).content.decode()
    assert "Voici le rapport joint." in detail
    assert "Note interne" not in detail  # private followup
    assert "Relancer le prestataire" not in detail  # private task
    # Someone else's ticket answers as one that does not exist.
    assert client.get(reverse("tickets:detail", args=[7])).status_code == 404
    assert client.get(reverse("tickets:detail", args=[99999])).status_code == 404


def test_the_inline_image_is_served_to_who_sees_the_ticket(imported):
    from escalade.tickets.models import Attachment

    attachment = Attachment.objects.get(ticket_id=3)
    url = reverse("tickets:attachment", args=[attachment.pk])
    response = sign_in("chef.etab").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x89PNG"
    assert sign_in("tech.gre").get(url).status_code == 404


def test_a_technician_sees_the_tickets_of_their_entities(imported):
    client = sign_in("tech.lyon")
    page = client.get(reverse("tickets:list") + "?onglet=tous&f=status&o=is&v=all").content.decode()
    for title in ("LSU : &lt;erreur&gt; &amp; export", "Ancien ticket 9.5"):
        assert title in page
    assert "Imprimante Grenoble" not in page
    detail = client.get(reverse("tickets:detail", args=[3])).content.decode()
    assert "Note interne : voir avec la DSI" in detail
    assert client.get(reverse("tickets:detail", args=[8])).status_code == 200
    assert client.get(reverse("tickets:detail", args=[1234])).status_code == 404

    other = sign_in("tech.gre")
    assert other.get(reverse("tickets:detail", args=[1234])).status_code == 200
    assert other.get(reverse("tickets:detail", args=[3])).status_code == 404

"""Créer un ticket: the simplified form, its category tree, and its errors."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from escalade.tickets.models import Attachment, Category, Role, Ticket


@pytest.mark.attachments
def test_requester_creates_an_lsu_ticket_routed_to_the_referents(chef_client, demo):
    page = chef_client.get("/tickets/nouveau/").content.decode()
    assert "recopiez le message d&#x27;erreur" in page and "numéro de téléphone" in page
    response = chef_client.post(
        "/tickets/nouveau/",
        {
            "type": 1,
            "category": demo.lsu.pk,
            "urgency": 4,
            "title": "Accès impossible à LSU",
            "content": "Message d'erreur : 403. Tél. 02 31 00 00 00",
            "attachments": SimpleUploadedFile("erreur.txt", b"403"),
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tickets/{ticket.pk}/"
    assert ticket.category == demo.lsu and ticket.urgency == 4
    assert ticket.actors.get(role=Role.ASSIGNED).group == demo.referents
    assert Attachment.objects.get(ticket=ticket).filename == "erreur.txt"


def test_category_tree_only_offers_categories_open_to_the_interface_and_type(chef_client, demo):
    hidden = Category.objects.create(
        name="Interne DSI", entity=demo.academie, is_helpdesk_visible=False
    )
    requests_only = Category.objects.create(
        name="Nouveau compte", entity=demo.academie, is_incident=False
    )
    incident_page = chef_client.get("/tickets/nouveau/?type=1").content.decode()
    assert "LSU" in incident_page and "Interne DSI" not in incident_page
    assert "Nouveau compte" not in incident_page
    request_page = chef_client.get("/tickets/nouveau/?type=2").content.decode()
    assert "Nouveau compte" in request_page
    response = chef_client.post(
        "/tickets/nouveau/",
        {
            "type": 1,
            "category": hidden.pk,
            "urgency": 3,
            "title": "x",
            "content": "y",
        },
    )
    assert response.status_code == 400 and not Ticket.objects.exists()
    assert requests_only.pk


def test_missing_title_is_an_error_and_nothing_is_created(chef_client, demo):
    response = chef_client.post("/tickets/nouveau/", {"type": 1, "urgency": 3, "content": "y"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Ticket.objects.exists()


def test_every_field_has_a_label(chef_client, demo):
    page = chef_client.get("/tickets/nouveau/").content.decode()
    for field_id in (
        "id_type",
        "id_category",
        "id_urgency",
        "id_title",
        "id_content",
        "id_attachments",
    ):
        assert f'for="{field_id}"' in page, field_id


def test_user_without_profile_sees_an_explanation(client, db):
    from escalade.accounts.models import User

    client.force_login(User.objects.create_user("nouveau", password="x"))
    response = client.get("/tickets/nouveau/")
    assert response.status_code == 403
    assert "aucun profil" in response.content.decode()

"""The create form states the attachment limits, and after a refusal names the files the
browser could not keep."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from escalade.tickets.models import Ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_the_limits_are_stated_next_to_the_file_field(demo, settings):
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    body = signed_in(demo, "chef.etab").get("/tickets/nouveau/").content.decode()
    assert "10 Mo au plus par fichier" in body
    assert "Types acceptés : " in body and "png" in body and "pdf" in body
    assert 'data-max-bytes="10485760"' in body
    assert "coller une capture d" in body


def test_a_refused_form_names_the_files_to_attach_again(demo):
    client = signed_in(demo, "chef.etab")
    before = Ticket.objects.count()
    response = client.post(
        "/tickets/nouveau/",
        {
            "type": 1,
            "category": demo.lsu.pk,
            "urgency": 3,
            "title": "",
            "content": "Sans titre",
            "attachments": [SimpleUploadedFile("erreur-lsu.txt", b"Erreur 403")],
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "erreur-lsu.txt" in body and "Joignez-les à nouveau" in body
    assert "Sans titre" in body  # the description is kept
    assert Ticket.objects.count() == before

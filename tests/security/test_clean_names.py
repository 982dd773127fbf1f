"""Attachment names lose their invisible characters on every way in, and are shown cleaned.

"facture\\u202efdp.exe" reads "facture" + "exe.pdf" reversed: a bidi override (U+202E) makes
an executable look like a PDF. Format characters (Unicode category Cf: bidi controls, zero-
width spaces and joiners, U+FEFF), controls and separators are removed from file names on
the web form, /api/v1, GLPI's Document upload and mail; names stored before are cleaned
where they are shown (ticket page, /api/v1, GLPI, downloads).
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from escalade.mailgate.gateway import handle_message
from escalade.tickets.attachments import safe_filename
from escalade.tickets.models import Attachment, Followup
from tests.mailgate.conftest import (
    _gateway_settings,  # noqa: F401  (the gateway's address)
    token_for,
)
from tests.security.conftest import Glpi, api, web

SPOOFED = "note\u202e\u200b_\u2066v1\u2069\ufeff.txt"
CLEAN = "note_v1.txt"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (SPOOFED, CLEAN),
        ("facture\u202efdp.exe", "facturefdp.exe"),
        ("rapport\u200d\u200c\u2060.pdf", "rapport.pdf"),
        ("ligne\u2028deux\u2029.txt", "lignedeux.txt"),
        ("\u061cنتيجة.txt", "نتيجة.txt"),  # Arabic letters stay, the letter mark goes
        ("Élève – bulletin.pdf", "Élève – bulletin.pdf"),
    ],
)
def test_invisible_characters_are_removed_from_file_names(given, stored):
    assert safe_filename(given) == stored


def test_a_disguised_executable_is_refused_under_its_real_name(demo, lsu_ticket):
    client = web(demo, "referent.lsu", demo.referent_profile)

    response = client.post(
        f"/tickets/{lsu_ticket.pk}/suivi/",
        {"content": "Voici", "attachments": SimpleUploadedFile("facture\u202efdp.exe", b"MZ")},
    )

    page = response.content.decode()
    assert "facturefdp.exe" in page and "\u202e" not in page
    assert not Attachment.objects.exists()


@pytest.mark.attachments
def test_web_followup(demo, lsu_ticket):
    client = web(demo, "referent.lsu", demo.referent_profile)

    response = client.post(
        f"/tickets/{lsu_ticket.pk}/suivi/",
        {"content": "Voici", "attachments": SimpleUploadedFile(SPOOFED, b"trace")},
    )

    assert response.status_code == 302
    assert Attachment.objects.get().filename == CLEAN


@pytest.mark.attachments
def test_api_v1_followup(demo, lsu_ticket):
    response = api("referent.lsu").post(
        f"/api/v1/tickets/{lsu_ticket.pk}/followups/",
        {"content": "Voici", "attachments": [SimpleUploadedFile(SPOOFED, b"trace")]},
        HTTP_X_ESCALADE_PROFILE=str(demo.referent_profile.pk),
    )

    assert response.status_code == 201, response.content
    assert Attachment.objects.get().filename == CLEAN


@pytest.mark.attachments
def test_glpi_document_upload(demo, lsu_ticket):
    glpi = Glpi("chef.etab")
    manifest = f'{{"input": {{"itemtype": "Ticket", "items_id": {lsu_ticket.pk}}}}}'

    response = glpi.client.post(
        "/apirest.php/Document/",
        {"uploadManifest": manifest, "filename[0]": SimpleUploadedFile(SPOOFED, b"trace")},
        headers=glpi.headers,
    )

    assert response.status_code == 201, response.content
    assert response.json()["upload_result"]["filename"][0]["name"] == CLEAN
    assert Attachment.objects.get().filename == CLEAN


def test_mail_reply(demo, lsu_ticket):
    message = EmailMessage()
    message["From"] = "chef.etab@example.org"
    message["To"] = f"support+{token_for(lsu_ticket, 'chef.etab')}@escalade.example"
    message["Subject"] = "Re: ticket"
    message["Message-ID"] = "<bidi-1@example.org>"
    message.set_content("Voici la trace.")
    message.add_attachment(b"trace", maintype="text", subtype="plain", filename=SPOOFED)
    message.add_attachment(
        b"MZ", maintype="application", subtype="x-msdownload", filename="facture\u202efdp.exe"
    )

    result = handle_message(message.as_bytes())

    assert result.accepted, result.reason
    assert Attachment.objects.get().filename == CLEAN
    followup = Followup.objects.get()
    assert "facturefdp.exe" in followup.content and "\u202e" not in followup.content


def test_names_stored_before_are_shown_cleaned_everywhere(demo, lsu_ticket):
    stored = Attachment.objects.create(
        ticket=lsu_ticket,
        filename="ancien\u202efdp.exe",
        content_type="text/plain",
        size=5,
        sha256="0" * 64,
        file=ContentFile(b"trace", name="x.txt"),
    )
    admin = web(demo, "admin")

    page = admin.get(f"/tickets/{lsu_ticket.pk}/").content.decode()
    assert "<bdi>ancienfdp.exe</bdi>" in page and "\u202e" not in page
    download = admin.get(f"/documents/{stored.pk}/")
    assert "ancienfdp.exe" in download["Content-Disposition"]
    assert "%E2%80%AE" not in download["Content-Disposition"]
    detail = api("admin").get(f"/api/v1/tickets/{lsu_ticket.pk}/").json()
    names = [a["filename"] for a in detail.get("attachments", [])] or [
        a["filename"] for item in detail["timeline"] for a in item.get("attachments", [])
    ]
    assert names == ["ancienfdp.exe"]
    document = Glpi("admin").get(f"Document/{stored.pk}").json()
    assert (document["name"], document["filename"]) == ("ancienfdp.exe", "ancienfdp.exe")

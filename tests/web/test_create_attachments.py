"""The create form states the attachment limits; after a refusal it keeps the files that
pass the checks (offered back, attached on success, the user's own only), names the others
with the reason, and sums up the errors with links to their fields."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from escalade.tickets.models import Attachment, Ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_the_limits_are_stated_next_to_the_file_field(demo, settings):
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    body = signed_in(demo, "chef.etab").get("/tickets/nouveau/").content.decode()
    assert "10 Mo au plus par fichier" in body
    assert "Types acceptés : " in body and "png" in body and "pdf" in body
    assert 'data-max-bytes="10485760"' in body
    assert "coller une capture d" in body


def _post(client, *, title: str = "", files=(), pending=(), **extra):
    data = {
        "type": 1,
        "category": extra.pop("category"),
        "urgency": 3,
        "title": title,
        "content": "Message d'erreur : 403",
        "attachments": list(files),
        "pending": list(pending),
    }
    return client.post("/tickets/nouveau/", data)


def _tokens(body: str) -> list[str]:
    return re.findall(r'name="pending" value="([^"]+)"', body)


def test_a_refused_form_keeps_the_files_and_attaches_them_on_success(demo, settings):
    client = signed_in(demo, "chef.etab")
    before = Ticket.objects.count()
    response = _post(
        client,
        category=demo.lsu.pk,
        files=[SimpleUploadedFile("erreur-lsu.txt", b"Erreur 403")],
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert Ticket.objects.count() == before
    assert "Fichiers déjà joints, gardés pour cet envoi" in body
    assert "erreur-lsu.txt" in body and "inutile de le joindre à nouveau" in body
    assert "Message d&#x27;erreur : 403" in body  # the description is kept
    [token] = _tokens(body)
    pending_dir = settings.ATTACHMENTS_DIR / "pending"
    assert len(list(pending_dir.iterdir())) == 1
    # Sent again with a title (and one more file): both become the ticket's documents.
    response = _post(
        client,
        category=demo.lsu.pk,
        title="Accès impossible à LSU",
        files=[SimpleUploadedFile("capture.txt", b"Autre")],
        pending=[token],
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get(title="Accès impossible à LSU")
    stored = {a.filename: a.file.read() for a in Attachment.objects.filter(ticket=ticket)}
    assert stored == {"erreur-lsu.txt": b"Erreur 403", "capture.txt": b"Autre"}
    assert list(pending_dir.iterdir()) == []  # the kept copy is gone


def test_an_unchecked_kept_file_is_not_attached(demo):
    client = signed_in(demo, "chef.etab")
    body = _post(
        client, category=demo.lsu.pk, files=[SimpleUploadedFile("a.txt", b"A")]
    ).content.decode()
    assert _tokens(body)
    _post(client, category=demo.lsu.pk, title="Sans pièce jointe")
    ticket = Ticket.objects.get(title="Sans pièce jointe")
    assert not Attachment.objects.filter(ticket=ticket).exists()


def test_a_file_that_fails_the_checks_is_named_with_the_reason_not_kept(demo):
    client = signed_in(demo, "chef.etab")
    body = _post(
        client,
        category=demo.lsu.pk,
        files=[SimpleUploadedFile("outil.exe", b"MZ"), SimpleUploadedFile("ok.txt", b"ok")],
    ).content.decode()
    assert "Ces fichiers n'ont pas été gardés" in body
    assert "Le type du fichier « outil.exe » n&#x27;est pas accepté" in body
    assert len(_tokens(body)) == 1 and "ok.txt" in body


def test_someone_elses_or_a_forged_token_is_ignored(demo, settings):
    chef = signed_in(demo, "chef.etab")
    body = _post(
        chef, category=demo.lsu.pk, files=[SimpleUploadedFile("secret.txt", b"Secret")]
    ).content.decode()
    [token] = _tokens(body)
    other = signed_in(demo, "referent2.lsu")
    response = _post(
        other,
        category=demo.lsu.pk,
        title="Ticket de Julie",
        pending=[token, token[:-2] + "xx", "pending/" + "0" * 32],
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get(title="Ticket de Julie")
    assert not Attachment.objects.filter(ticket=ticket).exists()
    assert len(list((settings.ATTACHMENTS_DIR / "pending").iterdir())) == 1  # still chef's


def test_the_error_summary_links_each_error_to_its_field(demo):
    body = _post(signed_in(demo, "chef.etab"), category=demo.lsu.pk).content.decode()
    summary = body[
        body.index('id="erreurs-formulaire"') : body.index(
            "</ul>", body.index('id="erreurs-formulaire"')
        )
    ]
    assert "La demande n'a pas été envoyée" in summary
    assert 'href="#id_title"' in summary and "Titre" in summary
    title = re.search(r'<input[^>]+name="title"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in title
    assert 'aria-describedby="id_title_erreur id_title_aide"' in title
    assert 'id="id_title_erreur"' in body


def test_abandoned_kept_files_are_purged(demo, settings):
    import os
    import time

    from escalade.tickets import pending

    _post(
        signed_in(demo, "chef.etab"),
        category=demo.lsu.pk,
        files=[SimpleUploadedFile("a.txt", b"A")],
    )
    [kept] = list((settings.ATTACHMENTS_DIR / "pending").iterdir())
    assert pending.purge() == 0
    old = time.time() - 7 * 3600
    os.utime(kept, (old, old))
    assert pending.purge() == 1
    assert not kept.exists()

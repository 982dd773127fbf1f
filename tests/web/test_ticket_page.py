"""The ticket page: fields, actors, timeline, "Ajouter", escalation, approval, history,
documents — and every control refused to who may not use it."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from escalade.tickets import workflow
from escalade.tickets.attachments import Upload
from escalade.tickets.forms import panel_values
from escalade.tickets.models import Attachment, Followup, Role, Ticket, TicketActor, TicketEvent
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket


def page_of(client, ticket) -> str:
    response = client.get(f"/tickets/{ticket.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def actors(ticket, role) -> set[str]:
    return {str(a.party) for a in TicketActor.objects.filter(ticket=ticket, role=role)}


def test_referent_takes_the_ticket(referent_client, lsu_ticket):
    assert "M'attribuer le ticket" in page_of(referent_client, lsu_ticket)
    response = referent_client.post(f"/tickets/{lsu_ticket.pk}/prendre/")
    assert response.status_code == 302
    assert actors(lsu_ticket, Role.ASSIGNED) == {"Référents-LSU", "Karim Benali"}
    page = page_of(referent_client, lsu_ticket)
    assert "Le ticket vous est attribué." in page
    assert "M'attribuer le ticket" not in page
    assert 'aria-label="Retirer Karim Benali"' in page


def test_take_with_htmx_swaps_the_ticket_partial(referent_client, lsu_ticket):
    response = referent_client.post(f"/tickets/{lsu_ticket.pk}/prendre/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="ticket-main"') and "<html" not in body
    assert "Karim Benali" in body


@pytest.mark.attachments
def test_followup_with_attachment_and_status(referent_client, lsu_ticket):
    upload = SimpleUploadedFile("capture.txt", b"Erreur 403", content_type="text/plain")
    response = referent_client.post(
        f"/tickets/{lsu_ticket.pk}/suivi/",
        {
            "content": "Pouvez-vous réessayer ?",
            "status": str(Status.WAITING),
            "attachments": upload,
            "is_private": "on",
        },
    )
    assert response.status_code == 302
    followup = Followup.objects.get(ticket=lsu_ticket)
    assert followup.is_private and "réessayer" in followup.content
    assert Attachment.objects.get(followup=followup).filename == "capture.txt"
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.WAITING


def test_followup_with_status_solved_becomes_the_solution(tech_client, referent, lsu_ticket, demo):
    workflow.escalate(lsu_ticket, by=referent, group=demo.dsi_bai)
    tech_client.post(
        f"/tickets/{lsu_ticket.pk}/suivi/",
        {"content": "Droits corrigés.", "status": str(Status.SOLVED)},
    )
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.SOLVED
    assert lsu_ticket.solutions.get().content == "<p>Droits corrigés.</p>"


def test_empty_followup_is_refused_and_nothing_is_added(referent_client, lsu_ticket):
    response = referent_client.post(f"/tickets/{lsu_ticket.pk}/suivi/", {"content": "  "})
    assert response.status_code == 400
    assert "Écrivez un suivi ou joignez un document." in response.content.decode()
    assert not Followup.objects.filter(ticket=lsu_ticket).exists()


def test_disguised_attachment_is_refused_with_a_message(referent_client, lsu_ticket):
    upload = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>")
    response = referent_client.post(
        f"/tickets/{lsu_ticket.pk}/suivi/", {"content": "Voir pièce jointe", "attachments": upload}
    )
    assert response.status_code == 400
    assert "ne correspond pas à son extension" in response.content.decode()
    assert not Followup.objects.filter(ticket=lsu_ticket).exists()


def test_status_choice_offers_only_allowed_statuses(chef_client, referent_client, lsu_ticket):
    page = page_of(referent_client, lsu_ticket)
    assert '<option value="5">Résolu</option>' in page
    assert '<option value="4">En attente</option>' in page
    page = page_of(chef_client, lsu_ticket)
    assert '<option value="5">Résolu</option>' not in page


def test_escalate_keeps_the_group_as_observer(referent_client, lsu_ticket, demo):
    response = referent_client.post(
        f"/tickets/{lsu_ticket.pk}/escalader/", {"group": demo.dsi_bai.pk}
    )
    assert response.status_code == 302
    assert actors(lsu_ticket, Role.ASSIGNED) == {"DSI-BAI"}
    assert actors(lsu_ticket, Role.OBSERVER) == {"Référents-LSU"}


def test_add_and_remove_actors(referent_client, lsu_ticket, demo):
    referent_client.post(
        f"/tickets/{lsu_ticket.pk}/acteurs/ajouter/",
        {"role": Role.ASSIGNED, "party": f"g{demo.dsi_bai.pk}"},
    )
    assert actors(lsu_ticket, Role.ASSIGNED) == {"Référents-LSU", "DSI-BAI"}
    actor = TicketActor.objects.get(ticket=lsu_ticket, group=demo.referents)
    referent_client.post(f"/tickets/{lsu_ticket.pk}/acteurs/{actor.pk}/retirer/")
    assert actors(lsu_ticket, Role.ASSIGNED) == {"DSI-BAI"}


def test_actor_search_as_you_type(referent_client, lsu_ticket):
    response = referent_client.get(
        f"/tickets/{lsu_ticket.pk}/acteurs/recherche/", {"role": Role.ASSIGNED, "q": "dsi"}
    )
    body = response.content.decode()
    assert "DSI-BAI" in body and "Référents-LSU" not in body and "Karim" not in body


def test_requester_sees_no_handling_control(chef_client, lsu_ticket):
    page = page_of(chef_client, lsu_ticket)
    for control in (
        "M'attribuer le ticket",
        "Escalader",
        "Ajouter un acteur",
        "Retirer Référents-LSU",
        'name="is_private"',
        "Enregistrer",
    ):
        assert control not in page, control


def test_forged_posts_from_the_requester_are_refused_and_change_nothing(
    chef_client, lsu_ticket, demo
):
    before = list(TicketEvent.objects.filter(ticket=lsu_ticket).values_list("pk", flat=True))
    group_actor = TicketActor.objects.get(ticket=lsu_ticket, group=demo.referents)
    forged = [
        (f"/tickets/{lsu_ticket.pk}/prendre/", {}),
        (f"/tickets/{lsu_ticket.pk}/escalader/", {"group": demo.dsi_bai.pk}),
        (f"/tickets/{lsu_ticket.pk}/acteurs/{group_actor.pk}/retirer/", {}),
        (
            f"/tickets/{lsu_ticket.pk}/modifier/",
            {"title": "Piraté", "type": 1, "urgency": 5, "impact": 5},
        ),
        (f"/tickets/{lsu_ticket.pk}/solution/", {"content": "Fini"}),
        (f"/tickets/{lsu_ticket.pk}/tache/", {"content": "Tâche", "state": 1}),
    ]
    for url, data in forged:
        response = chef_client.post(url, data)
        assert response.status_code in (400, 403), url
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.title == "Accès impossible à LSU"
    assert actors(lsu_ticket, Role.ASSIGNED) == {"Référents-LSU"}
    assert (
        list(TicketEvent.objects.filter(ticket=lsu_ticket).values_list("pk", flat=True)) == before
    )


def test_forged_private_flag_from_the_requester_adds_no_private_followup(chef_client, lsu_ticket):
    chef_client.post(f"/tickets/{lsu_ticket.pk}/suivi/", {"content": "Merci", "is_private": "on"})
    assert not Followup.objects.filter(ticket=lsu_ticket, is_private=True).exists()


def test_outsider_gets_not_found_everywhere(outsider_client, lsu_ticket, demo):
    missing = Ticket.objects.order_by("-pk").first().pk + 100
    for pk in (lsu_ticket.pk, missing):
        assert outsider_client.get(f"/tickets/{pk}/").status_code == 404
        assert outsider_client.get(f"/tickets/{pk}/historique/").status_code == 404
        assert outsider_client.post(f"/tickets/{pk}/prendre/").status_code == 404
        assert outsider_client.post(f"/tickets/{pk}/suivi/", {"content": "x"}).status_code == 404
    assert not Followup.objects.exists()


def test_private_followup_is_hidden_from_the_requester(chef_client, referent, lsu_ticket):
    workflow.add_followup(
        lsu_ticket,
        by=referent,
        content="Note interne",
        is_private=True,
        attachments=[Upload("interne.txt", b"secret")],
    )
    workflow.add_followup(lsu_ticket, by=referent, content="Réponse publique")
    page = page_of(chef_client, lsu_ticket)
    assert "Réponse publique" in page
    assert "Note interne" not in page and "interne.txt" not in page
    history = chef_client.get(f"/tickets/{lsu_ticket.pk}/historique/").content.decode()
    assert "Suivi privé ajouté" not in history and "Suivi ajouté." in history
    attachment = Attachment.objects.get(filename="interne.txt")
    assert chef_client.get(f"/documents/{attachment.pk}/").status_code == 404


def test_private_followup_is_marked_for_those_allowed(referent_client, referent, lsu_ticket):
    workflow.add_followup(lsu_ticket, by=referent, content="Note interne", is_private=True)
    page = page_of(referent_client, lsu_ticket)
    assert "Note interne" in page and "is-private" in page and ">Privé</span>" in page


@pytest.mark.attachments
def test_attachment_download_headers(referent_client, referent, lsu_ticket, outsider_client):
    workflow.add_followup(
        lsu_ticket,
        by=referent,
        content="Voir",
        attachments=[
            Upload("journal.txt", b"ligne 1"),
            Upload("capture.png", b"\x89PNG\r\n\x1a\nxxxx"),
        ],
    )
    text = Attachment.objects.get(filename="journal.txt")
    response = referent_client.get(f"/documents/{text.pk}/")
    assert b"".join(response.streaming_content) == b"ligne 1"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    image = Attachment.objects.get(filename="capture.png")
    response = referent_client.get(f"/documents/{image.pk}/")
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "image/png"
    assert outsider_client.get(f"/documents/{text.pk}/").status_code == 404


def test_requester_approves_the_solution(chef_client, referent, lsu_ticket):
    workflow.add_followup(lsu_ticket, by=referent, content="Droits corrigés.", status=Status.SOLVED)
    page = page_of(chef_client, lsu_ticket)
    assert "Droits corrigés." in page and "Approuver" in page and "Refuser" in page
    chef_client.post(f"/tickets/{lsu_ticket.pk}/approuver/", {})
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.CLOSED


def test_refusal_needs_a_reason(chef_client, referent, lsu_ticket):
    workflow.add_followup(lsu_ticket, by=referent, content="Droits corrigés.", status=Status.SOLVED)
    response = chef_client.post(f"/tickets/{lsu_ticket.pk}/refuser/", {"reason": ""})
    assert response.status_code == 400
    assert "Indiquez pourquoi la solution ne convient pas." in response.content.decode()
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.SOLVED
    chef_client.post(f"/tickets/{lsu_ticket.pk}/refuser/", {"reason": "Toujours en erreur"})
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status != Status.SOLVED
    assert Followup.objects.filter(ticket=lsu_ticket, content__contains="Toujours").exists()


def test_referent_edits_fields(referent_client, lsu_ticket):
    referent_client.post(
        f"/tickets/{lsu_ticket.pk}/modifier/",
        {
            "title": "Accès LSU refusé",
            "type": 1,
            "category": lsu_ticket.category_id,
            "urgency": 5,
            "impact": 3,
        },
    )
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.title == "Accès LSU refusé" and lsu_ticket.urgency == 5


def test_history_lists_every_change_in_french(referent_client, referent, lsu_ticket, demo):
    workflow.take(lsu_ticket, by=referent)
    workflow.escalate(lsu_ticket, by=referent, group=demo.dsi_bai)
    page = referent_client.get(f"/tickets/{lsu_ticket.pk}/historique/").content.decode()
    assert "Ticket créé (Incident, catégorie Scolarité &gt; LSU" in page
    assert "Acteur ajouté — Attribué à : Karim Benali" in page
    assert "Acteur retiré — Attribué à : Référents-LSU" in page
    assert "Escaladé vers DSI-BAI" in page
    assert "Statut : Nouveau → En cours (attribué)" in page


def test_ticket_page_runs_a_constant_number_of_queries(referent_client, referent, chef, demo):
    ticket = open_lsu_ticket(demo, chef)
    workflow.take(ticket, by=referent)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page_of(referent_client, ticket)
        return len(queries)

    workflow.add_followup(
        ticket, by=referent, content="Premier", attachments=[Upload("a.txt", b"a")]
    )
    few = count()
    for number in range(5):
        workflow.add_followup(
            ticket,
            by=referent,
            content=f"Suivi {number}",
            attachments=[Upload(f"f{number}.txt", b"x")],
            is_private=number % 2 == 0,
        )
        workflow.add_task(ticket, by=referent, content=f"Tâche {number}")
        workflow.add_attachments(ticket, by=referent, attachments=[Upload(f"d{number}.txt", b"y")])
    workflow.add_followup(ticket, by=referent, content="En attente", status=Status.WAITING)
    assert count() == few


def test_timeline_is_in_order(referent_client, referent, lsu_ticket):
    workflow.add_followup(lsu_ticket, by=referent, content="Premier suivi")
    workflow.add_task(lsu_ticket, by=referent, content="Une tâche")
    workflow.add_followup(lsu_ticket, by=referent, content="Réglé", status=Status.SOLVED)
    page = page_of(referent_client, lsu_ticket)
    assert page.index("Premier suivi") < page.index("Une tâche") < page.index("Réglé")
    assert page.index("Une tâche") < page.index("En cours (attribué) → Résolu")


@pytest.mark.attachments
def test_task_and_document_tabs(referent_client, lsu_ticket):
    page = referent_client.get(f"/tickets/{lsu_ticket.pk}/?ajouter=tache").content.decode()
    assert f'action="/tickets/{lsu_ticket.pk}/tache/"' in page
    referent_client.post(
        f"/tickets/{lsu_ticket.pk}/tache/",
        {"content": "Vérifier les droits", "state": 1, "duration_minutes": 15},
    )
    task = lsu_ticket.tasks.get()
    assert task.duration_seconds == 900
    referent_client.post(
        f"/tickets/{lsu_ticket.pk}/document/",
        {"attachments": SimpleUploadedFile("procedure.pdf", b"%PDF-1.4 x")},
    )
    assert Attachment.objects.get(ticket=lsu_ticket, followup=None).filename == "procedure.pdf"
    page = page_of(referent_client, lsu_ticket)
    assert "Vérifier les droits" in page and "procedure.pdf" in page


def test_requester_only_sees_the_add_tabs_allowed(chef_client, lsu_ticket):
    page = chef_client.get(f"/tickets/{lsu_ticket.pk}/?ajouter=tache").content.decode()
    assert f'action="/tickets/{lsu_ticket.pk}/tache/"' not in page
    assert f'action="/tickets/{lsu_ticket.pk}/suivi/"' in page


def panel(ticket, **changes):
    """What the side panel posts: every field as shown, the seen values, and the changes."""
    shown = panel_values(ticket)
    return {**shown, "seen": json.dumps(shown), **changes}


def test_status_set_by_hand_within_the_allowed_ones(referent_client, chef_client, lsu_ticket):
    page = page_of(referent_client, lsu_ticket)
    assert f'action="/tickets/{lsu_ticket.pk}/modifier/"' in page
    assert 'name="status"' in page and "Changer le statut" not in page
    referent_client.post(f"/tickets/{lsu_ticket.pk}/modifier/", panel(lsu_ticket, status=4))
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.WAITING
    response = referent_client.post(
        f"/tickets/{lsu_ticket.pk}/modifier/", panel(lsu_ticket, status=Status.SOLVED)
    )
    assert response.status_code == 400  # Résolu needs a solution
    assert f'action="/tickets/{lsu_ticket.pk}/modifier/"' not in page_of(chef_client, lsu_ticket)
    response = chef_client.post(
        f"/tickets/{lsu_ticket.pk}/modifier/", panel(lsu_ticket, status=Status.CLOSED)
    )
    assert response.status_code in (400, 403)
    lsu_ticket.refresh_from_db()
    assert lsu_ticket.status == Status.WAITING

"""A requester is offered no meaningless choice: no one-option status picker, and on a
solved ticket approve or refuse (with a reason), nothing else."""

from __future__ import annotations

import pytest

from escalade.tickets import workflow
from escalade.tickets.models import Ticket
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_requester_has_no_single_option_status_picker(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    page = signed_in(demo, "chef.etab").get(f"/tickets/{ticket.pk}/").content.decode()
    assert f'action="/tickets/{ticket.pk}/suivi/"' in page  # she may add a followup
    assert "et passer au statut" not in page


def test_referent_still_chooses_a_status_with_the_followup(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "et passer au statut" in page
    assert ">Résolu</option>" in page


def test_on_a_solved_ticket_the_requester_approves_or_refuses_only(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Videz le cache.")
    client = signed_in(demo, "chef.etab")
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Une solution vous est proposée" in page
    assert ">Approuver<" in page and ">Refuser<" in page
    assert "Motif du refus" in page
    assert "et passer au statut" not in page
    assert ">Nouveau</option>" not in page and "En cours (planifié)</option>" not in page
    assert f'action="/tickets/{ticket.pk}/suivi/"' not in page


def test_refusing_without_a_reason_is_refused_and_changes_nothing(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Videz le cache.")
    client = signed_in(demo, "chef.etab")
    response = client.post(f"/tickets/{ticket.pk}/refuser/", {"reason": ""})
    assert response.status_code == 400
    assert "Indiquez pourquoi la solution ne convient pas." in response.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).status == Status.SOLVED
    response = client.post(f"/tickets/{ticket.pk}/refuser/", {"reason": "Toujours bloqué."})
    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).status != Status.SOLVED


def test_someone_else_cannot_refuse(demo, chef, referent, outsider):
    from django.test import Client

    ticket = open_lsu_ticket(demo, chef)
    workflow.add_solution(ticket, by=referent, content="Videz le cache.")
    client = Client()
    client.force_login(outsider.user)
    response = client.post(f"/tickets/{ticket.pk}/refuser/", {"reason": "Non."})
    assert response.status_code == 404
    assert Ticket.objects.get(pk=ticket.pk).status == Status.SOLVED

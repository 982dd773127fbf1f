"""The ticket page's side panel: one save button for status and fields together."""

from __future__ import annotations

import pytest

from escalade.tickets.models import Ticket
from escalade.tickets.status import Status
from tests.browser.conftest import check_accessibility, sign_in
from tests.conftest import as_, open_lsu_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_save_sets_status_and_urgency_together(page, live_demo, live_server):
    from playwright.sync_api import expect

    ticket = open_lsu_ticket(live_demo, as_(live_demo, "chef.etab"))
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    # The switch lands on the standard interface's home page.
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    panel = page.locator("section[aria-labelledby='titre-champs']")
    expect(panel.get_by_role("button")).to_have_count(1)  # one save, no "Changer le statut"
    expect(panel.get_by_role("button")).to_have_text("Enregistrer")
    check_accessibility(page)

    panel.get_by_label("Statut").select_option(label="En attente")
    panel.get_by_label("Urgence").select_option(label="Très haute")
    panel.get_by_label("Titre").fill("Accès impossible à LSU <eleve>")
    panel.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Ticket mis à jour.")).to_be_visible()
    expect(page.locator("#statut-ticket")).to_have_text("En attente")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accès impossible à LSU <eleve>")
    expect(panel.get_by_label("Urgence")).to_have_value("5")
    check_accessibility(page)
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert (ticket.status, ticket.urgency, ticket.title) == (
        Status.WAITING,
        5,
        "Accès impossible à LSU <eleve>",
    )

    # A refused part (an empty title) saves nothing, and says why.
    panel.get_by_label("Statut").select_option(label="En cours (planifié)")
    panel.get_by_label("Titre").fill("")
    panel.get_by_role("button", name="Enregistrer").click()
    expect(panel.locator(".invalid-feedback").first).to_be_visible()
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert (ticket.status, ticket.title) == (Status.WAITING, "Accès impossible à LSU <eleve>")

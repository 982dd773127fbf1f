"""« Actions massives » in the browser: « Tout sélectionner », an action, the count."""

from __future__ import annotations

import pytest

from escalade.accounts.models import SupportGroup
from escalade.tickets.models import Role, TicketActor
from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.conftest import as_, open_lsu_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_select_all_then_add_an_observer(page, live_demo, live_server):
    from playwright.sync_api import expect

    chef = as_(live_demo, "chef.etab")
    tickets = [open_lsu_ticket(live_demo, chef, title=f"LSU {i}") for i in range(3)]
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/tickets/?statut=all")
    check_accessibility(page)
    page.get_by_label("Tout sélectionner").check()
    for ticket in tickets:
        expect(page.get_by_label(f"Sélectionner le ticket n° {ticket.pk}")).to_be_checked()
    form = page.locator("#actions-massives")
    form.get_by_label("Action").select_option(label="Ajouter un observateur")
    form.get_by_label("Utilisateur ou groupe (attribuer, observateur)").select_option(
        label="DSI-BAI"
    )
    form.get_by_role("button", name="Appliquer aux tickets cochés").click()
    expect(page.get_by_text("faits, 0 refusés (droits)")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "massive-actions")
    bai = SupportGroup.objects.get(name="DSI-BAI")
    assert (
        TicketActor.objects.filter(ticket__in=tickets, role=Role.OBSERVER, group=bai).count() == 3
    )

"""The referent sees the due dates of a ticket, opens « Le calcul », and lists late tickets."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import expect

from escalade.demo.slas import load_sla_demo
from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.conftest import as_, open_lsu_ticket
from tests.slas.conftest import paris

pytestmark = pytest.mark.browser


def test_referent_reads_due_dates_and_finds_late_tickets(page, live_demo):
    load_sla_demo(live_demo)
    chef = as_(live_demo, "chef.etab")
    with time_machine.travel(paris(2026, 3, 6, 16), tick=False):
        late = open_lsu_ticket(live_demo, chef, title="LSU : bulletins introuvables")

    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    # The switch lands on the standard interface's home page.
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto(f"/tickets/{late.pk}/")
    block = page.get_by_role("region", name="Échéances")
    expect(block).to_be_visible()
    expect(block.get_by_text("Pas pris en compte", exact=False)).to_have_count(0)
    expect(block.get_by_role("heading", name="Délai de prise en compte")).to_be_visible()
    expect(block.get_by_text("En retard").first).to_be_visible()
    block.get_by_text("Le calcul").first.click()
    expect(block.get_by_text("Départ : ouverture le 06/03/2026 16:00").first).to_be_visible()
    expect(block.get_by_text("plages ouvrées comptées").first).to_be_visible()
    check_accessibility(page)
    screenshot(page, "due_dates")

    page.goto("/tickets/?onglet=tous&f=late&o=is&v=1&col=id&col=title&col=next_due_at&col=late")
    results = page.get_by_role("table")
    expect(results.get_by_role("link", name="LSU : bulletins introuvables")).to_be_visible()
    expect(results.get_by_text("09/03/2026 09:30")).to_be_visible()
    check_accessibility(page)

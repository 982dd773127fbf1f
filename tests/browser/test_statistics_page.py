"""A supervisor reads the statistics page: figures, charts with their numbers, axe clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escalade.tickets import workflow
from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.conftest import as_, open_lsu_ticket

pytestmark = pytest.mark.browser


def test_the_statistics_page(page, live_server, live_demo):
    demo = live_demo
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    for n in range(3):
        ticket = open_lsu_ticket(demo, chef, title=f"Export LSU {n}")
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)

    sign_in(page, "admin")
    page.get_by_role("link", name="Statistiques").click()
    expect(page.get_by_role("heading", name="Statistiques", level=1)).to_be_visible()
    expect(page.locator("#stat-ouverts")).to_have_text("3")
    expect(page.get_by_role("img", name="Tickets ouverts et résolus")).to_be_visible()
    page.get_by_text("Les chiffres du graphique").click()
    expect(page.get_by_role("table", name="Tickets par période")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "statistics")
    page.get_by_label("Groupe attribué").select_option(label="DSI-BAI")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#stat-ouverts")).to_have_text("1")
    expect(page.locator("#stat-escalades")).to_contain_text("1")

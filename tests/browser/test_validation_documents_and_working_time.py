"""A referent asks for a validation with a document, the validator opens it; a supervisor
reads the working-time figures and the late tickets of the statistics page. axe clean."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from escalade.demo.slas import load_sla_demo
from escalade.stats import timings
from escalade.tickets import workflow
from tests.browser.conftest import check_accessibility, screenshot, sign_in, sign_out
from tests.conftest import as_, open_lsu_ticket
from tests.slas.conftest import paris

pytestmark = pytest.mark.browser


def test_a_validation_request_with_a_document(page, live_demo, tmp_path: Path):
    demo = live_demo
    ticket = open_lsu_ticket(demo, as_(demo, "chef.etab"), title="Achat de licences LSU")
    devis = tmp_path / "devis.pdf"
    devis.write_bytes(b"%PDF-1.4\n% devis\n")

    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto(f"/tickets/{ticket.pk}/")
    block = page.get_by_role("region", name="Validations")
    block.get_by_label("Demander une validation à (identifiant)").fill("tech.bai")
    block.get_by_label("Commentaire").fill("Le devis est joint.")
    block.get_by_label("Documents (facultatif)").set_input_files(str(devis))
    check_accessibility(page)
    block.get_by_role("button", name="Demander la validation").click()
    block = page.get_by_role("region", name="Validations")
    documents = block.get_by_role("list", name="Documents joints à la demande")
    expect(documents.get_by_role("link", name="devis.pdf")).to_be_visible()
    check_accessibility(page)
    sign_out(page)

    sign_in(page, "tech.bai")
    page.goto("/validations/")
    expect(page.get_by_role("link", name="devis.pdf")).to_be_visible()
    check_accessibility(page)
    response = page.request.get(page.get_by_role("link", name="devis.pdf").get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF-1.4")


def test_the_statistics_show_working_time_and_late_tickets(page, live_demo):
    demo = live_demo
    load_sla_demo(demo)
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    with time_machine.travel(paris(2026, 11, 6, 16), tick=False):
        weekend = open_lsu_ticket(demo, chef, title="Vendredi")
    with time_machine.travel(paris(2026, 11, 9, 10), tick=False):
        workflow.take(weekend, by=referent)
    with time_machine.travel(paris(2026, 11, 9, 15), tick=False):
        workflow.add_solution(weekend, by=referent, content="Fait")
    with time_machine.travel(paris(2026, 11, 16, 9), tick=False):
        open_lsu_ticket(demo, chef, title="Oublié")
    timings.refresh_timings()

    sign_in(page, "admin")
    page.goto("/statistiques/?start=2026-11-01&end=2026-11-30&recursive=on")
    expect(page.locator("#stat-pec-ouvre")).to_have_text("2 h 30 min / 2 h 30 min")
    expect(page.locator("#stat-retard-pec")).to_have_text("2 sur 2 (100 %)")
    expect(page.locator("#stat-retard-resolution")).to_have_text("1 sur 2 (50 %)")
    check_accessibility(page)
    screenshot(page, "statistics-working-time")

"""A referent solves a ticket from a solution template: the text is filled for the ticket,
stays editable, and the template's solution type comes with it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escalade.itiltemplates.models import SolutionType
from escalade.tickets import workflow
from escalade.tickets.models import Solution
from tests.browser.conftest import check_accessibility, screenshot, sign_in, wait_for_htmx
from tests.conftest import as_, open_lsu_ticket

pytestmark = pytest.mark.browser


def test_referent_solves_with_a_template(page, live_demo):
    demo = live_demo
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(demo, chef, title="LSU : accès refusé")
    workflow.take(ticket, by=referent)
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto(f"/tickets/{ticket.pk}/?ajouter=suivi")
    picker = page.get_by_label("Modèle")
    expect(picker.locator("option").nth(1)).to_have_text(
        "LSU : demande de capture d'écran (catégorie du ticket)"
    )
    check_accessibility(page)

    page.goto(f"/tickets/{ticket.pk}/?ajouter=solution")
    page.get_by_label("Modèle").select_option(
        label="LSU : profil ARENA à rafraîchir (catégorie du ticket)"
    )
    wait_for_htmx(page)
    text = page.get_by_role("textbox", name="Solution")
    expect(text).to_have_value(
        "Bonjour Claire,\n\nDéconnectez-vous d'ARENA puis reconnectez-vous : votre profil LSU "
        "est rafraîchi à la connexion."
    )
    expect(page.get_by_label("Type de solution")).to_have_value(
        str(SolutionType.objects.get(name="Contournement").pk)
    )
    check_accessibility(page)
    screenshot(page, "solution-template")
    text.fill(text.input_value() + "\nBonne journée.")
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_text("Solution ajoutée.")).to_be_visible()
    solution = Solution.objects.get(ticket=ticket)
    assert solution.solution_type and solution.solution_type.name == "Contournement"
    assert "Bonne journée." in solution.content and "Bonjour Claire," in solution.content

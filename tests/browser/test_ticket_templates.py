"""In the browser: choosing the category applies its template to the create form (text
kept), the unchanged predefined description is refused with GLPI's message, what was typed
survives, and the completed form opens the ticket. axe clean."""

from __future__ import annotations

import pytest

from escalade.tickets.models import Role, Ticket
from tests.browser.conftest import check_accessibility, screenshot, sign_in, wait_for_htmx
from tests.tickettemplates.conftest import PREDEFINED_TEXT, make_lsu_template

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_category_template_shapes_the_create_form(page, live_demo):
    from playwright.sync_api import expect

    make_lsu_template(live_demo)
    sign_in(page, "chef.etab")
    page.goto("/tickets/nouveau/")
    page.get_by_label("Titre").fill("Bulletins bloqués")
    page.get_by_label("Catégorie").select_option(label="\u00a0\u00a0\u00a0LSU")
    wait_for_htmx(page)
    expect(page.locator("#gabarit")).to_contain_text("Gabarit « Incident LSU » appliqué.")
    expect(page.get_by_label("Titre")).to_have_value("Bulletins bloqués")  # kept
    expect(page.get_by_label("Description")).to_have_value(PREDEFINED_TEXT)
    check_accessibility(page)
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(page.locator("#form-creation .invalid-feedback")).to_contain_text(
        "Les champs obligatoires ne sont pas définis. Merci de corriger : Description"
    )
    expect(page.get_by_label("Titre")).to_have_value("Bulletins bloqués")
    assert Ticket.objects.count() == 0
    check_accessibility(page)
    screenshot(page, "create-with-template")
    page.get_by_label("Description").fill(
        "Établissement : Collège Jean Moulin\nMessage d'erreur affiché : 403"
    )
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(page.locator("#acteurs")).to_contain_text("DSI-BAI")  # predefined observer
    ticket = Ticket.objects.get()
    assert ticket.priority == 4 and ticket.urgency == 3
    assert ticket.actors.filter(role=Role.OBSERVER, group=live_demo.dsi_bai).exists()

"""« Tickets liés » in the browser: a referent marks a duplicate and solves the original
(the duplicate is solved too), declares an « incident en cours »; the school joins it from
the create form with « Je suis aussi concerné ». Every page passes axe."""

from __future__ import annotations

import pytest

from escalade.accounts.models import Entity
from escalade.links.models import TicketLink
from escalade.tickets.models import Role, Ticket, TicketActor
from escalade.tickets.status import Status
from tests.browser.conftest import check_accessibility, screenshot, sign_in, sign_out
from tests.conftest import as_, open_lsu_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_duplicate_solved_together_and_known_incident_joined(page, live_demo, live_server):
    from playwright.sync_api import expect

    chef = as_(live_demo, "chef.etab")
    original = open_lsu_ticket(live_demo, chef, title="LSU : erreur 403")
    duplicate = open_lsu_ticket(live_demo, chef, title="LSU refuse la connexion")
    julie = as_(live_demo, "referent2.lsu")
    college = Entity.objects.get(pk=chef.user.grants.get().entity_id)
    incident = open_lsu_ticket(live_demo, julie, title="LSU indisponible", entity=college)

    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/tickets/{duplicate.pk}/")
    card = page.locator("section[aria-labelledby='titre-tickets-lies']")
    card.get_by_label("Type de lien").select_option(label="Doublon de")
    card.get_by_label("N° du ticket").fill(str(original.pk))
    card.get_by_role("button", name="Lier").click()
    expect(page.get_by_text(f"Lien ajouté avec le ticket n° {original.pk}.")).to_be_visible()
    expect(card.get_by_role("link", name=f"n° {original.pk} — LSU : erreur 403")).to_be_visible()
    expect(
        card.get_by_role("button", name=f"Retirer le lien avec le ticket n° {original.pk}")
    ).to_be_visible()
    check_accessibility(page)
    screenshot(page, "linked-tickets")
    assert TicketLink.objects.filter(ticket_1=duplicate, ticket_2=original, link=2).exists()

    page.goto(f"{live_server.url}/tickets/{incident.pk}/")
    card.get_by_label("Message affiché aux demandeurs").fill("Panne nationale en cours")
    card.get_by_role("button", name="Déclarer incident en cours").click()
    expect(page.get_by_text("Ticket déclaré incident en cours.")).to_be_visible()
    check_accessibility(page)

    from escalade.tickets import workflow

    workflow.add_solution(
        original, by=as_(live_demo, "referent.lsu", "Référent fonctionnel"), content="Réglé"
    )
    page.goto(f"{live_server.url}/tickets/{duplicate.pk}/")
    expect(
        page.get_by_text(f"Résolu avec le ticket n° {original.pk} (doublon) par Karim Benali")
    ).to_be_visible()
    assert Ticket.objects.get(pk=duplicate.pk).status == Status.SOLVED
    sign_out(page)

    sign_in(page, "chef.etab")
    page.goto(f"{live_server.url}/tickets/nouveau/")
    expect(page.get_by_role("heading", name="Incident en cours — Scolarité > LSU")).to_be_visible()
    expect(page.get_by_text("Panne nationale en cours")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Je suis aussi concerné").click()
    expect(
        page.get_by_text(f"Vous êtes ajouté comme demandeur du ticket n° {incident.pk}")
    ).to_be_visible()
    check_accessibility(page)
    assert TicketActor.objects.filter(ticket=incident, role=Role.REQUESTER, user=chef.user).exists()

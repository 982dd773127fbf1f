"""The LSU procedure in the browser, step by step, with the demo accounts."""

from __future__ import annotations

import re

import pytest

from escalade.tickets.models import Role, Ticket, TicketActor
from escalade.tickets.status import Status
from tests.browser.conftest import (
    check_accessibility,
    screenshot,
    sign_in,
    sign_out,
    tab_to,
    wait_for_htmx,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def actor_names(ticket: Ticket, role: int) -> set[str]:
    return {
        str(a.party)
        for a in TicketActor.objects.filter(ticket=ticket, role=role).select_related(
            "user", "group"
        )
    }


def open_list_tab(page, tab: str) -> None:
    page.get_by_role("link", name=tab, exact=True).click()
    page.wait_for_load_state()
    check_accessibility(page)


def test_lsu_procedure_in_the_browser(page, live_demo, tmp_path):
    from playwright.sync_api import expect

    # 3.1 chef.etab signs in (simplified interface) and creates the ticket.
    sign_in(page, "chef.etab")
    expect(page.get_by_role("heading", name="Mes tickets")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Créer un ticket").first.click()
    check_accessibility(page)
    # The category tree follows the type (htmx swaps the Catégorie field).
    with page.expect_response(lambda r: "/tickets/nouveau/" in r.url):
        page.get_by_label("Type").select_option(label="Incident")
    wait_for_htmx(page)
    # The category redraws the form under its ticket template (htmx): wait for it before
    # typing, or the swap would land over what was typed after the request left.
    with page.expect_response(lambda r: "/tickets/nouveau/" in r.url):
        page.get_by_label("Catégorie").select_option(value=str(live_demo.lsu.pk))
    wait_for_htmx(page)
    page.get_by_label("Urgence").select_option(label="Haute")
    page.get_by_label("Titre").fill("Accès impossible à LSU")
    page.get_by_label("Description").fill("Message d'erreur : 403. Tél. 02 31 00 00 00")
    screenshot(page, "create")
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accès impossible à LSU")
    check_accessibility(page)
    ticket_id = int(re.search(r"/tickets/(\d+)/", page.url).group(1))
    ticket = Ticket.objects.get(pk=ticket_id)
    assert actor_names(ticket, Role.ASSIGNED) == {"Référents-LSU"}
    sign_out(page)

    # 3.2 referent.lsu switches to "Référent fonctionnel", opens "Tous", opens the ticket.
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.get_by_role("link", name="Tickets", exact=True).click()
    expect(page.get_by_role("heading", name="Tickets", exact=True)).to_be_visible()
    open_list_tab(page, "Tous")
    screenshot(page, "list")
    page.get_by_role("link", name="Accès impossible à LSU").click()
    check_accessibility(page)

    # 3.2.1 take it, with the keyboard only.
    tab_to(page, "M'attribuer le ticket")
    page.keyboard.press("Enter")
    assigned = page.locator("#acteurs ul[aria-labelledby='role-2']")
    expect(assigned).to_contain_text("Karim Benali")
    check_accessibility(page)

    # 3.2.2 a followup, typed with the keyboard, with an attachment.
    capture = tmp_path / "capture-erreur.txt"
    capture.write_text("Erreur 403 sur la page de connexion LSU.", encoding="utf-8")
    page.get_by_label("Documents joints").set_input_files(str(capture))
    tab_to(page, "Suivi", tag="TEXTAREA")
    page.keyboard.type("Pouvez-vous réessayer ? Je transmets au BAI si besoin.")
    tab_to(page, "Ajouter", tag="BUTTON")
    page.keyboard.press("Enter")
    timeline = page.locator("section[aria-labelledby='titre-fil']")
    expect(timeline).to_contain_text("Pouvez-vous réessayer")
    expect(timeline.get_by_role("link", name="capture-erreur.txt")).to_be_visible()
    check_accessibility(page)

    # 3.3 escalate to DSI-BAI: Référents-LSU stays as observer.
    # « Escalader… » asks for confirmation and an optional comment.
    page.locator("#escalade summary").click()
    page.get_by_label("Escalader vers le groupe").select_option(label="DSI-BAI")
    page.get_by_label("Commentaire (facultatif)").fill("Droits LSU à corriger côté DSI.")
    page.get_by_role("button", name="Confirmer l'escalade").click()
    expect(assigned).to_contain_text("DSI-BAI")
    expect(timeline).to_contain_text("Transmis à DSI-BAI par Karim Benali")
    expect(timeline).to_contain_text("Droits LSU à corriger côté DSI.")
    expect(assigned).not_to_contain_text("Karim Benali")
    observers = page.locator("#acteurs ul[aria-labelledby='role-3']")
    expect(observers).to_contain_text("Référents-LSU")
    check_accessibility(page)
    assert actor_names(ticket, Role.ASSIGNED) == {"DSI-BAI"}
    assert actor_names(ticket, Role.OBSERVER) == {"Référents-LSU"}
    sign_out(page)

    # tech.bai finds it under "À traiter" and solves it with a followup set to "Résolu".
    sign_in(page, "tech.bai")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.get_by_role("link", name="Tickets", exact=True).click()
    expect(page.get_by_role("link", name="À traiter", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    check_accessibility(page)
    page.get_by_role("link", name="Accès impossible à LSU").click()
    page.get_by_label("Suivi", exact=True).fill("Droits corrigés dans LSU : vous pouvez réessayer.")
    page.get_by_label("et passer au statut").select_option(label="Résolu")
    screenshot(page, "ticket")
    page.locator("#ajouter").get_by_role("button", name="Ajouter").click()
    expect(page.locator("#statut-ticket")).to_have_text("Résolu")
    check_accessibility(page)
    sign_out(page)

    # chef.etab approves the solution: the ticket is closed.
    sign_in(page, "chef.etab")
    page.get_by_role("link", name=re.compile("Accès impossible à LSU")).click()
    expect(page.get_by_text("Droits corrigés dans LSU").first).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Approuver").click()
    expect(page.locator("#statut-ticket")).to_have_text("Clos")
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    sign_out(page)

    # The default list no longer shows it; Statut est Tous does.
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.get_by_role("link", name="Tickets", exact=True).click()
    open_list_tab(page, "Tous")
    results = page.locator("#resultats")
    expect(results).not_to_contain_text("Accès impossible à LSU")
    expect(page.locator("#f-0")).to_have_value("status")  # Statut
    expect(page.locator("#o-0")).to_have_value("is")  # est
    page.locator("#v-0").select_option(label="Tous")
    page.get_by_role("button", name="Rechercher").click()
    expect(results.get_by_role("link", name="Accès impossible à LSU")).to_be_visible()
    check_accessibility(page)

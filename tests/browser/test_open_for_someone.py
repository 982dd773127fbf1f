"""In the browser: a referent takes a phone call and opens the ticket for the head of
school (search as you type); a delegate opens one for a member of her group. axe clean."""

from __future__ import annotations

import pytest

from escalade.accounts.models import Membership, ProfileGrant, SupportGroup, User
from escalade.tickets.models import Role, Source, Ticket
from tests.browser.conftest import check_accessibility, screenshot, sign_in, wait_for_htmx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referent_opens_by_phone_for_the_head_of_school(page, live_demo):
    from playwright.sync_api import expect

    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto("/tickets/nouveau/")
    check_accessibility(page)
    page.get_by_label("Catégorie").select_option(label="\u00a0\u00a0\u00a0LSU")
    wait_for_htmx(page)  # the form is drawn again under the category's template
    page.locator("#recherche-nouveau-1").fill("Dubois")
    wait_for_htmx(page)
    chef = live_demo.users["chef.etab"]
    requesters = page.get_by_label("Demandeur : choix")
    expect(requesters.locator(f'option[value="u{chef.pk}"]')).to_have_text("Claire Dubois")
    requesters.select_option(f"u{chef.pk}")
    page.locator("#recherche-nouveau-3").fill("DSI")
    wait_for_htmx(page)
    page.get_by_label("Observateurs : choix").select_option(f"g{live_demo.dsi_bai.pk}")
    page.get_by_label("Source de la demande").select_option(label="Téléphone")
    page.get_by_label("Titre").fill("Appel : LSU inaccessible")
    page.get_by_label("Description").fill("Mme Dubois ne peut plus saisir les bilans.")
    check_accessibility(page)
    screenshot(page, "create-on-behalf")
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(page.locator("#acteurs")).to_contain_text("Claire Dubois")
    ticket = Ticket.objects.latest("pk")
    assert ticket.source == Source.PHONE and ticket.entity == live_demo.college
    assert ticket.actors.filter(role=Role.REQUESTER, user=chef).exists()
    assert ticket.actors.filter(role=Role.OBSERVER, group=live_demo.dsi_bai).exists()
    check_accessibility(page)


def test_delegate_opens_for_a_member_of_her_group(page, live_demo):
    from playwright.sync_api import expect

    adjoint = User.objects.create_user("adjoint.etab", first_name="Paul", last_name="Martin")
    ProfileGrant.objects.create(
        user=adjoint, profile=live_demo.self_service, entity=live_demo.college, is_default=True
    )
    group = SupportGroup.objects.create(name="Direction Jean Moulin", entity=live_demo.college)
    Membership.objects.create(group=group, user=live_demo.users["chef.etab"], is_delegate=True)
    Membership.objects.create(group=group, user=adjoint)
    sign_in(page, "chef.etab")
    page.goto("/tickets/nouveau/")
    expect(page.get_by_label("Source de la demande")).to_have_count(0)
    page.get_by_label("Demandeur : choix").select_option(label="Paul Martin")
    page.get_by_label("Titre").fill("Imprimante du secrétariat")
    page.get_by_label("Description").fill("Bourrage papier.")
    check_accessibility(page)
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(page.locator("#acteurs")).to_contain_text("Paul Martin")
    ticket = Ticket.objects.latest("pk")
    assert ticket.actors.filter(role=Role.REQUESTER, user=adjoint).exists()
    assert ticket.created_by == live_demo.users["chef.etab"]

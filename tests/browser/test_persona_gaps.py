"""What each persona still stumbled on, in the browser at desktop and phone widths, axe
clean: the referent's « En retard » count, the requester's refused form that keeps her
files and puts the focus on the first error, and the administration made for a desk's
administrator (the setting-up path, names in the rule pickers, « Tester cette règle »)."""

from __future__ import annotations

import pytest
import time_machine

from escalade.demo.slas import load_sla_demo
from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.browser.test_personas import WIDTHS, sized_page  # noqa: F401
from tests.conftest import as_, open_lsu_ticket
from tests.slas.conftest import paris

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referent_home_counts_late_tickets_and_opens_them(sized_page, live_demo):  # noqa: F811
    from playwright.sync_api import expect

    page = sized_page
    load_sla_demo(live_demo)
    chef = as_(live_demo, "chef.etab")
    with time_machine.travel(paris(2026, 3, 6, 16), tick=False):
        open_lsu_ticket(live_demo, chef, title="LSU : bulletins introuvables")
    open_lsu_ticket(live_demo, chef, title="Tout juste ouvert")
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    late = page.locator("#compte-en-retard")
    expect(late).to_contain_text("En retard")
    expect(late).to_contain_text("1")
    check_accessibility(page)
    late.click()
    rows = page.locator("main")
    expect(rows.get_by_role("link", name="LSU : bulletins introuvables")).to_be_visible()
    expect(rows.get_by_role("link", name="Tout juste ouvert")).to_have_count(0)
    check_accessibility(page)


def test_admin_follows_the_setting_up_path_and_tests_a_rule(page, live_demo):
    from playwright.sync_api import expect

    from escalade.tickets.models import Rule, Ticket, TicketEvent

    sign_in(page, "admin")
    page.get_by_role("link", name="Administration").click()
    path = page.locator("#mise-en-place")
    expect(path.get_by_role("heading")).to_have_text("Mettre en place une nouvelle académie")
    for name in ("Entités", "Groupes", "Catégories", "Profils", "Utilisateurs", "Courriels"):
        expect(path.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_text("Technique : tâches de fond")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "admin")
    path.get_by_role("link", name="Utilisateurs", exact=True).click()
    page.get_by_role("link", name="referent.lsu").click()
    expect(page.locator("#grants-group")).to_contain_text("Référent fonctionnel")
    assert (
        page.locator("#grants-group").bounding_box()["y"]
        < page.get_by_role("heading", name="Identité").bounding_box()["y"]
    )
    check_accessibility(page)

    rule = Rule.objects.get(name="LSU très urgent : informer DSI-BAI")
    page.goto("/admin/tickets/rule/")
    expect(page.locator("#result_list")).to_contain_text(
        "Si Catégorie est Scolarité > LSU et Urgence est Très haute"
    )
    expect(page.get_by_role("link", name="Tester les règles")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=rule.name).click()
    summary = page.locator(".field-summary .readonly")
    expect(summary).to_contain_text("Si Catégorie est Scolarité > LSU et Urgence est Très haute")
    expect(summary).to_contain_text("alors Ajouter le groupe observateur DSI-BAI")
    # Each row is titled in words too, not with ids.
    expect(page.locator("#criteria-0 p").first).to_have_text("Catégorie est Scolarité > LSU")
    first_value = page.locator("select[name='criteria-0-picked']")
    expect(first_value.locator("option:checked")).to_have_text("Scolarité > LSU")
    # The picker offers only the values that fit the chosen field.
    expect(first_value.locator("option:not([hidden])", has_text="DSI-BAI")).to_have_count(0)
    page.locator("select[name='criteria-2-field']").select_option(label="Titre")
    expect(page.locator("input[name='criteria-2-text']")).to_be_enabled()
    expect(page.locator("select[name='criteria-2-picked']")).to_be_disabled()
    check_accessibility(page)
    screenshot(page, "admin-rule")

    before = (Ticket.objects.count(), TicketEvent.objects.count())
    box = page.locator("#tester-regle")
    box.get_by_label("Entité").select_option(label="Académie de Normandie > Collège Jean Moulin")
    box.get_by_label("Catégorie").select_option(label="Scolarité > LSU")
    box.get_by_label("Urgence").select_option(label="Très haute")
    box.get_by_label("Titre").fill("LSU inaccessible")
    box.get_by_label("Demandeur").select_option(label="Claire Dubois")
    box.get_by_role("button", name="Tester").click()
    expect(page.locator("#verdict")).to_have_text(
        "La règle « LSU très urgent : informer DSI-BAI » s'appliquerait."
    )
    outcome = page.locator("#ticket-obtenu")
    expect(outcome).to_contain_text("Référents-LSU (groupe en charge de la catégorie)")
    expect(outcome).to_contain_text("DSI-BAI")
    check_accessibility(page)
    screenshot(page, "admin-rule-test")
    page.get_by_label("Urgence").select_option(label="Moyenne")
    page.get_by_role("button", name="Tester").click()
    expect(page.locator("#verdict")).to_contain_text("ne s'appliquerait pas")
    expect(page.get_by_text("✗ non rempli : Urgence est Très haute")).to_be_visible()
    assert (Ticket.objects.count(), TicketEvent.objects.count()) == before


def test_only_admins_reach_the_rule_tester(page, live_demo):
    sign_in(page, "referent.lsu")
    tester = page.goto("/admin/tickets/rule/tester/")
    tester_url = page.url
    missing = page.goto("/admin/tickets/nexiste-pas/")
    assert tester.status == missing.status
    assert tester_url.split("?")[0] == page.url.split("?")[0]  # the admin's sign-in

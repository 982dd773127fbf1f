"""Each persona's day in the browser, at desktop and phone widths, axe-core clean: home
pages, error pages, a notification link that switches profile, escalation in the thread."""

from __future__ import annotations

import pytest

from escalade.tickets import workflow
from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.conftest import as_, open_lsu_ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(WIDTHS))
def sized_page(request, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport=WIDTHS[request.param],
        reduced_motion="reduce",  # as the page fixture: no half-way colours under axe
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.width_name = request.param
    yield page
    context.close()


def test_requester_home_offers_to_create_and_lists_her_tickets(sized_page, live_demo):
    from playwright.sync_api import expect

    page = sized_page
    chef = as_(live_demo, "chef.etab")
    referent = as_(live_demo, "referent.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(live_demo, chef, title="Bulletins bloqués")
    workflow.add_solution(ticket, by=referent, content="Relancez LSU.")
    sign_in(page, "chef.etab")
    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    expect(page.locator("#creer-ticket")).to_be_visible()
    mine = page.locator("section[aria-labelledby='titre-mes-tickets']")
    expect(mine).to_contain_text("Bulletins bloqués")
    expect(mine).to_contain_text("à approuver")
    expect(page.locator("#faq")).to_be_visible()
    check_accessibility(page)
    screenshot(page, f"home-simplified-{page.width_name}")
    page.locator("#creer-ticket").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Créer un ticket")


def test_desk_home_counts_and_last_changes(sized_page, live_demo):
    from playwright.sync_api import expect

    page = sized_page
    chef = as_(live_demo, "chef.etab")
    open_lsu_ticket(live_demo, chef, title="Accès impossible à LSU")
    open_lsu_ticket(live_demo, chef, title="Export des bulletins")
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    expect(page.locator("#compte-a-traiter")).to_contain_text("2")
    expect(page.locator("section[aria-labelledby='titre-recents']")).to_contain_text(
        "Export des bulletins"
    )
    expect(page.get_by_role("link", name="Administration")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "home" if page.width_name == "desktop" else "home-phone")
    page.locator("#compte-a-traiter").click()
    expect(page.get_by_role("link", name="À traiter", exact=True)).to_have_attribute(
        "aria-current", "page"
    )


def test_notification_link_switches_the_referent_to_the_profile_that_sees_it(sized_page, live_demo):
    from playwright.sync_api import expect

    page = sized_page
    ticket = open_lsu_ticket(live_demo, as_(live_demo, "chef.etab"))
    # The link of the mail, followed while signed out: sign in, then the ticket.
    page.goto(f"/tickets/{ticket.pk}/")
    page.get_by_label("Identifiant").fill("referent.lsu")
    page.get_by_label("Mot de passe").fill("demo")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accès impossible à LSU")
    expect(
        page.get_by_text("Escalade est passé au profil « Référent fonctionnel »")
    ).to_be_visible()
    expect(page.get_by_label("Profil")).to_have_value(str(live_demo.referent_profile.pk))
    check_accessibility(page)
    panel = page.locator("details.ticket-panel")
    if page.width_name == "phone":
        # The conversation first; fields and actors folded below it, one tap away.
        expect(panel).not_to_have_attribute("open", "")
        thread_y = page.locator("#titre-fil").bounding_box()["y"]
        assert thread_y < panel.bounding_box()["y"]
        screenshot(page, "phone-ticket")
        page.get_by_text("Champs et acteurs").click()
        page.mouse.move(0, 0)  # axe reads colours, not the hover state
        expect(page.locator("#prendre")).to_be_visible()
        check_accessibility(page)
    else:
        expect(page.locator("#prendre")).to_be_visible()


def test_error_pages_are_escalade_pages(sized_page, live_demo, settings, tmp_path):
    from playwright.sync_api import expect

    page = sized_page
    sign_in(page, "chef.etab")
    page.goto("/tickets/999999/")
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    expect(page.locator("#nom-utilisateur")).to_have_text("Claire Dubois")
    expect(page.get_by_role("link", name="Revenir à l'accueil")).to_be_visible()
    check_accessibility(page)
    page.goto("/admin/")  # not staff: Django's admin sends her to its sign-in
    page.goto("/nulle-part/")
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    settings.DATA_DIR = tmp_path
    (tmp_path / "maintenance").touch()
    page.goto("/tickets/")
    expect(page.get_by_role("heading", name="Maintenance en cours")).to_be_visible()
    check_accessibility(page)
    (tmp_path / "maintenance").unlink()
    page.get_by_role("link", name="Réessayer").click()
    expect(page.get_by_role("heading", name="Mes tickets")).to_be_visible()


def test_locked_account_page(sized_page, live_demo, settings):
    from playwright.sync_api import expect

    page = sized_page
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        page.goto("/compte/connexion/")
        page.get_by_label("Identifiant").fill("chef.etab")
        page.get_by_label("Mot de passe").fill("pas le bon")
        page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Connexion temporairement bloquée")).to_be_visible()
    expect(page.get_by_role("link", name="Mot de passe oublié ?")).to_be_visible()
    check_accessibility(page)


def test_csrf_failure_page(sized_page, live_demo):
    from playwright.sync_api import expect

    page = sized_page
    sign_in(page, "chef.etab")
    page.goto("/tickets/nouveau/")
    page.context.clear_cookies(name="csrftoken")
    page.get_by_label("Titre").fill("Formulaire resté ouvert")
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(page.get_by_role("heading", name="Formulaire expiré")).to_be_visible()
    check_accessibility(page)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_create_form_checks_files_keeps_work_and_takes_pasted_screenshots(
    sized_page, live_demo, settings
):
    from playwright.sync_api import expect

    from escalade.tickets.models import Attachment, Ticket

    page = sized_page
    settings.ATTACHMENT_MAX_BYTES = 2048
    sign_in(page, "chef.etab")
    page.goto("/tickets/nouveau/")
    files = page.get_by_label("Documents joints")
    expect(page.locator(".attachments-field .form-text")).to_contain_text("Types acceptés")
    # Too big: said at once, nothing is sent.
    files.set_input_files(
        {"name": "gros.pdf", "mimeType": "application/pdf", "buffer": b"%PDF" + b"0" * 5000}
    )
    expect(page.locator("[data-file-status]")).to_contain_text("« gros.pdf » dépasse")
    before = Ticket.objects.count()
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(files).to_be_focused()
    assert Ticket.objects.count() == before
    # A refused form (no title) keeps the file, sums up the errors and puts the focus on
    # the first one.
    files.set_input_files({"name": "note.txt", "mimeType": "text/plain", "buffer": b"Erreur"})
    page.get_by_label("Description").fill("Message d'erreur : 403")
    page.get_by_role("button", name="Soumettre la demande").click()
    summary = page.locator("#erreurs-formulaire")
    expect(summary).to_contain_text("La demande n'a pas été envoyée")
    expect(summary.get_by_role("link", name="Titre")).to_be_visible()
    expect(page.get_by_label("note.txt")).to_be_checked()
    title = page.get_by_label("Titre")
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_attribute("aria-describedby", "id_title_erreur id_title_aide")
    expect(page.get_by_label("Description")).to_have_value("Message d'erreur : 403")
    check_accessibility(page)
    if page.width_name == "desktop":
        screenshot(page, "create-refused")
    # Ctrl+V of a screenshot: it becomes an attachment.
    page.get_by_label("Titre").fill("Capture collée")
    page.get_by_label("Description").focus()
    page.evaluate(
        """(bytes) => {
            const dt = new DataTransfer();
            dt.items.add(new File([new Uint8Array(bytes)], "image.png", {type: "image/png"}));
            const event = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true});
            document.querySelector("#id_content").dispatchEvent(event);
        }""",
        list(PNG),
    )
    expect(page.locator("[data-file-status]")).to_contain_text("Capture d’écran jointe : capture-")
    page.get_by_role("button", name="Soumettre la demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Capture collée")
    ticket = Ticket.objects.get(title="Capture collée")
    names = sorted(a.filename for a in Attachment.objects.filter(ticket=ticket))
    assert len(names) == 2 and names[1] == "note.txt", names
    assert names[0].startswith("capture-") and names[0].endswith(".png")
    if page.width_name == "desktop":
        screenshot(page, "ticket-created")


def test_list_shows_tab_totals_coloured_priorities_and_cards_on_a_phone(sized_page, live_demo):
    from playwright.sync_api import expect

    page = sized_page
    chef = as_(live_demo, "chef.etab")
    open_lsu_ticket(live_demo, chef, title="Accès impossible à LSU", urgency=5)
    open_lsu_ticket(live_demo, chef, title="Export des bulletins")
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    page.get_by_role("link", name="Tickets", exact=True).click()
    expect(page.locator("#total-a-traiter")).to_have_text("2")
    expect(page.locator("td[data-label='Priorité'] .badge").first).to_be_visible()
    check_accessibility(page)
    if page.width_name == "phone":
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, width  # no sideways scrolling: one card per ticket
        screenshot(page, "phone-list")


def test_administrator_reaches_the_administration_from_the_header(page, live_demo):
    from playwright.sync_api import expect

    sign_in(page, "admin")
    page.get_by_role("link", name="Administration").click()
    expect(
        page.get_by_role("heading", name="Mettre en place une nouvelle académie")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Groupes", exact=True).first).to_be_visible()
    # The screenshots of the administration: tests/browser/test_persona_gaps.py.

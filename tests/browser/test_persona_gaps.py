"""What each persona still stumbled on, in the browser at desktop and phone widths, axe
clean: the referent's « En retard » count, the requester's refused form that keeps her
files and puts the focus on the first error, and the administration made for a desk's
administrator (the setting-up path, names in the rule pickers, « Tester cette règle »)."""

from __future__ import annotations

import pytest
import time_machine

from escalade.slas.demo import load_sla_demo
from tests.browser.conftest import check_accessibility, sign_in
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

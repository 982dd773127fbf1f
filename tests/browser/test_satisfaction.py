"""A head of school answers the satisfaction survey from the mail's link, without
signing in; the referent reads the answer on the ticket."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from escalade.satisfaction import links, workflow
from escalade.satisfaction.models import SurveySettings
from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.conftest import as_, open_lsu_ticket
from tests.satisfaction.conftest import close

pytestmark = pytest.mark.browser


def test_answering_the_survey_from_the_link(page, live_server, live_demo):
    demo = live_demo
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    SurveySettings.objects.create(entity=demo.academie, rate=100, lifetime_days=10, comment_below=3)
    ticket = open_lsu_ticket(demo, chef, title="Export LSU impossible")
    close(ticket, chef=chef, referent=referent)
    survey = workflow.open_due_surveys(now=ticket.closed_at + timedelta(minutes=1))[0]

    page.goto(f"{live_server.url}/enquete/{links.make_token(survey.pk, chef.user.pk)}/")
    expect(page.get_by_role("heading", name="Enquête de satisfaction")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("2 sur 5").check()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.locator("#aide-commentaire")).to_contain_text("commentaire")
    check_accessibility(page)
    page.get_by_label("2 sur 5").check()
    page.get_by_label("Commentaire").fill("Réponse tardive <3 jours>")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_role("heading", name="Merci pour votre réponse")).to_be_visible()
    expect(page.get_by_text("Réponse tardive <3 jours>")).to_be_visible()
    check_accessibility(page)

    sign_in(page, "admin")
    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    expect(page.get_by_role("heading", name="Satisfaction")).to_be_visible()
    expect(page.get_by_text("Note : 2 sur 5")).to_be_visible()
    screenshot(page, "satisfaction")

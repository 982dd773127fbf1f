"""The survey through every way in: the signed link (no sign-in), the ticket page,
/api/v1 and GLPI's TicketSatisfaction; others are refused as for the ticket itself."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from escalade.satisfaction import links, workflow
from escalade.satisfaction.models import Survey
from tests.satisfaction.conftest import after_delay
from tests.web.conftest import signed_in

GLPI_COLUMNS = {
    "id",
    "tickets_id",
    "type",
    "date_begin",
    "date_answered",
    "satisfaction",
    "comment",
}


@pytest.fixture
def survey(closed_ticket, survey_settings, time_machine) -> Survey:
    after_delay(time_machine, closed_ticket, 3)
    return workflow.open_due_surveys()[0]


def test_the_signed_link_answers_without_signing_in(survey, demo):
    chef = demo.users["chef.etab"]
    url = f"/enquete/{links.make_token(survey.pk, chef.pk)}/"
    anonymous = Client(enforce_csrf_checks=False)

    page = anonymous.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "LSU : export &lt;XML&gt; impossible" in body
    assert 'name="score"' in body and "5 sur 5" in body

    # Under the threshold without a comment: refused, what was typed is still there.
    refused = anonymous.post(url, {"score": "2", "comment": "   "})
    assert refused.status_code == 400
    assert "commentaire" in refused.content.decode()
    survey.refresh_from_db()
    assert survey.answered_at is None

    typed = "Délai <trop> long & personne au téléphone\nligne 2"
    done = anonymous.post(url, {"score": "2", "comment": typed})
    assert done.status_code == 200
    assert "Merci pour votre réponse" in done.content.decode()
    assert "Délai &lt;trop&gt; long &amp; personne au téléphone" in done.content.decode()
    survey.refresh_from_db()
    assert (survey.score, survey.comment, survey.answered_by) == (2, typed, chef)

    again = anonymous.post(url, {"score": "5"})
    assert again.status_code == 410
    assert "déjà reçu une réponse" in again.content.decode()
    survey.refresh_from_db()
    assert survey.score == 2


def test_a_forged_or_foreign_link_is_refused(survey, demo):
    referent = demo.users["referent.lsu"]
    forged = Client().get(f"/enquete/{links.make_token(survey.pk, demo.users['chef.etab'].pk)}x/")
    assert forged.status_code == 404
    assert "pas valide" in forged.content.decode()
    # A link made for someone who is not a requester answers nothing.
    foreign = Client().post(f"/enquete/{links.make_token(survey.pk, referent.pk)}/", {"score": 5})
    assert foreign.status_code == 410
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_an_expired_link_says_so(survey, demo, time_machine):
    time_machine.move_to(survey.expires_at, tick=False)
    page = Client().get(f"/enquete/{links.make_token(survey.pk, demo.users['chef.etab'].pk)}/")
    assert page.status_code == 410
    assert "a expiré le" in page.content.decode()


def test_the_ticket_page_shows_the_card_and_the_requester_answers_from_it(survey, demo):
    chef = signed_in(demo, "chef.etab")
    page = chef.get(f"/tickets/{survey.ticket_id}/").content.decode()
    assert "Satisfaction" in page and "Répondre à l'enquête" in page

    response = chef.post(f"/tickets/{survey.ticket_id}/satisfaction/", {"score": "5"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.score == 5

    referent = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    page = referent.get(f"/tickets/{survey.ticket_id}/").content.decode()
    assert "Note : 5 sur 5" in page
    assert "Répondre à l'enquête" not in page


def test_staff_cannot_answer_for_the_requester_from_the_page(survey, demo):
    referent = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    response = referent.post(f"/tickets/{survey.ticket_id}/satisfaction/", {"score": "5"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_the_ticket_page_does_not_grow_with_the_survey(survey, demo, django_assert_max_num_queries):
    chef = signed_in(demo, "chef.etab")
    with django_assert_max_num_queries(40) as captured:
        chef.get(f"/tickets/{survey.ticket_id}/")
    survey_queries = [q for q in captured.captured_queries if "satisfaction_survey" in q["sql"]]
    assert len(survey_queries) == 1


def api(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_the_api_reads_and_answers(survey):
    url = f"/api/v1/tickets/{survey.ticket_id}/satisfaction/"
    mine = api("chef.etab-token").get(url).json()
    assert mine["can_answer"] is True and mine["score"] is None and mine["max_score"] == 5

    bad = api("chef.etab-token").post(url, {"score": 1}, format="json")
    assert bad.status_code == 400 and bad.json()["field"] == "comment"
    huge = api("chef.etab-token").post(url, {"score": 2**70}, format="json")
    assert huge.status_code == 400

    done = api("chef.etab-token").post(url, {"score": 1, "comment": "<b>rien</b>"}, format="json")
    assert done.status_code == 200
    assert (done.json()["score"], done.json()["comment"]) == (1, "<b>rien</b>")
    assert done.json()["can_answer"] is False


def test_the_api_refuses_others_as_the_ticket_does(survey, outsider, demo):
    url = f"/api/v1/tickets/{survey.ticket_id}/satisfaction/"
    staff = api("referent.lsu-token").post(
        url, {"score": 5}, format="json", HTTP_X_ESCALADE_PROFILE=str(demo.referent_profile.pk)
    )
    assert staff.status_code == 403
    assert "demandeurs" in staff.json()["detail"]
    from escalade.accounts.tokens import create_token

    _token, key = create_token(outsider.user, "test")
    out_of_reach = api(key).get(url)
    missing = api(key).get("/api/v1/tickets/987654/satisfaction/")
    assert out_of_reach.status_code == missing.status_code == 404
    assert out_of_reach.json() == missing.json()
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "tickets_satisfaction_answer" in schema and "tickets_satisfaction_read" in schema


def test_glpi_ticket_satisfaction_with_glpi_columns(survey, glpi_as):
    chef = glpi_as("chef.etab")
    rows = chef.get(f"Ticket/{survey.ticket_id}/TicketSatisfaction").json()
    assert len(rows) == 1
    row = rows[0]
    assert set(row) - {"links"} == GLPI_COLUMNS
    assert (row["tickets_id"], row["type"], row["satisfaction"]) == (survey.ticket_id, 1, None)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["date_begin"])

    refused = glpi_as("referent.lsu", "Référent fonctionnel").put(
        f"TicketSatisfaction/{survey.pk}", {"input": {"satisfaction": 5}}
    )
    assert refused.status_code == 403, refused.content
    assert refused.json()[0] == "ERROR_RIGHT_MISSING"
    answered = chef.put(
        f"TicketSatisfaction/{survey.pk}", {"input": {"satisfaction": 4, "comment": "Bien"}}
    )
    assert answered.status_code == 200, answered.content
    one = chef.get(f"TicketSatisfaction/{survey.pk}").json()
    assert (one["satisfaction"], one["comment"]) == (4, "Bien")
    assert one["date_answered"] is not None


def test_glpi_hides_the_survey_of_a_ticket_out_of_reach(survey, demo, outsider, glpi_as):
    from escalade.accounts.tokens import create_token
    from tests.glpi.conftest import login

    _token, key = create_token(outsider.user, "test")
    response = Client().get(
        "/apirest.php/initSession",
        headers={"App-Token": "demo-app-token", "Authorization": f"user_token {key}"},
    )
    session = response.json()["session_token"]
    headers = {"App-Token": "demo-app-token", "Session-Token": session}
    one = Client().get(f"/apirest.php/TicketSatisfaction/{survey.pk}", headers=headers)
    missing = Client().get("/apirest.php/TicketSatisfaction/987654", headers=headers)
    assert one.status_code == missing.status_code == 404
    assert one.json() == missing.json()
    assert login  # the GLPI helpers of tests/glpi

"""Ticket templates (« Gabarits de ticket »): chosen per category and type, then profile,
then entity; mandatory, predefined, hidden and read-only fields enforced on every way in
(workflow, pages, /api/v1, GLPI's API), and GLPI's item types to read them."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from escalade.tickets import workflow
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Role, Source, Ticket, TicketType
from escalade.tickettemplates.models import (
    EntityTemplate,
    Field,
    MandatoryField,
    ProfileTemplate,
    TicketTemplate,
)
from tests.conftest import open_lsu_ticket
from tests.tickettemplates.conftest import PREDEFINED_TEXT
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

MESSAGE = "Les champs obligatoires ne sont pas définis. Merci de corriger : "


def _open(demo, by, **extra):
    values = {
        "type": TicketType.INCIDENT,
        "category": demo.lsu,
        "title": "LSU bloqué",
        "content": "Collège Jean Moulin : erreur 403",
        **extra,
    }
    return workflow.create_ticket(by=by, **values)


# --- The rules (workflow) -----------------------------------------------------------------


def test_predefined_values_fill_what_is_not_given(demo, chef, lsu_template):
    ticket = _open(demo, chef)
    assert ticket.urgency == 4 and ticket.priority == 4
    assert ticket.actors.filter(role=Role.OBSERVER, group=demo.dsi_bai).exists()


def test_a_given_value_wins_over_a_predefined_one(demo, chef, lsu_template):
    assert _open(demo, chef, urgency=2).urgency == 2


def test_a_read_only_field_keeps_the_template_value(demo, referent, lsu_template):
    assert _open(demo, referent, priority=1).priority == 4  # the referent may set priorities


def test_a_hidden_field_takes_no_value_from_the_caller(demo, referent, lsu_template):
    assert _open(demo, referent, source=Source.PHONE).source == Source.HELPDESK


def test_the_predefined_text_cannot_be_sent_unchanged(demo, chef, lsu_template):
    before = Ticket.objects.count()
    with pytest.raises(InvalidInput) as error:
        _open(demo, chef, content=PREDEFINED_TEXT)
    assert error.value.message == MESSAGE + "Description"
    assert error.value.field == "content"
    with pytest.raises(InvalidInput) as error:
        _open(demo, chef, title="", content="")
    assert error.value.message == MESSAGE + "Titre, Description"
    assert Ticket.objects.count() == before


def test_the_category_template_is_per_type(demo, chef, lsu_template):
    ticket = _open(demo, chef, type=TicketType.REQUEST, title="", content="Une demande")
    assert ticket.title == "Une demande"  # no template for LSU requests


def test_then_the_profile_then_the_entity(demo, chef):
    by_entity = TicketTemplate.objects.create(name="Académie", entity=demo.academie)
    MandatoryField.objects.create(template=by_entity, num=Field.IMPACT)
    EntityTemplate.objects.create(entity=demo.academie, template=by_entity)
    with pytest.raises(InvalidInput) as error:  # inherited by the college
        open_lsu_ticket(demo, chef)
    assert error.value.message == MESSAGE + "Impact"
    assert open_lsu_ticket(demo, chef, impact=2).impact == 2
    by_profile = TicketTemplate.objects.create(name="Self-Service", entity=demo.academie)
    MandatoryField.objects.create(template=by_profile, num=Field.PRIORITY)
    ProfileTemplate.objects.create(profile=demo.self_service, template=by_profile)
    with pytest.raises(InvalidInput) as error:
        open_lsu_ticket(demo, chef, impact=2)
    assert error.value.message == MESSAGE + "Priorité"


# --- Pages ------------------------------------------------------------------------------


def _form(demo, **extra):
    return {"type": 1, "category": demo.lsu.pk, "urgency": 3, "title": "LSU bloqué", **extra}


def test_create_page_shows_the_template(demo, lsu_template):
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    page = client.get("/tickets/nouveau/", {"type": 1, "category": demo.lsu.pk}).content.decode()
    assert "Gabarit « Incident LSU » appliqué." in page
    assert "Établissement :\nMessage d&#x27;erreur affiché :</textarea>" in page
    assert 'name="source"' not in page  # hidden
    assert "Priorité : 4 (imposé)" not in page  # priority is not on this form
    plain = client.get("/tickets/nouveau/").content.decode()
    assert "Gabarit" not in plain and 'name="source"' in plain


def test_unchanged_text_is_refused_and_what_was_typed_is_kept(demo, lsu_template):
    client = signed_in(demo, "chef.etab")
    before = Ticket.objects.count()
    response = client.post("/tickets/nouveau/", _form(demo, content=PREDEFINED_TEXT))
    assert response.status_code == 400
    page = response.content.decode()
    assert MESSAGE + "Description" in page
    assert 'value="LSU bloqué"' in page
    assert Ticket.objects.count() == before
    response = client.post("/tickets/nouveau/", _form(demo, content="Erreur 403 à la saisie"))
    assert response.status_code == 302
    ticket = Ticket.objects.latest("pk")
    assert ticket.priority == 4
    assert ticket.actors.filter(role=Role.OBSERVER, group=demo.dsi_bai).exists()


# --- /api/v1 ------------------------------------------------------------------------------


def test_api_enforces_the_template(demo, api_as, lsu_template):
    api = api_as("chef.etab")
    body = {"title": "LSU", "content": PREDEFINED_TEXT, "category": demo.lsu.pk}
    before = Ticket.objects.count()
    refused = api.post("/api/v1/tickets/", body, format="json")
    assert refused.status_code == 400
    assert MESSAGE + "Description" in str(refused.json())
    assert Ticket.objects.count() == before
    body["content"] = "Erreur 403"
    created = api.post("/api/v1/tickets/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["priority"] == 4


def test_api_reads_the_templates(demo, api_as, lsu_template, django_assert_max_num_queries):
    api = api_as("referent.lsu", "Référent fonctionnel")
    with django_assert_max_num_queries(20):
        listed = api.get("/api/v1/ticket-templates/")
    assert listed.status_code == 200
    [one] = listed.json()
    assert one["name"] == "Incident LSU" and one["mandatory"] == [1, 21]
    assert one["predefined"]["21"] == PREDEFINED_TEXT and one["hidden"] == [9]
    assert one["readonly"] == [3] and one["incident_categories"] == [demo.lsu.pk]
    assert api.get(f"/api/v1/ticket-templates/{lsu_template.pk}/").json()["id"] == lsu_template.pk


def test_api_templates_are_refused_to_someone_else(demo, api_as, lsu_template, outsider):
    from escalade.accounts.tokens import create_token

    create_token(outsider.user, "Test", key="tech.bzh-token")
    for login in ("chef.etab", "tech.bzh"):
        api = api_as(login)
        assert api.get("/api/v1/ticket-templates/").json() == []
        assert api.get(f"/api/v1/ticket-templates/{lsu_template.pk}/").status_code == 404
    assert APIClient().get("/api/v1/ticket-templates/").status_code in (401, 403)


# --- GLPI's API ---------------------------------------------------------------------------


def test_glpi_enforces_the_template(demo, glpi_as, lsu_template):
    api = glpi_as("chef.etab")
    before = Ticket.objects.count()
    body = {"name": "LSU", "content": "", "itilcategories_id": demo.lsu.pk, "type": 1}
    refused = api.post("Ticket", {"input": body})
    assert refused.status_code == 400
    assert refused.json() == ["ERROR_GLPI_ADD", MESSAGE + "Description"]
    assert Ticket.objects.count() == before
    body["content"] = "<p>Erreur 403</p>"
    created = api.post("Ticket", {"input": body})
    assert created.status_code == 201
    assert api.get(f"Ticket/{created.json()['id']}").json()["urgency"] == 4


def test_glpi_reads_the_template_and_its_fields(demo, glpi_as, lsu_template):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    template = api.get(f"TicketTemplate/{lsu_template.pk}").json()
    assert template["name"] == "Incident LSU" and template["entities_id"] == demo.academie.pk
    mandatory = api.get("TicketTemplateMandatoryField").json()
    assert {(m["tickettemplates_id"], m["num"]) for m in mandatory} == {
        (lsu_template.pk, 1),
        (lsu_template.pk, 21),
    }
    predefined = {p["num"]: p["value"] for p in api.get("TicketTemplatePredefinedField").json()}
    assert predefined[21] == PREDEFINED_TEXT and predefined[10] == "4"
    assert [h["num"] for h in api.get("TicketTemplateHiddenField").json()] == [9]
    category = api.get(f"ITILCategory/{demo.lsu.pk}").json()
    assert category["tickettemplates_id_incident"] == lsu_template.pk
    assert category["tickettemplates_id_demand"] == 0


@pytest.mark.parametrize(
    "itemtype",
    [
        "TicketTemplate",
        "TicketTemplateMandatoryField",
        "TicketTemplatePredefinedField",
        "TicketTemplateHiddenField",
    ],
)
def test_glpi_templates_are_refused_to_someone_else(
    demo, glpi_as, lsu_template, itemtype, outsider
):
    from escalade.accounts.tokens import create_token

    create_token(outsider.user, "Test", key="tech.bzh-token")
    for login in ("chef.etab", "tech.bzh"):
        api = glpi_as(login)
        listed = api.get(itemtype)
        assert listed.status_code == 200 and listed.json() == []
    one = glpi_as("tech.bzh").get(f"TicketTemplate/{lsu_template.pk}")
    assert one.status_code == 404


# --- Admin -----------------------------------------------------------------------------


def test_admin_edits_templates_in_french(client, demo, lsu_template):
    client.force_login(demo.users["admin"])
    page = client.get(f"/admin/tickettemplates/tickettemplate/{lsu_template.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Champs obligatoires" in text and "Champs prédéfinis" in text
    assert "Champs masqués" in text and "Champs en lecture seule" in text
    for model in ("categorytemplates", "profiletemplate", "entitytemplate", "tickettemplate"):
        assert client.get(f"/admin/tickettemplates/{model}/").status_code == 200


def test_admin_is_refused_to_someone_else(client, demo, lsu_template):
    client.force_login(demo.users["referent.lsu"])
    response = client.get("/admin/tickettemplates/tickettemplate/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

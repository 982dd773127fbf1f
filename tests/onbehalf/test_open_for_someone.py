"""Opening a ticket for someone else: who may name whom, the source, and the entity that
follows the requester's grants; every way in (workflow, pages, /api/v1, GLPI's API)."""

from __future__ import annotations

import pytest

from escalade.accounts.tokens import create_token
from escalade.accounts.who import SESSION_ENTITY, build_who
from escalade.tickets import workflow
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Role, Source, Ticket
from tests.conftest import as_, open_lsu_ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def _actors(ticket: Ticket) -> set[tuple[int, str]]:
    return {(a.role, str(a.party)) for a in ticket.actors.select_related("user", "group")}


# --- The rules (workflow) -----------------------------------------------------------------


def test_referent_opens_for_the_head_of_school_in_her_entity(demo, referent):
    chef = demo.users["chef.etab"]
    ticket = open_lsu_ticket(
        demo,
        referent,
        actors=workflow.Actors(requesters=[chef], observers=[demo.dsi_bai]),
        source=Source.PHONE,
    )
    assert ticket.entity == demo.college  # her grant, not the referent's académie
    assert ticket.created_by == referent.user
    assert ticket.source == Source.PHONE
    actors = _actors(ticket)
    assert (Role.REQUESTER, "Claire Dubois") in actors
    assert (Role.REQUESTER, "Karim Benali") not in actors
    assert (Role.OBSERVER, "DSI-BAI") in actors


def test_an_entity_where_the_requester_may_not_open_is_refused(demo, referent):
    before = Ticket.objects.count()
    with pytest.raises(InvalidInput) as error:
        open_lsu_ticket(
            demo,
            referent,
            entity=demo.lycee,
            actors=workflow.Actors(requesters=[demo.users["chef.etab"]]),
        )
    assert error.value.field == "entity"
    assert "Lycée Victor Hugo" in error.value.message
    assert Ticket.objects.count() == before


def test_requester_outside_the_active_entity_is_refused(demo):
    referent = build_who(
        demo.users["referent.lsu"], profile_id=demo.referent_profile.pk, entity_id=demo.lycee.pk
    )
    with pytest.raises(InvalidInput) as error:
        open_lsu_ticket(
            demo, referent, actors=workflow.Actors(requesters=[demo.users["chef.etab"]])
        )
    assert error.value.field == "requesters"


def test_a_requester_without_delegation_cannot_open_for_a_colleague(demo, chef, adjoint):
    with pytest.raises(InvalidInput) as error:
        open_lsu_ticket(demo, chef, actors=workflow.Actors(requesters=[adjoint]))
    assert error.value.field == "requesters"
    assert not Ticket.objects.filter(actors__user=adjoint).exists()


def test_a_delegate_opens_for_a_member_of_her_group(demo, direction, adjoint):
    chef = as_(demo, "chef.etab")
    ticket = open_lsu_ticket(demo, chef, actors=workflow.Actors(requesters=[adjoint]))
    assert ticket.entity == demo.college
    assert (Role.REQUESTER, "Paul Martin") in _actors(ticket)
    assert ticket.created_by == chef.user


def test_a_delegate_cannot_open_for_someone_outside_her_groups(demo, direction):
    chef = as_(demo, "chef.etab")
    with pytest.raises(InvalidInput):
        open_lsu_ticket(demo, chef, actors=workflow.Actors(requesters=[demo.users["referent.lsu"]]))
    with pytest.raises(InvalidInput):  # a requester group needs the standard interface
        open_lsu_ticket(demo, chef, actors=workflow.Actors(requesters=[direction]))


def test_outsider_cannot_open_for_the_head_of_school(demo, outsider):
    with pytest.raises(InvalidInput):
        workflow.create_ticket(
            by=outsider,
            title="x",
            content="y",
            actors=workflow.Actors(requesters=[demo.users["chef.etab"]]),
        )


# --- Pages ------------------------------------------------------------------------------


def _form(demo, **extra):
    return {
        "type": 1,
        "category": demo.lsu.pk,
        "urgency": 3,
        "title": "Appel de Mme Dubois",
        "content": "Elle n'accède plus à LSU.",
        **extra,
    }


def test_create_page_offers_the_pickers_to_a_referent_only(demo, direction):
    referent = signed_in(demo, "referent.lsu", "Référent fonctionnel").get("/tickets/nouveau/")
    page = referent.content.decode()
    assert 'name="requesters"' in page and 'name="observers"' in page
    assert 'name="assignees"' in page and 'name="source"' in page
    assert ">Téléphone</option>" in page
    tech = signed_in(demo, "tech.bai").get("/tickets/nouveau/").content.decode()
    assert 'name="requesters"' in tech and 'name="assignees"' not in tech  # no ASSIGN right
    chef = signed_in(demo, "chef.etab").get("/tickets/nouveau/").content.decode()
    assert 'name="requesters"' in chef  # a delegate: « pour un autre membre »
    assert 'name="observers"' not in chef and 'name="source"' not in chef
    assert "Paul Martin" in chef


def test_create_page_of_a_requester_without_delegation_has_no_picker(demo):
    page = signed_in(demo, "chef.etab").get("/tickets/nouveau/").content.decode()
    assert 'name="requesters"' not in page and 'name="source"' not in page


def test_referent_opens_by_phone_for_the_head_of_school(demo):
    chef = demo.users["chef.etab"]
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    response = client.post(
        "/tickets/nouveau/",
        _form(
            demo,
            requesters=[f"u{chef.pk}"],
            observers=[f"g{demo.referents.pk}"],
            assignees=[f"g{demo.dsi_bai.pk}"],
            source="phone",
        ),
    )
    assert response.status_code == 302
    ticket = Ticket.objects.latest("pk")
    assert response["Location"] == f"/tickets/{ticket.pk}/"
    assert ticket.source == Source.PHONE and ticket.entity == demo.college
    actors = _actors(ticket)
    assert (Role.REQUESTER, "Claire Dubois") in actors
    assert (Role.OBSERVER, "Référents-LSU") in actors
    assert (Role.ASSIGNED, "DSI-BAI") in actors
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Claire Dubois" in page


def test_a_refused_requester_is_a_form_error_and_keeps_the_text(demo):
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    session = client.session
    session[SESSION_ENTITY] = demo.lycee.pk
    session.save()
    before = Ticket.objects.count()
    # An unknown value and a person outside the reach answer alike.
    chef = demo.users["chef.etab"]  # outside the active entity (the lycée): not pickable
    response = client.post("/tickets/nouveau/", _form(demo, requesters=[f"u{chef.pk}"]))
    assert response.status_code == 400
    assert "proposé par la recherche" in response.content.decode()
    assert "Elle n&#x27;accède plus à LSU." in response.content.decode()
    assert Ticket.objects.count() == before


def test_a_delegate_opens_for_a_member_from_the_simplified_form(demo, direction, adjoint):
    client = signed_in(demo, "chef.etab")
    response = client.post("/tickets/nouveau/", _form(demo, requesters=[f"u{adjoint.pk}"]))
    assert response.status_code == 302
    ticket = Ticket.objects.latest("pk")
    assert (Role.REQUESTER, "Paul Martin") in _actors(ticket)
    assert ticket.source == Source.HELPDESK


def test_requester_without_delegation_posting_a_requester_is_refused(demo, adjoint):
    client = signed_in(demo, "chef.etab")
    before = Ticket.objects.count()
    response = client.post(
        "/tickets/nouveau/", _form(demo, requesters=[f"u{adjoint.pk}"], source="phone")
    )
    # The fields are not offered: ignored, the ticket is hers, from the helpdesk.
    assert response.status_code == 302
    ticket = Ticket.objects.latest("pk")
    assert Ticket.objects.count() == before + 1
    assert _actors(ticket) >= {(Role.REQUESTER, "Claire Dubois")}
    assert (Role.REQUESTER, "Paul Martin") not in _actors(ticket)
    assert ticket.source == Source.HELPDESK


def test_search_as_you_type_finds_the_requester(demo):
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    chef = demo.users["chef.etab"]
    response = client.get("/tickets/nouveau/acteurs/", {"role": 1, "q": "dubo"})
    assert response.status_code == 200
    assert f'value="u{chef.pk}"' in response.content.decode()
    kept = client.get(
        "/tickets/nouveau/acteurs/", {"role": 1, "q": "benali", "requesters": f"u{chef.pk}"}
    ).content.decode()
    assert f'<option value="u{chef.pk}" selected>Claire Dubois</option>' in kept
    assert "Karim Benali" in kept


def test_search_is_refused_to_someone_without_the_right(demo):
    client = signed_in(demo, "chef.etab")
    for role in (1, 2, 3):
        assert client.get("/tickets/nouveau/acteurs/", {"role": role, "q": "a"}).status_code == 403
    tech = signed_in(demo, "tech.bai")
    assert tech.get("/tickets/nouveau/acteurs/", {"role": 2, "q": "a"}).status_code == 403


def test_search_of_an_outsider_finds_nobody_of_the_demo(demo, outsider):
    from django.test import Client

    client = Client()
    client.force_login(outsider.user)
    page = client.get("/tickets/nouveau/acteurs/", {"role": 1, "q": "dubois"}).content.decode()
    assert "Claire Dubois" not in page
    response = client.post(
        "/tickets/nouveau/", _form(demo, category="", requesters=[f"u{demo.users['chef.etab'].pk}"])
    )
    assert response.status_code == 400
    assert not Ticket.objects.filter(created_by=outsider.user).exists()


def test_a_delegate_searches_only_her_groups(demo, direction, adjoint):
    client = signed_in(demo, "chef.etab")
    page = client.get("/tickets/nouveau/acteurs/", {"role": 1, "q": "a"}).content.decode()
    assert "Paul Martin" in page and "Karim Benali" not in page
    assert client.get("/tickets/nouveau/acteurs/", {"role": 3, "q": "a"}).status_code == 403


def test_search_needs_signing_in(client):
    response = client.get("/tickets/nouveau/acteurs/", {"role": 1, "q": "dubois"})
    assert response.status_code == 302 and "/compte/" in response["Location"]


# --- /api/v1 ------------------------------------------------------------------------------


def _body(demo, **extra):
    return {
        "title": "Appel",
        "content": "Mme Dubois n'accède plus à LSU.",
        "category": demo.lsu.pk,
        **extra,
    }


def test_api_referent_opens_for_the_head_of_school(demo, api_as):
    chef = demo.users["chef.etab"]
    api = api_as("referent.lsu", "Référent fonctionnel")
    response = api.post(
        "/api/v1/tickets/",
        _body(demo, requesters=[chef.pk], observer_groups=[demo.dsi_bai.pk], source="phone"),
        format="json",
    )
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert ticket.source == Source.PHONE and ticket.entity == demo.college
    assert (Role.REQUESTER, "Claire Dubois") in _actors(ticket)


def test_api_refuses_an_entity_the_requester_cannot_use(demo, api_as):
    api = api_as("referent.lsu", "Référent fonctionnel")
    before = Ticket.objects.count()
    response = api.post(
        "/api/v1/tickets/",
        _body(demo, requesters=[demo.users["chef.etab"].pk], entity=demo.lycee.pk),
        format="json",
    )
    assert response.status_code == 400
    assert "Lycée Victor Hugo" in str(response.json())
    assert Ticket.objects.count() == before


def test_api_source_needs_the_standard_interface(demo, api_as):
    response = api_as("chef.etab").post(
        "/api/v1/tickets/", _body(demo, source="phone"), format="json"
    )
    assert response.status_code == 400
    assert "source" in str(response.json())


def test_api_delegate_and_someone_else(demo, api_as, direction, adjoint, outsider):
    ok = api_as("chef.etab").post(
        "/api/v1/tickets/", _body(demo, requesters=[adjoint.pk]), format="json"
    )
    assert ok.status_code == 201, ok.content
    refused = api_as("chef.etab").post(
        "/api/v1/tickets/", _body(demo, requesters=[demo.users["referent.lsu"].pk]), format="json"
    )
    assert refused.status_code == 400
    create_token(outsider.user, "Test", key="tech.bzh-token")
    before = Ticket.objects.count()
    stranger = api_as("tech.bzh").post(
        "/api/v1/tickets/",
        _body(demo, category=None, requesters=[demo.users["chef.etab"].pk]),
        format="json",
    )
    assert stranger.status_code == 400
    assert "Utilisateur introuvable" in str(stranger.json())
    assert Ticket.objects.count() == before


def test_api_schema_documents_the_source(client):
    schema = client.get("/api/schema/").content.decode()
    assert "requesttypes_id" in schema and "- phone" in schema


# --- GLPI's API ---------------------------------------------------------------------------


def _glpi_ticket(**extra):
    return {"input": {"name": "Appel", "content": "<p>Plus d'accès à LSU</p>", **extra}}


def test_glpi_referent_opens_for_the_head_of_school_by_phone(demo, glpi_as):
    chef = demo.users["chef.etab"]
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    response = api.post(
        "Ticket",
        _glpi_ticket(
            itilcategories_id=demo.lsu.pk,
            _users_id_requester=chef.pk,
            _users_id_observer=[demo.users["referent2.lsu"].pk],
            _groups_id_observer=demo.referents.pk,
            _groups_id_assign=demo.dsi_bai.pk,
            _users_id_assign=demo.users["tech.bai"].pk,
            requesttypes_id=3,
        ),
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    ticket = Ticket.objects.get(pk=pk)
    assert ticket.entity == demo.college and ticket.source == Source.PHONE
    actors = _actors(ticket)
    assert {
        (Role.REQUESTER, "Claire Dubois"),
        (Role.OBSERVER, "Julie Moreau"),
        (Role.OBSERVER, "Référents-LSU"),
        (Role.ASSIGNED, "DSI-BAI"),
        (Role.ASSIGNED, "Thomas Leroy"),
    } <= actors
    read = api.get(f"Ticket/{pk}").json()
    assert read["requesttypes_id"] == 3 and read["entities_id"] == demo.college.pk
    users = api.get(f"Ticket/{pk}/Ticket_User").json()
    assert {(u["users_id"], u["type"]) for u in users} >= {(chef.pk, 1)}


def test_glpi_refuses_an_entity_the_requester_cannot_use(demo, glpi_as):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    before = Ticket.objects.count()
    response = api.post(
        "Ticket",
        _glpi_ticket(_users_id_requester=demo.users["chef.etab"].pk, entities_id=demo.lycee.pk),
    )
    assert response.status_code == 400
    assert response.json()[0] == "ERROR_GLPI_ADD"
    assert "Lycée Victor Hugo" in response.json()[1]
    assert Ticket.objects.count() == before


def test_glpi_self_service_cannot_choose_a_requester_or_a_source(demo, glpi_as, adjoint):
    api = glpi_as("chef.etab")
    before = Ticket.objects.count()
    assert api.post("Ticket", _glpi_ticket(_users_id_requester=adjoint.pk)).status_code == 400
    assert api.post("Ticket", _glpi_ticket(requesttypes_id=3)).status_code == 400
    assert Ticket.objects.count() == before
    helpdesk = api.post("Ticket", _glpi_ticket(requesttypes_id=1))
    assert helpdesk.status_code == 201


def test_glpi_delegate_opens_for_a_member_and_sees_the_flag(demo, glpi_as, direction, adjoint):
    api = glpi_as("chef.etab")
    response = api.post("Ticket", _glpi_ticket(_users_id_requester=adjoint.pk))
    assert response.status_code == 201, response.content
    assert (Role.REQUESTER, "Paul Martin") in _actors(Ticket.objects.get(pk=response.json()["id"]))
    tech = glpi_as("tech.bai")
    rows = tech.get("Group_User", {"range": "0-200"}).json()
    delegates = {(r["users_id"], r["groups_id"]) for r in rows if r["is_userdelegate"] == 1}
    assert delegates == {(demo.users["chef.etab"].pk, direction.pk)}


def test_glpi_outsider_cannot_open_for_the_head_of_school(demo, glpi_as, outsider):
    create_token(outsider.user, "Test", key="tech.bzh-token")
    api = glpi_as("tech.bzh")
    before = Ticket.objects.count()
    response = api.post("Ticket", _glpi_ticket(_users_id_requester=demo.users["chef.etab"].pk))
    assert response.status_code == 400
    assert Ticket.objects.count() == before


def test_redrawing_the_form_keeps_the_chosen_people(demo):
    """Choosing a category draws the form again (htmx GET with the form's values)."""
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    chef, referent2 = demo.users["chef.etab"], demo.users["referent2.lsu"]
    page = client.get(
        "/tickets/nouveau/",
        {"category": demo.lsu.pk, "observers": [f"u{chef.pk}", f"u{referent2.pk}"]},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert f'<option value="u{chef.pk}" selected>Claire Dubois</option>' in page
    assert f'<option value="u{referent2.pk}" selected>Julie Moreau</option>' in page

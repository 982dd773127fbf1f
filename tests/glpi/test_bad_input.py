"""Malformed GLPI API requests get a GLPI error array, never a server error."""

from __future__ import annotations

import pytest

from escalade.tickets.models import Followup, Ticket
from tests.conftest import open_lsu_ticket

BAD_POSTS = [
    ("Ticket", {"input": {"name": {"a": 1}, "content": ["x"], "type": [1], "urgency": "high"}}),
    ("Ticket", {"input": {"name": "x", "content": "y", "itilcategories_id": "abc"}}),
    ("Ticket", {"input": {"name": "x", "content": "y", "entities_id": 999999}}),
    ("Ticket", {"input": "not an object"}),
    ("Ticket", {"input": []}),
    ("ITILFollowup", {"input": {"itemtype": "Computer", "items_id": 1, "content": "x"}}),
    ("ITILFollowup", {"input": {"content": "no ticket"}}),
    ("TicketTask", {"input": {"tickets_id": "abc", "content": "x"}}),
    ("Ticket_User", {"input": {"tickets_id": 1, "type": 9, "users_id": 1}}),
    ("Document", {"input": {"name": "nothing uploaded"}}),
    ("Group", {"input": {"name": "x"}}),
]


@pytest.mark.parametrize(("path", "body"), BAD_POSTS)
def test_bad_posts_get_an_error_array_and_change_nothing(demo, chef, glpi_as, path, body):
    open_lsu_ticket(demo, chef)
    response = glpi_as("chef.etab").post(path, body)
    assert 400 <= response.status_code < 500, response.content
    code, message = response.json()
    assert code.startswith("ERROR") and message
    assert Ticket.objects.count() == 1
    assert not Followup.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"range": "a-b"},
        {"range": "9-1"},
        {"order": "SIDEWAYS"},
        {"sort": "x; DROP"},
        {"searchText[password]": "x"},
    ],
)
def test_bad_list_parameters(glpi_as, demo, params):
    response = glpi_as("chef.etab").get("Ticket", params)
    assert response.status_code == 400
    assert response.json()[0] == "ERROR"


@pytest.mark.parametrize(
    "params",
    [
        {
            "criteria[0][field]": 15,
            "criteria[0][searchtype]": "lessthan",
            "criteria[0][value]": "yesterday-ish",
        },
        {"criteria[0][field]": 7, "criteria[0][searchtype]": "under", "criteria[0][value]": "x"},
        {"criteria[0][field]": 12, "criteria[0][searchtype]": "equals", "criteria[0][value]": "z"},
        {
            "criteria[0][link]": "XOR",
            "criteria[0][field]": 1,
            "criteria[0][searchtype]": "contains",
            "criteria[0][value]": "x",
        },
        {
            "criteria[0][meta]": 1,
            "criteria[0][itemtype]": "Computer",
            "criteria[0][field]": 1,
            "criteria[0][searchtype]": "contains",
            "criteria[0][value]": "x",
        },
        {"forcedisplay[0]": 999},
        {"criteria": "oops"},
    ],
)
def test_bad_search_parameters(glpi_as, demo, params):
    response = glpi_as("chef.etab").get("search/Ticket", params)
    assert response.status_code == 400, response.content
    assert response.json()[0] == "ERROR"


def test_invalid_json_and_unknown_method(glpi_as, demo):
    api = glpi_as("chef.etab")
    response = api.client.generic(
        "POST",
        "/apirest.php/Ticket",
        "{not json",
        content_type="application/json",
        headers=api.headers(),
    )
    assert response.json()[0] == "ERROR_JSON_PAYLOAD_INVALID"
    response = api.send("DELETE", "getMyProfiles")
    assert (response.status_code, response.json()[0]) == (405, "ERROR_METHOD_NOT_ALLOWED")

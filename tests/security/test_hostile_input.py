"""Hostile values get a 4xx with a message, never a 5xx, and the CSV stream never breaks.

One example per path named in the issue; ``test_hostile_fuzz`` throws generated values at
every parameter. All of these answered 500 (or cut the export) before
``escalade.core.parsing``.
"""

from __future__ import annotations

import pytest

from escalade.core import parsing
from escalade.tickets.models import Ticket
from tests.security.conftest import DEEP_JSON, HUGE, HUGER, Glpi, api, read, web

# --- The web list and its CSV export --------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"onglet": "tous", "f": "category", "o": "is", "v": HUGE},
        {"onglet": "tous", "f": "entity", "o": "under", "v": HUGER},
        {"onglet": "tous", "f": "requester", "o": "is", "v": "u²"},
        {"onglet": "tous", "f": "opened_at", "o": "after", "v": "0001-01-01"},
        {"onglet": "tous", "f": "title", "o": "contains", "v": "a\x00b"},
        {"onglet": "tous", "f": "status", "o": "is", "v": HUGER},
    ],
)
@pytest.mark.parametrize("path", ["/tickets/", "/tickets/export.csv"])
def test_bad_filter_values_are_a_clear_error_on_the_list_and_the_export(
    demo, lsu_ticket, path, params
):
    response = web(demo).get(path, params)

    body = read(response).decode()
    if path.endswith(".csv"):
        assert response.status_code == 400
        assert "Valeur incorrecte" in body
    else:
        assert response.status_code == 200
        assert "Valeur incorrecte" in body
        assert "Accès impossible à LSU" not in body  # no rows from a broken filter


@pytest.mark.parametrize("page", [HUGE, HUGER, "-" + HUGE, "1e9", "²"])
def test_page_numbers_past_any_bound_show_the_last_page(demo, lsu_ticket, page):
    response = web(demo, "admin").get("/tickets/", {"onglet": "tous", "page": page})

    assert response.status_code == 200
    assert "Accès impossible à LSU" in response.content.decode()


def test_the_export_of_a_good_filter_streams_every_row(demo, lsu_ticket):
    response = web(demo, "admin").get("/tickets/export.csv", {"onglet": "tous", "f": ""})

    lines = read(response).decode().splitlines()
    assert response.status_code == 200
    assert len(lines) == 1 + Ticket.objects.count()


def test_a_huge_ticket_id_in_the_url_is_not_found(demo, lsu_ticket):
    assert web(demo).get(f"/tickets/{HUGER}/").status_code == 404


# --- /api/v1 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"category": HUGE},
        {"assigned_group": HUGER},
        {"entity": "-" + HUGE},
        {"page": HUGE},
        {"page_size": HUGER},
        {"opened_after": "0001-01-01T00:00:00"},
        {"updated_before": "9999-12-31T23:59:59"},
        {"q": "a\x00b"},
    ],
)
def test_api_filters_out_of_bounds_are_400(demo, lsu_ticket, params):
    response = api().get("/api/v1/tickets/", params)

    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_api_ids_past_bigint_in_a_body_are_400(demo):
    response = api("chef.etab").post(
        "/api/v1/tickets/",
        {"title": "x", "content": "y", "category": int(HUGER), "requesters": [2**64]},
        content_type="application/json",
    )

    assert response.status_code == 400, response.content
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/tickets/", "/api/v1/tokens/"])
def test_api_a_deeply_nested_json_body_is_400(demo, path):
    response = api("chef.etab").post(path, DEEP_JSON, content_type="application/json")

    assert response.status_code == 400
    assert "imbriqué" in response.json()["detail"]
    assert not Ticket.objects.exists()


# --- GLPI's /apirest.php ---------------------------------------------------------------------


def criteria(field: int, searchtype: str, value: str) -> dict[str, str]:
    return {
        "criteria[0][field]": str(field),
        "criteria[0][searchtype]": searchtype,
        "criteria[0][value]": value,
    }


@pytest.mark.parametrize(
    "params",
    [
        criteria(2, "equals", HUGE),  # ID
        criteria(7, "equals", HUGER),  # category
        criteria(5, "equals", HUGE),  # assigned user
        criteria(8, "notequals", HUGE),  # assigned group
        criteria(80, "equals", "-" + HUGE),  # entity
        criteria(15, "morethan", "+9999 YEAR"),
        criteria(15, "lessthan", "-9999 YEAR"),
        criteria(15, "equals", "0001-01-01"),
        criteria(19, "morethan", "9999-12-31 23:59:59"),
        criteria(1, "contains", "a\x00b"),
    ],
)
def test_glpi_search_hostile_values_are_400(glpi, lsu_ticket, params):
    response = glpi.get("search/Ticket", params)

    assert response.status_code == 400, response.content
    code, message = response.json()
    assert code == "ERROR" and "Critères de recherche mal formés" in message


def test_glpi_search_relative_dates_in_bounds_still_work(demo, lsu_ticket):
    response = Glpi("admin").get("search/Ticket", criteria(15, "morethan", "-1 YEAR"))

    assert response.status_code == 200
    assert response.json()["data"][0]["2"] == lsu_ticket.pk


@pytest.mark.parametrize(
    "extra",
    [
        {"_users_id_requester": int(HUGE)},
        {"_users_id_observer": [HUGER]},
        {"_groups_id_assign": 1e400},
        {"urgency": 1e400},
        {"itilcategories_id": int(HUGER)},
        {"entities_id": HUGE},
    ],
)
def test_glpi_ticket_input_ids_past_bigint_are_400(demo, glpi, extra):
    response = glpi.send("POST", "Ticket", {"input": {"name": "x", "content": "y", **extra}})

    assert response.status_code == 400, response.content
    assert response.json()[0] == "ERROR_GLPI_ADD"
    assert not Ticket.objects.exists()


def test_glpi_an_item_id_past_bigint_is_not_found(glpi):
    response = glpi.get(f"Ticket/{HUGER}")

    assert (response.status_code, response.json()[0]) == (404, "ERROR_ITEM_NOT_FOUND")


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_glpi_a_deeply_nested_json_body_is_400(glpi, lsu_ticket, method):
    path = "Ticket" if method == "POST" else f"Ticket/{lsu_ticket.pk}"
    response = glpi.send(method, path, '{"input": ' + DEEP_JSON + "}")

    assert response.status_code == 400
    code, message = response.json()
    assert code == "ERROR_JSON_PAYLOAD_INVALID" and "imbriqué" in message


# --- The parsers themselves -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [HUGE, HUGER, 2**63, float("inf"), float("nan"), 1.5, "1.0", "", "²", None, []]
)
def test_object_id_refuses_what_no_database_holds(value):
    with pytest.raises(parsing.BadValue):
        parsing.object_id(value)


@pytest.mark.parametrize("value", ["1", " 42 ", 7, 3.0, str(2**63 - 1)])
def test_object_id_takes_real_ids(value):
    assert parsing.object_id(value) == int(float(value)) if value != str(2**63 - 1) else True


def test_json_depth_counts_brackets_outside_strings_only():
    assert parsing.json_body('{"a": "' + "[" * 1000 + '"}') == {"a": "[" * 1000}
    with pytest.raises(parsing.BadValue):
        parsing.json_body("[" * 65 + "]" * 65)
    assert parsing.json_body("[" * 64 + "]" * 64)

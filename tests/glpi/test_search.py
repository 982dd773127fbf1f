"""search/Ticket: GLPI criteria over option ids, allowlisted, within visibility."""

from __future__ import annotations

from escalade.tickets import workflow
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket


def _ids(body):
    return sorted(row["2"] for row in body.get("data", []))


def test_status_meta_values_and_default_notold(demo, chef, referent, glpi_as):
    open_ticket = open_lsu_ticket(demo, chef, title="Ouvert")
    solved = open_lsu_ticket(demo, chef, title="Résolu")
    workflow.add_solution(solved, by=referent, content="Fait")
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    assert _ids(api.get("search/Ticket").json()) == [open_ticket.pk]
    every = api.get(
        "search/Ticket",
        {
            "criteria[0][field]": 12,
            "criteria[0][searchtype]": "equals",
            "criteria[0][value]": "all",
        },
    ).json()
    assert _ids(every) == sorted([open_ticket.pk, solved.pk])
    old = api.get(
        "search/Ticket",
        {
            "criteria[0][field]": 12,
            "criteria[0][searchtype]": "Equals",
            "criteria[0][value]": "old",
        },
    ).json()
    assert _ids(old) == [solved.pk]
    assert old["data"][0]["12"] == Status.SOLVED


def test_text_actor_nested_criteria_forcedisplay_sort_range(demo, chef, glpi_as):
    a = open_lsu_ticket(demo, chef, title="Bulletin bloqué", urgency=5)
    b = open_lsu_ticket(demo, chef, title="Export impossible", urgency=2)
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    body = api.get(
        "search/Ticket",
        {
            "criteria[0][field]": 4,
            "criteria[0][searchtype]": "contains",
            "criteria[0][value]": "chef",
            "criteria[1][link]": "AND",
            "criteria[1][criteria][0][field]": 1,
            "criteria[1][criteria][0][searchtype]": "contains",
            "criteria[1][criteria][0][value]": "^bulletin",
            "criteria[1][criteria][1][link]": "OR",
            "criteria[1][criteria][1][field]": 10,
            "criteria[1][criteria][1][searchtype]": "lessthan",
            "criteria[1][criteria][1][value]": 3,
            "forcedisplay[0]": 21,
            "sort": 10,
            "order": "DESC",
            "range": "0-0",
        },
    )
    assert body.status_code == 206
    data = body.json()
    assert (data["totalcount"], data["count"]) == (2, 1)
    assert data["data"][0]["2"] == a.pk and "21" in data["data"][0]
    assert data["data"][0]["4"] == "chef.etab"
    assert data["content-range"] == "0-0/2"
    assert body["Content-Range"] == "0-0/2"
    negated = api.get(
        "search/Ticket",
        {
            "criteria[0][field]": 1,
            "criteria[0][searchtype]": "contains",
            "criteria[0][value]": "export",
            "criteria[1][link]": "OR NOT",
            "criteria[1][field]": 2,
            "criteria[1][searchtype]": "equals",
            "criteria[1][value]": a.pk,
        },
    ).json()
    assert _ids(negated) == [b.pk]


def test_malformed_or_unknown_criteria_are_400(glpi_as, demo):
    api = glpi_as("chef.etab")
    missing = api.get(
        "search/Ticket", {"criteria[0][field]": 1, "criteria[0][searchtype]": "contains"}
    )
    assert (missing.status_code, missing.json()[0]) == (400, "ERROR")
    unknown = api.get(
        "search/Ticket",
        {
            "criteria[0][field]": "999",
            "criteria[0][searchtype]": "contains",
            "criteria[0][value]": "x",
        },
    )
    assert unknown.status_code == 400
    injection = api.get(
        "search/Ticket",
        {"criteria[0][field]": "1", "criteria[0][searchtype]": "regex", "criteria[0][value]": ".*"},
    )
    assert injection.status_code == 400
    assert api.get("search/Ticket", {"sort": "password"}).status_code == 400


def test_no_rows_means_no_data_key(glpi_as, demo):
    body = glpi_as("chef.etab").get("search/Ticket").json()
    assert body["totalcount"] == 0 and "data" not in body


def test_list_search_options(glpi_as, demo):
    options = glpi_as("chef.etab").get("listSearchOptions/Ticket").json()
    assert options["12"]["field"] == "status"
    assert options["1"]["uid"] == "Ticket.name"
    assert set(options) >= {
        "common",
        "1",
        "2",
        "3",
        "4",
        "5",
        "7",
        "8",
        "10",
        "12",
        "14",
        "15",
        "19",
        "21",
        "65",
        "66",
        "71",
        "80",
    }


def test_search_query_count_does_not_grow_with_rows(
    demo, chef, glpi_as, django_assert_max_num_queries
):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    open_lsu_ticket(demo, chef)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        api.get("search/Ticket")
    for n in range(5):
        open_lsu_ticket(demo, chef, title=f"T{n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert api.get("search/Ticket").json()["count"] == 6


def test_totalcount_counts_ahead_of_the_range_and_paging_reaches_every_row(
    demo, chef, glpi_as, monkeypatch
):
    """Past 1,000 rows the total is counted five ranges ahead; a client paging until its
    range passes totalcount still gets every ticket, once."""
    from escalade.tickets import paging

    monkeypatch.setattr(paging, "COUNT_AT_LEAST", 3)
    monkeypatch.setattr(paging, "PAGES_AHEAD", 1)
    created = {open_lsu_ticket(demo, chef, title=f"Ticket {n}").pk for n in range(7)}
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    first = api.get("search/Ticket", {"range": "0-1"})
    assert first.status_code == 206
    assert first.json()["totalcount"] == 4 and first["Content-Range"] == "0-1/4"
    seen, start, total = [], 0, 1
    while start < total:  # how GLPI clients page: until the range passes totalcount
        body = api.get("search/Ticket", {"range": f"{start}-{start + 1}"}).json()
        seen += [row["2"] for row in body.get("data", [])]
        total, start = body["totalcount"], start + 2
    assert sorted(seen) == sorted(created)
    assert total == 7  # exact once the end is within reach

"""Property: no hostile value in any parameter or JSON field makes Escalade answer 5xx.

Hypothesis draws values of every kind the parsers of ``escalade.core.parsing`` handle —
integers past 2^63, ids, page numbers, dates and GLPI's relative dates, text with NUL and
format characters, JSON numbers such as 1e400 and nested documents — and sends each one as
one parameter of the web list, the CSV export, /api/v1 and /apirest.php (reads, searches and
writes). The examples are few per surface, so the whole file runs in seconds, on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escalade.tickets.search import FIELDS, OPERATORS
from tests.security.conftest import Glpi, api, read, web

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same values on every run: a failure is reproducible
)

huge_ints = st.one_of(
    st.integers(min_value=2**63 - 2, max_value=2**70),
    st.integers(min_value=-(2**70), max_value=-(2**63) + 2),
    st.integers(min_value=-3, max_value=3),
)
dates = st.one_of(
    st.sampled_from(
        [
            "+9999 YEAR",
            "-9999 YEAR",
            "+999999999 DAY",
            "-5 MINUTE",
            "0001-01-01",
            "9999-12-31",
            "9999-12-31 23:59:59",
            "0001-01-01T00:00:00",
            "0000-00-00",
            "NOW",
            "BEGINMONTH",
        ]
    ),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
)
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from("\x00\u202e\u200b\ufeff²٣'\"%_\\[]{}<>&;-+ u g"), max_size=12),
    st.sampled_from(["u" + str(2**64), "g²", "mine", "notold", "1e400", "NaN", "-0", "²"]),
)
scalars = st.one_of(huge_ints.map(str), dates, texts)
json_values = st.one_of(
    huge_ints,
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 0.5, True, False, None]),
    scalars,
    st.lists(st.one_of(huge_ints, scalars), max_size=3),
    st.dictionaries(st.sampled_from(["id", "0", "a"]), huge_ints, max_size=2),
)


def assert_no_server_error(response: Any, what: Any) -> None:
    body = read(response)  # a stream that breaks raises here
    assert response.status_code < 500, (what, response.status_code, body[:500])


# --- Web list and CSV export ------------------------------------------------------------------

LIST_PARAMETERS = ["onglet", "tri", "col", "page", "par_page", "retirer", "compte", "ajouter_ligne"]


@pytest.mark.parametrize("path", ["/tickets/", "/tickets/export.csv"])
def test_web_list_and_export_never_answer_5xx(demo, lsu_ticket, path):
    client = web(demo, "referent.lsu", demo.referent_profile)

    @EXAMPLES
    @given(
        data=st.one_of(
            st.tuples(st.sampled_from(LIST_PARAMETERS), scalars).map(lambda p: {p[0]: p[1]}),
            st.tuples(
                st.sampled_from(sorted(FIELDS)), st.sampled_from(sorted(OPERATORS)), scalars
            ).map(lambda p: {"onglet": "tous", "f": p[0], "o": p[1], "v": p[2]}),
        )
    )
    def check(data):
        assert_no_server_error(client.get(path, data), data)

    check()


# --- /api/v1 ----------------------------------------------------------------------------------

API_FILTERS = [
    "status",
    "category",
    "category_under",
    "type",
    "urgency",
    "priority",
    "requester",
    "requester_group",
    "assigned_user",
    "assigned_group",
    "observer",
    "observer_group",
    "entity",
    "q",
    "opened_after",
    "opened_before",
    "updated_after",
    "updated_before",
    "ordering",
    "page",
    "page_size",
    "count",
]
API_CREATE_FIELDS = [
    "title",
    "content",
    "type",
    "category",
    "urgency",
    "impact",
    "priority",
    "entity",
    "requesters",
    "requester_groups",
    "observers",
    "observer_groups",
    "assigned_users",
    "assigned_groups",
]


@EXAMPLES
@given(name=st.sampled_from(API_FILTERS), value=scalars)
def test_api_list_filters_never_answer_5xx(demo, lsu_ticket, name, value):
    assert_no_server_error(api().get("/api/v1/tickets/", {name: value}), (name, value))


@EXAMPLES
@given(
    header=st.sampled_from(["HTTP_X_ESCALADE_PROFILE", "HTTP_X_ESCALADE_ENTITY"]),
    value=huge_ints.map(str),
)
def test_api_context_headers_never_answer_5xx(demo, header, value):
    response = api().get("/api/v1/me/", **{header: value})
    assert_no_server_error(response, (header, value))


@EXAMPLES
@given(name=st.sampled_from(API_CREATE_FIELDS), value=json_values)
def test_api_ticket_fields_never_answer_5xx(demo, name, value):
    body = {"title": "Imprimante", "content": "En panne", name: value}
    response = api("chef.etab").post(
        "/api/v1/tickets/", json.dumps(body), content_type="application/json"
    )
    assert_no_server_error(response, body)


# --- GLPI's /apirest.php ------------------------------------------------------------------------

SEARCH_PARAMETERS = ["sort", "order", "range", "forcedisplay[0]", "is_deleted"]
GLPI_TICKET_FIELDS = [
    "name",
    "content",
    "type",
    "status",
    "urgency",
    "impact",
    "priority",
    "itilcategories_id",
    "entities_id",
    "requesttypes_id",
    "_users_id_requester",
    "_users_id_observer",
    "_users_id_assign",
    "_groups_id_requester",
    "_groups_id_observer",
    "_groups_id_assign",
]


SEARCHES = st.one_of(
    st.tuples(st.sampled_from(SEARCH_PARAMETERS), scalars).map(lambda p: {p[0]: p[1]}),
    st.tuples(
        st.sampled_from([1, 2, 3, 4, 5, 7, 8, 10, 12, 15, 16, 17, 19, 65, 66, 71, 80]),
        st.sampled_from(["equals", "notequals", "contains", "lessthan", "morethan", "under"]),
        scalars,
    ).map(
        lambda p: {
            "criteria[0][field]": str(p[0]),
            "criteria[0][searchtype]": p[1],
            "criteria[0][value]": p[2],
        }
    ),
)


def test_glpi_search_never_answers_5xx(demo, lsu_ticket):
    glpi = Glpi("referent.lsu")

    @EXAMPLES
    @given(data=SEARCHES)
    def check(data):
        assert_no_server_error(glpi.get("search/Ticket", data), data)

    check()


def test_glpi_ticket_input_never_answers_5xx(demo, lsu_ticket):
    glpi = Glpi("tech.bai")

    @EXAMPLES
    @given(name=st.sampled_from(GLPI_TICKET_FIELDS), value=json_values)
    def check(name, value):
        body = {"input": {"name": "Imprimante", "content": "En panne", name: value}}
        assert_no_server_error(glpi.send("POST", "Ticket", body), body)
        assert_no_server_error(glpi.send("PUT", f"Ticket/{lsu_ticket.pk}", body), body)

    check()


def test_glpi_followup_input_never_answers_5xx(demo, lsu_ticket):
    glpi = Glpi("chef.etab")
    fields = ["items_id", "is_private", "content", "itemtype", "requesttypes_id"]

    @EXAMPLES
    @given(name=st.sampled_from(fields), value=json_values)
    def check(name, value):
        body = {
            "input": {"itemtype": "Ticket", "items_id": lsu_ticket.pk, "content": "Ok", name: value}
        }
        assert_no_server_error(glpi.send("POST", "ITILFollowup", body), body)

    check()


def test_nested_json_bodies_never_answer_5xx(demo):
    glpi, client = Glpi("chef.etab"), api("chef.etab")

    @settings(EXAMPLES, max_examples=8)
    @given(
        depth=st.sampled_from([65, 1_000, 50_000]) | st.integers(min_value=65, max_value=5_000),
        opener=st.sampled_from(["[", '{"a":']),
    )
    def check(depth, opener):
        closer = "]" if opener == "[" else "}"
        raw = '{"input": ' + opener * depth + "1" + closer * depth + "}"
        assert_no_server_error(glpi.send("POST", "Ticket", raw), depth)
        response = client.post("/api/v1/tickets/", raw, content_type="application/json")
        assert_no_server_error(response, depth)

    check()


# --- The other parameters: pickers, directory lists, GLPI item lists ---------------------------


def test_pickers_and_directory_lists_never_answer_5xx(demo, lsu_ticket):
    client = web(demo, "referent.lsu", demo.referent_profile)
    token = api("referent.lsu")
    glpi = Glpi("referent.lsu")
    targets = [
        ("web", "/tickets/acteurs/", "q"),
        ("web", f"/tickets/{lsu_ticket.pk}/acteurs/recherche/", "q"),
        ("web", f"/tickets/{lsu_ticket.pk}/acteurs/recherche/", "role"),
        ("web", "/compte/entites/", "q"),
        ("web", "/compte/entites/", "page"),
        ("api", "/api/v1/users/", "q"),
        ("api", "/api/v1/groups/", "q"),
        ("api", "/api/v1/categories/", "type"),
        ("api", "/api/v1/categories/", "page"),
        ("glpi", "Ticket", "searchText[name]"),
        ("glpi", "User", "searchText[all]"),
        ("glpi", "Ticket", "range"),
        ("glpi", "Ticket", "sort"),
        ("glpi", f"Ticket/{lsu_ticket.pk}/ITILFollowup", "range"),
        ("glpi", "Group", "only_id"),
    ]

    @EXAMPLES
    @given(target=st.sampled_from(targets), value=scalars)
    def check(target, value):
        kind, path, name = target
        if kind == "glpi":
            response = glpi.get(path, {name: value})
        else:
            response = (client if kind == "web" else token).get(path, {name: value})
        assert_no_server_error(response, (target, value))

    check()
